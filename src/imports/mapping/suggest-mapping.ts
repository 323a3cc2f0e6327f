/**
 * A first guess at the mapping of a table, from its column names and a few data rows, so a
 * planner starts from a filled-in form instead of an empty one. Pure: the column names, some
 * rows and the variable codes of the catalogue in, a (possibly incomplete) mapping out.
 *
 * A **long** table is recognised by the names of its columns: area (Gebiet, Gebietsschlüssel,
 * Stadtteil, area, code …), variable (Merkmal, Variable, Indikator …), period (Jahr, Zeitraum,
 * Stichtag, period …) and value (Wert, Anzahl, value …). A **wide** table by columns whose
 * names are periods (2019, 2020, 31.12.2021) or variable codes of the catalogue
 * (`population`, also `population_2021`). What the names cannot tell – the variable of a
 * year column, the period of a variable column – stays out of the mapping and is listed in
 * `missing`, for the planner to fill in. Columns that serve no role are listed under `ignore`,
 * so the guess says explicitly what it leaves out.
 */
import { variantKey } from "../../core/data/name-match.ts";
import { parsePeriod } from "../../core/periods/period.ts";
import type { TableCell } from "./apply-mapping.ts";

/** The read options a mapping carries (format, CSV options, sheet, skipped lines). */
export interface SuggestReadOptions {
  readonly format: "csv" | "xlsx";
  /** CSV options to write into the mapping; leave out what detection should decide. */
  readonly csv?: { readonly delimiter?: string; readonly encoding?: string };
  /** The sheet to name in the mapping (XLSX). */
  readonly sheet?: string;
  readonly skipRows?: number;
}

export interface SuggestInput {
  /** The header's column names, left to right. */
  readonly columns: readonly string[];
  /** Some data rows, for the number format. */
  readonly rows: readonly (readonly TableCell[])[];
  /** The variable codes of the workspace's catalogue. */
  readonly variableCodes: readonly string[];
  /** The variables' German names, so a column "Einwohner" is read as its variable. */
  readonly variableNames?: readonly { readonly code: string; readonly name: string }[];
  readonly read: SuggestReadOptions;
}

/** One column of a wide table that holds figures. */
export interface SuggestedValueColumn {
  readonly column: string;
  readonly variable?: string;
  readonly period?: string;
}

/**
 * A mapping as the planner would write it; it may lack what the table cannot tell. (A type,
 * not an interface, so that it passes as a plain JSON object.)
 */
export type SuggestedMapping = {
  readonly format: "csv" | "xlsx";
  readonly csv?: { readonly delimiter?: string; readonly encoding?: string };
  readonly xlsx?: { readonly sheet: string };
  readonly skipRows?: number;
  readonly numbers?: { readonly decimal: "."; readonly thousands: "," };
  readonly layout?: "long" | "wide";
  readonly area?: { readonly column: string };
  readonly variable?: { readonly column: string };
  readonly period?: { readonly column: string };
  readonly value?: { readonly column: string };
  readonly values?: SuggestedValueColumn[];
  readonly status?: { readonly column: string };
  readonly ignore?: string[];
};

export interface MappingSuggestion {
  /** The layout the columns point to, or null when they point to none. */
  readonly layout: "long" | "wide" | null;
  readonly mapping: SuggestedMapping;
  /** What the planner still has to give, as paths of the mapping: `variable`, `values[0].period`. */
  readonly missing: string[];
}

/**
 * A column name in a comparable form: lower case, umlauts spelled out (ü → ue, ß → ss), every
 * run of other characters one blank. „Gebiets-Schlüssel“ → „gebiets schluessel“.
 */
export function normaliseColumnName(name: string): string {
  return name
    .toLowerCase()
    .replaceAll("ä", "ae")
    .replaceAll("ö", "oe")
    .replaceAll("ü", "ue")
    .replaceAll("ß", "ss")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

const words = (...list: string[]): ReadonlySet<string> => new Set(list);

/** Names of a column with area codes. */
const AREA_KEY = words(
  "gebietsschluessel",
  "gebiets schluessel",
  "gebietscode",
  "gebiets code",
  "gebietskennung",
  "gebietskennziffer",
  "gebietsnummer",
  "gebietsnr",
  "gebiets nr",
  "gebiets id",
  "area code",
  "areacode",
  "area id",
  "code",
  "schluessel",
  "id",
  "nr",
  "ags",
  "gemeindeschluessel",
  "regionalschluessel",
  "stadtteilnummer",
  "bezirksnummer",
);
/** Names of a column with areas (codes or names). */
const AREA = words(
  "gebiet",
  "area",
  "stadtteil",
  "stadtbezirk",
  "bezirk",
  "ortsteil",
  "ortsbezirk",
  "sozialraum",
  "quartier",
  "planungsraum",
  "statistischer bezirk",
  "district",
  "region",
  "raum",
  "gebietseinheit",
  "gemeinde",
  "stadt",
  "kreis",
  "amt",
  "ort",
);
/** Words that make an area column one of codes: „Stadtteil-Nr.“, „Gebiet (Code)“. */
const KEY_WORDS = words("code", "schluessel", "nr", "nummer", "id", "kennung", "kennziffer");
/** Names of a column with an area's name beside its code: left out when a code column exists. */
const AREA_LABEL = words(
  "gebietsname",
  "gebietsbezeichnung",
  "name",
  "bezeichnung",
  "area name",
  "stadtteilname",
  "gemeindename",
  "label",
);
const VARIABLE = words(
  "merkmal",
  "merkmale",
  "merkmalscode",
  "merkmalsschluessel",
  "variable",
  "variablen",
  "variablencode",
  "variable code",
  "indikator",
  "indikatorcode",
  "indicator",
  "kennzahl",
  "kennziffer",
  "measure",
);
const PERIOD = words(
  "jahr",
  "berichtsjahr",
  "bezugsjahr",
  "zeitraum",
  "berichtszeitraum",
  "zeit",
  "stichtag",
  "datum",
  "periode",
  "period",
  "year",
  "date",
  "monat",
  "quartal",
  "halbjahr",
);
const VALUE = words("wert", "werte", "anzahl", "anz", "value", "count", "fallzahl", "zahl", "n");
const STATUS = words("status", "statuskennzeichen", "kennzeichen", "flag");

/**
 * How well a column name fits a vocabulary: 2 for the whole name, 1 for its first word
 * („Wert (Anzahl)“ is a value column, „Jahr der Erhebung“ a period column), else 0.
 */
function fit(name: string, vocabulary: ReadonlySet<string>): number {
  if (vocabulary.has(name)) return 2;
  const first = name.split(" ")[0] ?? "";
  return first !== "" && vocabulary.has(first) ? 1 : 0;
}

/** How strongly a column looks like the area column; codes win over names. */
function areaScore(name: string): number {
  if (AREA_KEY.has(name)) return 5;
  const parts = name.split(" ");
  if (AREA.has(parts[0] ?? "") && parts.slice(1).some((w) => KEY_WORDS.has(w))) return 5;
  if (AREA.has(name)) return 4;
  if (AREA.has(parts[0] ?? "")) return 3;
  return 0;
}

/** The index of the column with the best positive score, the leftmost on a tie, or -1. */
function best(
  names: readonly string[],
  taken: ReadonlySet<number>,
  score: (name: string) => number,
): number {
  let found = -1;
  let top = 0;
  names.forEach((n, i) => {
    if (taken.has(i) || n === "") return;
    const s = score(n);
    if (s > top) {
      top = s;
      found = i;
    }
  });
  return found;
}

/** What the name of a wide table's column says about its figures. */
interface WideColumn {
  readonly variable?: string;
  readonly period?: string;
}

/**
 * The variables by what a column may call them: the code in any case, or the German name in
 * any spelling (a name two variables share is left out: it names neither).
 */
function variableLookup(input: SuggestInput): { get(text: string): string | undefined } {
  const byCode = new Map(input.variableCodes.map((c) => [c.toLowerCase(), c]));
  const byName = new Map<string, string | null>();
  for (const v of input.variableNames ?? []) {
    const key = variantKey(v.name);
    byName.set(key, byName.has(key) ? null : v.code);
  }
  return {
    get: (text) => byCode.get(text.toLowerCase()) ?? byName.get(variantKey(text)) ?? undefined,
  };
}

/** The canonical code of a period written as a column name, or null. */
function periodOf(name: string): string | null {
  const p = parsePeriod(name);
  if (!p.ok) return null;
  const year = Number(p.value.code.slice(0, 4));
  return year >= 1900 && year <= 2100 ? p.value.code : null;
}

/**
 * Reads a column name as a period (`2021`), a variable code (`population`), or a period with
 * something before or after it (`population_2021`, `Anzahl 2021`, `2021 population`: the
 * variable only when that something is a code); null when it is none of these.
 */
function wideColumn(
  name: string,
  codes: { get(text: string): string | undefined },
): WideColumn | null {
  const trimmed = name.trim();
  const period = periodOf(trimmed);
  if (period !== null) return { period };
  const code = codes.get(trimmed.toLowerCase());
  if (code !== undefined) return { variable: code };
  const withPeriod = (rest: string, p: string): WideColumn => {
    const variable = codes.get(rest.toLowerCase());
    return variable === undefined ? { period: p } : { variable, period: p };
  };
  // Every place where a blank, `_` or `-` could separate the period from the rest.
  for (const m of trimmed.matchAll(/[\s_-]+/g)) {
    const head = trimmed.slice(0, m.index);
    const tail = trimmed.slice(m.index + m[0].length);
    if (head === "" || tail === "") continue;
    const p = periodOf(tail) ?? periodOf(head);
    if (p !== null) return withPeriod(periodOf(tail) !== null ? head : tail, p);
  }
  return null;
}

/**
 * Guesses how numbers are written from the text of value cells: a point followed by other
 * than three digits (`12.5`), or commas grouping thousands before a decimal point
 * (`1,234.5`), speak for the English notation; a decimal comma (`12,5`) or German grouping
 * (`1.234,5`) for the German one. Ties, and cells that say nothing (`1.234`, `17`), keep the
 * German default.
 */
export function guessDecimal(cells: readonly TableCell[]): "," | "." {
  let point = 0;
  let comma = 0;
  for (const cell of cells) {
    if (typeof cell !== "string") continue;
    const s = cell
      .trim()
      .replace(/^[-−+]/, "")
      .replace(/\s*%$/, "");
    if (/^\d+\.(\d{1,2}|\d{4,})$/.test(s) || /^\d{1,3}(,\d{3})+\.\d+$/.test(s)) point++;
    else if (/^\d+,(\d{1,2}|\d{4,})$/.test(s) || /^\d{1,3}(\.\d{3})+,\d+$/.test(s)) comma++;
  }
  return point > comma ? "." : ",";
}

/** The read options as the mapping writes them: only what differs from the defaults. */
function readPart(
  read: SuggestReadOptions,
): Pick<SuggestedMapping, "format" | "csv" | "xlsx" | "skipRows"> {
  const csv: { delimiter?: string; encoding?: string } = {};
  if (read.format === "csv") {
    if (read.csv?.delimiter !== undefined && read.csv.delimiter !== "auto") {
      csv.delimiter = read.csv.delimiter;
    }
    if (read.csv?.encoding !== undefined && read.csv.encoding !== "auto") {
      csv.encoding = read.csv.encoding;
    }
  }
  return {
    format: read.format,
    ...(Object.keys(csv).length > 0 ? { csv } : {}),
    ...(read.format === "xlsx" && read.sheet !== undefined ? { xlsx: { sheet: read.sheet } } : {}),
    ...(read.skipRows !== undefined && read.skipRows > 0 ? { skipRows: read.skipRows } : {}),
  };
}

/**
 * Suggests a mapping for a table. The layout is long when the names show a value column and
 * a variable or period column; otherwise wide when some columns are named as periods or
 * variable codes; otherwise long when there is at least a value column; otherwise none
 * (`layout: null`, a mapping with the read options only).
 */
export function suggestMapping(input: SuggestInput): MappingSuggestion {
  const names = input.columns.map(normaliseColumnName);
  const codes = variableLookup(input);
  const taken = new Set<number>();
  const claim = (i: number): number => {
    if (i >= 0) taken.add(i);
    return i;
  };

  const area = claim(best(names, taken, areaScore));
  const status = claim(best(names, taken, (n) => fit(n, STATUS)));
  const labels = new Set<number>();
  names.forEach((n, i) => {
    if (!taken.has(i) && area >= 0 && (AREA_LABEL.has(n) || (areaScore(n) > 0 && n !== ""))) {
      labels.add(i);
    }
  });

  const wide = new Map<number, WideColumn>();
  input.columns.forEach((c, i) => {
    if (taken.has(i) || labels.has(i)) return;
    const w = wideColumn(c, codes);
    if (w) wide.set(i, w);
  });
  const free = new Set([...taken, ...labels, ...wide.keys()]);
  const variable = best(names, free, (n) => fit(n, VARIABLE));
  if (variable >= 0) free.add(variable);
  const period = best(names, free, (n) => fit(n, PERIOD));
  if (period >= 0) free.add(period);
  const value = best(names, free, (n) => fit(n, VALUE));

  const isLong = value >= 0 && (variable >= 0 || period >= 0);
  // A year column and one column per variable (`Stadtteil;Jahr;Einwohner;Haushalte`): a wide
  // table whose rows carry their period. Every other column holds a variable's figures.
  const periodRows =
    !isLong && variable < 0 && period >= 0 && [...wide.values()].every((w) => !w.period);
  if (periodRows) {
    input.columns.forEach((c, i) => {
      if (taken.has(i) || labels.has(i) || i === period || c.trim() === "") return;
      const code = codes.get(c.trim());
      wide.set(i, code === undefined ? {} : { variable: code });
    });
  }
  const layout: "long" | "wide" | null = isLong
    ? "long"
    : wide.size > 0
      ? "wide"
      : value >= 0
        ? "long"
        : null;
  const read = readPart(input.read);
  if (layout === null) return { layout, mapping: read, missing: ["layout"] };

  const column = (i: number) => input.columns[i]!;
  const used = new Set<number>([area, status].filter((i) => i >= 0));
  const missing: string[] = [];
  if (area < 0) missing.push("area");
  let mapping: SuggestedMapping;
  let valueCells: TableCell[];
  if (layout === "long") {
    for (const i of [variable, period, value]) if (i >= 0) used.add(i);
    if (variable < 0) missing.push("variable");
    if (period < 0) missing.push("period");
    mapping = {
      ...read,
      layout,
      ...(area >= 0 ? { area: { column: column(area) } } : {}),
      ...(variable >= 0 ? { variable: { column: column(variable) } } : {}),
      ...(period >= 0 ? { period: { column: column(period) } } : {}),
      value: { column: column(value) },
    };
    valueCells = input.rows.map((r) => r[value] ?? null);
  } else {
    const values: SuggestedValueColumn[] = [];
    if (periodRows) used.add(period);
    for (const [i, w] of [...wide].sort(([a], [b]) => a - b)) {
      used.add(i);
      const k = values.length;
      if (w.variable === undefined) missing.push(`values[${k}].variable`);
      if (w.period === undefined && !periodRows) missing.push(`values[${k}].period`);
      values.push({ column: column(i), ...w });
    }
    mapping = {
      ...read,
      layout,
      ...(area >= 0 ? { area: { column: column(area) } } : {}),
      ...(periodRows ? { period: { column: column(period) } } : {}),
      values,
    };
    valueCells = input.rows.flatMap((r) => [...wide.keys()].map((i) => r[i] ?? null));
  }
  const ignore = input.columns.filter((c, i) => c !== "" && !used.has(i));
  return {
    layout,
    mapping: {
      ...mapping,
      ...(guessDecimal(valueCells) === "." ? { numbers: { decimal: ".", thousands: "," } } : {}),
      ...(status >= 0 ? { status: { column: column(status) } } : {}),
      ...(ignore.length > 0 ? { ignore } : {}),
    },
    missing,
  };
}
