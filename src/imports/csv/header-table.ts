/**
 * A small CSV table with a header row, read the way every import reads one (encoding and
 * delimiter detected): the commands that work on a file without a mapping (`sopla classify`,
 * `sopla index compute`) start here. Problems come back as German sentences.
 */
import { err, ok, type Result } from "../../core/result.ts";
import type { NumberFormat } from "../numbers.ts";
import { decodeText } from "../text/decode.ts";
import { parseCsv } from "./parse-csv.ts";

export interface HeaderTable {
  readonly header: readonly string[];
  /** The data rows (cells as text), in file order. */
  readonly rows: readonly (readonly string[])[];
  /** The file line of each data row, for messages. */
  readonly lines: readonly number[];
  readonly delimiter: string;
}

export function readHeaderTable(bytes: Uint8Array): Result<HeaderTable, string[]> {
  const decoded = decodeText(bytes, "auto");
  if (!decoded.ok) return err([decoded.error.message]);
  const table = parseCsv(decoded.value.text);
  if (!table.ok) return err([table.error.message]);
  const [header, ...rows] = table.value.rows;
  if (!header || rows.length === 0) return err(["Die Tabelle hat keine Datenzeilen."]);
  return ok({
    header,
    rows,
    lines: table.value.lines.slice(1),
    delimiter: table.value.delimiter,
  });
}

/** German numbers when a cell has a decimal comma ("1.234,5", "−0,3"), else international ones. */
export function numberFormatOfCells(cells: Iterable<string>): NumberFormat {
  for (const cell of cells) {
    if (/^[-−+]?\d+(\.\d{3})*,\d+$/.test(cell.trim())) return { decimal: ",", thousands: "." };
  }
  return { decimal: ".", thousands: "" };
}
