/**
 * The pieces the validation's messages and lookups share: a figure as written in the file,
 * quotes, where a record came from, the lines of an unknown code, and the index of figures.
 */
import { formatNumber } from "../../core/format/number.ts";
import type { ObservationRecord } from "../mapping/mapping.ts";

/** How many line numbers a message about an unknown code lists before it abbreviates. */
const LINES_IN_MESSAGE = 10;
/** How many line numbers the details of such an issue keep. */
const LINES_IN_DETAILS = 1000;

/**
 * Formats a figure the German way; null reads as "leer". The ASCII hyphen, as in the file the
 * user imported ("-3 ist negativ"). Integers skip Intl, which is slow.
 */
export function fmt(value: number | null): string {
  if (value === null) return "leer";
  if (!Number.isSafeInteger(value)) return formatNumber(value, { max: 10 }, { minus: "-" });
  const digits = String(Math.abs(value));
  let out = "";
  for (let end = digits.length; end > 0; end -= 3) {
    const group = digits.slice(Math.max(0, end - 3), end);
    out = out === "" ? group : `${group}.${out}`;
  }
  return value < 0 ? `-${out}` : out;
}

/** Quotes a text the German way for messages. */
export const q = (s: string): string => `„${s}“`;

/** Tells whether two stored figures are the same, allowing for floating-point noise. */
export function sameValue(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * The first record of each variable × period × area in the file, nested so that no key
 * strings have to be built for a million records: variable → period → area → record index.
 */
export type FigureIndex = Map<string, Map<string, Map<string, number>>>;

/** Finds (creating on the way) the area map of a variable and period. */
export function areaSlot(
  index: FigureIndex,
  variable: string,
  period: string,
): Map<string, number> {
  let byPeriod = index.get(variable);
  if (!byPeriod) index.set(variable, (byPeriod = new Map()));
  let byArea = byPeriod.get(period);
  if (!byArea) byPeriod.set(period, (byArea = new Map()));
  return byArea;
}

/** Collects the lines where an unknown code occurs, without repeating a line. */
export class LineList {
  readonly lines: number[] = [];
  count = 0;

  /** Adds a line unless it is the last one added (a wide row yields several records). */
  add(line: number): void {
    if (this.lines[this.lines.length - 1] === line) return;
    this.count++;
    if (this.lines.length < LINES_IN_DETAILS) this.lines.push(line);
  }

  /** Writes the lines for a message, abbreviated after a few. */
  describe(): string {
    const shown = this.lines.slice(0, LINES_IN_MESSAGE).join(", ");
    const more = this.count - Math.min(this.count, LINES_IN_MESSAGE);
    const word = this.count === 1 ? "Zeile" : "Zeilen";
    return more > 0 ? `${word} ${shown} und ${more} weitere` : `${word} ${shown}`;
  }
}

/** Where a record came from, for messages. */
export function place(r: ObservationRecord): string {
  return `Zeile ${r.line}, Spalte ${q(r.column)}`;
}
