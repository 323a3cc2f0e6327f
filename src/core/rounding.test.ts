import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { floorToDecimals, roundToDecimals } from "./rounding.ts";

describe("roundToDecimals", () => {
  it.each<[number, number, number]>([
    [1.005, 2, 1.01],
    [-2.5, 0, -3],
    [2.5, 0, 3],
    [12.55, 1, 12.6],
    [0.1 + 0.2, 1, 0.3],
    [-0.04, 1, 0],
    [123456.789, 0, 123457],
    [2 ** 53 + 2, 2, 2 ** 53 + 2],
  ])("rounds %s to %s places as %s", (x, d, expected) => {
    expect(roundToDecimals(x, d)).toBe(expected);
  });
});

describe("floorToDecimals", () => {
  it.each<[number, number, number]>([
    [3.3333, 1, 3.3],
    [6.6667, 1, 6.6],
    [4.35, 2, 4.35],
    [-1.25, 1, -1.3],
    [-1.2, 1, -1.2],
    [2, 0, 2],
    [2.9999, 0, 2],
  ])("moves %s down to %s places: %s", (x, d, expected) => {
    expect(floorToDecimals(x, d)).toBe(expected);
  });

  it("property: the largest number with d places not above x", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.integer({ min: 0, max: 6 }),
        (x, d) => {
          const f = floorToDecimals(x, d);
          expect(f).toBeLessThanOrEqual(x);
          expect(roundToDecimals(f, d)).toBe(f);
          expect(roundToDecimals(f + 10 ** -d, d)).toBeGreaterThan(x);
        },
      ),
    );
  });
});
