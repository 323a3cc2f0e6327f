/**
 * The monthly occupancy statistic from the stored records: the workspace's counting rules,
 * the records read as arrays (no record per stay) into the core's table, and the months
 * served as stored where they must not change (closed months, months whose records were
 * deleted under the retention rule). What each role sees of it: occupancy-views.ts.
 */
import { formatDay } from "../../core/reports/format.ts";
import {
  addMonths,
  isoDay as isoDayOf,
  parseMonth,
  type Month,
} from "../../core/accommodation/days.ts";
import {
  HOUSEHOLD_TYPES,
  LEGAL_BASES,
  NATIONALITY_GROUPS,
  SEXES,
} from "../../core/accommodation/model.ts";
import {
  monthlyStatistic,
  type CountingRules,
  type MonthlyStatistic,
} from "../../core/accommodation/occupancy.ts";
import { tableOfColumns, type StayTable } from "../../core/accommodation/stay-table.ts";
import {
  facilityIds,
  findOccupancyMonth,
  listOccupancyMonths,
  loadStayArrays,
} from "../../storage/occupancy.repo.ts";
import { latestClosedPeriods } from "../../storage/closed-periods.repo.ts";
import { AppError } from "../app-error.ts";
import type { ServiceContext } from "../context.ts";
import type { Workspace } from "../workspaces.ts";
import { getFacilities } from "./records.ts";

/** The workspace's counting rules. */
export function countingRulesOf(ws: Workspace): CountingRules {
  const day = ws.occupancyReferenceDay;
  return { referenceDay: day === "last" ? "last" : Number(day) };
}

/**
 * The statistics of the closed months as they were closed (the latest version of each month
 * that is not reopened), by month: they are served as reported, whatever the records say.
 */
export async function closedMonthStatistics(
  ctx: ServiceContext,
  ws: Workspace,
): Promise<Map<string, MonthlyStatistic>> {
  const rows = await latestClosedPeriods(ctx.db.orm, ws.id, "month");
  return new Map(
    [...rows.values()]
      .filter((r) => r.reopenedAt === null)
      .map((r) => [r.period, r.content as MonthlyStatistic]),
  );
}

/**
 * The occupancy statistic of one month ("YYYY-MM") under the workspace's rules: a closed
 * month as it was closed, a month whose records were deleted as stored then, else computed.
 */
export async function monthlyOccupancy(
  ctx: ServiceContext,
  ws: Workspace,
  month: string,
): Promise<MonthlyStatistic> {
  const m = parseMonth(month);
  if (!m) throw new AppError("invalid_input", `„${month}“ ist kein Monat (JJJJ-MM).`);
  const closed = (await closedMonthStatistics(ctx, ws)).get(m.code);
  if (closed !== undefined) return closed;
  const frozen = await findOccupancyMonth(ctx.db.orm, ws.id, m.code, ws.occupancyReferenceDay);
  if (frozen !== undefined) return frozen as MonthlyStatistic;
  return monthlyStatistic(await loadStayTable(ctx, ws, m), m, countingRulesOf(ws));
}

/**
 * The statistics of every month from `from` to `to` ("YYYY-MM"), the records read once;
 * closed months and months whose records were deleted as stored (`monthlyOccupancy`).
 */
export async function occupancySeries(
  ctx: ServiceContext,
  ws: Workspace,
  from: string,
  to: string,
): Promise<MonthlyStatistic[]> {
  const first = parseMonth(from);
  const last = parseMonth(to);
  if (!first || !last) {
    throw new AppError("invalid_input", `„${first ? to : from}“ ist kein Monat (JJJJ-MM).`);
  }
  if (last.first < first.first) {
    throw new AppError("invalid_input", `Der Zeitraum ${from} bis ${to} ist leer.`);
  }
  const [table, frozen, closed] = await Promise.all([
    loadStayTable(ctx, ws),
    listOccupancyMonths(ctx.db.orm, ws.id, ws.occupancyReferenceDay),
    closedMonthStatistics(ctx, ws),
  ]);
  const rules = countingRulesOf(ws);
  const out: MonthlyStatistic[] = [];
  for (let m = first; m.first <= last.first; m = addMonths(m, 1)) {
    out.push(
      closed.get(m.code) ??
        (frozen.get(m.code) as MonthlyStatistic | undefined) ??
        monthlyStatistic(table, m, rules),
    );
  }
  return out;
}

/** Dense positions of database ids, in the order given. */
function positions(ids: readonly number[]): Map<number, number> {
  return new Map(ids.map((id, i) => [id, i]));
}

const codeIndex = <T extends string>(values: readonly T[]) =>
  new Map<string, number>(values.map((v, i) => [v, i]));

/**
 * The stored records as the statistic's table, read as arrays (no record per stay); with
 * `month` only the stays overlapping it (enough for that month's statistic: a move's other
 * half lies in the same month when it matters, and chain starts come from the database).
 */
export async function loadStayTable(
  ctx: ServiceContext,
  ws: Workspace,
  month?: Month,
): Promise<StayTable> {
  const [facilities, ids, a] = await Promise.all([
    getFacilities(ctx, ws),
    facilityIds(ctx.db.orm, ws.id),
    loadStayArrays(
      ctx.db.orm,
      ws.id,
      month ? { first: isoDayOf(month.first), last: isoDayOf(month.last) } : undefined,
    ),
  ]);
  const facilityPosition = new Map(facilities.map((f, i) => [f.code, i]));
  const household = positions(a.households.id);
  const person = positions(a.persons.id);
  const stay = positions(a.stays.id);
  const typeOf = codeIndex(HOUSEHOLD_TYPES);
  const sexOf = codeIndex(SEXES);
  const nationalityOf = codeIndex(NATIONALITY_GROUPS);
  const legalOf = codeIndex(LEGAL_BASES);
  return tableOfColumns({
    facilities,
    householdType: Uint8Array.from(a.households.type, (t) => typeOf.get(t)!),
    personHousehold: Int32Array.from(a.persons.household, (h) => household.get(h)!),
    personBirthYear: Float64Array.from(a.persons.birthYear, (y) => y ?? Number.NaN),
    personSex: Uint8Array.from(a.persons.sex, (x) => sexOf.get(x)!),
    personNationality: Uint8Array.from(a.persons.nationality, (x) => nationalityOf.get(x)!),
    person: Int32Array.from(a.stays.person, (p) => person.get(p)!),
    facility: Int32Array.from(a.stays.facility, (f) => facilityPosition.get(ids.get(f)!)!),
    legalBasis: Uint8Array.from(a.stays.legalBasis, (l) => legalOf.get(l)!),
    entry: Float64Array.from(a.stays.entry),
    exit: Float64Array.from(a.stays.exit, (x) => x ?? Infinity),
    previous: Int32Array.from(a.stays.movedFrom, (m) => (m === null ? -1 : (stay.get(m) ?? -1))),
    chainStart: Float64Array.from(a.stays.chainStart),
    entitled: Uint8Array.from(a.stays.entitled, (t) => (t ? 1 : 0)),
  });
}

/**
 * The counting rules in words, printed with every statistic; with `referenceDate` (ISO day)
 * the reference date of one month is named too ("Stichtag: 31.10.2026, letzter Tag des Monats").
 */
export function rulesText(rules: CountingRules, referenceDate?: string): string {
  const day =
    rules.referenceDay === "last"
      ? "letzter Tag des Monats"
      : `${rules.referenceDay}. Tag des Monats`;
  const date = referenceDate === undefined ? "" : `${formatDay(referenceDate)}, `;
  return `Stichtag: ${date}${day}. Untergebracht am Stichtag ist, wer bis dahin eingezogen und noch nicht ausgezogen ist (Auszug nach dem Stichtag). Zu- und Abgänge: Personen mit Ein- oder Auszug im Monat; ein Umzug zwischen Unterkünften zählt nur bei den Unterkünften. Verweildauer seit dem ersten Einzug in eine städtische Unterkunft. Auslastung: Personen je Platz.`;
}
