import { and, asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Orm } from "./db.ts";
import { area, crosswalk, crosswalkShare } from "./schema.ts";

export type CrosswalkRowDb = typeof crosswalk.$inferSelect;
export type CrosswalkInsert = typeof crosswalk.$inferInsert;

/** A crosswalk with how many shares, old and new areas it has. */
export interface CrosswalkSummaryRow extends CrosswalkRowDb {
  readonly shareCount: number;
  readonly oldAreaCount: number;
  readonly newAreaCount: number;
}

/** The crosswalks of a workspace, by code, with their counts. */
export async function listCrosswalks(
  orm: Orm,
  workspaceId: number,
): Promise<CrosswalkSummaryRow[]> {
  const rows = await orm
    .select({
      crosswalk,
      shareCount: sql<number>`(SELECT count(*)::int FROM crosswalk_share s WHERE s.crosswalk_id = "crosswalk"."id")`,
      oldAreaCount: sql<number>`(SELECT count(DISTINCT s.old_area_id)::int FROM crosswalk_share s WHERE s.crosswalk_id = "crosswalk"."id")`,
      newAreaCount: sql<number>`(SELECT count(DISTINCT s.new_area_id)::int FROM crosswalk_share s WHERE s.crosswalk_id = "crosswalk"."id")`,
    })
    .from(crosswalk)
    .where(eq(crosswalk.workspaceId, workspaceId))
    .orderBy(asc(crosswalk.code));
  return rows.map((r) => ({
    ...r.crosswalk,
    shareCount: r.shareCount,
    oldAreaCount: r.oldAreaCount,
    newAreaCount: r.newAreaCount,
  }));
}

export async function findCrosswalk(
  orm: Orm,
  workspaceId: number,
  code: string,
): Promise<CrosswalkRowDb | undefined> {
  const rows = await orm
    .select()
    .from(crosswalk)
    .where(and(eq(crosswalk.workspaceId, workspaceId), eq(crosswalk.code, code)));
  return rows[0];
}

/** Stores a crosswalk and its shares (area ids). The caller's transaction makes it all or nothing. */
export async function insertCrosswalk(
  orm: Orm,
  values: CrosswalkInsert,
  shares: readonly { oldAreaId: number; newAreaId: number; weight: number }[],
): Promise<CrosswalkRowDb> {
  const [row] = await orm.insert(crosswalk).values(values).returning();
  const chunk = 2_000;
  for (let i = 0; i < shares.length; i += chunk) {
    await orm
      .insert(crosswalkShare)
      .values(shares.slice(i, i + chunk).map((s) => ({ ...s, crosswalkId: row!.id })));
  }
  return row!;
}

/** The shares of a crosswalk with the areas' ids and codes, as delivered (not normalised). */
export async function listCrosswalkShares(
  orm: Orm,
  crosswalkId: number,
): Promise<
  { oldAreaId: number; oldCode: string; newAreaId: number; newCode: string; weight: number }[]
> {
  const oldArea = alias(area, "old_area");
  const newArea = alias(area, "new_area");
  return orm
    .select({
      oldAreaId: crosswalkShare.oldAreaId,
      oldCode: oldArea.code,
      newAreaId: crosswalkShare.newAreaId,
      newCode: newArea.code,
      weight: crosswalkShare.weight,
    })
    .from(crosswalkShare)
    .innerJoin(oldArea, eq(oldArea.id, crosswalkShare.oldAreaId))
    .innerJoin(newArea, eq(newArea.id, crosswalkShare.newAreaId))
    .where(eq(crosswalkShare.crosswalkId, crosswalkId))
    .orderBy(asc(oldArea.code), asc(newArea.code));
}

/**
 * The area systems holding old areas of a crosswalk: superseded by a reform, so an indicator
 * shown without a level is shown on another system first.
 */
export async function listSupersededAreaSystemIds(
  orm: Orm,
  workspaceId: number,
): Promise<Set<number>> {
  const rows = await orm
    .selectDistinct({ id: area.areaSystemId })
    .from(crosswalkShare)
    .innerJoin(crosswalk, eq(crosswalk.id, crosswalkShare.crosswalkId))
    .innerJoin(area, eq(area.id, crosswalkShare.oldAreaId))
    .where(eq(crosswalk.workspaceId, workspaceId));
  return new Set(rows.map((r) => r.id));
}
