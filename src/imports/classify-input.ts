/**
 * The table of `sopla classify`: any CSV with a header row, one column of numbers to classify
 * and optionally a column that splits the rows into groups (e.g. the year). Read like every
 * import: encoding and delimiter detected, German or international numbers, the table signs
 * of official statistics ("." withheld, "–" zero). Every bad cell is named with its line and
 * column; a table with any is refused whole. The other columns are kept as they are, so that
 * the output is the input with one column more.
 */
import { err, ok, type Result } from "../core/result.ts";
import { known, missing, type Value } from "../core/value.ts";
import { numberFormatOfCells, readHeaderTable } from "./csv/header-table.ts";
import { parseNumber } from "./numbers.ts";

export interface ClassifyInputOptions {
  /** The header of the column to classify (compared without surrounding blanks). */
  readonly column: string;
  /** The header of the column whose values split the rows into groups, each classified alone. */
  readonly group?: string | undefined;
  /** Extra texts that mean "no value", e.g. "-9999". */
  readonly missing?: readonly string[];
}

export interface ClassifyInput {
  /** The header row as read. */
  readonly header: readonly string[];
  /** The data rows as read (cells as text), in file order. */
  readonly rows: readonly (readonly string[])[];
  /** The delimiter of the file, used again for the output. */
  readonly delimiter: string;
  /** The value of each row: a number, or missing (empty, "NA", `--na`, or ".", "x" … of the source). */
  readonly values: readonly Value<number>[];
  /** The group of each row (the trimmed text of the group column), or `null` without groups. */
  readonly groups: readonly string[] | null;
}

/** Reads the table to classify, or every problem in German (nothing is classified then). */
export function readClassifyInput(
  bytes: Uint8Array,
  options: ClassifyInputOptions,
): Result<ClassifyInput, string[]> {
  const table = readHeaderTable(bytes);
  if (!table.ok) return table;
  const { header, rows, lines } = table.value;
  const names = header.map((h) => h.trim());
  const present = `Vorhanden: ${names.map((n) => `„${n}“`).join(", ")}.`;
  const problems: string[] = [];
  const at = names.indexOf(options.column.trim());
  if (at < 0) problems.push(`Die Spalte „${options.column}“ fehlt. ${present}`);
  const groupAt = options.group === undefined ? -1 : names.indexOf(options.group.trim());
  if (options.group !== undefined && groupAt < 0) {
    problems.push(`Die Gruppenspalte „${options.group}“ fehlt. ${present}`);
  }
  if (problems.length > 0) return err(problems);

  const none = new Set(["", "NA", ...(options.missing ?? []).map((m) => m.trim())]);
  const format = numberFormatOfCells(rows.map((r) => r[at] ?? ""));
  const column = names[at]!;
  const values = rows.map((row, r): Value<number> => {
    const text = (row[at] ?? "").trim();
    if (none.has(text)) return missing("no_data");
    const p = parseNumber(text, format);
    switch (p.kind) {
      case "number":
        return known(p.value);
      case "empty":
        return missing("no_data");
      case "symbol":
        return p.meaning === "zero" ? known(0) : missing("withheld_at_source");
      case "invalid":
        problems.push(
          `Zeile ${lines[r] ?? r + 2}, Spalte „${column}“: „${text}“ ist keine Zahl (${p.reason}).`,
        );
        return missing("no_data");
    }
  });
  if (problems.length > 0) return err(problems);
  return ok({
    header,
    rows,
    delimiter: table.value.delimiter,
    values,
    groups: groupAt < 0 ? null : rows.map((row) => (row[groupAt] ?? "").trim()),
  });
}
