import ExcelJS from "exceljs";
import { err, ok, type Result } from "../../core/result.ts";
import { issue, type ImportIssue } from "../../core/data/import-issue.ts";
import { detectBinaryFormat } from "../text/decode.ts";

/** One spreadsheet cell as the import sees it: text, a number, or nothing. */
export type SheetCell = string | number | null;

export interface SheetTable {
  /** The non-empty rows of the sheet, each padded to the sheet's used width with `null`. */
  readonly rows: SheetCell[][];
  /** `lines[i]` is the spreadsheet row number (1-based) of row `i`. */
  readonly lines: number[];
  readonly sheetName: string;
  readonly sheetNames: string[];
}

type XlsxLoadInput = Parameters<ExcelJS.Xlsx["load"]>[0];

type ScalarResult = number | string | boolean | Date | ExcelJS.CellErrorValue | undefined;

/** Writes a date as an ISO date, with the time only when it is not midnight. */
function isoDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return "";
  const iso = d.toISOString();
  // exceljs hands out spreadsheet dates as UTC instants; midnight means a plain date.
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19);
}

/** Converts a formula's cached result (or any plain value) into a cell. */
function scalarCell(v: ScalarResult | null): SheetCell {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return v;
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "WAHR" : "FALSCH";
  if (v instanceof Date) return isoDate(v);
  return v.error;
}

/**
 * Converts an exceljs cell value into text, a number or nothing: formulas give their cached
 * result, dates an ISO date string, rich text and hyperlinks their plain text, errors their
 * code (such as `#DIV/0!`, which the number parser then rejects).
 */
export function cellToValue(v: ExcelJS.CellValue): SheetCell {
  if (v === null || v === undefined) return null;
  if (typeof v !== "object" || v instanceof Date) return scalarCell(v);
  if ("richText" in v) return v.richText.map((r) => r.text).join("");
  if ("formula" in v || "sharedFormula" in v) return scalarCell(v.result);
  if ("hyperlink" in v) return typeof v.text === "string" ? v.text : null;
  if ("error" in v) return v.error;
  return null;
}

/** The issue for bytes that are not an XLSX workbook, naming the format where it is known. */
function notXlsx(bytes: Uint8Array, detail?: string): ImportIssue {
  const format = detectBinaryFormat(bytes);
  const known =
    format && !format.includes("XLSX/ZIP") ? ` Die Datei ${format}.` : detail ? ` (${detail})` : "";
  return issue(
    "error",
    "invalid_xlsx",
    `Die Datei ist keine gültige XLSX-Arbeitsmappe.${known} CSV-Dateien bitte als CSV importieren.`,
  );
}

/** Finds a worksheet by 1-based position or by name (exact first, then ignoring case and blanks). */
function findSheet(
  workbook: ExcelJS.Workbook,
  sheet: string | number | undefined,
): ExcelJS.Worksheet | undefined {
  const sheets = workbook.worksheets;
  if (sheet === undefined) return sheets[0];
  if (typeof sheet === "number") return Number.isInteger(sheet) ? sheets[sheet - 1] : undefined;
  const exact = sheets.find((s) => s.name === sheet);
  if (exact) return exact;
  const norm = (s: string) => s.trim().toLowerCase();
  return sheets.find((s) => norm(s.name) === norm(sheet));
}

/**
 * Reads one worksheet of an XLSX workbook into rows of cells. `sheet` is the sheet's name or
 * its 1-based position; without it the first sheet is read. Formula cells give their cached
 * result, dates ISO date strings, rich text its plain text. A merged range keeps its value in
 * its top-left cell only, as the file stores it, so a figure is never counted twice. Empty
 * rows are left out (`lines` keeps the spreadsheet row numbers) and empty columns at the right
 * are trimmed. A missing sheet is reported with the names of the sheets that exist.
 */
export async function readXlsx(
  bytes: Uint8Array,
  sheet?: string | number,
): Promise<Result<SheetTable, ImportIssue>> {
  if (bytes.length === 0) return err(issue("error", "empty_file", "Die Datei ist leer."));
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) return err(notXlsx(bytes));
  const workbook = new ExcelJS.Workbook();
  try {
    // A Buffer view on the same memory avoids a copy; exceljs declares its own, older Buffer
    // type, which Node's generic Buffer does not satisfy on paper.
    const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await workbook.xlsx.load(view as unknown as XlsxLoadInput);
  } catch (e) {
    return err(notXlsx(bytes, e instanceof Error ? e.message : String(e)));
  }
  const sheetNames = workbook.worksheets.map((s) => s.name);
  const worksheet = findSheet(workbook, sheet);
  if (!worksheet) {
    const list = sheetNames.map((n) => `„${n}“`).join(", ") || "keine";
    const wanted = typeof sheet === "number" ? `Nr. ${sheet}` : `„${String(sheet)}“`;
    return err(
      issue(
        "error",
        "sheet_not_found",
        `Das Tabellenblatt ${wanted} gibt es nicht. Vorhanden: ${list}.`,
        { details: { sheet: sheet ?? null, sheetNames } },
      ),
    );
  }

  const rows: SheetCell[][] = [];
  const lines: number[] = [];
  let width = 0;
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: SheetCell[] = [];
    let last = -1;
    const count = row.cellCount;
    for (let c = 1; c <= count; c++) {
      const cell = row.getCell(c);
      const raw =
        cell.type === ExcelJS.ValueType.Merge && cell.master !== cell
          ? null
          : cellToValue(cell.value);
      const value = raw === "" ? null : raw;
      cells.push(value);
      if (value !== null && !(typeof value === "string" && value.trim() === "")) last = c - 1;
    }
    if (last < 0) return;
    cells.length = last + 1;
    width = Math.max(width, cells.length);
    rows.push(cells);
    lines.push(rowNumber);
  });
  for (const r of rows) while (r.length < width) r.push(null);
  return ok({ rows, lines, sheetName: worksheet.name, sheetNames });
}
