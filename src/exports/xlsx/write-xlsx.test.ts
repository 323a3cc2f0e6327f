import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { sampleDataset } from "../open-dataset.test-support.ts";
import {
  formatGermanDate,
  numberFormat,
  writeXlsx,
  XLSX_DATA_SHEET,
  XLSX_HEADER_ROW,
  XLSX_NOTES_SHEET,
} from "./write-xlsx.ts";

async function readBack(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook;
}

function sheetOf(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (sheet === undefined) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** Finds the data row of one indicator, area and period (columns A, D, F). */
function dataRow(sheet: ExcelJS.Worksheet, indicator: string, area: string, period: string) {
  for (let r = XLSX_HEADER_ROW + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (
      row.getCell(1).value === indicator &&
      row.getCell(4).value === area &&
      row.getCell(6).value === period
    ) {
      return row;
    }
  }
  throw new Error(`no row ${indicator} ${area} ${period}`);
}

describe("writeXlsx", () => {
  let workbook: ExcelJS.Workbook;
  let data: ExcelJS.Worksheet;
  let notes: ExcelJS.Worksheet;
  beforeAll(async () => {
    workbook = await readBack(await writeXlsx(sampleDataset()));
    data = sheetOf(workbook, XLSX_DATA_SHEET);
    notes = sheetOf(workbook, XLSX_NOTES_SHEET);
  });

  it("has the two sheets in order and dates the workbook with generatedAt", () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Daten", "Erläuterungen"]);
    expect(workbook.created).toEqual(sampleDataset().generatedAt);
    expect(workbook.modified).toEqual(sampleDataset().generatedAt);
  });

  it("puts title, source with attribution and a German date above the table", () => {
    expect(data.getCell("A1").value).toBe("Sozialatlas Flensburg – Stadtteile");
    expect(data.getCell("A2").value).toBe(
      "Quelle: Einwohnermelderegister der Stadt Flensburg; Statistik der Bundesagentur für Arbeit – © Stadt Flensburg, Fachbereich Soziales",
    );
    // 2024-03-05T23:30Z is already the 6th in Berlin.
    expect(data.getCell("A3").value).toBe("Stand: 06.03.2024");
    expect(data.getRow(4).cellCount).toBe(0);
    expect(data.getRow(XLSX_HEADER_ROW).values).toEqual([
      undefined,
      "Indikator",
      "Indikatorname",
      "Einheit",
      "Gebietsschlüssel",
      "Gebiet",
      "Zeitraum",
      "Wert",
      "Zeichen",
    ]);
    expect(data.rowCount).toBe(XLSX_HEADER_ROW + 18);
  });

  it("writes known values as rounded numbers with the indicator's number format", () => {
    const count = dataRow(data, "einwohner", "02", "2021").getCell(7);
    expect(count.value).toBe(4725);
    expect(count.type).toBe(ExcelJS.ValueType.Number);
    expect(count.numFmt).toBe("#,##0");
    const rate = dataRow(data, "sgb2_quote", "01", "2021").getCell(7);
    expect(rate.value).toBe(12.3);
    expect(rate.numFmt).toBe("#,##0.0");
    const change = dataRow(data, "veraenderung", "01", "2021").getCell(7);
    expect(change.value).toBe(-1.01);
    expect(change.numFmt).toBe("#,##0.00");
  });

  it("writes withheld and missing values as their sign, as text", () => {
    const suppressedCell = dataRow(data, "einwohner", "02", "2022-12-31").getCell(7);
    expect(suppressedCell.value).toBe(".");
    expect(suppressedCell.type).toBe(ExcelJS.ValueType.String);
    expect(dataRow(data, "sgb2_quote", "02", "2021").getCell(7).value).toBe(".");
    expect(dataRow(data, "sgb2_quote", "03", "2021").getCell(7).value).toBe("x");
    const values: unknown[] = [];
    data.eachRow((row) => row.eachCell((c) => values.push(c.value)));
    notes.eachRow((row) => row.eachCell((c) => values.push(c.value)));
    expect(JSON.stringify(values)).not.toMatch(/small_count|secondary|suppressed|zero_denom/);
  });

  it("keeps a name that looks like a formula as text", () => {
    const cell = dataRow(data, "einwohner", "03", "2021").getCell(5);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("http://böse.example")');
  });

  it("explains the indicators and the signs on the second sheet", () => {
    const rows: unknown[][] = [];
    notes.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toContainEqual([
      "sgb2_quote",
      "SGB-II-Quote, Größe in %",
      "%",
      "Statistik der Bundesagentur für Arbeit",
      "dl-by-de/2.0",
    ]);
    expect(rows).toContainEqual(["Indikator", "Name", "Einheit", "Quelle", "Lizenz"]);
    expect(rows).toContainEqual([". = Zahlenwert unbekannt oder geheim zu halten"]);
    expect(rows).toContainEqual(["x = Tabellenfach gesperrt, weil Aussage nicht sinnvoll"]);
    expect(rows).toContainEqual(["Stand", "06.03.2024"]);
  });
});

describe("xlsx helpers", () => {
  it.each([
    [0, "#,##0"],
    [1, "#,##0.0"],
    [3, "#,##0.000"],
  ])("numberFormat(%i) = %j", (decimals, expected) => {
    expect(numberFormat(decimals)).toBe(expected);
  });

  it("formats dates in Berlin time, German order", () => {
    expect(formatGermanDate(new Date("2021-12-31T22:59:00Z"))).toBe("31.12.2021");
    expect(formatGermanDate(new Date("2021-12-31T23:00:00Z"))).toBe("01.01.2022");
  });
});
