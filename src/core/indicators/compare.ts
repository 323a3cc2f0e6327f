import { known, missing, type Value } from "../value.ts";

/** Which end of the scale gets rank 1. */
export type RankOrder = "highest_first" | "lowest_first";

/** Ranks of the areas of one level, in the order the values were given. */
export interface LevelRanking {
  /** Rank per input value; a missing or suppressed input keeps its reason and gets no rank. */
  readonly ranks: readonly Value<number>[];
  /** How many values were ranked (the "n" of "rank 3 of n"). */
  readonly rankedCount: number;
  readonly order: RankOrder;
}

function isUsable(v: Value<number>): v is { kind: "known"; value: number } {
  return v.kind === "known" && Number.isFinite(v.value);
}

/**
 * Ranks the values of the areas of one level (pass one level only: ranking a district
 * against its own statistical districts means nothing). With the default order
 * `"highest_first"`, rank 1 is the highest value; `"lowest_first"` reverses that. Ties share
 * the best rank and the next rank is skipped ("1224" competition ranking), so ranks compare
 * exactly equal values only — round to the shown decimals first if equal-looking values
 * should tie. Missing and suppressed values get no rank: their rank is the input value's own
 * missing or suppressed reason; a known value that is not finite is treated as `no_data`.
 */
export function rankWithinLevel(
  values: readonly Value<number>[],
  order: RankOrder = "highest_first",
): LevelRanking {
  const ranked = values
    .map((v, i) => ({ v, i }))
    .filter((x): x is { v: { kind: "known"; value: number }; i: number } => isUsable(x.v));
  const sign = order === "highest_first" ? -1 : 1;
  ranked.sort((a, b) => sign * (a.v.value - b.v.value) || a.i - b.i);
  const ranks: Value<number>[] = values.map((v) => (v.kind === "known" ? missing("no_data") : v));
  ranked.forEach((x, position) => {
    const previous = ranked[position - 1];
    const previousRank = previous ? ranks[previous.i] : undefined;
    ranks[x.i] =
      previous && previousRank?.kind === "known" && previous.v.value === x.v.value
        ? previousRank
        : known(position + 1);
  });
  return { ranks, rankedCount: ranked.length, order };
}

/** A value against a reference value of the same indicator, e.g. an area against the city. */
export interface ReferenceComparison {
  /** `value − reference`, in the indicator's unit (percentage points for a "%" indicator). */
  readonly difference: number;
  /**
   * `value / reference` as a plain factor (1.25 = a quarter above the reference), or
   * `zero_denominator` when the reference is 0.
   */
  readonly ratio: Value<number>;
}

/**
 * Compares a value with a reference value (the city, the level's mean, another area): the
 * difference in the indicator's unit and the ratio. When either side is missing or
 * suppressed, the result carries that side's reason (the value's reason first); a known
 * value that is not finite counts as `no_data`.
 */
export function compareWithReference(
  value: Value<number>,
  referenceValue: Value<number>,
): Value<ReferenceComparison> {
  if (value.kind !== "known") return value;
  if (referenceValue.kind !== "known") return referenceValue;
  const v = value.value;
  const r = referenceValue.value;
  if (!Number.isFinite(v) || !Number.isFinite(r)) return missing("no_data");
  return known({
    difference: v - r,
    ratio: r === 0 ? missing("zero_denominator") : known(v / r),
  });
}

/** What the difference of a change is measured in. */
export type DifferenceUnit = "percentage_points" | "per_mille_points" | "unit";

/** The change of one indicator between two periods. */
export interface Change {
  /** `current − previous`, in `differenceUnit`. */
  readonly difference: number;
  /**
   * `"percentage_points"` for an indicator in "%", `"per_mille_points"` for one in "‰",
   * otherwise `"unit"`: the difference is in the indicator's own unit (persons, per 1,000).
   */
  readonly differenceUnit: DifferenceUnit;
  /**
   * `(current − previous) / |previous|` as a fraction (0.1 = ten per cent more), or
   * `zero_denominator` when the previous value is 0. `null` for "%" and "‰" indicators,
   * where a relative change of a share is easily misread as a change in points.
   */
  readonly relativeChange: Value<number> | null;
  /** The indicator's unit, as passed in. */
  readonly unit: string;
}

/**
 * The change of an indicator from `previous` to `current` (two periods of one area). The
 * difference is always `current − previous`; for a share in "%" it is in percentage points
 * (from 10 % to 12 % is +2 points, not +20 %), likewise per-mille points for "‰". For every
 * other unit — counts, rates per 1,000 written out, amounts — the relative change is given
 * too. When either value is missing or suppressed, the result carries that reason (the
 * current value's first); a known value that is not finite counts as `no_data`.
 */
export function changeOverPeriods(
  current: Value<number>,
  previous: Value<number>,
  unit: string,
): Value<Change> {
  if (current.kind !== "known") return current;
  if (previous.kind !== "known") return previous;
  const c = current.value;
  const p = previous.value;
  if (!Number.isFinite(c) || !Number.isFinite(p)) return missing("no_data");
  const trimmed = unit.trim();
  const differenceUnit: DifferenceUnit =
    trimmed === "%" ? "percentage_points" : trimmed === "‰" ? "per_mille_points" : "unit";
  const relativeChange =
    differenceUnit !== "unit"
      ? null
      : p === 0
        ? missing("zero_denominator")
        : known((c - p) / Math.abs(p));
  return known({ difference: c - p, differenceUnit, relativeChange, unit });
}
