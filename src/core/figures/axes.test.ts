import { describe, expect, it } from "vitest";
import {
  axisTitle,
  countText,
  linear,
  listText,
  markerGeometry,
  markerSvg,
  svgDocument,
  tickDecimals,
} from "./axes.ts";
import { SERIES_SHAPES } from "./chart-colours.ts";
import { xmlProblems } from "./xml-check.ts";

describe("scales and ticks", () => {
  it("maps a domain onto a range, also reversed", () => {
    const y = linear([0, 25], [250, 0]);
    expect(y(0)).toBe(250);
    expect(y(25)).toBe(0);
    expect(y(10)).toBe(150);
  });

  it("gives ticks the decimals that tell them apart", () => {
    expect(tickDecimals([0, 5, 10])).toBe(0);
    expect(tickDecimals([0, 0.5, 1])).toBe(1);
    expect(tickDecimals([0, 0.25, 0.5])).toBe(2);
  });
});

describe("markers", () => {
  it("draw every shape around its centre; only the cross is stroked", () => {
    for (const shape of SERIES_SHAPES) {
      const g = markerGeometry(shape, 100, 50, 4);
      if (g.element === "circle") expect([g.cx, g.cy]).toEqual([100, 50]);
      if (g.element === "rect") expect([g.x + g.width / 2, g.y + g.height / 2]).toEqual([100, 50]);
      if (g.element === "path") expect(g.stroked).toBe(shape === "cross");
      const svg = markerSvg(shape, 100, 50, "#0072b2", 4, "Nord & Süd, 2021");
      expect(xmlProblems(svg)).toEqual([]);
      expect(svg).toContain("<title>Nord &amp; Süd, 2021</title>");
    }
  });
});

describe("German texts", () => {
  it("name the unit in the axis title", () => {
    expect(axisTitle("SGB-II-Quote", "%")).toBe("SGB-II-Quote in %");
    expect(axisTitle("Geburten", "je 1.000 Einwohnerinnen")).toBe(
      "Geburten je 1.000 Einwohnerinnen",
    );
    expect(axisTitle("Einwohner", "")).toBe("Einwohner");
  });

  it("count and list", () => {
    expect(countText(1, "Gebiet", "Gebiete")).toBe("1 Gebiet");
    expect(countText(3, "Gebiet", "Gebiete")).toBe("3 Gebiete");
    expect(listText(["A"])).toBe("A");
    expect(listText(["A", "B", "C"])).toBe("A, B und C");
  });
});

describe("svgDocument", () => {
  it("is a standalone, well-formed SVG with size, viewBox, title, description and fonts", () => {
    const svg = svgDocument({
      width: 640,
      height: 300,
      title: "Quote <18 & älter",
      alt: 'Karte: "A"',
      body: '<rect width="1" height="1"/>',
    });
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="640" height="300" viewBox="0 0 640 300"/,
    );
    expect(svg).toContain(`font-family="'Source Sans 3', 'DejaVu Sans', sans-serif"`);
    expect(svg).toContain("<title>Quote &lt;18 &amp; älter</title>");
    expect(svg).toContain("<desc>Karte: &quot;A&quot;</desc>");
  });
});
