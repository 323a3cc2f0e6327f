import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildAreaTree, findAreaIndex, isLeaf, leavesUnder, type AreaTree } from "./area-tree.ts";
import { areaListArbitrary } from "./tree-arbitrary.test-support.ts";

const city = [
  { code: "city", parentCode: null, level: 0 },
  { code: "north", parentCode: "city", level: 1 },
  { code: "south", parentCode: "city", level: 1 },
  { code: "n1", parentCode: "north", level: 2 },
  { code: "n2", parentCode: "north", level: 2 },
  { code: "s1", parentCode: "south", level: 2 },
];

function build(areas: Parameters<typeof buildAreaTree>[0]): AreaTree {
  const r = buildAreaTree(areas);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe("buildAreaTree", () => {
  it("indexes areas densely in input order with parents, children, levels and roots", () => {
    const t = build(city);
    expect(t.size).toBe(6);
    expect(t.codes).toEqual(["city", "north", "south", "n1", "n2", "s1"]);
    expect([...t.parent]).toEqual([-1, 0, 0, 1, 1, 2]);
    expect(t.children).toEqual([[1, 2], [3, 4], [5], [], [], []]);
    expect(t.roots).toEqual([0]);
    expect(t.levelValues).toEqual([0, 1, 2]);
    expect(t.indicesByLevel.get(1)).toEqual([1, 2]);
    expect(t.indicesByLevel.get(2)).toEqual([3, 4, 5]);
    expect([...t.bottomUp]).toEqual([3, 4, 1, 5, 2, 0]);
    expect([...t.childOffsets]).toEqual([0, 2, 4, 5, 5, 5, 5]);
    expect([...t.childIndices]).toEqual([1, 2, 3, 4, 5]);
  });

  it("looks areas up by code and answers leaf questions", () => {
    const t = build(city);
    expect(findAreaIndex(t, "south")).toBe(2);
    expect(findAreaIndex(t, "nowhere")).toBeNull();
    expect(isLeaf(t, 3)).toBe(true);
    expect(isLeaf(t, 1)).toBe(false);
    expect(isLeaf(t, 99)).toBe(false);
    expect(leavesUnder(t, 0)).toEqual([3, 4, 5]);
    expect(leavesUnder(t, 5)).toEqual([5]);
    expect(leavesUnder(t, -1)).toEqual([]);
  });

  it("accepts an empty list, a forest, level gaps and children listed before parents", () => {
    expect(build([]).size).toBe(0);
    const t = build([
      { code: "b1", parentCode: "b", level: 3 },
      { code: "a", parentCode: null, level: 0 },
      { code: "b", parentCode: null, level: 1 },
    ]);
    expect(t.roots).toEqual([1, 2]);
    expect([...t.bottomUp]).toEqual([1, 0, 2]);
  });

  it.each([
    [
      "duplicate code",
      [
        { code: "a", parentCode: null, level: 0 },
        { code: "a", parentCode: null, level: 0 },
      ],
      "„a“ kommt mehrfach vor",
    ],
    ["empty code", [{ code: " ", parentCode: null, level: 0 }], "hat keinen Code"],
    ["non-integer level", [{ code: "a", parentCode: null, level: 0.5 }], "keine ganzzahlige Ebene"],
    ["unknown parent", [{ code: "a", parentCode: "x", level: 1 }], "unbekanntes Obergebiet „x“"],
    [
      "cycle",
      [
        { code: "root", parentCode: null, level: 0 },
        { code: "a", parentCode: "b", level: 1 },
        { code: "b", parentCode: "a", level: 2 },
      ],
      "Kreis; betroffen sind die Gebiete „a“, „b“",
    ],
    ["self-parent", [{ code: "a", parentCode: "a", level: 0 }], "Kreis"],
    [
      "level not deeper",
      [
        { code: "a", parentCode: null, level: 1 },
        { code: "b", parentCode: "a", level: 1 },
      ],
      "„b“ (Ebene 1) liegt nicht unter seinem Obergebiet „a“ (Ebene 1)",
    ],
  ])("rejects a %s with a German message", (_name, areas, message) => {
    const r = buildAreaTree(areas);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });

  it("lists several problems at once and counts those beyond ten", () => {
    const areas = Array.from({ length: 12 }, (_, i) => ({
      code: `a${i}`,
      parentCode: `missing${i}`,
      level: 1,
    }));
    const r = buildAreaTree(areas);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.split("\n")).toHaveLength(11);
      expect(r.error).toContain("und 2 weitere Fehler");
    }
  });

  it("property: bottom-up order is a permutation with every child before its parent", () => {
    fc.assert(
      fc.property(areaListArbitrary({ maxAreas: 60, allowForest: true }), (areas) => {
        const t = build(areas);
        const position = new Int32Array(t.size);
        t.bottomUp.forEach((area, pos) => {
          position[area] = pos;
        });
        expect(new Set(t.bottomUp).size).toBe(t.size);
        for (let i = 0; i < t.size; i++) {
          const p = t.parent[i]!;
          if (p >= 0) {
            expect(position[i]!).toBeLessThan(position[p]!);
            expect(t.children[p]).toContain(i);
            expect(t.levels[i]!).toBeGreaterThan(t.levels[p]!);
          } else {
            expect(t.roots).toContain(i);
          }
        }
        const byLevelCount = [...t.indicesByLevel.values()].reduce((s, l) => s + l.length, 0);
        expect(byLevelCount).toBe(t.size);
      }),
    );
  });

  it("property: the leaves under the roots are exactly the leaves of the tree", () => {
    fc.assert(
      fc.property(areaListArbitrary({ maxAreas: 60, allowForest: true }), (areas) => {
        const t = build(areas);
        const fromRoots = t.roots.flatMap((r) => leavesUnder(t, r)).sort((a, b) => a - b);
        const leaves = [...Array(t.size).keys()].filter((i) => isLeaf(t, i));
        expect(fromRoots).toEqual(leaves);
      }),
    );
  });
});
