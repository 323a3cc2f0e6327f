import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildAreaTree, leavesUnder, type AreaInput, type AreaTree } from "../areas/area-tree.ts";
import { areaListArbitrary } from "../areas/tree-arbitrary.test-support.ts";
import { parsePeriod, type Period } from "../periods/period.ts";
import { known, missing, type Value } from "../value.ts";
import {
  aggregateCube,
  createCube,
  setObservation,
  withFlags,
  type AggregationRule,
  type Cube,
} from "./cube.ts";
import { FLAG } from "../marks/value-mark.ts";
import {
  computeIndicator,
  indicatorCell,
  indicatorValue,
  validateIndicatorDefinition,
  type IndicatorDefinition,
  type IndicatorResult,
} from "./indicator.ts";

function period(code: string): Period {
  const r = parsePeriod(code);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function tree(areas: readonly AreaInput[]): AreaTree {
  const r = buildAreaTree(areas);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** Builds and aggregates a one-period cube from `{ variable: { areaIndex: value } }`. */
function cubeOf(
  t: AreaTree,
  data: Record<string, Record<number, number | null>>,
  rules?: Record<string, AggregationRule>,
  periods = [period("2021")],
): Cube {
  const variables = Object.keys(data);
  const created = createCube(t, variables, periods);
  if (!created.ok) throw new Error(created.error);
  variables.forEach((v, vi) => {
    for (const [area, value] of Object.entries(data[v]!)) {
      const r = setObservation(created.value, vi, 0, Number(area), value);
      if (!r.ok) throw new Error(r.error);
    }
  });
  const aggregated = aggregateCube(
    created.value,
    variables.map((v) => rules?.[v] ?? "sum"),
  );
  if (!aggregated.ok) throw new Error(aggregated.error);
  return aggregated.value;
}

function compute(c: Cube, def: IndicatorDefinition, periods?: number[]): IndicatorResult {
  const r = computeIndicator(c, def, periods);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const sgb2Rate: IndicatorDefinition = {
  code: "sgb2_rate",
  numerator: ["sgb2"],
  denominator: ["pop_0_64"],
  factor: 100,
  decimals: 1,
  unit: "%",
  polarity: "lower_is_better",
};

// city(0) → district(1) → a(2), b(3)
const district = tree([
  { code: "city", parentCode: null, level: 0 },
  { code: "district", parentCode: "city", level: 1 },
  { code: "a", parentCode: "district", level: 2 },
  { code: "b", parentCode: "district", level: 2 },
]);

describe("flags", () => {
  it("carries a flagged count into every sum and rate computed from it, and no further", () => {
    const c = cubeOf(district, {
      sgb2: { 2: 50, 3: 90 },
      pop_0_64: { 2: 100, 3: 900 },
    });
    // b's population under review, a's recipients provisional (variables 0 and 1, period 0).
    const flagged = withFlags({ ...c, aggregation: null }, [
      { v: 1, p: 0, a: 3, flags: FLAG.REVIEW },
      { v: 0, p: 0, a: 2, flags: FLAG.PROVISIONAL },
    ]);
    const aggregated = aggregateCube(flagged, ["sum", "sum"]);
    if (!aggregated.ok) throw new Error(aggregated.error);
    const r = compute(aggregated.value, sgb2Rate);
    expect(indicatorCell(r, 0, 3).flags).toEqual({
      value: FLAG.REVIEW,
      numerator: 0,
      denominator: FLAG.REVIEW,
    });
    expect(indicatorCell(r, 0, 2).flags.value).toBe(FLAG.PROVISIONAL);
    // district and city: both counts come from a and b.
    for (const area of [0, 1]) {
      expect(indicatorCell(r, 0, area).flags).toEqual({
        value: FLAG.REVIEW | FLAG.PROVISIONAL,
        numerator: FLAG.PROVISIONAL,
        denominator: FLAG.REVIEW,
      });
    }
  });

  it("keeps an observed total's own flags", () => {
    const c = cubeOf(district, { sgb2: { 1: 140, 2: 50, 3: 90 } });
    const flagged = withFlags(c, [{ v: 0, p: 0, a: 2, flags: FLAG.ESTIMATED }]);
    const aggregated = aggregateCube(flagged, ["sum"]);
    if (!aggregated.ok) throw new Error(aggregated.error);
    const count = { ...sgb2Rate, denominator: null, factor: 1 };
    const r = compute(aggregated.value, count);
    expect(indicatorCell(r, 0, 1).flags.value).toBe(0); // observed, not summed
    expect(indicatorCell(r, 0, 0).flags.value).toBe(0); // the sum of the observed district
    expect(indicatorCell(r, 0, 2).flags.value).toBe(FLAG.ESTIMATED);
  });
});

describe("computeIndicator", () => {
  it("aggregates a district's rate from counts, not as the mean of its children's rates", () => {
    const c = cubeOf(district, { sgb2: { 2: 50, 3: 90 }, pop_0_64: { 2: 100, 3: 900 } });
    const r = compute(c, sgb2Rate);
    const rateA = indicatorValue(r, 0, 2);
    const rateB = indicatorValue(r, 0, 3);
    expect(rateA).toEqual(known(50));
    expect(rateB).toEqual(known(10));
    // (50 + 90) / (100 + 900) = 14 %, while the mean of the two rates would be 30 %.
    expect(indicatorValue(r, 0, 1)).toEqual(known(14));
    const meanOfRates = rateA.kind === "known" && rateB.kind === "known" ? (50 + 10) / 2 : NaN;
    expect(meanOfRates).toBe(30);
    expect(indicatorCell(r, 0, 1)).toEqual({
      value: known(14),
      numerator: known(140),
      denominator: known(1000),
      flags: { value: 0, numerator: 0, denominator: 0 },
    });
  });

  const cases: [string, Record<string, Record<number, number | null>>, number, Value<number>][] = [
    ["a plain rate", { sgb2: { 2: 3 }, pop_0_64: { 2: 200 } }, 2, known(1.5)],
    ["no data in the numerator", { sgb2: {}, pop_0_64: { 2: 200 } }, 2, missing("no_data")],
    ["no data in the denominator", { sgb2: { 2: 3 }, pop_0_64: {} }, 2, missing("no_data")],
    ["a zero denominator", { sgb2: { 2: 0 }, pop_0_64: { 2: 0 } }, 2, missing("zero_denominator")],
    [
      "a numerator withheld at source",
      { sgb2: { 2: null }, pop_0_64: { 2: 200 } },
      2,
      missing("withheld_at_source"),
    ],
    [
      "withheld beats no data",
      { sgb2: { 2: null }, pop_0_64: {} },
      2,
      missing("withheld_at_source"),
    ],
    [
      "incomplete coverage at the parent",
      { sgb2: { 2: 3 }, pop_0_64: { 2: 200, 3: 100 } },
      1,
      missing("incomplete_coverage"),
    ],
    [
      "an observed parent filling a gap below it",
      { sgb2: { 2: 3, 1: 9 }, pop_0_64: { 2: 200, 3: 100 } },
      1,
      known(3),
    ],
  ];
  it.each(cases)("handles %s", (_name, data, area, expected) => {
    expect(indicatorValue(compute(cubeOf(district, data), sgb2Rate), 0, area)).toEqual(expected);
  });

  it("propagates not_aggregable from a published rate", () => {
    const c = cubeOf(district, { rate: { 2: 12.5, 3: 7.5 } }, { rate: "none" });
    const def = { ...sgb2Rate, numerator: ["rate"], denominator: null, factor: 1 };
    const r = compute(c, def);
    expect(indicatorValue(r, 0, 2)).toEqual(known(12.5));
    expect(indicatorValue(r, 0, 1)).toEqual(missing("not_aggregable"));
    expect(indicatorCell(r, 0, 1).denominator).toBeNull();
  });

  it("sums several terms and scales counts without denominator", () => {
    const c = cubeOf(district, {
      age_0_2: { 2: 10, 3: 5 },
      age_3_5: { 2: 7, 3: 1 },
      pop: { 2: 1000, 3: 500 },
    });
    const children = compute(c, {
      ...sgb2Rate,
      numerator: ["age_0_2", "age_3_5"],
      denominator: ["pop"],
      factor: 1000,
    });
    expect(indicatorValue(children, 0, 1)).toEqual(known((1000 * 23) / 1500));
    const count = compute(c, {
      ...sgb2Rate,
      numerator: ["age_0_2", "age_3_5"],
      denominator: null,
      factor: 1,
    });
    expect(indicatorValue(count, 0, 0)).toEqual(known(23));
  });

  it("computes only the requested periods and returns them", () => {
    const t = district;
    const created = createCube(t, ["sgb2", "pop_0_64"], [period("2020"), period("2021")]);
    if (!created.ok) throw new Error(created.error);
    const c = created.value;
    for (const [v, p, a, x] of [
      [0, 1, 2, 4],
      [1, 1, 2, 80],
      [0, 0, 2, 1],
      [1, 0, 2, 10],
    ] as const) {
      setObservation(c, v, p, a, x);
    }
    const r = compute(c, sgb2Rate, [1]);
    expect(r.periodIndices).toEqual([1]);
    expect(r.periods.map((p) => p.code)).toEqual(["2021"]);
    expect(r.definition).toBe(sgb2Rate);
    expect(indicatorValue(r, 0, 2)).toEqual(known(5));
    expect(indicatorValue(r, 1, 2)).toEqual(missing("no_data"));
    expect(indicatorValue(compute(c, sgb2Rate), 0, 2)).toEqual(known(10));
  });

  it.each([
    ["an unknown variable", { ...sgb2Rate, denominator: ["nope"] }, undefined, "„nope“ fehlt"],
    ["a period outside the cube", sgb2Rate, [3], "Zeitraum-Index 3"],
    ["an invalid definition", { ...sgb2Rate, factor: 0 }, undefined, "Faktor"],
  ])("rejects %s", (_name, def, periods, message) => {
    const c = cubeOf(district, { sgb2: {}, pop_0_64: {} });
    const r = computeIndicator(c, def, periods);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });

  it("property: with complete leaf counts each area's value is factor × Σ leaf numerators / Σ leaf denominators", () => {
    const arb = areaListArbitrary({ maxAreas: 40 }).chain((areas) =>
      fc.record({
        areas: fc.constant(areas),
        num: fc.array(fc.integer({ min: 0, max: 500 }), {
          minLength: areas.length,
          maxLength: areas.length,
        }),
        den: fc.array(fc.integer({ min: 0, max: 5000 }), {
          minLength: areas.length,
          maxLength: areas.length,
        }),
      }),
    );
    fc.assert(
      fc.property(arb, ({ areas, num, den }) => {
        const t = tree(areas);
        const leafData = (xs: number[]) =>
          Object.fromEntries(leavesUnder(t, 0).map((leaf) => [leaf, xs[leaf]!]));
        const r = compute(cubeOf(t, { sgb2: leafData(num), pop_0_64: leafData(den) }), sgb2Rate);
        for (let a = 0; a < t.size; a++) {
          const leaves = leavesUnder(t, a);
          const n = leaves.reduce((s, l) => s + num[l]!, 0);
          const d = leaves.reduce((s, l) => s + den[l]!, 0);
          const v = indicatorValue(r, 0, a);
          if (d === 0) expect(v).toEqual(missing("zero_denominator"));
          else expect(v).toEqual(known((100 * n) / d));
          expect(indicatorCell(r, 0, a).numerator).toEqual(known(n));
        }
      }),
    );
  });

  it("reads cells outside the result as no data", () => {
    const r = compute(cubeOf(district, { sgb2: {}, pop_0_64: {} }), sgb2Rate);
    expect(indicatorValue(r, 1, 0)).toEqual(missing("no_data"));
    expect(indicatorCell(r, 0, 9)).toEqual({
      value: missing("no_data"),
      numerator: missing("no_data"),
      denominator: missing("no_data"),
      flags: { value: 0, numerator: 0, denominator: 0 },
    });
  });
});

describe("validateIndicatorDefinition", () => {
  it.each([
    ["an empty code", { code: " " }, "braucht einen Code"],
    ["an empty numerator", { numerator: [] }, "Zähler nennt kein Merkmal"],
    ["an empty denominator", { denominator: [] }, "Nenner nennt kein Merkmal"],
    ["a duplicate term", { numerator: ["a", "a"] }, "„a“ steht im Zähler doppelt"],
    ["a negative factor", { factor: -1 }, "Faktor"],
    ["an infinite factor", { factor: Infinity }, "Faktor"],
    ["fractional decimals", { decimals: 1.5 }, "Nachkommastellen"],
    ["too many decimals", { decimals: 7 }, "Nachkommastellen"],
    ["an unknown polarity", { polarity: "up" as unknown as "neutral" }, "Polarität"],
  ])("rejects %s", (_name, patch, message) => {
    const r = validateIndicatorDefinition({ ...sgb2Rate, ...patch });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });

  it("accepts a valid definition unchanged", () => {
    expect(validateIndicatorDefinition(sgb2Rate)).toEqual({ ok: true, value: sgb2Rate });
  });
});
