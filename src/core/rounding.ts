/**
 * `value` rounded to `decimals` places, half away from zero on its shortest decimal
 * representation (1.005 → 1.01, −2.5 → −3), the rule of German statistical tables and of
 * every open-data writer and map (`src/exports`, `src/core/classify`), so a map shows
 * the numbers a table shows. Shifting the decimal exponent of the string form avoids the
 * binary error of `x * 10 ** d`. Values from 2^53 on have no fractional digits left and are
 * returned unchanged, as are non-finite values.
 */
export function roundToDecimals(value: number, decimals: number): number {
  if (!Number.isFinite(value) || Math.abs(value) >= 2 ** 53) return value;
  const sign = value < 0 ? -1 : 1;
  const [mantissa, exponent] = Math.abs(value).toExponential().split("e");
  const shifted = Math.round(Number(`${mantissa}e${Number(exponent) + decimals}`));
  const [m2, e2] = shifted.toExponential().split("e");
  const rounded = sign * Number(`${m2}e${Number(e2) - decimals}`);
  return rounded === 0 ? 0 : rounded;
}

/**
 * The largest number with at most `decimals` places that is not above `value` (the
 * "grid value" below it). For values already rounded to `decimals` places, a class break
 * `b` and `floorToDecimals(b, decimals)` separate them in exactly the same way, because no
 * such value lies between the two — so a break can be shown with the indicator's decimals
 * without changing a single class.
 */
export function floorToDecimals(value: number, decimals: number): number {
  if (!Number.isFinite(value) || Math.abs(value) >= 2 ** 53) return value;
  const nearest = roundToDecimals(value, decimals);
  if (nearest <= value) return nearest;
  const below = roundToDecimals(nearest - 10 ** -decimals, decimals);
  // Guard against the last binary digit: never return a number above `value`.
  return below <= value ? below : value;
}
