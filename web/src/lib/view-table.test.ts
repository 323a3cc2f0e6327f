import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../../src/imports/csv/parse-csv.ts";
import { fileName, viewTableCsv, type ViewTable } from "./view-table.ts";
import { VIEW_XLSX_HEADER_ROW, viewTableXlsx } from "./view-xlsx.ts";

const table: ViewTable = {
  title: "SGB-II-Quote (%), Stadtteil, 2021: Rangfolge",
  source: "Quelle: Stadt Flensburg",
  date: "Stand: 24.11.2026, 12:00",
  columns: [
    { label: "Rang", decimals: 0 },
    { label: "Gebiet" },
    { label: "Wert (%)", decimals: 1 },
  ],
  rows: [
    [1, "Neustadt", 24.90515],
    [2, '=HYPERLINK("x")', 1234.56],
    [null, "Tarup", "."],
    [4, "-Süd", -2.5],
  ],
  notes: ["Zeichen: . = geheim gehalten"],
};

describe("viewTableCsv", () => {
  it("writes German CSV with title, source, date, numbers as shown and signs as text", () => {
    const csv = viewTableCsv(table, "de-DE");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const parsed = parseCsv(csv.slice(1), { delimiter: ";" });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.rows).toEqual([
      ["SGB-II-Quote (%), Stadtteil, 2021: Rangfolge"],
      ["Quelle: Stadt Flensburg"],
      ["Stand: 24.11.2026, 12:00"],
      ["Rang", "Gebiet", "Wert (%)"],
      ["1", "Neustadt", "24,9"],
      ["2", '\'=HYPERLINK("x")', "1.234,6"],
      ["", "Tarup", "."],
      // A negative number is a number; text starting with "-" is defused.
      ["4", "'-Süd", "-2,5"],
      ["Zeichen: . = geheim gehalten"],
    ]);
  });
});

describe("viewTableXlsx", () => {
  it("writes numbers as numeric cells rounded as shown, signs and formulas as text", async () => {
    const bytes = await viewTableXlsx(table, "Rangfolge: SGB II");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe("Rangfolge  SGB II");
    expect(sheet.getCell("A1").value).toBe(table.title);
    expect(sheet.getCell("A2").value).toBe(table.source);
    expect(sheet.getCell("A3").value).toBe(table.date);
    expect(sheet.getRow(VIEW_XLSX_HEADER_ROW).values).toEqual([
      undefined,
      "Rang",
      "Gebiet",
      "Wert (%)",
    ]);
    expect(sheet.getCell("C6").value).toBe(24.9);
    expect(sheet.getCell("C6").numFmt).toBe("#,##0.0");
    expect(sheet.getCell("B7").value).toBe('=HYPERLINK("x")');
    expect(sheet.getCell("B7").formula).toBeUndefined();
    expect(sheet.getCell("C8").value).toBe(".");
    expect(sheet.getCell("A8").value).toBeNull();
    expect(sheet.getCell("C9").value).toBe(-2.5);
    expect(sheet.getCell("A11").value).toBe("Zeichen: . = geheim gehalten");
  });
});

describe("fileName", () => {
  it("keeps letters, digits, dots and underscores", () => {
    expect(
      fileName(["flensburg", "sgb2_rate", "Stadtteil Süd/Ost", undefined, "2021"], "csv"),
    ).toBe("flensburg-sgb2_rate-Stadtteil_Sud_Ost-2021.csv");
    expect(fileName([], "svg")).toBe("sopla.svg");
  });
});
