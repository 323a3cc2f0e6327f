import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Orm } from "./db.ts";
import { closedPeriod } from "./schema.ts";

export type ClosedPeriodRow = typeof closedPeriod.$inferSelect;
export type ClosedPeriodKind = ClosedPeriodRow["kind"];

/** The latest version of every closed period of one kind (closed now or reopened), by period. */
export async function latestClosedPeriods(
  orm: Orm,
  workspaceId: number,
  kind: ClosedPeriodKind,
): Promise<Map<string, ClosedPeriodRow>> {
  const rows = await orm
    .selectDistinctOn([closedPeriod.period])
    .from(closedPeriod)
    .where(and(eq(closedPeriod.workspaceId, workspaceId), eq(closedPeriod.kind, kind)))
    .orderBy(asc(closedPeriod.period), desc(closedPeriod.version));
  return new Map(rows.map((r) => [r.period, r]));
}

/** Every version of one closed period, oldest first. */
export async function closedPeriodVersions(
  orm: Orm,
  workspaceId: number,
  kind: ClosedPeriodKind,
  period: string,
): Promise<ClosedPeriodRow[]> {
  return orm
    .select()
    .from(closedPeriod)
    .where(
      and(
        eq(closedPeriod.workspaceId, workspaceId),
        eq(closedPeriod.kind, kind),
        eq(closedPeriod.period, period),
      ),
    )
    .orderBy(asc(closedPeriod.version));
}

export async function insertClosedPeriod(
  orm: Orm,
  values: typeof closedPeriod.$inferInsert,
): Promise<ClosedPeriodRow> {
  const rows = await orm.insert(closedPeriod).values(values).returning();
  return rows[0]!;
}

/** Stamps a version as reopened; false when it was reopened meanwhile (or does not exist). */
export async function reopenClosedPeriod(
  orm: Orm,
  id: number,
  reopened: { readonly at: Date; readonly by: string; readonly reason: string },
): Promise<boolean> {
  const rows = await orm
    .update(closedPeriod)
    .set({ reopenedAt: reopened.at, reopenedBy: reopened.by, reopenReason: reopened.reason })
    .where(and(eq(closedPeriod.id, id), sql`${closedPeriod.reopenedAt} IS NULL`))
    .returning({ id: closedPeriod.id });
  return rows.length === 1;
}

/**
 * Deletes the person records of delivered WoBerichtsG files whose reference date (31 January)
 * lies before `cutoff` (ISO day), keeping the summary and the day they were deleted. Returns
 * how many versions were emptied.
 */
export async function deleteDeliveredRecordsBefore(
  orm: Orm,
  workspaceId: number,
  cutoff: string,
): Promise<number> {
  const rows = await orm
    .update(closedPeriod)
    .set({
      content: sql`jsonb_build_object('records', '[]'::jsonb, 'summary', ${closedPeriod.content} -> 'summary', 'recordsDeletedOn', ${cutoff}::text)`,
    })
    .where(
      and(
        eq(closedPeriod.workspaceId, workspaceId),
        eq(closedPeriod.kind, "federal"),
        sql`(${closedPeriod.period} || '-01-31') < ${cutoff}`,
        sql`NOT (${closedPeriod.content} ? 'recordsDeletedOn')`,
      ),
    )
    .returning({ id: closedPeriod.id });
  return rows.length;
}
