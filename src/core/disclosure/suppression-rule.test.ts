import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_SUPPRESSION_RULE,
  isPrimarySuppressed,
  validateSuppressionRule,
  type SuppressionRule,
} from "./suppression-rule.ts";

const zeroToo: SuppressionRule = { minCount: 3, suppressZero: true };
const five: SuppressionRule = { minCount: 5, suppressZero: false };

describe("isPrimarySuppressed", () => {
  it.each<[number, SuppressionRule, boolean]>([
    [0, DEFAULT_SUPPRESSION_RULE, false],
    [1, DEFAULT_SUPPRESSION_RULE, true],
    [2, DEFAULT_SUPPRESSION_RULE, true],
    [3, DEFAULT_SUPPRESSION_RULE, false],
    [2.5, DEFAULT_SUPPRESSION_RULE, true],
    [1000, DEFAULT_SUPPRESSION_RULE, false],
    [0, zeroToo, true],
    [1, zeroToo, true],
    [3, zeroToo, false],
    [4, five, true],
    [5, five, false],
    [Number.NaN, zeroToo, false],
    [-1, zeroToo, false],
  ])("count %d under %o → %s", (count, rule, expected) => {
    expect(isPrimarySuppressed(count, rule)).toBe(expected);
  });

  it("defaults to hiding 1 and 2 and showing 0", () => {
    expect(DEFAULT_SUPPRESSION_RULE).toEqual({ minCount: 3, suppressZero: false });
    expect(Object.isFrozen(DEFAULT_SUPPRESSION_RULE)).toBe(true);
  });

  it("property: a count is hidden exactly when it is positive and below the minimum, or a suppressed zero", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 1, max: 20 }),
        fc.boolean(),
        (count, minCount, suppressZero) => {
          const hidden = isPrimarySuppressed(count, { minCount, suppressZero });
          expect(hidden).toBe(count === 0 ? suppressZero : count < minCount);
        },
      ),
    );
  });
});

describe("validateSuppressionRule", () => {
  it.each([0, -3, 2.5, Number.NaN, 1001])("rejects minCount %d", (minCount) => {
    const r = validateSuppressionRule({ minCount, suppressZero: false });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain("Mindestfallzahl");
  });

  it("accepts the default rule unchanged", () => {
    expect(validateSuppressionRule(DEFAULT_SUPPRESSION_RULE)).toEqual({
      ok: true,
      value: DEFAULT_SUPPRESSION_RULE,
    });
  });
});
