import { and, asc, eq, inArray } from "drizzle-orm";
import type { Period } from "../core/periods/period.ts";
import type { Orm } from "./db.ts";
import { period } from "./schema.ts";

export type PeriodRow = typeof period.$inferSelect;

export async function listPeriods(orm: Orm, workspaceId: number): Promise<PeriodRow[]> {
  return orm
    .select()
    .from(period)
    .where(eq(period.workspaceId, workspaceId))
    .orderBy(asc(period.endDate), asc(period.code));
}

/** Inserts the periods that do not exist yet and returns the ids of all of them by code. */
export async function ensurePeriods(
  orm: Orm,
  workspaceId: number,
  periods: readonly Period[],
): Promise<Map<string, number>> {
  if (periods.length > 0) {
    await orm
      .insert(period)
      .values(
        periods.map((p) => ({
          workspaceId,
          code: p.code,
          kind: p.kind,
          startDate: p.start,
          endDate: p.end,
          referenceDate: p.referenceDate,
        })),
      )
      .onConflictDoNothing();
  }
  const rows = await orm
    .select({ id: period.id, code: period.code })
    .from(period)
    .where(
      and(
        eq(period.workspaceId, workspaceId),
        inArray(
          period.code,
          periods.map((p) => p.code),
        ),
      ),
    );
  return new Map(rows.map((r) => [r.code, r.id]));
}
