import { err, ok, type Result } from "../result.ts";

/**
 * The minimum-case rule (Mindestfallzahlregel) of primary suppression: a count of at least
 * one but fewer than `minCount` cases is hidden, and a count of zero too when
 * `suppressZero` is set (for topics where "nobody here" is itself sensitive).
 */
export interface SuppressionRule {
  /** Smallest count that may be published; counts from 1 to `minCount − 1` are hidden. */
  readonly minCount: number;
  /** Whether a count of exactly 0 is hidden as well. */
  readonly suppressZero: boolean;
}

/** Counts of 1 and 2 are hidden, zero is shown: the common practice of German statistics. */
export const DEFAULT_SUPPRESSION_RULE: SuppressionRule = Object.freeze({
  minCount: 3,
  suppressZero: false,
});

/** The largest minimum count accepted; larger values would hide nearly every small area. */
export const MAX_MIN_COUNT = 1000;

/**
 * Checks a rule: `minCount` must be a whole number from 1 to `MAX_MIN_COUNT` (1 hides
 * nothing but zeros). Returns the rule unchanged or a German message.
 */
export function validateSuppressionRule(rule: SuppressionRule): Result<SuppressionRule, string> {
  if (!Number.isInteger(rule.minCount) || rule.minCount < 1 || rule.minCount > MAX_MIN_COUNT) {
    return err(
      `Die Mindestfallzahl muss eine ganze Zahl von 1 bis ${MAX_MIN_COUNT} sein (${rule.minCount}).`,
    );
  }
  return ok(rule);
}

/**
 * Whether a count (a number of persons, households, cases) must be hidden by primary
 * suppression under `rule`: when `0 < count < minCount`, or when `count` is 0 and the rule
 * suppresses zeros. A missing count (`NaN`) and a negative number are never primary-
 * suppressed: there is nothing to protect, or it is not a count.
 */
export function isPrimarySuppressed(count: number, rule: SuppressionRule): boolean {
  if (count === 0) return rule.suppressZero;
  return count > 0 && count < rule.minCount;
}
