/**
 * Social indices kept per workspace: definitions saved as versions (a changed definition is a
 * new version; a version never changes), runs of a version on a level and period stored with
 * every area's result and the method, and the comparison of a run with the previous edition
 * (the current run of the period before, core/social-index/editions.ts) or a chosen run:
 * which areas changed class. Every save and run is audited. The arithmetic is
 * src/core/social-index; reading the values is services/social-index/social-index.ts.
 */
import type { Audience } from "../../core/publication/publication.ts";
import { compareRuns, type RunComparison } from "../../core/social-index/alerts.ts";
import {
  describeEditions,
  latestEdition,
  previousEdition,
  type EditionsText,
} from "../../core/social-index/editions.ts";
import type { AreaIndexResult, IndexResult, Moments } from "../../core/social-index/compute.ts";
import type { Period } from "../../core/periods/period.ts";
import { describeMethod, type IndexMethod } from "../../core/social-index/method.ts";
import {
  findIndexDefinition,
  findIndexRun,
  insertIndexRun,
  listIndexRuns,
  type IndexDefinitionRow,
  type IndexRunRow,
} from "../../storage/social-index.repo.ts";
import { listAreaLevels } from "../../storage/areas.repo.ts";
import { AppError, notFound } from "../app-error.ts";
import { audit, type Actor } from "../audit.ts";
import type { ServiceContext } from "../context.ts";
import { computeStoredIndex } from "./social-index.ts";
import type { Workspace } from "../workspaces.ts";

import { versionView, type IndexVersion } from "./index-definitions.ts";
export type RunCounts = IndexResult["counts"];

export interface IndexRunSummary {
  readonly id: number;
  readonly version: number;
  readonly level: string;
  readonly period: string;
  readonly dataVersion: number;
  readonly included: number;
  readonly excluded: number;
  readonly counts: RunCounts;
  readonly createdBy: string;
  readonly createdAt: Date;
}

export interface IndexRunView extends IndexRunSummary {
  readonly index: IndexVersion;
  readonly moments: readonly Moments[];
  readonly areas: readonly AreaIndexResult[];
  readonly method: IndexMethod;
  /** True when imports have changed the data since the run: a new run may differ. */
  readonly outdated: boolean;
}

function runView(run: IndexRunRow, definition: IndexDefinitionRow, ws: Workspace): IndexRunView {
  return {
    ...summaryOf(run, definition.version),
    index: versionView(definition),
    moments: run.moments as Moments[],
    areas: run.areas as AreaIndexResult[],
    method: run.method as IndexMethod,
    outdated: run.dataVersion !== ws.dataVersion,
  };
}

function summaryOf(
  run: Pick<
    IndexRunRow,
    | "id"
    | "level"
    | "period"
    | "dataVersion"
    | "included"
    | "excluded"
    | "counts"
    | "createdBy"
    | "createdAt"
  >,
  version: number,
): IndexRunSummary {
  return {
    id: run.id,
    version,
    level: run.level,
    period: run.period,
    dataVersion: run.dataVersion,
    included: run.included,
    excluded: run.excluded,
    counts: run.counts as RunCounts,
    createdBy: run.createdBy,
    createdAt: run.createdAt,
  };
}

/**
 * Runs a version of an index (the latest by default) on a level and period from the stored
 * values and keeps the run. Planners' runs use the values without disclosure control (they
 * may see them); who sees a run is the route's rule.
 */
export async function runIndex(
  ctx: ServiceContext,
  ws: Workspace,
  code: string,
  req: {
    readonly version?: number | undefined;
    readonly level?: string | undefined;
    readonly period?: string | undefined;
  },
  actor: Actor,
  audience: Audience,
): Promise<IndexRunView> {
  const row = await findIndexDefinition(ctx.db.orm, ws.id, code, req.version);
  if (!row) {
    throw notFound("Index", req.version === undefined ? code : `${code}, Version ${req.version}`);
  }
  const index = versionView(row);
  const computed = await computeStoredIndex(ctx, ws, index.definition, {
    level: req.level,
    period: req.period,
    populationIndicator: index.populationIndicator,
    audience,
  });
  if (!computed.ok) {
    throw new AppError("invalid_input", "Der Index lässt sich so nicht berechnen.", {
      problems: computed.error,
    });
  }
  const { level, period, result } = computed.value;
  const levelName = (await listAreaLevels(ctx.db.orm, ws.id)).find((l) => l.code === level)?.name;
  const method = describeMethod(index.definition, result, {
    version: index.version,
    level,
    levelName,
    period,
    populationIndicator: index.populationIndicator,
  });
  const areas = [...result.areas];
  const run = await ctx.db.transaction(async (tx) => {
    const inserted = await insertIndexRun(tx.orm, {
      workspaceId: ws.id,
      definitionId: row.id,
      level,
      period,
      dataVersion: ws.dataVersion,
      included: result.included,
      excluded: result.excluded,
      counts: result.counts,
      moments: result.moments,
      areas,
      method,
      createdBy: actor.label,
      createdAt: ctx.now(),
    });
    await audit(tx.orm, ctx, actor, [
      {
        workspaceId: ws.id,
        action: "create",
        entity: "index_run",
        entityKey: String(inserted.id),
        after: {
          index: code,
          version: index.version,
          level,
          period,
          dataVersion: ws.dataVersion,
          included: result.included,
          excluded: result.excluded,
        },
      },
    ]);
    return inserted;
  });
  return runView(run, row, ws);
}

export async function listRuns(
  ctx: ServiceContext,
  ws: Workspace,
  code: string,
): Promise<IndexRunSummary[]> {
  const rows = await listIndexRuns(ctx.db.orm, ws.id, code);
  return rows.map((r) => summaryOf(r, r.version));
}

export async function getRun(
  ctx: ServiceContext,
  ws: Workspace,
  id: number,
): Promise<IndexRunView> {
  const found = await findIndexRun(ctx.db.orm, ws.id, id);
  if (!found) throw notFound("Indexlauf", String(id));
  return runView(found.run, found.definition, ws);
}

/**
 * What a comparison compares with: the previous edition (the current run of the period
 * before, the default) or a run the caller chose.
 */
export type ComparisonBasis = "previous_edition" | "chosen";

export interface RunComparisonView extends RunComparison {
  readonly basis: ComparisonBasis;
  readonly previous: IndexRunSummary;
  readonly current: IndexRunSummary;
}

/**
 * Compares run `id` with run `withId`, or by default with the previous edition: the current
 * run of the latest earlier period of the same kind on the same level (see
 * core/social-index/editions.ts). Null when there is no earlier edition to compare with.
 */
export async function compareIndexRuns(
  ctx: ServiceContext,
  ws: Workspace,
  id: number,
  withId?: number,
): Promise<RunComparisonView | null> {
  const current = await getRun(ctx, ws, id);
  const previousId =
    withId ??
    previousEdition(await listIndexRuns(ctx.db.orm, ws.id, current.index.code), current)?.id;
  if (previousId === undefined) return null;
  const previous = await getRun(ctx, ws, previousId);
  if (previous.level !== current.level) {
    throw new AppError(
      "invalid_input",
      `Läufe verschiedener Ebenen lassen sich nicht vergleichen („${previous.level}“ und „${current.level}“).`,
    );
  }
  return {
    ...compareRuns(previous, current),
    basis: withId === undefined ? "previous_edition" : "chosen",
    previous: strip(previous),
    current: strip(current),
  };
}

/**
 * The latest edition of an index (the current run of its latest period, no later than
 * `upTo` when given; on `level` when given), or null when it has no such run.
 */
export async function findLatestEdition(
  ctx: ServiceContext,
  ws: Workspace,
  code: string,
  options: { readonly level?: string | undefined; readonly upTo?: Period | undefined } = {},
): Promise<IndexRunSummary | null> {
  return latestEdition(await listRuns(ctx, ws, code), options);
}

const berlinDay = new Intl.DateTimeFormat("de-DE", {
  timeZone: "Europe/Berlin",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The day a run was made, in the city's time zone (ISO `YYYY-MM-DD`). */
function dayOf(date: Date): string {
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    berlinDay.formatToParts(date).find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** The two editions of a comparison in German words ("2021 gegenüber 2020", the runs). */
export function describeComparison(
  c: Pick<RunComparisonView, "previous" | "current">,
): EditionsText {
  const ref = (r: IndexRunSummary) => ({
    id: r.id,
    period: r.period,
    version: r.version,
    day: dayOf(r.createdAt),
  });
  return describeEditions(ref(c.previous), ref(c.current));
}

function strip(run: IndexRunView): IndexRunSummary {
  return summaryOf(run, run.version);
}
