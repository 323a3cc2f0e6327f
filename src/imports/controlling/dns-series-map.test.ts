import { describe, expect, it } from "vitest";
import type { YearValue } from "../../core/controlling/weather.ts";
import {
  pickMappedSeries,
  readTargetText,
  unitBaseYear,
  type DnsSeriesTable,
} from "./dns-folder.ts";
import { DNS_SERIES_MAP, describeSeries, type DnsSeriesChoice } from "./dns-series-map.ts";

const years = (from: number, values: number[]): YearValue[] =>
  values.map((value, i) => ({ year: from + i, value }));

const table: DnsSeriesTable = {
  columns: ["time series", "federal state"],
  series: [
    { key: ["net", ""], values: years(2012, [1, 2, 3, 4, 5, 6]), units: ["percentage"] },
    { key: ["grant", ""], values: years(2016, [10, 20, 30, 40]), units: ["percentage"] },
    { key: ["net", "bavaria"], values: years(2012, [7, 7, 7]), units: ["percentage"] },
  ],
};

const choice = (series: DnsSeriesChoice["series"]): DnsSeriesChoice => ({
  file: "x",
  indicator: 1,
  series,
  grounds: "Test",
});

describe("the series map", () => {
  it("names each rated indicator once, with grounds and at least one series part", () => {
    const keys = DNS_SERIES_MAP.map((c) => `${c.file}#${c.indicator}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const c of DNS_SERIES_MAP) {
      expect(c.grounds.trim()).not.toBe("");
      expect(c.series.length).toBeGreaterThan(0);
      for (const t of Object.values(c.targets ?? {})) {
        expect(t.kind === "target" ? t.grounds : t.reason).not.toBe("");
      }
    }
  });

  it("takes the series whose named columns match and whose other columns are empty", () => {
    const r = pickMappedSeries(table, choice([{ where: { "time series": "net" } }]));
    expect("values" in r && r.values.map((v) => v.value)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("joins parts by year where the method changed", () => {
    const r = pickMappedSeries(
      table,
      choice([
        { where: { "time series": "net" }, toYear: 2017 },
        { where: { "time series": "grant" }, fromYear: 2018 },
      ]),
    );
    expect("values" in r && r.values).toEqual([
      ...years(2012, [1, 2, 3, 4, 5, 6]),
      { year: 2018, value: 30 },
      { year: 2019, value: 40 },
    ]);
    expect(
      describeSeries(
        choice([
          { where: { "time series": "net" }, toYear: 2017 },
          { where: { "time series": "grant" }, fromYear: 2018 },
        ]),
      ),
    ).toBe("time series = net bis 2017; time series = grant ab 2018");
  });

  it("says so when a named column or series is missing, instead of guessing", () => {
    expect(pickMappedSeries(table, choice([{ where: { Series: "net" } }]))).toEqual({
      reason: "Zuordnung der Zeitreihe: Spalte „Series“ fehlt in der CSV.",
    });
    expect(pickMappedSeries(table, choice([{ where: { "time series": "gross" } }]))).toEqual({
      reason: "Zuordnung der Zeitreihe: keine Reihe time series = gross in der CSV.",
    });
  });
});

describe("reading a target sentence", () => {
  const values = years(2015, [50, 51, 52, 53, 54, 55]);

  it("takes the direction of a value target from the verb, not from the latest value", () => {
    expect(readTargetText("Steigerung des Anteils auf 42 % bis 2020", 2020, values, 55)).toEqual({
      target: { kind: "value_by_year", direction: "up", value: 42, targetYear: 2020 },
    });
    expect(
      readTargetText("Rückgang der Straftaten auf unter 6 500 bis 2030", 2030, values, 6000),
    ).toEqual({
      target: { kind: "value_by_year", direction: "down", value: 6500, targetYear: 2030 },
    });
  });

  it("does not read „Unternehmen“ as „unter“", () => {
    expect(
      readTargetText("30 % Frauen in Aufsichtsräten der Unternehmen bis 2030", 2030, values, 20),
    ).toEqual({
      target: { kind: "value_by_year", direction: "up", value: 30, targetYear: 2030 },
    });
  });

  it("takes the base year of a relative target from an index unit when the sentence has none", () => {
    expect(unitBaseYear(["1990 = 100"])).toBe(1990);
    expect(unitBaseYear(["percentage"])).toBeUndefined();
    expect(unitBaseYear(["1990 = 100", "2005 = 100"])).toBeUndefined();
    const index = [{ year: 1990, value: 100 }, ...years(2015, [70, 68, 66, 64, 62, 60])];
    expect(readTargetText("Minderung um mindestens 40 % bis 2020", 2020, index, 60, 1990)).toEqual({
      target: { kind: "value_by_year", direction: "down", value: 60, targetYear: 2020 },
      note: "Basisjahr 1990 aus der Einheit der Reihe („1990 = 100“)",
    });
    expect(readTargetText("Minderung um mindestens 40 % bis 2020", 2020, index, 60)).toEqual({
      reason: "Relatives Ziel („um … %“) ohne Basisjahr im Zielsatz.",
    });
  });
});
