import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { canRun } from "../../test/support/tools.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { convertWithLibreOffice, removeLibreOfficeFiles } from "../../test/support/libreoffice.ts";
import { sampleDocument, sampleTable } from "./sample-document.test-support.ts";
import { CONTENTS_SHEET, renderXlsx, TABLE_HEADER_ROW, tableSheetName } from "./xlsx.ts";

const run = promisify(execFile);

let bytes: Uint8Array;
let workbook: ExcelJS.Workbook;

const sheet = (name: string): ExcelJS.Worksheet => {
  const s = workbook.getWorksheet(name);
  if (!s) throw new Error(`Blatt ${name} fehlt`);
  return s;
};

beforeAll(async () => {
  bytes = await renderXlsx(sampleDocument);
  workbook = new ExcelJS.Workbook();
  // exceljs types its input as an old Node Buffer; a Uint8Array is what it reads.
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
});

describe("renderXlsx", () => {
  it("puts the contents first and every table on its own sheet", () => {
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Inhalt", "Tabelle 1", "Tabelle 2"]);
    expect(workbook.title).toBe("Sozialbericht 2021");
    expect(workbook.creator).toBe("Sopla");
  });

  it("writes caption, report, header row, numbers as numbers and signs as text", () => {
    const s = sheet("Tabelle 1");
    expect(s.getCell("A1").value).toBe("Tabelle 1: SGB-II-Quote nach Stadtteil, 2020 und 2021");
    expect(s.getCell("A1").font?.bold).toBe(true);
    expect(s.getCell("A2").value).toBe("Sozialbericht 2021, Berichtszeitraum 2021");
    const header = s.getRow(TABLE_HEADER_ROW);
    expect(sampleTable.columns.map((_, i) => header.getCell(i + 1).value)).toEqual(
      sampleTable.columns.map((c) => c.label),
    );

    const altstadt = s.getRow(TABLE_HEADER_ROW + 1);
    expect(altstadt.getCell(1).value).toBe("Altstadt");
    expect(altstadt.getCell(3).value).toBe(14.5);
    expect(altstadt.getCell(3).type).toBe(ExcelJS.ValueType.Number);
    expect(altstadt.getCell(3).numFmt).toBe("#,##0.0");
    const neustadt = s.getRow(TABLE_HEADER_ROW + 2);
    expect(neustadt.getCell(4).value).toBe(-1.2);

    const nordstadt = s.getRow(TABLE_HEADER_ROW + 3);
    expect(nordstadt.getCell(2).value).toBe(".");
    expect(nordstadt.getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(nordstadt.getCell(4).value).toBe("–");
    expect(nordstadt.getCell(2).alignment?.horizontal).toBe("right");

    const below = [6, 7, 8, 9].map((r) => s.getCell(TABLE_HEADER_ROW + r, 1).value);
    expect(below).toContain(". = gesperrt (Geheimhaltung)");
    expect(below).toContain("Quelle: Stadt Flensburg, Sozialatlas 2022; eigene Berechnung.");
  });

  it("formats whole numbers without decimals, freezes the header and fits the columns", () => {
    const s = sheet("Tabelle 2");
    const first = s.getCell(TABLE_HEADER_ROW + 1, 2);
    expect(first.value).toBe(1000);
    expect(first.numFmt).toBe("#,##0");
    expect(s.views[0]).toMatchObject({ state: "frozen", ySplit: TABLE_HEADER_ROW });
    expect(s.getColumn(1).width).toBeGreaterThanOrEqual("Bezirk 60".length);
    expect(s.getColumn(1).width).toBeLessThan(30);
  });

  it("links every table from the contents sheet, inside the workbook", async () => {
    const s = sheet(CONTENTS_SHEET);
    expect(s.getCell("A1").value).toBe("Sozialbericht 2021");
    const rows = s.getSheetValues().map((r) => (Array.isArray(r) ? r.slice(1) : []));
    const listed = rows.filter((r) => typeof r[1] === "string" && r[1].includes(","));
    expect(listed.map((r) => r[1])).toEqual([
      "SGB-II-Quote nach Stadtteil, 2020 und 2021",
      "Einwohner nach statistischem Bezirk, 2021",
    ]);

    // exceljs cannot read links to places in the workbook back, so the XML is checked.
    const zip = await JSZip.loadAsync(bytes);
    const xml = (await zip.file("xl/worksheets/sheet1.xml")?.async("string")) ?? "";
    const links = [...xml.matchAll(/<hyperlink\b[^>]*\/>/g)].map((m) => m[0]);
    expect(links).toHaveLength(2);
    expect(links[0]).toContain('location="&apos;Tabelle 1&apos;!A1"');
    for (const link of links) expect(link).not.toContain("r:id");
    const rels = (await zip.file("xl/worksheets/_rels/sheet1.xml.rels")?.async("string")) ?? "";
    expect(rels).not.toContain("hyperlink");
    const core = (await zip.file("docProps/core.xml")?.async("string")) ?? "";
    expect(core).toContain("<dc:language>de-DE</dc:language>");
  });

  it("names sheets as Excel allows, also when a table number repeats", async () => {
    expect(tableSheetName(12)).toBe("Tabelle 12");
    const twice = await renderXlsx({
      ...sampleDocument,
      chapters: [
        { title: "Doppelt", sections: [{ title: "A", nodes: [sampleTable, sampleTable] }] },
      ],
    });
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(twice as unknown as ExcelJS.Buffer);
    expect(read.worksheets.map((w) => w.name)).toEqual(["Inhalt", "Tabelle 1", "Tabelle 1 (2)"]);
  });
});

const canConvert = canRun("soffice", "pdftotext");
const dirs: string[] = [];

afterAll(async () => {
  await removeLibreOfficeFiles();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!canConvert)("renderXlsx in LibreOffice", () => {
  it("opens in LibreOffice Calc with the numbers shown in German", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sopla-xlsx-"));
    dirs.push(dir);
    const file = join(dir, "bericht.xlsx");
    writeFileSync(file, bytes);

    // Every sheet to its own CSV file, the cells as shown (semicolons, UTF-8).
    const csvDir = await convertWithLibreOffice(
      file,
      "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,true,false,false,-1",
    );
    const table1 = readFileSync(join(csvDir, "bericht-Tabelle 1.csv"), "utf8");
    expect(table1).toContain("Altstadt;14,2;14,5;0,3");
    expect(table1).toContain("Nordstadt;.;9,1;–");
    expect(table1).toContain("Jürgensby;8,0;7,5;-0,5");
    const table2 = readFileSync(join(csvDir, "bericht-Tabelle 2.csv"), "utf8");
    expect(table2).toContain("Bezirk 01;1.000");
    const contents = readFileSync(join(csvDir, "bericht-Inhalt.csv"), "utf8");
    expect(contents).toContain("Tabelle 1;SGB-II-Quote nach Stadtteil, 2020 und 2021");

    const pdf = await convertWithLibreOffice(file, "pdf");
    const { stdout: text } = await run("pdftotext", ["-layout", pdf, "-"]);
    expect(text).toContain("Tabelle 1: SGB-II-Quote nach Stadtteil, 2020 und 2021");
    expect(text).toContain("14,5");
    expect(text).toContain("Quelle: Stadt Flensburg, Sozialatlas 2022; eigene Berechnung.");
  }, 120_000);
});
