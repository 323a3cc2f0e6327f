import type { MultiPolygon, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { sampleDataset } from "../open-dataset.test-support.ts";
import { buildGeoJson, type AreaGeometry } from "./build-geojson.ts";

const square = (x: number, y: number): Polygon => ({
  type: "Polygon",
  coordinates: [
    [
      [x, y],
      [x + 0.01, y],
      [x + 0.01, y + 0.01],
      [x, y + 0.01],
      [x, y],
    ],
  ],
});

const twoIslands: MultiPolygon = {
  type: "MultiPolygon",
  coordinates: [square(9.4, 54.78).coordinates, square(9.43, 54.79).coordinates],
};

// Area 03 has no geometry; "99" is not in the dataset.
const geometries = new Map<string, AreaGeometry>([
  ["01", square(9.43, 54.78)],
  ["02", twoIslands],
  ["99", square(0, 0)],
]);

describe("buildGeoJson", () => {
  const collection = buildGeoJson(sampleDataset(), geometries, "2021");
  const parsed = JSON.parse(JSON.stringify(collection)) as typeof collection;

  it("is a FeatureCollection of the level's areas with their geometry", () => {
    expect(parsed.type).toBe("FeatureCollection");
    expect(parsed.features.map((f) => f.id)).toEqual(["01", "02", "03"]);
    expect(parsed.features.map((f) => f.type)).toEqual(["Feature", "Feature", "Feature"]);
    expect(parsed.features[0]?.geometry).toEqual(square(9.43, 54.78));
    expect(parsed.features[1]?.geometry).toEqual(twoIslands);
    expect(parsed.features[2]?.geometry).toBeNull();
  });

  it("carries title, period, attribution, licence and the indicators as foreign members", () => {
    expect(parsed.title).toBe("Sozialatlas Flensburg – Stadtteile");
    expect(parsed.period).toEqual({ code: "2021", start: "2021-01-01", end: "2021-12-31" });
    expect(parsed.attribution).toBe("© Stadt Flensburg, Fachbereich Soziales");
    expect(parsed.licence).toBe("dl-by-de/2.0");
    expect(parsed.indicators.map((i) => [i.code, i.unit, i.decimals])).toEqual([
      ["einwohner", "Personen", 0],
      ["sgb2_quote", "%", 1],
      ["veraenderung", "Prozentpunkte", 2],
    ]);
  });

  it("gives rounded values, and null with a sign only where a value is absent", () => {
    expect(parsed.features.map((f) => f.properties)).toEqual([
      { code: "01", name: "Altstadt", einwohner: 3739, sgb2_quote: 12.3, veraenderung: -1.01 },
      {
        code: "02",
        name: 'Jürgensby; "Süd"',
        einwohner: 4725,
        sgb2_quote: null,
        sgb2_quote_zeichen: ".",
        veraenderung: null,
        veraenderung_zeichen: ".",
      },
      {
        code: "03",
        name: '=HYPERLINK("http://böse.example")',
        einwohner: null,
        einwohner_zeichen: ".",
        sgb2_quote: null,
        sgb2_quote_zeichen: "x",
        veraenderung: 0,
      },
    ]);
    expect(JSON.stringify(collection)).not.toMatch(/small_count|secondary|suppressed/);
  });

  it("uses the requested period", () => {
    const later = buildGeoJson(sampleDataset(), geometries, "2022-12-31");
    expect(later.period.code).toBe("2022-12-31");
    expect(later.features[1]?.properties).toMatchObject({
      einwohner: null,
      einwohner_zeichen: ".",
      sgb2_quote: 0,
    });
    expect(later.features[2]?.properties).toMatchObject({ einwohner: 12345, sgb2_quote: 100 });
  });

  it("refuses an unknown period and colliding property names", () => {
    expect(() => buildGeoJson(sampleDataset(), geometries, "2030")).toThrow(RangeError);
    const ds = sampleDataset();
    const clash = {
      ...ds,
      indicators: ds.indicators.map((i, k) => (k === 0 ? { ...i, code: "name" } : i)),
    };
    expect(() => buildGeoJson(clash, geometries, "2021")).toThrow(/name/);
    const suffix = {
      ...ds,
      indicators: ds.indicators.map((i, k) => (k === 1 ? { ...i, code: "einwohner_zeichen" } : i)),
    };
    expect(() => buildGeoJson(suffix, geometries, "2021")).toThrow(RangeError);
  });
});
