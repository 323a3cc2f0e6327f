/**
 * The figure picker's part without React: a placeholder for live figures
 * (src/core/reports/placeholders.ts) from the planner's choices, its insertion at the cursor of
 * a text block, and the offset of a problem's line and column in the text (to put the cursor
 * there).
 */

/** The functions the picker offers: a value, the city's value, the change, the rank. */
export type FigureFunction = "wert" | "stadt" | "veraenderung" | "rang";
export const FIGURE_FUNCTIONS: readonly FigureFunction[] = [
  "wert",
  "stadt",
  "veraenderung",
  "rang",
];

export interface FigureChoice {
  readonly fn: FigureFunction;
  readonly indicator: string;
  /** An area's code, or "" for the report's area (the city in a report of the city). */
  readonly area: string;
}

/** The city's value has no area: the picker disables the field for it. */
export const takesArea = (fn: FigureFunction): boolean => fn !== "stadt";

/** A value in a placeholder: as it is, or in double quotes when it holds a space. */
function argument(value: string): string {
  return /[\s"{}]/.test(value) ? `"${value.replace(/["{}]/g, "")}"` : value;
}

/** `{{wert sgb2_rate gebiet=STGT01}}`, `{{stadt population}}` …; null without an indicator. */
export function buildPlaceholder(choice: FigureChoice): string | null {
  const indicator = choice.indicator.trim();
  if (indicator === "") return null;
  const parts = [choice.fn, argument(indicator)];
  const area = choice.area.trim();
  if (area !== "" && takesArea(choice.fn)) parts.push(`gebiet=${argument(area)}`);
  return `{{${parts.join(" ")}}}`;
}

/** The text with `insertion` in place of the selection [start, end), and the cursor after it. */
export function insertAt(
  text: string,
  start: number,
  end: number,
  insertion: string,
): { text: string; caret: number } {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  return { text: text.slice(0, from) + insertion + text.slice(to), caret: from + insertion.length };
}

/** The offset of a line and column (both from 1, as the server counts them) in a text. */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf("\n", offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  const lineEnd = text.indexOf("\n", offset);
  const end = lineEnd < 0 ? text.length : lineEnd;
  return Math.min(offset + Math.max(0, column - 1), end);
}
