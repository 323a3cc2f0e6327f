import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { known, missing, suppressed, type Value } from "../value.ts";
import { changeOverPeriods, compareWithReference, rankWithinLevel } from "./compare.ts";

const k = (x: number): Value<number> => known(x);

describe("rankWithinLevel", () => {
  it.each<[string, Value<number>[], (Value<number> | number)[], number]>([
    ["ranks the highest value first", [k(5), k(9), k(1)], [2, 1, 3], 3],
    ["shares the best rank on ties (1224)", [k(7), k(9), k(7), k(3)], [2, 1, 2, 4], 4],
    ["ties at the top", [k(9), k(9), k(9)], [1, 1, 1], 3],
    [
      "gives missing and suppressed values no rank",
      [k(4), missing("no_data"), suppressed("small_count"), k(8)],
      [2, missing("no_data"), suppressed("small_count"), 1],
      2,
    ],
    [
      "treats a non-finite known value as no data",
      [k(Number.NaN), k(1)],
      [missing("no_data"), 1],
      1,
    ],
    ["handles an empty level", [], [], 0],
    ["ranks negatives", [k(-1), k(0), k(-3)], [2, 1, 3], 3],
  ])("%s", (_name, values, expected, count) => {
    const r = rankWithinLevel(values);
    expect(r.ranks).toEqual(expected.map((e) => (typeof e === "number" ? known(e) : e)));
    expect(r.rankedCount).toBe(count);
    expect(r.order).toBe("highest_first");
  });

  it("ranks the lowest value first on request", () => {
    expect(rankWithinLevel([k(5), k(9), k(5)], "lowest_first").ranks).toEqual([
      known(1),
      known(3),
      known(1),
    ]);
  });

  it("property: rank = 1 + number of strictly better values, and missing values stay unranked", () => {
    const value = fc.oneof(
      fc.integer({ min: -20, max: 20 }).map((x) => known(x) as Value<number>),
      fc.constant(missing("no_data") as Value<number>),
      fc.constant(suppressed("secondary") as Value<number>),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 40 }), (values) => {
        const { ranks, rankedCount } = rankWithinLevel(values);
        const numbers = values.flatMap((v) => (v.kind === "known" ? [v.value] : []));
        expect(rankedCount).toBe(numbers.length);
        values.forEach((v, i) => {
          if (v.kind === "known") {
            expect(ranks[i]).toEqual(known(1 + numbers.filter((x) => x > v.value).length));
          } else {
            expect(ranks[i]).toBe(v);
          }
        });
      }),
    );
  });
});

describe("compareWithReference", () => {
  it.each<[string, Value<number>, Value<number>, unknown]>([
    ["above the city", k(15), k(10), known({ difference: 5, ratio: known(1.5) })],
    ["below the city", k(5), k(10), known({ difference: -5, ratio: known(0.5) })],
    ["a zero reference", k(3), k(0), known({ difference: 3, ratio: missing("zero_denominator") })],
    ["a suppressed value", suppressed("small_count"), k(10), suppressed("small_count")],
    ["a missing reference", k(3), missing("no_data"), missing("no_data")],
    [
      "the value's reason first",
      missing("incomplete_coverage"),
      suppressed("secondary"),
      missing("incomplete_coverage"),
    ],
    ["an infinite value", k(Number.POSITIVE_INFINITY), k(1), missing("no_data")],
  ])("handles %s", (_name, value, reference, expected) => {
    expect(compareWithReference(value, reference)).toEqual(expected);
  });
});

describe("changeOverPeriods", () => {
  it.each<[string, Value<number>, Value<number>, string, unknown]>([
    [
      "a share in % changes in percentage points, without a relative change",
      k(12),
      k(10),
      "%",
      known({
        difference: 2,
        differenceUnit: "percentage_points",
        relativeChange: null,
        unit: "%",
      }),
    ],
    [
      "a share in ‰ changes in per-mille points",
      k(7),
      k(9),
      "‰",
      known({
        difference: -2,
        differenceUnit: "per_mille_points",
        relativeChange: null,
        unit: "‰",
      }),
    ],
    [
      "a count changes absolutely and relatively",
      k(110),
      k(100),
      "Personen",
      known({
        difference: 10,
        differenceUnit: "unit",
        relativeChange: known(0.1),
        unit: "Personen",
      }),
    ],
    [
      "a count falling to zero",
      k(0),
      k(40),
      "Personen",
      known({
        difference: -40,
        differenceUnit: "unit",
        relativeChange: known(-1),
        unit: "Personen",
      }),
    ],
    [
      "a count rising from zero",
      k(5),
      k(0),
      "Personen",
      known({
        difference: 5,
        differenceUnit: "unit",
        relativeChange: missing("zero_denominator"),
        unit: "Personen",
      }),
    ],
    [
      "a rise from a negative balance",
      k(-5),
      k(-10),
      "Personen",
      known({
        difference: 5,
        differenceUnit: "unit",
        relativeChange: known(0.5),
        unit: "Personen",
      }),
    ],
    ["a missing previous value", k(5), missing("no_data"), "%", missing("no_data")],
    ["a suppressed current value", suppressed("secondary"), k(5), "%", suppressed("secondary")],
  ])("%s", (_name, current, previous, unit, expected) => {
    expect(changeOverPeriods(current, previous, unit)).toEqual(expected);
  });
});
