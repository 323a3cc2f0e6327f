/**
 * What mapping a table collects: the records and issues with their counts (`Collector`, whose
 * `value` reads one value cell on the hot path), the column names the mapping refers to
 * (`ColumnIndex`), and the warnings about the header and about columns nobody mapped.
 */
import { issue, type ImportIssue } from "../../core/data/import-issue.ts";
import { parseCell, type NumberFormat } from "../numbers.ts";
import type { ObservationStatus } from "../../contracts/documents/observation-mapping.ts";
import { cellText, isBlank, normaliseName, q, type TableCell } from "./table-cells.ts";

/** The number format of a mapping, with its own texts for "no value" (e.g. "-9999"). */
export type CellFormat = NumberFormat & { readonly missing?: readonly string[] };

/**
 * One figure read from the file: variable × area × period, with its source line and column.
 * `value` is null for a figure withheld at the source (status `missing`). `percent` says the
 * cell was written with `%`; the value then stays as written (53.4). `check` marks figures of
 * a compare-only column, which are compared with stored figures and never written.
 */
export interface ObservationRecord {
  readonly line: number;
  readonly column: string;
  readonly areaCode: string;
  readonly variableCode: string;
  readonly periodCode: string;
  readonly value: number | null;
  readonly status: ObservationStatus;
  readonly percent: boolean;
  readonly check: boolean;
}

/** Accumulates issues and counts while a table is mapped. */
export class Collector {
  readonly issues: ImportIssue[] = [];
  readonly records: ObservationRecord[] = [];
  dataRows = 0;
  emptyCells = 0;
  withheldCells = 0;
  zeroCells = 0;
  invalidCells = 0;
  skippedRows = 0;
  rejectedRows = 0;
  checkRecords = 0;

  /** Adds an issue. */
  add(i: ImportIssue): void {
    this.issues.push(i);
  }

  /**
   * Reads one value cell and adds its record, or the issue that explains why there is none.
   * Positional parameters and one object literal keep this hot path free of garbage: it runs
   * once per cell, a million times for a large file.
   */
  value(
    cell: TableCell | undefined,
    numbers: CellFormat,
    line: number,
    column: string,
    areaCode: string,
    variableCode: string,
    periodCode: string,
    status: ObservationStatus,
    check: boolean,
  ): void {
    const text = cell === null || cell === undefined ? "" : cellText(cell).trim();
    const parsed =
      text !== "" && numbers.missing?.includes(text)
        ? ({ kind: "symbol", symbol: text, meaning: "withheld" } as const)
        : parseCell(cell ?? null, numbers);
    let value: number | null;
    let percent = false;
    switch (parsed.kind) {
      case "empty":
        this.emptyCells++;
        return;
      case "invalid":
        this.invalidCells++;
        this.add(
          issue(
            "error",
            "not_a_number",
            `Zeile ${line}, Spalte ${q(column)}: ${q(cellText(cell))} ist keine gültige Zahl (${parsed.reason}).`,
            { row: line, column, details: { raw: cellText(cell), reason: parsed.reason } },
          ),
        );
        return;
      case "symbol":
        if (parsed.meaning === "withheld") {
          this.withheldCells++;
          this.add(
            issue(
              "info",
              "withheld_value",
              `Zeile ${line}, Spalte ${q(column)}: ${q(parsed.symbol)} – der Wert ist an der Quelle unbekannt oder geheim gehalten und wird als fehlend gespeichert.`,
              { row: line, column, details: { symbol: parsed.symbol } },
            ),
          );
          value = null;
          status = "missing";
        } else {
          this.zeroCells++;
          value = 0;
        }
        break;
      case "number":
        value = parsed.value;
        percent = parsed.percent;
        break;
    }
    if (check) this.checkRecords++;
    this.records.push({
      line,
      column,
      areaCode,
      variableCode,
      periodCode,
      value,
      status,
      percent,
      check,
    });
  }
}

/**
 * Resolves the column names the mapping refers to into indexes, reporting each missing one.
 * Lookup is by exact name first, then ignoring case and repeated blanks.
 */
export class ColumnIndex {
  private readonly exact = new Map<string, number>();
  private readonly loose = new Map<string, number>();
  readonly claimed = new Set<number>();

  /** Indexes the names, warning about a name that occurs twice (the first one is used). */
  constructor(
    readonly names: readonly string[],
    private readonly out: Collector,
    private readonly headerLine: number | null,
  ) {
    names.forEach((n, i) => {
      if (n === "") return;
      if (!this.exact.has(n)) this.exact.set(n, i);
      else {
        const first = this.exact.get(n)!;
        out.add(
          issue(
            "warning",
            "header_mismatch",
            `Die Kopfzeile nennt ${q(n)} mehrfach (Spalten ${first + 1} und ${i + 1}); verwendet wird Spalte ${first + 1}.`,
            { row: headerLine, column: n },
          ),
        );
      }
      const key = normaliseName(n);
      if (!this.loose.has(key)) this.loose.set(key, i);
    });
  }

  /** Finds a column by name and claims it as used, or reports it missing and returns -1. */
  find(name: string, role: string): number {
    const i = this.exact.get(name) ?? this.loose.get(normaliseName(name));
    if (i !== undefined) {
      this.claimed.add(i);
      return i;
    }
    const seen =
      this.names.length === 1
        ? ` Die Kopfzeile wurde als eine einzige Spalte ${q(this.names[0]!)} gelesen – falsches Trennzeichen?`
        : ` Vorhanden: ${this.names
            .slice(0, 30)
            .map((n) => q(n))
            .join(", ")}${this.names.length > 30 ? " …" : ""}.`;
    this.out.add(
      issue("error", "missing_column", `Spalte ${q(name)} fehlt (${role}).${seen}`, {
        row: this.headerLine,
        column: name,
      }),
    );
    return -1;
  }
}

/** The most common field count among rows, or 0 for none. */
export function commonLength(rows: readonly (readonly TableCell[])[]): number {
  const counts = new Map<number, number>();
  let best = 0;
  let bestHits = 0;
  for (const r of rows) {
    const hits = (counts.get(r.length) ?? 0) + 1;
    counts.set(r.length, hits);
    if (hits > bestHits) {
      best = r.length;
      bestHits = hits;
    }
  }
  return best;
}

/**
 * Compares the file's header with the mapping's `columns` and reports every difference, and a
 * header whose field count differs from that of the data rows, as `header_mismatch` warnings.
 */
export function compareHeader(
  header: readonly string[],
  columns: readonly string[],
  dataLength: number,
  headerLine: number,
  out: Collector,
): void {
  const n = Math.max(header.length, columns.length);
  for (let i = 0; i < n; i++) {
    const h = header[i];
    const c = columns[i];
    if (h !== undefined && c !== undefined && normaliseName(h) === normaliseName(c)) continue;
    const message =
      h === undefined
        ? `Kopfzeile hat keine Spalte ${i + 1}, die Zuordnung nennt ${q(c!)}.`
        : c === undefined
          ? `Kopfzeile nennt ${q(h)} in Spalte ${i + 1}, die Zuordnung nennt dort nichts.`
          : `Kopfzeile nennt ${q(h)} in Spalte ${i + 1}, die Zuordnung ${q(c)}.`;
    out.add(
      issue("warning", "header_mismatch", message, {
        row: headerLine,
        column: c ?? h ?? null,
        details: { index: i + 1, header: h ?? null, mapping: c ?? null },
      }),
    );
  }
  if (dataLength > 0 && header.length !== dataLength) {
    out.add(
      issue(
        "warning",
        "header_mismatch",
        `Die Kopfzeile hat ${header.length} Felder, die Datenzeilen ${dataLength}; es gelten die Spaltennamen der Zuordnung.`,
        { row: headerLine, details: { headerFields: header.length, dataFields: dataLength } },
      ),
    );
  }
}

/** Reports every column that is neither used nor listed in `ignore`, so nothing is lost silently. */
export function reportUnmapped(
  names: readonly string[],
  columns: ColumnIndex,
  ignore: readonly string[],
  dataRows: readonly (readonly TableCell[])[],
  headerLine: number | null,
  out: Collector,
): void {
  const ignored = new Set(ignore.map(normaliseName));
  names.forEach((n, i) => {
    if (columns.claimed.has(i) || (n !== "" && ignored.has(normaliseName(n)))) return;
    // A nameless column without any content is an artefact of the export, not data.
    if (n === "" && dataRows.every((r) => isBlank(r[i]))) return;
    const label = n === "" ? `Spalte ${i + 1} (ohne Namen)` : `Spalte ${q(n)}`;
    out.add(
      issue(
        "warning",
        "unmapped_column",
        `${label} wird nicht importiert: sie ist weder zugeordnet noch unter „ignore“ genannt.`,
        { row: headerLine, column: n === "" ? `Spalte ${i + 1}` : n },
      ),
    );
  });
}
