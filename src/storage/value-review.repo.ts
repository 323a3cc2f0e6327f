/**
 * Values held for review ("zu prüfen") and marked by planners: one row per revision of a cell
 * (`value_review`). A row applies while its revision is the current one; a correction makes a
 * new revision, and the old row stays as history.
 */
import { sql } from "drizzle-orm";
import { executeRows, type Orm } from "./db.ts";

export type ReviewCheck = "implausible_jump" | "outlier" | "sum_mismatch" | "manual";
export type ReviewState = "open" | "confirmed" | "corrected" | "marked";
export type Reliability = "limited" | "unreliable";

export interface ReviewTargetIds {
  readonly variableId: number;
  readonly areaId: number;
  readonly periodId: number;
  readonly check: ReviewCheck;
  readonly message: string;
}

/**
 * Holds the current revision of each given cell for review. A revision already held (or
 * already decided: a confirmed value imported again unchanged) keeps its row. Returns how many
 * values were newly held.
 */
export async function holdForReview(
  orm: Orm,
  workspaceId: number,
  importId: number | null,
  targets: readonly ReviewTargetIds[],
): Promise<number> {
  if (targets.length === 0) return 0;
  const rows = await executeRows<{ n: number }>(
    orm,
    sql`
      WITH t AS (
        SELECT * FROM unnest(
          ${`{${targets.map((t) => t.variableId).join(",")}}`}::int[],
          ${`{${targets.map((t) => t.areaId).join(",")}}`}::int[],
          ${`{${targets.map((t) => t.periodId).join(",")}}`}::int[],
          ${pgTextArray(targets.map((t) => t.check))}::text[],
          ${pgTextArray(targets.map((t) => t.message))}::text[]
        ) AS t(v, a, p, c, m)
      ), ins AS (
        INSERT INTO value_review
          (workspace_id, variable_id, area_id, period_id, observation_id, "check", message, import_id)
        SELECT DISTINCT ON (o.id) ${workspaceId}, t.v, t.a, t.p, o.id, t.c, t.m, ${importId}::int
        FROM t
        JOIN observation o ON o.variable_id = t.v AND o.area_id = t.a AND o.period_id = t.p
         AND o.superseded_at IS NULL AND o.workspace_id = ${workspaceId}
        ORDER BY o.id
        ON CONFLICT (observation_id) DO NOTHING
        RETURNING 1
      )
      SELECT count(*)::int AS n FROM ins`,
  );
  return rows[0]?.n ?? 0;
}

/** A PostgreSQL text array literal, every element quoted and escaped. */
function pgTextArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}

export interface ReviewRow {
  readonly id: number;
  readonly variableId: number;
  readonly areaId: number;
  readonly periodId: number;
  readonly observationId: number;
  readonly current: boolean;
  readonly value: number | null;
  readonly revision: number;
  readonly check: ReviewCheck;
  readonly message: string;
  readonly importId: number | null;
  readonly state: ReviewState;
  readonly reliability: Reliability | null;
  readonly reason: string | null;
  readonly decidedBy: string | null;
  readonly decidedAt: Date | null;
  readonly createdAt: Date;
}

const REVIEW_SELECT = sql`
  SELECT r.id, r.variable_id AS "variableId", r.area_id AS "areaId", r.period_id AS "periodId",
         r.observation_id::float8 AS "observationId", (o.superseded_at IS NULL) AS current,
         o.value, o.revision, r."check", r.message, r.import_id AS "importId", r.state,
         r.reliability, r.reason, r.decided_by AS "decidedBy", r.decided_at AS "decidedAt",
         r.created_at AS "createdAt"
  FROM value_review r JOIN observation o ON o.id = r.observation_id`;

/** The reviews of a workspace: the open ones of current values, or every one, newest first. */
export async function listReviews(
  orm: Orm,
  workspaceId: number,
  filter: { readonly open?: boolean; readonly cell?: Omit<ReviewTargetIds, "check" | "message"> },
  limit = 1000,
): Promise<ReviewRow[]> {
  const rows = await executeRows<ReviewRow>(
    orm,
    sql`${REVIEW_SELECT}
      WHERE r.workspace_id = ${workspaceId}
        AND (${filter.open ?? false} = false OR (r.state = 'open' AND o.superseded_at IS NULL))
        AND (${filter.cell?.variableId ?? null}::int IS NULL OR (
              r.variable_id = ${filter.cell?.variableId ?? null}::int
          AND r.area_id = ${filter.cell?.areaId ?? null}::int
          AND r.period_id = ${filter.cell?.periodId ?? null}::int))
      ORDER BY r.created_at DESC, r.id DESC
      LIMIT ${limit}`,
  );
  return rows.map(dates);
}

export async function findReview(
  orm: Orm,
  workspaceId: number,
  id: number,
): Promise<ReviewRow | null> {
  const rows = await executeRows<ReviewRow>(
    orm,
    sql`${REVIEW_SELECT} WHERE r.workspace_id = ${workspaceId} AND r.id = ${id} FOR UPDATE OF r`,
  );
  return rows[0] ? dates(rows[0]) : null;
}

/** The review of the current revision of a cell, if it has one. */
export async function findCurrentReview(
  orm: Orm,
  workspaceId: number,
  cell: { variableId: number; areaId: number; periodId: number },
): Promise<ReviewRow | null> {
  const rows = await executeRows<ReviewRow>(
    orm,
    sql`${REVIEW_SELECT}
      WHERE r.workspace_id = ${workspaceId} AND o.superseded_at IS NULL
        AND r.variable_id = ${cell.variableId} AND r.area_id = ${cell.areaId}
        AND r.period_id = ${cell.periodId}
      FOR UPDATE OF r`,
  );
  return rows[0] ? dates(rows[0]) : null;
}

export async function decideReview(
  orm: Orm,
  id: number,
  d: {
    readonly state: ReviewState;
    readonly reliability: Reliability | null;
    readonly reason: string;
    readonly by: string;
    readonly at: Date;
  },
): Promise<void> {
  await orm.execute(sql`
    UPDATE value_review SET state = ${d.state}, reliability = ${d.reliability},
           reason = ${d.reason}, decided_by = ${d.by}, decided_at = ${d.at.toISOString()}::timestamptz
    WHERE id = ${id}`);
}

/** Marks the current revision of a cell by hand (no check found it): a row of check "manual". */
export async function insertManualMark(
  orm: Orm,
  workspaceId: number,
  cell: { variableId: number; areaId: number; periodId: number; observationId: number },
  d: { reliability: Reliability; reason: string; by: string; at: Date },
): Promise<void> {
  await orm.execute(sql`
    INSERT INTO value_review (workspace_id, variable_id, area_id, period_id, observation_id,
                              "check", message, state, reliability, reason, decided_by, decided_at)
    VALUES (${workspaceId}, ${cell.variableId}, ${cell.areaId}, ${cell.periodId},
            ${cell.observationId}, 'manual', 'von Hand gekennzeichnet', 'marked',
            ${d.reliability}, ${d.reason}, ${d.by}, ${d.at.toISOString()}::timestamptz)`);
}

export async function countOpenReviews(orm: Orm, workspaceId: number): Promise<number> {
  const rows = await executeRows<{ n: number }>(
    orm,
    sql`SELECT count(*)::int AS n FROM value_review r
        JOIN observation o ON o.id = r.observation_id AND o.superseded_at IS NULL
        WHERE r.workspace_id = ${workspaceId} AND r.state = 'open'`,
  );
  return rows[0]?.n ?? 0;
}

function dates(r: ReviewRow): ReviewRow {
  const at = (v: unknown) => (v === null || v instanceof Date ? v : new Date(String(v)));
  return {
    ...r,
    value: r.value === null ? null : Number(r.value),
    decidedAt: at(r.decidedAt),
    createdAt: at(r.createdAt) as Date,
  };
}
