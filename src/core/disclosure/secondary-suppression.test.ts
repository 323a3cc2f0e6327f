import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isPrimarySuppressed } from "./suppression-rule.ts";
import {
  CELL_FLAG,
  applyPrimarySuppression,
  applySecondarySuppression,
  findExposedGroups,
  hierarchyGroups,
  indexGroups,
  type SuppressionGroup,
} from "./secondary-suppression.ts";
import {
  countScenarioArbitrary,
  linearlyDeterminedCells,
  subtractionClosure,
} from "./disclosure.test-support.ts";

const { PUBLISHED: O, PRIMARY: P, SECONDARY: S } = CELL_FLAG;

function secondary(values: number[], flags: number[], groups: SuppressionGroup[]): number[] {
  const r = applySecondarySuppression({ values, flags }, groups);
  if (!r.ok) throw new Error(r.error);
  return [...r.value.flags];
}

describe("applySecondarySuppression", () => {
  // Cell 0 is the total, cells 1.. the parts of one group.
  const one = (n: number): SuppressionGroup[] => [
    { total: 0, parts: Array.from({ length: n }, (_, i) => i + 1) },
  ];

  it.each<[string, number[], number[], number[]]>([
    ["nothing hidden, nothing to do", [10, 4, 6], [O, O, O], [O, O, O]],
    ["two hidden parts are safe", [10, 1, 2, 7], [O, P, P, O], [O, P, P, O]],
    ["hides the only other part", [40, 1, 39], [O, P, O], [O, P, S]],
    ["hides the smallest positive part", [45, 1, 39, 5], [O, P, O, O], [O, P, O, S]],
    ["breaks ties by the lowest index", [21, 1, 10, 10], [O, P, O, O], [O, P, S, O]],
    ["takes a zero only when no positive part is left", [8, 1, 0, 7], [O, P, O, O], [O, P, O, S]],
    ["takes a zero when nothing else is left", [1, 1, 0], [O, P, O], [O, P, S]],
    ["takes a part without count first", [9, 1, Number.NaN, 7], [O, P, O, O], [O, P, S, O]],
    ["hides the smallest part when only the total is hidden", [9, 5, 4], [P, O, O], [P, O, S]],
    ["hides the total when the hidden cell is the only part", [1, 1], [O, P], [S, P]],
  ])("%s", (_name, values, flags, expected) => {
    expect(secondary(values, flags, one(values.length - 1))).toEqual(expected);
  });

  it("iterates across levels: hiding a district exposes its own statistical districts", () => {
    // city(0) = A(1) + B(2); A = a1(3) + a2(4); B = b1(5) + b2(6)
    const values = [100, 2, 98, 1, 1, 50, 48];
    const groups: SuppressionGroup[] = [
      { total: 0, parts: [1, 2] },
      { total: 1, parts: [3, 4] },
      { total: 2, parts: [5, 6] },
    ];
    const flags = [O, P, O, P, P, O, O];
    // A is hidden alone in the city group → B hidden → B alone in its group → b2 (48) hidden.
    expect(secondary(values, flags, groups)).toEqual([O, P, S, P, P, O, S]);
  });

  it("protects a cross table with margins, where cells belong to a row and a column group", () => {
    // x11 x12 | r1       cells: 0 1 | 2
    // x21 x22 | r2              3 4 | 5
    // c1  c2  | T               6 7 | 8
    const values = [1, 9, 10, 5, 6, 11, 6, 15, 21];
    const groups: SuppressionGroup[] = [
      { total: 2, parts: [0, 1] },
      { total: 5, parts: [3, 4] },
      { total: 6, parts: [0, 3] },
      { total: 7, parts: [1, 4] },
      { total: 8, parts: [2, 5] },
      { total: 8, parts: [6, 7] },
    ];
    const flags = secondary(values, [P, O, O, O, O, O, O, O, O], groups);
    expect(flags).toEqual([P, S, O, S, S, O, O, O, O]);
    expect(findExposedGroups({ values, flags }, groups)).toEqual([]);
  });

  it("accepts cells as objects and leaves the input unchanged", () => {
    const cells = [
      { value: 40, flag: O },
      { value: 1, flag: P },
      { value: 39, flag: O },
    ] as const;
    const r = applySecondarySuppression(cells, one(2));
    expect(r.ok && [...r.value.flags]).toEqual([O, P, S]);
    expect(r.ok && r.value.secondaryCount).toBe(1);
    expect(cells.map((c) => c.flag)).toEqual([O, P, O]);
  });

  it.each<[string, number[], number[], SuppressionGroup[], string]>([
    ["arrays of different length", [1, 2], [O], one(1), "2 Werte, aber 1 Kennzeichen"],
    ["an unknown flag", [1, 2], [O, 7], one(1), "unbekannte Kennzeichen 7"],
    ["a group without parts", [1, 2], [O, O], [{ total: 0, parts: [] }], "keine Teile"],
    ["a cell outside the table", [1, 2], [O, O], [{ total: 0, parts: [5] }], "außerhalb"],
    ["a repeated cell", [1, 2], [O, O], [{ total: 0, parts: [1, 1] }], "mehrfach"],
    ["a total among its parts", [1, 2], [O, O], [{ total: 0, parts: [0, 1] }], "mehrfach"],
  ])("rejects %s", (_name, values, flags, groups, message) => {
    const r = applySecondarySuppression({ values, flags }, groups);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });

  it("indexes groups by cell and accepts the index in place of the list", () => {
    const groups: SuppressionGroup[] = [
      { total: 0, parts: [1, 2] },
      { total: 1, parts: [3, 4] },
    ];
    const index = indexGroups(groups, 5);
    if (!index.ok) throw new Error(index.error);
    expect([...index.value.offsets]).toEqual([0, 1, 3, 4, 5, 6]);
    expect([...index.value.groupIds]).toEqual([0, 0, 1, 0, 1, 1]);
    const values = [10, 3, 7, 1, 2];
    const flags = [O, O, O, P, O];
    expect(secondary(values, flags, groups)).toEqual([O, O, O, P, S]);
    const viaIndex = applySecondarySuppression({ values, flags }, index.value);
    expect(viaIndex.ok && [...viaIndex.value.flags]).toEqual([O, O, O, P, S]);
    const wrongSize = applySecondarySuppression({ values: [1], flags: [O] }, index.value);
    expect(wrongSize.ok).toBe(false);
  });

  it("documents the limit: bounds from non-negative counts are not audited", () => {
    // total 1 = a (1, primary) + b (0): b is hidden, yet a + b = 1 with a, b ≥ 0 leaves a ∈ {0, 1}.
    const flags = secondary([1, 1, 0], [O, P, O], one(2));
    expect(flags).toEqual([O, P, S]);
  });
});

describe("secondary suppression on random area trees", () => {
  const run = (s: {
    tree: Parameters<typeof hierarchyGroups>[0];
    counts: Float64Array;
    rule: Parameters<typeof applyPrimarySuppression>[1];
  }) => {
    const groups = hierarchyGroups(s.tree);
    const primary = applyPrimarySuppression(s.counts, s.rule);
    const r = applySecondarySuppression({ values: s.counts, flags: primary }, groups);
    if (!r.ok) throw new Error(r.error);
    return { groups, primary, flags: r.value.flags, secondaryCount: r.value.secondaryCount };
  };

  it("property: no group ends with exactly one hidden cell", () => {
    fc.assert(
      fc.property(countScenarioArbitrary(60), (s) => {
        const { groups, flags } = run(s);
        expect(findExposedGroups({ values: s.counts, flags }, groups)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("property: every primary-sensitive cell is hidden as primary, and only those", () => {
    fc.assert(
      fc.property(countScenarioArbitrary(60), (s) => {
        const { flags } = run(s);
        s.counts.forEach((count, i) => {
          expect(flags[i] === P).toBe(isPrimarySuppressed(count, s.rule));
          if (isPrimarySuppressed(count, s.rule)) expect(flags[i]).not.toBe(O);
        });
      }),
    );
  });

  it("property: counts are not changed and the secondary count matches the flags", () => {
    fc.assert(
      fc.property(countScenarioArbitrary(60), (s) => {
        const before = [...s.counts];
        const { flags, secondaryCount } = run(s);
        expect([...s.counts]).toEqual(before);
        expect(flags.filter((f) => f === S).length).toBe(secondaryCount);
      }),
    );
  });

  it("property: the result is deterministic", () => {
    fc.assert(
      fc.property(countScenarioArbitrary(60), (s) => {
        expect([...run(s).flags]).toEqual([...run(s).flags]);
      }),
    );
  });

  it("property (brute force): repeated subtraction from the published cells recovers no hidden cell", () => {
    fc.assert(
      fc.property(countScenarioArbitrary(25), (s) => {
        const { groups, flags } = run(s);
        // Even a reader who knows every cell we did not hide, including cells without count.
        const strong = subtractionClosure(
          [...flags].map((f) => f === O),
          groups,
        );
        // And a reader who knows only the published numbers.
        const published = subtractionClosure(
          [...flags].map((f, i) => f === O && Number.isFinite(s.counts[i]!)),
          groups,
        );
        flags.forEach((f, i) => {
          if (f !== O) {
            expect(strong[i]).toBe(false);
            expect(published[i]).toBe(false);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it("property (brute force): in a hierarchy no hidden cell is determined by all equations together", () => {
    fc.assert(
      fc.property(countScenarioArbitrary(15), (s) => {
        const { groups, flags } = run(s);
        expect(linearlyDeterminedCells(flags, groups)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("the linear check does find a determined cell when protection is missing", () => {
    // Without secondary suppression, a1 = A − a2 is determined.
    const groups: SuppressionGroup[] = [{ total: 0, parts: [1, 2] }];
    expect(linearlyDeterminedCells([O, P, O], groups)).toEqual([1]);
  });
});
