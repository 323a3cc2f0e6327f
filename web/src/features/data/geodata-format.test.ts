import { describe, expect, it } from "vitest";
import { areaTemplate, GEODATA, geodataFormat } from "./import-helpers.ts";

describe("geodata files", () => {
  it.each([
    ["grenzen.geojson", "geojson"],
    ["grenzen.json", "geojson"],
    ["grenzen.topojson", "topojson"],
    ["Stadtteile_Shape.ZIP", "shapefile"],
    ["gebiete.gpkg", "geopackage"],
  ])("%s is geodata in format %s", (name, format) => {
    expect(GEODATA.test(name)).toBe(true);
    expect(geodataFormat(name)).toBe(format);
    expect(JSON.parse(areaTemplate(name))).toMatchObject({ kind: "areas", format });
  });

  it("leaves tables to the table preview", () => {
    expect(GEODATA.test("einwohner.csv")).toBe(false);
    expect(GEODATA.test("einwohner.xlsx")).toBe(false);
  });
});
