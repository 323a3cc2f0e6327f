import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Orm, Tx } from "./db.ts";
import { observation } from "./schema.ts";

export type ObservationStatus = "final" | "provisional" | "estimated" | "missing";

export interface CurrentObservation {
  readonly id: number;
  readonly variableId: number;
  readonly areaId: number;
  readonly periodId: number;
  readonly value: number | null;
  readonly status: ObservationStatus;
  readonly revision: number;
  readonly importId: number | null;
}

export interface ObservationFilter {
  readonly variableIds?: readonly number[];
  readonly periodIds?: readonly number[];
  readonly areaIds?: readonly number[];
}

const currentColumns = {
  id: observation.id,
  variableId: observation.variableId,
  areaId: observation.areaId,
  periodId: observation.periodId,
  value: observation.value,
  status: observation.status,
  revision: observation.revision,
  importId: observation.importId,
};

function currentWhere(workspaceId: number, filter: ObservationFilter) {
  const where = [eq(observation.workspaceId, workspaceId), isNull(observation.supersededAt)];
  if (filter.variableIds) where.push(inArray(observation.variableId, [...filter.variableIds]));
  if (filter.periodIds) where.push(inArray(observation.periodId, [...filter.periodIds]));
  if (filter.areaIds) where.push(inArray(observation.areaId, [...filter.areaIds]));
  return and(...where);
}

/** One page of current observations in a stable order (variable, period, area), and the total. */
export async function pageCurrentObservations(
  orm: Orm,
  workspaceId: number,
  filter: ObservationFilter,
  limit: number,
  offset: number,
): Promise<{ total: number; rows: CurrentObservation[] }> {
  const where = currentWhere(workspaceId, filter);
  const [count, rows] = await Promise.all([
    orm
      .select({ n: sql<number>`count(*)::int` })
      .from(observation)
      .where(where),
    orm
      .select(currentColumns)
      .from(observation)
      .where(where)
      .orderBy(asc(observation.variableId), asc(observation.periodId), asc(observation.areaId))
      .limit(limit)
      .offset(offset),
  ]);
  return { total: count[0]?.n ?? 0, rows };
}

export interface ObservationRevision {
  readonly id: number;
  readonly revision: number;
  readonly value: number | null;
  readonly status: ObservationStatus;
  readonly importId: number | null;
  /** A correction by hand: who made it and why (null for an import's revision). */
  readonly changedBy: string | null;
  readonly reason: string | null;
  readonly createdAt: Date;
  readonly supersededAt: Date | null;
}

/** Every revision of one cell, oldest first: corrections never overwrite history. */
export async function listRevisions(
  orm: Orm,
  key: { variableId: number; areaId: number; periodId: number },
): Promise<ObservationRevision[]> {
  return orm
    .select({
      id: observation.id,
      revision: observation.revision,
      value: observation.value,
      status: observation.status,
      importId: observation.importId,
      changedBy: observation.changedBy,
      reason: observation.reason,
      createdAt: observation.createdAt,
      supersededAt: observation.supersededAt,
    })
    .from(observation)
    .where(
      and(
        eq(observation.variableId, key.variableId),
        eq(observation.areaId, key.areaId),
        eq(observation.periodId, key.periodId),
      ),
    )
    .orderBy(asc(observation.revision));
}

/** Stamps the given current revisions as superseded (they stay in the table as history). */
export async function supersedeObservations(
  orm: Orm,
  ids: readonly number[],
  at: Date,
): Promise<void> {
  const chunk = 10_000;
  for (let i = 0; i < ids.length; i += chunk) {
    const part = ids.slice(i, i + chunk);
    await orm
      .update(observation)
      .set({ supersededAt: at })
      .where(and(inArray(observation.id, part), isNull(observation.supersededAt)));
  }
}

export interface NewObservation {
  readonly variableId: number;
  readonly areaId: number;
  readonly periodId: number;
  readonly value: number | null;
  readonly status: ObservationStatus;
  readonly revision: number;
}

const COPY_COLUMNS = [
  "workspace_id",
  "variable_id",
  "area_id",
  "period_id",
  "value",
  "status",
  "revision",
  "import_id",
  "created_at",
] as const;

/**
 * Writes new observation revisions with one COPY: the fastest path into PostgreSQL and PGlite.
 * Values are written with full double precision; null values as an empty field.
 */
export async function copyObservations(
  tx: Tx,
  workspaceId: number,
  importId: number,
  createdAt: Date,
  rows: readonly NewObservation[],
): Promise<void> {
  if (rows.length === 0) return;
  const stamp = createdAt.toISOString();
  const prefix = `${workspaceId},`;
  const suffix = `,${importId},${stamp}\n`;
  const parts: string[] = [];
  let buffer = "";
  for (const r of rows) {
    const value = r.value === null ? "" : String(r.value);
    buffer += `${prefix}${r.variableId},${r.areaId},${r.periodId},${value},${r.status},${r.revision}${suffix}`;
    if (buffer.length > 1 << 20) {
      parts.push(buffer);
      buffer = "";
    }
  }
  parts.push(buffer);
  await tx.copyRows("observation", COPY_COLUMNS, parts.join(""));
}

/** Counts of current observations by workspace, for summaries and tests. */
export async function countCurrentObservations(orm: Orm, workspaceId: number): Promise<number> {
  const rows = await orm
    .select({ n: sql<number>`count(*)::int` })
    .from(observation)
    .where(and(eq(observation.workspaceId, workspaceId), isNull(observation.supersededAt)));
  return rows[0]?.n ?? 0;
}

/** Writes one revision by hand (a correction or its undoing), with who and why. */
export async function insertCorrection(
  orm: Orm,
  row: NewObservation & {
    readonly workspaceId: number;
    readonly changedBy: string;
    readonly reason: string;
    readonly createdAt: Date;
  },
): Promise<number> {
  const inserted = await orm
    .insert(observation)
    .values({
      workspaceId: row.workspaceId,
      variableId: row.variableId,
      areaId: row.areaId,
      periodId: row.periodId,
      value: row.value,
      status: row.status,
      revision: row.revision,
      importId: null,
      changedBy: row.changedBy,
      reason: row.reason,
      createdAt: row.createdAt,
    })
    .returning({ id: observation.id });
  return inserted[0]!.id;
}

/** The number of current observations of one variable. */
export async function countVariableObservations(orm: Orm, variableId: number): Promise<number> {
  const rows = await orm
    .select({ n: sql<number>`count(*)::int` })
    .from(observation)
    .where(and(eq(observation.variableId, variableId), isNull(observation.supersededAt)));
  return rows[0]?.n ?? 0;
}
