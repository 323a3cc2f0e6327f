/**
 * The indicator editor's form as plain data: the state a form holds (numbers as typed), the
 * body the API takes, and the server's field problems sorted to the fields they belong to.
 * Pure, so it tests without a browser.
 */
import type { IndicatorDto } from "@contracts/indicators.ts";
import type { IndicatorCreateBody } from "@contracts/indicators-editor.ts";
import { parseGermanNumber } from "../../lib/parse.ts";
import { ApiError } from "../../lib/api.ts";

export type Polarity = IndicatorDto["polarity"];
export type Publication = IndicatorDto["publication"];

export interface EditorForm {
  readonly code: string;
  readonly name: string;
  readonly theme: string;
  readonly numerator: readonly string[];
  readonly denominator: readonly string[];
  /** As typed: "100", "1.000", "0,5". */
  readonly factor: string;
  readonly unit: string;
  readonly decimals: string;
  readonly polarity: Polarity;
  readonly definition: string;
  readonly interpretation: string;
  readonly limits: string;
  readonly source: string;
  readonly publication: Publication;
}

/** The form fields a problem can belong to (each has an input with id `ind-<field>`). */
export type EditorField = Exclude<keyof EditorForm, "publication"> | "publication";

export function emptyForm(publication: Publication): EditorForm {
  return {
    code: "",
    name: "",
    theme: "",
    numerator: [],
    denominator: [],
    factor: "100",
    unit: "%",
    decimals: "1",
    polarity: "neutral",
    definition: "",
    interpretation: "",
    limits: "",
    source: "",
    publication,
  };
}

export function formOf(i: IndicatorDto, locale = "de-DE"): EditorForm {
  return {
    code: i.code,
    name: i.name,
    theme: i.theme,
    numerator: i.numerator,
    denominator: i.denominator ?? [],
    factor: i.factor.toLocaleString(locale, { maximumFractionDigits: 6 }),
    unit: i.unit,
    decimals: String(i.decimals),
    polarity: i.polarity,
    definition: i.sheet.definition,
    interpretation: i.sheet.interpretation ?? "",
    limits: i.sheet.limits ?? "",
    source: i.sheet.source ?? "",
    publication: i.publication,
  };
}

export type FieldProblems = Partial<Record<EditorField, string[]>>;

/**
 * The body the API takes, or the problems the form can see itself (a factor or a number of
 * decimals that is no number). The server checks everything else and names it at its field.
 */
export function bodyOf(
  form: EditorForm,
  withPublication: boolean,
): { ok: true; body: IndicatorCreateBody } | { ok: false; problems: FieldProblems } {
  const factor = parseGermanNumber(form.factor);
  const decimals = parseGermanNumber(form.decimals);
  const problems: FieldProblems = {};
  if (factor === null) problems.factor = ["Faktor: bitte eine Zahl eingeben, z. B. 100"];
  if (decimals === null || !Number.isInteger(decimals)) {
    problems.decimals = ["Nachkommastellen: bitte eine ganze Zahl von 0 bis 4 eingeben"];
  }
  if (factor === null || decimals === null || !Number.isInteger(decimals)) {
    return { ok: false, problems };
  }
  const text = (s: string) => (s.trim() === "" ? null : s.trim());
  return {
    ok: true,
    body: {
      code: form.code.trim(),
      name: form.name.trim(),
      theme: form.theme.trim(),
      numerator: [...form.numerator],
      denominator: form.denominator.length === 0 ? null : [...form.denominator],
      factor,
      unit: form.unit.trim(),
      decimals,
      polarity: form.polarity,
      sheet: {
        definition: form.definition.trim(),
        interpretation: text(form.interpretation),
        limits: text(form.limits),
        source: text(form.source),
      },
      ...(withPublication ? { publication: form.publication } : {}),
    },
  };
}

const FIELD_OF_PATH: Readonly<Record<string, EditorField>> = {
  code: "code",
  name: "name",
  theme: "theme",
  numerator: "numerator",
  denominator: "denominator",
  factor: "factor",
  unit: "unit",
  decimals: "decimals",
  polarity: "polarity",
  publication: "publication",
  "sheet.definition": "definition",
  "sheet.interpretation": "interpretation",
  "sheet.limits": "limits",
  "sheet.source": "source",
  sheet: "definition",
};

/**
 * The problems of a refused save or preview by form field (`numerator.1` → numerator), and
 * those that belong to no field. A refusal without field issues is one general problem.
 */
export function problemsByField(error: unknown): {
  fields: FieldProblems;
  general: string[];
} {
  const fields: Record<string, string[]> = {};
  const general: string[] = [];
  if (!(error instanceof ApiError)) {
    general.push(error instanceof Error ? error.message : String(error));
    return { fields, general };
  }
  const details = error.details as
    { issues?: { path?: unknown; message?: unknown }[]; field?: unknown } | undefined;
  const issues = Array.isArray(details?.issues) ? details.issues : [];
  for (const issue of issues) {
    const path = typeof issue.path === "string" ? issue.path : "";
    const key =
      FIELD_OF_PATH[path] ??
      FIELD_OF_PATH[path.split(".").slice(0, 2).join(".")] ??
      FIELD_OF_PATH[path.split(".")[0] ?? ""];
    const message = String(issue.message);
    if (key) fields[key] = [...(fields[key] ?? []), message];
    else general.push(message);
  }
  if (issues.length === 0) {
    const field = typeof details?.field === "string" ? FIELD_OF_PATH[details.field] : undefined;
    if (field) fields[field] = [error.message];
    else general.push(error.message);
  }
  return { fields, general };
}
