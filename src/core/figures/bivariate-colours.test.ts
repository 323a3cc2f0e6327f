import { describe, expect, it } from "vitest";
import { contrastRatio, relativeLuminance } from "../classify/contrast.ts";
import {
  AREA_OUTLINE,
  EXCLUDED_FILL,
  MSS_MATRIX,
  TYPE_COLOURS,
  areaFill,
  areaFills,
  deltaE,
  fromLab,
  groupCode,
  legendCells,
  matrixPalette,
  toLab,
  type ClassedArea,
} from "./bivariate-colours.ts";

/** The hue angle in CIELCh (0° red, 90° yellow, 180° green-cyan, 270° blue) and the chroma. */
function hueAndChroma(hex: string): { hue: number; chroma: number } {
  const [, a, b] = toLab(hex);
  return { hue: ((Math.atan2(b, a) * 180) / Math.PI + 360) % 360, chroma: Math.hypot(a, b) };
}

const area = (code: string, s: number | null, d: number | null): ClassedArea => ({
  code,
  status: s === null ? null : { classNumber: s },
  dynamics: d === null ? null : { classNumber: d },
});

describe("the status × dynamics palette", () => {
  it("is pinned for the MSS matrix of 4 status × 3 dynamics classes", () => {
    expect(MSS_MATRIX).toEqual([
      ["#eceff3", "#9ccacb", "#3ea5a5"],
      ["#d4c6e4", "#94abc5", "#4d90a6"],
      ["#bc9ed5", "#8a8dbe", "#547ba7"],
      ["#a276c6", "#7e6eb7", "#5866a8"],
    ]);
  });

  const sizes = [
    [4, 3],
    [2, 2],
    [3, 3],
    [5, 3],
    [6, 5],
    [4, 1],
  ] as const;

  it("keeps every fill 3:1 against the area outline, and black or white text 4.5:1 on it", () => {
    for (const [s, d] of sizes) {
      for (const fill of matrixPalette(s, d).flat()) {
        expect(contrastRatio(fill, AREA_OUTLINE), `${s}×${d} ${fill}`).toBeGreaterThanOrEqual(3);
      }
    }
    for (const row of legendCells([], "groups", 4, 3)) {
      for (const c of row) expect(contrastRatio(c.fill, c.text)).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrastRatio(EXCLUDED_FILL, AREA_OUTLINE)).toBeGreaterThanOrEqual(3);
  });

  it("uses no red and no green: teal, blue and purple hues or near-neutral greys", () => {
    for (const fill of matrixPalette(6, 5).flat()) {
      const { hue, chroma } = hueAndChroma(fill);
      if (chroma < 8) continue; // a grey
      expect(hue, fill).toBeGreaterThanOrEqual(185);
      expect(hue, fill).toBeLessThanOrEqual(330);
    }
  });

  it("grows darker with every class that calls for more attention, on both axes", () => {
    for (const [s, d] of sizes) {
      const grid = matrixPalette(s, d);
      for (let i = 0; i < s; i++) {
        for (let j = 0; j < d; j++) {
          const here = relativeLuminance(grid[i]![j]!);
          if (i > 0) expect(here).toBeLessThan(relativeLuminance(grid[i - 1]![j]!));
          if (j > 0) expect(here).toBeLessThan(relativeLuminance(grid[i]![j - 1]!));
        }
      }
    }
  });

  it("keeps the 12 cells of the MSS matrix and the excluded grey apart (ΔE ≥ 10)", () => {
    const all = [...MSS_MATRIX.flat(), EXCLUDED_FILL];
    for (let a = 0; a < all.length; a++) {
      for (let b = a + 1; b < all.length; b++) {
        expect(deltaE(all[a]!, all[b]!), `${all[a]} ${all[b]}`).toBeGreaterThanOrEqual(10);
      }
    }
  });

  it("converts to CIELAB and back", () => {
    for (const hex of ["#000000", "#ffffff", "#3ea5a5", "#a276c6", "#1a1a1a"]) {
      expect(fromLab(toLab(hex))).toBe(hex);
    }
    expect(() => toLab("red")).toThrow(RangeError);
  });
});

describe("area fills", () => {
  const areas = [
    area("A", 1, 1),
    area("B", 2, 2),
    area("C", 4, 3),
    area("D", 2, 3),
    area("X", null, null),
  ];

  it("colours each area by its matrix cell, one dimension by the matrix's edge", () => {
    const groups = areaFills(areas, "groups", 4, 3);
    expect(groups.get("A")).toBe(MSS_MATRIX[0]![0]);
    expect(groups.get("B")).toBe(MSS_MATRIX[1]![1]);
    expect(groups.get("C")).toBe(MSS_MATRIX[3]![2]);
    expect(groups.get("X")).toBe(EXCLUDED_FILL);
    expect(areaFill(areas[3]!, "status", 4, 3)).toBe(MSS_MATRIX[1]![0]);
    expect(areaFill(areas[3]!, "dynamics", 4, 3)).toBe(MSS_MATRIX[0]![2]);
    expect(areaFill(areas[4]!, "dynamics", 4, 3)).toBe(EXCLUDED_FILL);
  });

  it("colours an index without dynamics by its status classes", () => {
    expect(areaFill(area("S", 3, null), "groups", 4, 3)).toBe(MSS_MATRIX[2]![0]);
  });
});

describe("the legend", () => {
  const areas = [
    area("A", 1, 1),
    area("B", 2, 2),
    area("C", 2, 2),
    area("D", 4, 3),
    area("X", null, null),
  ];

  it("is a grid of status rows × dynamics columns, each cell with its group and count", () => {
    const grid = legendCells(areas, "groups", 4, 3);
    expect(grid).toHaveLength(4);
    expect(grid.every((row) => row.length === 3)).toBe(true);
    expect(grid.flat().map((c) => c.group)).toEqual([
      "1+",
      "1+/-",
      "1-",
      "2+",
      "2+/-",
      "2-",
      "3+",
      "3+/-",
      "3-",
      "4+",
      "4+/-",
      "4-",
    ]);
    expect(grid[1]![1]!.count).toBe(2);
    // The cells count the included areas, the excluded one is not among them.
    expect(grid.flat().reduce((n, c) => n + c.count, 0)).toBe(4);
    expect(grid[3]![2]!.fill).toBe(MSS_MATRIX[3]![2]);
  });

  it("has one column of status classes, or one row of dynamics classes, for one dimension", () => {
    const status = legendCells(areas, "status", 4, 3);
    expect(status.map((row) => row.map((c) => c.count))).toEqual([[1], [2], [0], [1]]);
    const dynamics = legendCells(areas, "dynamics", 4, 3);
    expect(dynamics).toHaveLength(1);
    expect(dynamics[0]!.map((c) => c.count)).toEqual([1, 2, 1]);
    expect(dynamics[0]!.map((c) => c.fill)).toEqual(MSS_MATRIX[0]);
  });

  it("falls back to the status classes for an index without dynamics", () => {
    const grid = legendCells([area("A", 1, null), area("B", 3, null)], "groups", 4, 3);
    expect(grid.map((row) => row.length)).toEqual([1, 1, 1, 1]);
    expect(grid.map((row) => row[0]!.count)).toEqual([1, 0, 1, 0]);
  });

  it("names groups as the core does", () => {
    expect(groupCode(1, 2, 3)).toBe("2-");
    expect(groupCode(0, 1, 3)).toBe("1+/-");
    expect(groupCode(2, 0, 4)).toBe("3.1");
    expect(groupCode(3, null, 3)).toBe("4");
  });
});

describe("type colours", () => {
  it("keep 3:1 against the area outline and differ from the excluded grey", () => {
    for (const c of TYPE_COLOURS) {
      expect(contrastRatio(c, AREA_OUTLINE), c).toBeGreaterThanOrEqual(3);
      expect(deltaE(c, EXCLUDED_FILL), c).toBeGreaterThanOrEqual(10);
    }
    expect(new Set(TYPE_COLOURS).size).toBe(TYPE_COLOURS.length);
  });
});
