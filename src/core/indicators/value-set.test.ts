import { describe, expect, it } from "vitest";
import { buildAreaTree, type AreaTree } from "../areas/area-tree.ts";
import { FLAG, type MarkOptions } from "../marks/value-mark.ts";
import { parsePeriod, type Period } from "../periods/period.ts";
import { missing } from "../value.ts";
import { aggregateCube, createCube, setObservation, withFlags, type Cube } from "./cube.ts";
import { computeIndicator, type IndicatorDefinition, type IndicatorResult } from "./indicator.ts";
import {
  assembleValueSet,
  deepestLevelWithData,
  latestSlotWithData,
  markedValue,
  type ValueSetModel,
} from "./value-set.ts";

function period(code: string): Period {
  const r = parsePeriod(code);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

// city(0) → district(1) → a(2), b(3)
const treeResult = buildAreaTree([
  { code: "city", parentCode: null, level: 0 },
  { code: "district", parentCode: "city", level: 1 },
  { code: "a", parentCode: "district", level: 2 },
  { code: "b", parentCode: "district", level: 2 },
]);
if (!treeResult.ok) throw new Error(treeResult.error);
const tree: AreaTree = treeResult.value;
const periods = ["2020", "2021", "2022"].map(period);

const model: ValueSetModel = {
  tree,
  areas: [{ name: "Stadt" }, { name: "Bezirk" }, { name: "A-Dorf" }, { name: "B-Feld" }],
  periods,
  levels: [
    { code: "stadt", depth: 0 },
    { code: "bezirk", depth: 1 },
    { code: "ortsteil", depth: 2 },
  ],
};

const sgb2Rate: IndicatorDefinition = {
  code: "sgb2_rate",
  numerator: ["sgb2"],
  denominator: ["pop"],
  factor: 100,
  decimals: 1,
  unit: "%",
  polarity: "lower_is_better",
};

/** A cube from `[variable, period, area, value]` rows, then the rate over it. */
function rate(
  rows: readonly [number, number, number, number][],
  flags: { v: number; p: number; a: number; flags: number }[] = [],
): IndicatorResult {
  const created = createCube(tree, ["sgb2", "pop"], periods);
  if (!created.ok) throw new Error(created.error);
  for (const [v, p, a, x] of rows) {
    const r = setObservation(created.value, v, p, a, x);
    if (!r.ok) throw new Error(r.error);
  }
  const cube: Cube = flags.length === 0 ? created.value : withFlags(created.value, flags);
  const aggregated = aggregateCube(cube, ["sum", "sum"]);
  if (!aggregated.ok) throw new Error(aggregated.error);
  const computed = computeIndicator(aggregated.value, sgb2Rate);
  if (!computed.ok) throw new Error(computed.error);
  return computed.value;
}

const planning: MarkOptions = { audience: "planning", reviewInPublic: "hold", decimals: 1 };

describe("latestSlotWithData", () => {
  it("is the latest period with a known value in any area", () => {
    const r = rate([
      [0, 0, 2, 10],
      [1, 0, 2, 100],
      [0, 1, 3, 30],
      [1, 1, 3, 100],
    ]);
    expect(latestSlotWithData(r, model)).toBe(1);
  });

  it("is the first period when no period has data, −1 without periods", () => {
    expect(latestSlotWithData(rate([]), model)).toBe(0);
    expect(latestSlotWithData(rate([]), { ...model, periods: [] })).toBe(-1);
  });
});

describe("deepestLevelWithData", () => {
  it("is the deepest level with a known value at the period", () => {
    const r = rate([
      [0, 0, 2, 10],
      [1, 0, 2, 100],
    ]);
    // Only a has counts: b is missing, so district and city have no sum.
    expect(deepestLevelWithData(r, 0, model)?.code).toBe("ortsteil");
  });

  it("skips a level without data, and falls back to the deepest of all", () => {
    // Counts only for the district itself: the leaves are empty.
    const r = rate([
      [0, 0, 1, 10],
      [1, 0, 1, 100],
    ]);
    expect(deepestLevelWithData(r, 0, model)?.code).toBe("bezirk");
    expect(deepestLevelWithData(r, 1, model)?.code).toBe("ortsteil");
    expect(deepestLevelWithData(r, 0, { ...model, levels: [] })).toBeUndefined();
  });
});

describe("markedValue", () => {
  it("turns a value held for review into a missing one for the public", () => {
    const shown = markedValue({ kind: "known", value: 3 }, FLAG.REVIEW, {
      ...planning,
      audience: "public",
    });
    expect(shown.value).toEqual(missing("under_review"));
    expect(shown.mark.review).toBe(true);
  });
});

describe("assembleValueSet", () => {
  const r = rate(
    [
      [0, 0, 2, 10],
      [1, 0, 2, 100],
      [0, 0, 3, 30],
      [1, 0, 3, 100],
      [0, 1, 2, 12],
      [1, 1, 2, 100],
      [0, 1, 3, 25],
      [1, 1, 3, 100],
    ],
    [{ v: 0, p: 1, a: 3, flags: FLAG.PROVISIONAL }],
  );

  /** The view of the leaves at `slot`, as planners see it. */
  const leavesAt = (slot: number) =>
    assembleValueSet(model, r, {
      definition: sgb2Rate,
      slot,
      level: model.levels[2]!,
      marks: planning,
      disclosure: { minCount: 3, applied: true },
      dataVersion: 7,
    });
  const set = leavesAt(1);

  it("shows each area with counts, rank and the change in percentage points", () => {
    expect(set).toMatchObject({
      indicator: "sgb2_rate",
      unit: "%",
      decimals: 1,
      period: "2021",
      previousPeriod: "2020",
      level: "ortsteil",
      disclosure: { minCount: 3, applied: true },
      dataVersion: 7,
    });
    expect(
      set.values.map((v) => [v.area, v.name, v.value, v.numerator, v.denominator, v.rank]),
    ).toEqual([
      ["a", "A-Dorf", 12, 12, 100, 2],
      ["b", "B-Feld", 25, 25, 100, 1],
    ]);
    expect(set.values.map((v) => v.change)).toEqual([2, -5]);
  });

  it("marks a change with the flags of both periods", () => {
    expect(set.values[0]!.changeMark?.letters).toEqual([]);
    expect(set.values[1]!.mark.letters).toEqual(["p"]);
    expect(set.values[1]!.changeMark?.letters).toEqual(["p"]);
  });

  it("puts the city beside the areas", () => {
    expect(set.reference).toMatchObject({ area: "city", name: "Stadt", status: "known" });
    expect(set.reference?.value).toBeCloseTo(18.5);
  });

  it("has no previous period at the first one, and no change", () => {
    const first = leavesAt(0);
    expect(first.previousPeriod).toBeNull();
    expect(first.values.map((v) => [v.change, v.changeMark])).toEqual([
      [null, null],
      [null, null],
    ]);
  });
});
