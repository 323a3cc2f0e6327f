/**
 * The marks of values (Zeichenerklärung) in the web app: one place that turns a value and the
 * mark the API sent with it into the text a reader sees, with the core's own functions
 * (src/core/marks/value-mark.ts), so the app, the reports and open data print the same "(12,3) p".
 * No page formats a mark itself.
 */
import type { z } from "zod";
import type { markDto } from "@contracts/indicators.ts";
import {
  FLAG,
  combineFlags,
  legendLines,
  markValue,
  markedText,
  marksUsed,
  type Marked,
} from "@core/marks/value-mark.ts";
import { formatChange, formatNumber } from "./format.ts";
import type { ViewCell } from "./view-table.ts";

export type Mark = z.infer<typeof markDto>;

/** A number without any mark: no sign, no letters. */
export const PLAIN: Mark = { sign: null, limited: false, letters: [], review: false };

/** A value as the API sends it, with its mark (older answers or plain numbers: none). */
export interface MarkedInput {
  readonly value: number | null;
  readonly status?: string;
  readonly mark?: Mark | null;
}

/** The core's shape of a value and its mark. */
export function markedOf(v: MarkedInput): Marked {
  const m = v.mark ?? (v.value === null ? { ...PLAIN, sign: "." as const } : PLAIN);
  return { value: v.value, sign: m.sign, limited: m.limited, letters: m.letters, review: m.review };
}

/** A value with its marks as text, "(12,3) p", "." or "1.234". */
export function markedNumber(locale: string, v: MarkedInput, decimals: number): string {
  return markedText(markedOf(v), (n) => formatNumber(locale, n, decimals));
}

/** A change with its sign and marks, "+1,2 p". */
export function markedChange(locale: string, v: MarkedInput, decimals: number): string {
  return markedText(markedOf(v), (n) => formatChange(locale, n, decimals));
}

/** Whether a mark adds anything to the number (letters, parentheses, a sign instead of it). */
export function isMarked(m: Mark | null | undefined): boolean {
  return m != null && (m.letters.length > 0 || m.limited || m.review || m.sign !== null);
}

/**
 * A table cell for the exports (CSV, XLSX) and the tables built from them: a plain number stays
 * a number; a marked one is its text with the marks ("0,6 p"), as a reader sees it.
 */
export function markedCell(
  locale: string,
  v: MarkedInput | null | undefined,
  decimals: number,
): ViewCell {
  if (v === null || v === undefined) return null;
  const m = markedOf(v);
  if (m.value !== null && m.letters.length === 0 && !m.limited) return m.value;
  return markedText(m, (n) => formatNumber(locale, n, decimals));
}

/**
 * The flags a mark stands for, so that a figure the web computes from marked values (the
 * change between the last two points of a series) is marked by the core's own rule.
 */
function flagsOfMark(m: Mark): number {
  let f = 0;
  if (m.review) f |= FLAG.REVIEW;
  else if (m.letters.includes("p")) f |= FLAG.PROVISIONAL;
  if (m.letters.includes("r")) f |= FLAG.REVISED;
  if (m.letters.includes("s")) f |= FLAG.ESTIMATED;
  if (m.letters.includes("/") || m.sign === "/") f |= FLAG.UNRELIABLE;
  if (m.limited) f |= FLAG.LIMITED;
  return f;
}

/**
 * The mark of a difference between two marked values: everything both carry (core rule,
 * `combineFlags`), for a planner's view (the API already withheld what a reader may not see).
 */
export function changeMark(change: number, a: Mark, b: Mark, decimals: number): Mark {
  const m = markValue(
    { kind: "known", value: change },
    combineFlags(flagsOfMark(a), flagsOfMark(b)),
    { audience: "planning", reviewInPublic: "provisional", decimals },
  );
  return { sign: m.sign, limited: m.limited, letters: [...m.letters], review: m.review };
}

/**
 * The legend lines ("p = vorläufige Zahl") for the marks on a page or table: only the signs
 * used, and a line on "zu prüfen" when a value is under review. Empty when nothing is marked.
 */
export function markLegend(marks: readonly (Mark | null | undefined)[]): string[] {
  const given = marks.filter((m): m is Mark => m !== null && m !== undefined);
  const used = marksUsed(given.map((m) => ({ value: null, ...m })));
  return legendLines(
    used,
    given.some((m) => m.review),
  );
}
