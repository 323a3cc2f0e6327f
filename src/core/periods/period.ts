import { err, ok, type Result } from "../result.ts";

/**
 * The kinds of period an observation can refer to. Stocks (inhabitants) refer to a reference
 * date; flows (births) to a span. A year of a stock variable means its reference date, 31 Dec.
 */
export type PeriodKind = "year" | "half_year" | "quarter" | "month" | "reference_date";

export const PERIOD_KINDS: readonly PeriodKind[] = [
  "year",
  "half_year",
  "quarter",
  "month",
  "reference_date",
];

/**
 * A period as the product stores it. `code` is canonical and sortable within a kind:
 * `2021`, `2021-H1`, `2021-Q3`, `2021-07`, `2021-12-31`. Dates are ISO `YYYY-MM-DD`.
 */
export interface Period {
  readonly code: string;
  readonly kind: PeriodKind;
  /** First day of the span (inclusive). */
  readonly start: string;
  /** Last day of the span (inclusive). */
  readonly end: string;
  /** The date a stock figure of this period refers to: the last day of the span. */
  readonly referenceDate: string;
}

const pad2 = (n: number): string => String(n).padStart(2, "0");

function lastDayOfMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC avoids any time-zone shift.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(day)}`;
}

function span(code: string, kind: PeriodKind, y: number, m1: number, m2: number): Period {
  const end = isoDate(y, m2, lastDayOfMonth(y, m2));
  return { code, kind, start: isoDate(y, m1, 1), end, referenceDate: end };
}

function isValidDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= lastDayOfMonth(y, m);
}

/**
 * Parses a period from its canonical code or a common German notation:
 * `2021`, `2021-H1` / `1. Hj. 2021` / `2021/1`, `2021-Q3` / `3. Quartal 2021`,
 * `2021-07` / `07/2021`, `2021-12-31` / `31.12.2021`.
 */
export function parsePeriod(input: string): Result<Period, string> {
  const s = input.trim();
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(s))) {
    const y = Number(m[1]);
    return ok(span(String(y), "year", y, 1, 12));
  }
  if ((m = /^(\d{4})-?H([12])$/i.exec(s)) || (m = /^(\d{4})\/([12])$/.exec(s))) {
    const y = Number(m[1]);
    const h = Number(m[2]);
    return ok(span(`${y}-H${h}`, "half_year", y, h === 1 ? 1 : 7, h === 1 ? 6 : 12));
  }
  if ((m = /^([12])\.\s*(?:Hj\.?|Halbjahr)\s*(\d{4})$/i.exec(s))) {
    const y = Number(m[2]);
    const h = Number(m[1]);
    return ok(span(`${y}-H${h}`, "half_year", y, h === 1 ? 1 : 7, h === 1 ? 6 : 12));
  }
  if ((m = /^(\d{4})-?Q([1-4])$/i.exec(s))) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    return ok(span(`${y}-Q${q}`, "quarter", y, q * 3 - 2, q * 3));
  }
  if ((m = /^([1-4])\.\s*(?:Quartal|Qu\.?)\s*(\d{4})$/i.exec(s))) {
    const y = Number(m[2]);
    const q = Number(m[1]);
    return ok(span(`${y}-Q${q}`, "quarter", y, q * 3 - 2, q * 3));
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(s)) || (m = /^(\d{1,2})\/(\d{4})$/.exec(s))) {
    const [y, mo] =
      m[1]!.length === 4 ? [Number(m[1]), Number(m[2])] : [Number(m[2]), Number(m[1])];
    if (mo < 1 || mo > 12) return err(`Ungültiger Monat in „${s}“.`);
    return ok(span(`${y}-${pad2(mo)}`, "month", y, mo, mo));
  }
  if (
    (m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)) ||
    (m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s))
  ) {
    const [y, mo, d] =
      m[1]!.length === 4
        ? [Number(m[1]), Number(m[2]), Number(m[3])]
        : [Number(m[3]), Number(m[2]), Number(m[1])];
    if (!isValidDate(y, mo, d)) return err(`Ungültiges Datum „${s}“.`);
    const iso = isoDate(y, mo, d);
    return ok({ code: iso, kind: "reference_date", start: iso, end: iso, referenceDate: iso });
  }
  return err(
    `„${s}“ ist kein Zeitraum. Erwartet: 2021, 2021-H1, 2021-Q3, 2021-07 oder 31.12.2021.`,
  );
}

/** Orders periods by their end date, then by code, so time series read left to right. */
export function comparePeriods(a: Period, b: Period): number {
  return a.end < b.end ? -1 : a.end > b.end ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/**
 * The period of the same kind directly before `p` (2021 → 2020, 2021-H1 → 2020-H2),
 * or `null` for a reference date, which has no fixed predecessor.
 */
export function previousPeriod(p: Period): Period | null {
  return stepPeriod(p, -1);
}

/**
 * The period of the same kind directly after `p` (2020 → 2021, 2021-H1 → 2021-H2), or `null`
 * for a reference date, which has no fixed successor.
 */
export function nextPeriod(p: Period): Period | null {
  return stepPeriod(p, 1);
}

/** One step back or forward among the periods of `p`'s kind, across the turn of the year. */
function stepPeriod(p: Period, step: 1 | -1): Period | null {
  const y = Number(p.code.slice(0, 4));
  /** The n-th (1-based) of `per` parts of the year, moved by `step`, as its code. */
  const moved = (n: number, per: number, code: (year: number, part: number) => string) => {
    const i = n - 1 + step;
    const r = parsePeriod(code(y + Math.floor(i / per), (((i % per) + per) % per) + 1));
    return r.ok ? r.value : null;
  };
  switch (p.kind) {
    case "year":
      return moved(1, 1, (year) => String(year));
    case "half_year":
      return moved(Number(p.code.slice(-1)), 2, (year, h) => `${year}-H${h}`);
    case "quarter":
      return moved(Number(p.code.slice(-1)), 4, (year, q) => `${year}-Q${q}`);
    case "month":
      return moved(Number(p.code.slice(5, 7)), 12, (year, m) => `${year}-${pad2(m)}`);
    case "reference_date":
      return null;
  }
}

/**
 * The period of the same kind `years` earlier (2021 → 2019, 2021-H2 → 2019-H2,
 * 2021-12-31 → 2019-12-31): the start of a change over a span of years. A 29 February goes
 * to the 28th in a year without it.
 */
export function yearsBefore(p: Period, years: number): Period | null {
  const y = Number(p.code.slice(0, 4)) - years;
  if (!Number.isInteger(y) || y < 1) return null;
  let code = `${String(y).padStart(4, "0")}${p.code.slice(4)}`;
  if (p.kind === "reference_date" && code.endsWith("-02-29") && !parsePeriod(code).ok) {
    code = `${code.slice(0, 8)}28`;
  }
  const r = parsePeriod(code);
  return r.ok ? r.value : null;
}
