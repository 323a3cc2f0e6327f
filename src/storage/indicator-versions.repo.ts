import { asc, eq } from "drizzle-orm";
import type { Orm } from "./db.ts";
import { indicatorVersion } from "./schema.ts";

export type IndicatorVersionRow = typeof indicatorVersion.$inferSelect;
export type IndicatorVersionInsert = typeof indicatorVersion.$inferInsert;

export async function insertIndicatorVersions(
  orm: Orm,
  rows: readonly IndicatorVersionInsert[],
): Promise<void> {
  if (rows.length === 0) return;
  await orm.insert(indicatorVersion).values([...rows]);
}

/** The versions of one indicator, oldest first. */
export async function listIndicatorVersions(
  orm: Orm,
  indicatorId: number,
): Promise<IndicatorVersionRow[]> {
  return orm
    .select()
    .from(indicatorVersion)
    .where(eq(indicatorVersion.indicatorId, indicatorId))
    .orderBy(asc(indicatorVersion.changedAt), asc(indicatorVersion.id));
}

/** The versions of every indicator of a workspace, oldest first. */
export async function listWorkspaceIndicatorVersions(
  orm: Orm,
  workspaceId: number,
): Promise<IndicatorVersionRow[]> {
  return orm
    .select()
    .from(indicatorVersion)
    .where(eq(indicatorVersion.workspaceId, workspaceId))
    .orderBy(asc(indicatorVersion.changedAt), asc(indicatorVersion.id));
}
