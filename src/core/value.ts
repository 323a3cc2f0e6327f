/**
 * A number the product shows is either known, missing for a stated reason, or withheld by
 * disclosure control. Missing and suppressed values are values, not exceptions: a planner
 * must always see why a number is absent.
 */
export type MissingReason =
  /** No observation exists for this cell. */
  | "no_data"
  /** The source delivered the cell as unknown or withheld (e.g. "." or "*" in a table). */
  | "withheld_at_source"
  /** A rate's denominator is zero. */
  | "zero_denominator"
  /** Not every child area has a value, so the sum would be wrong. */
  | "incomplete_coverage"
  /** The variable cannot be summed (a published rate, a mean): it exists only where delivered. */
  | "not_aggregable"
  /** Held back from the public while a plausibility check's finding is being reviewed. */
  | "under_review"
  /** Marked by a planner as not reliable enough to show ("/"). */
  | "not_reliable";

export type SuppressionReason =
  /** Primary suppression: a count below the minimum. */
  | "small_count"
  /** Secondary suppression: hidden so a primary cell cannot be worked out from a total. */
  | "secondary";

export type Known<T> = { readonly kind: "known"; readonly value: T };
export type Missing = { readonly kind: "missing"; readonly reason: MissingReason };
export type Suppressed = { readonly kind: "suppressed"; readonly reason: SuppressionReason };
export type Value<T> = Known<T> | Missing | Suppressed;

export function known<T>(value: T): Known<T> {
  return { kind: "known", value };
}

export function missing(reason: MissingReason): Missing {
  return { kind: "missing", reason };
}

export function suppressed(reason: SuppressionReason): Suppressed {
  return { kind: "suppressed", reason };
}

export function isKnown<T>(v: Value<T>): v is Known<T> {
  return v.kind === "known";
}

/** The known value or `null`, for serialisation. */
export function valueOrNull<T>(v: Value<T>): T | null {
  return v.kind === "known" ? v.value : null;
}
