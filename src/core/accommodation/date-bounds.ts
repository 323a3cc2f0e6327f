/**
 * The days a person may enter for a facility: an entry, exit or move day and a capacity change
 * lie within the facility's life (not before it opened, not after its closing) and not more
 * than a workspace's number of days ahead of today; an opening or a closing not more than that
 * far ahead either. A day outside is refused with a German message that names the field, so
 * "01.01.1900" or "01.01.2099" never reaches the statistic. Pure: today comes in.
 */
import { formatDay } from "../reports/format.ts";
import { dayNumber, isoDay } from "./days.ts";
import type { Facility } from "./model.ts";

/** How far ahead a day may lie: the workspace's setting (31 unless set) and today. */
export interface DayLimits {
  /** Today as an ISO day. */
  readonly today: string;
  readonly daysAhead: number;
}

export const DEFAULT_DAYS_AHEAD = 31;

/** What a day is, and the field's name in the forms. */
export type DayKind = "entry" | "exit" | "move" | "capacity" | "opening" | "closing";

export const DAY_FIELD: Readonly<Record<DayKind, string>> = {
  entry: "Einzugsdatum",
  exit: "Auszugsdatum",
  move: "Umzugsdatum",
  capacity: "Kapazität gültig ab",
  opening: "Eröffnungsdatum",
  closing: "Letzter Öffnungstag",
};

/** The last day that may be entered: today plus the days ahead. */
export function latestDay(limits: DayLimits): string {
  return isoDay(dayNumber(limits.today)! + limits.daysAhead);
}

/**
 * Why `day` cannot be entered as `kind` for `facility`, in German, or null when it can. Days
 * of stays and capacity lie from the opening to the closing day; every day at most
 * `daysAhead` days after today.
 */
export function dayOutOfBounds(
  day: string,
  kind: DayKind,
  facility: Pick<Facility, "name" | "opened" | "closed">,
  limits: DayLimits,
): string | null {
  const field = DAY_FIELD[kind];
  const latest = latestDay(limits);
  if (day > latest) {
    return `${field} ${formatDay(day)} liegt mehr als ${limits.daysAhead} Tage in der Zukunft (spätestens ${formatDay(latest)}).`;
  }
  if (kind === "opening" || kind === "closing") return null;
  if (day < facility.opened) {
    return `${field} ${formatDay(day)} liegt vor der Eröffnung von ${facility.name} (${formatDay(facility.opened)}).`;
  }
  if (facility.closed !== null && day > facility.closed) {
    return `${field} ${formatDay(day)} liegt nach der Schließung von ${facility.name} (letzter Tag ${formatDay(facility.closed)}).`;
  }
  return null;
}
