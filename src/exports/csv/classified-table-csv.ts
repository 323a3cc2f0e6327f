/**
 * The output of `sopla classify`: the input table as it was read, with one column more that
 * holds each row's class (1 = the lowest values; empty for a row without a value). Written with
 * the input's delimiter, in UTF-8 with BOM and CRLF line ends, so that a German spreadsheet
 * opens it as it opened the input. The input's cells are written back unchanged (only quoted
 * where RFC 4180 needs it): they are the user's own data.
 */
import { quoteField } from "../../core/format/csv-field.ts";

export function writeClassifiedTableCsv(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  classColumn: string,
  classes: readonly (number | null)[],
  delimiter: string,
): string {
  const line = (fields: readonly string[]) =>
    fields.map((f) => quoteField(f, delimiter)).join(delimiter) + "\r\n";
  const width = header.length;
  const pad = (row: readonly string[]) =>
    row.length >= width ? row : [...row, ...new Array<string>(width - row.length).fill("")];
  return (
    "\uFEFF" +
    line([...header, classColumn]) +
    rows
      .map((row, i) => {
        const c = classes[i];
        return line([...pad(row), c === null || c === undefined ? "" : String(c + 1)]);
      })
      .join("")
  );
}
