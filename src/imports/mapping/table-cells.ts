/**
 * The cells of a table as the mapping reads them: text of a cell, blank cells, column names
 * compared loosely, and the cached lookups that turn a cell into an area code, a row label
 * into a variable code and a text into a period.
 */
import { parsePeriod, type Period } from "../../core/periods/period.ts";
import type { AreaSpec } from "../../contracts/documents/observation-mapping.ts";

/** One cell of a table as the readers deliver it. */
export type TableCell = string | number | null;

/** A table as `readTable` (CSV or XLSX) delivers it: rows and the source line of each row. */
export interface TableInput {
  readonly rows: readonly (readonly TableCell[])[];
  readonly lines: readonly number[];
}

/** Writes a cell as trimmed text; numbers (from XLSX) as JavaScript writes them. */
export function cellText(cell: TableCell | undefined): string {
  if (cell === null || cell === undefined) return "";
  return typeof cell === "number" ? String(cell) : cell.trim();
}

/** Tells whether a cell holds nothing but whitespace. */
export function isBlank(cell: TableCell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}

/** Normalises a column name for lookup: trimmed, lower case, inner whitespace collapsed. */
export function normaliseName(s: string): string {
  return s.trim().replace(/\s+/g, " ").toLowerCase();
}

/** Quotes a text the German way for messages. */
export const q = (s: string): string => `„${s}“`;

/** Replaces `$1` … `$9` in a template with the capture groups of a match. */
export function substitute(template: string, match: RegExpExecArray): string {
  return template.replace(/\$(\d)/g, (_, n: string) => match[Number(n)] ?? "");
}

/** Trims the keys of a label map so that lookups with trimmed cell text find them. */
export function trimKeys<V>(map: Readonly<Record<string, V>> | undefined): Map<string, V> | null {
  if (!map) return null;
  return new Map(Object.entries(map).map(([k, v]) => [k.trim(), v]));
}

export type AreaOutcome =
  | { readonly kind: "code"; readonly code: string }
  | { readonly kind: "skip"; readonly label: string }
  | { readonly kind: "error"; readonly reason: string };

/**
 * Builds the function that turns an area cell into an area code: the `map` first (null skips
 * the row), then `pattern` (first capture group or whole match), `padStart` and `prefix`.
 * Results are cached per cell text, since a column repeats few distinct areas.
 */
export function areaResolver(spec: AreaSpec): (cell: TableCell | undefined) => AreaOutcome {
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

export type LabelOutcome =
  | { readonly kind: "code"; readonly code: string }
  | { readonly kind: "skip" }
  | { readonly kind: "unknown" }
  | { readonly kind: "empty" };

/** Builds the lookup of a row label (variable) through an optional map, cached per label. */
export function labelResolver(
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

/** Parses a period once per distinct text, so long tables with few periods stay fast. */
export function periodCache(): (text: string) => Period | string {
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
