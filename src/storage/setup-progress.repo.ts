import { sql } from "drizzle-orm";
import { executeRows, type Orm } from "./db.ts";

export interface SetupCounts {
  readonly areaSystems: number;
  readonly areas: number;
  readonly areasWithBoundary: number;
  readonly variables: number;
  readonly observations: number;
  readonly indicators: number;
}

/** What a workspace holds, counted in one query: the steps from empty to the first map. */
export async function countSetup(orm: Orm, workspaceId: number): Promise<SetupCounts> {
  const rows = await executeRows<Record<keyof SetupCounts, number>>(
    orm,
    sql`
    SELECT
      (SELECT count(*)::int FROM area_system WHERE workspace_id = ${workspaceId}) AS "areaSystems",
      (SELECT count(*)::int FROM area WHERE workspace_id = ${workspaceId}) AS "areas",
      (SELECT count(DISTINCT area_id)::int FROM area_boundary
        WHERE workspace_id = ${workspaceId} AND geometry IS NOT NULL) AS "areasWithBoundary",
      (SELECT count(*)::int FROM variable WHERE workspace_id = ${workspaceId}) AS "variables",
      (SELECT count(*)::int FROM observation WHERE workspace_id = ${workspaceId}) AS "observations",
      (SELECT count(*)::int FROM indicator WHERE workspace_id = ${workspaceId}) AS "indicators"
  `,
  );
  const r = rows[0]!;
  return {
    areaSystems: Number(r.areaSystems),
    areas: Number(r.areas),
    areasWithBoundary: Number(r.areasWithBoundary),
    variables: Number(r.variables),
    observations: Number(r.observations),
    indicators: Number(r.indicators),
  };
}
