import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { histogram, niceStep, niceTicks } from "./scale.ts";

/** Figures as statistics publish them: up to three decimals (no subnormal floating point). */
const figure = (max: number) =>
  fc.integer({ min: -max * 1000, max: max * 1000 }).map((v) => v / 1000);

describe("niceStep and niceTicks", () => {
  it("rounds steps up to 1, 2, 2.5 or 5 times a power of ten", () => {
    expect([0.07, 0.13, 0.22, 0.4, 0.9, 3, 7, 180].map(niceStep)).toEqual([
      0.1, 0.2, 0.25, 0.5, 1, 5, 10, 200,
    ]);
  });

  it("covers the range with round ticks", () => {
    expect(niceTicks(3.2, 24.9)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(niceTicks(0.1, 0.3, 2)).toEqual([0.1, 0.2, 0.3]);
    expect(niceTicks(7, 7)).toEqual([6, 6.5, 7, 7.5, 8]);
  });

  it("always encloses min and max", () => {
    fc.assert(
      fc.property(figure(1e6), figure(1e6).map(Math.abs), (a, span) => {
        const t = niceTicks(a, a + span);
        expect(t[0]!).toBeLessThanOrEqual(a);
        expect(t.at(-1)!).toBeGreaterThanOrEqual(a + span - Math.abs(a + span) * 1e-9);
      }),
    );
  });
});

describe("histogram", () => {
  it("uses Sturges' number of bins with a round width and counts every value once", () => {
    const values = [3.2, 4.1, 5, 7.7, 8, 9.9, 12.5, 14.2, 24.9, 11, 13, 6, 10];
    // n = 13 → ⌈log₂ 13⌉ + 1 = 5 bins of (24.9 − 3.2) / 5 = 4.34 → width 5
    const bins = histogram(values);
    expect(bins.map((b) => [b.from, b.to, b.count])).toEqual([
      [0, 5, 2],
      [5, 10, 5],
      [10, 15, 5],
      [15, 20, 0],
      [20, 25, 1],
    ]);
  });

  it("puts the maximum in the last bin and handles one value and none", () => {
    expect(histogram([1, 2]).reduce((n, b) => n + b.count, 0)).toBe(2);
    expect(histogram([5])).toEqual([{ from: 5, to: 5.5, count: 1 }]);
    expect(histogram([])).toEqual([]);
  });

  it("never loses a value", () => {
    fc.assert(
      fc.property(fc.array(figure(1e5), { minLength: 1, maxLength: 200 }), (xs) => {
        const bins = histogram(xs);
        expect(bins.reduce((n, b) => n + b.count, 0)).toBe(xs.length);
        for (const x of xs) {
          expect(x).toBeGreaterThanOrEqual(bins[0]!.from - 1e-9);
          expect(x).toBeLessThanOrEqual(bins.at(-1)!.to + 1e-9);
        }
      }),
    );
  });
});
