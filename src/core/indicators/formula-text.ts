/**
 * An indicator's formula in words, as its sheet prints it: „sgb2 / (pop_u18 + pop) × 100“.
 */
import { formatNumber } from "../format/number.ts";

export interface FormulaShape {
  readonly numerator: readonly string[];
  readonly denominator: readonly string[] | null;
  readonly factor: number;
}

/** The formula of an indicator in words, as its sheet prints it. */
export function formulaText(row: FormulaShape): string {
  const sum = (codes: readonly string[]) =>
    codes.length === 1 ? codes[0]! : `(${codes.join(" + ")})`;
  const num = sum(row.numerator);
  if (!row.denominator || row.denominator.length === 0) {
    return row.factor === 1 ? num : `${num} × ${row.factor}`;
  }
  const factor = row.factor === 1 ? "" : ` × ${formatNumber(row.factor, { max: 3 })}`;
  return `${num} / ${sum(row.denominator)}${factor}`;
}
