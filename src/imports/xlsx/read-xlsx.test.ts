import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { cellToValue, readXlsx } from "./read-xlsx.ts";

/** Builds a small workbook in memory, as a planner's spreadsheet would look. */
async function workbookBytes(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Einwohner");
  ws.getCell("A1").value = "Stadtteil";
  ws.getCell("B1").value = "2020";
  ws.getCell("C1").value = { richText: [{ text: "20" }, { text: "21", font: { bold: true } }] };
  ws.getCell("D1").value = "Stichtag";
  ws.getCell("A2").value = "01 Altstadt";
  ws.getCell("B2").value = 3739;
  ws.getCell("C2").value = { formula: "B2+127", result: 3866 };
  ws.getCell("D2").value = new Date(Date.UTC(2021, 11, 31));
  // Row 3 stays empty; row 4 has a merged label over two columns and a shared formula.
  ws.getCell("A4").value = "02 Neustadt";
  ws.getCell("B4").value = 4725;
  ws.getCell("C4").value = { formula: "B4+125", result: 4850 };
  ws.getCell("D4").value = "31.12.2021";
  ws.getCell("A5").value = "Summe";
  ws.mergeCells("A5:B5");
  ws.getCell("C5").value = { formula: "SUM(C2:C4)", result: 8716 };
  ws.getCell("D5").value = { formula: "1/0", result: { error: "#DIV/0!" } };
  ws.getCell("A6").value = { text: "Quelle", hyperlink: "https://www.flensburg.de" };
  const other = wb.addWorksheet("Hinweise");
  other.getCell("A1").value = "Nur Text";
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}

describe("readXlsx", () => {
  it("reads the first sheet with cached formula results, ISO dates and plain rich text", async () => {
    const r = await readXlsx(await workbookBytes());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.sheetName).toBe("Einwohner");
    expect(r.value.sheetNames).toEqual(["Einwohner", "Hinweise"]);
    expect(r.value.lines).toEqual([1, 2, 4, 5, 6]);
    expect(r.value.rows).toEqual([
      ["Stadtteil", "2020", "2021", "Stichtag"],
      ["01 Altstadt", 3739, 3866, "2021-12-31"],
      ["02 Neustadt", 4725, 4850, "31.12.2021"],
      ["Summe", null, 8716, "#DIV/0!"],
      ["Quelle", null, null, null],
    ]);
  });

  it.each<[string | number, string]>([
    ["Hinweise", "Hinweise"],
    [" hinweise ", "Hinweise"],
    [2, "Hinweise"],
    [1, "Einwohner"],
  ])("finds sheet %j", async (sheet, name) => {
    const r = await readXlsx(await workbookBytes(), sheet);
    expect(r.ok && r.value.sheetName).toBe(name);
  });

  it.each<[string | number, string]>([
    ["Tabelle1", "„Tabelle1“"],
    [3, "Nr. 3"],
  ])("reports a missing sheet %j with the sheets that exist", async (sheet, named) => {
    const r = await readXlsx(await workbookBytes(), sheet);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("sheet_not_found");
    expect(r.error.message).toBe(
      `Das Tabellenblatt ${named} gibt es nicht. Vorhanden: „Einwohner“, „Hinweise“.`,
    );
  });

  it.each<[string, Uint8Array, string, string]>([
    ["empty bytes", new Uint8Array(), "empty_file", "leer"],
    ["a CSV file", new TextEncoder().encode("a;b\n1;2\n"), "invalid_xlsx", "keine gültige XLSX"],
    ["a PDF", new TextEncoder().encode("%PDF-1.4 ..."), "invalid_xlsx", "PDF"],
    [
      "a broken ZIP",
      Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]),
      "invalid_xlsx",
      "keine gültige XLSX",
    ],
  ])("rejects %s", async (_name, bytes, code, text) => {
    const r = await readXlsx(bytes);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(code);
    expect(r.error.message).toContain(text);
  });
});

describe("cellToValue", () => {
  it.each<[ExcelJS.CellValue, string | number | null]>([
    [null, null],
    [undefined, null],
    [42, 42],
    ["x", "x"],
    [true, "WAHR"],
    [new Date(Date.UTC(2021, 0, 31)), "2021-01-31"],
    [new Date(Date.UTC(2021, 0, 31, 12, 30)), "2021-01-31T12:30:00"],
    [{ formula: "A1", result: 7 }, 7],
    [{ formula: "A1" }, null],
    [{ sharedFormula: "A1", result: "t" }, "t"],
    [{ formula: "A1", result: new Date(Date.UTC(2020, 5, 30)) }, "2020-06-30"],
    [{ richText: [{ text: "a" }, { text: "b" }] }, "ab"],
    [{ error: "#N/A" }, "#N/A"],
  ])("%j → %j", (value, expected) => {
    expect(cellToValue(value)).toBe(expected);
  });
});
