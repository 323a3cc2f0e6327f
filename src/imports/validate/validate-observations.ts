/**
 * The check of an observation import against the catalogue and the stored figures: unknown
 * codes, duplicates, negative figures, conflicts and revisions here; children against their
 * parent in validate-hierarchy.ts, jumps and outliers in plausibility.ts.
 */
import { issue, type ImportIssue } from "../../core/data/import-issue.ts";
import type { ObservationRecord } from "../mapping/mapping.ts";
import { checkAreaOutliers, checkTimeSeriesJumps } from "./plausibility.ts";
import { checkHierarchy } from "./validate-hierarchy.ts";
import { type ValidationContext, type ValidationResult } from "./validation-context.ts";
import { type FigureIndex, LineList, areaSlot, fmt, place, q, sameValue } from "./message-parts.ts";

/**
 * Checks imported records against the catalogue and the stored figures, without touching
 * anything. Errors: unknown areas and variables (each code once, with its lines), the same
 * variable × area × period twice in the file (compare-only records excepted), negative figures
 * of non-negative variables. Warnings: a figure that differs from one stored by another
 * import (`conflicting_value`), children of an area whose figures of a summable variable
 * add up to more or — all children having a figure — less than the area's own
 * (`children_exceed_parent`, `unassigned_remainder`; file figures merged over stored ones),
 * jumps in a figure's own series and outliers among the areas of its level. Each of these
 * names the cell an import holds for review. Information: a stored figure that will get a new
 * revision (`revised_value`). Returns the
 * records to write (not compare-only, no error) and how many are new, changed and unchanged.
 * Runs in linear time over the records and the areas touched.
 */
export function validateObservations(
  records: readonly ObservationRecord[],
  ctx: ValidationContext,
): ValidationResult {
  const issues: ImportIssue[] = [];
  const rejected = new Uint8Array(records.length);
  const unknownAreas = new Map<string, LineList>();
  const unknownVariables = new Map<string, LineList>();
  const firstByKey: FigureIndex = new Map();
  let newCount = 0;
  let changed = 0;
  let unchanged = 0;
  let checkCount = 0;

  const areaName = (code: string): string => ctx.areas.get(code)?.name ?? code;
  const variableName = (code: string): string => ctx.variables.get(code)?.name ?? code;

  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    if (r.check) checkCount++;
    const area = ctx.areas.get(r.areaCode);
    const variable = ctx.variables.get(r.variableCode);
    if (!area) {
      let list = unknownAreas.get(r.areaCode);
      if (!list) unknownAreas.set(r.areaCode, (list = new LineList()));
      list.add(r.line);
      rejected[i] = 1;
    }
    if (!variable) {
      let list = unknownVariables.get(r.variableCode);
      if (!list) unknownVariables.set(r.variableCode, (list = new LineList()));
      list.add(r.line);
      rejected[i] = 1;
    }
    if (!area || !variable) continue;

    if (variable.nonNegative && r.value !== null && r.value < 0) {
      rejected[i] = 1;
      issues.push(
        issue(
          "error",
          "negative_count",
          `${place(r)}: ${fmt(r.value)} ist negativ, ${q(variableName(r.variableCode))} kann nicht negativ sein.`,
          { row: r.line, column: r.column, details: { value: r.value } },
        ),
      );
    }

    if (!r.check) {
      const slot = areaSlot(firstByKey, r.variableCode, r.periodCode);
      const first = slot.get(r.areaCode);
      if (first !== undefined) {
        rejected[i] = 1;
        const f = records[first]!;
        issues.push(
          issue(
            "error",
            "duplicate_key",
            `${q(variableName(r.variableCode))}, ${areaName(r.areaCode)}, ${r.periodCode} kommt doppelt vor: ${place(f)} und ${place(r)}.`,
            {
              row: r.line,
              column: r.column,
              details: { firstLine: f.line, firstColumn: f.column },
            },
          ),
        );
        continue;
      }
      slot.set(r.areaCode, i);
    }

    const stored = ctx.existing(r.variableCode, r.areaCode, r.periodCode);
    if (!stored) {
      if (!r.check && !rejected[i]) newCount++;
      continue;
    }
    if (sameValue(stored.value, r.value)) {
      if (!r.check && !rejected[i]) unchanged++;
      continue;
    }
    const head = `${areaName(r.areaCode)} ${r.periodCode}: ${fmt(r.value)} weicht vom gespeicherten Wert ${fmt(stored.value)} (Import ${q(stored.importLabel)}) ab`;
    const tail = `Merkmal ${q(variableName(r.variableCode))}, ${place(r)}`;
    const where = {
      row: r.line,
      column: r.column,
      details: { stored: stored.value, imported: r.value, importLabel: stored.importLabel },
    };
    const sameSource = ctx.importLabel !== undefined && stored.importLabel === ctx.importLabel;
    if (r.check) {
      issues.push(
        issue("warning", "conflicting_value", `${head} – ${tail} (Vergleichsspalte).`, where),
      );
      continue;
    }
    if (!sameSource) {
      issues.push(issue("warning", "conflicting_value", `${head} – ${tail}.`, where));
    }
    if (!rejected[i]) {
      changed++;
      issues.push(
        issue(
          "info",
          "revised_value",
          `${areaName(r.areaCode)} ${r.periodCode}: ${fmt(stored.value)} wird durch ${fmt(r.value)} ersetzt; der bisherige Wert bleibt als frühere Revision erhalten – ${tail}.`,
          where,
        ),
      );
    }
  }

  const unknown: ImportIssue[] = [];
  const unknownIssue = (kind: "area" | "variable", code: string, list: LineList) => {
    const suggestions =
      (kind === "area" ? ctx.suggestions?.areas : ctx.suggestions?.variables)?.get(code) ?? [];
    const what = `${kind === "area" ? "Gebiet" : "Merkmal"} ${q(code)} ist unbekannt (${list.describe()})`;
    const meant = suggestions.map((s) => `${q(s.name)} (${s.code})`).join(" oder ");
    return issue(
      "error",
      kind === "area" ? "unknown_area" : "unknown_variable",
      meant === "" ? `${what}.` : `${what} – meinten Sie ${meant}?`,
      {
        row: list.lines[0] ?? null,
        column: (kind === "area" ? ctx.columns?.area : ctx.columns?.variable) ?? null,
        details: {
          code,
          lines: list.lines,
          count: list.count,
          ...(suggestions.length > 0
            ? { suggestions: suggestions.map((s) => ({ code: s.code, name: s.name })) }
            : {}),
        },
      },
    );
  };
  for (const [code, list] of unknownAreas) unknown.push(unknownIssue("area", code, list));
  for (const [code, list] of unknownVariables) unknown.push(unknownIssue("variable", code, list));

  issues.push(...checkHierarchy(records, firstByKey, ctx, areaName, variableName));
  const accepted = records.filter((_, i) => !rejected[i]);
  const plausibility = {
    isCount: (code: string) => ctx.variables.get(code)?.aggregation === "sum",
    stored: (v: string, a: string, p: string) => ctx.existing(v, a, p)?.value,
    level: (a: string) => ctx.areas.get(a)?.level,
    areaName,
    variableName,
  };
  const jumps = checkTimeSeriesJumps(accepted, plausibility);
  issues.push(...jumps, ...checkAreaOutliers(accepted, plausibility, jumps));

  const toWrite: ObservationRecord[] = [];
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    if (!r.check && !rejected[i]) toWrite.push(r);
  }
  let rejectedCount = 0;
  for (let i = 0; i < records.length; i++) if (rejected[i] && !records[i]!.check) rejectedCount++;
  return {
    issues: [...unknown, ...issues],
    toWrite,
    counts: { new: newCount, changed, unchanged, check: checkCount, rejected: rejectedCount },
  };
}

export type {
  AreaInfo,
  LevelName,
  StoredFigure,
  ValidationContext,
  ValidationCounts,
  ValidationResult,
  VariableInfo,
} from "./validation-context.ts";
export { MATERIAL_GAP } from "./validate-hierarchy.ts";
