/**
 * The social index from stored data: every status, dynamics and context indicator of the
 * definition and the population, read as the map reads them (one level, one period, the
 * caller's audience; disclosure control for everyone but planners), joined by area and
 * handed to the engine (src/core/social-index). Writes nothing.
 */
import { parsePeriod, yearsBefore, type Period } from "../../core/periods/period.ts";
import { mayBypassDisclosure, type Audience } from "../../core/publication/publication.ts";
import { err, type Result } from "../../core/result.ts";
import {
  computeIndex,
  type IndexInputArea,
  type IndexResult,
} from "../../core/social-index/compute.ts";
import type { IndexDefinition } from "../../core/social-index/definition.ts";
import type { ServiceContext } from "../context.ts";
import { readIndicatorColumns } from "../indicators/indicator-values.ts";
import type { Workspace } from "../workspaces.ts";

export interface StoredIndexRequest {
  readonly period?: string | undefined;
  readonly level?: string | undefined;
  /** The indicator with the inhabitants of each area (for the minimum population). */
  readonly populationIndicator: string;
  readonly audience: Audience;
}

export interface StoredIndexResult {
  readonly level: string;
  readonly period: string;
  readonly result: IndexResult;
}

export async function computeStoredIndex(
  ctx: ServiceContext,
  ws: Workspace,
  definition: IndexDefinition,
  req: StoredIndexRequest,
): Promise<Result<StoredIndexResult, string[]>> {
  // The indicators read as stored; a dynamics indicator with `of` is computed below instead.
  const stored = [
    ...definition.status.map((i) => i.code),
    ...definition.dynamics.filter((i) => i.of === undefined).map((i) => i.code),
    ...definition.context,
  ];
  const changes = definition.dynamics.filter((i) => i.of !== undefined);
  const spanStart = (period: Period): string | null =>
    yearsBefore(period, definition.dynamicsYears)?.code ?? null;
  // Without a period the first status indicator's latest is read first, to know the span.
  let period = req.period;
  let level = req.level;
  if (changes.length > 0 && period === undefined) {
    const probe = await readIndicatorColumns(ctx, ws, {
      codes: [stored[0]!],
      level,
      disclosure: !mayBypassDisclosure(req.audience),
      audience: req.audience,
    });
    period = probe.period;
    level = probe.level;
  }
  let missingSpan: string | null = null;
  const columns = await readIndicatorColumns(ctx, ws, {
    codes: [...stored, ...changes.map((c) => c.of!), req.populationIndicator],
    level,
    period,
    alsoPeriods: (p) => {
      if (changes.length === 0) return [];
      const start = spanStart(p);
      if (start === null) missingSpan = p.code;
      return start === null ? [] : [start];
    },
    disclosure: !mayBypassDisclosure(req.audience),
    audience: req.audience,
  });
  if (missingSpan !== null) {
    return err([
      `Zum Zeitraum ${missingSpan} gibt es keinen ${definition.dynamicsYears} Jahre früheren.`,
    ]);
  }
  if (columns.areas.length === 0) {
    return err([
      `Auf der Ebene „${columns.level}“ gibt es ${columns.period} keine Gebiete mit Werten.`,
    ]);
  }
  const now = columns.period;
  const values = new Map<string, readonly (number | null)[]>(
    stored.map((code) => [code, columns.value(code, now)]),
  );
  // Dynamics computed from stored values: the change of `of` over `dynamicsYears`.
  if (changes.length > 0) {
    const parsed = parsePeriod(now);
    const then = parsed.ok ? spanStart(parsed.value) : null;
    if (then === null) {
      return err([
        `Zum Zeitraum ${now} gibt es keinen ${definition.dynamicsYears} Jahre früheren.`,
      ]);
    }
    for (const dynamic of changes) {
      const end = columns.value(dynamic.of!, now);
      const start = columns.value(dynamic.of!, then);
      values.set(
        dynamic.code,
        end.map((v, i) => (v !== null && start[i] !== null ? v - start[i]! : null)),
      );
    }
  }
  const population = columns.value(req.populationIndicator, now);
  const codes = [...values.keys()];
  const areas: IndexInputArea[] = columns.areas.map((a, i) => ({
    code: a.code,
    name: a.name,
    population: population[i] ?? null,
    values: Object.fromEntries(codes.map((c) => [c, values.get(c)![i] ?? null])),
  }));
  const result = computeIndex(definition, areas);
  if (!result.ok) return result;
  return { ok: true, value: { level: columns.level, period: now, result: result.value } };
}
