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

/**
 * Loads the current value of every observation of the given variables into columns: the
 * input of the indicator engine. One query; typed arrays keep a million rows cheap.
 */
export async function loadObservationColumns(
  orm: Orm,
  workspaceId: number,
  variableIds: readonly number[],
): Promise<ObservationColumns> {
  if (variableIds.length === 0) {
    return {
      variableId: new Int32Array(0),
      areaId: new Int32Array(0),
      periodId: new Int32Array(0),
      value: new Float64Array(0),
      length: 0,
    };
  }
  const ids = `{${variableIds.join(",")}}`;
  const rows = await executeRows<{ v: number; a: number; p: number; x: number | null }>(
    orm,
    sql`
    SELECT variable_id AS v, area_id AS a, period_id AS p, value AS x
    FROM observation
    WHERE workspace_id = ${workspaceId}
      AND superseded_at IS NULL
      AND variable_id = ANY(${ids}::int[])`,
  );
  const n = rows.length;
  const out = {
    variableId: new Int32Array(n),
    areaId: new Int32Array(n),
    periodId: new Int32Array(n),
    value: new Float64Array(n),
    length: n,
  };
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    out.variableId[i] = r.v;
    out.areaId[i] = r.a;
    out.periodId[i] = r.p;
    out.value[i] = r.x === null ? Number.NaN : r.x;
  }
  return out;
}
