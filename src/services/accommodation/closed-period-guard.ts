/**
 * What every write of the accommodation records checks before it commits: the days it enters
 * lie within their bounds (core/accommodation/date-bounds.ts), and it changes no figure of a
 * closed month or of a delivered WoBerichtsG file (core/accommodation/closing.ts) — else it
 * is refused with a German message naming the month or the year, and nothing is written.
 * A write reads the accommodation version first (`loadChangeGuard`) and raises it in its
 * transaction with `bumpVersionChecked`, which refuses when another write came in between,
 * so a month closed meanwhile is never changed behind the check's back.
 */
import {
  describeChanges,
  deliveriesDiffer,
  compareDeliveries,
  monthList,
  monthsChangedBy,
  type Delivery,
  type DeliveryChanges,
  type TouchedMonth,
} from "../../core/accommodation/closing.ts";
import type { DayLimits } from "../../core/accommodation/date-bounds.ts";
import { dayNumber, parseMonth, type Month } from "../../core/accommodation/days.ts";
import { federalStatistic } from "../../core/accommodation/federal-statistic.ts";
import type { Facility, Household, Person, Stay } from "../../core/accommodation/model.ts";
import { type CountingRules } from "../../core/accommodation/occupancy.ts";
import { prepareStays } from "../../core/accommodation/stay-table.ts";
import { formatDay } from "../../core/reports/format.ts";
import {
  accommodationVersionOf,
  bumpAccommodationVersion,
} from "../../storage/accommodation.repo.ts";
import { latestClosedPeriods } from "../../storage/closed-periods.repo.ts";
import type { Orm } from "../../storage/db.ts";
import { AppError } from "../app-error.ts";
import type { ServiceContext } from "../context.ts";
import type { Workspace } from "../workspaces.ts";

/** Today as an ISO day in Germany (the day a member of staff enters). */
export function todayOf(ctx: ServiceContext): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Berlin",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(ctx.now());
}

/** The bounds of days entered in a workspace today. */
export function dayLimitsOf(ctx: ServiceContext, ws: Workspace): DayLimits {
  return { today: todayOf(ctx), daysAhead: ws.accommodationDaysAhead };
}

/** What a write checks against, read before the records it checks. */
export interface ChangeGuard {
  /** The accommodation version when the guard was read. */
  readonly version: number;
  /** The months closed now (not reopened), oldest first. */
  readonly closedMonths: readonly Month[];
  /** The years whose delivery is marked delivered now, with what was delivered. */
  readonly deliveredYears: ReadonlyMap<number, Delivery>;
  readonly limits: DayLimits;
}

export async function loadChangeGuard(ctx: ServiceContext, ws: Workspace): Promise<ChangeGuard> {
  const version = await accommodationVersionOf(ctx.db.orm, ws.id);
  const [months, federal] = await Promise.all([
    latestClosedPeriods(ctx.db.orm, ws.id, "month"),
    latestClosedPeriods(ctx.db.orm, ws.id, "federal"),
  ]);
  return {
    version,
    closedMonths: [...months.values()]
      .filter((r) => r.reopenedAt === null)
      .map((r) => parseMonth(r.period)!)
      .sort((a, b) => a.first - b.first),
    deliveredYears: new Map(
      [...federal.values()]
        .filter((r) => r.reopenedAt === null)
        .map((r) => [Number(r.period), r.content as Delivery]),
    ),
    limits: dayLimitsOf(ctx, ws),
  };
}

/**
 * The days a change can alter figures of: from its earliest day on, up to `to` (null: with no
 * end, as for a capacity change or a stay still open). A month or reference date outside
 * cannot change, so only the closed months and delivered years inside are recomputed.
 */
export interface ChangeSpan {
  readonly from: string;
  readonly to: string | null;
}

/** The records a change is checked with, before or after it. */
export interface RecordSet {
  readonly facilities: readonly Facility[];
  readonly households: readonly Household[];
  readonly persons: readonly Person[];
  readonly stays: readonly Stay[];
}

function monthsIn(guard: ChangeGuard, span: ChangeSpan): Month[] {
  const from = dayNumber(span.from)!;
  const to = span.to === null ? Infinity : dayNumber(span.to)!;
  return guard.closedMonths.filter((m) => m.last >= from && m.first <= to);
}

function yearsIn(guard: ChangeGuard, span: ChangeSpan): number[] {
  return [...guard.deliveredYears.keys()]
    .filter((y) => {
      const d = `${y}-01-31`;
      return d >= span.from && (span.to === null || d <= span.to);
    })
    .sort((a, b) => a - b);
}

/** Whether a change over `span` could alter a closed month or a delivered file at all. */
export function mayTouchClosed(guard: ChangeGuard, span: ChangeSpan | null): boolean {
  return span !== null && (monthsIn(guard, span).length > 0 || yearsIn(guard, span).length > 0);
}

/**
 * Refuses a change that would alter a figure of a closed month or a record of a delivered
 * file (AppError `month_closed` or `delivery_closed`, 409), naming the months and years and
 * what would change; the details hold every changed figure.
 */
export function refuseClosedChanges(
  ws: Workspace,
  rules: CountingRules,
  guard: ChangeGuard,
  before: RecordSet,
  after: RecordSet,
  span: ChangeSpan | null,
): void {
  if (span === null || !mayTouchClosed(guard, span)) return;
  const candidates = monthsIn(guard, span);
  let months: TouchedMonth[] = [];
  if (candidates.length > 0) {
    const table = (r: RecordSet) => prepareStays(r.facilities, r.households, r.persons, r.stays);
    months = monthsChangedBy(table(before), table(after), candidates, rules);
  }
  const deliveries: { year: number; changes: DeliveryChanges }[] = [];
  for (const year of yearsIn(guard, span)) {
    const delivered = guard.deliveredYears.get(year)!;
    const key = delivered.records[0]?.municipalityKey ?? ws.municipalityKey ?? "";
    const of = (r: RecordSet) =>
      federalStatistic(year, key, r.facilities, r.households, r.persons, r.stays);
    const a = of(before);
    const b = of(after);
    if (deliveriesDiffer(a, b)) deliveries.push({ year, changes: compareDeliveries(a, b) });
  }
  if (months.length === 0 && deliveries.length === 0) return;

  const sentences: string[] = [];
  if (months.length > 0) {
    const names = monthList(months.map((m) => m.month));
    const first = months[0]!;
    sentences.push(
      months.length === 1
        ? `Die Änderung würde den abgeschlossenen Monat ${names} ändern (${describeChanges(first.changes)}). Bitte den Monat zuerst mit Begründung wieder öffnen.`
        : `Die Änderung würde die abgeschlossenen Monate ${names} ändern (${monthList([first.month])}: ${describeChanges(first.changes)}). Bitte die Monate zuerst mit Begründung wieder öffnen.`,
    );
  }
  for (const d of deliveries) {
    const c = d.changes;
    const persons = [
      c.added.length > 0 ? `${c.added.length} Person${c.added.length === 1 ? "" : "en"} mehr` : "",
      c.removed.length > 0
        ? `${c.removed.length} Person${c.removed.length === 1 ? "" : "en"} weniger`
        : "",
      c.changed.length > 0
        ? `${c.changed.length} Datensatz${c.changed.length === 1 ? "" : "e"} geändert`
        : "",
    ].filter((x) => x !== "");
    sentences.push(
      `Die Änderung würde die gelieferte WoBerichtsG-Datei ${d.year} (Stichtag ${formatDay(`${d.year}-01-31`)}) ändern (${persons.join(", ")}). Bitte die Lieferung zuerst mit Begründung wieder öffnen.`,
    );
  }
  throw new AppError(months.length > 0 ? "month_closed" : "delivery_closed", sentences.join(" "), {
    months,
    deliveries,
  });
}

/**
 * Raises the accommodation version inside the write's transaction and refuses the write when
 * another one committed since the guard was read (its checks would be stale).
 */
export async function bumpVersionChecked(
  orm: Orm,
  ws: Workspace,
  guard: ChangeGuard,
): Promise<void> {
  const now = await bumpAccommodationVersion(orm, ws.id);
  if (now !== guard.version + 1) {
    throw new AppError(
      "concurrent_change",
      "Die Belegungsdaten wurden eben an anderer Stelle geändert; bitte noch einmal speichern.",
    );
  }
}

/** The earliest and latest of some ISO days (null: open); null when there are none. */
export function spanOf(days: readonly (string | null)[]): ChangeSpan | null {
  const known = days.filter((d): d is string => d !== null);
  if (known.length === 0) return null;
  const from = known.reduce((a, b) => (a < b ? a : b));
  const to = days.includes(null) ? null : known.reduce((a, b) => (a > b ? a : b));
  return { from, to };
}
