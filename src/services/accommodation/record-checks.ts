/**
 * The checks every write of the records passes: keys that exist already, the plausibility
 * check of all records together, days within their bounds, and no change to a closed month or
 * a delivered file; and the monthly check the staff run before the figures go out.
 */
import { isoDay as isoDayOf, parseMonth, dayNumber } from "../../core/accommodation/days.ts";
import {
  dayOutOfBounds,
  type DayKind,
  type DayLimits,
} from "../../core/accommodation/date-bounds.ts";
import type { Facility } from "../../core/accommodation/model.ts";
import { checkRecords, type Finding } from "../../core/accommodation/plausibility.ts";
import { AppError } from "../app-error.ts";
import { refuseClosedChanges, spanOf, type ChangeGuard } from "./closed-period-guard.ts";
import type { ServiceContext } from "../context.ts";
import type { Workspace } from "../workspaces.ts";
import { loadRecords, type AccommodationRecords, type RecordDelivery } from "./records.ts";
import { countingRulesOf } from "./statistic.ts";

/**
 * Every finding about new records checked with the stored ones: keys that exist, the
 * plausibility check of all records together, and the days of the new stays against their
 * facility's opening and closing and the days ahead.
 */
export function checkDelivery(
  stored: AccommodationRecords,
  records: RecordDelivery,
  guard: ChangeGuard,
): Finding[] {
  const persons = [...stored.persons, ...records.persons];
  const household = new Map(persons.map((p) => [p.id, p.household]));
  const facility = new Map(stored.facilities.map((f) => [f.code, f]));
  const days: Finding[] = [];
  for (const s of records.stays) {
    const f = facility.get(s.facility);
    if (!f) continue;
    const label = household.has(s.person)
      ? `Aufenthalt ${s.id} (Haushalt ${household.get(s.person)}, Person ${s.person})`
      : `Aufenthalt ${s.id}`;
    for (const [day, kind] of [
      [s.entry, "entry"],
      [s.exit, "exit"],
    ] as const) {
      if (day === null || dayNumber(day) === null) continue;
      const problem = dayOutOfBounds(day, kind, f, guard.limits);
      if (problem !== null) {
        days.push({
          severity: "error",
          code: "date_out_of_range",
          record: s.id,
          message: `${label}: ${problem}`,
        });
      }
    }
  }
  return [
    ...duplicatesOf(stored.households, records.households, "Haushalt"),
    ...duplicatesOf(stored.persons, records.persons, "Person"),
    ...duplicatesOf(stored.stays, records.stays, "Aufenthalt"),
    ...days,
    ...checkRecords(stored.facilities, [...stored.households, ...records.households], persons, [
      ...stored.stays,
      ...records.stays,
    ]),
  ];
}

/** Refuses new records that would change a closed month or a delivered file. */
export function refuseDeliveryToClosed(
  ws: Workspace,
  guard: ChangeGuard,
  stored: AccommodationRecords,
  records: RecordDelivery,
): void {
  refuseClosedChanges(
    ws,
    countingRulesOf(ws),
    guard,
    stored,
    {
      facilities: stored.facilities,
      households: [...stored.households, ...records.households],
      persons: [...stored.persons, ...records.persons],
      stays: [...stored.stays, ...records.stays],
    },
    spanOf(records.stays.flatMap((s) => [s.entry, s.exit])),
  );
}

/** A day a person entered, the field it was entered in, and the facility it concerns. */
export interface EnteredDay {
  readonly day: string;
  readonly kind: DayKind;
  readonly facility: Pick<Facility, "name" | "opened" | "closed">;
}

/** Refuses days outside their bounds, each problem named (`error.details.problems`). */
export function refuseDaysOutOfBounds(limits: DayLimits, days: readonly EnteredDay[]): void {
  const problems = [
    ...new Set(
      days.flatMap((d) => {
        const p = dayOutOfBounds(d.day, d.kind, d.facility, limits);
        return p === null ? [] : [p];
      }),
    ),
  ];
  if (problems.length > 0) {
    throw new AppError("invalid_input", problems.join(" "), { problems });
  }
}

export function duplicatesOf(
  stored: readonly { id: string }[],
  added: readonly { id: string }[],
  what: string,
): Finding[] {
  const known = new Set(stored.map((x) => x.id));
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const x of added) {
    if (known.has(x.id) || seen.has(x.id)) {
      out.push({
        severity: "error",
        code: "unknown_stay",
        record: x.id,
        message: `${what} ${x.id} gibt es schon.`,
      });
    }
    seen.add(x.id);
  }
  return out;
}

/**
 * The monthly check: every plausibility finding about a stay that touches the month or about
 * a facility, for the staff to look at before the figures go out.
 */
export async function monthlyCheck(ctx: ServiceContext, ws: Workspace, month: string) {
  const m = parseMonth(month);
  if (!m) throw new AppError("invalid_input", `„${month}“ ist kein Monat (JJJJ-MM).`);
  const r = await loadRecords(ctx, ws);
  const first = isoDayOf(m.first);
  const last = isoDayOf(m.last);
  const inMonth = new Set(
    r.stays.filter((s) => s.entry <= last && (s.exit === null || s.exit >= first)).map((s) => s.id),
  );
  const facilityCodes = new Set(r.facilities.map((f) => f.code));
  return checkRecords(r.facilities, r.households, r.persons, r.stays).filter(
    (f) =>
      inMonth.has(f.record) ||
      (facilityCodes.has(f.record) &&
        f.message.includes(`.${month.slice(5, 7)}.${month.slice(0, 4)}`)),
  );
}
