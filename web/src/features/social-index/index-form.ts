/**
 * The definition form of the Analysen page as data: what the planner typed (numbers as text,
 * so "1,5" and a half-typed "-" survive every keystroke), the definition it stands for
 * (src/contracts/social-index.ts, docs/methods/social-index.md) and the way back from a
 * stored definition to the form. Pure, so the round trip is tested without a browser.
 *
 * The form checks only what it can see: numbers that are no numbers, indicators not chosen,
 * exclusions without a reason. Everything else (indicators in the catalogue, rising class
 * bounds, duplicates) is the server's check, whose every problem the page shows.
 */
import type { z } from "zod";
import type { saveIndexRequest } from "@contracts/social-index.ts";
import {
  MSS_DEFAULTS,
  type ClassBand,
  type Direction,
  type Standardisation,
} from "@core/social-index/definition.ts";
import { parseNumber } from "../../lib/parse.ts";
import { slug } from "../../lib/slug.ts";

/** The body of PUT /api/analyses/indices/:code, as the contract takes it in. */
export type SaveIndexBody = z.input<typeof saveIndexRequest>;
type Definition = SaveIndexBody["definition"];

export interface IndicatorRow {
  /** The catalogue indicator (status), or the code of the change (dynamics). */
  readonly code: string;
  /** "" for the default (the code). */
  readonly label: string;
  readonly direction: Direction;
  /** As typed; German "1,5" or "1.5". */
  readonly weight: string;
  /** Dynamics only: the catalogue indicator whose change this is; "" when the stored values are the change. */
  readonly of: string;
}

export interface BandRow {
  readonly key: string;
  readonly label: string;
  /** As typed; the last class has none. */
  readonly upTo: string;
  readonly inclusive: boolean;
}

export interface ExclusionRow {
  readonly area: string;
  readonly reason: string;
}

export interface IndexForm {
  readonly code: string;
  readonly name: string;
  readonly status: readonly IndicatorRow[];
  readonly dynamics: readonly IndicatorRow[];
  readonly dynamicsYears: string;
  readonly context: readonly string[];
  readonly standardisation: Standardisation;
  readonly minPopulation: string;
  readonly manual: readonly ExclusionRow[];
  readonly statusClasses: readonly BandRow[];
  readonly dynamicsClasses: readonly BandRow[];
  readonly populationIndicator: string;
  readonly comment: string;
}

/** A number as the form shows it: German decimal comma, no thousands separator. */
export function numberText(x: number): string {
  return String(x).replace(".", ",").replace("-", "−");
}

const bandRows = (bands: readonly ClassBand[]): BandRow[] =>
  bands.map((b) => ({
    key: b.key,
    label: b.label,
    upTo: b.upTo === null ? "" : numberText(b.upTo),
    inclusive: b.inclusive,
  }));

export const EMPTY_INDICATOR: IndicatorRow = {
  code: "",
  label: "",
  direction: "higher_is_worse",
  weight: "1",
  of: "",
};

/** A new index: one empty status indicator, everything else the MSS defaults. */
export function newIndexForm(): IndexForm {
  return {
    code: "",
    name: "",
    status: [EMPTY_INDICATOR],
    dynamics: [],
    dynamicsYears: String(MSS_DEFAULTS.dynamicsYears),
    context: [],
    standardisation: MSS_DEFAULTS.standardisation,
    minPopulation: String(MSS_DEFAULTS.exclusions.minPopulation),
    manual: [],
    statusClasses: bandRows(MSS_DEFAULTS.statusClasses),
    dynamicsClasses: bandRows(MSS_DEFAULTS.dynamicsClasses),
    populationIndicator: "population",
    comment: "",
  };
}

/** A definition with its defaults filled in: as the API returns it, or as the core holds it. */
export interface StoredDefinition {
  readonly code: string;
  readonly name: string;
  readonly status: readonly StoredIndicator[];
  readonly dynamics: readonly StoredIndicator[];
  readonly context: readonly string[];
  readonly dynamicsYears: number;
  readonly standardisation: Standardisation;
  readonly statusClasses?: readonly ClassBand[] | undefined;
  readonly dynamicsClasses?: readonly ClassBand[] | undefined;
  readonly exclusions: {
    readonly minPopulation: number;
    readonly manual: readonly { readonly area: string; readonly reason: string }[];
  };
}

interface StoredIndicator {
  readonly code: string;
  readonly label?: string | undefined;
  readonly direction: Direction;
  readonly weight: number;
  readonly of?: string | undefined;
}

/** The form of a stored definition. */
export function formFromDefinition(d: StoredDefinition, populationIndicator: string): IndexForm {
  const row = (i: StoredIndicator): IndicatorRow => ({
    code: i.code,
    label: i.label === undefined || i.label === i.code ? "" : i.label,
    direction: i.direction,
    weight: numberText(i.weight),
    of: i.of ?? "",
  });
  return {
    code: d.code,
    name: d.name,
    status: d.status.map(row),
    dynamics: d.dynamics.map(row),
    dynamicsYears: String(d.dynamicsYears),
    context: [...d.context],
    standardisation: d.standardisation,
    minPopulation: numberText(d.exclusions.minPopulation),
    manual: d.exclusions.manual.map((m) => ({ area: m.area, reason: m.reason })),
    statusClasses: bandRows(d.statusClasses ?? MSS_DEFAULTS.statusClasses),
    dynamicsClasses: bandRows(d.dynamicsClasses ?? MSS_DEFAULTS.dynamicsClasses),
    populationIndicator,
    comment: "",
  };
}

/** A problem the form itself sees, with its place; the page says it in words. */
export type FormProblem =
  | { readonly kind: "code" | "name" | "populationIndicator" }
  | {
      readonly kind: "indicator" | "weight";
      readonly dimension: "status" | "dynamics";
      /** 0-based row. */
      readonly row: number;
      readonly text?: string;
    }
  | { readonly kind: "dynamicsYears" | "minPopulation"; readonly text: string }
  | { readonly kind: "exclusionArea" | "exclusionReason"; readonly row: number }
  | {
      readonly kind: "bound";
      readonly dimension: "status" | "dynamics";
      readonly row: number;
      readonly text: string;
    };

/**
 * The save request the form stands for, or the problems that keep it from being one. A label
 * left empty is left out (the server takes the code); a weight of 1 is written as 1.
 */
export function readIndexForm(
  form: IndexForm,
): { ok: true; body: SaveIndexBody } | { ok: false; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  if (form.code.trim() === "") problems.push({ kind: "code" });
  if (form.name.trim() === "") problems.push({ kind: "name" });
  if (form.populationIndicator.trim() === "") problems.push({ kind: "populationIndicator" });

  const indicators = (dimension: "status" | "dynamics", rows: readonly IndicatorRow[]) =>
    rows.map((r, row) => {
      if (r.code.trim() === "") problems.push({ kind: "indicator", dimension, row });
      const weight = parseNumber(r.weight);
      if (weight === null || !(weight > 0)) {
        problems.push({ kind: "weight", dimension, row, text: r.weight });
      }
      return {
        code: r.code.trim(),
        ...(r.label.trim() !== "" ? { label: r.label.trim() } : {}),
        direction: r.direction,
        weight: weight ?? 1,
        ...(dimension === "dynamics" && r.of !== "" ? { of: r.of } : {}),
      };
    });
  const status = indicators("status", form.status);
  const dynamics = indicators("dynamics", form.dynamics);

  const years = parseNumber(form.dynamicsYears);
  if (years === null || !Number.isInteger(years) || years < 1) {
    problems.push({ kind: "dynamicsYears", text: form.dynamicsYears });
  }
  const minPopulation = parseNumber(form.minPopulation);
  if (minPopulation === null || minPopulation < 0) {
    problems.push({ kind: "minPopulation", text: form.minPopulation });
  }
  form.manual.forEach((m, row) => {
    if (m.area === "") problems.push({ kind: "exclusionArea", row });
    if (m.reason.trim() === "") problems.push({ kind: "exclusionReason", row });
  });

  const bands = (dimension: "status" | "dynamics", rows: readonly BandRow[]) =>
    rows.map((b, row): ClassBand => {
      const last = row === rows.length - 1;
      const upTo = last ? null : parseNumber(b.upTo);
      if (!last && upTo === null) problems.push({ kind: "bound", dimension, row, text: b.upTo });
      return { key: b.key, label: b.label.trim(), upTo, inclusive: last ? false : b.inclusive };
    });
  const statusClasses = bands("status", form.statusClasses);
  const dynamicsClasses = bands("dynamics", form.dynamicsClasses);

  if (problems.length > 0) return { ok: false, problems };
  const definition: Definition = {
    code: form.code.trim(),
    name: form.name.trim(),
    status,
    dynamics,
    context: [...form.context],
    dynamicsYears: years!,
    standardisation: form.standardisation,
    statusClasses,
    dynamicsClasses,
    exclusions: {
      minPopulation: minPopulation!,
      manual: form.manual.map((m) => ({ area: m.area, reason: m.reason.trim() })),
    },
  };
  return {
    ok: true,
    body: {
      definition,
      populationIndicator: form.populationIndicator.trim(),
      ...(form.comment.trim() !== "" ? { comment: form.comment.trim() } : {}),
    },
  };
}

/**
 * The class bands of the form as far as they can be read, for the rule in words beside the
 * inputs (an unreadable bound reads as no bound until it is fixed).
 */
export function bandsOf(rows: readonly BandRow[]): ClassBand[] {
  return rows.map((b, i) => ({
    key: b.key,
    label: b.label,
    upTo: i === rows.length - 1 ? null : parseNumber(b.upTo),
    inclusive: b.inclusive,
  }));
}

/** A suggested code for the change of an indicator, as the demo's index names them. */
export function changeCode(of: string): string {
  return of === "" ? "" : `${of.replace(/_rate$/, "")}_change`;
}

/** A code from a name: lower case, letters, digits and "-" (for a new index). */
export function codeFromName(name: string): string {
  return slug(name, 64);
}
