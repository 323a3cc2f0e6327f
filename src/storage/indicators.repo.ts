import { asc, eq } from "drizzle-orm";
import type { Orm } from "./db.ts";
import { indicator } from "./schema.ts";

export type IndicatorRow = typeof indicator.$inferSelect;
export type IndicatorInsert = typeof indicator.$inferInsert;

export async function listIndicators(orm: Orm, workspaceId: number): Promise<IndicatorRow[]> {
  return orm
    .select()
    .from(indicator)
    .where(eq(indicator.workspaceId, workspaceId))
    .orderBy(asc(indicator.sortOrder), asc(indicator.code));
}

export async function upsertIndicator(orm: Orm, values: IndicatorInsert): Promise<IndicatorRow> {
  const { workspaceId, code, ...rest } = values;
  const rows = await orm
    .insert(indicator)
    .values({ workspaceId, code, ...rest })
    .onConflictDoUpdate({ target: [indicator.workspaceId, indicator.code], set: rest })
    .returning();
  return rows[0]!;
}

export async function setIndicatorPublication(
  orm: Orm,
  id: number,
  publication: IndicatorRow["publication"],
): Promise<void> {
  await orm.update(indicator).set({ publication }).where(eq(indicator.id, id));
}
