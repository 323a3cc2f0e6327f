import type { FeatureCollection } from "geojson";
import { describe, expect, it } from "vitest";
import { mapSvgMarkup } from "./map-svg.ts";

const square = (code: string, name: string, x: number, y: number) => ({
  type: "Feature" as const,
  id: code,
  properties: { code, name },
  geometry: {
    type: "Polygon" as const,
    coordinates: [
      [
        [x, y],
        [x + 0.01, y],
        [x + 0.01, y + 0.01],
        [x, y + 0.01],
        [x, y],
      ],
    ],
  },
});

const areas: FeatureCollection = {
  type: "FeatureCollection",
  features: [square("A", "Altstadt", 9.43, 54.78), square("B", "Nord & Süd", 9.44, 54.79)],
};

describe("mapSvgMarkup", () => {
  it("draws each area with its fill, hatches withheld areas and lists the legend", () => {
    const out = mapSvgMarkup(
      areas,
      new Map([["A", "#08519c"]]),
      new Set(["B"]),
      [
        { colour: "#08519c", text: "10,0 bis unter 20,0" },
        { colour: "#ffffff", text: "geheim gehalten", hatched: true },
      ],
      "#d9d9d9",
    );
    const paths = [...out.markup.matchAll(/<path d="([^"]+)" fill="([^"]+)"/g)];
    expect(paths.map((p) => p[2])).toEqual(["#08519c", "#d9d9d9", "url(#withheld)"]);
    expect(out.markup).toContain("<title>Nord &amp; Süd</title>");
    expect(out.markup).toContain(">10,0 bis unter 20,0</text>");
    // North is up: the northern square B lies above (smaller y than) A.
    const firstY = (d: string) => Number(d.split(" ")[1]!.split("L")[0]);
    expect(firstY(paths[1]![1]!)).toBeLessThan(firstY(paths[0]![1]!));
    // Every point lies inside the drawing: x within the map's 640 units, y within its height.
    for (const [, d] of paths) {
      const numbers = d!.match(/-?\d+(\.\d+)?/g)!.map(Number);
      numbers.forEach((n, i) => {
        expect(n).toBeGreaterThanOrEqual(0);
        expect(n).toBeLessThanOrEqual(i % 2 === 0 ? 640 : out.height);
      });
    }
    expect(out.width).toBe(964);
  });
});
