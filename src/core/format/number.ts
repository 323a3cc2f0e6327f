/**
 * Numbers as people read them: one cached `Intl.NumberFormat` per locale and decimals, a true
 * minus sign "−" (U+2212) and never "−0" (a value that rounds to zero has no sign). Server,
 * reports, figures, the CLI and the web app format through here, so a number reads the same
 * everywhere. German ("de-DE") unless a locale is given.
 */

/**
 * How many decimals: a number gives exactly that many ("1,50"); `{ max }` gives up to that
 * many, without trailing zeros ("1,5").
 */
export type Decimals = number | { readonly max: number };

/** How a number is written beyond its decimals. */
export interface NumberStyle {
  /** BCP 47 locale; "de-DE" unless given. */
  readonly locale?: string;
  /**
   * The minus sign: the true minus "−" unless given. "-" keeps the ASCII hyphen for texts that
   * are read back by machines or compared with what a user typed (validation messages).
   */
  readonly minus?: "−" | "-";
}

const formats = new Map<string, Intl.NumberFormat>();

/** The cached formatter for `locale` and `decimals`: grouping, no sign on a zero. */
export function numberFormat(decimals: Decimals, locale = "de-DE"): Intl.NumberFormat {
  const min = typeof decimals === "number" ? decimals : 0;
  const max = typeof decimals === "number" ? decimals : decimals.max;
  const key = `${locale}|${min}|${max}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, {
      minimumFractionDigits: min,
      maximumFractionDigits: max,
      signDisplay: "negative",
    });
    formats.set(key, f);
  }
  return f;
}

/** "1.234,5" (`decimals` 1), "−3", "0" for −0,0001 with 2 decimals. */
export function formatNumber(value: number, decimals: Decimals, style: NumberStyle = {}): string {
  const text = numberFormat(decimals, style.locale).format(value);
  return style.minus === "-" ? text.replace("−", "-") : text.replace("-", "−");
}

/** A value with its unit: "12,5 %", "1.234 Personen", "3,2 je 1.000", "17" (no unit). */
export function formatValue(
  value: number,
  unit: string,
  decimals: Decimals,
  style: NumberStyle = {},
): string {
  const number = formatNumber(value, decimals, style);
  return unit === "" ? number : `${number} ${unit}`;
}

/**
 * A change with its sign ("+1,2", "−0,4", "±0,0" when it rounds to zero); a change of a share
 * (unit "%") in percentage points ("+1,2 Pp.").
 */
export function formatChange(
  change: number,
  unit: string,
  decimals: Decimals,
  style: NumberStyle = {},
): string {
  const places = typeof decimals === "number" ? decimals : decimals.max;
  const rounded = Number(change.toFixed(places));
  const sign = rounded > 0 ? "+" : rounded < 0 ? (style.minus ?? "−") : "±";
  const number = formatNumber(Math.abs(change), decimals, style);
  const shown = unit === "%" ? "Pp." : unit;
  return shown === "" ? `${sign}${number}` : `${sign}${number} ${shown}`;
}
