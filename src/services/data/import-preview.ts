/**
 * A look at a table before it is imported: how it was read (format, encoding, delimiter,
 * sheets), its header, its first rows, how many rows it has, and a suggested mapping from the
 * column names and the catalogue's variable codes. Reads the catalogue, writes nothing.
 */
import { formatNumber } from "../../core/format/number.ts";
import type { Audience } from "../../core/publication/publication.ts";
import { readTable } from "../../imports/read-table.ts";
import { previewTable } from "../../imports/preview-table.ts";
import { suggestMapping, type MappingSuggestion } from "../../imports/mapping/suggest-mapping.ts";
import {
  detectBinaryFormat,
  type DeclaredEncoding,
  type TextEncoding,
} from "../../imports/text/decode.ts";
import type { CsvDelimiterOption } from "../../imports/csv/parse-csv.ts";
import { AppError } from "../app-error.ts";
import { getVariables } from "../indicators/catalogue-read.ts";
import type { ServiceContext } from "../context.ts";
import type { Workspace } from "../workspaces.ts";

/** How many data rows the preview shows. */
export const PREVIEW_ROWS = 10;
/** How many data rows the mapping guess looks at (for the number format). */
const SAMPLE_ROWS = 200;

export interface PreviewRequest {
  readonly workspace: Workspace;
  /** Whose catalogue view decides which variable codes the guess may use. */
  readonly audience: Audience;
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly delimiter: CsvDelimiterOption;
  readonly encoding: DeclaredEncoding;
  readonly sheet?: string | undefined;
  readonly skipRows: number;
}

export interface ImportPreview {
  readonly fileName: string;
  readonly fileSize: number;
  readonly format: "csv" | "xlsx";
  readonly csv: {
    readonly encoding: TextEncoding;
    readonly encodingDetected: boolean;
    readonly hadBom: boolean;
    readonly delimiter: string;
    readonly delimiterDetected: boolean;
  } | null;
  readonly xlsx: { readonly sheet: string; readonly sheets: string[] } | null;
  readonly skipRows: number;
  readonly headerLine: number | null;
  readonly columns: string[];
  readonly rows: { readonly line: number; readonly cells: string[] }[];
  readonly rowCount: number;
  readonly suggestion: MappingSuggestion;
}

const GEODATA = /\.(geojson|topojson|json)$/i;
const XLSX_NAME = /\.xls[xm]$/i;

/**
 * Tells the format of a table from its name and first bytes: a ZIP (XLSX) or a name ending in
 * .xlsx is a workbook, anything else is read as CSV text (whose reader names PDFs, images
 * and old XLS files). Geodata are refused: they are imported with a mapping of their own.
 */
function formatOf(fileName: string, bytes: Uint8Array): "csv" | "xlsx" {
  if (GEODATA.test(fileName)) {
    throw new AppError(
      "unreadable_file",
      "Die Vorschau liest Tabellen (CSV, XLSX). Geodaten (GeoJSON, TopoJSON) werden mit einer Zuordnung als JSON importiert, siehe docs/import-mapping.md.",
      { fileName },
    );
  }
  if (XLSX_NAME.test(fileName)) return "xlsx";
  return detectBinaryFormat(bytes)?.includes("XLSX/ZIP") ? "xlsx" : "csv";
}

/** Megabytes, German style, for messages. */
const mb = (n: number) => formatNumber(n / 1024 / 1024, { max: 1 });

/**
 * Reads a table for the mapping form. A file that is too large or cannot be read as a table
 * is an `AppError` (`payload_too_large`, `unreadable_file`) with the reader's German message.
 */
export async function previewImport(
  ctx: ServiceContext,
  req: PreviewRequest,
): Promise<ImportPreview> {
  if (req.bytes.byteLength > ctx.limits.maxImportBytes) {
    throw new AppError(
      "payload_too_large",
      `Die Datei ist ${mb(req.bytes.byteLength)} MB groß; erlaubt sind höchstens ${mb(ctx.limits.maxImportBytes)} MB.`,
    );
  }
  const format = formatOf(req.fileName, req.bytes);
  const read = await readTable(req.bytes, {
    format,
    csv: { delimiter: req.delimiter, encoding: req.encoding },
    xlsx: { sheet: req.sheet },
    skipRows: req.skipRows,
  });
  if (!read.ok) {
    const i = read.error;
    throw new AppError("unreadable_file", i.message, {
      issue: { code: i.code, message: i.message },
    });
  }
  const table = previewTable(read.value, {
    skipRows: req.skipRows,
    rows: PREVIEW_ROWS,
    sampleRows: SAMPLE_ROWS,
  });
  const source = read.value.source;
  const variables = await getVariables(ctx, req.workspace, req.audience);
  const suggestion = suggestMapping({
    columns: table.columns,
    rows: table.sample,
    variableCodes: variables.map((v) => v.code),
    variableNames: variables.map((v) => ({ code: v.code, name: v.name })),
    read: {
      format,
      csv: { delimiter: req.delimiter, encoding: req.encoding },
      // A workbook of several sheets: the mapping names the one read, so it is read again.
      ...(source.format === "xlsx" && (req.sheet !== undefined || source.sheetNames.length > 1)
        ? { sheet: source.sheetName }
        : {}),
      skipRows: req.skipRows,
    },
  });
  return {
    fileName: req.fileName,
    fileSize: req.bytes.byteLength,
    format,
    csv:
      source.format === "csv"
        ? {
            encoding: source.encoding,
            encodingDetected: req.encoding === "auto",
            hadBom: source.hadBom,
            delimiter: source.delimiter,
            delimiterDetected: req.delimiter === "auto" && source.delimiterDetected,
          }
        : null,
    xlsx: source.format === "xlsx" ? { sheet: source.sheetName, sheets: source.sheetNames } : null,
    skipRows: req.skipRows,
    headerLine: table.headerLine,
    columns: table.columns,
    rows: table.rows,
    rowCount: table.rowCount,
    suggestion,
  };
}
