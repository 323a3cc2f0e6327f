/**
 * Months as the page handles them ("YYYY-MM"): the default month, shifting, the span of a
 * chart, and month and day texts in the interface's language. Arithmetic comes from the core
 * (src/core/accommodation/days.ts), so the page and the server agree on what a month is.
 */
import { addMonths, parseMonth } from "@core/accommodation/days.ts";

/**
 * The month before the one `now` lies in (Europe/Berlin is close enough to the local clock:
 * a month is complete on its last day's evening at the latest). The statistic of the running
 * month is not complete yet, so the page opens on the one before.
 */
export function previousMonth(now: Date): string {
  const index = now.getFullYear() * 12 + now.getMonth() - 1;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/**
 * The month the page opens on: the last complete one, or the last month with records when
 * those end earlier (a workspace whose records stopped, or the demo's example history).
 */
export function defaultMonth(
  lastComplete: string,
  span: { readonly first: string; readonly last: string } | null,
): string {
  return span !== null && span.last < lastComplete ? span.last : lastComplete;
}

/**
 * The months the month picker offers, newest first: up to `count` ending with the last
 * complete month, none before the first month with records.
 */
export function pickerMonths(
  lastComplete: string,
  span: { readonly first: string; readonly last: string } | null,
  count: number,
): string[] {
  return monthsUpTo(lastComplete, count)
    .filter((m) => span === null || m >= span.first)
    .reverse();
}

/** The month `n` months after `code` (negative: before); the code itself when it is no month. */
export function shiftMonth(code: string, n: number): string {
  const m = parseMonth(code);
  return m ? addMonths(m, n).code : code;
}

/** The `count` months ending with `last`, oldest first. */
export function monthsUpTo(last: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => shiftMonth(last, i - count + 1));
}

/** "Oktober 2026" (de) or "October 2026" (en). */
export function formatMonth(locale: string, code: string): string {
  const m = parseMonth(code);
  if (!m) return code;
  return new Intl.DateTimeFormat(locale, {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(m.year, m.month - 1, 1)));
}

/** "31.10.2026" (de) or "31/10/2026" (en) for an ISO day; the text itself otherwise. */
export function formatDay(locale: string, iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return new Intl.DateTimeFormat(locale, {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}
