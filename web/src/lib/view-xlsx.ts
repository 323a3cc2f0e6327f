/**
 * A view's table as an Excel workbook. Loaded only when someone asks for the file (ExcelJS is
 * large, and most visits never export): title, source and date above the table, numbers as
 * numeric cells with the shown decimals as their format, signs of withheld or missing values as
 * right-aligned text, the notes below. Text is written as text, never as a formula.
 */
import ExcelJS from "exceljs";
import { roundToDecimals } from "@core/rounding.ts";
import type { ViewTable } from "./view-table.ts";

/** The 1-based row of the header: title, source, date and a blank row stand above it. */
export const VIEW_XLSX_HEADER_ROW = 5;

function numberFormat(decimals: number): string {
  return decimals > 0 ? `#,##0.${"0".repeat(decimals)}` : "#,##0";
}

export async function viewTableXlsx(
  table: ViewTable,
  sheetName = "Tabelle",
): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Sopla";
  workbook.title = table.title;
  // Excel allows 31 characters and none of : \ / ? * [ ] in a sheet name.
  const sheet = workbook.addWorksheet(sheetName.replace(/[:\\/?*[\]]/g, " ").slice(0, 31), {
    views: [{ state: "frozen", ySplit: VIEW_XLSX_HEADER_ROW }],
  });
  sheet.columns = table.columns.map((c) => ({
    width: c.decimals === undefined ? Math.max(14, Math.min(40, c.label.length + 4)) : 14,
  }));
  const title = sheet.getCell(1, 1);
  title.value = table.title;
  title.font = { bold: true, size: 14 };
  sheet.getCell(2, 1).value = table.source;
  sheet.getCell(3, 1).value = table.date;

  const header = sheet.getRow(VIEW_XLSX_HEADER_ROW);
  table.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.label;
    cell.font = { bold: true };
    if (c.decimals !== undefined) cell.alignment = { horizontal: "right" };
  });

  table.rows.forEach((row, r) => {
    const line = sheet.getRow(VIEW_XLSX_HEADER_ROW + 1 + r);
    row.forEach((value, i) => {
      if (value === null) return;
      const cell = line.getCell(i + 1);
      const decimals = table.columns[i]?.decimals;
      if (typeof value === "number") {
        // The number as the page shows it, so that the file and the screen agree.
        cell.value = decimals === undefined ? value : roundToDecimals(value, decimals);
        cell.numFmt = numberFormat(decimals ?? 0);
      } else {
        // A string stays a string: ExcelJS writes it as shared text, never as a formula.
        cell.value = value;
        if (decimals !== undefined) cell.alignment = { horizontal: "right" };
      }
    });
  });
  const last = VIEW_XLSX_HEADER_ROW + table.rows.length;
  if (table.rows.length > 0) {
    sheet.autoFilter = {
      from: { row: VIEW_XLSX_HEADER_ROW, column: 1 },
      to: { row: last, column: table.columns.length },
    };
  }
  (table.notes ?? []).forEach((note, i) => {
    sheet.getCell(last + 2 + i, 1).value = note;
  });
  const bytes = await workbook.xlsx.writeBuffer();
  return new Uint8Array(bytes);
}
