import { describe, expect, it } from "vitest";
import type { IndexRun, RunArea } from "./social-index-api.ts";
import { exclusionText, resultColumns, sortAreas, type ResultTexts } from "./run-table.ts";

const texts: ResultTexts = {
  area: "Gebiet",
  code: "Gebietsschlüssel",
  population: "Einwohner",
  statusIndex: "Statusindex",
  statusClass: "Statusklasse",
  dynamicsIndex: "Dynamikindex",
  dynamicsClass: "Dynamikklasse",
  group: "Gruppe",
  exclusion: "Ausgeschlossen",
  reasons: {
    manual: "von Hand",
    population_below_minimum: "zu wenige Einwohner",
    missing_value: "fehlende Werte",
  },
};

const dimension = (index: number, classNumber: number, classLabel: string) => ({
  z: {},
  sum: index,
  index,
  classKey: classLabel,
  classLabel,
  classNumber,
});

const areas: RunArea[] = [
  {
    code: "A",
    name: "Altstadt",
    population: 3866,
    values: { sgb2_rate: 13.75, sgb2_change: -1.36, share_65_plus: null },
    exclusion: null,
    status: dimension(0.31, 2, "mittel"),
    dynamics: dimension(-1.89, 1, "positiv"),
    group: "2+",
  },
  {
    code: "B",
    name: "Bahnhof",
    population: 120,
    values: { sgb2_rate: 20, sgb2_change: 1, share_65_plus: 3 },
    exclusion: { reason: "population_below_minimum", detail: "EW unter 300" },
    status: null,
    dynamics: null,
    group: null,
  },
  {
    code: "N",
    name: "Neustadt",
    population: 4850,
    values: { sgb2_rate: 24.9, sgb2_change: 0.44, share_65_plus: 5.5 },
    exclusion: null,
    status: dimension(2.22, 4, "sehr niedrig"),
    dynamics: dimension(0.8, 2, "stabil"),
    group: "4+/-",
  },
];

const run = {
  index: {
    definition: {
      dynamics: [{ code: "sgb2_change", of: "sgb2_rate" }],
    },
  },
  method: {
    indicators: [
      { code: "sgb2_rate", label: "SGB-II-Quote" },
      { code: "sgb2_change", label: "Veränderung der SGB-II-Quote" },
      { code: "share_65_plus", label: "share_65_plus" },
    ],
  },
} as unknown as Pick<IndexRun, "method" | "index">;

describe("the result table of a run", () => {
  const columns = resultColumns(
    run,
    texts,
    (code) => (code === "sgb2_rate" ? 1 : 2),
    (code) => (code === "share_65_plus" ? "Anteil Älterer" : undefined),
  );

  it("has the index columns, then every indicator with its label and code", () => {
    expect(columns.map((c) => c.label)).toEqual([
      "Gebiet",
      "Gebietsschlüssel",
      "Einwohner",
      "Statusindex",
      "Statusklasse",
      "Dynamikindex",
      "Dynamikklasse",
      "Gruppe",
      "Ausgeschlossen",
      "SGB-II-Quote (sgb2_rate)",
      "Veränderung der SGB-II-Quote (sgb2_change)",
      "Anteil Älterer (share_65_plus)",
    ]);
    // A change has the decimals of the indicator it is the change of.
    expect(columns.map((c) => c.decimals)).toEqual([
      undefined,
      undefined,
      0,
      2,
      undefined,
      2,
      undefined,
      undefined,
      undefined,
      1,
      1,
      2,
    ]);
  });

  it("keeps excluded areas with their reason, and a missing value as a dash", () => {
    const row = (a: RunArea) => columns.map((c) => c.cell(a));
    expect(row(areas[1]!)).toEqual([
      "Bahnhof",
      "B",
      120,
      null,
      null,
      null,
      null,
      null,
      "zu wenige Einwohner: EW unter 300",
      20,
      1,
      3,
    ]);
    expect(row(areas[0]!).at(-1)).toBe("–");
    expect(exclusionText(areas[0]!, texts)).toBe("");
  });

  it("sorts by a class's number, numbers as numbers, empty cells last either way", () => {
    const by = (key: string, ascending: boolean) =>
      sortAreas(
        areas,
        columns.find((c) => c.key === key)!,
        ascending,
        "de-DE",
      ).map((a) => a.code);
    expect(by("statusIndex", true)).toEqual(["A", "N", "B"]);
    expect(by("statusIndex", false)).toEqual(["N", "A", "B"]);
    expect(by("dynamicsClass", true)).toEqual(["A", "N", "B"]);
    expect(by("name", false)).toEqual(["N", "B", "A"]);
    expect(by("value:share_65_plus", true)).toEqual(["B", "N", "A"]);
  });
});
