/**
 * A mapping applied to a table: the header and the rows read, each row's status and figures,
 * one record per figure, every issue and a summary. The cells are read in `table-cells.ts`,
 * collected in `mapping-collector.ts`, and each row becomes figures by `plan-rows.ts`.
 */
import { issue, type ImportIssue } from "../../core/data/import-issue.ts";
import type {
  ObservationMapping,
  ObservationStatus,
} from "../../contracts/documents/observation-mapping.ts";
import {
  ColumnIndex,
  Collector,
  commonLength,
  compareHeader,
  reportUnmapped,
  type CellFormat,
  type ObservationRecord,
} from "./mapping-collector.ts";
import { planLong, planWide } from "./plan-rows.ts";
import { cellText, isBlank, q, trimKeys, type TableCell, type TableInput } from "./table-cells.ts";

export type { ObservationRecord } from "./mapping-collector.ts";
export type { TableCell, TableInput } from "./table-cells.ts";

export interface MappingSummary {
  /** Data rows after the header that hold anything. */
  readonly dataRows: number;
  /** Records to be written (not compare-only). */
  readonly records: number;
  /** Records of compare-only columns. */
  readonly checkRecords: number;
  /** Empty value cells: no record. */
  readonly emptyCells: number;
  /** Cells with a withheld-value symbol (`.`, `x`, `*` …): a record without value. */
  readonly withheldCells: number;
  /** Cells with a dash, which means exactly zero. */
  readonly zeroCells: number;
  /** Cells that are not a number: an error each. */
  readonly invalidCells: number;
  /** Rows the mapping skips deliberately (a label or area mapped to null). */
  readonly skippedRows: number;
  /** Rows that could not be read at all (wrong length, unknown area or variable label …). */
  readonly rejectedRows: number;
}

export interface MappingResult {
  readonly records: ObservationRecord[];
  readonly issues: ImportIssue[];
  readonly summary: MappingSummary;
  /** The column names in effect: the mapping's `columns` or the file's header. */
  readonly columns: string[];
}

/** German built-in words for the status column; a mapping's `status.map` comes first. */
const STATUS_WORDS: ReadonlyMap<string, ObservationStatus> = new Map([
  ["final", "final"],
  ["endgültig", "final"],
  ["endgueltig", "final"],
  ["e", "final"],
  ["provisional", "provisional"],
  ["vorläufig", "provisional"],
  ["vorlaeufig", "provisional"],
  ["p", "provisional"],
  ["v", "provisional"],
  ["estimated", "estimated"],
  ["geschätzt", "estimated"],
  ["geschaetzt", "estimated"],
  ["s", "estimated"],
  ["missing", "missing"],
  ["fehlend", "missing"],
]);

/**
 * Applies a mapping to a table and returns one record per figure, the issues found and a
 * summary. Rows up to line `skipRows` are dropped; then the first row is the header (unless
 * `header` is false). The mapping's `columns` replace the header's names, and a header that
 * disagrees with them is reported as a warning. Rows of another length than the header are
 * errors; blank rows are skipped. Empty cells give no record (counted once), withheld symbols
 * a record without value (status `missing`), dashes a zero, anything else that is not a
 * number an error naming line, column, the text and the reason. Columns neither mapped nor
 * ignored are reported as warnings. Codes are not checked against the catalogue here; that
 * is `validateObservations`' job.
 */
export function applyMapping(table: TableInput, mapping: ObservationMapping): MappingResult {
  const out = new Collector();
  const numbers: CellFormat = mapping.numbers;
  /** Adds the one note about empty cells and assembles the result. */
  const finish = (names: string[]): MappingResult => {
    if (out.emptyCells > 0) {
      out.add(
        issue(
          "info",
          "empty_value",
          `${out.emptyCells} leere Zelle(n) ohne Wert – dafür wird nichts gespeichert.`,
          { details: { count: out.emptyCells } },
        ),
      );
    }
    return {
      records: out.records,
      issues: out.issues,
      columns: names,
      summary: {
        dataRows: out.dataRows,
        records: out.records.length - out.checkRecords,
        checkRecords: out.checkRecords,
        emptyCells: out.emptyCells,
        withheldCells: out.withheldCells,
        zeroCells: out.zeroCells,
        invalidCells: out.invalidCells,
        skippedRows: out.skippedRows,
        rejectedRows: out.rejectedRows,
      },
    };
  };

  let start = 0;
  while (start < table.rows.length && table.lines[start]! <= mapping.skipRows) start++;
  let headerLine: number | null = null;
  let header: string[] | null = null;
  if (mapping.header) {
    const row = table.rows[start];
    if (!row) {
      out.add(issue("error", "empty_file", "Die Tabelle enthält keine Kopfzeile und keine Daten."));
      return finish([]);
    }
    header = row.map(cellText);
    headerLine = table.lines[start]!;
    start++;
  }
  const dataRows = table.rows.slice(start);
  const dataLines = table.lines.slice(start);
  if (dataRows.length === 0) {
    out.add(issue("error", "empty_file", "Die Tabelle enthält keine Datenzeilen."));
  }
  const names = mapping.columns ? [...mapping.columns] : header!;
  if (mapping.columns && header) {
    compareHeader(header, mapping.columns, commonLength(dataRows), headerLine!, out);
  } else if (header && dataRows.length > 0) {
    const length = dataRows[0]!.length;
    if (length !== header.length && dataRows.every((r) => r.length === length)) {
      out.add(
        issue(
          "warning",
          "header_mismatch",
          `Die Kopfzeile hat ${header.length} Felder, alle Datenzeilen ${length}. Ist die Kopfzeile fehlerhaft? Mit „columns“ in der Zuordnung lassen sich die Spaltennamen ersetzen.`,
          { row: headerLine, details: { headerFields: header.length, dataFields: length } },
        ),
      );
    }
  }

  const columns = new ColumnIndex(names, out, headerLine);
  const issuesBefore = out.issues.filter((i) => i.severity === "error").length;
  const plan =
    mapping.layout === "long"
      ? planLong(mapping, columns)
      : planWide(mapping, columns, names, headerLine, out);
  const status = mapping.status;
  const statusColumn =
    status?.column !== undefined ? columns.find(status.column, "Status") : undefined;
  if (out.issues.filter((i) => i.severity === "error").length > issuesBefore) {
    // A missing column or an unusable column definition makes every row wrong: say it once.
    // The message lists the columns that exist, so unmapped ones need no warnings of their own.
    return finish(names);
  }
  reportUnmapped(names, columns, mapping.ignore, dataRows, headerLine, out);

  const statusMap = trimKeys(status?.map);
  const statusCache = new Map<string, ObservationStatus | null>();
  /** The status of a row's figures, or null (with an error) for a status word nobody knows. */
  const rowStatus = (row: readonly TableCell[], line: number): ObservationStatus | null => {
    if (statusColumn === undefined) return status?.value ?? "final";
    const text = cellText(row[statusColumn]);
    if (text === "") return "final";
    let s = statusCache.get(text);
    if (s === undefined) {
      s = statusMap?.get(text) ?? STATUS_WORDS.get(text.toLowerCase()) ?? null;
      statusCache.set(text, s);
    }
    if (s === null) {
      out.add(
        issue(
          "error",
          "unknown_status",
          `Zeile ${line}, Spalte ${q(names[statusColumn]!)}: Status ${q(text)} ist unbekannt (erwartet z. B. endgültig, vorläufig, geschätzt – oder „status.map“ ergänzen).`,
          { row: line, column: names[statusColumn]! },
        ),
      );
    }
    return s;
  };

  const expected = names.length;
  for (let r = 0; r < dataRows.length; r++) {
    const row = dataRows[r]!;
    const line = dataLines[r]!;
    if (row.every(isBlank)) continue;
    out.dataRows++;
    if (row.length !== expected) {
      const extraBlank = row.length > expected && row.slice(expected).every(isBlank);
      if (!extraBlank) {
        out.rejectedRows++;
        out.add(
          issue(
            "error",
            "row_length",
            `Zeile ${line}: ${row.length} Felder, erwartet ${expected} (wie ${mapping.columns ? "die Spaltennamen der Zuordnung" : "die Kopfzeile"}).`,
            { row: line, details: { expected, found: row.length } },
          ),
        );
        continue;
      }
    }
    const rowStatusValue = rowStatus(row, line);
    if (rowStatusValue === null) {
      out.rejectedRows++;
      continue;
    }
    plan(row, line, rowStatusValue, numbers, out);
  }
  return finish(names);
}
