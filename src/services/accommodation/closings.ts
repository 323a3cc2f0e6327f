/**
 * Closing months and delivering files (Monatsabschluss, WoBerichtsG delivery). The
 * accommodation staff and planners close a month after the monthly check: its statistic is
 * stored as reported — in full, and as readers without record access see it — and served
 * from then on, whatever the records say; a change that would alter it is refused
 * (closed-period-guard.ts) until someone reopens the month with a reason. Closing it again
 * stores the next version, which the statistic shows as revised ("r") with the changes against
 * the version before. A year's WoBerichtsG file is marked delivered the same way. Every step
 * is audited and raises the accommodation version, so no cache serves the state before.
 * Rules: docs/methods/occupancy.md, section 8.
 */
import { closingRefusal } from "../../core/accommodation/closing.ts";
import { dayNumber, parseMonth } from "../../core/accommodation/days.ts";
import { formatDay, formatPeriod } from "../../core/reports/format.ts";
import { bumpAccommodationVersion } from "../../storage/accommodation.repo.ts";
import { findOccupancyMonth } from "../../storage/occupancy.repo.ts";
import {
  closedPeriodVersions,
  insertClosedPeriod,
  latestClosedPeriods,
  reopenClosedPeriod,
  type ClosedPeriodRow,
} from "../../storage/closed-periods.repo.ts";
import { liveFederalDelivery, type StoredDelivery } from "./federal.ts";
import { monthlyCheck } from "./record-checks.ts";
import { monthlyOccupancy } from "./statistic.ts";
import { recordSpan } from "./records.ts";
import { AppError } from "../app-error.ts";
import { audit, type Actor } from "../audit.ts";
import { bumpVersionChecked, loadChangeGuard, todayOf } from "./closed-period-guard.ts";
import type { ServiceContext } from "../context.ts";
import { protectedSeries } from "./occupancy-views.ts";
import type { Workspace } from "../workspaces.ts";

/** A closed period's latest version as the answer of a closing or reopening. */
export interface ClosedVersion {
  readonly period: string;
  readonly version: number;
  readonly state: "closed" | "reopened";
  readonly closedAt: string;
  readonly reopenedAt: string | null;
}

function versionOf(row: ClosedPeriodRow): ClosedVersion {
  return {
    period: row.period,
    version: row.version,
    state: row.reopenedAt === null ? "closed" : "reopened",
    closedAt: row.closedAt.toISOString(),
    reopenedAt: row.reopenedAt?.toISOString() ?? null,
  };
}

function parseMonthOrFail(month: string) {
  const m = parseMonth(month);
  if (!m) {
    throw new AppError("invalid_input", `„${month}“ ist kein Monat (JJJJ-MM).`, {
      field: "month",
    });
  }
  return m;
}

/** A reason for reopening: said in words, at least a few characters. */
function requireReason(reason: string): string {
  const text = reason.trim();
  if (text.length < 5) {
    throw new AppError(
      "invalid_input",
      "Begründung: bitte angeben, warum wieder geöffnet wird (mindestens 5 Zeichen).",
      { field: "reason" },
    );
  }
  return text;
}

/**
 * Closes a month: it must have ended and the month before must be closed (or have no
 * records; the first closing may start anywhere, see `closingRefusal`). Stores the statistic
 * as served now, in full and after disclosure control, as the next version.
 */
export async function closeMonth(
  ctx: ServiceContext,
  ws: Workspace,
  month: string,
  actor: Actor,
): Promise<ClosedVersion> {
  const m = parseMonthOrFail(month);
  const guard = await loadChangeGuard(ctx, ws);
  const [latest, span] = await Promise.all([
    latestClosedPeriods(ctx.db.orm, ws.id, "month"),
    recordSpan(ctx, ws),
  ]);
  const states = new Map(
    [...latest].map(([k, r]) => [k, r.reopenedAt === null ? "closed" : "reopened"] as const),
  );
  if (span === null || m.code < span.first) {
    throw new AppError(
      "invalid_input",
      span === null
        ? `${formatPeriod(m.code)} lässt sich nicht abschließen: es gibt noch keine Belegungsdaten.`
        : `${formatPeriod(m.code)} lässt sich nicht abschließen: die Belegungsdaten beginnen ${formatPeriod(span.first)}.`,
      { field: "month" },
    );
  }
  const refusal = closingRefusal(m, dayNumber(todayOf(ctx))!, states, span.first);
  if (refusal !== null) {
    throw new AppError(
      refusal.reason === "not_ended" ? "invalid_input" : "conflict",
      refusal.message,
    );
  }
  const [statistic, [seen], findings] = await Promise.all([
    monthlyOccupancy(ctx, ws, m.code),
    protectedSeries(ctx, ws, m, m),
    monthlyCheck(ctx, ws, m.code),
  ]);
  const previous = latest.get(m.code);
  const version = (previous?.version ?? 0) + 1;
  const row = await ctx.db.transaction(async (tx) => {
    await bumpVersionChecked(tx.orm, ws, guard);
    const inserted = await insertClosedPeriod(tx.orm, {
      workspaceId: ws.id,
      kind: "month",
      period: m.code,
      version,
      content: statistic,
      protectedContent: seen,
      closedAt: ctx.now(),
      closedBy: actor.label,
    });
    await audit(tx.orm, ctx, actor, [
      {
        workspaceId: ws.id,
        action: "close",
        entity: "occupancy_month",
        entityKey: m.code,
        before: previous ? { version: previous.version, state: "reopened" } : null,
        after: {
          version,
          state: "closed",
          revised: version > 1,
          checkFindings: findings.length,
          persons: statistic.total.persons,
          places: statistic.total.places,
        },
      },
    ]);
    return inserted;
  });
  return versionOf(row);
}

/**
 * Reopens a closed month for changes, with a reason (audited). A month whose records were
 * deleted under the retention rule stays closed: nothing could be corrected.
 */
export async function reopenMonth(
  ctx: ServiceContext,
  ws: Workspace,
  month: string,
  reason: string,
  actor: Actor,
): Promise<ClosedVersion> {
  const m = parseMonthOrFail(month);
  const text = requireReason(reason);
  const latest = (await closedPeriodVersions(ctx.db.orm, ws.id, "month", m.code)).at(-1);
  const name = formatPeriod(m.code);
  if (latest === undefined || latest.reopenedAt !== null) {
    throw new AppError("conflict", `${name} ist nicht abgeschlossen.`);
  }
  if (
    (await findOccupancyMonth(ctx.db.orm, ws.id, m.code, ws.occupancyReferenceDay)) !== undefined
  ) {
    throw new AppError(
      "conflict",
      `${name} lässt sich nicht wieder öffnen: die Datensätze dieses Monats sind nach der Aufbewahrungsfrist gelöscht.`,
    );
  }
  return reopen(ctx, ws, latest, text, actor, "occupancy_month");
}

async function reopen(
  ctx: ServiceContext,
  ws: Workspace,
  latest: ClosedPeriodRow,
  reason: string,
  actor: Actor,
  entity: "occupancy_month" | "federal_delivery",
): Promise<ClosedVersion> {
  const at = ctx.now();
  await ctx.db.transaction(async (tx) => {
    await bumpAccommodationVersion(tx.orm, ws.id);
    if (!(await reopenClosedPeriod(tx.orm, latest.id, { at, by: actor.label, reason }))) {
      throw new AppError("concurrent_change", "Das wurde eben schon wieder geöffnet.");
    }
    await audit(tx.orm, ctx, actor, [
      {
        workspaceId: ws.id,
        action: "reopen",
        entity,
        entityKey: latest.period,
        before: { version: latest.version, state: "closed" },
        after: { version: latest.version, state: "reopened", reason },
      },
    ]);
  });
  return versionOf({ ...latest, reopenedAt: at, reopenedBy: actor.label, reopenReason: reason });
}

/**
 * Marks the WoBerichtsG file of `year` as delivered: its reference date (31 January) must have
 * passed; the records and summary as they are now are stored as the next version.
 */
export async function markDelivered(
  ctx: ServiceContext,
  ws: Workspace,
  year: number,
  actor: Actor,
): Promise<ClosedVersion> {
  const referenceDate = `${year}-01-31`;
  if (referenceDate >= todayOf(ctx)) {
    throw new AppError(
      "invalid_input",
      `Der Stichtag ${formatDay(referenceDate)} ist noch nicht vorbei; geliefert wird danach.`,
    );
  }
  const guard = await loadChangeGuard(ctx, ws);
  const latest = (await closedPeriodVersions(ctx.db.orm, ws.id, "federal", String(year))).at(-1);
  if (latest !== undefined && latest.reopenedAt === null) {
    throw new AppError("conflict", `Die Lieferung ${year} ist schon als geliefert vermerkt.`);
  }
  const delivery = await liveFederalDelivery(ctx, ws, year);
  const version = (latest?.version ?? 0) + 1;
  const row = await ctx.db.transaction(async (tx) => {
    await bumpVersionChecked(tx.orm, ws, guard);
    const inserted = await insertClosedPeriod(tx.orm, {
      workspaceId: ws.id,
      kind: "federal",
      period: String(year),
      version,
      content: delivery satisfies StoredDelivery,
      closedAt: ctx.now(),
      closedBy: actor.label,
    });
    await audit(tx.orm, ctx, actor, [
      {
        workspaceId: ws.id,
        action: "close",
        entity: "federal_delivery",
        entityKey: String(year),
        before: latest ? { version: latest.version, state: "reopened" } : null,
        after: {
          version,
          state: "delivered",
          revised: version > 1,
          persons: delivery.summary.persons,
          households: delivery.summary.households,
        },
      },
    ]);
    return inserted;
  });
  return versionOf(row);
}

/** Reopens a delivered year for changes, with a reason (audited). */
export async function reopenDelivery(
  ctx: ServiceContext,
  ws: Workspace,
  year: number,
  reason: string,
  actor: Actor,
): Promise<ClosedVersion> {
  const text = requireReason(reason);
  const latest = (await closedPeriodVersions(ctx.db.orm, ws.id, "federal", String(year))).at(-1);
  if (latest === undefined || latest.reopenedAt !== null) {
    throw new AppError("conflict", `Die Lieferung ${year} ist nicht als geliefert vermerkt.`);
  }
  if ((latest.content as StoredDelivery).recordsDeletedOn !== undefined) {
    throw new AppError(
      "conflict",
      `Die Lieferung ${year} lässt sich nicht wieder öffnen: ihre Datensätze sind nach der Aufbewahrungsfrist gelöscht.`,
    );
  }
  return reopen(ctx, ws, latest, text, actor, "federal_delivery");
}
