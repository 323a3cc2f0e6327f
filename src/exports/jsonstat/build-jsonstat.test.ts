import JSONstat from "jsonstat-toolkit";
import { describe, expect, it } from "vitest";
import { sampleDataset } from "../open-dataset.test-support.ts";
import { buildJsonStat } from "./build-jsonstat.ts";
import { validateJsonStat } from "../../../test/support/validate-jsonstat.ts";

describe("buildJsonStat", () => {
  const built = buildJsonStat(sampleDataset());
  // What a client receives: the document after a trip through JSON text.
  const json: unknown = JSON.parse(JSON.stringify(built));

  it("declares a 2.0 dataset with indicator, area and period in that order", () => {
    expect(built.version).toBe("2.0");
    expect(built.class).toBe("dataset");
    expect(built.id).toEqual(["indicator", "area", "period"]);
    expect(built.size).toEqual([3, 3, 2]);
    expect(built.role).toEqual({ metric: ["indicator"], geo: ["area"], time: ["period"] });
    expect(built.label).toBe("Sozialatlas Flensburg – Stadtteile");
    expect(built.updated).toBe("2024-03-05T23:30:00.000Z");
    expect(built.source).toBe(
      "Einwohnermelderegister der Stadt Flensburg; Statistik der Bundesagentur für Arbeit",
    );
    expect(built.dimension.indicator.category.unit?.["sgb2_quote"]).toEqual({
      label: "%",
      decimals: 1,
    });
    expect(built.dimension.area.label).toBe("Stadtteile");
    expect(built.dimension.area.category.label["02"]).toBe('Jürgensby; "Süd"');
    expect(built.dimension.period.extension).toEqual({
      start: { "2021": "2021-01-01", "2022-12-31": "2022-12-31" },
      end: { "2021": "2021-12-31", "2022-12-31": "2022-12-31" },
    });
    expect(built.extension.attribution).toBe("© Stadt Flensburg, Fachbereich Soziales");
    expect(built.extension.licence).toEqual({
      einwohner: "dl-by-de/2.0",
      sgb2_quote: "dl-by-de/2.0",
    });
    expect(built.note[0]).toContain(". = Zahlenwert unbekannt oder geheim zu halten");
  });

  it("writes a dense row-major value array with null and a sparse status for absent cells", () => {
    // Position = (indicator × 3 + area) × 2 + period.
    expect(built.value).toEqual([
      3739,
      3866,
      4725,
      null,
      null,
      12345,
      12.3,
      12,
      null,
      0,
      null,
      100,
      -1.01,
      2.68,
      null,
      0,
      0,
      null,
    ]);
    // -0.004 rounds to 0, not -0.
    expect(Object.is(built.value[15], 0)).toBe(true);
    expect(built.status).toEqual({
      "3": ".",
      "4": ".",
      "8": ".",
      "10": "x",
      "14": ".",
      "17": ".",
    });
    expect(JSON.stringify(built)).not.toMatch(/small_count|secondary|suppressed|no_data/);
  });

  it("validates against our JSON-stat 2.0 validator without errors or warnings", () => {
    expect(validateJsonStat(json)).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it("is read back by the JSON-stat JavaScript Toolkit with the right numbers", () => {
    const response = JSONstat(json as object);
    expect(response.class).toBe("dataset");
    const ds = response.Dataset(0);
    expect(ds?.id).toEqual(["indicator", "area", "period"]);
    expect(ds?.n).toBe(18);
    const cell = (indicator: string, area: string, period: string) =>
      ds?.Data({ indicator, area, period });
    expect(cell("einwohner", "01", "2021")).toEqual({ value: 3739, status: null });
    expect(cell("einwohner", "03", "2022-12-31")).toEqual({ value: 12345, status: null });
    expect(cell("sgb2_quote", "01", "2021")).toEqual({ value: 12.3, status: null });
    expect(cell("veraenderung", "01", "2022-12-31")).toEqual({ value: 2.68, status: null });
    expect(cell("einwohner", "02", "2022-12-31")).toEqual({ value: null, status: "." });
    expect(cell("sgb2_quote", "03", "2021")).toEqual({ value: null, status: "x" });
    const indicator = ds?.Dimension("indicator");
    expect(indicator?.role).toBe("metric");
    expect(indicator?.Category("sgb2_quote")?.unit).toEqual({ label: "%", decimals: 1 });
    expect(ds?.Dimension("area")?.Category("02")?.label).toBe('Jürgensby; "Süd"');
  });
});
