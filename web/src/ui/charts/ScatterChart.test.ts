import { describe, expect, it } from "vitest";
import { pointsToName, type ScatterPoint } from "./ScatterChart.tsx";

const point = (code: string, x: number, y: number): ScatterPoint => ({ code, name: code, x, y });

describe("pointsToName", () => {
  it("names every point of a small chart, chosen first, then the most outlying", () => {
    const points = [point("a", 0, 0), point("b", 1, 1), point("far", 10, 10), point("c", 0, 1)];
    expect(pointsToName(points, new Set(["c"])).map((p) => p.code)).toEqual(["c", "far", "a", "b"]);
  });

  it("names only the chosen and the most outlying of a large chart", () => {
    const points = Array.from({ length: 100 }, (_, i) =>
      point(`p${i}`, i % 10, Math.floor(i / 10)),
    );
    points.push(point("outlier", 50, 50));
    const named = pointsToName(points, new Set(["p55"])).map((p) => p.code);
    expect(named).toHaveLength(9);
    expect(named.slice(0, 2)).toEqual(["p55", "outlier"]);
  });
});
