import type { Period } from "../periods/period.ts";
import { err, ok, type Result } from "../result.ts";
import { missing, type Value } from "../value.ts";
import type { Cube } from "./cube.ts";
import { VALUE_CODE, VALUE_CODE_BY_PROVENANCE, decodeValue } from "./value-code.ts";

/** Whether a higher value of an indicator is better, worse, or neither (polarity). */
export type Polarity = "higher_is_better" | "lower_is_better" | "neutral";

/** Whether an indicator's formula uses a variable, in its numerator or its denominator. */
export function usesVariable(
  formula: {
    readonly numerator: readonly string[];
    readonly denominator: readonly string[] | null;
  },
  variableCode: string,
): boolean {
  return (
    formula.numerator.includes(variableCode) || (formula.denominator ?? []).includes(variableCode)
  );
}

/**
 * The formula of an indicator: `factor × Σ numerator / Σ denominator`, computed from the
 * counts of the cube's variables for every area and period.
 */
export interface IndicatorDefinition {
  readonly code: string;
  /** Variable codes whose numbers are summed into the numerator; at least one. */
  readonly numerator: readonly string[];
  /**
   * Variable codes summed into the denominator, or `null` when the indicator is the
   * (scaled) numerator itself: a count, or a rate published by the source.
   */
  readonly denominator: readonly string[] | null;
  /** Scale of the quotient: 1 for a fraction or a count, 100 for %, 1000 for per 1,000. */
  readonly factor: number;
  /** Decimal places shown; a display setting only, values are kept unrounded. */
  readonly decimals: number;
  /** Unit as shown, e.g. "%", "je 1.000 EW", "Personen". */
  readonly unit: string;
  readonly polarity: Polarity;
}

const POLARITIES: readonly Polarity[] = ["higher_is_better", "lower_is_better", "neutral"];

/** The largest number of decimal places an indicator may ask for. */
export const MAX_DECIMALS = 6;

function checkTerms(terms: readonly string[], what: string, code: string): string[] {
  const problems: string[] = [];
  if (terms.length === 0) problems.push(`Indikator „${code}“: ${what} nennt kein Merkmal.`);
  const seen = new Set<string>();
  for (const term of terms) {
    if (seen.has(term))
      problems.push(`Indikator „${code}“: Merkmal „${term}“ steht im ${what} doppelt.`);
    seen.add(term);
  }
  return problems;
}

/**
 * Checks an indicator definition on its own, without a cube: a non-empty code, at least
 * one numerator term and (when given) one denominator term, no term twice on the same side,
 * a finite positive factor, whole decimals from 0 to `MAX_DECIMALS`, and a known polarity.
 * Returns the definition unchanged, or a German message listing every problem.
 */
export function validateIndicatorDefinition(
  def: IndicatorDefinition,
): Result<IndicatorDefinition, string> {
  const problems: string[] = [];
  if (def.code.trim() === "") problems.push("Ein Indikator braucht einen Code.");
  problems.push(...checkTerms(def.numerator, "Zähler", def.code));
  if (def.denominator !== null) problems.push(...checkTerms(def.denominator, "Nenner", def.code));
  if (!Number.isFinite(def.factor) || def.factor <= 0) {
    problems.push(
      `Indikator „${def.code}“: Der Faktor muss eine positive Zahl sein (${def.factor}).`,
    );
  }
  if (!Number.isInteger(def.decimals) || def.decimals < 0 || def.decimals > MAX_DECIMALS) {
    problems.push(
      `Indikator „${def.code}“: Nachkommastellen müssen eine ganze Zahl von 0 bis ${MAX_DECIMALS} sein.`,
    );
  }
  if (!POLARITIES.includes(def.polarity)) {
    problems.push(`Indikator „${def.code}“: unbekannte Polarität „${String(def.polarity)}“.`);
  }
  return problems.length > 0 ? err(problems.join("\n")) : ok(def);
}

/**
 * An indicator computed for some periods ("slots") and every area of a cube. Cell
 * `(slot, area)` lives at offset `slot * areaCount + area` in every array. Each number array
 * has a code array beside it (`VALUE_CODE`); a number is valid only where its code is
 * `KNOWN`, elsewhere it is `NaN`. Read cells with `indicatorValue` or `indicatorCell`.
 */
export interface IndicatorResult {
  /** The definition used, returned so a report can print the formula. */
  readonly definition: IndicatorDefinition;
  /** Cube period index per slot. */
  readonly periodIndices: readonly number[];
  /** The period per slot. */
  readonly periods: readonly Period[];
  /** Area codes by area index (the cube's tree). */
  readonly areaCodes: readonly string[];
  readonly areaCount: number;
  /** Σ numerator counts. */
  readonly numerator: Float64Array;
  readonly numeratorCodes: Uint8Array;
  /** Σ denominator counts, or `null` for an indicator without denominator. */
  readonly denominator: Float64Array | null;
  readonly denominatorCodes: Uint8Array | null;
  /** The indicator value `factor × numerator / denominator` (or `factor × numerator`). */
  readonly values: Float64Array;
  readonly valueCodes: Uint8Array;
  /**
   * The flags (`FLAG` of core/marks) of each count and value: the union of the flags of the
   * cube cells they were computed from; `null` when the cube carries none.
   */
  readonly flags: {
    readonly numerator: Uint8Array;
    readonly denominator: Uint8Array | null;
    readonly value: Uint8Array;
  } | null;
}

const CODE_BY_PROVENANCE = new Uint8Array(256).fill(VALUE_CODE.NO_DATA);
for (const [provenance, code] of Object.entries(VALUE_CODE_BY_PROVENANCE)) {
  CODE_BY_PROVENANCE[Number(provenance)] = code;
}

function resolveTerms(
  cube: Cube,
  terms: readonly string[],
  def: IndicatorDefinition,
): number[] | string {
  const indices: number[] = [];
  const unknown: string[] = [];
  for (const term of terms) {
    const index = cube.variableIndexByCode.get(term);
    if (index === undefined) unknown.push(`„${term}“`);
    else indices.push(index);
  }
  return unknown.length > 0
    ? `Indikator „${def.code}“: Merkmal ${unknown.join(", ")} fehlt im Datenwürfel.`
    : indices;
}

/**
 * Sums the cube cells of `variables` for every period in `slots` into `sums`/`codes` (slot
 * `s`, area `a` at `s * areaCount + a`; `codes` must be all zero). A sum is `NaN` as soon as
 * one term has no number, and its code is then the most specific missing reason among the
 * terms. The cube keeps a number exactly in its observed and aggregated cells, so reasons
 * are looked up only for `NaN` sums; the common, complete case is a plain loop of
 * additions. One call covers all periods, so the engine optimises its loops early.
 */
function sumTerms(
  cube: Cube,
  variables: readonly number[],
  slots: readonly number[],
  sums: Float64Array,
  codes: Uint8Array,
): void {
  const areaCount = cube.tree.size;
  const periodCount = cube.periods.length;
  const { values, provenance } = cube;
  const termCount = variables.length;
  const bases = new Int32Array(termCount);
  for (let s = 0; s < slots.length; s++) {
    const out = s * areaCount;
    for (let t = 0; t < termCount; t++) {
      bases[t] = (variables[t]! * periodCount + slots[s]!) * areaCount;
    }
    // A plain loop: subarray() + set() costs more than the copy for a few hundred areas.
    const first = bases[0]!;
    for (let a = 0; a < areaCount; a++) sums[out + a] = values[first + a]!;
    for (let t = 1; t < termCount; t++) {
      const base = bases[t]!;
      for (let a = 0; a < areaCount; a++) sums[out + a]! += values[base + a]!;
    }
    for (let a = 0; a < areaCount; a++) {
      const sum = sums[out + a]!;
      if (sum === sum) continue; // not NaN
      let code: number = VALUE_CODE.NO_DATA;
      for (let t = 0; t < termCount; t++) {
        const termCode = CODE_BY_PROVENANCE[provenance[bases[t]! + a]!]!;
        if (termCode > code) code = termCode;
      }
      codes[out + a] = code;
    }
  }
}

/** The union of the cube flags of `variables`, per slot and area, into `out`. */
function orTerms(
  cube: Cube,
  flags: Uint8Array,
  variables: readonly number[],
  slots: readonly number[],
  out: Uint8Array,
): void {
  const areaCount = cube.tree.size;
  const periodCount = cube.periods.length;
  for (let s = 0; s < slots.length; s++) {
    const o = s * areaCount;
    for (const v of variables) {
      const base = (v * periodCount + slots[s]!) * areaCount;
      for (let a = 0; a < areaCount; a++) out[o + a]! |= flags[base + a]!;
    }
  }
}

/**
 * Writes `factor × numerator / denominator` and its code for every cell: the more
 * specific reason when a count is missing, `ZERO_DENOMINATOR` for a known zero denominator.
 * A separate small function so the engine optimises this hot loop on its own.
 */
function divideCounts(
  numerator: Float64Array,
  numeratorCodes: Uint8Array,
  denominator: Float64Array,
  denominatorCodes: Uint8Array,
  factor: number,
  values: Float64Array,
  valueCodes: Uint8Array,
): void {
  for (let i = 0; i < values.length; i++) {
    const nc = numeratorCodes[i]!;
    const dc = denominatorCodes[i]!;
    const d = denominator[i]!;
    if ((nc | dc) !== 0) {
      values[i] = Number.NaN;
      valueCodes[i] = nc > dc ? nc : dc;
    } else if (d === 0) {
      values[i] = Number.NaN;
      valueCodes[i] = VALUE_CODE.ZERO_DENOMINATOR;
    } else {
      values[i] = (factor * numerator[i]!) / d;
    }
  }
}

/**
 * Computes an indicator for the given cube periods (all periods when `periodIndices` is
 * omitted) and every area: the numerator count Σ numerator, the denominator count
 * Σ denominator, and the value `factor × Σ numerator / Σ denominator` (or
 * `factor × Σ numerator` without denominator), unrounded, in the indicator's unit.
 *
 * Parent areas take their counts from the (aggregated) cube, so a district's rate is always
 * Σ its children's numerators / Σ their denominators, never a mean of the children's rates.
 *
 * A count is missing when any of its terms has no number; its reason comes from the cube:
 * `withheld_at_source`, `not_aggregable`, `incomplete_coverage` or `no_data`, in that order
 * of precedence when terms differ. The value is missing with the reason of its counts (the
 * more specific of the two), or `zero_denominator` when both counts are known and the
 * denominator is 0 (also for 0 / 0). Fails with a German message when the definition is
 * invalid, a variable is not in the cube, or a period index lies outside the cube.
 */
export function computeIndicator(
  cube: Cube,
  def: IndicatorDefinition,
  periodIndices?: readonly number[],
): Result<IndicatorResult, string> {
  const valid = validateIndicatorDefinition(def);
  if (!valid.ok) return valid;
  const numeratorVars = resolveTerms(cube, def.numerator, def);
  if (typeof numeratorVars === "string") return err(numeratorVars);
  const denominatorVars =
    def.denominator === null ? null : resolveTerms(cube, def.denominator, def);
  if (typeof denominatorVars === "string") return err(denominatorVars);

  const periodCount = cube.periods.length;
  const slots = periodIndices ? [...periodIndices] : cube.periods.map((_, i) => i);
  const outside = slots.filter((p) => !Number.isInteger(p) || p < 0 || p >= periodCount);
  if (outside.length > 0) {
    return err(`Zeitraum-Index ${outside.join(", ")} liegt außerhalb des Datenwürfels.`);
  }

  const areaCount = cube.tree.size;
  const cells = slots.length * areaCount;
  // One buffer for all six arrays: fresh memory is the main cost of a result.
  const layers = denominatorVars ? 3 : 2;
  const buffer = new ArrayBuffer(cells * layers * 9);
  const numbers = (k: number): Float64Array => new Float64Array(buffer, k * cells * 8, cells);
  const codes = (k: number): Uint8Array =>
    new Uint8Array(buffer, layers * cells * 8 + k * cells, cells);
  const values = numbers(0);
  const valueCodes = codes(0);
  const numerator = numbers(1);
  const numeratorCodes = codes(1);
  const denominator = denominatorVars ? numbers(2) : null;
  const denominatorCodes = denominatorVars ? codes(2) : null;
  const { factor } = def;

  sumTerms(cube, numeratorVars, slots, numerator, numeratorCodes);
  if (denominatorVars && denominator && denominatorCodes) {
    sumTerms(cube, denominatorVars, slots, denominator, denominatorCodes);
    divideCounts(
      numerator,
      numeratorCodes,
      denominator,
      denominatorCodes,
      factor,
      values,
      valueCodes,
    );
  } else {
    for (let i = 0; i < cells; i++) {
      values[i] = factor * numerator[i]!;
      valueCodes[i] = numeratorCodes[i]!;
    }
  }

  let flags: IndicatorResult["flags"] = null;
  if (cube.flags) {
    const numeratorFlags = new Uint8Array(cells);
    orTerms(cube, cube.flags, numeratorVars, slots, numeratorFlags);
    const denominatorFlags = denominatorVars ? new Uint8Array(cells) : null;
    if (denominatorVars && denominatorFlags) {
      orTerms(cube, cube.flags, denominatorVars, slots, denominatorFlags);
    }
    const valueFlags = numeratorFlags.slice();
    if (denominatorFlags) for (let i = 0; i < cells; i++) valueFlags[i]! |= denominatorFlags[i]!;
    flags = { numerator: numeratorFlags, denominator: denominatorFlags, value: valueFlags };
  }

  return ok({
    definition: def,
    periodIndices: slots,
    periods: slots.map((p) => cube.periods[p]!),
    areaCodes: cube.tree.codes,
    areaCount,
    numerator,
    numeratorCodes,
    denominator,
    denominatorCodes,
    values,
    valueCodes,
    flags,
  });
}

function offsetOf(result: IndicatorResult, slot: number, area: number): number {
  const inRange =
    Number.isInteger(slot) &&
    Number.isInteger(area) &&
    slot >= 0 &&
    slot < result.periodIndices.length &&
    area >= 0 &&
    area < result.areaCount;
  return inRange ? slot * result.areaCount + area : -1;
}

/**
 * The indicator value of one area in one slot (a position in `result.periodIndices`, not a
 * cube period index), in the indicator's unit and unrounded. A slot or area outside the
 * result gives `no_data`.
 */
export function indicatorValue(result: IndicatorResult, slot: number, area: number): Value<number> {
  const i = offsetOf(result, slot, area);
  return i < 0 ? missing("no_data") : decodeValue(result.valueCodes[i]!, result.values[i]!);
}

/** One cell of an indicator result with the counts it was computed from. */
export interface IndicatorCell {
  readonly value: Value<number>;
  readonly numerator: Value<number>;
  /** `null` for an indicator without denominator. */
  readonly denominator: Value<number> | null;
  /** The flags (`FLAG` of core/marks) of the value, and of each count. */
  readonly flags: {
    readonly value: number;
    readonly numerator: number;
    readonly denominator: number;
  };
}

const NO_FLAGS = Object.freeze({ value: 0, numerator: 0, denominator: 0 });

/** The flags of the value of one area in one slot (0 outside the result or without flags). */
export function indicatorFlags(result: IndicatorResult, slot: number, area: number): number {
  const i = offsetOf(result, slot, area);
  return i < 0 || !result.flags ? 0 : result.flags.value[i]!;
}

/**
 * The value and both counts of one area in one slot (see `indicatorValue`). A slot or area
 * outside the result gives `no_data` for every part.
 */
export function indicatorCell(result: IndicatorResult, slot: number, area: number): IndicatorCell {
  const i = offsetOf(result, slot, area);
  if (i < 0) {
    const none = missing("no_data");
    return {
      value: none,
      numerator: none,
      denominator: result.denominator ? none : null,
      flags: NO_FLAGS,
    };
  }
  const f = result.flags;
  return {
    value: decodeValue(result.valueCodes[i]!, result.values[i]!),
    numerator: decodeValue(result.numeratorCodes[i]!, result.numerator[i]!),
    denominator:
      result.denominator && result.denominatorCodes
        ? decodeValue(result.denominatorCodes[i]!, result.denominator[i]!)
        : null,
    flags: f
      ? { value: f.value[i]!, numerator: f.numerator[i]!, denominator: f.denominator?.[i] ?? 0 }
      : NO_FLAGS,
  };
}
