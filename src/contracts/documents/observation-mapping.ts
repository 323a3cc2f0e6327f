/**
 * The mapping file of an observation import: how a table (CSV or XLSX) is read and which of
 * its columns hold the area, the variable, the period and the value. Documented for planners
 * in docs/import-mapping.md.
 */
import { z } from "zod";
import { err, ok, type Result } from "../../core/result.ts";
import { issue, type ImportIssue } from "../../core/data/import-issue.ts";

/** The status an observation can be imported with. */
export const OBSERVATION_STATUSES = ["final", "provisional", "estimated", "missing"] as const;
export type ObservationStatus = (typeof OBSERVATION_STATUSES)[number];

const name = z.string().trim().min(1);

/** Counts the capture groups of a regular expression that is known to compile. */
export function countCaptureGroups(pattern: string): number {
  // An empty alternative always matches, and the match array has one slot per group.
  return new RegExp(`${pattern}|`).exec("")!.length - 1;
}

/** Tells whether a string compiles as a JavaScript regular expression. */
function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

const regex = z.string().min(1).refine(compiles, { message: "kein gültiger regulärer Ausdruck" });

const areaSpecSchema = z.strictObject({
  /** The column that holds the area: its code, number or label. */
  column: name,
  /** A regular expression applied to the cell; its first capture group (or the match) is kept. */
  pattern: regex.optional(),
  /** Pads the kept text with leading zeros to this length ("1" → "01"). */
  padStart: z.int().min(1).max(64).optional(),
  /** Put in front of the kept text ("01" → "STGT01"). */
  prefix: z.string().optional(),
  /** Cell text → area code, applied first; `null` skips the row deliberately (a total row). */
  map: z.record(z.string(), name.nullable()).optional(),
  /**
   * The level of the areas (its code): names are matched within it, so a district and a
   * borough of the same name never collide. Codes are matched on every level.
   */
  level: name.optional(),
});

const periodSpecSchema = z.strictObject({
  column: name.optional(),
  value: name.optional(),
});

const variableSpecSchema = z.strictObject({
  column: name.optional(),
  value: name.optional(),
  /** Row label → variable code; `null` skips rows with that label deliberately. */
  map: z.record(z.string(), name.nullable()).optional(),
});

const statusSpecSchema = z.strictObject({
  column: name.optional(),
  value: z.enum(OBSERVATION_STATUSES).optional(),
  /** Cell text → status, for words the built-in list does not know. */
  map: z.record(z.string(), z.enum(OBSERVATION_STATUSES)).optional(),
});

const valueEntrySchema = z.strictObject({
  /** One column by name … */
  column: name.optional(),
  /** … or every column whose name matches this regular expression. */
  pattern: regex.optional(),
  /** The variable code; `$1` … `$9` insert capture groups of `pattern`. */
  variable: name.optional(),
  /**
   * The period (2021, 2021-H1, 31.12.2021 …); `$1` … `$9` insert capture groups. Left out when
   * the table's `period.column` gives each row's period.
   */
  period: name.optional(),
  /** Compare-only column: its figures are checked against stored ones and never written. */
  check: z.boolean().optional(),
});

/** How a CSV file is read: its delimiter and encoding (each detected by default). */
export const csvOptionsSchema = z.strictObject({
  delimiter: z.enum(["auto", ";", ",", "\t", "|"]).default("auto"),
  encoding: z
    .enum(["auto", "utf-8", "windows-1252", "latin1", "utf-16le", "utf-16be"])
    .default("auto"),
});

const numbersSchema = z.strictObject({
  decimal: z.enum([",", "."]).default(","),
  thousands: z.enum([".", ",", " ", ""]).default("."),
  /** Further texts that mean "no value" in this file, e.g. "-9999" (stored as missing). */
  missing: z.array(z.string().trim().min(1).max(32)).max(20).default([]),
});

const baseShape = {
  kind: z.literal("observations").optional(),
  /** A label for the import run, shown in messages about conflicting figures. */
  label: z.string().optional(),
  format: z.enum(["csv", "xlsx"]),
  csv: csvOptionsSchema.prefault({}),
  xlsx: z.strictObject({ sheet: z.union([name, z.int().min(1)]).optional() }).prefault({}),
  numbers: numbersSchema.prefault({}),
  header: z.boolean().default(true),
  skipRows: z.int().min(0).default(0),
  columns: z.array(name).min(1).optional(),
  ignore: z.array(name).default([]),
  status: statusSpecSchema.optional(),
};

const longSchema = z.strictObject({
  ...baseShape,
  layout: z.literal("long"),
  area: areaSpecSchema,
  period: periodSpecSchema,
  variable: variableSpecSchema,
  value: z.strictObject({ column: name }),
});

const wideSchema = z.strictObject({
  ...baseShape,
  layout: z.literal("wide"),
  area: areaSpecSchema.optional(),
  /** A constant area code, for a table whose rows are variables (a city-level table). */
  areaValue: name.optional(),
  /** Row-wise variables: the column whose label names the variable of each row. */
  variable: variableSpecSchema.optional(),
  /** Row-wise periods: the column with each row's period (`Stadtteil;Jahr;Einwohner;…`). */
  period: z.strictObject({ column: name }).optional(),
  values: z.array(valueEntrySchema).min(1),
});

type Refinement = z.core.$RefinementCtx<z.output<typeof longSchema> | z.output<typeof wideSchema>>;

/** Reports a custom mapping problem at a path. */
function problem(ctx: Refinement, path: (string | number)[], message: string): void {
  ctx.addIssue({ code: "custom", path, message });
}

/** Checks that exactly one of `column` and `value` is given, and `map` only with `column`. */
function checkColumnOrValue(
  ctx: Refinement,
  path: string,
  spec: { column?: string | undefined; value?: string | undefined; map?: unknown },
): void {
  if ((spec.column === undefined) === (spec.value === undefined)) {
    problem(ctx, [path], "genau eines von „column“ oder „value“ angeben");
  }
  if (spec.map !== undefined && spec.column === undefined) {
    problem(ctx, [path, "map"], "„map“ gibt es nur zusammen mit „column“");
  }
}

/** The `$n` references in a template, as numbers. */
function references(template: string): number[] {
  return [...template.matchAll(/\$(\d)/g)].map((m) => Number(m[1]));
}

export const observationMappingSchema = z
  .discriminatedUnion("layout", [longSchema, wideSchema])
  .superRefine((m, ctx) => {
    if (!m.header && m.columns === undefined) {
      problem(
        ctx,
        ["columns"],
        "ohne Kopfzeile (header: false) müssen die Spaltennamen hier stehen",
      );
    }
    if (m.columns) {
      const seen = new Set<string>();
      m.columns.forEach((c, i) => {
        if (seen.has(c)) problem(ctx, ["columns", i], `Spaltenname „${c}“ kommt doppelt vor`);
        seen.add(c);
      });
    }
    if (m.status) checkColumnOrValue(ctx, "status", m.status);
    if (m.layout === "long") {
      checkColumnOrValue(ctx, "period", m.period);
      checkColumnOrValue(ctx, "variable", m.variable);
      return;
    }
    if ((m.area === undefined) === (m.areaValue === undefined)) {
      problem(ctx, ["area"], "genau eines von „area“ oder „areaValue“ angeben");
    }
    if (m.variable) {
      if (m.variable.column === undefined) {
        problem(ctx, ["variable", "column"], "im Layout „wide“ nennt „variable“ eine Spalte");
      }
      if (m.variable.value !== undefined) {
        problem(ctx, ["variable", "value"], "im Layout „wide“ steht die Variable in „values“");
      }
    }
    m.values.forEach((entry, i) => {
      if ((entry.column === undefined) === (entry.pattern === undefined)) {
        problem(ctx, ["values", i], "genau eines von „column“ oder „pattern“ angeben");
      }
      if (entry.period === undefined && m.period === undefined) {
        problem(
          ctx,
          ["values", i, "period"],
          "fehlt (oder die Zuordnung nennt mit „period.column“ eine Spalte mit den Zeiträumen)",
        );
      }
      if (entry.period !== undefined && m.period !== undefined) {
        problem(
          ctx,
          ["values", i, "period"],
          "entweder hier oder mit „period.column“ für alle Spalten, nicht beides",
        );
      }
      if (entry.variable === undefined && m.variable === undefined) {
        problem(
          ctx,
          ["values", i, "variable"],
          "fehlt (oder die Zuordnung nennt mit „variable.column“ eine Spalte mit den Variablen)",
        );
      }
      const groups =
        entry.pattern !== undefined && compiles(entry.pattern)
          ? countCaptureGroups(entry.pattern)
          : 0;
      for (const key of ["variable", "period"] as const) {
        const template = entry[key];
        if (template === undefined) continue;
        for (const n of references(template)) {
          if (entry.pattern === undefined) {
            problem(ctx, ["values", i, key], `„$${n}“ braucht ein „pattern“ mit Gruppen`);
          } else if (n < 1 || n > groups) {
            problem(
              ctx,
              ["values", i, key],
              `„$${n}“ verweist auf Gruppe ${n}, das Muster hat ${groups} Gruppe(n)`,
            );
          }
        }
      }
    });
  });

export type ObservationMapping = z.output<typeof observationMappingSchema>;
export type AreaSpec = z.output<typeof areaSpecSchema>;
export type ValueEntry = z.output<typeof valueEntrySchema>;

/** Writes a zod path as the planner reads it in the JSON file: `values[2].period`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out === "" ? String(p) : `.${String(p)}`;
  }
  return out === "" ? "(oberste Ebene)" : out;
}

/** Turns one zod issue into a German sentence; custom refinements bring their own words. */
function germanMessage(i: z.core.$ZodIssue): string {
  if (i.code === "invalid_union" && "options" in i && Array.isArray(i.options)) {
    return `erwartet ${i.options.map((o) => `„${String(o)}“`).join(" oder ")}`;
  }
  return i.message;
}

const germanErrors = z.locales.de();

/**
 * Checks a parsed JSON value against the mapping schema and fills in the defaults. Every
 * problem becomes one `invalid_mapping` error that names its JSON path, such as
 * „values[2].period“, with a German explanation.
 */
export function parseMapping(json: unknown): Result<ObservationMapping, ImportIssue[]> {
  const parsed = observationMappingSchema.safeParse(json, { error: germanErrors.localeError });
  if (parsed.success) return ok(parsed.data);
  return err(
    parsed.error.issues.map((i) => {
      const path = formatPath(i.path);
      return issue("error", "invalid_mapping", `Zuordnung, Feld „${path}“: ${germanMessage(i)}.`, {
        column: path,
      });
    }),
  );
}

/**
 * Parses the text of a mapping file (JSON) and checks it; a syntax error becomes an
 * `invalid_json` issue with the parser's explanation.
 */
export function parseMappingText(text: string): Result<ObservationMapping, ImportIssue[]> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return err([
      issue("error", "invalid_json", `Die Zuordnung ist kein gültiges JSON (${detail}).`),
    ]);
  }
  return parseMapping(json);
}
