/** What the validation of observations reads besides the records, and what it returns. */
import { type ImportIssue } from "../../core/data/import-issue.ts";
import type { ObservationRecord } from "../mapping/mapping.ts";

/** What validation needs to know about an area; `name` only makes messages friendlier. */
export interface AreaInfo {
  readonly parentCode: string | null;
  readonly level: number;
  readonly name?: string;
}

/** What validation needs to know about a variable; `name` only makes messages friendlier. */
export interface VariableInfo {
  /** `sum`: the children's figures add up to the parent's (counts); `none`: rates, means. */
  readonly aggregation: "sum" | "none";
  readonly measure: "stock" | "flow";
  readonly nonNegative: boolean;
  readonly name?: string;
}

/** An area or variable a text may have meant: its code and name. */
export interface Suggestion {
  readonly code: string;
  readonly name: string;
}

/** A figure as currently stored, with the label of the import that wrote it. */
export interface StoredFigure {
  readonly value: number | null;
  readonly importLabel: string;
}

/** Level names for messages, e.g. 1 → Stadt/Städte, 2 → Stadtteil/Stadtteile. */
export interface LevelName {
  readonly singular: string;
  readonly plural: string;
}

/**
 * Everything validation compares against, passed in so the check stays pure: the catalogue of
 * areas and variables and a lookup of the currently stored figure. `importLabel` is the label
 * of this import: a stored figure with the same label is an earlier version of the same
 * source, whose change is a plain revision rather than a conflict.
 */
export interface ValidationContext {
  readonly areas: ReadonlyMap<string, AreaInfo>;
  readonly variables: ReadonlyMap<string, VariableInfo>;
  readonly existing: (
    variableCode: string,
    areaCode: string,
    periodCode: string,
  ) => StoredFigure | undefined;
  readonly importLabel?: string;
  readonly levelNames?: ReadonlyMap<number, LevelName>;
  /** The closest names for an unknown area or variable text ("meinten Sie …"). */
  readonly suggestions?: {
    readonly areas: ReadonlyMap<string, readonly Suggestion[]>;
    readonly variables: ReadonlyMap<string, readonly Suggestion[]>;
  };
  /** The file's columns that hold the area and the variable, to name them in findings. */
  readonly columns?: { readonly area?: string | undefined; readonly variable?: string | undefined };
}

export interface ValidationCounts {
  /** Figures to write that are not stored yet. */
  readonly new: number;
  /** Figures to write that replace a different stored figure (a new revision). */
  readonly changed: number;
  /** Figures to write that equal the stored figure. */
  readonly unchanged: number;
  /** Compare-only figures. */
  readonly check: number;
  /** Figures left out because of an error. */
  readonly rejected: number;
}

export interface ValidationResult {
  readonly issues: ImportIssue[];
  /** The records to write: not compare-only and free of errors. */
  readonly toWrite: ObservationRecord[];
  readonly counts: ValidationCounts;
}
