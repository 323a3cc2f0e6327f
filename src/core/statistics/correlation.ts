/**
 * How closely two indicators move together across areas: Pearson's r for a straight-line
 * relation and Spearman's ρ (Pearson's r of the ranks, ties given their mean rank) for any
 * monotone one, which is robust against the few extreme areas that social data often have.
 * Only pairs where both values are known count; a withheld value is never filled in.
 * Formulas and sources: docs/methods/correlation.md.
 */

export interface Correlation {
  /** Number of areas with both values. */
  readonly n: number;
  /** Pearson's r, or null when fewer than 3 pairs or one variable does not vary. */
  readonly pearson: number | null;
  /** Spearman's ρ, or null under the same conditions. */
  readonly spearman: number | null;
}

/** Pearson's product-moment correlation of two equally long lists. */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n !== ys.length) throw new Error("pearson: lists of different length");
  if (n < 3) return null;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i]!;
    my += ys[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  // Rounding can push |r| a hair past 1 for perfectly related data.
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Ranks from 1, tied values sharing the mean of the ranks they occupy. */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    const mean = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k]![1]] = mean;
    i = j + 1;
  }
  return out;
}

/** Pearson and Spearman over the pairs where both values are known (not null). */
export function correlate(
  xs: readonly (number | null)[],
  ys: readonly (number | null)[],
): Correlation {
  if (xs.length !== ys.length) throw new Error("correlate: lists of different length");
  const px: number[] = [];
  const py: number[] = [];
  xs.forEach((x, i) => {
    const y = ys[i];
    if (x !== null && y !== null && y !== undefined && Number.isFinite(x) && Number.isFinite(y)) {
      px.push(x);
      py.push(y);
    }
  });
  return {
    n: px.length,
    pearson: pearson(px, py),
    spearman: px.length < 3 ? null : pearson(ranks(px), ranks(py)),
  };
}
