/**
 * Computes a social index (definition.ts) over the areas of one level: exclusions, the
 * standardisation of every indicator across the included areas, the weighted sum per
 * dimension, its standardisation into the index, the classes and the status × dynamics group.
 * Pure arithmetic on the values given; where they come from (stored observations, a CSV) is
 * the caller's business. Formulas: docs/methods/social-index.md.
 */
import { formatNumber } from "../format/number.ts";
import { err, ok, type Result } from "../result.ts";
import {
  classIndex,
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
function groupCode(status: number, dynamics: number | null, dynamicsClasses: number): string {
  if (dynamics === null) return String(status);
  const symbol =
    dynamicsClasses === 3 ? (["+", "+/-", "-"][dynamics - 1] ?? String(dynamics)) : `.${dynamics}`;
  return `${status}${symbol}`;
}

/**
 * Why an area is left out, or null. `read` has put the area's values into `raw` at `i` (NaN
 * for a missing or non-finite value), so each value is looked up once.
 */
function exclusionOf(
  area: IndexInputArea,
  d: IndexDefinition,
  manual: Map<string, string>,
  codes: readonly string[],
  raw: readonly Float64Array[],
  i: number,
): Exclusion | null {
  const reason = manual.size > 0 ? manual.get(area.code) : undefined;
  if (reason !== undefined) return { reason: "manual", detail: reason };
  const min = d.exclusions.minPopulation;
  if (min > 0 && (area.population === null || area.population < min)) {
    return {
      reason: "population_below_minimum",
      detail:
        area.population === null
          ? "Einwohnerzahl fehlt"
          : `EW unter ${formatNumber(min, { max: 3 })}`,
    };
  }
  let absent: string[] | null = null;
  for (let k = 0; k < codes.length; k++) {
    if (Number.isNaN(raw[k]![i]!)) (absent ??= []).push(codes[k]!);
  }
  if (absent !== null) {
    return { reason: "missing_value", detail: `ohne Wert: ${absent.join(", ")}` };
  }
  return null;
}

/** One dimension over the included areas, as columns: z per indicator, sums, index, classes. */
interface DimensionColumns {
  readonly indicators: readonly IndexIndicator[];
  readonly bands: IndexDefinition["statusClasses"];
  readonly z: readonly Float64Array[];
  readonly sum: Float64Array;
  readonly index: Float64Array;
  /** 0-based class position per included area. */
  readonly classes: Int8Array;
  readonly moments: readonly Moments[];
}

function dimension(
  indicators: readonly IndexIndicator[],
  bands: IndexDefinition["statusClasses"],
  columnOf: (code: string) => Float64Array,
  included: Int32Array,
  d: IndexDefinition,
  weights: Float64Array,
  sumCode: string,
): Result<DimensionColumns, string> {
  const n = included.length;
  const z: Float64Array[] = [];
  const moments: Moments[] = [];
  const sum = new Float64Array(n);
  for (const indicator of indicators) {
    const xs = new Float64Array(n);
    const code = indicator.code;
    const raw = columnOf(code);
    for (let i = 0; i < n; i++) xs[i] = raw[included[i]!]!;
    const m = standardise(code, xs, d.standardisation, weights);
    if (!m.ok) return m;
    moments.push(m.value);
    const factor = indicator.direction === "higher_is_better" ? -1 : 1;
    const w = indicator.weight;
    for (let i = 0; i < n; i++) {
      const v = factor * xs[i]!;
      xs[i] = v;
      sum[i]! += w * v;
    }
    z.push(xs);
  }
  const index = Float64Array.from(sum);
  const sm = standardise(sumCode, index, d.standardisation, weights);
  if (!sm.ok) return sm;
  moments.push(sm.value);
  const classes = new Int8Array(n);
  for (let i = 0; i < n; i++) classes[i] = classIndex(index[i]!, bands);
  return ok({ indicators, bands, z, sum, index, classes, moments });
}

/** The per-area view of one dimension's columns at row `r`. */
function dimensionView(c: DimensionColumns, r: number): DimensionResult {
  const z: Record<string, number> = {};
  for (let k = 0; k < c.indicators.length; k++) z[c.indicators[k]!.code] = c.z[k]![r]!;
  const position = c.classes[r]!;
  const band = c.bands[position]!;
  return {
    z,
    sum: c.sum[r]!,
    index: c.index[r]!,
    classKey: band.key,
    classLabel: band.label,
    classNumber: position + 1,
  };
}

/**
 * The index of `areas` under `definition`. Area codes must be unique: the readers check that
 * where duplicates can arise (`imports/index-input.ts` names both lines; stored areas are
 * unique by key), so the engine does not pay for the check on every run.
 */
export function computeIndex(
  definition: IndexDefinition,
  areas: readonly IndexInputArea[],
): Result<IndexResult, string[]> {
  const valid = validateDefinition(definition);
  if (!valid.ok) return valid;
  const d = definition;
  const manual = new Map(d.exclusions.manual.map((m) => [m.area, m.reason]));
  const codes = [...d.status, ...d.dynamics].map((i) => i.code);
  // Every index value read once, into one column per indicator (NaN: missing).
  const raw = codes.map(() => new Float64Array(areas.length));
  for (let i = 0; i < areas.length; i++) {
    const values = areas[i]!.values;
    for (let k = 0; k < codes.length; k++) {
      const v = values[codes[k]!];
      raw[k]![i] = v === null || v === undefined || !Number.isFinite(v) ? Number.NaN : v;
    }
  }
  const columnOf = (code: string) => raw[codes.indexOf(code)]!;
  const exclusions = new Array<Exclusion | null>(areas.length);
  /** Input position → row among the included areas, or −1; and the reverse. */
  const rowOf = new Int32Array(areas.length);
  const positions = new Int32Array(areas.length);
  let n = 0;
  for (let i = 0; i < areas.length; i++) {
    const e = exclusionOf(areas[i]!, d, manual, codes, raw, i);
    exclusions[i] = e;
    if (e === null) {
      positions[n] = i;
      rowOf[i] = n++;
    } else rowOf[i] = -1;
  }
  const included = positions.subarray(0, n);
  if (n < 3) {
    return err([`Nur ${n} Gebiete bleiben im Index; mindestens 3 sind nötig.`]);
  }
  const weights = new Float64Array(n);
  if (d.standardisation === "z_weighted") {
    for (let r = 0; r < n; r++) {
      const p = areas[included[r]!]!.population;
      if (!(p! > 0)) {
        return err(["Gewichtete Standardisierung braucht die Einwohnerzahl jedes Gebiets."]);
      }
      weights[r] = p!;
    }
  }

  const status = dimension(d.status, d.statusClasses, columnOf, included, d, weights, "status_sum");
  if (!status.ok) return err([status.error]);
  const hasDynamics = d.dynamics.length > 0;
  const dynamics = hasDynamics
    ? dimension(d.dynamics, d.dynamicsClasses, columnOf, included, d, weights, "dynamics_sum")
    : null;
  if (dynamics && !dynamics.ok) return err([dynamics.error]);
  const dy = dynamics?.ok ? dynamics.value : null;

  // Counts per class and per group, from the class columns.
  const statusCounts = new Array<number>(d.statusClasses.length).fill(0);
  const dynamicsCounts = new Array<number>(d.dynamicsClasses.length).fill(0);
  const groupCounts = new Array<number>(d.statusClasses.length * d.dynamicsClasses.length).fill(0);
  const sc = status.value.classes;
  for (let r = 0; r < n; r++) {
    statusCounts[sc[r]!]!++;
    if (dy) {
      dynamicsCounts[dy.classes[r]!]!++;
      groupCounts[sc[r]! * d.dynamicsClasses.length + dy.classes[r]!]!++;
    }
  }
  const groupName = (s: number, g: number | null) =>
    groupCode(s + 1, g === null ? null : g + 1, d.dynamicsClasses.length);
  const counts = {
    status: Object.fromEntries(d.statusClasses.map((b, i) => [b.key, statusCounts[i]!])),
    dynamics: hasDynamics
      ? Object.fromEntries(d.dynamicsClasses.map((b, i) => [b.key, dynamicsCounts[i]!]))
      : {},
    groups: hasDynamics
      ? Object.fromEntries(
          groupCounts.flatMap((n, i) =>
            n > 0
              ? [
                  [
                    groupName(
                      Math.floor(i / d.dynamicsClasses.length),
                      i % d.dynamicsClasses.length,
                    ),
                    n,
                  ],
                ]
              : [],
          ),
        )
      : Object.fromEntries(
          statusCounts.flatMap((n, i) => (n > 0 ? [[groupName(i, null), n]] : [])),
        ),
  };

  // The per-area objects are built when first asked for: the columns are the result, and a
  // caller that stores or writes them column by column never pays for 10,000 small objects.
  let views: AreaIndexResult[] | null = null;
  const statusColumns = status.value;
  const result: IndexResult = {
    definition: d,
    get areas(): readonly AreaIndexResult[] {
      views ??= areas.map((a, i): AreaIndexResult => {
        const r = rowOf[i]!;
        const base = { code: a.code, name: a.name, population: a.population, values: a.values };
        if (r < 0) {
          return { ...base, exclusion: exclusions[i]!, status: null, dynamics: null, group: null };
        }
        return {
          ...base,
          exclusion: null,
          status: dimensionView(statusColumns, r),
          dynamics: dy ? dimensionView(dy, r) : null,
          group: groupName(statusColumns.classes[r]!, dy ? dy.classes[r]! : null),
        };
      });
      return views;
    },
    included: n,
    excluded: areas.length - n,
    moments: [...statusColumns.moments, ...(dy ? dy.moments : [])],
    counts,
  };
  return ok(result);
}
