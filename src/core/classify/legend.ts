import { formatNumber } from "../format/number.ts";
import type { Classification } from "./classify.ts";

/**
 * The legend text of each class, following the boundary rule of `classify` (a value equal
 * to a break belongs to the lower class): the first class reads "2,0 bis 12,5" and includes
 * both ends, every other class "über 12,5 bis 15,0" — above its lower break, up to and
 * including its upper one. A first class whose two ends look the same (it holds only the
 * smallest value) reads as that one number. An empty outer class beyond the data (manual
 * breaks) reads "bis 2,0" or "über 20,0".
 *
 * Numbers are formatted with exactly `decimals` places in `locale` (de-DE: decimal comma,
 * thousands point), or with the classification's `labelDecimals` when it needs more, and the
 * breaks as `labelBreaks` writes them; the
 * words are German for a German locale ("bis", "über … bis") and English otherwise ("to",
 * "over … to"). Pass the decimals the classification was made with (`classify(…, {
 * decimals })`): then every break is a number with at most `labelDecimals` places and the
 * legend is exact for the values as shown. Without them a break between two shown numbers
 * is rounded for display and a label can look one step off.
 */
export function legendLabels(
  classification: Pick<Classification, "lower" | "breaks"> &
    Partial<Pick<Classification, "labelDecimals" | "labelBreaks">>,
  decimals: number,
  locale = "de-DE",
): string[] {
  const places = Math.max(decimals, classification.labelDecimals ?? decimals);
  // The ASCII hyphen, as the legends have always been written (a table's "-2,0" reads the same).
  const format = (x: number): string => formatNumber(x, places, { locale, minus: "-" });
  const german = locale.toLowerCase().startsWith("de");
  const to = german ? "bis" : "to";
  const over = german ? "über" : "over";
  const { lower } = classification;
  const breaks = classification.labelBreaks ?? classification.breaks;
  return breaks.map((upper, i) => {
    const top = format(upper);
    if (i === 0) {
      if (lower === -Infinity) return `${to} ${top}`;
      const bottom = format(lower);
      return bottom === top ? top : `${bottom} ${to} ${top}`;
    }
    const bottom = format(breaks[i - 1]!);
    return upper === Infinity ? `${over} ${bottom}` : `${over} ${bottom} ${to} ${top}`;
  });
}
