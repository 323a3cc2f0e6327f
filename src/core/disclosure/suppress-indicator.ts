import type { AreaTree } from "../areas/area-tree.ts";
import type { IndicatorResult } from "../indicators/indicator.ts";
import { VALUE_CODE } from "../indicators/value-code.ts";
import { err, ok, type Result } from "../result.ts";
import { known, missing, suppressed, type Value } from "../value.ts";
import {
  CELL_FLAG,
  applyPrimarySuppression,
  applySecondarySuppression,
  hierarchyGroups,
  indexGroups,
  type GroupIndex,
  type SuppressionGroup,
} from "./secondary-suppression.ts";
import { validateSuppressionRule, type SuppressionRule } from "./suppression-rule.ts";

/** The flags of one column of counts after primary and secondary suppression. */
export interface CountSuppression {
  readonly flags: Uint8Array;
  readonly primaryCount: number;
  readonly secondaryCount: number;
}

/**
 * Primary suppression of `counts` under `rule`, then secondary suppression over `groups`
 * (a list, or a `GroupIndex` prepared once for many tables). The counts are not changed.
 * Fails with a German message when the rule or a group is invalid (see
 * `validateSuppressionRule`, `applySecondarySuppression`).
 */
export function suppressCounts(
  counts: ArrayLike<number>,
  groups: readonly SuppressionGroup[] | GroupIndex,
  rule: SuppressionRule,
): Result<CountSuppression, string> {
  const validRule = validateSuppressionRule(rule);
  if (!validRule.ok) return validRule;
  const primary = applyPrimarySuppression(counts, rule);
  const primaryCount = primary.reduce((n, f) => n + (f === CELL_FLAG.PRIMARY ? 1 : 0), 0);
  const secondary = applySecondarySuppression({ values: counts, flags: primary }, groups);
  if (!secondary.ok) return secondary;
  return ok({
    flags: secondary.value.flags,
    primaryCount,
    secondaryCount: secondary.value.secondaryCount,
  });
}

/** An indicator's counts and values for one period, one entry per area of the tree. */
export interface PeriodCounts {
  /** Numerator count per area; `NaN` where the count is missing. */
  readonly numerator: ArrayLike<number>;
  /** Denominator count per area, or `null` for an indicator without denominator. */
  readonly denominator: ArrayLike<number> | null;
  /** The indicator value per area, as computed from these counts. */
  readonly values: readonly Value<number>[];
}

/** An indicator for one period after disclosure control, one entry per area. */
export interface SuppressedIndicatorValues {
  /** The rule applied, returned so a report can state it. */
  readonly rule: SuppressionRule;
  /** The indicator value; suppressed where a count it rests on is hidden. */
  readonly values: readonly Value<number>[];
  /** The numerator count as it may be published. */
  readonly numerator: readonly Value<number>[];
  /** The denominator count as it may be published, or `null` without denominator. */
  readonly denominator: readonly Value<number>[] | null;
  /** `CELL_FLAG` per area for the numerator and denominator counts. */
  readonly numeratorFlags: Uint8Array;
  readonly denominatorFlags: Uint8Array | null;
  readonly primaryCount: number;
  readonly secondaryCount: number;
}

/** A count as it may be published; a count we never had stays missing, even when flagged. */
function countValue(count: number, flag: number): Value<number> {
  if (!Number.isFinite(count)) return missing("no_data");
  if (flag === CELL_FLAG.PRIMARY) return suppressed("small_count");
  if (flag === CELL_FLAG.SECONDARY) return suppressed("secondary");
  return known(count);
}

/**
 * Whether a value would tell something about its counts: a known value, and also a
 * "zero denominator", which reveals that the denominator is 0.
 */
function revealsCounts(value: Value<number>): boolean {
  return (
    value.kind === "known" || (value.kind === "missing" && value.reason === "zero_denominator")
  );
}

/** The suppression of a value resting on counts with these flags, or `null` when none. */
function valueSuppression(
  numeratorFlag: number,
  denominatorFlag: number,
): "small_count" | "secondary" | null {
  if (numeratorFlag === CELL_FLAG.PRIMARY || denominatorFlag === CELL_FLAG.PRIMARY)
    return "small_count";
  if (numeratorFlag === CELL_FLAG.SECONDARY || denominatorFlag === CELL_FLAG.SECONDARY)
    return "secondary";
  return null;
}

interface LayerFlags {
  numerator: CountSuppression;
  denominator: CountSuppression | null;
}

function treeGroups(tree: AreaTree): Result<GroupIndex, string> {
  return indexGroups(hierarchyGroups(tree), tree.size);
}

function suppressLayers(
  groups: GroupIndex,
  numerator: ArrayLike<number>,
  denominator: ArrayLike<number> | null,
  rule: SuppressionRule,
): Result<LayerFlags, string> {
  const num = suppressCounts(numerator, groups, rule);
  if (!num.ok) return num;
  if (denominator === null) return ok({ numerator: num.value, denominator: null });
  const den = suppressCounts(denominator, groups, rule);
  if (!den.ok) return den;
  return ok({ numerator: num.value, denominator: den.value });
}

/**
 * Disclosure control of one indicator in one period over an area tree. The numerator counts
 * and, separately, the denominator counts go through primary suppression (the minimum-case
 * rule of `rule`) and then secondary suppression over the tree's parent = Σ children
 * groups (`hierarchyGroups`). Every area's value is then suppressed when its numerator or
 * denominator count is hidden: with reason `small_count` when either is hidden by primary
 * suppression, else `secondary` — a published value and a published denominator would
 * otherwise give back the numerator. A "zero denominator" is suppressed in the same way,
 * since it reveals a count; any other missing value stays missing, and a count that was
 * never there stays `no_data`.
 *
 * For an indicator without denominator, the numerator is treated as a count. Do not pass
 * rates published by a source (they are not counts, and the source has protected them);
 * publish those as they came. Returns the rule with the result. Fails with a German message
 * when an array's length differs from the tree's size or the rule is invalid.
 */
export function suppressIndicatorValues(
  tree: AreaTree,
  counts: PeriodCounts,
  rule: SuppressionRule,
): Result<SuppressedIndicatorValues, string> {
  const n = tree.size;
  const lengths = [counts.numerator.length, counts.values.length, counts.denominator?.length ?? n];
  if (lengths.some((len) => len !== n)) {
    return err(`Für ${n} Gebiete wurden Zähler, Nenner oder Werte anderer Länge übergeben.`);
  }
  const groups = treeGroups(tree);
  if (!groups.ok) return groups;
  const layers = suppressLayers(groups.value, counts.numerator, counts.denominator, rule);
  if (!layers.ok) return layers;
  const numFlags = layers.value.numerator.flags;
  const denFlags = layers.value.denominator?.flags ?? null;

  const reasons = counts.values.map((value, a) =>
    revealsCounts(value)
      ? valueSuppression(numFlags[a]!, denFlags?.[a] ?? CELL_FLAG.PUBLISHED)
      : null,
  );
  const values = counts.values.map((value, a) => {
    const reason = reasons[a];
    return reason ? suppressed(reason) : value;
  });
  // A withheld value carries neither of its counts: the one left would tell how much of the
  // other there is (and the pattern would point at the small cell).
  const withValue = (count: Value<number>, a: number): Value<number> => {
    const reason = reasons[a];
    return reason && count.kind === "known" ? suppressed(reason) : count;
  };
  const denominator = counts.denominator;
  return ok({
    rule,
    values,
    numerator: Array.from({ length: n }, (_, a) =>
      withValue(countValue(counts.numerator[a]!, numFlags[a]!), a),
    ),
    denominator:
      denominator && denFlags
        ? Array.from({ length: n }, (_, a) =>
            withValue(countValue(denominator[a]!, denFlags[a]!), a),
          )
        : null,
    numeratorFlags: numFlags,
    denominatorFlags: denFlags,
    primaryCount:
      layers.value.numerator.primaryCount + (layers.value.denominator?.primaryCount ?? 0),
    secondaryCount:
      layers.value.numerator.secondaryCount + (layers.value.denominator?.secondaryCount ?? 0),
  });
}

/** An indicator result after disclosure control of every period, with the rule applied. */
export interface SuppressedIndicatorResult {
  readonly rule: SuppressionRule;
  /**
   * A copy of the input with hidden counts and values removed: their numbers are `NaN` and
   * their codes `SMALL_COUNT` or `SECONDARY`, so `indicatorValue` and `indicatorCell` read
   * them as suppressed and no hidden number remains in the object.
   */
  readonly result: IndicatorResult;
  readonly primaryCount: number;
  readonly secondaryCount: number;
}

/**
 * Applies `suppressIndicatorValues` to every period of an indicator result (same rules,
 * typed arrays in and out) and returns a suppressed copy fit for publication. The tree must
 * be the one the result was computed on. Fails with a German message when the tree's size
 * differs from the result's or the rule is invalid.
 */
export function suppressIndicatorResult(
  tree: AreaTree,
  result: IndicatorResult,
  rule: SuppressionRule,
): Result<SuppressedIndicatorResult, string> {
  const n = result.areaCount;
  if (tree.size !== n) {
    return err(`Der Gebietsbaum hat ${tree.size} Gebiete, das Ergebnis aber ${n}.`);
  }
  const validRule = validateSuppressionRule(rule);
  if (!validRule.ok) return validRule;
  const groups = treeGroups(tree);
  if (!groups.ok) return groups;
  const numerator = result.numerator.slice();
  const numeratorCodes = result.numeratorCodes.slice();
  const denominator = result.denominator?.slice() ?? null;
  const denominatorCodes = result.denominatorCodes?.slice() ?? null;
  const values = result.values.slice();
  const valueCodes = result.valueCodes.slice();
  let primaryCount = 0;
  let secondaryCount = 0;

  const hide = (numbers: Float64Array, codes: Uint8Array, i: number, flag: number): void => {
    if (flag === CELL_FLAG.PUBLISHED) return;
    const code = codes[i];
    if (code !== VALUE_CODE.KNOWN && code !== VALUE_CODE.ZERO_DENOMINATOR) return;
    numbers[i] = Number.NaN;
    codes[i] = flag === CELL_FLAG.PRIMARY ? VALUE_CODE.SMALL_COUNT : VALUE_CODE.SECONDARY;
  };

  for (let slot = 0; slot < result.periodIndices.length; slot++) {
    const start = slot * n;
    const layers = suppressLayers(
      groups.value,
      result.numerator.subarray(start, start + n),
      result.denominator?.subarray(start, start + n) ?? null,
      rule,
    );
    if (!layers.ok) return layers;
    const numFlags = layers.value.numerator.flags;
    const denFlags = layers.value.denominator?.flags ?? null;
    primaryCount +=
      layers.value.numerator.primaryCount + (layers.value.denominator?.primaryCount ?? 0);
    secondaryCount +=
      layers.value.numerator.secondaryCount + (layers.value.denominator?.secondaryCount ?? 0);

    for (let a = 0; a < n; a++) {
      const i = start + a;
      const numFlag = numFlags[a]!;
      const denFlag = denFlags?.[a] ?? CELL_FLAG.PUBLISHED;
      hide(numerator, numeratorCodes, i, numFlag);
      if (denominator && denominatorCodes) hide(denominator, denominatorCodes, i, denFlag);
      const reason = valueSuppression(numFlag, denFlag);
      const revealing =
        valueCodes[i] === VALUE_CODE.KNOWN || valueCodes[i] === VALUE_CODE.ZERO_DENOMINATOR;
      if (reason && revealing) {
        const flag = reason === "small_count" ? CELL_FLAG.PRIMARY : CELL_FLAG.SECONDARY;
        hide(values, valueCodes, i, flag);
        // A withheld value carries neither of its counts: the one left would tell how much
        // of the other there is (and the pattern would point at the small cell).
        hide(numerator, numeratorCodes, i, flag);
        if (denominator && denominatorCodes) hide(denominator, denominatorCodes, i, flag);
      }
    }
  }
  return ok({
    rule,
    result: {
      ...result,
      numerator,
      numeratorCodes,
      denominator,
      denominatorCodes,
      values,
      valueCodes,
    },
    primaryCount,
    secondaryCount,
  });
}
