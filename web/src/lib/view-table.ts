/**
 * A table as a page shows it, ready to leave the browser: title, source and date travel with
 * the rows, numbers stay numbers (with the decimals they are shown with), and the signs of
 * withheld (".") or missing ("–") values stay text. The CSV and XLSX exports of every view are
 * written from this one shape, so both files of a view say the same.
 */

import { neutraliseFormula, quoteField } from "@core/format/csv-field.ts";

export interface ViewColumn {
  readonly label: string;
  /** A numeric column shown with this many decimals; text columns have none. */
  readonly decimals?: number;
}

/** A number, a text (in a numeric column: a sign such as "." or "–"), or an empty cell. */
export type ViewCell = string | number | null;

export interface ViewTable {
  readonly title: string;
  readonly source: string;
  /** "Stand: 24.11.2026, 12:00", as shown to the reader. */
  readonly date: string;
  readonly columns: readonly ViewColumn[];
  readonly rows: readonly (readonly ViewCell[])[];
  /** Lines under the table: what the signs mean, what was left out. */
  readonly notes?: readonly string[];
}

/**
 * The table as German CSV: `;` between fields, decimal comma, UTF-8 with a byte order mark so
 * that Excel reads umlauts right; title, source and date in the first lines, a blank line,
 * then the header and the rows, then the notes.
 */
export function viewTableCsv(table: ViewTable, locale: string): string {
  const formats = table.columns.map((c) =>
    c.decimals === undefined
      ? null
      : new Intl.NumberFormat(locale, {
          minimumFractionDigits: c.decimals,
          maximumFractionDigits: c.decimals,
        }),
  );
  // Text is defused (a name such as "=A1" stays text); numbers are written as they are.
  const cell = (value: ViewCell, i: number): string => {
    if (value === null) return "";
    if (typeof value === "string") return neutraliseFormula(value);
    return formats[i]?.format(value) ?? String(value);
  };
  const lines: string[][] = [
    [neutraliseFormula(table.title)],
    [neutraliseFormula(table.source)],
    [neutraliseFormula(table.date)],
    [],
    table.columns.map((c) => neutraliseFormula(c.label)),
    ...table.rows.map((row) => row.map(cell)),
  ];
  if (table.notes && table.notes.length > 0) {
    lines.push([], ...table.notes.map((n) => [neutraliseFormula(n)]));
  }
  const text = lines.map((r) => r.map((f) => quoteField(f, ";")).join(";")).join("\r\n");
  return `\uFEFF${text}\r\n`;
}

/** A file name from parts: lower case, no spaces or characters a file system dislikes. */
export function fileName(parts: readonly (string | undefined)[], extension: string): string {
  const base = parts
    .filter((p): p is string => p !== undefined && p !== "")
    .map((p) =>
      p
        .normalize("NFKD")
        .replace(/[\u0300-\u036f]/g, "")
        .replace(/ß/g, "ss")
        .replace(/[^A-Za-z0-9_.]+/g, "_")
        .replace(/^_+|_+$/g, ""),
    )
    .filter((p) => p !== "")
    .join("-");
  return `${base || "sopla"}.${extension}`;
}
