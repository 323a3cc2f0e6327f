import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildAreaTree, leavesUnder, type AreaInput, type AreaTree } from "../areas/area-tree.ts";
import { areaListArbitrary } from "../areas/tree-arbitrary.test-support.ts";
import { parsePeriod, type Period } from "../periods/period.ts";
import { known, missing } from "../value.ts";
import {
  PROVENANCE,
  aggregateCube,
  cellOffset,
  cellValue,
  createCube,
  findPeriodIndex,
  findVariableIndex,
  setObservation,
  type AggregationRule,
  type Cube,
} from "./cube.ts";

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

function cube(t: AreaTree, variables: readonly string[], periods = [period("2021")]): Cube {
  const r = createCube(t, variables, periods);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function aggregate(c: Cube, rules: readonly AggregationRule[]): Cube {
  const r = aggregateCube(c, rules);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function set(c: Cube, v: number, p: number, a: number, value: number | null): void {
  const r = setObservation(c, v, p, a, value);
  if (!r.ok) throw new Error(r.error);
}

// city(0) → north(1) → n1(3), n2(4); city → south(2) → s1(5)
const city = tree([
  { code: "city", parentCode: null, level: 0 },
  { code: "north", parentCode: "city", level: 1 },
  { code: "south", parentCode: "city", level: 1 },
  { code: "n1", parentCode: "north", level: 2 },
  { code: "n2", parentCode: "north", level: 2 },
  { code: "s1", parentCode: "south", level: 2 },
]);

describe("createCube and setObservation", () => {
  it("starts empty and indexes variables and periods", () => {
    const c = cube(city, ["pop", "sgb2"], [period("2020"), period("2021")]);
    expect(c.values).toHaveLength(2 * 2 * 6);
    expect(c.values.every(Number.isNaN)).toBe(true);
    expect(c.provenance.every((x) => x === PROVENANCE.NO_DATA)).toBe(true);
    expect(findVariableIndex(c, "sgb2")).toBe(1);
    expect(findVariableIndex(c, "x")).toBeNull();
    expect(findPeriodIndex(c, "2021")).toBe(1);
    expect(findPeriodIndex(c, "2019")).toBeNull();
    expect(cellOffset(c, 1, 1, 5)).toBe((1 * 2 + 1) * 6 + 5);
    expect(cellOffset(c, 2, 0, 0)).toBe(-1);
    expect(c.aggregation).toBeNull();
  });

  it.each([
    ["a duplicate variable", ["pop", "pop"], [period("2021")], "Merkmal „pop“"],
    ["a duplicate period", ["pop"], [period("2021"), period("2021")], "Zeitraum „2021“"],
  ])("rejects %s", (_name, variables, periods, message) => {
    const r = createCube(city, variables, periods);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });

  it("refuses a cube that would be too large", () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `v${i}`);
    const periods = Array.from({ length: 1_000 }, (_, i) => period(String(1000 + i)));
    expect(createCube(city, many, periods).ok).toBe(false);
  });

  it.each([
    ["an index outside the cube", 0, 0, 6, 1, "außerhalb"],
    ["a negative index", -1, 0, 0, 1, "außerhalb"],
    ["a fractional index", 0, 0.5, 0, 1, "außerhalb"],
    ["NaN", 0, 0, 0, Number.NaN, "keine endliche Zahl"],
    ["Infinity", 0, 0, 0, Number.POSITIVE_INFINITY, "keine endliche Zahl"],
  ])("refuses %s and changes nothing", (_name, v, p, a, value, message) => {
    const c = cube(city, ["pop"]);
    const r = setObservation(c, v, p, a, value);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
    expect(c.provenance.every((x) => x === PROVENANCE.NO_DATA)).toBe(true);
  });

  it("records numbers as observed and null as withheld at source", () => {
    const c = cube(city, ["pop"]);
    set(c, 0, 0, 3, 120);
    set(c, 0, 0, 4, null);
    expect(cellValue(c, 0, 0, 3)).toEqual(known(120));
    expect(cellValue(c, 0, 0, 4)).toEqual(missing("withheld_at_source"));
    expect(cellValue(c, 0, 0, 5)).toEqual(missing("no_data"));
    expect(cellValue(c, 0, 0, 99)).toEqual(missing("no_data"));
  });
});

describe("aggregateCube", () => {
  type Obs = Record<number, number | null>;
  const cases: [string, AggregationRule, Obs, Record<number, ReturnType<typeof cellValue>>][] = [
    [
      "sums complete children up to the root",
      "sum",
      { 3: 10, 4: 20, 5: 5 },
      { 1: known(30), 2: known(5), 0: known(35) },
    ],
    [
      "keeps an observed parent even when it differs from its children's sum",
      "sum",
      { 3: 10, 4: 20, 5: 5, 1: 33 },
      { 1: known(33), 2: known(5), 0: known(38) },
    ],
    [
      "keeps an observed root over the sum of its districts",
      "sum",
      { 3: 10, 4: 20, 5: 5, 0: 40 },
      { 1: known(30), 0: known(40) },
    ],
    [
      "marks a parent incomplete when a child has no data, and its parent too",
      "sum",
      { 3: 10, 5: 5 },
      { 1: missing("incomplete_coverage"), 2: known(5), 0: missing("incomplete_coverage") },
    ],
    [
      "marks a parent incomplete when a child was withheld at source",
      "sum",
      { 3: 10, 4: null, 5: 5 },
      { 4: missing("withheld_at_source"), 1: missing("incomplete_coverage") },
    ],
    [
      "lets an observed parent close the gap below it",
      "sum",
      { 3: 10, 5: 5, 1: 31 },
      { 1: known(31), 0: known(36) },
    ],
    [
      "keeps a parent withheld at source instead of summing its children",
      "sum",
      { 3: 10, 4: 20, 5: 5, 1: null },
      { 1: missing("withheld_at_source"), 0: missing("incomplete_coverage") },
    ],
    [
      "does not aggregate a 'none' variable",
      "none",
      { 3: 12.5, 4: 7.5, 5: 3 },
      { 1: missing("not_aggregable"), 0: missing("not_aggregable"), 3: known(12.5) },
    ],
    [
      "keeps a delivered value of a 'none' variable at a parent",
      "none",
      { 3: 12.5, 1: 10 },
      { 1: known(10), 2: missing("not_aggregable"), 4: missing("no_data") },
    ],
  ];

  it.each(cases)("%s", (_name, rule, observations, expected) => {
    const c = cube(city, ["x"]);
    for (const [area, value] of Object.entries(observations)) set(c, 0, 0, Number(area), value);
    const a = aggregate(c, [rule]);
    for (const [area, value] of Object.entries(expected)) {
      expect(cellValue(a, 0, 0, Number(area))).toEqual(value);
    }
  });

  it("leaves the input cube unchanged and records the rules", () => {
    const c = cube(city, ["pop", "rate"]);
    set(c, 0, 0, 3, 1);
    const before = [...c.provenance];
    const a = aggregate(c, ["sum", "none"]);
    expect([...c.provenance]).toEqual(before);
    expect(a.aggregation).toEqual(["sum", "none"]);
    expect(c.aggregation).toBeNull();
  });

  it("refuses a rule list of the wrong length", () => {
    const r = aggregateCube(cube(city, ["pop", "rate"]), ["sum"]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain("2 Merkmale");
  });

  // Random trees with random counts; cells: 0 = no observation, 1 = number, 2 = withheld.
  const scenario = (options: { complete: boolean; parentObservations: boolean }) =>
    areaListArbitrary({ maxAreas: 40, allowForest: true }).chain((areas) =>
      fc
        .record({
          areas: fc.constant(areas),
          counts: fc.array(fc.integer({ min: 0, max: 1000 }), {
            minLength: areas.length,
            maxLength: areas.length,
          }),
          kinds: fc.array(fc.integer({ min: 0, max: 2 }), {
            minLength: areas.length,
            maxLength: areas.length,
          }),
          rule: fc.constantFrom<AggregationRule>("sum", "none"),
        })
        .map((s) => ({ ...s, ...options })),
    );

  function fill(s: {
    areas: AreaInput[];
    counts: number[];
    kinds: number[];
    complete: boolean;
    parentObservations: boolean;
  }): { t: AreaTree; c: Cube } {
    const t = tree(s.areas);
    const c = cube(t, ["x"]);
    for (let a = 0; a < t.size; a++) {
      const leaf = t.children[a]!.length === 0;
      const kind = s.complete && leaf ? 1 : s.kinds[a]!;
      if (!leaf && !s.parentObservations) continue;
      if (kind === 1) set(c, 0, 0, a, s.counts[a]!);
      if (kind === 2) set(c, 0, 0, a, null);
    }
    return { t, c };
  }

  it("property: with complete leaf data every parent equals the sum of its leaves", () => {
    fc.assert(
      fc.property(scenario({ complete: true, parentObservations: false }), (s) => {
        const { t, c } = fill(s);
        const a = aggregate(c, ["sum"]);
        for (let i = 0; i < t.size; i++) {
          const leafSum = leavesUnder(t, i).reduce((sum, leaf) => sum + s.counts[leaf]!, 0);
          expect(cellValue(a, 0, 0, i)).toEqual(known(leafSum));
        }
      }),
    );
  });

  it("property: observed cells are never overwritten", () => {
    fc.assert(
      fc.property(scenario({ complete: false, parentObservations: true }), (s) => {
        const { t, c } = fill(s);
        const a = aggregate(c, [s.rule]);
        for (let i = 0; i < t.size; i++) {
          const before = c.provenance[i]!;
          if (before === PROVENANCE.OBSERVED || before === PROVENANCE.WITHHELD_AT_SOURCE) {
            expect(a.provenance[i]).toBe(before);
            expect(cellValue(a, 0, 0, i)).toEqual(cellValue(c, 0, 0, i));
          }
        }
      }),
    );
  });

  it("property: a parent is aggregated exactly when it is unobserved and all children have numbers", () => {
    fc.assert(
      fc.property(scenario({ complete: false, parentObservations: true }), (s) => {
        const { t, c } = fill(s);
        const a = aggregate(c, ["sum"]);
        for (let i = 0; i < t.size; i++) {
          const kids = t.children[i]!;
          if (kids.length === 0 || c.provenance[i] !== PROVENANCE.NO_DATA) continue;
          const allKnown = kids.every((k) => cellValue(a, 0, 0, k).kind === "known");
          expect(a.provenance[i]).toBe(allKnown ? PROVENANCE.AGGREGATED : PROVENANCE.INCOMPLETE);
        }
      }),
    );
  });

  it("property: aggregation is idempotent", () => {
    fc.assert(
      fc.property(scenario({ complete: false, parentObservations: true }), (s) => {
        const { c } = fill(s);
        const once = aggregate(c, [s.rule]);
        const twice = aggregate(once, [s.rule]);
        expect([...twice.provenance]).toEqual([...once.provenance]);
        expect([...twice.values]).toEqual([...once.values]);
      }),
    );
  });
});
