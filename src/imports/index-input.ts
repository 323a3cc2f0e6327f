/**
 * The values table of `sopla index compute`: one row per area with its code, optionally its
 * name and population, and one column per indicator of the definition (status shares, dynamics
 * changes, context). Read like every import: encoding and delimiter detected, German or
 * international numbers, the table signs of official statistics. The area and population
 * columns are found by their usual names or named by the caller (published tables call them
 * `id` and `inhabitants`). Every bad cell is named with its line and column, and every manual
 * exclusion of the definition that names no area of the table; a table with any problem is
 * refused whole. Format: docs/methods/social-index.md.
 */
import { err, ok, type Result } from "../core/result.ts";
import type { IndexInputArea } from "../core/social-index/compute.ts";
import { unmatchedExclusions, type IndexDefinition } from "../core/social-index/definition.ts";
import { numberFormatOfCells, readHeaderTable } from "./csv/header-table.ts";
import { parseNumber } from "./numbers.ts";

const AREA = ["area", "gebiet", "gebietsschlüssel", "code", "plr_id"];
const NAME = ["name", "gebietsname", "plr_name"];
const POPULATION = ["population", "einwohner", "ew"];

export interface IndexInputOptions {
  /** Extra texts that mean "no value", e.g. "-9999". */
  readonly missing?: readonly string[];
  /** The column with the area's code, instead of the usual names (`--area-column`). */
  readonly areaColumn?: string | undefined;
  /** The column with the population, instead of the usual names (`--population-column`). */
  readonly populationColumn?: string | undefined;
}

const find = (header: readonly string[], names: readonly string[]) =>
  header.findIndex((h) => names.includes(h.trim().toLowerCase()));

/** The column named exactly (ignoring surrounding blanks and case), or −1. */
const findNamed = (header: readonly string[], name: string) =>
  find(header, [name.trim().toLowerCase()]);

const quoted = (names: readonly string[]) => names.map((n) => `„${n}“`).join(", ");

export function readIndexInput(
  bytes: Uint8Array,
  definition: IndexDefinition,
  options: IndexInputOptions = {},
): Result<IndexInputArea[], string[]> {
  const table = readHeaderTable(bytes);
  if (!table.ok) return table;
  const { header, rows, lines } = table.value;
  const problems: string[] = [];
  const present = `Vorhanden: ${quoted(header)}.`;
  let areaAt: number;
  if (options.areaColumn !== undefined) {
    areaAt = findNamed(header, options.areaColumn);
    if (areaAt < 0) {
      problems.push(`Die Spalte „${options.areaColumn}“ für das Gebiet fehlt. ${present}`);
    }
  } else {
    areaAt = find(header, AREA);
    if (areaAt < 0) {
      problems.push(
        `Spalte mit dem Gebiet fehlt (eine von: ${AREA.join(", ")}; eine andere mit --area-column). ${present}`,
      );
    }
  }
  const nameAt = find(header, NAME);
  let populationAt: number;
  if (options.populationColumn !== undefined) {
    populationAt = findNamed(header, options.populationColumn);
    if (populationAt < 0) {
      problems.push(
        `Die Spalte „${options.populationColumn}“ für die Einwohnerzahl fehlt. ${present}`,
      );
    }
  } else {
    populationAt = find(header, POPULATION);
    if (populationAt < 0 && definition.exclusions.minPopulation > 0) {
      problems.push(
        `Spalte mit der Einwohnerzahl fehlt (eine von: ${POPULATION.join(", ")}; eine andere mit --population-column); sie wird für die Mindest-Einwohnerzahl ${definition.exclusions.minPopulation} gebraucht. ${present}`,
      );
    }
  }
  const codes = [
    ...definition.status.map((i) => i.code),
    ...definition.dynamics.map((i) => i.code),
    ...definition.context,
  ];
  const columnOf = new Map<string, number>();
  for (const c of codes) {
    const at = header.findIndex((h) => h.trim() === c);
    if (at < 0) problems.push(`Spalte „${c}“ fehlt.`);
    else columnOf.set(c, at);
  }
  if (problems.length > 0) return err(problems);

  // Besides the signs of official statistics ("." or "x" withheld, "–" nothing, i.e. zero).
  const missing = new Set(["", "NA", ...(options.missing ?? [])]);
  const numberColumns = [...columnOf.values(), populationAt].filter((c) => c >= 0);
  const format = numberFormatOfCells(rows.flatMap((row) => numberColumns.map((c) => row[c] ?? "")));
  const seen = new Map<string, number>();
  const areas: IndexInputArea[] = [];
  const number = (text: string | undefined, line: number, column: string): number | null => {
    const t = (text ?? "").trim();
    if (missing.has(t)) return null;
    const p = parseNumber(t, format);
    if (p.kind === "number") return p.value;
    if (p.kind === "symbol") return p.meaning === "zero" ? 0 : null;
    if (p.kind === "empty") return null;
    problems.push(`Zeile ${line}, Spalte „${column}“: „${t}“ ist keine Zahl (${p.reason}).`);
    return null;
  };
  rows.forEach((row, r) => {
    const line = lines[r] ?? r + 2;
    const code = row[areaAt]?.trim() ?? "";
    if (code === "") {
      problems.push(`Zeile ${line}: kein Gebiet.`);
      return;
    }
    const before = seen.get(code);
    if (before !== undefined) {
      problems.push(`Zeile ${line}: Gebiet „${code}“ stand schon in Zeile ${before}.`);
      return;
    }
    seen.set(code, line);
    areas.push({
      code,
      name: nameAt >= 0 ? (row[nameAt]?.trim() ?? code) : code,
      population: populationAt >= 0 ? number(row[populationAt], line, header[populationAt]!) : null,
      values: Object.fromEntries([...columnOf].map(([c, at]) => [c, number(row[at], line, c)])),
    });
  });
  problems.push(...unmatchedExclusions(definition, seen.keys()));
  return problems.length > 0 ? err(problems) : ok(areas);
}
