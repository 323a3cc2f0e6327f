/**
 * A crosswalk (Umschlüsselung) carries counts from the areas before a boundary reform onto the
 * areas after it: new_j = Σ_i w_ij · old_i, where w_ij is the share of old area i that lies in
 * new area j (by area or by population) and Σ_j w_ij = 1 for every old area i.
 *
 * Pure: rows of weights and counts in, carried counts and findings out. Method, limits and
 * sources: docs/methods/crosswalk.md.
 */

/** One row of a crosswalk table: the share `weight` of old area `oldCode` in new area `newCode`. */
export interface CrosswalkRow {
  readonly oldCode: string;
  readonly newCode: string;
  readonly weight: number;
}

/** How weights are cleaned before use; returned with every result so a report can print it. */
export interface CrosswalkOptions {
  /**
   * Normalised weights below this are slivers — digitising noise along a shared boundary, not
   * real overlap — and are dropped; the rest of the old area is normalised again. An old area
   * whose every weight is below it keeps all of them.
   */
  readonly sliverBelow: number;
  /** A sum of an old area's weights further from 1 than this is reported (and normalised). */
  readonly sumTolerance: number;
}

export const CROSSWALK_DEFAULTS: CrosswalkOptions = { sliverBelow: 0.001, sumTolerance: 0.01 };

/** What the cleaning found, per old area. None of these stops a crosswalk. */
export type CrosswalkFinding =
  | { readonly kind: "sum_off"; readonly oldCode: string; readonly sum: number }
  | {
      readonly kind: "slivers_dropped";
      readonly oldCode: string;
      readonly count: number;
      /** The dropped share of the old area, before normalising again. */
      readonly share: number;
    }
  /** Every weight of the old area is zero: it is treated as missing from the crosswalk. */
  | { readonly kind: "no_weight"; readonly oldCode: string };

export interface Share {
  readonly newCode: string;
  /** Normalised: the shares of one old area sum to 1 (up to floating point). */
  readonly weight: number;
}

export interface NormalisedCrosswalk {
  /** Per old code, its shares in the new areas, ordered by new code. */
  readonly shares: ReadonlyMap<string, readonly Share[]>;
  /** Every new code that receives a share, sorted. */
  readonly newCodes: readonly string[];
  readonly findings: readonly CrosswalkFinding[];
  readonly options: CrosswalkOptions;
}

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Groups the rows per old area, adds up repeated pairs, normalises each old area's weights to
 * sum 1 (reporting a sum off by more than `sumTolerance`), drops slivers below `sliverBelow`
 * and normalises again. Negative or non-finite weights are the reader's to refuse; here they
 * count as zero.
 */
export function normaliseCrosswalk(
  rows: readonly CrosswalkRow[],
  options: CrosswalkOptions = CROSSWALK_DEFAULTS,
): NormalisedCrosswalk {
  const grouped = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const w = Number.isFinite(r.weight) && r.weight > 0 ? r.weight : 0;
    let m = grouped.get(r.oldCode);
    if (!m) grouped.set(r.oldCode, (m = new Map()));
    m.set(r.newCode, (m.get(r.newCode) ?? 0) + w);
  }
  const shares = new Map<string, Share[]>();
  const findings: CrosswalkFinding[] = [];
  const newCodes = new Set<string>();
  for (const oldCode of [...grouped.keys()].sort(byCode)) {
    const weights = [...grouped.get(oldCode)!].sort((a, b) => byCode(a[0], b[0]));
    const sum = weights.reduce((s, [, w]) => s + w, 0);
    if (sum === 0) {
      findings.push({ kind: "no_weight", oldCode });
      continue;
    }
    if (Math.abs(sum - 1) > options.sumTolerance) findings.push({ kind: "sum_off", oldCode, sum });
    const normalised = weights.map(([newCode, w]) => ({ newCode, weight: w / sum }));
    const kept = normalised.filter((s) => s.weight >= options.sliverBelow);
    let result = normalised.filter((s) => s.weight > 0);
    if (kept.length > 0 && kept.length < result.length) {
      const keptSum = kept.reduce((s, x) => s + x.weight, 0);
      findings.push({
        kind: "slivers_dropped",
        oldCode,
        count: result.length - kept.length,
        share: 1 - keptSum,
      });
      result = kept.map((s) => ({ newCode: s.newCode, weight: s.weight / keptSum }));
    }
    // One share left is the whole old area: exactly 1, not 0.9999999999999999.
    if (result.length === 1) result = [{ newCode: result[0]!.newCode, weight: 1 }];
    shares.set(oldCode, result);
    for (const s of result) newCodes.add(s.newCode);
  }
  return { shares, newCodes: [...newCodes].sort(byCode), findings, options };
}

/**
 * `fractional`: every carried part stays as computed. `largest_remainder`: the parts of an old
 * area whose count is a whole number are whole numbers that add up to it exactly (Hare–Niemeyer:
 * each part rounded down, the units left over go to the largest remainders, ties to the first
 * new code) — for counts of people. Counts that are not whole numbers are never rounded.
 */
export type CrosswalkRounding = "fractional" | "largest_remainder";

export interface CarriedValue {
  readonly newCode: string;
  /** Null when an old area feeding it has no value: a sum over an unknown part is unknown. */
  readonly value: number | null;
  /** True when only whole old areas (weight 1) feed it: the value is not an estimate. */
  readonly exact: boolean;
  /** The old areas feeding it, sorted. */
  readonly sources: readonly string[];
}

export interface CarryResult {
  /** One per new area fed by at least one old area that has a value or is known missing. */
  readonly values: readonly CarriedValue[];
  /** Old areas with a value that the crosswalk does not know: their counts are not carried. */
  readonly unmappedOld: readonly string[];
  /** New areas of the crosswalk that receive nothing from the counts given. */
  readonly newWithoutValue: readonly string[];
  readonly rounding: CrosswalkRounding;
}

/**
 * Splits `value` by `weights` (summing to 1) into parts; with `largest_remainder` and a whole
 * `value`, into whole parts whose sum is exactly `value`.
 */
export function splitCount(
  value: number,
  weights: readonly number[],
  rounding: CrosswalkRounding,
): number[] {
  const raw = weights.map((w) => w * value);
  if (rounding === "fractional" || !Number.isInteger(value)) return raw;
  const sign = value < 0 ? -1 : 1;
  const abs = raw.map((x) => x * sign);
  const floors = abs.map((x) => Math.floor(x + 1e-9));
  let left = Math.abs(value) - floors.reduce((s, x) => s + x, 0);
  const order = abs
    .map((x, i) => ({ i, rest: x - floors[i]! }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let k = 0; left > 0 && order.length > 0; k = (k + 1) % order.length, left--) {
    floors[order[k]!.i]! += 1;
  }
  // Only when floating-point error pushed a part just over a whole number: take it back.
  for (let k = order.length - 1; left < 0 && k >= 0; k--, left++) floors[order[k]!.i]! -= 1;
  return floors.map((x) => (x * sign === 0 ? 0 : x * sign));
}

/**
 * Carries the counts of the old areas (old code → value; null for a value withheld or
 * missing) onto the new areas of a normalised crosswalk.
 */
export function carryCounts(
  crosswalk: NormalisedCrosswalk,
  counts: ReadonlyMap<string, number | null>,
  rounding: CrosswalkRounding = "largest_remainder",
): CarryResult {
  const sums = new Map<string, { value: number | null; exact: boolean; sources: string[] }>();
  const unmappedOld: string[] = [];
  for (const [oldCode, value] of [...counts].sort((a, b) => byCode(a[0], b[0]))) {
    const shares = crosswalk.shares.get(oldCode);
    if (!shares) {
      if (value !== null) unmappedOld.push(oldCode);
      continue;
    }
    const parts =
      value === null
        ? shares.map(() => null)
        : splitCount(
            value,
            shares.map((s) => s.weight),
            rounding,
          );
    shares.forEach((s, k) => {
      let acc = sums.get(s.newCode);
      if (!acc) sums.set(s.newCode, (acc = { value: 0, exact: true, sources: [] }));
      const part = parts[k]!;
      acc.value = acc.value === null || part === null ? null : acc.value + part;
      if (s.weight !== 1) acc.exact = false;
      acc.sources.push(oldCode);
    });
  }
  const values = [...sums]
    .sort((a, b) => byCode(a[0], b[0]))
    .map(([newCode, acc]) => ({ newCode, ...acc, sources: acc.sources.sort(byCode) }));
  const newWithoutValue = crosswalk.newCodes.filter((c) => !sums.has(c));
  return { values, unmappedOld, newWithoutValue, rounding };
}

/** Only counts that add up over areas can be carried: variables with aggregation `sum`. */
export function isCarriable(variable: { readonly aggregation: "sum" | "none" }): boolean {
  return variable.aggregation === "sum";
}
