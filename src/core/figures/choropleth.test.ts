import type { Feature } from "geojson";
import { describe, expect, it } from "vitest";
import { NO_DATA_STYLE, WITHHELD_STYLE } from "../classify/palette.ts";
import { choroplethSvg, type ChoroplethInput } from "./choropleth.ts";
import { xmlProblems } from "./xml-check.ts";

/** A square area of 0.01° at (lon, lat). */
const square = (code: string, name: string, lon: number, lat: number): Feature => ({
  type: "Feature",
  properties: { code, name },
  geometry: {
    type: "Polygon",
    coordinates: [
      [
        [lon, lat],
        [lon + 0.01, lat],
        [lon + 0.01, lat + 0.01],
        [lon, lat + 0.01],
        [lon, lat],
      ],
    ],
  },
});

const names = [
  "Altstadt",
  "Neustadt",
  "Nordstadt",
  'Nord & <Süd> "Mitte"',
  "Mürwik",
  "Weiche",
  "Tarup",
  "Sandberg",
];
const areas = names.map((n, i) =>
  square(`S${i + 1}`, n, 9.4 + (i % 4) * 0.01, 54.78 + Math.floor(i / 4) * 0.01),
);
const base: ChoroplethInput = {
  areas,
  values: { S1: 12.4, S2: 21.9, S3: 15.2, S4: 3.2, S5: 8.1, S6: 6.4, S7: null, S8: 9.0 },
  withheld: ["S8"],
  indicator: { label: "SGB-II-Quote", unit: "%", decimals: 1, polarity: "lower_is_better" },
  period: "2021",
  level: "Stadtteil",
};

const paths = (svg: string) => [
  ...svg.matchAll(/<path d="[^"]+" fill="([^"]+)"[^>]*>(?:<title>([^<]*)<\/title>)?/g),
];

describe("choroplethSvg", () => {
  it("is a well-formed standalone SVG with title, size and one path per area", () => {
    const fig = choroplethSvg(base);
    expect(xmlProblems(fig.svg)).toEqual([]);
    expect(fig.svg).toMatch(
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="640" height="\d+" viewBox="0 0 640 \d+"/,
    );
    expect(fig.width).toBe(640);
    expect(fig.svg).toContain(`height="${fig.height}"`);
    expect(fig.svg).toContain("<title>SGB-II-Quote 2021 nach Stadtteil</title>");
    const areaPaths = paths(fig.svg).filter((p) => p[2] !== undefined);
    expect(areaPaths).toHaveLength(8);
  });

  it("colours classes by polarity, hatches withheld and greys missing areas", () => {
    const fig = choroplethSvg(base);
    const fillOf = new Map(
      paths(fig.svg)
        .filter((p) => p[2] !== undefined)
        .map((p) => [p[2]!, p[1]!]),
    );
    // lower_is_better: the highest values are bad and get the darkest orange.
    expect(fillOf.get("Neustadt")).toBe("#a63603");
    expect(fillOf.get("Nord &amp; &lt;Süd&gt; &quot;Mitte&quot;")).toBe("#feedde");
    expect(fillOf.get("Tarup")).toBe(NO_DATA_STYLE.fill);
    expect(fillOf.get("Sandberg")).toBe(WITHHELD_STYLE.fill);
    // Exactly one hatch over the one withheld area.
    expect(fig.svg.match(/<path d="[^"]+" fill="url\(#map-withheld\)"/g)).toHaveLength(1);
  });

  it("lists the classes in German with counts, then withheld and missing", () => {
    const fig = choroplethSvg(base);
    const legend = [
      ...fig.svg.matchAll(/<text x="\d+" y="\d+" font-size="13" fill="#1a1a1a">([^<]+)<\/text>/g),
    ].map((m) => m[1]);
    expect(legend).toEqual([
      "3,2 bis 6,4 (2 Gebiete)",
      "über 6,4 bis 8,1 (1 Gebiet)",
      "über 8,1 bis 12,4 (1 Gebiet)",
      "über 12,4 bis 15,2 (1 Gebiet)",
      "über 15,2 bis 21,9 (1 Gebiet)",
      "Geheim gehalten (1 Gebiet)",
      "Keine Daten (1 Gebiet)",
    ]);
    expect(fig.svg).toContain(">SGB-II-Quote in %</text>");
  });

  it("describes the map in one German sentence", () => {
    expect(choroplethSvg(base).alt).toBe(
      "Karte: SGB-II-Quote 2021 nach Stadtteil in 5 Klassen von 3,2 % bis 21,9 %; höchster Wert Neustadt; 1 Gebiet geheim gehalten, 1 Gebiet ohne Daten.",
    );
  });

  it("outlines a highlighted area, names it in the legend and the description", () => {
    const fig = choroplethSvg({ ...base, highlight: { code: "S5", name: "Mürwik" } });
    expect(xmlProblems(fig.svg)).toEqual([]);
    const outlines = [...fig.svg.matchAll(/<path d="([^"]+)" fill="none" stroke="#1a1a1a"/g)];
    expect(outlines).toHaveLength(1);
    // The outline is the area's own path, drawn over all the others.
    const own = paths(fig.svg).find((p) => p[2] === "Mürwik")![0];
    expect(own).toContain(`d="${outlines[0]![1]}"`);
    expect(fig.svg.indexOf(outlines[0]![0])).toBeGreaterThan(fig.svg.indexOf(own));
    expect(fig.svg).toMatch(/stroke="#1a1a1a" stroke-width="3"\/><text[^>]*>Mürwik<\/text>/);
    expect(fig.alt).toContain("; Mürwik hervorgehoben, 1 Gebiet geheim gehalten");
    // An area that is not on the map is not named.
    expect(choroplethSvg({ ...base, highlight: { code: "X", name: "X" } }).alt).toBe(
      choroplethSvg(base).alt,
    );
  });

  it("never classifies a withheld value, even when the number was passed along", () => {
    const fig = choroplethSvg({ ...base, values: { ...base.values, S8: 99 }, withheld: ["S8"] });
    expect(fig.alt).toContain("bis 21,9 %");
    expect(fig.svg).not.toContain("99");
  });

  it("takes a Map of values, other methods and classes, and a unique pattern id", () => {
    const fig = choroplethSvg({
      ...base,
      values: new Map(Object.entries(base.values as Record<string, number | null>)),
      classification: { method: { kind: "equal_interval" }, classes: 3 },
      id: "f 7",
    });
    expect(fig.alt).toContain("in 3 Klassen");
    expect(fig.svg).toContain('<pattern id="f_7-withheld"');
  });

  it("draws every area grey when there is no value, and says so", () => {
    const fig = choroplethSvg({ ...base, values: {}, withheld: [] });
    expect(xmlProblems(fig.svg)).toEqual([]);
    expect(fig.alt).toBe(
      "Karte: SGB-II-Quote 2021 nach Stadtteil: keine Werte (8 Gebiete ohne Daten).",
    );
    const fills = paths(fig.svg)
      .filter((p) => p[2] !== undefined)
      .map((p) => p[1]);
    expect(new Set(fills)).toEqual(new Set([NO_DATA_STYLE.fill]));
  });

  it("names ties for the highest value and a single class", () => {
    const tie = choroplethSvg({ ...base, values: { ...base.values, S1: 21.9 } });
    expect(tie.alt).toContain("höchster Wert Altstadt und Neustadt");
    const flat = choroplethSvg({ ...base, values: { S1: 5, S2: 5 }, withheld: [] });
    expect(flat.alt).toContain("in 1 Klasse, alle Werte 5,0 %");
  });

  it("refuses an impossible classification", () => {
    expect(() => choroplethSvg({ ...base, classification: { classes: 13 } })).toThrow(RangeError);
  });
});
