/**
 * A report's tables as an Excel workbook, for planners who compute on with them: every table on
 * its own sheet ("Tabelle 3", as the report numbers it), its numbers as numeric cells that
 * show the report's decimals, signs for withheld or missing values as text, and a first sheet
 * "Inhalt" that links to every table.
 */
import type { Marked } from "../core/marks/value-mark.ts";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { roundToDecimals } from "../core/rounding.ts";
import { tablesOf, type ReportDocument, type Table, cellText } from "../core/reports/document.ts";
import { formatDay } from "../core/reports/format.ts";
import { numberFormat } from "../exports/xlsx/write-xlsx.ts";

export const CONTENTS_SHEET = "Inhalt";
/** The 1-based row of a table's header on its sheet: caption, report and a blank row above. */
export const TABLE_HEADER_ROW = 4;

const HEADER_FILL = "FFE8EDF3";
const RULE = { style: "thin", color: { argb: "FF1A1A1A" } } as const;

/** The sheet of table `number`: "Tabelle 3" (Excel allows 31 characters, none of []:*?/\). */
export function tableSheetName(number: number): string {
  return `Tabelle ${number}`.replace(/[[\]:*?/\\]/g, " ").slice(0, 31);
}

export async function renderXlsx(doc: ReportDocument): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.title = doc.title;
  if (doc.subtitle !== null) workbook.subject = doc.subtitle;
  workbook.creator = "Sopla";
  workbook.lastModifiedBy = "Sopla";
  workbook.company = doc.publisher;
  workbook.description = `${doc.publisher}, ${doc.period}; Datenstand ${formatDay(doc.dataAsOf)}`;
  // exceljs writes the language (dc:language) but its type definitions lack the property.
  Object.assign(workbook, { language: "de-DE" } satisfies Pick<ExcelJS.WorkbookModel, "language">);
  const now = new Date();
  workbook.created = now;
  workbook.modified = now;

  const tables = tablesOf(doc);
  const names = sheetNames(tables);
  addContentsSheet(workbook, doc, tables, names);
  tables.forEach((table, i) => addTableSheet(workbook, doc, table, names[i] ?? ""));

  const written = await workbook.xlsx.writeBuffer();
  return linksInsideWorkbook(new Uint8Array(written), CONTENTS_SHEET);
}

/**
 * The sheet of each table, "Tabelle N" after its number; Excel refuses two sheets of one name,
 * so a number the document repeats gets a suffix rather than breaking the export.
 */
function sheetNames(tables: readonly Table[]): string[] {
  const used = new Set<string>([CONTENTS_SHEET.toLowerCase()]);
  return tables.map((t) => {
    const base = tableSheetName(t.number);
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 26)} (${n})`;
    used.add(name.toLowerCase());
    return name;
  });
}

function addContentsSheet(
  workbook: ExcelJS.Workbook,
  doc: ReportDocument,
  tables: readonly Table[],
  names: readonly string[],
): void {
  const sheet = workbook.addWorksheet(CONTENTS_SHEET, {
    pageSetup: {
      paperSize: 9,
      orientation: "portrait",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  const title = sheet.getCell("A1");
  title.value = doc.title;
  title.font = { bold: true, size: 14 };
  let row = 2;
  if (doc.subtitle !== null) sheet.getCell(row++, 1).value = doc.subtitle;
  sheet.getCell(row++, 1).value = `${doc.publisher} · ${doc.period}`;
  sheet.getCell(row++, 1).value = `Datenstand: ${formatDay(doc.dataAsOf)} · ${doc.state}`;
  row++;

  const header = sheet.getRow(row);
  header.values = ["Tabelle", "Titel"];
  styleHeader(header, [false, false]);
  if (tables.length === 0) {
    sheet.getCell(row + 1, 1).value = "Dieser Bericht enthält keine Tabellen.";
  }
  tables.forEach((table, i) => {
    row++;
    const name = names[i] ?? "";
    const link = sheet.getCell(row, 1);
    // Written without "#": the link is made internal (a location, no file) after writing.
    link.value = { text: name, hyperlink: `'${name}'!A1`, tooltip: `Zu ${name} wechseln` };
    link.font = { color: { argb: "FF0563C1" }, underline: true };
    sheet.getCell(row, 2).value = table.caption;
  });
  sheet.getColumn(1).width = 14;
  sheet.getColumn(2).width = fit([...tables.map((t) => t.caption), "Titel"], 20, 90);
}

function addTableSheet(
  workbook: ExcelJS.Workbook,
  doc: ReportDocument,
  table: Table,
  name: string,
): void {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: TABLE_HEADER_ROW, activeCell: `A${TABLE_HEADER_ROW + 1}` }],
    pageSetup: {
      paperSize: 9,
      orientation: "portrait",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  // The header row repeats on every printed page.
  sheet.pageSetup.printTitlesRow = `${TABLE_HEADER_ROW}:${TABLE_HEADER_ROW}`;

  const caption = sheet.getCell("A1");
  caption.value = `Tabelle ${table.number}: ${table.caption}`;
  caption.font = { bold: true, size: 12 };
  sheet.getCell("A2").value = `${doc.title}, Berichtszeitraum ${doc.period}`;

  const header = sheet.getRow(TABLE_HEADER_ROW);
  header.values = table.columns.map((c) => c.label);
  styleHeader(
    header,
    table.columns.map((c) => c.numeric),
  );

  let rowNumber = TABLE_HEADER_ROW;
  for (const cells of table.rows) {
    rowNumber++;
    const row = sheet.getRow(rowNumber);
    table.columns.forEach((column, i) => {
      const target = row.getCell(i + 1);
      const cell = cells[i];
      if (cell === undefined) return;
      if ("number" in cell && Number.isFinite(cell.number)) {
        // The value as the report prints it, so sums in Excel match the printed table.
        target.value = roundToDecimals(cell.number, cell.decimals);
        target.numFmt = markedFormat(numberFormat(cell.decimals), cell.mark);
      } else if (!("text" in cell)) {
        // Signs (and a number that is not one, which Excel could not store) as right-aligned text.
        target.value = cellText(cell);
        target.alignment = { horizontal: "right" };
      } else {
        target.value = cell.text;
        if (column.numeric) target.alignment = { horizontal: "right" };
      }
    });
  }
  if (table.rows.length > 0) {
    sheet.getRow(rowNumber).eachCell({ includeEmpty: true }, (c) => {
      c.border = { bottom: RULE };
    });
  }

  rowNumber++;
  for (const line of [...table.notes, table.source]) {
    rowNumber++;
    const cell = sheet.getCell(rowNumber, 1);
    cell.value = line;
    cell.font = { size: 9, color: { argb: "FF595959" } };
  }

  table.columns.forEach((column, i) => {
    const texts = table.rows.map((r) => {
      const cell = r[i];
      return cell === undefined ? "" : cellText(cell);
    });
    // Labels longer than the values wrap in the header row instead of widening the column.
    const label = column.label.length > 24 ? column.label.slice(0, 24) : column.label;
    sheet.getColumn(i + 1).width = fit([...texts, label], column.numeric ? 10 : 12, 60);
  });
}

function styleHeader(row: ExcelJS.Row, numeric: readonly boolean[]): void {
  numeric.forEach((isNumeric, i) => {
    const cell = row.getCell(i + 1);
    cell.font = { bold: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: HEADER_FILL } };
    cell.border = { top: RULE, bottom: RULE };
    cell.alignment = {
      horizontal: isNumeric ? "right" : "left",
      vertical: "bottom",
      wrapText: true,
    };
  });
}

/** A column width (in characters) that fits the longest text, within bounds. */
function fit(texts: readonly string[], min: number, max: number): number {
  const longest = texts.reduce((m, t) => Math.max(m, t.length), 0);
  return Math.min(max, Math.max(min, longest + 2));
}

/**
 * exceljs writes every hyperlink as a link to an external file, also those that name a place in
 * the workbook; Excel then looks for a file called "'Tabelle 1'!A1". This rewrites the contents
 * sheet's links as Excel writes internal ones: a `location` and no relationship to a file.
 */
async function linksInsideWorkbook(bytes: Uint8Array, sheetName: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const sheetPath = await sheetPart(zip, sheetName);
  if (sheetPath === undefined) return bytes;
  const relsPath = sheetPath.replace(/([^/]+)$/, "_rels/$1.rels");
  const sheetXml = await zip.file(sheetPath)?.async("string");
  const relsXml = await zip.file(relsPath)?.async("string");
  if (sheetXml === undefined || relsXml === undefined) return bytes;

  const internal = new Set<string>();
  const fixedSheet = sheetXml.replace(/<hyperlink\b[^>]*\/>/g, (element) => {
    const id = /\sr:id="([^"]+)"/.exec(element)?.[1];
    if (id === undefined || !/\slocation="/.test(element)) return element;
    internal.add(id);
    return element.replace(/\sr:id="[^"]+"/, "");
  });
  const fixedRels = relsXml.replace(/<Relationship\b[^>]*\/>/g, (element) => {
    const id = /\sId="([^"]+)"/.exec(element)?.[1];
    return id !== undefined && internal.has(id) ? "" : element;
  });
  zip.file(sheetPath, fixedSheet);
  zip.file(relsPath, fixedRels);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** The part (such as "xl/worksheets/sheet1.xml") of the sheet called `name`. */
async function sheetPart(zip: JSZip, name: string): Promise<string | undefined> {
  const workbook = await zip.file("xl/workbook.xml")?.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")?.async("string");
  if (workbook === undefined || rels === undefined) return undefined;
  const sheet = [...workbook.matchAll(/<sheet\b[^>]*\/>/g)]
    .map((m) => m[0])
    .find((element) => element.includes(` name="${name}"`));
  const id = sheet === undefined ? undefined : /\sr:id="([^"]+)"/.exec(sheet)?.[1];
  if (id === undefined) return undefined;
  const relation = [...rels.matchAll(/<Relationship\b[^>]*\/>/g)]
    .map((m) => m[0])
    .find((element) => element.includes(` Id="${id}"`));
  const target = relation === undefined ? undefined : /\sTarget="([^"]+)"/.exec(relation)?.[1];
  if (target === undefined) return undefined;
  return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
}

/**
 * A number format that prints a value's marks around the number (core/marks): "(12,3) p"
 * stays the number 12.3 for Excel's sums, shown as the report prints it.
 */
function markedFormat(format: string, mark: Marked | undefined): string {
  if (!mark || (!mark.limited && mark.letters.length === 0)) return format;
  const body = mark.limited ? `"("${format}")"` : format;
  return mark.letters.length > 0 ? `${body}" ${mark.letters.join(" ")}"` : body;
}
