/**
 * The façade of the pure import pipeline: bytes of a CSV or XLSX file plus a mapping in,
 * a table (`readTable`) or observation records with issues (`readObservations`) out.
 *
 * Division of labour: `readTable` does everything that depends on the file format (encoding,
 * delimiter, sheet) and returns all non-empty rows with their source lines; `applyMapping`
 * does everything that depends on the table's layout (`skipRows`, the header, `columns`), so
 * CSV and XLSX files behave the same from there on.
 */
import { err, ok, type Result } from "../core/result.ts";
import { parseCsv, type CsvDelimiterOption } from "./csv/parse-csv.ts";
import { issue, type ImportIssue } from "../core/data/import-issue.ts";
import {
  applyMapping,
  type MappingResult,
  type ObservationMapping,
  type TableCell,
} from "./mapping/mapping.ts";
import { decodeText, type DeclaredEncoding, type TextEncoding } from "./text/decode.ts";
import { readXlsx } from "./xlsx/read-xlsx.ts";

/** What `readTable` needs to know: the format options of a mapping (a whole mapping will do). */
export interface TableReadOptions {
  readonly format: "csv" | "xlsx";
  readonly csv?: {
    readonly delimiter?: CsvDelimiterOption | undefined;
    readonly encoding?: DeclaredEncoding | undefined;
  };
  readonly xlsx?: { readonly sheet?: string | number | undefined };
  /** Leading lines that are not part of the table; the delimiter detection skips them. */
  readonly skipRows?: number;
}

/** How the file was read, for the import report. */
export type TableSource =
  | {
      readonly format: "csv";
      readonly encoding: TextEncoding;
      readonly hadBom: boolean;
      readonly delimiter: string;
      readonly delimiterDetected: boolean;
    }
  | { readonly format: "xlsx"; readonly sheetName: string; readonly sheetNames: string[] };

export interface ReadTable {
  readonly rows: TableCell[][];
  /** `lines[i]`: the 1-based line (CSV) or spreadsheet row (XLSX) where row `i` starts. */
  readonly lines: number[];
  readonly source: TableSource;
}

/**
 * Reads the rows of a CSV or XLSX file. CSV bytes are decoded (`csv.encoding`, default auto)
 * and parsed (`csv.delimiter`, default auto; detection starts after `skipRows` lines); XLSX
 * bytes are read from `xlsx.sheet` (name or 1-based position, default the first sheet).
 */
export async function readTable(
  bytes: Uint8Array,
  options: TableReadOptions,
): Promise<Result<ReadTable, ImportIssue>> {
  if (options.format === "xlsx") {
    const sheet = await readXlsx(bytes, options.xlsx?.sheet);
    if (!sheet.ok) return sheet;
    const { rows, lines, sheetName, sheetNames } = sheet.value;
    return ok({ rows, lines, source: { format: "xlsx", sheetName, sheetNames } });
  }
  const decoded = decodeText(bytes, options.csv?.encoding ?? "auto");
  if (!decoded.ok) return decoded;
  const { text, encoding, hadBom } = decoded.value;
  const skipRows = options.skipRows ?? 0;
  const parsed = parseCsv(text, {
    delimiter: options.csv?.delimiter ?? "auto",
    detectionStartRow: skipRows > 0 ? countLeadingRows(text, skipRows) : 0,
  });
  if (!parsed.ok) return err(parsed.error);
  const { rows, lines, delimiter, delimiterDetected } = parsed.value;
  return ok({
    rows,
    lines,
    source: { format: "csv", encoding, hadBom, delimiter, delimiterDetected },
  });
}

/**
 * Counts the non-empty physical lines among the first `skipLines` lines, which is how many
 * rows the delimiter detection must pass over (it counts non-empty rows, not lines).
 */
function countLeadingRows(text: string, skipLines: number): number {
  let rows = 0;
  let start = 0;
  for (let line = 0; line < skipLines && start <= text.length; line++) {
    const end = text.slice(start).search(/\r\n|\r|\n/);
    const content = end === -1 ? text.slice(start) : text.slice(start, start + end);
    if (content.trim() !== "") rows++;
    if (end === -1) break;
    const breakLength = text.startsWith("\r\n", start + end) ? 2 : 1;
    start += end + breakLength;
  }
  return rows;
}

/** The column names a mapping refers to (patterns count as one each). */
function referencedColumns(m: ObservationMapping): number {
  const names = new Set<string>();
  /** Counts a column name if the mapping gives one. */
  const add = (n: string | undefined) => {
    if (n !== undefined) names.add(n);
  };
  add(m.area?.column);
  add(m.status?.column);
  add(m.variable?.column);
  if (m.layout === "long") {
    add(m.period.column);
    add(m.value.column);
  } else {
    for (const v of m.values) add(v.column ?? `pattern:${v.pattern ?? ""}`);
  }
  return names.size;
}

export interface ObservationsRead extends MappingResult {
  /** How the file was read, or null when it could not be read at all. */
  readonly source: TableSource | null;
}

/**
 * Reads a file and applies the mapping: the whole pure part of an observation import before
 * validation. A file that cannot be read yields no records and its one issue; a CSV file
 * whose delimiter could not be detected although the mapping needs several columns gets a
 * `delimiter_not_detected` error beside the mapping's `missing_column` errors.
 */
export async function readObservations(
  bytes: Uint8Array,
  mapping: ObservationMapping,
): Promise<ObservationsRead> {
  const table = await readTable(bytes, mapping);
  if (!table.ok) {
    return {
      records: [],
      issues: [table.error],
      columns: [],
      source: null,
      summary: {
        dataRows: 0,
        records: 0,
        checkRecords: 0,
        emptyCells: 0,
        withheldCells: 0,
        zeroCells: 0,
        invalidCells: 0,
        skippedRows: 0,
        rejectedRows: 0,
      },
    };
  }
  const result = applyMapping(table.value, mapping);
  const source = table.value.source;
  const issues = [...result.issues];
  if (
    source.format === "csv" &&
    !source.delimiterDetected &&
    mapping.csv.delimiter === "auto" &&
    referencedColumns(mapping) > 1
  ) {
    issues.unshift(
      issue(
        "error",
        "delimiter_not_detected",
        "Das Trennzeichen wurde nicht erkannt: die erste Zeile enthält weder Semikolon noch Komma, Tabulator oder senkrechten Strich. Bitte „csv.delimiter“ in der Zuordnung angeben.",
      ),
    );
  }
  return { ...result, issues, source };
}
