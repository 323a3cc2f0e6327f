/**
 * Contrast of text on a fill, after WCAG 2.2 (success criterion 1.4.3, "Contrast
 * (Minimum)": at least 4.5:1 for normal text), with the relative luminance of sRGB colours.
 */

/** A colour as "#rrggbb" (lower or upper case). */
const HEX = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i;

/** The contrast WCAG asks of normal text (level AA). */
export const MIN_TEXT_CONTRAST = 4.5;

/**
 * Relative luminance of an sRGB colour "#rrggbb", from 0 (black) to 1 (white):
 * `L = 0.2126 R + 0.7152 G + 0.0722 B` of the linearised channels, where a channel `c` in
 * [0, 1] is `c / 12.92` up to 0.04045 and `((c + 0.055) / 1.055)^2.4` above. Throws a
 * `RangeError` for anything else than "#rrggbb": colours here are constants, not data.
 */
export function relativeLuminance(hex: string): number {
  const m = HEX.exec(hex);
  if (!m) throw new RangeError(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [m[1]!, m[2]!, m[3]!].map((h) => linearise(parseInt(h, 16) / 255));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function linearise(c: number): number {
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** The contrast ratio `(L1 + 0.05) / (L2 + 0.05)` of two colours, lighter over darker: 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * Black or white, whichever contrasts more with `fill`, for labels on a map or legend.
 * The better of the two always reaches at least √21 ≈ 4.58:1, because the two ratios
 * multiply to 21 — so the result meets `MIN_TEXT_CONTRAST` on every fill.
 */
export function textColourOn(fill: string): "#000000" | "#ffffff" {
  return contrastRatio(fill, "#000000") >= contrastRatio(fill, "#ffffff") ? "#000000" : "#ffffff";
}
