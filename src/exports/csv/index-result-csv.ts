/**
 * The result of a social index run as CSV: one row per area with its values, z-values, sums,
 * indices, classes, group and exclusion, so that a statistician can check every step. The
 * German dialect (`;`, decimal comma, BOM) or the international one (`,`, decimal point) as
 * the open-data CSV; numbers with 6 decimals (values as given). Format:
 * docs/methods/social-index.md.
 */
import type { IndexResult } from "../../core/social-index/compute.ts";
import { neutraliseFormula, quoteField } from "../../core/format/csv-field.ts";
import type { CsvDialect } from "./write-csv.ts";

const DIGITS = 6;

export function writeIndexResultCsv(
  result: Pick<IndexResult, "definition" | "areas">,
  dialect: CsvDialect = "de",
): string {
  const d = result.definition;
  const sep = dialect === "de" ? ";" : ",";
  const num = (x: number | null | undefined, digits = DIGITS): string => {
    if (x === null || x === undefined) return "";
    const text = Number.isInteger(x) ? String(x) : x.toFixed(digits);
    return dialect === "de" ? text.replace(".", ",") : text;
  };
  const status = d.status.map((i) => i.code);
  const dynamics = d.dynamics.map((i) => i.code);
  const header = [
    "area",
    "name",
    "population",
    ...status,
    ...dynamics,
    ...d.context,
    ...status.map((c) => `z_${c}`),
    ...dynamics.map((c) => `z_${c}`),
    "status_sum",
    "status_index",
    "status_class",
    ...(dynamics.length > 0 ? ["dynamics_sum", "dynamics_index", "dynamics_class"] : []),
    "group",
    "excluded",
    "exclusion_reason",
  ];
  const lines = [header];
  for (const a of result.areas) {
    const raw = (c: string) => {
      const v = a.values[c];
      if (v === null || v === undefined) return "";
      // Input values as given (shortest form), not padded to six decimals.
      return dialect === "de" ? String(v).replace(".", ",") : String(v);
    };
    lines.push([
      neutraliseFormula(a.code),
      neutraliseFormula(a.name),
      a.population === null ? "" : num(a.population),
      ...status.map(raw),
      ...dynamics.map(raw),
      ...d.context.map(raw),
      ...status.map((c) => num(a.status?.z[c])),
      ...dynamics.map((c) => num(a.dynamics?.z[c])),
      num(a.status?.sum),
      num(a.status?.index),
      a.status?.classLabel ?? "",
      ...(dynamics.length > 0
        ? [num(a.dynamics?.sum), num(a.dynamics?.index), a.dynamics?.classLabel ?? ""]
        : []),
      a.group ?? "",
      a.exclusion ? a.exclusion.reason : "",
      a.exclusion ? neutraliseFormula(a.exclusion.detail) : "",
    ]);
  }
  // Numbers stay as written (a negative z-value is no formula); text columns were defused above.
  const text = lines.map((r) => r.map((f) => quoteField(f, sep)).join(sep)).join("\r\n");
  return `${dialect === "de" ? "\uFEFF" : ""}${text}\r\n`;
}
