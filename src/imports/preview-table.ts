/**
 * A first look at a table before any mapping exists: the header, the first data rows as text
 * and how many data rows there are. It splits the rows exactly as `applyMapping` does (lines
 * up to `skipRows` dropped, then the header, then the data), so what the preview shows is what
 * an import with the same `skipRows` reads.
 */
import type { TableCell, TableInput } from "./mapping/mapping.ts";

export interface TablePreview {
  /** The header's cells as text (left to right); empty when nothing is left after `skipRows`. */
  readonly columns: string[];
  /** The line (CSV) or sheet row (XLSX) of the header, or null when there is none. */
  readonly headerLine: number | null;
  /** The first data rows with their line, each cell as text. */
  readonly rows: { readonly line: number; readonly cells: string[] }[];
  /** How many data rows hold anything (blank rows are not counted, as in the import). */
  readonly rowCount: number;
  /** The first `sampleRows` data rows as read, for guessing a mapping. */
  readonly sample: (readonly TableCell[])[];
}

/** Writes a cell as text: numbers (from XLSX) as JavaScript writes them, empty as "". */
export function cellAsText(cell: TableCell | undefined): string {
  if (cell === null || cell === undefined) return "";
  return typeof cell === "number" ? String(cell) : cell;
}

/** Tells whether a cell holds nothing but whitespace. */
function isBlank(cell: TableCell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}

/**
 * Splits a table into header and data rows for a preview. `rows` data rows are returned as
 * text (trimmed header names, cells as written), `sampleRows` as read for a mapping guess.
 */
export function previewTable(
  table: TableInput,
  options: { readonly skipRows: number; readonly rows: number; readonly sampleRows: number },
): TablePreview {
  let start = 0;
  while (start < table.rows.length && table.lines[start]! <= options.skipRows) start++;
  const headerRow = table.rows[start];
  if (!headerRow) return { columns: [], headerLine: null, rows: [], rowCount: 0, sample: [] };
  const rows: { line: number; cells: string[] }[] = [];
  const sample: (readonly TableCell[])[] = [];
  let rowCount = 0;
  for (let r = start + 1; r < table.rows.length; r++) {
    const row = table.rows[r]!;
    if (row.every(isBlank)) continue;
    rowCount++;
    if (rows.length < options.rows) {
      rows.push({ line: table.lines[r]!, cells: row.map(cellAsText) });
    }
    if (sample.length < options.sampleRows) sample.push(row);
  }
  return {
    columns: headerRow.map((c) => cellAsText(c).trim()),
    headerLine: table.lines[start]!,
    rows,
    rowCount,
    sample,
  };
}
