import { describe, expect, it } from "vitest";
import { classChanges, compareRuns, outlierAlerts, trendTurn } from "./alerts.ts";
import { computeIndex } from "./compute.ts";
import { MSS_DEFAULTS, type IndexDefinition } from "./definition.ts";

describe("outlierAlerts", () => {
  it("alarms on a large area clearly off, not on a small area's noise", () => {
    const alerts = outlierAlerts(
      [
        // 30 % of 5,000 against an expected 14 %: far outside, large.
        { area: "A", name: "Groß", count: 1500, population: 5000 },
        // 3 of 10 (30 %) against 14 %: the 99 % interval of so few people includes 14 %.
        { area: "B", name: "Klein", count: 3, population: 10 },
        // 14.9 % of 100,000: statistically clear, but only 6 % above: no alarm.
        { area: "C", name: "Riesig", count: 14900, population: 100000 },
        { area: "D", name: "Niedrig", count: 100, population: 5000 },
      ],
      0.14,
    );
    expect(alerts.map((a) => [a.area, a.direction])).toEqual([
      ["A", "above"],
      ["D", "below"],
    ]);
  });
});

describe("trendTurn", () => {
  it("finds a turn only when both changes are real", () => {
    expect(trendTurn("A", "S1", [10, 8, 9])).toMatchObject({ turn: "rising_again" });
    expect(trendTurn("A", "S1", [8, 10, 9])).toMatchObject({ turn: "falling_again" });
    expect(trendTurn("A", "S1", [10, 8, 7])).toBeNull();
    expect(trendTurn("A", "S1", [10, 9.8, 10.5])).toBeNull();
  });
});

describe("classChanges", () => {
  const definition: IndexDefinition = {
    ...MSS_DEFAULTS,
    exclusions: { minPopulation: 0, manual: [] },
    code: "t",
    name: "Test",
    status: [{ code: "s", label: "s", direction: "higher_is_worse", weight: 1 }],
    dynamics: [],
  };
  const run = (values: number[]) => {
    const r = computeIndex(
      definition,
      values.map((v, i) => ({ code: `A${i}`, name: `A${i}`, population: 1000, values: { s: v } })),
    );
    if (!r.ok) throw new Error(r.error.join());
    return r.value;
  };

  it("lists the areas whose class changed", () => {
    // 1 … 9 and 30: mean 7.5, SD √62.25 = 7.89; z(1) = −0.82 (mittel), z(30) = +2.85 (sehr
    // niedrig). Swapping the two values swaps their classes; the others keep theirs.
    const before = run([1, 2, 3, 4, 5, 6, 7, 8, 9, 30]);
    const after = run([30, 2, 3, 4, 5, 6, 7, 8, 9, 1]);
    expect(classChanges(before, after)).toEqual([
      {
        area: "A0",
        name: "A0",
        dimension: "status",
        from: "mittel",
        to: "sehr niedrig",
        direction: 1,
      },
      {
        area: "A9",
        name: "A9",
        dimension: "status",
        from: "sehr niedrig",
        to: "mittel",
        direction: -1,
      },
    ]);
  });

  it("compares two runs: changes, unchanged areas, areas in only one run", () => {
    const before = run([1, 2, 3, 4, 5, 6, 7, 8, 9, 30]);
    const after = run([30, 2, 3, 4, 5, 6, 7, 8, 9, 1]);
    const renamed = { areas: after.areas.map((a) => (a.code === "A5" ? { ...a, code: "N5" } : a)) };
    const c = compareRuns(before, renamed);
    expect(c.changes.map((x) => x.area)).toEqual(["A0", "A9"]);
    expect(c.unchanged).toBe(7);
    expect(c.onlyInPrevious).toEqual(["A5"]);
    expect(c.onlyInCurrent).toEqual(["N5"]);
  });

  it("counts entering or leaving the index as a change without direction", () => {
    const before = run([1, 2, 3, 4, 5, 6, 7, 8, 9, 30]);
    const after = {
      areas: before.areas.map((a) =>
        a.code === "A3"
          ? {
              ...a,
              status: null,
              group: null,
              exclusion: { reason: "manual" as const, detail: "x" },
            }
          : a,
      ),
    };
    expect(classChanges(before, after)).toEqual([
      { area: "A3", name: "A3", dimension: "status", from: "mittel", to: null, direction: 0 },
    ]);
  });
});
