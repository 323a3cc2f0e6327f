/**
 * The breaks of a classification: by quantiles, equal intervals and standard deviations, the
 * checks of given breaks, and the breaks as a legend writes them (the fewest decimals that
 * still separate the values as shown).
 */
import { err, ok, type Result } from "../result.ts";
import { safeScale } from "./ckmeans.ts";
import { roundToDecimals } from "../rounding.ts";
import { formatNumber } from "../format/number.ts";

/** The most decimals a legend shows to tell two classes apart (see `labelDecimals`). */
export const MAX_LABEL_DECIMALS = 12;

const fmt = (x: number): string => formatNumber(x, { max: 10 });

/**
 * The inner breaks as the legend writes them, so that every label is exact for the values as
 * shown: each break `b` is written as the number with `d` places nearest to it that is not
 * below the largest value at most `b` and below the smallest value above `b`, both rounded to
 * `d` places — for the smallest `d ≥ decimals` at which every break has such a number (and
 * they still ascend). Then an area shown as "12,5" is never in a class "über 12,5 …", and no
 * class changes: the classes come from the exact breaks. With `move` false (manual breaks,
 * the user's numbers) a break is written as it is, and only `d` is sought. `null` when no
 * `d` up to `MAX_LABEL_DECIMALS` works.
 */
export function shownBreaks(
  sorted: readonly number[],
  inner: readonly number[],
  decimals: number,
  move: boolean,
): { breaks: number[]; decimals: number } | null {
  for (let d = decimals; d <= MAX_LABEL_DECIMALS; d++) {
    const step = 10 ** -d;
    const out: number[] = [];
    for (const b of inner) {
      const below = largestAtMost(sorted, b);
      const above = smallestAbove(sorted, b);
      const low = below === null ? -Infinity : roundToDecimals(below, d);
      const high = above === null ? Infinity : roundToDecimals(roundToDecimals(above, d) - step, d);
      const nearest = roundToDecimals(b, d);
      const c = move ? Math.min(high, Math.max(low, nearest)) : nearest === b ? b : NaN;
      const previous = out[out.length - 1];
      if (!(c >= low && c <= high) || (previous !== undefined && !(c > previous))) break;
      out.push(c);
    }
    if (out.length === inner.length) return { breaks: out, decimals: d };
  }
  return null;
}

/** How many values of an ascending array are `≤ x` (the index of the first one above it). */
function countAtMost(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The largest value `≤ x` of an ascending array, or `null`. */
function largestAtMost(sorted: readonly number[], x: number): number | null {
  const n = countAtMost(sorted, x);
  return n === 0 ? null : sorted[n - 1]!;
}

/** The smallest value `> x` of an ascending array, or `null`. */
function smallestAbove(sorted: readonly number[], x: number): number | null {
  const n = countAtMost(sorted, x);
  return n === sorted.length ? null : sorted[n]!;
}

export function findClass(lower: number, breaks: readonly number[], x: number): number | null {
  const last = breaks[breaks.length - 1];
  if (!Number.isFinite(x) || last === undefined || x < lower || x > last) return null;
  // The first break not below x: values equal to a break stay in the lower class.
  let lo = 0;
  let hi = breaks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (breaks[mid]! >= x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function countDistinct(sorted: readonly number[]): number {
  let count = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) count++;
  return count;
}

/**
 * Inner breaks that keep the classes usable: finite, at least `min`, below `max` (a break at
 * the maximum would leave the top class empty), strictly ascending, without duplicates.
 */
export function mergeBreaks(inner: readonly number[], min: number, max: number): number[] {
  const kept: number[] = [];
  for (const b of [...inner].sort((a, c) => a - c)) {
    if (!(b >= min && b < max)) continue;
    if (kept.length > 0 && kept[kept.length - 1] === b) continue;
    kept.push(b);
  }
  return kept;
}

/**
 * Quantile breaks as order statistics (the inverse of the empirical distribution function,
 * Hyndman & Fan type 1): break `i` ends the class at rank `r = ⌈i · n / k⌉`, so breaks are
 * data values and, without ties, class sizes differ by at most one. A group of equal values
 * is never split (the boundary rule puts equal values in one class): when it straddles rank
 * `r`, it goes to the side that keeps the class boundary nearer to `r` — below the break when
 * equally near. Breaks that still coincide are merged by the caller.
 */
export function quantileBreaks(sorted: readonly number[], k: number): number[] {
  const n = sorted.length;
  const breaks: number[] = [];
  for (let i = 1; i < k; i++) {
    const t = Math.ceil((i * n) / k) - 1;
    const x = sorted[t]!;
    let first = t;
    while (first > 0 && sorted[first - 1] === x) first--;
    let last = t;
    while (last < n - 1 && sorted[last + 1] === x) last++;
    // Ending the class after `last` moves the boundary by last − t; before `first`, by t − first + 1.
    const groupUp = first > 0 && t - first + 1 < last - t;
    breaks.push(groupUp ? sorted[first - 1]! : x);
  }
  return breaks;
}

/**
 * `k − 1` breaks dividing `[min, max]` into classes of equal width. Interpolating as
 * `min · (1 − t) + max · t` cannot overflow even when `max − min` would.
 */
export function equalIntervalBreaks(min: number, max: number, k: number): number[] {
  const breaks: number[] = [];
  for (let i = 1; i < k; i++) {
    const t = i / k;
    breaks.push(min * (1 - t) + max * t);
  }
  return breaks;
}

/**
 * The candidate breaks of the standard-deviation method: `mean + (j − ½) · sd` for
 * `j = −bands + 1 … bands`, so the middle class is `mean ± ½ sd` and `bands` classes of one
 * standard deviation follow on either side; the outermost classes are open-ended. Breaks
 * outside the data are dropped by the caller, which is how the data decide the number of
 * classes.
 */
export function stdDevBreaks(mean: number, sd: number, bands: number): number[] {
  if (sd === 0) return [];
  const breaks: number[] = [];
  for (let j = -bands + 1; j <= bands; j++) breaks.push(mean + (j - 0.5) * sd);
  return breaks;
}

/**
 * Mean and population standard deviation. Extreme magnitudes are scaled first so that
 * neither the sum nor the squares overflow or vanish.
 */
export function meanAndStandardDeviation(sorted: readonly number[]): {
  mean: number;
  standardDeviation: number;
} {
  const scale = safeScale(sorted);
  let sum = 0;
  for (const x of sorted) sum += x / scale;
  const mean = sum / sorted.length;
  let squares = 0;
  for (const x of sorted) {
    const d = x / scale - mean;
    squares += d * d;
  }
  const first = sorted[0]!;
  const allEqual = sorted.every((x) => x === first);
  return {
    mean: allEqual ? first : mean * scale,
    standardDeviation: allEqual ? 0 : Math.sqrt(squares / sorted.length) * scale,
  };
}

export function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/**
 * Breaks given by the user (manual, or in standard deviations): as many as the classes need,
 * finite, strictly ascending. They may lie beyond the data: those classes stay empty.
 */
export function checkFixedBreaks(
  breaks: readonly number[],
  classes: number,
  what: "Manuelle Klassengrenzen" | "Standardabweichungs-Grenzen",
): Result<null, string> {
  if (breaks.length + 1 !== classes) {
    return err(
      `${what}: ${breaks.length} Grenzen ergeben ${breaks.length + 1} Klassen, verlangt sind ${classes}.`,
    );
  }
  const notFinite = breaks.filter((b) => !Number.isFinite(b));
  if (notFinite.length > 0) {
    return err(`${what} müssen Zahlen sein (nicht leer, nicht unendlich).`);
  }
  for (let i = 1; i < breaks.length; i++) {
    if (!(breaks[i]! > breaks[i - 1]!)) {
      return err(
        `${what} müssen aufsteigend sortiert sein und dürfen sich nicht wiederholen: ${breaks.map(fmt).join("; ")}.`,
      );
    }
  }
  return ok(null);
}
