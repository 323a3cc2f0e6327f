import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildAreaTree, type AreaInput, type AreaTree } from "../areas/area-tree.ts";
import { areaListArbitrary } from "../areas/tree-arbitrary.test-support.ts";
import { aggregateCube, createCube, setObservation } from "../indicators/cube.ts";
import {
  computeIndicator,
  indicatorCell,
  indicatorValue,
  type IndicatorDefinition,
  type IndicatorResult,
} from "../indicators/indicator.ts";
import { parsePeriod } from "../periods/period.ts";
import { known, missing, suppressed, type Value } from "../value.ts";
import { CELL_FLAG, findExposedGroups, hierarchyGroups } from "./secondary-suppression.ts";
import {
  suppressCounts,
  suppressIndicatorResult,
  suppressIndicatorValues,
  type PeriodCounts,
} from "./suppress-indicator.ts";
import {
  DEFAULT_SUPPRESSION_RULE,
  isPrimarySuppressed,
  type SuppressionRule,
} from "./suppression-rule.ts";
import { tableSymbol } from "./table-symbol.ts";

const { PUBLISHED: O, PRIMARY: P, SECONDARY: S } = CELL_FLAG;

function tree(areas: readonly AreaInput[]): AreaTree {
  const r = buildAreaTree(areas);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

// city(0) → north(1) → n1(3), n2(4); city → south(2) → s1(5), s2(6)
const city = tree([
  { code: "city", parentCode: null, level: 0 },
  { code: "north", parentCode: "city", level: 1 },
  { code: "south", parentCode: "city", level: 1 },
  { code: "n1", parentCode: "north", level: 2 },
  { code: "n2", parentCode: "north", level: 2 },
  { code: "s1", parentCode: "south", level: 2 },
  { code: "s2", parentCode: "south", level: 2 },
]);

/** Counts for the city tree from leaf counts (n1, n2, s1, s2); parents are sums. */
function countsFromLeaves(leaves: [number, number, number, number]): number[] {
  const [n1, n2, s1, s2] = leaves;
  return [n1 + n2 + s1 + s2, n1 + n2, s1 + s2, n1, n2, s1, s2];
}

function rates(
  num: readonly number[],
  den: readonly number[] | null,
  factor = 100,
): Value<number>[] {
  return num.map((n, a) => {
    if (!Number.isFinite(n)) return missing("no_data");
    if (den === null) return known(n);
    const d = den[a]!;
    if (!Number.isFinite(d)) return missing("no_data");
    return d === 0 ? missing("zero_denominator") : known((factor * n) / d);
  });
}

function suppress(counts: PeriodCounts, rule: SuppressionRule = DEFAULT_SUPPRESSION_RULE) {
  const r = suppressIndicatorValues(city, counts, rule);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe("suppressIndicatorValues", () => {
  it("hides a small numerator, its sibling as complement, and the rates resting on them", () => {
    const numerator = countsFromLeaves([2, 40, 30, 25]);
    const denominator = countsFromLeaves([100, 900, 500, 400]);
    const r = suppress({ numerator, denominator, values: rates(numerator, denominator) });
    expect([...r.numeratorFlags]).toEqual([O, O, O, P, S, O, O]);
    expect([...(r.denominatorFlags ?? [])]).toEqual([O, O, O, O, O, O, O]);
    expect(r.values[3]).toEqual(suppressed("small_count"));
    expect(r.values[4]).toEqual(suppressed("secondary"));
    expect(r.values[1]).toEqual(known(4.2));
    expect(r.values[5]).toEqual(known(6));
    expect(r.numerator[3]).toEqual(suppressed("small_count"));
    expect(r.numerator[1]).toEqual(known(42));
    // The withheld rate carries neither count, not even its unhidden denominator.
    expect(r.denominator?.[3]).toEqual(suppressed("small_count"));
    expect(r.rule).toBe(DEFAULT_SUPPRESSION_RULE);
    expect(r.primaryCount).toBe(1);
    expect(r.secondaryCount).toBe(1);
  });

  it("hides a rate whose denominator is below the minimum", () => {
    const numerator = countsFromLeaves([0, 40, 30, 25]);
    const denominator = countsFromLeaves([2, 900, 500, 400]);
    const r = suppress({ numerator, denominator, values: rates(numerator, denominator) });
    // The rate is withheld, so its numerator of 0 is withheld with it.
    expect(r.numerator[3]).toEqual(suppressed("small_count"));
    expect(r.denominator?.[3]).toEqual(suppressed("small_count"));
    expect(r.values[3]).toEqual(suppressed("small_count"));
    expect(r.values[4]).toEqual(suppressed("secondary"));
  });

  it("hides a 'zero denominator' when the zero is hidden, since it would reveal the count", () => {
    const numerator = countsFromLeaves([0, 40, 30, 25]);
    const denominator = countsFromLeaves([0, 900, 500, 400]);
    const values = rates(numerator, denominator);
    expect(values[3]).toEqual(missing("zero_denominator"));
    const r = suppress({ numerator, denominator, values }, { minCount: 3, suppressZero: true });
    expect(r.values[3]).toEqual(suppressed("small_count"));
    const shown = suppress({ numerator, denominator, values });
    expect(shown.values[3]).toEqual(missing("zero_denominator"));
  });

  it("keeps missing values and counts missing", () => {
    const numerator = [Number.NaN, Number.NaN, 55, 1, Number.NaN, 30, 25];
    const denominator = countsFromLeaves([100, 900, 500, 400]);
    const r = suppress({ numerator, denominator, values: rates(numerator, denominator) });
    expect(r.values[0]).toEqual(missing("no_data"));
    expect(r.numerator[4]).toEqual(missing("no_data"));
    expect(r.values[3]).toEqual(suppressed("small_count"));
    // n2 has no count but is the cheapest complement: it is flagged, and stays "no data".
    expect(r.numeratorFlags[4]).toBe(S);
    expect(r.values[4]).toEqual(missing("no_data"));
  });

  it("handles a count indicator without denominator", () => {
    const numerator = countsFromLeaves([1, 1, 5, 7]);
    const r = suppress({ numerator, denominator: null, values: rates(numerator, null) });
    // n1 and n2 are primary, and so is north (2): the north group is safe, the city group is
    // exposed by north alone → south (12) is hidden, then south's group → s1 (5).
    expect([...r.numeratorFlags]).toEqual([O, P, S, P, P, S, O]);
    expect(r.denominator).toBeNull();
    expect(r.denominatorFlags).toBeNull();
    expect(r.values[6]).toEqual(known(7));
  });

  it.each<[string, PeriodCounts, SuppressionRule, string]>([
    [
      "a numerator of the wrong length",
      { numerator: [1], denominator: null, values: [known(1)] },
      DEFAULT_SUPPRESSION_RULE,
      "anderer Länge",
    ],
    [
      "an invalid rule",
      {
        numerator: countsFromLeaves([5, 5, 5, 5]),
        denominator: null,
        values: Array(7).fill(known(1)),
      },
      { minCount: 0, suppressZero: false },
      "Mindestfallzahl",
    ],
  ])("rejects %s", (_name, counts, rule, message) => {
    const r = suppressIndicatorValues(city, counts, rule);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });

  it("suppressCounts reports primary and secondary counts", () => {
    const r = suppressCounts(
      countsFromLeaves([2, 40, 30, 25]),
      hierarchyGroups(city),
      DEFAULT_SUPPRESSION_RULE,
    );
    expect(r.ok && { primary: r.value.primaryCount, secondary: r.value.secondaryCount }).toEqual({
      primary: 1,
      secondary: 1,
    });
  });
});

const rate: IndicatorDefinition = {
  code: "sgb2_rate",
  numerator: ["sgb2"],
  denominator: ["pop"],
  factor: 100,
  decimals: 1,
  unit: "%",
  polarity: "lower_is_better",
};

/** Random trees with leaf counts in two periods, run through the cube and the indicator. */
const indicatorScenario = areaListArbitrary({ maxAreas: 40, allowForest: true }).chain((areas) => {
  const counts = fc.array(
    fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 60 })),
    {
      minLength: areas.length * 2,
      maxLength: areas.length * 2,
    },
  );
  return fc.record({
    areas: fc.constant(areas),
    num: counts,
    extra: counts,
    missingLeaf: fc.integer({ min: -1, max: areas.length - 1 }),
    rule: fc.record({ minCount: fc.integer({ min: 1, max: 5 }), suppressZero: fc.boolean() }),
  });
});

function computeScenario(s: {
  areas: AreaInput[];
  num: number[];
  extra: number[];
  missingLeaf: number;
}): { t: AreaTree; result: IndicatorResult } {
  const t = tree(s.areas);
  const created = createCube(
    t,
    ["sgb2", "pop"],
    [parsePeriod("2020"), parsePeriod("2021")].map((r) => {
      if (!r.ok) throw new Error(r.error);
      return r.value;
    }),
  );
  if (!created.ok) throw new Error(created.error);
  for (let p = 0; p < 2; p++) {
    for (let a = 0; a < t.size; a++) {
      if (t.children[a]!.length > 0 || a === s.missingLeaf) continue;
      const n = s.num[p * t.size + a]!;
      setObservation(created.value, 0, p, a, n);
      setObservation(created.value, 1, p, a, n + s.extra[p * t.size + a]!);
    }
  }
  const aggregated = aggregateCube(created.value, ["sum", "sum"]);
  if (!aggregated.ok) throw new Error(aggregated.error);
  const result = computeIndicator(aggregated.value, rate);
  if (!result.ok) throw new Error(result.error);
  return { t, result: result.value };
}

function periodCounts(result: IndicatorResult, slot: number): PeriodCounts {
  const n = result.areaCount;
  return {
    numerator: result.numerator.subarray(slot * n, (slot + 1) * n),
    denominator: result.denominator?.subarray(slot * n, (slot + 1) * n) ?? null,
    values: Array.from({ length: n }, (_, a) => indicatorValue(result, slot, a)),
  };
}

describe("suppression of computed indicators on random trees", () => {
  it("property: a value is published exactly when it was known and both counts are published", () => {
    fc.assert(
      fc.property(indicatorScenario, (s) => {
        const { t, result } = computeScenario(s);
        for (let slot = 0; slot < 2; slot++) {
          const counts = periodCounts(result, slot);
          const r = suppressIndicatorValues(t, counts, s.rule);
          if (!r.ok) throw new Error(r.error);
          const groups = hierarchyGroups(t);
          const { numeratorFlags: nf, denominatorFlags: df } = r.value;
          expect(findExposedGroups({ values: counts.numerator, flags: nf }, groups)).toEqual([]);
          expect(findExposedGroups({ values: counts.denominator!, flags: df! }, groups)).toEqual(
            [],
          );
          counts.values.forEach((before, a) => {
            const after = r.value.values[a]!;
            const bothPublished = nf[a] === O && df![a] === O;
            if (before.kind === "known" && bothPublished) expect(after).toEqual(before);
            else if (before.kind === "known") {
              const primary = nf[a] === P || df![a] === P;
              expect(after).toEqual(suppressed(primary ? "small_count" : "secondary"));
            } else if (before.kind === "missing" && before.reason !== "zero_denominator") {
              expect(after).toEqual(before);
            }
            const numCount = counts.numerator[a]!;
            if (isPrimarySuppressed(numCount, s.rule)) expect(after.kind).not.toBe("known");
          });
        }
      }),
      { numRuns: 200 },
    );
  });

  it("property: suppressIndicatorResult matches the per-period function and keeps no hidden number", () => {
    fc.assert(
      fc.property(indicatorScenario, (s) => {
        const { t, result } = computeScenario(s);
        const whole = suppressIndicatorResult(t, result, s.rule);
        if (!whole.ok) throw new Error(whole.error);
        const out = whole.value.result;
        for (let slot = 0; slot < 2; slot++) {
          const single = suppressIndicatorValues(t, periodCounts(result, slot), s.rule);
          if (!single.ok) throw new Error(single.error);
          for (let a = 0; a < t.size; a++) {
            const cell = indicatorCell(out, slot, a);
            expect(cell.value).toEqual(single.value.values[a]);
            expect(cell.numerator).toEqual(
              single.value.numerator[a]!.kind === "missing"
                ? indicatorCell(result, slot, a).numerator
                : single.value.numerator[a],
            );
          }
        }
        for (const [numbers, codes] of [
          [out.values, out.valueCodes],
          [out.numerator, out.numeratorCodes],
          [out.denominator!, out.denominatorCodes!],
        ] as const) {
          codes.forEach((code, i) => {
            if (code !== 0) expect(Number.isNaN(numbers[i]!)).toBe(true);
          });
        }
        expect(result.values).not.toBe(out.values);
      }),
      { numRuns: 200 },
    );
  });

  it("property: suppression is deterministic", () => {
    fc.assert(
      fc.property(indicatorScenario, (s) => {
        const { t, result } = computeScenario(s);
        const a = suppressIndicatorResult(t, result, s.rule);
        const b = suppressIndicatorResult(t, result, s.rule);
        expect(a).toEqual(b);
      }),
    );
  });

  it("refuses a tree that does not match the result", () => {
    const { result } = computeScenario({
      areas: [{ code: "a", parentCode: null, level: 0 }],
      num: [1, 1],
      extra: [5, 5],
      missingLeaf: -1,
    });
    const r = suppressIndicatorResult(city, result, DEFAULT_SUPPRESSION_RULE);
    expect(r.ok).toBe(false);
  });
});

describe("tableSymbol", () => {
  it.each<[Value<number>, string | null]>([
    [known(12), null],
    [known(0), null],
    [suppressed("small_count"), "."],
    [suppressed("secondary"), "."],
    [missing("withheld_at_source"), "."],
    [missing("no_data"), "."],
    [missing("incomplete_coverage"), "."],
    [missing("not_aggregable"), "."],
    [missing("zero_denominator"), "x"],
  ])("%o → %s", (value, symbol) => {
    expect(tableSymbol(value)).toBe(symbol);
  });
});
