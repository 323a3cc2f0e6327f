/**
 * Quantile classes by an independent rule, stated on ranks rather than on groups of ties:
 * for class boundary i of k (k no more than the distinct values), among all cuts of the sorted
 * values that do not split equal values, take the one nearest to rank ⌈i · n / k⌉ (the later
 * cut when two are equally near); drop cuts at the ends and repeated ones; a value's class is
 * the number of cuts below it. Without ties this is Hyndman & Fan's type 1.
 */
export function rankQuantileClasses(values: readonly number[], classes: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const k = Math.min(classes, new Set(sorted).size);
  const cuts = new Set<number>();
  for (let i = 1; i < k; i++) {
    const ideal = Math.ceil((i * n) / k);
    let best = -1;
    for (let p = 0; p <= n; p++) {
      if (p > 0 && p < n && sorted[p - 1] === sorted[p]) continue;
      if (best < 0 || Math.abs(p - ideal) <= Math.abs(best - ideal)) best = p;
    }
    if (best > 0 && best < n) cuts.add(best);
  }
  const uppers = [...cuts].sort((a, b) => a - b).map((p) => sorted[p - 1]!);
  return values.map((v) => uppers.filter((u) => u < v).length);
}
