/**
 * Computes a social index (definition.ts) over the areas of one level: exclusions, the
 * standardisation of every indicator across the included areas, the weighted sum per
 * dimension, its standardisation into the index, the classes and the status × dynamics group.
 * Pure arithmetic on the values given; where they come from (stored observations, a CSV) is
 * the caller's business. Formulas: docs/methods/social-index.md.
 */
import { err, ok, type Result } from "../result.ts";
import {
  classOf,
  validateDefinition,
  type IndexDefinition,
  type IndexIndicator,
  type Standardisation,
} from "./definition.ts";

export interface IndexInputArea {
  readonly code: string;
  readonly name: string;
  /** Inhabitants, for the minimum and for weighted standardisation; null when unknown. */
  readonly population: number | null;
  /** Indicator code → value (status: share in %, dynamics: change in percentage points). */
  readonly values: Readonly<Record<string, number | null>>;
}

export type ExclusionReason = "manual" | "population_below_minimum" | "missing_value";

export interface Exclusion {
  readonly reason: ExclusionReason;
  /** In German, for tables and reports ("EW unter 300", "Ausreißer", "S3 fehlt"). */
  readonly detail: string;
}

export interface DimensionResult {
  /** Standardised value per indicator code. */
  readonly z: Readonly<Record<string, number>>;
  /** Σ weight × z. */
  readonly sum: number;
  /** The standardised sum. */
  readonly index: number;
  readonly classKey: string;
  readonly classLabel: string;
  /** 1-based position of the class (MSS: status 1 hoch … 4 sehr niedrig). */
  readonly classNumber: number;
}

export interface AreaIndexResult {
  readonly code: string;
  readonly name: string;
  readonly population: number | null;
  readonly values: Readonly<Record<string, number | null>>;
  /** Null when the area is in the index. */
  readonly exclusion: Exclusion | null;
  readonly status: DimensionResult | null;
  readonly dynamics: DimensionResult | null;
  /** The matrix group, "2-" style (status number, dynamics +, +/- or -); null if excluded. */
  readonly group: string | null;
}

export interface Moments {
  readonly code: string;
  readonly mean: number;
  readonly sd: number;
  readonly min: number;
  readonly max: number;
}

export interface IndexResult {
  readonly definition: IndexDefinition;
  readonly areas: readonly AreaIndexResult[];
  readonly included: number;
  readonly excluded: number;
  /** Mean, SD, min and max of each indicator and of the two sums, over the included areas. */
  readonly moments: readonly Moments[];
  /** Class key → number of areas, per dimension; and group → number of areas. */
  readonly counts: {
    readonly status: Readonly<Record<string, number>>;
    readonly dynamics: Readonly<Record<string, number>>;
    readonly groups: Readonly<Record<string, number>>;
  };
}

/** Mean, SD (population, ÷ Σw), min and max of xs with weights ws (all 1 when unweighted). */
function moments(code: string, xs: Float64Array, ws: Float64Array | null): Moments {
  let sw = 0;
  let sx = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    const w = ws ? ws[i]! : 1;
    const x = xs[i]!;
    sw += w;
    sx += w * x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const mean = sx / sw;
  let ss = 0;
  for (let i = 0; i < xs.length; i++) {
    const d = xs[i]! - mean;
    ss += (ws ? ws[i]! : 1) * d * d;
  }
  return { code, mean, sd: Math.sqrt(ss / sw), min, max };
}

/** Standardises xs in place by the chosen method; the moments are those of the raw values. */
function standardise(
  code: string,
  xs: Float64Array,
  method: Standardisation,
  weights: Float64Array,
): Result<Moments, string> {
  const m = moments(code, xs, method === "z_weighted" ? weights : null);
  const spread = method === "min_max" ? m.max - m.min : m.sd;
  if (!(spread > 0)) {
    return err(
      `„${code}“ hat in allen einbezogenen Gebieten denselben Wert; so lässt sich nicht standardisieren.`,
    );
  }
  const centre = method === "min_max" ? m.min : m.mean;
  for (let i = 0; i < xs.length; i++) xs[i] = (xs[i]! - centre) / spread;
  return ok(m);
}

/** "2-" style group code: the status class number and +, +/- or - for three dynamics classes. */
function groupCode(
  status: DimensionResult,
  dynamics: DimensionResult | null,
  dynamicsClasses: number,
): string {
  if (dynamics === null) return String(status.classNumber);
  const symbol =
    dynamicsClasses === 3
      ? (["+", "+/-", "-"][dynamics.classNumber - 1] ?? String(dynamics.classNumber))
      : `.${dynamics.classNumber}`;
  return `${status.classNumber}${symbol}`;
}

function exclusionOf(
  area: IndexInputArea,
  d: IndexDefinition,
  manual: Map<string, string>,
): Exclusion | null {
  const reason = manual.get(area.code);
  if (reason !== undefined) return { reason: "manual", detail: reason };
  const min = d.exclusions.minPopulation;
  if (min > 0 && (area.population === null || area.population < min)) {
    return {
      reason: "population_below_minimum",
      detail:
        area.population === null
          ? "Einwohnerzahl fehlt"
          : `EW unter ${min.toLocaleString("de-DE")}`,
    };
  }
  const absent = [...d.status, ...d.dynamics]
    .map((i) => i.code)
    .filter((c) => {
      const v = area.values[c];
      return v === null || v === undefined || !Number.isFinite(v);
    });
  if (absent.length > 0) {
    return { reason: "missing_value", detail: `ohne Wert: ${absent.join(", ")}` };
  }
  return null;
}

/** One dimension over the included areas: z per indicator, sums, index, classes. */
function dimension(
  indicators: readonly IndexIndicator[],
  included: readonly IndexInputArea[],
  d: IndexDefinition,
  weights: Float64Array,
  sumCode: string,
): Result<{ results: DimensionResult[]; moments: Moments[] }, string> {
  const n = included.length;
  const zs: Float64Array[] = [];
  const all: Moments[] = [];
  const sums = new Float64Array(n);
  for (const indicator of indicators) {
    const xs = new Float64Array(n);
    for (let i = 0; i < n; i++) xs[i] = included[i]!.values[indicator.code]!;
    const m = standardise(indicator.code, xs, d.standardisation, weights);
    if (!m.ok) return m;
    all.push(m.value);
    const sign = indicator.direction === "higher_is_better" ? -1 : 1;
    for (let i = 0; i < n; i++) {
      xs[i] = sign * xs[i]!;
      sums[i]! += indicator.weight * xs[i]!;
    }
    zs.push(xs);
  }
  const index = Float64Array.from(sums);
  const sm = standardise(sumCode, index, d.standardisation, weights);
  if (!sm.ok) return sm;
  all.push(sm.value);
  const bands = sumCode === "status_sum" ? d.statusClasses : d.dynamicsClasses;
  const results = included.map((_, i): DimensionResult => {
    const band = classOf(index[i]!, bands);
    return {
      z: Object.fromEntries(indicators.map((ind, k) => [ind.code, zs[k]![i]!])),
      sum: sums[i]!,
      index: index[i]!,
      classKey: band.key,
      classLabel: band.label,
      classNumber: bands.indexOf(band) + 1,
    };
  });
  return ok({ results, moments: all });
}

export function computeIndex(
  definition: IndexDefinition,
  areas: readonly IndexInputArea[],
): Result<IndexResult, string[]> {
  const valid = validateDefinition(definition);
  if (!valid.ok) return valid;
  const d = definition;
  const seen = new Set<string>();
  for (const a of areas) {
    if (seen.has(a.code)) return err([`Gebiet „${a.code}“ kommt zweimal vor.`]);
    seen.add(a.code);
  }
  const manual = new Map(d.exclusions.manual.map((m) => [m.area, m.reason]));
  const exclusions = areas.map((a) => exclusionOf(a, d, manual));
  const included = areas.filter((_, i) => exclusions[i] === null);
  if (included.length < 3) {
    return err([`Nur ${included.length} Gebiete bleiben im Index; mindestens 3 sind nötig.`]);
  }
  if (d.standardisation === "z_weighted" && included.some((a) => !(a.population! > 0))) {
    return err(["Gewichtete Standardisierung braucht die Einwohnerzahl jedes Gebiets."]);
  }
  const weights = Float64Array.from(included, (a) => a.population ?? 0);

  const status = dimension(d.status, included, d, weights, "status_sum");
  if (!status.ok) return err([status.error]);
  const dynamics =
    d.dynamics.length > 0 ? dimension(d.dynamics, included, d, weights, "dynamics_sum") : null;
  if (dynamics && !dynamics.ok) return err([dynamics.error]);

  const counts = {
    status: Object.fromEntries(d.statusClasses.map((b) => [b.key, 0])) as Record<string, number>,
    dynamics: Object.fromEntries(
      (d.dynamics.length > 0 ? d.dynamicsClasses : []).map((b) => [b.key, 0]),
    ) as Record<string, number>,
    groups: {} as Record<string, number>,
  };
  let k = 0;
  const results = areas.map((a, i): AreaIndexResult => {
    const exclusion = exclusions[i]!;
    if (exclusion !== null) {
      return { ...a, exclusion, status: null, dynamics: null, group: null };
    }
    const s = status.value.results[k]!;
    const dy = dynamics?.ok ? dynamics.value.results[k]! : null;
    k++;
    const group = groupCode(s, dy, d.dynamicsClasses.length);
    counts.status[s.classKey] = (counts.status[s.classKey] ?? 0) + 1;
    if (dy) counts.dynamics[dy.classKey] = (counts.dynamics[dy.classKey] ?? 0) + 1;
    counts.groups[group] = (counts.groups[group] ?? 0) + 1;
    return { ...a, exclusion: null, status: s, dynamics: dy, group };
  });
  return ok({
    definition: d,
    areas: results,
    included: included.length,
    excluded: areas.length - included.length,
    moments: [...status.value.moments, ...(dynamics?.ok ? dynamics.value.moments : [])],
    counts,
  });
}
