/**
 * Calendar days as numbers (days since 1970-01-01, UTC), so that stays compare and subtract
 * as integers, and months as "YYYY-MM" with their first and last day.
 */

const MS_PER_DAY = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

/** The day number of an ISO date, or null when it is not a real calendar day. */
export function dayNumber(iso: string): number | null {
  const m = ISO_DAY.exec(iso);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    return null;
  }
  return t / MS_PER_DAY;
}

/** The ISO date of a day number. */
export function isoDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export interface Month {
  readonly code: string;
  readonly year: number;
  /** 1 … 12 */
  readonly month: number;
  readonly first: number;
  readonly last: number;
}

export function parseMonth(code: string): Month | null {
  const m = ISO_MONTH.exec(code);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return monthOf(year, month);
}

export function monthOf(year: number, month: number): Month {
  const first = Date.UTC(year, month - 1, 1) / MS_PER_DAY;
  const last = Date.UTC(year, month, 1) / MS_PER_DAY - 1;
  return { code: `${year}-${String(month).padStart(2, "0")}`, year, month, first, last };
}

/** The month `n` months after `m` (negative: before). */
export function addMonths(m: Month, n: number): Month {
  const index = m.year * 12 + (m.month - 1) + n;
  return monthOf(Math.floor(index / 12), (index % 12) + 1);
}

/** The month a day lies in. */
export function monthOfDay(day: number): Month {
  const d = new Date(day * MS_PER_DAY);
  return monthOf(d.getUTCFullYear(), d.getUTCMonth() + 1);
}

/** How many months from `a` to `b`, both counted (0 or less when `b` lies before `a`). */
export function monthsBetween(a: Month, b: Month): number {
  return b.year * 12 + b.month - (a.year * 12 + a.month) + 1;
}
