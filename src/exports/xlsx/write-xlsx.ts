import ExcelJS from "exceljs";
import { markCode } from "../../core/marks/value-mark.ts";
import {
  assertOpenDatasetShape,
  markAt,
  datasetLegend,
  distinctSources,
  roundToDecimals,
  type OpenDataset,
} from "../open-dataset.ts";

/** The sheet names, fixed so that readers and macros can rely on them. */
export const XLSX_DATA_SHEET = "Daten";
export const XLSX_NOTES_SHEET = "Erläuterungen";

/** The 1-based row of the table header on the data sheet (title, source, date, blank above). */
export const XLSX_HEADER_ROW = 5;

const DATA_HEADERS = [
  "Indikator",
  "Indikatorname",
  "Einheit",
  "Gebietsschlüssel",
  "Gebiet",
  "Zeitraum",
  "Wert",
] as const;

/**
 * The dataset as an Excel workbook for people. Sheet "Daten": the title, the source and
 * attribution, "Stand: <date>" in German notation (Europe/Berlin), a blank row, then the long
 * table (one row per indicator × area × period, as in the CSV). Values are numeric cells
 * rounded to the indicator's decimals with a matching number format, so Excel can compute
 * with them; a withheld or missing value is the text "." or "x", right-aligned like a number,
 * never the number or the reason. Sheet "Erläuterungen": the indicators with unit, source and
 * licence, and the sign legend.
 *
 * Text is written as text cells, never as formulas, so a name such as "=A1" stays text.
 * The workbook's created and modified dates are `generatedAt`, not the clock (the zip
 * container still stamps its entries with the time of writing, so bytes differ per call).
 */
export async function writeXlsx(dataset: OpenDataset): Promise<Buffer> {
  assertOpenDatasetShape(dataset);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = dataset.workspace.name;
  workbook.lastModifiedBy = dataset.workspace.name;
  workbook.created = dataset.generatedAt;
  workbook.modified = dataset.generatedAt;
  workbook.title = dataset.title;

  addDataSheet(workbook, dataset);
  addNotesSheet(workbook, dataset);

  const bytes = await workbook.xlsx.writeBuffer();
  return Buffer.from(bytes);
}

function addDataSheet(workbook: ExcelJS.Workbook, dataset: OpenDataset): void {
  const sheet = workbook.addWorksheet(XLSX_DATA_SHEET, {
    views: [{ state: "frozen", ySplit: XLSX_HEADER_ROW }],
  });
  sheet.columns = [
    { width: 16 },
    { width: 40 },
    { width: 14 },
    { width: 16 },
    { width: 28 },
    { width: 12 },
    { width: 14 },
    { width: 10 },
  ];

  const title = sheet.getCell(1, 1);
  title.value = dataset.title;
  title.font = { bold: true, size: 14 };
  sheet.getCell(2, 1).value = sourceLine(dataset);
  sheet.getCell(3, 1).value = `Stand: ${formatGermanDate(dataset.generatedAt)}`;

  const header = sheet.getRow(XLSX_HEADER_ROW);
  header.values = [...DATA_HEADERS, "Zeichen"];
  header.font = { bold: true };
  header.getCell(DATA_HEADERS.length).alignment = { horizontal: "right" };

  let rowNumber = XLSX_HEADER_ROW;
  dataset.indicators.forEach((indicator, i) => {
    const numFmt = numberFormat(indicator.decimals);
    dataset.areas.forEach((area, a) => {
      dataset.periods.forEach((period, p) => {
        rowNumber++;
        const mark = markAt(dataset, i, a, p);
        const row = sheet.getRow(rowNumber);
        row.values = [
          indicator.code,
          indicator.name,
          indicator.unit,
          area.code,
          area.name,
          period.code,
        ];
        const valueCell = row.getCell(DATA_HEADERS.length);
        if (mark.value !== null) {
          valueCell.value = roundToDecimals(mark.value, indicator.decimals);
          valueCell.numFmt = numFmt;
        } else {
          valueCell.value = mark.sign ?? ".";
          valueCell.alignment = { horizontal: "right" };
        }
        const code = markCode(mark);
        if (mark.value !== null && code !== "") row.getCell(DATA_HEADERS.length + 1).value = code;
      });
    });
  });
  sheet.autoFilter = {
    from: { row: XLSX_HEADER_ROW, column: 1 },
    to: { row: rowNumber, column: DATA_HEADERS.length + 1 },
  };
}

function addNotesSheet(workbook: ExcelJS.Workbook, dataset: OpenDataset): void {
  const sheet = workbook.addWorksheet(XLSX_NOTES_SHEET);
  sheet.columns = [{ width: 18 }, { width: 40 }, { width: 16 }, { width: 48 }, { width: 28 }];
  const bold = { bold: true } as const;

  sheet.addRow([dataset.title]).font = { bold: true, size: 14 };
  sheet.addRow(["Herausgeber", dataset.workspace.name]);
  sheet.addRow(["Raumebene", dataset.level.name]);
  sheet.addRow(["Stand", formatGermanDate(dataset.generatedAt)]);
  if (dataset.workspace.attribution !== null) {
    sheet.addRow(["Namensnennung", dataset.workspace.attribution]);
  }
  sheet.addRow([]);

  sheet.addRow(["Indikatoren"]).font = bold;
  sheet.addRow(["Indikator", "Name", "Einheit", "Quelle", "Lizenz"]).font = bold;
  for (const indicator of dataset.indicators) {
    sheet.addRow([
      indicator.code,
      indicator.name,
      indicator.unit,
      indicator.source ?? "",
      indicator.licence ?? "",
    ]);
  }
  sheet.addRow([]);

  sheet.addRow(["Zeichenerklärung"]).font = bold;
  for (const line of datasetLegend(dataset)) sheet.addRow([line]);
}

/** "Quelle: …" with the indicators' sources (or the publisher) and the attribution. */
function sourceLine(dataset: OpenDataset): string {
  const sources = distinctSources(dataset);
  const source = sources.length > 0 ? sources.join("; ") : dataset.workspace.name;
  const attribution = dataset.workspace.attribution;
  return attribution === null ? `Quelle: ${source}` : `Quelle: ${source} – ${attribution}`;
}

/**
 * An Excel number format with `decimals` places and a thousands separator; Excel shows it in
 * the reader's locale ("1.234,5" in German Excel).
 */
export function numberFormat(decimals: number): string {
  return decimals > 0 ? `#,##0.${"0".repeat(decimals)}` : "#,##0";
}

const GERMAN_DATE = new Intl.DateTimeFormat("de-DE", {
  timeZone: "Europe/Berlin",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
});

/** `date` as a German calendar date in Berlin, e.g. "06.03.2024". */
export function formatGermanDate(date: Date): string {
  return GERMAN_DATE.format(date);
}
