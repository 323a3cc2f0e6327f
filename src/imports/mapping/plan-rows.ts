/**
 * How each row of a table becomes figures: a long table gives one figure per row (area,
 * variable, period and value columns), a wide one a figure per value column, named or matched
 * by a pattern. The plan is made once from the mapping and the header, then run per row.
 */
import type { Period } from "../../core/periods/period.ts";
import { issue } from "../../core/data/import-issue.ts";
import type {
  ObservationMapping,
  ObservationStatus,
  ValueEntry,
} from "../../contracts/documents/observation-mapping.ts";
import type { CellFormat, ColumnIndex, Collector } from "./mapping-collector.ts";
import {
  areaResolver,
  cellText,
  labelResolver,
  periodCache,
  q,
  substitute,
  type AreaOutcome,
  type LabelOutcome,
  type TableCell,
} from "./table-cells.ts";

/** A column of a wide table that yields figures. */
interface ValueColumn {
  readonly index: number;
  readonly name: string;
  /** The variable code, or null when each row names it (`variable.column`). */
  readonly variable: string | null;
  /** The period, or null when each row names it (`period.column`). */
  readonly period: Period | null;
  readonly check: boolean;
}

export type RowHandler = (
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

/** Reads the period of a row, reporting an unreadable one; null means no records. */
function rowPeriod(
  period: (text: string) => Period | string,
  row: readonly TableCell[],
  index: number,
  column: string,
  line: number,
  out: Collector,
): Period | null {
  const p = period(cellText(row[index]));
  if (typeof p !== "string") return p;
  out.rejectedRows++;
  out.add(
    issue("error", "invalid_period", `Zeile ${line}, Spalte ${q(column)}: ${p}`, {
      row: line,
      column,
    }),
  );
  return null;
}

/** Plans a long table: one figure per row, with area, variable, period and value columns. */
export function planLong(
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
  const constantPeriod = m.period.value ?? null;

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
    const p =
      constantPeriod === null
        ? rowPeriod(period, row, periodIndex, names[periodIndex]!, line, out)
        : rowPeriod(period, [constantPeriod], 0, "period.value", line, out);
    if (p === null) return;
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
export function planWide(
  m: Extract<ObservationMapping, { layout: "wide" }>,
  columns: ColumnIndex,
  names: readonly string[],
  headerLine: number | null,
  out: Collector,
): RowHandler {
  const areaIndex = m.area ? columns.find(m.area.column, "Gebiet") : -1;
  const variableIndex =
    m.variable?.column !== undefined ? columns.find(m.variable.column, "Variable") : -1;
  const periodIndex = m.period ? columns.find(m.period.column, "Zeitraum") : -1;
  const resolveArea = m.area ? areaResolver(m.area) : null;
  const resolveVariable = labelResolver(m.variable?.map);
  const period = periodCache();
  const valueColumns: ValueColumn[] = [];
  const reserved = new Set(columns.claimed);

  /** Adds a value column with its period (parsed once) and variable, or reports its period. */
  const addColumn = (entry: ValueEntry, index: number, match: RegExpExecArray | null): void => {
    const template = entry.period;
    const periodText =
      template === undefined ? null : match ? substitute(template, match) : template;
    let p: Period | null = null;
    if (periodText !== null) {
      const parsed = period(periodText);
      if (typeof parsed === "string") {
        out.add(
          issue(
            "error",
            "invalid_period",
            `Spalte ${q(names[index]!)}: Zeitraum ${q(periodText)} der Zuordnung ist ungültig. ${parsed}`,
            { row: headerLine, column: names[index]! },
          ),
        );
        return;
      }
      p = parsed;
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
    let rowPeriodCode: string | null = null;
    if (periodIndex >= 0) {
      const p = rowPeriod(period, row, periodIndex, names[periodIndex]!, line, out);
      if (p === null) return;
      rowPeriodCode = p.code;
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
        c.period?.code ?? rowPeriodCode!,
        status,
        c.check,
      );
    }
  };
}
