/**
 * One finding of an import: where it is (1-based line of the source file and the column's
 * header or letter, or a feature index for geodata), how bad it is, and a German message a
 * planner can act on. `code` is stable and machine-readable.
 */
export type IssueSeverity = "error" | "warning" | "info";

export type IssueCode =
  // file level
  | "empty_file"
  | "binary_file"
  | "unknown_encoding"
  | "file_too_large"
  | "delimiter_not_detected"
  | "unclosed_quote"
  | "invalid_xlsx"
  | "missing_column"
  | "header_mismatch"
  | "row_length"
  | "sheet_not_found"
  | "invalid_json"
  | "invalid_mapping"
  // value level
  | "not_a_number"
  | "negative_count"
  | "empty_value"
  | "withheld_value"
  | "invalid_period"
  | "unknown_area"
  | "unknown_variable"
  | "ambiguous_area"
  | "ambiguous_variable"
  | "matched_by_name"
  | "variable_without_indicator"
  | "unknown_status"
  | "duplicate_key"
  | "unmapped_column"
  | "skipped_row"
  // consistency
  | "children_exceed_parent"
  | "unassigned_remainder"
  | "conflicting_value"
  | "revised_value"
  | "parts_exceed_total"
  | "implausible_jump"
  | "outlier"
  // geodata
  | "object_not_found"
  /** A budget line names a measure or a product code the workspace does not know. */
  | "unknown_measure"
  | "unknown_product"
  | "invalid_geometry"
  | "invalid_ring"
  | "crs_not_detected"
  | "unsupported_crs"
  | "missing_property"
  | "duplicate_area"
  | "unknown_parent"
  | "parent_assigned"
  | "ring_orientation"
  | "missing_prj"
  | "conversion_failed"
  // topology of a level of areas
  | "area_overlap"
  | "area_gap"
  | "outside_parent"
  | "topology_not_checked";

export interface ImportIssue {
  readonly severity: IssueSeverity;
  readonly code: IssueCode;
  /** 1-based line in the source file (data rows count from the file's first line), or null. */
  readonly row: number | null;
  /** Column header (or spreadsheet letter / property name), or null. */
  readonly column: string | null;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Builds an issue; `where` places it at a line and column and may carry machine-readable details. */
export function issue(
  severity: IssueSeverity,
  code: IssueCode,
  message: string,
  where: { row?: number | null; column?: string | null; details?: Record<string, unknown> } = {},
): ImportIssue {
  const base = { severity, code, row: where.row ?? null, column: where.column ?? null, message };
  return where.details ? { ...base, details: where.details } : base;
}

/** Tells whether any of the issues is an error, which blocks the import from being written. */
export function hasErrors(issues: readonly ImportIssue[]): boolean {
  return issues.some((i) => i.severity === "error");
}
