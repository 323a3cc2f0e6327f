import { parsePeriod, type Period } from "../../core/periods/period.ts";
import { issue, type ImportIssue } from "../issue.ts";
import { parseCell, type NumberFormat } from "../numbers.ts";

/** The number format of a mapping, with its own texts for "no value" (e.g. "-9999"). */
type CellFormat = NumberFormat & { readonly missing?: readonly string[] };
import type {
  AreaSpec,
  ObservationMapping,
  ObservationStatus,
  ValueEntry,
} from "./mapping-schema.ts";

/** One cell of a table as the readers deliver it. */
export type TableCell = string | number | null;

/** A table as `readTable` (CSV or XLSX) delivers it: rows and the source line of each row. */
export interface TableInput {
  readonly rows: readonly (readonly TableCell[])[];
  readonly lines: readonly number[];
}

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

/** Writes a cell as trimmed text; numbers (from XLSX) as JavaScript writes them. */
function cellText(cell: TableCell | undefined): string {
  if (cell === null || cell === undefined) return "";
  return typeof cell === "number" ? String(cell) : cell.trim();
}

/** Tells whether a cell holds nothing but whitespace. */
function isBlank(cell: TableCell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}

/** Normalises a column name for lookup: trimmed, lower case, inner whitespace collapsed. */
function normaliseName(s: string): string {
  return s.trim().replace(/\s+/g, " ").toLowerCase();
}

/** Quotes a text the German way for messages. */
const q = (s: string): string => `„${s}“`;

/** Replaces `$1` … `$9` in a template with the capture groups of a match. */
function substitute(template: string, match: RegExpExecArray): string {
  return template.replace(/\$(\d)/g, (_, n: string) => match[Number(n)] ?? "");
}

/** Trims the keys of a label map so that lookups with trimmed cell text find them. */
function trimKeys<V>(map: Readonly<Record<string, V>> | undefined): Map<string, V> | null {
  if (!map) return null;
  return new Map(Object.entries(map).map(([k, v]) => [k.trim(), v]));
}

type AreaOutcome =
  | { readonly kind: "code"; readonly code: string }
  | { readonly kind: "skip"; readonly label: string }
  | { readonly kind: "error"; readonly reason: string };

/**
 * Builds the function that turns an area cell into an area code: the `map` first (null skips
 * the row), then `pattern` (first capture group or whole match), `padStart` and `prefix`.
 * Results are cached per cell text, since a column repeats few distinct areas.
 */
function areaResolver(spec: AreaSpec): (cell: TableCell | undefined) => AreaOutcome {
  const map = trimKeys(spec.map);
  const pattern = spec.pattern !== undefined ? new RegExp(spec.pattern) : null;
  const cache = new Map<string, AreaOutcome>();
  /** Resolves one distinct cell text; the cache below calls it once per text. */
  const resolve = (text: string): AreaOutcome => {
    if (text === "") return { kind: "error", reason: "kein Gebiet angegeben" };
    if (map?.has(text)) {
      const code = map.get(text);
      return code === null || code === undefined
        ? { kind: "skip", label: text }
        : { kind: "code", code };
    }
    let kept = text;
    if (pattern) {
      const m = pattern.exec(text);
      if (!m) {
        return { kind: "error", reason: `${q(text)} passt nicht zum Muster ${q(spec.pattern!)}` };
      }
      kept = m[1] ?? m[0];
    }
    if (spec.padStart !== undefined) kept = kept.padStart(spec.padStart, "0");
    return { kind: "code", code: `${spec.prefix ?? ""}${kept}` };
  };
  return (cell) => {
    const text = cellText(cell);
    let out = cache.get(text);
    if (!out) {
      out = resolve(text);
      cache.set(text, out);
    }
    return out;
  };
}

type LabelOutcome =
  | { readonly kind: "code"; readonly code: string }
  | { readonly kind: "skip" }
  | { readonly kind: "unknown" }
  | { readonly kind: "empty" };

/** Builds the lookup of a row label (variable) through an optional map, cached per label. */
function labelResolver(
  map: Readonly<Record<string, string | null>> | undefined,
): (label: string) => LabelOutcome {
  const trimmed = trimKeys(map);
  return (label) => {
    if (label === "") return { kind: "empty" };
    if (!trimmed) return { kind: "code", code: label };
    if (!trimmed.has(label)) return { kind: "unknown" };
    const code = trimmed.get(label);
    return code === null || code === undefined ? { kind: "skip" } : { kind: "code", code };
  };
}

/** A column of a wide table that yields figures. */
interface ValueColumn {
  readonly index: number;
  readonly name: string;
  /** The variable code, or null when each row names it (`variable.column`). */
  readonly variable: string | null;
  readonly period: Period;
  readonly check: boolean;
}

/** Accumulates issues and counts while a table is mapped. */
class Collector {
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
class ColumnIndex {
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
function commonLength(rows: readonly (readonly TableCell[])[]): number {
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
function compareHeader(
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
function reportUnmapped(
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

/** Parses a period once per distinct text, so long tables with few periods stay fast. */
function periodCache(): (text: string) => Period | string {
  const cache = new Map<string, Period | string>();
  return (text) => {
    let p = cache.get(text);
    if (p === undefined) {
      const r = parsePeriod(text);
      p = r.ok ? r.value : r.error;
      cache.set(text, p);
    }
    return p;
  };
}

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

type RowHandler = (
  row: readonly TableCell[],
  line: number,
  status: ObservationStatus,
  numbers: CellFormat,
  out: Collector,
) => void;

/** Resolves the area of a row, reporting an error or a deliberate skip; null means no records. */
function rowArea(
  resolve: (cell: TableCell | undefined) => AreaOutcome,
  row: readonly TableCell[],
  index: number,
  name: string,
  line: number,
  out: Collector,
): string | null {
  const area = resolve(row[index]);
  switch (area.kind) {
    case "code":
      return area.code;
    case "skip":
      out.skippedRows++;
      out.add(
        issue(
          "info",
          "skipped_row",
          `Zeile ${line}: ${q(area.label)} wird laut Zuordnung übersprungen.`,
          {
            row: line,
            column: name,
          },
        ),
      );
      return null;
    case "error":
      out.rejectedRows++;
      out.add(
        issue("error", "unknown_area", `Zeile ${line}, Spalte ${q(name)}: ${area.reason}.`, {
          row: line,
          column: name,
        }),
      );
      return null;
  }
}

/** Resolves the variable label of a row; reports skips and unknown labels; null means none. */
function rowVariable(
  resolve: (label: string) => LabelOutcome,
  label: string,
  name: string,
  line: number,
  out: Collector,
): string | null {
  const v = resolve(label);
  switch (v.kind) {
    case "code":
      return v.code;
    case "skip":
      out.skippedRows++;
      out.add(
        issue(
          "info",
          "skipped_row",
          `Zeile ${line}: ${q(label)} wird laut Zuordnung übersprungen.`,
          {
            row: line,
            column: name,
            details: { label },
          },
        ),
      );
      return null;
    case "unknown":
      out.rejectedRows++;
      out.add(
        issue(
          "error",
          "unknown_variable",
          `Zeile ${line}, Spalte ${q(name)}: ${q(label)} steht nicht in „variable.map“. Bitte ergänzen (mit null, um die Zeile bewusst auszulassen).`,
          { row: line, column: name, details: { label } },
        ),
      );
      return null;
    case "empty":
      out.rejectedRows++;
      out.add(
        issue(
          "error",
          "unknown_variable",
          `Zeile ${line}, Spalte ${q(name)}: keine Variable angegeben.`,
          {
            row: line,
            column: name,
          },
        ),
      );
      return null;
  }
}

/** Plans a long table: one figure per row, with area, variable, period and value columns. */
function planLong(
  m: Extract<ObservationMapping, { layout: "long" }>,
  columns: ColumnIndex,
): RowHandler {
  const areaIndex = columns.find(m.area.column, "Gebiet");
  const periodIndex =
    m.period.column !== undefined ? columns.find(m.period.column, "Zeitraum") : -1;
  const variableIndex =
    m.variable.column !== undefined ? columns.find(m.variable.column, "Variable") : -1;
  const valueIndex = columns.find(m.value.column, "Wert");
  const resolveArea = areaResolver(m.area);
  const resolveVariable = labelResolver(m.variable.map);
  const period = periodCache();
  const names = columns.names;
  const constantPeriod = m.period.value !== undefined ? period(m.period.value) : null;

  return (row, line, status, numbers, out) => {
    const areaCode = rowArea(resolveArea, row, areaIndex, names[areaIndex]!, line, out);
    if (areaCode === null) return;
    let variableCode: string | null;
    if (m.variable.value !== undefined) variableCode = m.variable.value;
    else {
      const label = cellText(row[variableIndex]);
      variableCode = rowVariable(resolveVariable, label, names[variableIndex]!, line, out);
    }
    if (variableCode === null) return;
    const periodText = constantPeriod === null ? cellText(row[periodIndex]) : m.period.value!;
    const p = constantPeriod ?? period(periodText);
    if (typeof p === "string") {
      out.rejectedRows++;
      const column = constantPeriod === null ? names[periodIndex]! : "period.value";
      out.add(
        issue("error", "invalid_period", `Zeile ${line}, Spalte ${q(column)}: ${p}`, {
          row: line,
          column,
        }),
      );
      return;
    }
    const column = names[valueIndex]!;
    out.value(
      row[valueIndex],
      numbers,
      line,
      column,
      areaCode,
      variableCode,
      p.code,
      status,
      false,
    );
  };
}

/**
 * Plans a wide table: each value column (named, or matched by a pattern) yields one figure per
 * row, with its variable and period taken from the mapping or the pattern's groups. Columns
 * whose period cannot be parsed are reported once and left out.
 */
function planWide(
  m: Extract<ObservationMapping, { layout: "wide" }>,
  columns: ColumnIndex,
  names: readonly string[],
  headerLine: number | null,
  out: Collector,
): RowHandler {
  const areaIndex = m.area ? columns.find(m.area.column, "Gebiet") : -1;
  const variableIndex =
    m.variable?.column !== undefined ? columns.find(m.variable.column, "Variable") : -1;
  const resolveArea = m.area ? areaResolver(m.area) : null;
  const resolveVariable = labelResolver(m.variable?.map);
  const period = periodCache();
  const valueColumns: ValueColumn[] = [];
  const reserved = new Set(columns.claimed);

  /** Adds a value column with its period (parsed once) and variable, or reports its period. */
  const addColumn = (entry: ValueEntry, index: number, match: RegExpExecArray | null): void => {
    const periodText = match ? substitute(entry.period, match) : entry.period;
    const p = period(periodText);
    if (typeof p === "string") {
      out.add(
        issue(
          "error",
          "invalid_period",
          `Spalte ${q(names[index]!)}: Zeitraum ${q(periodText)} der Zuordnung ist ungültig. ${p}`,
          { row: headerLine, column: names[index]! },
        ),
      );
      return;
    }
    const variable =
      entry.variable === undefined
        ? null
        : match
          ? substitute(entry.variable, match)
          : entry.variable;
    valueColumns.push({
      index,
      name: names[index]!,
      variable,
      period: p,
      check: entry.check ?? false,
    });
  };

  // Named columns first, so a pattern never takes a column that is mapped by name.
  for (const entry of m.values) {
    if (entry.column === undefined) continue;
    const index = columns.find(entry.column, "Wert");
    if (index >= 0) {
      reserved.add(index);
      addColumn(entry, index, null);
    }
  }
  for (const entry of m.values) {
    if (entry.pattern === undefined) continue;
    const re = new RegExp(entry.pattern);
    let matched = 0;
    names.forEach((n, index) => {
      if (reserved.has(index)) return;
      const match = re.exec(n);
      if (!match) return;
      matched++;
      reserved.add(index);
      columns.claimed.add(index);
      addColumn(entry, index, match);
    });
    if (matched === 0) {
      out.add(
        issue(
          "error",
          "missing_column",
          `Keine Spalte passt zum Muster ${q(entry.pattern)}. Vorhanden: ${names.map((n) => q(n)).join(", ")}.`,
          { row: headerLine, column: entry.pattern },
        ),
      );
    }
  }

  return (row, line, status, numbers, out) => {
    let areaCode: string;
    if (resolveArea) {
      const code = rowArea(resolveArea, row, areaIndex, names[areaIndex]!, line, out);
      if (code === null) return;
      areaCode = code;
    } else {
      areaCode = m.areaValue!;
    }
    let rowVariableCode: string | null = null;
    if (variableIndex >= 0) {
      const label = cellText(row[variableIndex]);
      rowVariableCode = rowVariable(resolveVariable, label, names[variableIndex]!, line, out);
      if (rowVariableCode === null) return;
    }
    for (const c of valueColumns) {
      const variableCode = c.variable ?? rowVariableCode!;
      out.value(
        row[c.index],
        numbers,
        line,
        c.name,
        areaCode,
        variableCode,
        c.period.code,
        status,
        c.check,
      );
    }
  };
}
