/**
 * The mapping form of the Daten page as data: what the planner chose (layout, the columns of
 * area, variable, period and value, the wide table's columns, number format, how the file is
 * read), the mapping file it stands for (docs/import-mapping.md), and the way back from a
 * mapping file to the form. Pure, so the round trip is tested without a browser.
 *
 * The form shows a subset of what a mapping can say. `formFromMapping` accepts a mapping only
 * if the form gives it back unchanged (defaults aside); anything else – a `pattern`, an area
 * `prefix`, a `map` – stays in the JSON, which the planner then edits by hand.
 */

export const DELIMITERS = ["auto", ";", ",", "\t", "|"] as const;
export type Delimiter = (typeof DELIMITERS)[number];
export const ENCODINGS = [
  "auto",
  "utf-8",
  "windows-1252",
  "latin1",
  "utf-16le",
  "utf-16be",
] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** Where a long table's variable or period comes from: a column, or one value for the file. */
export interface Source {
  readonly kind: "column" | "value";
  /** The column's name or the value; "" when not chosen yet. */
  readonly text: string;
}

/**
 * A column the mapping names besides area, variable, period, value and status: imported as
 * one variable and period (wide tables), or deliberately ignored. A column not listed is
 * neither, and the check warns about it.
 */
export interface OtherColumn {
  readonly column: string;
  readonly action: "import" | "ignore";
  readonly variable: string;
  readonly period: string;
}

export interface MappingForm {
  readonly format: "csv" | "xlsx";
  readonly delimiter: Delimiter;
  readonly encoding: Encoding;
  /** The sheet to read (XLSX); "" for the first. */
  readonly sheet: string;
  readonly skipRows: number;
  readonly label: string;
  readonly layout: "long" | "wide";
  /** The area column; "" when not chosen yet. */
  readonly area: string;
  readonly variable: Source;
  readonly period: Source;
  /** The value column of a long table; "" when not chosen yet. */
  readonly value: string;
  /** The status column; "" for none (every figure final). */
  readonly status: string;
  readonly decimal: "," | ".";
  readonly others: readonly OtherColumn[];
}

export const EMPTY_FORM: MappingForm = {
  format: "csv",
  delimiter: "auto",
  encoding: "auto",
  sheet: "",
  skipRows: 0,
  label: "",
  layout: "long",
  area: "",
  variable: { kind: "column", text: "" },
  period: { kind: "column", text: "" },
  value: "",
  status: "",
  decimal: ",",
  others: [],
};

/** A mapping file as JSON: whatever the planner or the form wrote. */
export type MappingJson = Record<string, unknown>;

/** The column with each row's period in a wide table (`Stadtteil;Jahr;Einwohner`), or "". */
export const widePeriodColumn = (form: MappingForm): string =>
  form.period.kind === "column" ? form.period.text : "";

/** Writes a column or value source: `{ "column": … }` or `{ "value": … }`. */
const sourceJson = (s: Source) => ({ [s.kind]: s.text });

/**
 * The mapping file the form stands for. Defaults are left out (`csv` only when a delimiter or
 * encoding is chosen, `numbers` only for decimal points), and so is what is not chosen yet: an
 * incomplete form gives an incomplete mapping, which `formProblems` explains.
 */
export function mappingFromForm(form: MappingForm): MappingJson {
  const m: MappingJson = { format: form.format };
  if (form.label.trim() !== "") m["label"] = form.label.trim();
  if (form.format === "csv") {
    const csv: Record<string, string> = {};
    if (form.delimiter !== "auto") csv["delimiter"] = form.delimiter;
    if (form.encoding !== "auto") csv["encoding"] = form.encoding;
    if (Object.keys(csv).length > 0) m["csv"] = csv;
  } else if (form.sheet !== "") {
    m["xlsx"] = { sheet: form.sheet };
  }
  if (form.skipRows > 0) m["skipRows"] = form.skipRows;
  if (form.decimal === ".") m["numbers"] = { decimal: ".", thousands: "," };
  m["layout"] = form.layout;
  if (form.area !== "") m["area"] = { column: form.area };
  if (form.layout === "long") {
    if (form.variable.text !== "") m["variable"] = sourceJson(form.variable);
    if (form.period.text !== "") m["period"] = sourceJson(form.period);
    if (form.value !== "") m["value"] = { column: form.value };
  } else {
    const periodColumn = widePeriodColumn(form);
    if (periodColumn !== "") m["period"] = { column: periodColumn };
    m["values"] = form.others
      .filter((o) => o.action === "import")
      .map((o) => ({
        column: o.column,
        ...(o.variable.trim() !== "" ? { variable: o.variable.trim() } : {}),
        ...(o.period.trim() !== "" && periodColumn === "" ? { period: o.period.trim() } : {}),
      }));
  }
  if (form.status !== "") m["status"] = { column: form.status };
  const ignore = form.others.filter((o) => o.action === "ignore").map((o) => o.column);
  if (ignore.length > 0) m["ignore"] = ignore;
  return m;
}

/** The mapping as the text of a mapping file: indented JSON with a final line break. */
export function mappingText(form: MappingForm): string {
  return `${JSON.stringify(mappingFromForm(form), null, 2)}\n`;
}

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && !Array.isArray(x);
const text = (x: unknown): string => (typeof x === "string" ? x : "");
const oneOf = <T extends string>(list: readonly T[], x: unknown, fallback: T): T =>
  list.includes(x as T) ? (x as T) : fallback;

/** A column or value source read from a mapping; a column when it says neither. */
function readSource(x: unknown): Source {
  if (isObject(x) && typeof x["value"] === "string" && x["column"] === undefined) {
    return { kind: "value", text: x["value"] };
  }
  return { kind: "column", text: isObject(x) ? text(x["column"]) : "" };
}

/**
 * Reads what the form can show of a mapping, leniently: unknown keys and wrong types are
 * passed over. Used for the server's suggestion, which uses only what the form shows.
 */
export function readForm(json: unknown): MappingForm {
  if (!isObject(json)) return EMPTY_FORM;
  const csv = isObject(json["csv"]) ? json["csv"] : {};
  const xlsx = isObject(json["xlsx"]) ? json["xlsx"] : {};
  const numbers = isObject(json["numbers"]) ? json["numbers"] : {};
  const layout = json["layout"] === "wide" ? "wide" : "long";
  const others: OtherColumn[] = [];
  if (layout === "wide" && Array.isArray(json["values"])) {
    for (const v of json["values"]) {
      if (!isObject(v)) continue;
      others.push({
        column: text(v["column"]),
        action: "import",
        variable: text(v["variable"]),
        period: text(v["period"]),
      });
    }
  }
  if (Array.isArray(json["ignore"])) {
    for (const c of json["ignore"]) {
      if (typeof c === "string") others.push({ column: c, action: "ignore", variable: "", period: "" });
    }
  }
  const skipRows = json["skipRows"];
  return {
    format: json["format"] === "xlsx" ? "xlsx" : "csv",
    delimiter: oneOf(DELIMITERS, csv["delimiter"], "auto"),
    encoding: oneOf(ENCODINGS, csv["encoding"], "auto"),
    sheet: text(xlsx["sheet"]),
    skipRows: typeof skipRows === "number" && Number.isInteger(skipRows) && skipRows > 0 ? skipRows : 0,
    label: text(json["label"]),
    layout,
    area: isObject(json["area"]) ? text(json["area"]["column"]) : "",
    variable: readSource(json["variable"]),
    period: readSource(json["period"]),
    value: isObject(json["value"]) ? text(json["value"]["column"]) : "",
    status: isObject(json["status"]) ? text(json["status"]["column"]) : "",
    decimal: numbers["decimal"] === "." ? "." : ",",
    others,
  };
}

/** The defaults of a mapping file, filled in so that `{}` and `{ "skipRows": 0 }` compare equal. */
function withDefaults(m: MappingJson): MappingJson {
  const out: MappingJson = {
    header: true,
    skipRows: 0,
    ignore: [],
    ...m,
    csv: { delimiter: "auto", encoding: "auto", ...(isObject(m["csv"]) ? m["csv"] : {}) },
    xlsx: isObject(m["xlsx"]) ? m["xlsx"] : {},
    numbers: {
      decimal: ",",
      thousands: ".",
      missing: [],
      ...(isObject(m["numbers"]) ? m["numbers"] : {}),
    },
  };
  if (out["kind"] === "observations") delete out["kind"];
  return out;
}

/** The paths (`area.prefix`, `values[1]`) where two JSON values differ. */
function differences(a: unknown, b: unknown, path: string): string[] {
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => differences(a[k], b[k], path === "" ? k : `${path}.${k}`));
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    return a.flatMap((x, i) => differences(x, b[i], `${path}[${i}]`));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [path === "" ? "(alles)" : path];
}

export type FormFromMapping =
  | { readonly ok: true; readonly form: MappingForm }
  | { readonly ok: false; readonly paths: string[] };

/**
 * The form for a mapping file, if the form can show all of it: the form's mapping must be the
 * file's mapping (defaults aside). Otherwise the paths the form cannot show, such as
 * `area.prefix` or `values[0].pattern`.
 */
export function formFromMapping(json: unknown): FormFromMapping {
  if (!isObject(json)) return { ok: false, paths: ["(alles)"] };
  const form = readForm(json);
  const paths = differences(withDefaults(json), withDefaults(mappingFromForm(form)), "");
  const seen = new Set<string>();
  for (const o of form.others) {
    if (seen.has(o.column)) paths.push(`values/ignore: ${o.column}`);
    seen.add(o.column);
  }
  return paths.length === 0 ? { ok: true, form } : { ok: false, paths };
}

/** Something the form still needs before the mapping is complete. */
export type FormProblem =
  | { readonly kind: "area" | "variable" | "period" | "value" | "values" }
  | { readonly kind: "variableOf" | "periodOf"; readonly column: string };

/** What is missing for a complete mapping, in the order of the form. */
export function formProblems(form: MappingForm): FormProblem[] {
  const out: FormProblem[] = [];
  if (form.area === "") out.push({ kind: "area" });
  if (form.layout === "long") {
    if (form.variable.text.trim() === "") out.push({ kind: "variable" });
    if (form.period.text.trim() === "") out.push({ kind: "period" });
    if (form.value === "") out.push({ kind: "value" });
    return out;
  }
  const imported = form.others.filter((o) => o.action === "import");
  if (imported.length === 0) out.push({ kind: "values" });
  const periodColumn = widePeriodColumn(form);
  for (const o of imported) {
    if (o.variable.trim() === "") out.push({ kind: "variableOf", column: o.column });
    if (o.period.trim() === "" && periodColumn === "") {
      out.push({ kind: "periodOf", column: o.column });
    }
  }
  return out;
}

/** The columns a form uses for area, variable, period, value or status. */
export function roleColumns(form: MappingForm): Set<string> {
  const used = [form.area, form.status];
  if (form.layout === "long") {
    used.push(form.value);
    if (form.variable.kind === "column") used.push(form.variable.text);
  }
  if (form.period.kind === "column") used.push(form.period.text);
  return new Set(used.filter((c) => c !== ""));
}

/**
 * Sets how one of the other columns is used; `null` removes it from the mapping (neither
 * imported nor ignored). A column keeps its place in the list, so the mapping's order stays.
 */
export function setOther(
  form: MappingForm,
  column: string,
  change: Partial<Omit<OtherColumn, "column">> | null,
): MappingForm {
  const i = form.others.findIndex((o) => o.column === column);
  if (change === null) {
    return i < 0 ? form : { ...form, others: form.others.filter((_, k) => k !== i) };
  }
  const current: OtherColumn = form.others[i] ?? { column, action: "ignore", variable: "", period: "" };
  const next = { ...current, ...change };
  const others = i < 0 ? [...form.others, next] : form.others.map((o, k) => (k === i ? next : o));
  return { ...form, others };
}

/**
 * Changes area, variable, period, value or status (or the layout); a column that takes a role
 * leaves the list of other columns, so it is never imported or ignored at the same time.
 */
export function setRoles(form: MappingForm, change: Partial<MappingForm>): MappingForm {
  const next = { ...form, ...change };
  const used = roleColumns(next);
  return { ...next, others: next.others.filter((o) => !used.has(o.column)) };
}
