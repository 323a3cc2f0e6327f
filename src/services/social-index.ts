/**
 * The social index from stored data: every status, dynamics and context indicator of the
 * definition and the population, read as the map reads them (one level, one period, the
 * caller's audience; disclosure control for everyone but planners), joined by area and
 * handed to the engine (src/core/social-index). Writes nothing.
 */
import { parsePeriod, yearsBefore } from "../core/periods/period.ts";
import { mayBypassDisclosure, type Audience } from "../core/publication/publication.ts";
import { err, type Result } from "../core/result.ts";
import {
  computeIndex,
  type IndexInputArea,
  type IndexResult,
} from "../core/social-index/compute.ts";
import type { IndexDefinition } from "../core/social-index/definition.ts";
import type { ServiceContext } from "./context.ts";
import { computeIndicatorValueSet, type IndicatorValueSet } from "./indicator-values.ts";
import type { Workspace } from "./workspaces.ts";

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
  const codes = [
    ...definition.status.map((i) => i.code),
    ...definition.dynamics.filter((i) => i.of === undefined).map((i) => i.code),
    ...definition.context,
  ];
  const read = (code: string, level?: string, period?: string): Promise<IndicatorValueSet> =>
    computeIndicatorValueSet(ctx, ws, code, {
      period,
      level,
      disclosure: !mayBypassDisclosure(req.audience),
      audience: req.audience,
    });
  // The first status indicator fixes level and period (by default the deepest level and the
  // latest period with data); every other indicator is read at the same.
  const first = await read(codes[0]!, req.level, req.period);
  const sets = new Map<string, IndicatorValueSet>([[codes[0]!, first]]);
  for (const code of [...codes.slice(1), req.populationIndicator]) {
    if (!sets.has(code)) sets.set(code, await read(code, first.level, first.period));
  }
  const byArea = (set: IndicatorValueSet) =>
    new Map(set.values.map((v) => [v.area, v.value] as const));
  const columns = new Map(codes.map((c) => [c, byArea(sets.get(c)!)]));
  // Dynamics computed from stored values: the change of `of` over `dynamicsYears`.
  for (const dynamic of definition.dynamics) {
    if (dynamic.of === undefined) continue;
    const now = parsePeriod(first.period);
    const then = now.ok ? yearsBefore(now.value, definition.dynamicsYears) : null;
    if (then === null) {
      return err([
        `Zum Zeitraum ${first.period} gibt es keinen ${definition.dynamicsYears} Jahre früheren.`,
      ]);
    }
    const end = byArea(await read(dynamic.of, first.level, first.period));
    const start = byArea(await read(dynamic.of, first.level, then.code));
    const change = new Map<string, number | null>();
    for (const [area, v] of end) {
      const before = start.get(area);
      change.set(area, v !== null && before != null ? v - before : null);
    }
    columns.set(dynamic.code, change);
  }
  const population = byArea(sets.get(req.populationIndicator)!);
  if (first.values.length === 0) {
    return err([
      `Auf der Ebene „${first.level}“ gibt es ${first.period} keine Gebiete mit Werten.`,
    ]);
  }
  const areas: IndexInputArea[] = first.values.map((v) => ({
    code: v.area,
    name: v.name,
    population: population.get(v.area) ?? null,
    values: Object.fromEntries([...columns].map(([c, column]) => [c, column.get(v.area) ?? null])),
  }));
  const result = computeIndex(definition, areas);
  if (!result.ok) return result;
  return { ok: true, value: { level: first.level, period: first.period, result: result.value } };
}
