import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { correlate, pearson, ranks } from "./correlation.ts";

describe("pearson", () => {
  it("matches a value computed by hand", () => {
    // x = 1..5, y = 2,4,5,4,5: Sxy = 6, Sxx = 10, Syy = 6 → r = 6 / √60
    expect(pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])).toBeCloseTo(6 / Math.sqrt(60), 12);
  });

  it("is 1 and −1 for exact straight lines and null without variation", () => {
    expect(pearson([1, 2, 3], [10, 20, 30])).toBe(1);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBe(-1);
    expect(pearson([1, 2, 3], [5, 5, 5])).toBeNull();
    expect(pearson([1, 2], [1, 2])).toBeNull();
  });

  it("stays within [−1, 1] and is symmetric", () => {
    const list = fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 3, maxLength: 40 });
    fc.assert(
      fc.property(list, list, (a, b) => {
        const n = Math.min(a.length, b.length);
        const x = a.slice(0, n);
        const y = b.slice(0, n);
        const r = pearson(x, y);
        if (r === null) return;
        expect(Math.abs(r)).toBeLessThanOrEqual(1);
        expect(pearson(y, x)).toBeCloseTo(r, 12);
      }),
    );
  });
});

describe("ranks and spearman", () => {
  it("gives tied values their mean rank", () => {
    expect(ranks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
  });

  it("is 1 for any increasing relation, where Pearson is below 1", () => {
    const x = [1, 2, 3, 4, 5, 6];
    const y = x.map((v) => Math.exp(v));
    const c = correlate(x, y);
    expect(c.spearman).toBe(1);
    expect(c.pearson).toBeLessThan(0.95);
  });

  it("uses only pairs with both values and counts them", () => {
    const c = correlate([1, 2, null, 4, 5], [2, 4, 6, null, 10]);
    expect(c.n).toBe(3);
    expect(c.pearson).toBe(1);
    expect(correlate([1, null], [null, 2])).toEqual({ n: 0, pearson: null, spearman: null });
  });

  it("matches a hand calculation with ties", () => {
    // ranks x = 1, 2.5, 2.5, 4, 5 and y = 2, 1, 3.5, 3.5, 5 (both with mean 3):
    // Σdx·dy = 7.25, Σdx² = Σdy² = 9.5 → ρ = 7.25 / 9.5
    expect(correlate([1, 2, 2, 3, 4], [2, 1, 3, 3, 5]).spearman).toBeCloseTo(7.25 / 9.5, 12);
  });
});
