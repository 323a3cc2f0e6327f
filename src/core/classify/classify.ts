import { MAX_DECIMALS } from "../indicators/indicator.ts";
import { err, ok, type Result } from "../result.ts";
import type { Value } from "../value.ts";
import { ckmeansRunEnds } from "./ckmeans.ts";
import {
  checkFixedBreaks,
  clamp,
  countDistinct,
  equalIntervalBreaks,
  findClass,
  meanAndStandardDeviation,
  quantileBreaks,
  shownBreaks,
  stdDevBreaks,
  mergeBreaks,
  MAX_LABEL_DECIMALS,
} from "./breaks.ts";

/**
 * How the class breaks of a choropleth map are found. See `docs/methods/classification.md`
 * for formulas, limits and sources.
 *
 * - `quantile`: about the same number of areas in each class.
 * - `equal_interval`: classes of equal width between the smallest and the largest value.
 * - `natural_breaks`: optimal one-dimensional k-means (ckmeans), exact: the breaks with the
 *   least within-class sum of squares (what GIS software calls Jenks natural breaks).
 * - `std_dev`: a middle class of one standard deviation around the mean, then classes one
 *   standard deviation wide on either side; the number of classes follows from the data.
 * - `manual`: the inner breaks given by the user, e.g. to keep one legend across periods.
 */
export type ClassMethod =
  | { readonly kind: "quantile" }
  | { readonly kind: "equal_interval" }
  | { readonly kind: "natural_breaks" }
  | {
      readonly kind: "std_dev";
      readonly centre?: "mean";
      /**
       * Inner breaks in standard deviations from the mean, ascending, e.g. `[-1, 1, 1.5]` for
       * the classes of Berlin's Monitoring Soziale Stadtentwicklung. Without them: the
       * classes one standard deviation wide around a middle class of mean ± ½ sd.
       */
      readonly breaks?: readonly number[];
    }
  | { readonly kind: "manual"; readonly breaks: readonly number[] };

/** The fewest and the most classes a map may have (deciles and up to 12, see the palettes). */
export const MIN_CLASSES = 1;
export const MAX_CLASSES = 12;

export { MAX_LABEL_DECIMALS } from "./breaks.ts";

/** Why the map has fewer classes than asked for, or something else the legend should say. */
export type ClassificationNoteCode =
  /** Every classified value is the same: one class. */
  | "all_equal"
  /** Fewer distinct values than classes asked for: one class per distinct value at most. */
  | "fewer_distinct_values"
  /** Computed breaks fell together (ties in quantiles). */
  | "breaks_merged"
  /**
   * Values that look the same when rounded to the indicator's decimals lie in different
   * classes, so the legend shows its breaks with more decimals.
   */
  | "finer_breaks";

export interface ClassificationNote {
  readonly code: ClassificationNoteCode;
  /** The note in German, for the legend or a tooltip. */
  readonly message: string;
}

/** Where the classes of a `std_dev` classification are centred. */
export interface ClassCentre {
  /** The mean of the classified values. */
  readonly mean: number;
  /** Their population standard deviation (divisor n: the areas are all areas, not a sample). */
  readonly standardDeviation: number;
  /** The class that holds the mean: the neutral middle of a diverging palette. */
  readonly classIndex: number;
}

/**
 * The classes of one map. Class `i` holds the values `v` with `breaks[i − 1] < v ≤
 * breaks[i]`, and class 0 those with `lower ≤ v ≤ breaks[0]`: a value equal to a break
 * belongs to the lower class. The values are classified exactly as they are (never rounded);
 * rounding is for display only. Plain data, so it can be compared in tests and handed to a
 * report; `legendLabels` turns it into legend text.
 */
export interface Classification {
  /** The method as passed in, so a legend or report can name it. */
  readonly method: ClassMethod;
  /** The number of classes asked for; `breaks.length` is the number the map has. */
  readonly requestedClasses: number;
  /** The decimals the values are shown with, as passed in (`options.decimals`), or `null`. */
  readonly decimals: number | null;
  /**
   * The decimals the legend needs so that every label is exact for the values as shown:
   * `decimals`, or more when values that look the same rounded lie in different classes
   * (note `finer_breaks`), or when a manual break has more places. `null` without `decimals`.
   */
  readonly labelDecimals: number | null;
  /**
   * The breaks as the legend writes them (`labelDecimals` places): each inner break moved,
   * between the neighbouring values as shown, to a short number; the last is the largest
   * value (or `Infinity`). Classes never change by it: they come from `breaks`. `null`
   * without `decimals`.
   */
  readonly labelBreaks: readonly number[] | null;
  /**
   * The smallest classified value (the lower bound of class 0); `-Infinity` only when manual
   * breaks lie below every value, so that class 0 is empty and open downwards.
   */
  readonly lower: number;
  /**
   * Upper bound of each class, strictly ascending; the last is the largest value. Only when
   * manual breaks lie above every value is the last `Infinity`: the top class is empty and
   * open upwards.
   */
  readonly breaks: readonly number[];
  /** Class index per input value, or `null` for a missing, suppressed or non-finite value. */
  readonly classOf: readonly (number | null)[];
  /** Number of values per class; sums to `classified`. A class may be empty (equal interval, manual). */
  readonly counts: readonly number[];
  /** Number of values that got a class: the known, finite ones. */
  readonly classified: number;
  /** Number of values withheld by disclosure control (`suppressed`); they get no class. */
  readonly withheld: number;
  /** Number of missing values (any reason) and known values that are not finite; no class. */
  readonly missing: number;
  /** Reductions of the number of classes and the like, for the legend. */
  readonly notes: readonly ClassificationNote[];
  /** For `std_dev` the mean, standard deviation and middle class; otherwise `null`. */
  readonly centre: ClassCentre | null;
}

/** Options of `classify`. */
export interface ClassifyOptions {
  /**
   * The indicator's shown decimals. The values are classified exactly all the same; the
   * decimals only choose how the legend writes the breaks (`labelBreaks`): each computed
   * break as the number with `decimals` places nearest to it that separates the neighbouring
   * values as shown. When values that look the same rounded lie in different classes, the
   * legend takes more places (`labelDecimals`, note `finer_breaks`), so every label is exact
   * for the values as a table shows them. Manual breaks are written as given. Pass it
   * whenever the map has a legend.
   */
  readonly decimals?: number;
}

/**
 * Classifies the values of one map (one indicator, one period, the areas of one level) by
 * `method` into at most `classes` classes (1–12), on the values exactly as given: rounding
 * is for display only (`options.decimals` chooses how the breaks are written).
 *
 * Only known, finite values are classified; suppressed values are counted as `withheld`,
 * missing and non-finite ones as `missing`, and both get no class. The boundary rule: a
 * value equal to a break belongs to the lower class; the first class includes the minimum.
 * For `quantile`, `equal_interval` and `natural_breaks` the map gets at most one class per
 * distinct value (with a note), and breaks that fall together are merged (with a note);
 * all equal values or a single value give one class. For `std_dev`, `classes` is the most
 * classes allowed: the bands reach `⌊(classes − 1) / 2⌋` standard deviations beyond the
 * middle class, and only bands that contain data become classes; with `breaks` (in standard
 * deviations) the classes are those breaks, like manual ones. For `manual`, `classes` must
 * be `breaks.length + 1`, and the breaks must be finite and strictly ascending; breaks beyond
 * the data give empty classes (so one legend can serve several periods).
 *
 * Returns a German message when `classes` or `decimals` is out of range, when there is no
 * value to classify, or when manual breaks do not fit.
 */
export function classify(
  values: readonly Value<number>[],
  method: ClassMethod,
  classes: number,
  options: ClassifyOptions = {},
): Result<Classification, string> {
  if (!Number.isInteger(classes) || classes < MIN_CLASSES || classes > MAX_CLASSES) {
    return err(
      `Die Zahl der Klassen muss eine ganze Zahl von ${MIN_CLASSES} bis ${MAX_CLASSES} sein (angegeben: ${classes}).`,
    );
  }
  const decimals = options.decimals ?? null;
  if (
    decimals !== null &&
    (!Number.isInteger(decimals) || decimals < 0 || decimals > MAX_DECIMALS)
  ) {
    return err(
      `Die Nachkommastellen müssen eine ganze Zahl von 0 bis ${MAX_DECIMALS} sein (angegeben: ${decimals}).`,
    );
  }

  let withheld = 0;
  let missingCount = 0;
  const numbers: (number | null)[] = values.map((v) => {
    if (v.kind === "suppressed") {
      withheld++;
      return null;
    }
    if (v.kind === "missing" || !Number.isFinite(v.value)) {
      missingCount++;
      return null;
    }
    // −0 and 0 are one value (a sort and a comparison must not tell them apart).
    return v.value === 0 ? 0 : v.value;
  });
  const sorted = numbers.filter((x): x is number => x !== null).sort((a, b) => a - b);
  if (sorted.length === 0) {
    return err("Keine Werte zum Klassifizieren: alle Werte fehlen oder sind gesperrt.");
  }
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  const distinct = countDistinct(sorted);

  const notes: ClassificationNote[] = [];
  let planned = classes;
  let stats: { mean: number; standardDeviation: number } | null = null;
  // Computed inner breaks (moved to short numbers for display), or fixed ones (kept as given).
  let computed: number[] = [];
  let fixed: number[] | null = null;

  switch (method.kind) {
    case "quantile":
    case "equal_interval":
    case "natural_breaks": {
      if (distinct === 1) {
        notes.push(ALL_EQUAL);
      } else if (distinct < classes) {
        notes.push({
          code: "fewer_distinct_values",
          message: `Nur ${distinct} verschiedene Werte: ${distinct} statt ${classes} Klassen.`,
        });
      }
      planned = Math.min(classes, distinct);
      computed =
        method.kind === "quantile"
          ? quantileBreaks(sorted, planned)
          : method.kind === "equal_interval"
            ? equalIntervalBreaks(min, max, planned)
            : ckmeansRunEnds(sorted, planned)
                .slice(0, -1)
                .map((end) => sorted[end]!);
      break;
    }
    case "std_dev": {
      stats = meanAndStandardDeviation(sorted);
      if (stats.standardDeviation === 0) notes.push(ALL_EQUAL);
      if (method.breaks === undefined) {
        computed = stdDevBreaks(stats.mean, stats.standardDeviation, Math.floor((classes - 1) / 2));
        break;
      }
      const checked = checkFixedBreaks(method.breaks, classes, "Standardabweichungs-Grenzen");
      if (!checked.ok) return checked;
      if (stats.standardDeviation === 0) break;
      const { mean, standardDeviation } = stats;
      fixed = method.breaks.map((z) => mean + z * standardDeviation);
      break;
    }
    case "manual": {
      const checked = checkFixedBreaks(method.breaks, classes, "Manuelle Klassengrenzen");
      if (!checked.ok) return checked;
      fixed = [...method.breaks];
      break;
    }
  }

  let upper: number[];
  let lower = min;
  if (fixed !== null && fixed.length > 0) {
    // Fixed breaks: every class is kept, also an empty one beyond the data.
    upper = [...fixed, max > fixed[fixed.length - 1]! ? max : Infinity];
    if (min > fixed[0]!) lower = -Infinity;
  } else {
    upper = [...mergeBreaks(computed, min, max), max];
    if (method.kind !== "std_dev" && upper.length < planned) {
      notes.push({
        code: "breaks_merged",
        message: `Zusammenfallende Klassengrenzen wurden zusammengelegt: ${upper.length} statt ${planned} Klassen.`,
      });
    }
  }
  let labelDecimals = decimals;
  let labelBreaks: number[] | null = null;
  if (decimals !== null) {
    const label = shownBreaks(sorted, upper.slice(0, -1), decimals, method.kind !== "manual");
    const last = upper[upper.length - 1]!;
    labelDecimals = label?.decimals ?? MAX_LABEL_DECIMALS;
    labelBreaks = [...(label?.breaks ?? upper.slice(0, -1)), last];
    if (labelDecimals > decimals) {
      notes.push({
        code: "finer_breaks",
        message: `Die Klassengrenzen stehen mit ${labelDecimals} statt ${decimals} Nachkommastellen da: Werte, die gerundet gleich aussehen, liegen in verschiedenen Klassen.`,
      });
    }
  }

  const counts = new Array<number>(upper.length).fill(0);
  const classOf = numbers.map((x) => {
    if (x === null) return null;
    const c = findClass(lower, upper, x);
    if (c !== null) counts[c]!++;
    return c;
  });

  return ok({
    method,
    requestedClasses: classes,
    decimals,
    labelDecimals,
    labelBreaks,
    lower,
    breaks: upper,
    classOf,
    counts,
    classified: sorted.length,
    withheld,
    missing: missingCount,
    notes,
    centre:
      stats === null
        ? null
        : {
            mean: stats.mean,
            standardDeviation: stats.standardDeviation,
            classIndex: findClass(lower, upper, clamp(stats.mean, min, max)) ?? 0,
          },
  });
}

const ALL_EQUAL: ClassificationNote = {
  code: "all_equal",
  message: "Alle Werte sind gleich: eine Klasse.",
};

/**
 * The class of `x` under the breaks of `classification` (the boundary rule of `classify`),
 * e.g. for a value of another period looked up against this map's classes. `x` is taken
 * exactly, like the classified values. `null` when `x` is not finite or lies outside
 * `[lower, last break]`.
 */
export function classOfValue(
  classification: Pick<Classification, "lower" | "breaks">,
  x: number,
): number | null {
  return findClass(classification.lower, classification.breaks, x);
}
