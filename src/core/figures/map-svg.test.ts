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

describe("mapSvgMarkup with a report layout", () => {
  it("sizes map and legend as asked, heads the legend and names its own pattern", () => {
    const out = mapSvgMarkup(
      areas,
      new Map([["A", "#08519c"]]),
      new Set(["B"]),
      [{ colour: "#f0f0f0", text: "Geheim gehalten (1 Gebiet)", hatched: true }],
      "#bdbdbd",
      "#808080",
      {
        mapWidth: 400,
        legendGap: 20,
        legendWidth: 200,
        fontSize: 13,
        legendTitle: "SGB-II-Quote <in %>",
        patternId: "f1-withheld",
      },
    );
    expect(out.width).toBe(620);
    expect(out.markup).toContain('<pattern id="f1-withheld"');
    expect(out.markup).toContain('fill="url(#f1-withheld)"');
    expect(out.markup).not.toContain("url(#withheld)");
    expect(out.markup).toContain('stroke="#808080"');
    expect(out.markup).toContain(
      'font-weight="bold" fill="#1a1a1a">SGB-II-Quote &lt;in %&gt;</text>',
    );
    // The legend row starts below its heading.
    const swatchY = Number(/<rect x="420" y="(\d+)"/.exec(out.markup)![1]);
    expect(swatchY).toBeGreaterThan(13);
    // Every x lies within the narrower map.
    for (const d of out.markup.match(/M[^"]+/g)!) {
      d.match(/-?\d+(\.\d+)?/g)!.forEach((n, i) => {
        if (i % 2 === 0) expect(Number(n)).toBeLessThanOrEqual(400);
      });
    }
  });
});
