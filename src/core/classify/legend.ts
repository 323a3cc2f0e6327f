import type { Classification } from "./classify.ts";

/**
 * The legend text of each class, following the boundary rule of `classify` (a value equal
 * to a break belongs to the lower class): the first class reads "2,0 bis 12,5" and includes
 * both ends, every other class "über 12,5 bis 15,0" — above its lower break, up to and
 * including its upper one. A first class whose two ends look the same (it holds only the
 * smallest value) reads as that one number.
 *
 * Numbers are formatted with exactly `decimals` places in `locale` (de-DE: decimal comma,
 * thousands point); the words are German for a German locale ("bis", "über … bis") and
 * English otherwise ("to", "over … to"). Pass the decimals the classification was made with
 * (`classify(…, { decimals })`): then every break is a number with that many places and
 * the legend is exact. Without them a break between two shown numbers is rounded for
 * display and a label can look one step off.
 */
export function legendLabels(
  classification: Pick<Classification, "lower" | "breaks">,
  decimals: number,
  locale = "de-DE",
): string[] {
  const format = new Intl.NumberFormat(locale, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
  const german = locale.toLowerCase().startsWith("de");
  const to = german ? "bis" : "to";
  const over = german ? "über" : "over";
  const { lower, breaks } = classification;
  return breaks.map((upper, i) => {
    const top = format.format(upper);
    if (i === 0) {
      const bottom = format.format(lower);
      return bottom === top ? top : `${bottom} ${to} ${top}`;
    }
    return `${over} ${format.format(breaks[i - 1]!)} ${to} ${top}`;
  });
}
