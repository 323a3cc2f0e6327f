import { describe, expect, it } from "vitest";
import { parseMapping } from "../../contracts/documents/observation-mapping.ts";
import {
  guessDecimal,
  normaliseColumnName,
  suggestMapping,
  type SuggestInput,
} from "./suggest-mapping.ts";

const CODES = ["population", "recipients", "population_65_plus"];

/** A suggestion for a CSV table with these columns and rows. */
const suggest = (
  columns: string[],
  rows: (string | number | null)[][] = [],
  read: Partial<SuggestInput["read"]> = {},
) => suggestMapping({ columns, rows, variableCodes: CODES, read: { format: "csv", ...read } });

describe("normaliseColumnName", () => {
  it.each([
    ["Gebietsschlüssel", "gebietsschluessel"],
    ["  Stadtteil-Nr. ", "stadtteil nr"],
    ["Wert (Anzahl ä)", "wert anzahl ae"],
    ["GROSSE Straße", "grosse strasse"],
  ])("%s → %s", (name, expected) => expect(normaliseColumnName(name)).toBe(expected));
});

describe("suggestMapping: long tables", () => {
  it.each([
    [["Gebiet", "Merkmal", "Jahr", "Wert"]],
    [["gebiet", "merkmal", "jahr", "wert"]],
    [["Gebietsschlüssel", "Variable", "Zeitraum", "Anzahl"]],
    [["area", "variable", "period", "value"]],
    [["Code", "Indikator", "Stichtag", "Wert (Anzahl)"]],
  ])("recognises %j, and the mapping passes the schema", (columns) => {
    const s = suggest(columns);
    expect(s.layout).toBe("long");
    expect(s.missing).toEqual([]);
    expect(s.mapping).toEqual({
      format: "csv",
      layout: "long",
      area: { column: columns[0] },
      variable: { column: columns[1] },
      period: { column: columns[2] },
      value: { column: columns[3] },
    });
    expect(parseMapping(s.mapping).ok).toBe(true);
  });

  it("takes the code column as the area, ignores the name beside it, and finds the status", () => {
    const s = suggest([
      "Gebiet",
      "Gebietsschlüssel",
      "Jahr",
      "Merkmal",
      "Wert",
      "Status",
      "Quelle",
    ]);
    expect(s.mapping).toMatchObject({
      area: { column: "Gebietsschlüssel" },
      status: { column: "Status" },
      ignore: ["Gebiet", "Quelle"],
    });
    expect(parseMapping(s.mapping).ok).toBe(true);
  });

  it("ignores a name column next to the area code", () => {
    const s = suggest(["Stadtteil-Nr.", "Gebietsname", "Jahr", "Merkmal", "Wert"]);
    expect(s.mapping).toMatchObject({
      area: { column: "Stadtteil-Nr." },
      ignore: ["Gebietsname"],
    });
  });

  it("leaves out what the names do not tell and says so", () => {
    const s = suggest(["Gebiet", "Jahr", "Anzahl"]);
    expect(s.layout).toBe("long");
    expect(s.missing).toEqual(["variable"]);
    expect(s.mapping).not.toHaveProperty("variable");
    expect(parseMapping(s.mapping).ok).toBe(false);
  });

  it("keeps the read options that were chosen and leaves detection to the rest", () => {
    const s = suggest(["Gebiet", "Merkmal", "Jahr", "Wert"], [], {
      csv: { delimiter: ";", encoding: "auto" },
      skipRows: 2,
    });
    expect(s.mapping).toMatchObject({ csv: { delimiter: ";" }, skipRows: 2 });
    expect(s.mapping.csv).not.toHaveProperty("encoding");
  });
});

describe("suggestMapping: wide tables", () => {
  it("recognises year columns, with the variable left to the planner", () => {
    const s = suggest(
      ["Stadtteil", "2019", "2020", "2021"],
      [["Altstadt", "3.793", "3.739", "3.866"]],
    );
    expect(s.layout).toBe("wide");
    expect(s.mapping).toEqual({
      format: "csv",
      layout: "wide",
      area: { column: "Stadtteil" },
      values: [
        { column: "2019", period: "2019" },
        { column: "2020", period: "2020" },
        { column: "2021", period: "2021" },
      ],
    });
    expect(s.missing).toEqual(["values[0].variable", "values[1].variable", "values[2].variable"]);
  });

  it("recognises columns named by variable codes and by code and year", () => {
    const s = suggest(["Gebiet", "Name", "population", "Recipients", "population_65_plus_2021"]);
    expect(s.layout).toBe("wide");
    expect(s.mapping.values).toEqual([
      { column: "population", variable: "population" },
      { column: "Recipients", variable: "recipients" },
      { column: "population_65_plus_2021", variable: "population_65_plus", period: "2021" },
    ]);
    expect(s.mapping.ignore).toEqual(["Name"]);
    expect(s.missing).toEqual(["values[0].period", "values[1].period"]);
  });

  it("reads reference dates and periods after a word", () => {
    const s = suggest(["id", "31.12.2020", "Anzahl_2021", "bemerkung"]);
    expect(s.layout).toBe("wide");
    expect(s.mapping.values).toEqual([
      { column: "31.12.2020", period: "2020-12-31" },
      { column: "Anzahl_2021", period: "2021" },
    ]);
    expect(s.mapping.ignore).toEqual(["bemerkung"]);
  });

  it("gives a complete wide mapping once the variable is filled in", () => {
    const s = suggest(["Gebiet", "2020", "2021"]);
    const values = s.mapping.values!.map((v) => ({ ...v, variable: "population" }));
    expect(parseMapping({ ...s.mapping, values }).ok).toBe(true);
  });

  it("names the sheet of a workbook", () => {
    const s = suggestMapping({
      columns: ["gebiet", "2021"],
      rows: [["M1", 1200]],
      variableCodes: CODES,
      read: { format: "xlsx", sheet: "Daten" },
    });
    expect(s.mapping).toMatchObject({ format: "xlsx", xlsx: { sheet: "Daten" }, layout: "wide" });
  });
});

describe("suggestMapping: nothing recognised", () => {
  it("answers without a layout and with the read options only", () => {
    const s = suggest(["foo", "bar"], [], { skipRows: 1 });
    expect(s).toEqual({
      layout: null,
      mapping: { format: "csv", skipRows: 1 },
      missing: ["layout"],
    });
  });
});

describe("number format", () => {
  it.each([
    [["1.234", "17", "9,5"], ","],
    [["1.234", "17"], ","],
    [["12.5", "7.25", "3"], "."],
    [["1,234.5", "9"], "."],
    [["1.234,5", "12.5"], ","],
    [[1.5, 2.25], ","],
  ])("%j → %s", (cells, decimal) => expect(guessDecimal(cells)).toBe(decimal));

  it("writes English numbers into the mapping", () => {
    const s = suggest(
      ["area", "variable", "year", "value"],
      [["A1", "population", "2021", "12.5"]],
    );
    expect(s.mapping.numbers).toEqual({ decimal: ".", thousands: "," });
  });
});

describe("suggestMapping: a year column and one column per variable", () => {
  const named = (columns: string[]) =>
    suggestMapping({
      columns,
      rows: [["Altstadt", "2022", "1.234", "567"]],
      variableCodes: CODES,
      variableNames: [
        { code: "population", name: "Einwohner" },
        { code: "households", name: "Haushalte" },
      ],
      read: { format: "csv" },
    });

  it("reads a county's `Gemeinde;Jahr;<Merkmal>` like a city's districts", () => {
    const s = named(["Gemeinde", "Jahr", "Einwohner"]);
    expect(s.mapping).toMatchObject({ area: { column: "Gemeinde" }, period: { column: "Jahr" } });
  });

  it("reads `Stadtteil;Jahr;Einwohner;Haushalte` as a wide table whose rows carry the year", () => {
    const s = named(["Stadtteil", "Jahr", "Einwohner", "Haushalte"]);
    expect(s).toEqual({
      layout: "wide",
      mapping: {
        format: "csv",
        layout: "wide",
        area: { column: "Stadtteil" },
        period: { column: "Jahr" },
        values: [
          { column: "Einwohner", variable: "population" },
          { column: "Haushalte", variable: "households" },
        ],
      },
      missing: [],
    });
    expect(parseMapping(s.mapping).ok).toBe(true);
  });

  it("leaves the variable of a column the catalogue does not know to the planner", () => {
    const s = named(["Stadtteil", "Jahr", "Wohnungslose Haushalte"]);
    expect(s.layout).toBe("wide");
    expect(s.mapping.values).toEqual([{ column: "Wohnungslose Haushalte" }]);
    expect(s.missing).toEqual(["values[0].variable"]);
  });

  it("reads a code in any case and a name in any spelling", () => {
    const s = named(["Stadtteil", "Jahr", "POPULATION", "haushalte"]);
    expect(s.mapping.values).toEqual([
      { column: "POPULATION", variable: "population" },
      { column: "haushalte", variable: "households" },
    ]);
  });
});
