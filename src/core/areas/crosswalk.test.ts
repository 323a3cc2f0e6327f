import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  carryCounts,
  CROSSWALK_DEFAULTS,
  isCarriable,
  normaliseCrosswalk,
  splitCount,
  type CrosswalkRow,
} from "./crosswalk.ts";

const row = (oldCode: string, newCode: string, weight: number): CrosswalkRow => ({
  oldCode,
  newCode,
  weight,
});

describe("normaliseCrosswalk", () => {
  it("normalises each old area's weights to sum 1 and reports a sum off by more than 0.01", () => {
    const cw = normaliseCrosswalk([
      row("A", "x", 0.5),
      row("A", "y", 0.5),
      row("B", "y", 0.6),
      row("B", "z", 0.6),
    ]);
    expect(cw.shares.get("A")).toEqual([
      { newCode: "x", weight: 0.5 },
      { newCode: "y", weight: 0.5 },
    ]);
    expect(cw.shares.get("B")).toEqual([
      { newCode: "y", weight: 0.5 },
      { newCode: "z", weight: 0.5 },
    ]);
    expect(cw.findings).toEqual([{ kind: "sum_off", oldCode: "B", sum: 1.2 }]);
    expect(cw.newCodes).toEqual(["x", "y", "z"]);
  });

  it("does not report a sum within the tolerance", () => {
    const cw = normaliseCrosswalk([row("A", "x", 0.995)]);
    expect(cw.findings).toEqual([]);
    expect(cw.shares.get("A")).toEqual([{ newCode: "x", weight: 1 }]);
  });

  it("drops slivers below the threshold and normalises the rest again", () => {
    const cw = normaliseCrosswalk([row("A", "x", 0.9995), row("A", "y", 0.0005)]);
    expect(cw.shares.get("A")).toEqual([{ newCode: "x", weight: 1 }]);
    expect(cw.findings).toHaveLength(1);
    expect(cw.findings[0]).toMatchObject({ kind: "slivers_dropped", oldCode: "A", count: 1 });
    expect((cw.findings[0] as { share: number }).share).toBeCloseTo(0.0005, 10);
  });

  it("keeps every weight of an old area that is all slivers, and skips one without weight", () => {
    const cw = normaliseCrosswalk(
      [row("A", "x", 0.0004), row("A", "y", 0.0004), row("B", "x", 0)],
      CROSSWALK_DEFAULTS,
    );
    expect(cw.shares.get("A")).toEqual([
      { newCode: "x", weight: 0.5 },
      { newCode: "y", weight: 0.5 },
    ]);
    expect(cw.shares.has("B")).toBe(false);
    expect(cw.findings).toContainEqual({ kind: "no_weight", oldCode: "B" });
  });

  it("adds up a pair given twice", () => {
    const cw = normaliseCrosswalk([row("A", "x", 0.25), row("A", "x", 0.25), row("A", "y", 0.5)]);
    expect(cw.shares.get("A")).toEqual([
      { newCode: "x", weight: 0.5 },
      { newCode: "y", weight: 0.5 },
    ]);
  });
});

describe("splitCount", () => {
  it.each([
    [10, [0.5, 0.5], [5, 5]],
    [3, [0.5, 0.5], [2, 1]],
    [7, [0.2, 0.3, 0.5], [1, 2, 4]],
    [1, [1 / 3, 1 / 3, 1 / 3], [1, 0, 0]],
    [0, [0.4, 0.6], [0, 0]],
    [-3, [0.5, 0.5], [-2, -1]],
  ])("largest remainder: %d by %j → %j", (value, weights, expected) => {
    expect(splitCount(value, weights, "largest_remainder")).toEqual(expected);
  });

  it("leaves fractional counts and fractional rounding unrounded", () => {
    expect(splitCount(2.5, [0.5, 0.5], "largest_remainder")).toEqual([1.25, 1.25]);
    expect(splitCount(3, [0.5, 0.5], "fractional")).toEqual([1.5, 1.5]);
  });
});

describe("carryCounts", () => {
  const cw = normaliseCrosswalk([
    row("A", "x", 1),
    row("B", "x", 1),
    row("C", "y", 0.6),
    row("C", "z", 0.4),
    row("D", "w", 1),
  ]);

  it("sums whole old areas exactly and marks split ones as estimated", () => {
    const r = carryCounts(
      cw,
      new Map([
        ["A", 10],
        ["B", 5],
        ["C", 11],
        ["E", 4],
      ]),
    );
    expect(r.values).toEqual([
      { newCode: "x", value: 15, exact: true, sources: ["A", "B"] },
      { newCode: "y", value: 7, exact: false, sources: ["C"] },
      { newCode: "z", value: 4, exact: false, sources: ["C"] },
    ]);
    expect(r.unmappedOld).toEqual(["E"]);
    expect(r.newWithoutValue).toEqual(["w"]);
  });

  it("gives an unknown sum where an old area feeding it has no value", () => {
    const r = carryCounts(
      cw,
      new Map<string, number | null>([
        ["A", 10],
        ["B", null],
      ]),
    );
    expect(r.values).toEqual([{ newCode: "x", value: null, exact: true, sources: ["A", "B"] }]);
  });

  it("keeps the total of the old areas (property)", () => {
    const code = fc.constantFrom("a", "b", "c", "d", "e", "f");
    const rows = fc.array(
      fc.record({
        oldCode: fc.constantFrom("1", "2", "3", "4", "5"),
        newCode: code,
        weight: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      { minLength: 1, maxLength: 30 },
    );
    const counts = fc.dictionary(
      fc.constantFrom("1", "2", "3", "4", "5"),
      fc.oneof(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
      ),
    );
    fc.assert(
      fc.property(
        rows,
        counts,
        fc.constantFrom("fractional", "largest_remainder" as const),
        (r, c, rounding) => {
          const crosswalk = normaliseCrosswalk(r);
          const result = carryCounts(crosswalk, new Map(Object.entries(c)), rounding);
          const carried = Object.entries(c)
            .filter(([k]) => crosswalk.shares.has(k))
            .reduce((s, [, v]) => s + v, 0);
          const total = result.values.reduce((s, v) => s + (v.value ?? 0), 0);
          expect(Math.abs(total - carried)).toBeLessThanOrEqual(1e-6 * Math.max(1, carried));
          // Whole counts stay whole with largest remainder.
          if (rounding === "largest_remainder" && Object.values(c).every(Number.isInteger)) {
            for (const v of result.values) expect(Number.isInteger(v.value)).toBe(true);
            expect(total).toBe(carried);
          }
        },
      ),
    );
  });
});

describe("isCarriable", () => {
  it("carries only variables that add up over areas", () => {
    expect(isCarriable({ aggregation: "sum" })).toBe(true);
    expect(isCarriable({ aggregation: "none" })).toBe(false);
  });
});
