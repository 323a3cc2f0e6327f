/**
 * The retention rule: person records go a set number of months after their last stay ended,
 * the figures they made stay (docs/methods/occupancy.md).
 */
import { addMonths, monthOfDay, parseMonth } from "../../core/accommodation/days.ts";
import { monthlyStatistic } from "../../core/accommodation/occupancy.ts";
import {
  bumpAccommodationVersion,
  deletePersonsHousedBefore,
} from "../../storage/accommodation.repo.ts";
import { storeOccupancyMonths } from "../../storage/occupancy.repo.ts";
import { deleteDeliveredRecordsBefore } from "../../storage/closed-periods.repo.ts";
import { audit, type Actor } from "../audit.ts";
import type { ServiceContext } from "../context.ts";
import type { Workspace } from "../workspaces.ts";
import { countingRulesOf, loadStayTable } from "./statistic.ts";

/**
 * Deletes the records of persons whose last stay ended more than the workspace's retention
 * period ago, and the person records of delivered WoBerichtsG files whose reference date lies
 * before the cutoff. The monthly statistics of every month up to the cutoff are stored first,
 * so the figures stay when the records go; all in one transaction, audited with the counts.
 */
export async function purgeExpiredRecords(
  ctx: ServiceContext,
  ws: Workspace,
  actor: Actor,
): Promise<{ cutoff: string; persons: number; stays: number; households: number; months: number }> {
  const today = ctx.now();
  const cutoffDate = new Date(
    Date.UTC(
      today.getUTCFullYear(),
      today.getUTCMonth() - ws.stayRetentionMonths,
      today.getUTCDate(),
    ),
  );
  const cutoff = cutoffDate.toISOString().slice(0, 10);
  const cutoffMonth = parseMonth(cutoff.slice(0, 7))!;
  const table = await loadStayTable(ctx, ws);
  let earliest = Infinity;
  for (let i = 0; i < table.size; i++) earliest = Math.min(earliest, table.entry[i]!);
  const months: { month: string; statistic: unknown }[] = [];
  if (earliest !== Infinity) {
    const rules = countingRulesOf(ws);
    // Every month whose figures the deleted records could have counted, up to the cutoff's.
    for (let m = monthOfDay(earliest); m.first <= cutoffMonth.first; m = addMonths(m, 1)) {
      months.push({ month: m.code, statistic: monthlyStatistic(table, m, rules) });
    }
  }
  return ctx.db.transaction(async (tx) => {
    await bumpAccommodationVersion(tx.orm, ws.id);
    await storeOccupancyMonths(tx.orm, ws.id, ws.occupancyReferenceDay, months);
    const deleted = await deletePersonsHousedBefore(tx.orm, ws.id, cutoff);
    // Delivered files hold the same persons: their records go too, the summaries stay.
    const deliveries = await deleteDeliveredRecordsBefore(tx.orm, ws.id, cutoff);
    await audit(tx.orm, ctx, actor, [
      {
        workspaceId: ws.id,
        action: "delete",
        entity: "stay",
        entityKey: "*",
        before: { retentionMonths: ws.stayRetentionMonths, cutoff },
        after: { ...deleted, frozenMonths: months.length, deliveriesEmptied: deliveries },
      },
    ]);
    return { cutoff, ...deleted, months: months.length };
  });
}
