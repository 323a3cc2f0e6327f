import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import {
  parseMapping,
  type ObservationMapping,
  type ObservationRecord,
} from "./mapping/mapping.ts";
import { readObservations, readTable } from "./read-table.ts";
import {
  validateObservations,
  type AreaInfo,
  type StoredFigure,
  type ValidationContext,
  type VariableInfo,
} from "./validate/validate-observations.ts";

const tables = fileURLToPath(new URL("../../demo/flensburg/data/tables/", import.meta.url));
const table = (name: string) => readFileSync(`${tables}${name}`);

/** Parses a mapping literal and fails the test when it is invalid. */
function mapping(json: unknown): ObservationMapping {
  const r = parseMapping(json);
  if (!r.ok) throw new Error(r.error.map((i) => i.message).join("\n"));
  return r.value;
}

const YEARS_2011_2021 = ["2011", "2017", "2018", "2019", "2020", "2021"];
const stadtteil = { column: "Stadtteil", pattern: "^(\\d{2})", prefix: "STGT" };
const byYear = (variable: string) => ({ pattern: "^(\\d{4})$", variable, period: "$1" });

describe("Flensburg tab_8 (header-less, with transcription defects)", () => {
  it("reports exactly the five cells that are not numbers, with line and column", async () => {
    const out = await readObservations(
      table("tab_8_alter_ab_65.csv"),
      mapping({
        format: "csv",
        header: false,
        columns: ["Stadtteil", ...YEARS_2011_2021],
        layout: "wide",
        area: stadtteil,
        values: [byYear("population_65_plus")],
      }),
    );
    expect(out.source).toMatchObject({ format: "csv", encoding: "utf-8", delimiter: "," });
    expect(out.issues.map((i) => [i.code, i.row, i.column, i.details?.raw])).toEqual([
      ["not_a_number", 5, "2011", "1.3066"],
      ["not_a_number", 7, "2011", "857°"],
      ["not_a_number", 8, "2019", "1.4131"],
      ["not_a_number", 10, "2021", "1.64"],
      ["not_a_number", 12, "2019", "1.69"],
    ]);
    expect(out.issues[0]?.message).toBe(
      "Zeile 5, Spalte „2011“: „1.3066“ ist keine gültige Zahl (Tausenderpunkt an falscher Stelle).",
    );
    expect(out.issues[1]?.message).toBe(
      "Zeile 7, Spalte „2011“: „857°“ ist keine gültige Zahl (unerwartetes Zeichen „°“).",
    );
    expect(out.records).toHaveLength(13 * 6 - 5);
    expect(out.records.find((r) => r.areaCode === "STGT13" && r.periodCode === "2021")?.value).toBe(
      910,
    );
  });
});

describe("Flensburg tab_9 (header-less, thousands dots, percentages)", () => {
  it("reads 1.374 as 1374 and keeps percentages as written", async () => {
    const out = await readObservations(
      table("tab_9_anteil_migrationshintergrund.csv"),
      mapping({
        format: "csv",
        header: false,
        columns: [
          "Stadtteil",
          "leer",
          "mit_MH",
          "Anteil_MH",
          "Anteil_m",
          "Anteil_w",
          "Deutsche_mit_MH",
          "Anteil_Deutsche_mit_MH",
          "Ausländer",
          "Anteil_Ausländer",
        ],
        layout: "wide",
        area: stadtteil,
        values: [
          { column: "mit_MH", variable: "migration_background", period: "2021" },
          { column: "Anteil_MH", variable: "migration_background_share", period: "2021" },
        ],
        ignore: [
          "leer",
          "Anteil_m",
          "Anteil_w",
          "Deutsche_mit_MH",
          "Anteil_Deutsche_mit_MH",
          "Ausländer",
          "Anteil_Ausländer",
        ],
      }),
    );
    expect(out.issues).toEqual([]);
    const count = (area: string) =>
      out.records.find((r) => r.areaCode === area && r.variableCode === "migration_background");
    expect(count("STGT01")).toMatchObject({
      line: 1,
      column: "mit_MH",
      value: 1374,
      percent: false,
    });
    expect(count("STGT11")?.value).toBe(3705);
    expect(
      out.records.find(
        (r) => r.areaCode === "STGT01" && r.variableCode === "migration_background_share",
      ),
    ).toMatchObject({ value: 35.5, percent: true });
    expect(
      out.records
        .filter((r) => r.variableCode === "migration_background")
        .reduce((s, r) => s + r.value!, 0),
    ).toBe(29129);
  });
});

const seite53Map = {
  "Anzahl der Einwohner*innen": "population",
  "... davon weiblich in %": null,
  "... davon männlich in %": null,
  "Durchschnittsalter in Jahren": "mean_age",
};

describe("Flensburg seite53 (header with a wrong year and an extra field)", () => {
  it("warns about the header when the mapping names the columns, and reads the rows", async () => {
    const out = await readObservations(
      table("Stadt Flensburg.seite53.csv"),
      mapping({
        format: "csv",
        columns: ["Kennzahl", "2018", "2019", "2020", "2021"],
        layout: "wide",
        areaValue: "STGM01001000",
        variable: { column: "Kennzahl", map: seite53Map },
        values: [{ pattern: "^(\\d{4})$", period: "$1" }],
      }),
    );
    expect(out.source).toMatchObject({ delimiter: ";" });
    expect(out.issues.filter((i) => i.code === "header_mismatch").map((i) => i.message)).toEqual([
      "Kopfzeile nennt „2012“ in Spalte 5, die Zuordnung „2021“.",
      "Kopfzeile nennt „2021“ in Spalte 6, die Zuordnung nennt dort nichts.",
      "Die Kopfzeile hat 6 Felder, die Datenzeilen 5; es gelten die Spaltennamen der Zuordnung.",
    ]);
    expect(out.issues.filter((i) => i.code === "skipped_row").map((i) => i.row)).toEqual([3, 4]);
    const unknown = out.issues.filter((i) => i.code === "unknown_variable");
    expect(unknown).toHaveLength(24 - 4);
    expect(unknown[0]?.message).toContain(
      "„... davon unter 18 Jahren in %“ steht nicht in „variable.map“",
    );
    expect(
      out.records
        .filter((r) => r.variableCode === "population")
        .map((r) => [r.periodCode, r.value]),
    ).toEqual([
      ["2018", 96187],
      ["2019", 96920],
      ["2020", 96731],
      ["2021", 97882],
    ]);
    expect(
      out.records.find((r) => r.variableCode === "mean_age" && r.periodCode === "2021")?.value,
    ).toBe(42.6);
  });

  it("rejects every row against the broken header when the mapping does not name the columns", async () => {
    const out = await readObservations(
      table("Stadt Flensburg.seite53.csv"),
      mapping({
        format: "csv",
        layout: "wide",
        areaValue: "STGM01001000",
        variable: { column: "Kennzahl" },
        values: [{ pattern: "^(\\d{4})$", period: "$1" }],
      }),
    );
    expect(out.issues[0]).toMatchObject({ code: "header_mismatch", severity: "warning", row: 1 });
    expect(out.issues[0]?.message).toContain("Mit „columns“ in der Zuordnung");
    const rowErrors = out.issues.filter((i) => i.code === "row_length");
    expect(rowErrors).toHaveLength(24);
    expect(rowErrors[0]?.message).toBe("Zeile 2: 5 Felder, erwartet 6 (wie die Kopfzeile).");
    expect(out.records).toEqual([]);
  });
});

const tab1Mapping = mapping({
  format: "csv",
  layout: "wide",
  label: "tab_1",
  area: { column: "id", padStart: 2, prefix: "STGT" },
  values: [byYear("population"), { column: "gesamt", variable: "population", period: "2021" }],
  ignore: ["stadtteil", "männlich", "weiblich"],
});

/** The Flensburg catalogue: the city and its 13 Stadtteile. */
function flensburgContext(stored: readonly ObservationRecord[], label: string): ValidationContext {
  const areas = new Map<string, AreaInfo>([
    ["STGM01001000", { parentCode: null, level: 1, name: "Flensburg" }],
  ]);
  const names = [
    "Altstadt",
    "Neustadt",
    "Nordstadt",
    "Westliche Höhe",
    "Friesischer Berg",
    "Weiche",
    "Südstadt",
    "Sandberg",
    "Jürgensby",
    "Fruerlund",
    "Mürwik",
    "Engelsby",
    "Tarup",
  ];
  names.forEach((name, i) =>
    areas.set(`STGT${String(i + 1).padStart(2, "0")}`, {
      parentCode: "STGM01001000",
      level: 2,
      name,
    }),
  );
  const variables = new Map<string, VariableInfo>([
    ["population", { aggregation: "sum", measure: "stock", nonNegative: true, name: "Einwohner" }],
    ["mean_age", { aggregation: "none", measure: "stock", nonNegative: true }],
  ]);
  const figures = new Map<string, StoredFigure>(
    stored.map((r) => [
      `${r.variableCode}|${r.areaCode}|${r.periodCode}`,
      { value: r.value, importLabel: label },
    ]),
  );
  return {
    areas,
    variables,
    existing: (v, a, p) => figures.get(`${v}|${a}|${p}`),
    levelNames: new Map([
      [1, { singular: "Stadt", plural: "Städte" }],
      [2, { singular: "Stadtteil", plural: "Stadtteile" }],
    ]),
  };
}

describe("Flensburg cross-table checks", () => {
  it("finds the 5 inhabitants of 2021 that are not assigned to a Stadtteil", async () => {
    const city = await readObservations(
      table("Stadt Flensburg.seite53.csv"),
      mapping({
        format: "csv",
        columns: ["Kennzahl", "2018", "2019", "2020", "2021"],
        layout: "wide",
        areaValue: "STGM01001000",
        variable: { column: "Kennzahl", map: { "Anzahl der Einwohner*innen": "population" } },
        values: [{ pattern: "^(\\d{4})$", period: "$1" }],
      }),
    );
    const stored = city.records.filter((r) => r.variableCode === "population");
    const tab1 = await readObservations(
      table("tab_1_einwohner_in_stadtteilen_2011_bis_2021.csv"),
      tab1Mapping,
    );
    expect(tab1.issues).toEqual([]);
    const v = validateObservations(tab1.records, flensburgContext(stored, "Seite 53"));
    expect(v.issues.map((i) => [i.code, i.message])).toEqual([
      [
        "unassigned_remainder",
        "Flensburg 2021: Summe der Stadtteile 97.877, Stadt 97.882 – 5 nicht zugeordnet (Merkmal „Einwohner“).",
      ],
    ]);
    expect(v.counts).toEqual({ new: 13 * 6, changed: 0, unchanged: 0, check: 0, rejected: 0 });
  });

  it("flags Sandberg 2021 in tab_5 against tab_1, from a compare-only column", async () => {
    const tab1 = await readObservations(
      table("tab_1_einwohner_in_stadtteilen_2011_bis_2021.csv"),
      tab1Mapping,
    );
    const tab5 = await readObservations(
      table("tab_5_einwohner_in_stadtteilen_2021_nach_altersgruppen.csv"),
      mapping({
        format: "csv",
        layout: "wide",
        area: { column: "id", padStart: 2, prefix: "STGT" },
        values: [
          { column: "gesamt", variable: "population", period: "2021", check: true },
          {
            pattern: "^(unter_18|\\d+_bis_unter_\\d+|\\d+_und_älter)$",
            variable: "population_$1",
            period: "2021",
          },
        ],
        ignore: ["stadtteil"],
      }),
    );
    expect(tab5.issues).toEqual([]);
    expect(tab5.summary.checkRecords).toBe(13);
    const checks = tab5.records.filter((r) => r.check);
    const v = validateObservations(checks, flensburgContext(tab1.records, "tab_1"));
    expect(v.issues.map((i) => i.message)).toEqual([
      "Sandberg 2021: 7.602 weicht vom gespeicherten Wert 6.702 (Import „tab_1“) ab – Merkmal „Einwohner“, Zeile 9, Spalte „gesamt“ (Vergleichsspalte).",
    ]);
    expect(v.toWrite).toEqual([]);
  });

  it("reads tab18 with quoted decimal commas and pattern-mapped columns", async () => {
    const out = await readObservations(
      table("tab18_Anzahl_der_Regelleistungsberechtigten_nach_SGBII - Tabellenblatt1.csv"),
      mapping({
        format: "csv",
        layout: "wide",
        area: { column: "Stadtteil_ID", padStart: 2, prefix: "STGT" },
        values: [
          { pattern: "^Anzahl_(\\d{4})$", variable: "sgb2_recipients", period: "$1" },
          { pattern: "^Anteil_in_%_(\\d{4})$", variable: "sgb2_share_published", period: "$1" },
        ],
        ignore: ["Stadtteil"],
      }),
    );
    expect(out.issues).toEqual([]);
    expect(out.records).toHaveLength(13 * 8);
    expect(
      out.records.find(
        (r) =>
          r.areaCode === "STGT03" &&
          r.variableCode === "sgb2_share_published" &&
          r.periodCode === "2019",
      )?.value,
    ).toBe(23);
    expect(
      out.records.find(
        (r) =>
          r.areaCode === "STGT01" &&
          r.variableCode === "sgb2_share_published" &&
          r.periodCode === "2021",
      )?.value,
    ).toBe(13.4);
  });
});

describe("readTable", () => {
  const simple = {
    format: "csv",
    layout: "long",
    area: { column: "Gebiet" },
    period: { value: "2021" },
    variable: { value: "population" },
    value: { column: "Wert" },
  };

  it("decodes Windows-1252 and detects the delimiter after title lines", async () => {
    const bytes = iconv.encode(
      "Einwohner in Stadtteilen, Stand 2021\r\n\r\nGebiet;Wert\r\nSüdstadt;4.205\r\n",
      "windows-1252",
    );
    const r = await readTable(bytes, { format: "csv", skipRows: 2 });
    expect(r.ok && r.value.source).toEqual({
      format: "csv",
      encoding: "windows-1252",
      hadBom: false,
      delimiter: ";",
      delimiterDetected: true,
    });
    const out = await readObservations(bytes, mapping({ ...simple, skipRows: 2 }));
    expect(out.issues).toEqual([]);
    expect(out.records.map((x) => [x.line, x.areaCode, x.value])).toEqual([[4, "Südstadt", 4205]]);
  });

  it("reports an undetected delimiter together with the missing columns", async () => {
    const out = await readObservations(
      new TextEncoder().encode("Gebiet Wert\nA 1\n"),
      mapping(simple),
    );
    expect(out.issues.map((i) => i.code)).toEqual([
      "delimiter_not_detected",
      "missing_column",
      "missing_column",
    ]);
    expect(out.issues[1]?.message).toBe(
      "Spalte „Gebiet“ fehlt (Gebiet). Die Kopfzeile wurde als eine einzige Spalte „Gebiet Wert“ gelesen – falsches Trennzeichen?",
    );
  });

  it("returns the file issue when the file cannot be read", async () => {
    const out = await readObservations(new Uint8Array(), mapping(simple));
    expect(out.issues.map((i) => i.code)).toEqual(["empty_file"]);
    expect(out.source).toBeNull();
  });

  it("reads an XLSX sheet through the same mapping", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Info").getCell("A1").value = "Quelle: Stadt Flensburg";
    const ws = wb.addWorksheet("Daten");
    ws.addRow(["Tabelle 1: Einwohner"]);
    ws.addRow([]);
    ws.addRow(["Gebiet", "Wert"]);
    ws.addRow(["STGT01", 3866]);
    ws.addRow(["STGT02", { formula: "4000+850", result: 4850 }]);
    ws.addRow(["STGT03", "."]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const out = await readObservations(
      bytes,
      mapping({ ...simple, format: "xlsx", xlsx: { sheet: "Daten" }, skipRows: 2 }),
    );
    expect(out.source).toEqual({
      format: "xlsx",
      sheetName: "Daten",
      sheetNames: ["Info", "Daten"],
    });
    expect(out.records.map((r) => [r.line, r.areaCode, r.value, r.status])).toEqual([
      [4, "STGT01", 3866, "final"],
      [5, "STGT02", 4850, "final"],
      [6, "STGT03", null, "missing"],
    ]);
    expect(out.issues.map((i) => i.code)).toEqual(["withheld_value"]);
  });
});
