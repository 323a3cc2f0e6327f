/**
 * Round numbers for chart axes and histogram bins: steps of 1, 2, 2.5 or 5 times a power of
 * ten, so that tick labels and bin edges read like numbers a person would choose.
 */

/** The round step (1, 2, 2.5, 5 × 10ⁿ) nearest above `rough`. */
export function niceStep(rough: number): number {
  if (!(rough > 0) || !Number.isFinite(rough)) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  const nice =
    fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** Spans below this share of the values count as flat: figures are never that precise. */
/** The half-width of the axis around a flat range's value: a tenth of it, or 1 near zero. */
function flatPad(x: number): number {
  return Math.abs(x) > 1e-6 ? Math.abs(x) * 0.1 : 1;
}

function isFlat(lo: number, hi: number): boolean {
  return hi - lo <= 1e-9 * Math.max(1, Math.abs(lo), Math.abs(hi));
}

/** Removes the binary noise of repeated additions (0.1 + 0.2) from a tick or edge. */
function clean(x: number, step: number): number {
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  return Number(x.toFixed(Math.min(digits, 12)));
}

/**
 * About `count` round ticks covering [min, max]; the axis runs from the first to the last tick.
 * A flat range (min = max) is widened around its value.
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  let lo = Math.min(min, max);
  let hi = Math.max(min, max);
  if (isFlat(lo, hi)) {
    const pad = flatPad(lo);
    lo -= pad;
    hi += pad;
  }
  const step = niceStep((hi - lo) / Math.max(1, count));
  const first = Math.floor(lo / step) * step;
  const ticks: number[] = [];
  for (let i = 0; ; i++) {
    const tick = clean(first + i * step, step);
    ticks.push(tick);
    if (i >= 1 && tick >= hi - step * 1e-9) break;
  }
  return ticks;
}

export interface Bin {
  /** Lower edge, included. */
  readonly from: number;
  /** Upper edge, excluded (the last bin includes it). */
  readonly to: number;
  readonly count: number;
}

/**
 * A histogram of the known values: Sturges' number of bins (⌈log₂ n⌉ + 1), widened to a round
 * width, the first edge a multiple of the width. See docs/methods/correlation.md.
 */
export function histogram(values: readonly number[]): Bin[] {
  const xs = values.filter((v) => Number.isFinite(v));
  if (xs.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const x of xs) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const k = Math.ceil(Math.log2(xs.length)) + 1;
  const width = isFlat(min, max) ? niceStep(flatPad(min)) : niceStep((max - min) / k);
  const start = clean(Math.floor(min / width) * width, width);
  const bins = Math.max(1, Math.floor((max - start) / width) + 1);
  const counts = new Array<number>(bins).fill(0);
  for (const x of xs) {
    const i = Math.min(bins - 1, Math.floor((x - start) / width + 1e-9));
    counts[i]!++;
  }
  return counts.map((count, i) => ({
    from: clean(start + i * width, width),
    to: clean(start + (i + 1) * width, width),
    count,
  }));
}
