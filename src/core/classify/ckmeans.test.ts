import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ckmeansRunEnds, safeScale } from "./ckmeans.ts";

/** Sum of squared deviations from the mean of `xs[from..to]`, computed directly. */
function ssq(xs: readonly number[], from: number, to: number): number {
  const run = xs.slice(from, to + 1);
  const mean = run.reduce((a, b) => a + b, 0) / run.length;
  return run.reduce((a, x) => a + (x - mean) ** 2, 0);
}

function costOfEnds(sorted: readonly number[], ends: readonly number[]): number {
  let total = 0;
  let from = 0;
  for (const end of ends) {
    total += ssq(sorted, from, end);
    from = end + 1;
  }
  return total;
}

/**
 * The plain O(k · n²) dynamic programme of Wang & Song (2011), without the speed-up: the
 * run ends of an optimal split.
 */
function referenceEnds(sorted: readonly number[], k: number): number[] {
  const n = sorted.length;
  const s1 = [0];
  const s2 = [0];
  for (const x of sorted) {
    s1.push(s1[s1.length - 1]! + x);
    s2.push(s2[s2.length - 1]! + x * x);
  }
  const cost = (j: number, i: number) =>
    Math.max(0, s2[i + 1]! - s2[j]! - (s1[i + 1]! - s1[j]!) ** 2 / (i - j + 1));
  const d: number[][] = [sorted.map((_, i) => cost(0, i))];
  const from: number[][] = [sorted.map(() => 0)];
  for (let m = 1; m < k; m++) {
    d.push(new Array<number>(n).fill(Number.POSITIVE_INFINITY));
    from.push(new Array<number>(n).fill(m));
    for (let i = m; i < n; i++) {
      for (let j = m; j <= i; j++) {
        const c = d[m - 1]![j - 1]! + cost(j, i);
        if (c < d[m]![i]!) {
          d[m]![i] = c;
          from[m]![i] = j;
        }
      }
    }
  }
  const ends: number[] = [];
  let i = n - 1;
  for (let m = k - 1; m >= 0; m--) {
    ends.unshift(i);
    i = from[m]![i]! - 1;
  }
  return ends;
}

describe("ckmeansRunEnds", () => {
  it("splits well-separated groups at their gaps", () => {
    expect(ckmeansRunEnds([1, 2, 3, 10, 11, 12, 20, 21, 22], 3)).toEqual([2, 5, 8]);
  });

  it("returns the last index alone for one run, and every index for n runs", () => {
    expect(ckmeansRunEnds([4, 5, 9], 1)).toEqual([2]);
    expect(ckmeansRunEnds([4, 5, 9], 3)).toEqual([0, 1, 2]);
  });

  it("throws on a k the caller must not pass", () => {
    expect(() => ckmeansRunEnds([1, 2], 3)).toThrow(RangeError);
    expect(() => ckmeansRunEnds([1, 2], 0)).toThrow(RangeError);
  });

  it("property: reaches the optimum of the plain dynamic programme", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.integer({ min: -50, max: 50 }),
            fc.double({ min: -1e3, max: 1e3, noNaN: true }),
          ),
          { minLength: 1, maxLength: 200, size: "max" },
        ),
        fc.integer({ min: 1, max: 9 }),
        (xs, k0) => {
          const sorted = [...xs].sort((a, b) => a - b);
          const k = Math.min(k0, sorted.length);
          const ends = ckmeansRunEnds(sorted, k);
          expect(ends.length).toBe(k);
          expect(ends[k - 1]).toBe(sorted.length - 1);
          for (let i = 1; i < k; i++) expect(ends[i]!).toBeGreaterThan(ends[i - 1]!);
          const ours = costOfEnds(sorted, ends);
          const best = costOfEnds(sorted, referenceEnds(sorted, k));
          expect(ours).toBeLessThanOrEqual(best + 1e-9 * (1 + best));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("stays exact for large values with small differences", () => {
    // Without centring, squares near 1e24 carry an error near 1e8, far above the costs
    // (4 for the right split, about 7,000 for the next best) that must be told apart.
    const base = 1e12;
    const xs = [0, 1, 2, 100, 101, 102].map((x) => base + x);
    expect(ckmeansRunEnds(xs, 2)).toEqual([2, 5]);
  });

  it("scales only extreme magnitudes", () => {
    expect(safeScale([1, -300, 5])).toBe(1);
    expect(safeScale([1e200, -3e200])).toBe(3e200);
    expect(safeScale([1e-200])).toBe(1e-200);
    expect(safeScale([0, 0])).toBe(1);
  });
});
