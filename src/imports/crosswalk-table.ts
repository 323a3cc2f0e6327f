/**
 * A crosswalk table (Umschlüsselungstabelle) as a CSV file: one row per pair of an old and a new
 * area with the share of the old area in the new one. The columns are found by their header
 * (`alt`/`old`, `neu`/`new`, `gewicht`/`weight`, any case, unless other names are given);
 * further columns (notes, a method column) are ignored. Every unreadable cell is reported with
 * its line and column, never guessed. Pure: the service checks the codes against the areas and
 * stores the table all or nothing. Method: docs/methods/crosswalk.md.
 */
import { issue, type ImportIssue } from "../core/data/import-issue.ts";
import type { CrosswalkRow } from "../core/areas/crosswalk.ts";
import { err, ok, type Result } from "../core/result.ts";
import { readHeaderTable, numberFormatOfCells } from "./csv/header-table.ts";
import { parseNumber } from "./numbers.ts";

export interface CrosswalkColumns {
  readonly old?: string | undefined;
  readonly new?: string | undefined;
  readonly weight?: string | undefined;
}

export interface CrosswalkTableRow extends CrosswalkRow {
  /** The line in the file, for messages. */
  readonly line: number;
}

const DEFAULT_NAMES = {
  old: ["alt", "old", "alter code", "code alt"],
  new: ["neu", "new", "neuer code", "code neu"],
  weight: ["gewicht", "weight", "anteil", "share"],
} as const;

const FIELD_NAME = { old: "alter Code", new: "neuer Code", weight: "Gewicht" } as const;

/** Scientific notation as written by GIS tools (`9.286e-05`); the German parser has none. */
const SCIENTIFIC = /^[+]?\d+(\.\d+)?[eE][-+]?\d+$/;

/** Reads the table: every row with its line, or every problem found. */
export function readCrosswalkTable(
  bytes: Uint8Array,
  columns: CrosswalkColumns = {},
): Result<CrosswalkTableRow[], ImportIssue[]> {
  const table = readHeaderTable(bytes);
  if (!table.ok) return err(table.error.map((m) => issue("error", "empty_file", m)));
  const { header, rows, lines } = table.value;
  const lower = header.map((h) => h.trim().toLowerCase());
  const issues: ImportIssue[] = [];
  const at = {} as Record<keyof typeof DEFAULT_NAMES, number>;
  for (const field of ["old", "new", "weight"] as const) {
    const given = columns[field];
    const names = given !== undefined ? [given.trim().toLowerCase()] : DEFAULT_NAMES[field];
    const i = lower.findIndex((h) => (names as readonly string[]).includes(h));
    if (i < 0) {
      const wanted = given !== undefined ? `„${given}“` : names.map((n) => `„${n}“`).join(" oder ");
      issues.push(
        issue(
          "error",
          "missing_column",
          `Spalte ${wanted} (${FIELD_NAME[field]}) fehlt in der Kopfzeile (vorhanden: ${header.join(", ")}).`,
          { column: given ?? names[0] },
        ),
      );
    }
    at[field] = i;
  }
  if (issues.length > 0) return err(issues);

  const weightCells = rows.map((r) => r[at.weight] ?? "");
  const format = numberFormatOfCells(weightCells);
  const out: CrosswalkTableRow[] = [];
  const seen = new Map<string, number>();
  rows.forEach((r, k) => {
    const line = lines[k] ?? k + 2;
    const oldCode = (r[at.old] ?? "").trim();
    const newCode = (r[at.new] ?? "").trim();
    const rawWeight = (r[at.weight] ?? "").trim();
    if (oldCode === "" && newCode === "" && rawWeight === "") return;
    let bad = false;
    for (const [field, value] of [
      ["old", oldCode],
      ["new", newCode],
    ] as const) {
      if (value === "") {
        bad = true;
        issues.push(
          issue("error", "empty_value", `Zeile ${line}: ${FIELD_NAME[field]} fehlt.`, {
            row: line,
            column: header[at[field]] ?? null,
          }),
        );
      }
    }
    let weight = Number.NaN;
    if (SCIENTIFIC.test(rawWeight)) weight = Number(rawWeight.replace("+", ""));
    else {
      const parsed = parseNumber(rawWeight, format);
      if (parsed.kind === "number" && !parsed.percent) weight = parsed.value;
      else if (parsed.kind === "number") weight = parsed.value / 100;
    }
    const weightColumn = header[at.weight] ?? null;
    if (!Number.isFinite(weight)) {
      bad = true;
      issues.push(
        issue(
          "error",
          rawWeight === "" ? "empty_value" : "not_a_number",
          rawWeight === ""
            ? `Zeile ${line}: Gewicht fehlt.`
            : `Zeile ${line}: Gewicht „${rawWeight}“ ist keine Zahl.`,
          { row: line, column: weightColumn },
        ),
      );
    } else if (weight < 0 || weight > 1) {
      bad = true;
      issues.push(
        issue(
          "error",
          "not_a_number",
          `Zeile ${line}: Gewicht „${rawWeight}“ liegt nicht zwischen 0 und 1.`,
          { row: line, column: weightColumn },
        ),
      );
    }
    if (bad) return;
    const key = `${oldCode}\u0000${newCode}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push(
        issue(
          "error",
          "duplicate_key",
          `Zeile ${line}: das Paar ${oldCode} → ${newCode} steht schon in Zeile ${first}.`,
          { row: line, column: header[at.new] ?? null },
        ),
      );
      return;
    }
    seen.set(key, line);
    out.push({ line, oldCode, newCode, weight });
  });
  if (issues.length > 0) return err(issues);
  if (out.length === 0) {
    return err([issue("error", "empty_file", "Die Tabelle hat keine Datenzeilen.")]);
  }
  return ok(out);
}
