/**
 * Optimal k-means clustering in one dimension ("natural breaks"), exact, by dynamic
 * programming over the sorted values: Wang & Song (2011), "Ckmeans.1d.dp: Optimal k-means
 * clustering in one dimension by dynamic programming", The R Journal 3(2), 29–33.
 *
 * In one dimension an optimal clustering consists of runs of the sorted values, so with
 * `D[m][i]` = the least within-cluster sum of squares of the first `i + 1` values in `m + 1`
 * clusters:
 *
 *     D[0][i] = ssq(0, i)
 *     D[m][i] = min over m ≤ j ≤ i of  D[m − 1][j − 1] + ssq(j, i)
 *
 * where `ssq(j, i)` is the sum of squared deviations of values `j..i` from their mean,
 * computed from prefix sums. The smallest minimising `j` never decreases as `i` grows (the
 * segment cost satisfies the quadrangle inequality; Grønlund et al. 2017, "Fast exact
 * k-means, k-medians and Bregman divergence clustering in 1D", arXiv:1701.07204), so each
 * row is filled by divide and conquer in O(n log n) instead of O(n²) — the "loglinear"
 * method of Ckmeans.1d.dp 4. Total cost O(k · n log n) time and O(k · n) memory.
 */

/**
 * Splits ascending `sorted` values into `k` runs that minimise the within-run sum of
 * squares and returns the index of the last value of each run (ascending; the last is
 * `sorted.length − 1`). Requires finite values, `1 ≤ k ≤ sorted.length`; give `k` at most the
 * number of distinct values, or some runs may be cut inside a group of equal values.
 */
export function ckmeansRunEnds(sorted: readonly number[], k: number): number[] {
  const n = sorted.length;
  if (!Number.isInteger(k) || k < 1 || k > n) {
    throw new RangeError(`ckmeans: k = ${k} for ${n} values`);
  }
  const { s1, s2 } = prefixSums(sorted);
  const ssq = (j: number, i: number): number => {
    const count = i - j + 1;
    const sum = s1[i + 1]! - s1[j]!;
    const cost = s2[i + 1]! - s2[j]! - (sum * sum) / count;
    // Rounding can leave a tiny negative for a run of equal values.
    return cost > 0 ? cost : 0;
  };

  const cost: Float64Array[] = [];
  const start: Int32Array[] = [];
  const first = new Float64Array(n);
  for (let i = 0; i < n; i++) first[i] = ssq(0, i);
  cost.push(first);
  start.push(new Int32Array(n));

  for (let m = 1; m < k; m++) {
    const previous = cost[m - 1]!;
    const row = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    const from = new Int32Array(n).fill(m);
    const fill = (lo: number, hi: number, jLo: number, jHi: number): void => {
      if (lo > hi) return;
      const i = (lo + hi) >> 1;
      let best = Number.POSITIVE_INFINITY;
      let bestJ = Math.max(m, jLo);
      const last = Math.min(i, jHi);
      for (let j = Math.max(m, jLo); j <= last; j++) {
        const c = previous[j - 1]! + ssq(j, i);
        if (c < best) {
          best = c;
          bestJ = j;
        }
      }
      row[i] = best;
      from[i] = bestJ;
      fill(lo, i - 1, jLo, bestJ);
      fill(i + 1, hi, bestJ, jHi);
    };
    fill(m, n - 1, m, n - 1);
    cost.push(row);
    start.push(from);
  }

  const ends: number[] = new Array<number>(k);
  let i = n - 1;
  for (let m = k - 1; m >= 0; m--) {
    ends[m] = i;
    i = m === 0 ? -1 : start[m]![i]! - 1;
  }
  return ends;
}

/**
 * Prefix sums of the values and their squares, centred on the median (and scaled when the
 * magnitudes are extreme): k-means is unaffected by a change of origin and scale, and it
 * keeps the differences of prefix sums from cancelling and the squares from overflowing.
 */
function prefixSums(sorted: readonly number[]): { s1: Float64Array; s2: Float64Array } {
  const n = sorted.length;
  const scale = safeScale(sorted);
  const median = sorted[n >> 1]! / scale;
  const s1 = new Float64Array(n + 1);
  const s2 = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const y = sorted[i]! / scale - median;
    s1[i + 1] = s1[i]! + y;
    s2[i + 1] = s2[i]! + y * y;
  }
  return { s1, s2 };
}

/**
 * 1 for ordinary numbers; the largest magnitude when sums or squares of the values could
 * overflow or underflow, so that dividing by it brings them near 1.
 */
export function safeScale(values: readonly number[]): number {
  let largest = 0;
  for (const x of values) largest = Math.max(largest, Math.abs(x));
  return largest > 1e150 || (largest > 0 && largest < 1e-150) ? largest : 1;
}
