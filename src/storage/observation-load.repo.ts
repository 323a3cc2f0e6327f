import { sql } from "drizzle-orm";
import { executeRows, type Orm } from "./db.ts";

export interface ObservationColumns {
  readonly variableId: Int32Array;
  readonly areaId: Int32Array;
  readonly periodId: Int32Array;
  /** NaN where the stored value is null (withheld at source). */
  readonly value: Float64Array;
  readonly length: number;
}

/** One result row per variable × period, with the areas and values as arrays. */
interface GroupRow {
  readonly v: number;
  readonly p: number;
  readonly a: number[];
  readonly x: (number | null)[];
  /** The areas whose value carries a flag from its own row (provisional, estimated, revised), and the flags. */
  readonly fa: number[] | null;
  readonly ff: number[] | null;
}

/** A cell whose current value carries flags (`FLAG` of core/marks). */
export interface FlaggedCell {
  readonly variableId: number;
  readonly areaId: number;
  readonly periodId: number;
  readonly flags: number;
}

/**
 * Loads the current value of every observation of the given variables into columns: the
 * input of the indicator engine. The database returns one row per variable × period with
 * the area ids and values as arrays: a million observations arrive as a thousand rows,
 * which PGlite's row decoder handles ten times faster than a million single rows.
 */
export async function loadObservationColumns(
  orm: Orm,
  workspaceId: number,
  variableIds: readonly number[],
  periodIds?: readonly number[],
): Promise<ObservationColumns & { readonly flagged: readonly FlaggedCell[] }> {
  const ids = `{${variableIds.join(",")}}`;
  const periods = periodIds ? `{${periodIds.join(",")}}` : null;
  const groups =
    variableIds.length === 0
      ? []
      : await executeRows<GroupRow>(
          orm,
          sql`
            SELECT variable_id AS v, period_id AS p,
                   array_agg(area_id) AS a, array_agg(value) AS x,
                   array_agg(area_id) FILTER (WHERE ${FLAGGED_ROW}) AS fa,
                   array_agg(${ROW_FLAGS}) FILTER (WHERE ${FLAGGED_ROW}) AS ff
            FROM observation
            WHERE workspace_id = ${workspaceId}
              AND superseded_at IS NULL
              AND variable_id = ANY(${ids}::int[])
              AND (${periods}::int[] IS NULL OR period_id = ANY(${periods}::int[]))
            GROUP BY variable_id, period_id`,
        );
  let n = 0;
  for (const g of groups) n += g.a.length;
  const out = {
    variableId: new Int32Array(n),
    areaId: new Int32Array(n),
    periodId: new Int32Array(n),
    value: new Float64Array(n),
    length: n,
  };
  let i = 0;
  const flagged = new Map<string, FlaggedCell>();
  for (const g of groups) {
    const count = g.a.length;
    out.variableId.fill(g.v, i, i + count);
    out.periodId.fill(g.p, i, i + count);
    for (let k = 0; k < count; k++, i++) {
      out.areaId[i] = g.a[k]!;
      const x = g.x[k];
      out.value[i] = x === null || x === undefined ? Number.NaN : x;
    }
    for (const [k, areaId] of (g.fa ?? []).entries()) {
      const cell = { variableId: g.v, areaId, periodId: g.p, flags: g.ff![k]! };
      flagged.set(`${g.v}|${areaId}|${g.p}`, cell);
    }
  }
  // Review states and marks of the current revisions: few rows, read apart.
  if (variableIds.length > 0) {
    const reviews = await executeRows<{ v: number; a: number; p: number; f: number }>(
      orm,
      sql`
        SELECT r.variable_id AS v, r.area_id AS a, r.period_id AS p,
               (CASE WHEN r.state = 'open' THEN 32 ELSE 0 END)
               | (CASE r.reliability WHEN 'limited' THEN 8 WHEN 'unreliable' THEN 16 ELSE 0 END) AS f
        FROM value_review r
        JOIN observation o ON o.id = r.observation_id AND o.superseded_at IS NULL
        WHERE r.workspace_id = ${workspaceId}
          AND r.variable_id = ANY(${ids}::int[])
          AND (${periods}::int[] IS NULL OR r.period_id = ANY(${periods}::int[]))
          AND (r.state = 'open' OR r.reliability IS NOT NULL)`,
    );
    for (const r of reviews) {
      const key = `${r.v}|${r.a}|${r.p}`;
      const before = flagged.get(key)?.flags ?? 0;
      flagged.set(key, { variableId: r.v, areaId: r.a, periodId: r.p, flags: before | r.f });
    }
  }
  return { ...out, flagged: [...flagged.values()] };
}

/** Whether an observation row carries a flag of its own. */
const FLAGGED_ROW = sql.raw(`(status IN ('provisional', 'estimated') OR revision > 1)`);
/** The flags of an observation row itself (`FLAG`: provisional 1, revised 2, estimated 4). */
const ROW_FLAGS = sql.raw(
  `((CASE status WHEN 'provisional' THEN 1 WHEN 'estimated' THEN 4 ELSE 0 END) | (CASE WHEN revision > 1 THEN 2 ELSE 0 END))`,
);

export interface StoredCell {
  readonly id: number;
  readonly variableId: number;
  readonly areaId: number;
  readonly periodId: number;
  readonly value: number | null;
  readonly status: "final" | "provisional" | "estimated" | "missing";
  readonly revision: number;
  readonly importId: number | null;
}

interface StoredGroupRow {
  readonly v: number;
  readonly p: number;
  readonly id: (number | string)[];
  readonly a: number[];
  readonly x: (number | null)[];
  readonly s: StoredCell["status"][];
  readonly r: number[];
  readonly i: (number | null)[];
}

/**
 * The current revision of every cell of the given variables and periods, with what an import
 * needs to compare and supersede it. Loaded grouped by variable × period, like
 * `loadObservationColumns`, and unrolled here.
 */
export async function loadStoredCells(
  orm: Orm,
  workspaceId: number,
  variableIds: readonly number[],
  periodIds: readonly number[],
): Promise<StoredCell[]> {
  if (variableIds.length === 0 || periodIds.length === 0) return [];
  const groups = await executeRows<StoredGroupRow>(
    orm,
    sql`
      SELECT variable_id AS v, period_id AS p,
             array_agg(id) AS id, array_agg(area_id) AS a, array_agg(value) AS x,
             array_agg(status) AS s, array_agg(revision) AS r, array_agg(import_id) AS i
      FROM observation
      WHERE workspace_id = ${workspaceId}
        AND superseded_at IS NULL
        AND variable_id = ANY(${`{${variableIds.join(",")}}`}::int[])
        AND period_id = ANY(${`{${periodIds.join(",")}}`}::int[])
      GROUP BY variable_id, period_id`,
  );
  const cells: StoredCell[] = [];
  for (const g of groups) {
    for (let k = 0; k < g.a.length; k++) {
      cells.push({
        // bigint ids arrive as strings from some drivers; they stay far below 2^53.
        id: Number(g.id[k]),
        variableId: g.v,
        areaId: g.a[k]!,
        periodId: g.p,
        value: g.x[k] ?? null,
        status: g.s[k]!,
        revision: g.r[k]!,
        importId: g.i[k] ?? null,
      });
    }
  }
  return cells;
}
