/**
 * The DNS weather rating of a goal indicator with the uncertainty of its values ("Ampel mit
 * Unsicherheit"). A small area's value rests on few cases; its yearly wobble alone can move a
 * rating from Sonne to Wolke. Each yearly value may carry a confidence interval (a share: Wilson;
 * a rate: Poisson, see ../statistics/intervals.ts); the rule of ./weather.ts is applied at the
 * central values and at both ends of the plausible range, and the rating is called uncertain
 * when the ends differ. Method and sources: docs/methods/dns-weather-symbols.md, "Uncertainty".
 *
 * The plausible range. The DNS rule reads a few statistics of the series: the latest value y_T,
 * the mean change c = (y_T − y_F)/(T − F), the last change d = y_T − y_P and, for a value by a
 * year J, the projection h = y_T + c·(J − T) = (1 + k)·y_T − k·y_F with k = (J − T)/(T − F).
 * Each is a linear combination S = Σ gᵢ·yᵢ of the values, so with independent values its
 * half-width is √(Σ gᵢ²·Hᵢ²), Hᵢ the half-width of value i (the side it moves to: the intervals
 * may be skewed). For each statistic the rule is applied to the series moved to the statistic's
 * unfavourable and favourable end along the direction that changes it fastest per unit of
 * uncertainty, yᵢ ± gᵢ·Hᵢ²/√(Σ gⱼ²·Hⱼ²): the most plausible series on which the statistic lies
 * at its interval's end. Each moved value stays within its own interval. For a value by a year
 * this is the research's "h ± z·SE(h)" evaluated on a whole series, so that the rule's other
 * branches (target reached, direction) see consistent numbers. The low symbol is the worst
 * rating over the unfavourable ends, the high symbol the best over the favourable ones; the
 * range is at the level of the points' intervals (95 % with the helpers below).
 *
 * Statistics used per target kind: direction → c, d; limit → y_T, c; value by a year and
 * corridor → y_T, c and (target year after the latest) h. Where the interval of c contains 0
 * the direction is unclear and a Blitz is never called certain.
 */
import { formatNumber } from "../format/number.ts";
import { countInterval, wilsonInterval, Z_95, type Interval } from "../statistics/intervals.ts";
import {
  rateTarget,
  WEATHER_LABELS,
  type TargetDefinition,
  type WeatherNumbers,
  type WeatherRating,
  type WeatherSymbol,
  type YearValue,
} from "./weather.ts";

/** A yearly value with, optionally, its confidence interval and the cases behind it. */
export interface UncertainYearValue extends YearValue {
  /** The value's interval in its unit; absent: the value is taken as exact. */
  readonly interval?: Interval;
  /** How many cases (the numerator) the value rests on; named in the explanation. */
  readonly cases?: number;
}

/**
 * A share `numerator / denominator` times `scale` (1 for a fraction, 100 for percent) with its
 * Wilson interval. A denominator of 0 gives a missing value (NaN), which the rating skips.
 */
export function sharePoint(
  year: number,
  numerator: number,
  denominator: number,
  scale = 1,
  z = Z_95,
): UncertainYearValue {
  if (!(denominator > 0) || !(numerator >= 0) || numerator > denominator) {
    return { year, value: Number.NaN };
  }
  const w = wilsonInterval(numerator, denominator, z);
  return {
    year,
    value: (numerator / denominator) * scale,
    interval: { low: w.low * scale, high: w.high * scale },
    cases: numerator,
  };
}

/**
 * A rate `count / population · perK` (e.g. per 1,000) with its Poisson interval (exact below 10
 * cases, Byar from 10). A population of 0 or a count that is no whole number ≥ 0 gives a
 * missing value (NaN).
 */
export function ratePoint(
  year: number,
  count: number,
  population: number,
  perK: number,
  z = Z_95,
): UncertainYearValue {
  if (!(population > 0) || !(count >= 0) || !Number.isInteger(count)) {
    return { year, value: Number.NaN };
  }
  const c = countInterval(count, z);
  const f = perK / population;
  return { year, value: count * f, interval: { low: c.low * f, high: c.high * f }, cases: count };
}

/** The numbers of the central rating plus the ranges of the statistics it rests on. */
export interface UncertainNumbers extends WeatherNumbers {
  readonly latestValueInterval?: Interval;
  readonly meanAnnualChangeInterval?: Interval;
  readonly projectedValueInterval?: Interval;
  readonly remainingGapShareInterval?: Interval;
  /** Fewest and most cases among the values used (where given). */
  readonly fewestCases?: number;
  readonly mostCases?: number;
}

export interface UncertainRating {
  /** The rating at the central values (`rateTarget`); `null`: no rating. */
  readonly symbol: WeatherSymbol | null;
  /** The rating at the unfavourable end of the plausible range. */
  readonly lowSymbol: WeatherSymbol | null;
  /** The rating at the favourable end. */
  readonly highSymbol: WeatherSymbol | null;
  /** The ends differ, or a Blitz rests on a direction that is not clear. */
  readonly uncertain: boolean;
  /** The interval of the mean change contains 0. */
  readonly directionUnclear: boolean;
  /** Why the central symbol, in German (as `rateTarget` says it). */
  readonly reason: string;
  /** How sure the rating is, in German; without intervals the same as `reason`. */
  readonly reasonText: string;
  readonly numbers: UncertainNumbers;
}

const SEVERITY: Readonly<Record<WeatherSymbol, number>> = {
  sonne: 0,
  leicht_bewoelkt: 1,
  wolke: 2,
  blitz: 3,
};

type Statistic = "latest" | "meanChange" | "lastChange" | "projection";

interface UsedPoint {
  /** Index in the caller's series. */
  readonly at: number;
  readonly value: number;
  /** Half-widths below and above the value (0 without an interval). */
  readonly down: number;
  readonly up: number;
}

/**
 * Rates `series` against `target` as `rateTarget` does and again at both ends of the range the
 * values' intervals allow (see the file comment). Points without an interval count as exact;
 * without any interval among the values used the result is `rateTarget`'s.
 */
export function rateTargetWithUncertainty(
  series: readonly UncertainYearValue[],
  target: TargetDefinition,
  assessmentYear?: number,
): UncertainRating {
  const central = rateTarget(series, target, assessmentYear);
  const plain: UncertainRating = {
    symbol: central.symbol,
    lowSymbol: central.symbol,
    highSymbol: central.symbol,
    uncertain: false,
    directionUnclear: false,
    reason: central.reason,
    reasonText: central.reason,
    numbers: central.numbers,
  };
  const n = central.numbers;
  if (central.symbol === null || n.firstYear === undefined || n.latestYear === undefined) {
    return plain;
  }
  const used = usedPoints(series, n.firstYear, n.latestYear);
  if (used.every((p) => p.down === 0 && p.up === 0)) return plain;

  const first = used[0]!;
  const last = used.at(-1)!;
  const previous = used.at(-2)!;
  const span = n.latestYear - n.firstYear;
  const gradients: Partial<Record<Statistic, readonly (readonly [UsedPoint, number])[]>> = {
    meanChange: [
      [last, 1 / span],
      [first, -1 / span],
    ],
  };
  if (target.kind === "direction") {
    gradients.lastChange = [
      [last, 1],
      [previous, -1],
    ];
  } else {
    gradients.latest = [[last, 1]];
  }
  if (
    (target.kind === "value_by_year" || target.kind === "corridor") &&
    target.targetYear > n.latestYear
  ) {
    const k = (target.targetYear - n.latestYear) / span;
    gradients.projection = [
      [last, 1 + k],
      [first, -k],
    ];
  }

  const s = target.direction === "up" ? 1 : -1;
  let low: WeatherSymbol = central.symbol;
  let high: WeatherSymbol = central.symbol;
  const ranges: Partial<Record<Statistic, Interval>> = {};
  let gapLow: number | undefined;
  let gapHigh: number | undefined;
  for (const [name, gradient] of Object.entries(gradients) as [
    Statistic,
    readonly (readonly [UsedPoint, number])[],
  ][]) {
    const ends: number[] = [];
    for (const end of [-s, s]) {
      const moved = moveAlong(series, gradient, end);
      if (moved === null) continue;
      const rating = rateTarget(moved.series, target, assessmentYear);
      ends.push(moved.shift);
      const symbol = rating.symbol ?? central.symbol;
      if (end === -s && SEVERITY[symbol] > SEVERITY[low]) low = symbol;
      if (end === s && SEVERITY[symbol] < SEVERITY[high]) high = symbol;
      if (name === "projection") {
        const g = rating.numbers.remainingGapShare;
        if (end === -s) gapHigh = g;
        else gapLow = g;
      }
    }
    if (ends.length === 0) continue;
    const value = statisticValue(gradient);
    ranges[name] = {
      low: value + Math.min(0, ...ends),
      high: value + Math.max(0, ...ends),
    };
  }

  const change = ranges.meanChange;
  const directionUnclear = change !== undefined && change.low <= 0 && change.high >= 0;
  const uncertain = low !== high || (directionUnclear && central.symbol === "blitz");
  const cases = used.flatMap((p) => {
    const c = series[p.at]!.cases;
    return c === undefined ? [] : [c];
  });
  const numbers: UncertainNumbers = {
    ...n,
    latestValueInterval: { low: last.value - last.down, high: last.value + last.up },
    ...(change ? { meanAnnualChangeInterval: change } : {}),
    ...(ranges.projection ? { projectedValueInterval: ranges.projection } : {}),
    ...(gapLow !== undefined && gapHigh !== undefined
      ? { remainingGapShareInterval: { low: gapLow, high: gapHigh } }
      : {}),
    ...(cases.length > 0 ? { fewestCases: Math.min(...cases), mostCases: Math.max(...cases) } : {}),
  };
  return {
    symbol: central.symbol,
    lowSymbol: low,
    highSymbol: high,
    uncertain,
    directionUnclear,
    reason: central.reason,
    reasonText: explain(central, low, high, uncertain, directionUnclear, numbers, cases.length),
    numbers,
  };
}

/** The values `rateTarget` used (finite, years from `firstYear` to `latestYear`), by year. */
function usedPoints(
  series: readonly UncertainYearValue[],
  firstYear: number,
  latestYear: number,
): UsedPoint[] {
  const used: UsedPoint[] = [];
  series.forEach((p, at) => {
    if (!Number.isFinite(p.value) || p.year < firstYear || p.year > latestYear) return;
    const i = p.interval;
    const down = i && Number.isFinite(i.low) ? Math.max(0, p.value - i.low) : 0;
    const up = i && Number.isFinite(i.high) ? Math.max(0, i.high - p.value) : 0;
    used.push({ at, value: p.value, down, up });
  });
  return used.sort((a, b) => series[a.at]!.year - series[b.at]!.year);
}

function statisticValue(gradient: readonly (readonly [UsedPoint, number])[]): number {
  let sum = 0;
  for (const [p, g] of gradient) sum += g * p.value;
  return sum;
}

/**
 * The series moved so that the statistic with `gradient` changes by its half-width towards
 * `end` (+1 up, −1 down): yᵢ + end·gᵢ·Hᵢ²/√(Σ gⱼ²·Hⱼ²). `null` when no value it uses is uncertain.
 */
function moveAlong(
  series: readonly UncertainYearValue[],
  gradient: readonly (readonly [UsedPoint, number])[],
  end: number,
): { series: YearValue[]; shift: number } | null {
  let sumSquares = 0;
  const halves = gradient.map(([p, g]) => {
    const h = end * g > 0 ? p.up : p.down;
    sumSquares += g * g * h * h;
    return h;
  });
  if (!(sumSquares > 0)) return null;
  const norm = Math.sqrt(sumSquares);
  const moved: YearValue[] = series.slice();
  gradient.forEach(([p, g], i) => {
    const h = halves[i]!;
    moved[p.at] = { year: series[p.at]!.year, value: p.value + (end * g * h * h) / norm };
  });
  return { series: moved, shift: end * norm };
}

const fmt = (x: number): string => formatNumber(x, { max: 3 });
const pct = (x: number): string => `${formatNumber(x * 100, { max: 1 })} %`;

function explain(
  central: WeatherRating,
  low: WeatherSymbol,
  high: WeatherSymbol,
  uncertain: boolean,
  directionUnclear: boolean,
  n: UncertainNumbers,
  casesGiven: number,
): string {
  const basis = basisOf(n, casesGiven);
  const gap = n.remainingGapShareInterval;
  const projection =
    gap && n.projectedValueInterval && n.targetYear !== undefined
      ? ` Fortgeschrieben ${fmt(n.projectedValue!)} in ${n.targetYear} (Spanne ${fmt(n.projectedValueInterval.low)} bis ${fmt(n.projectedValueInterval.high)}), es fehlen ${pct(Math.max(0, n.remainingGapShare!))} des Abstands (Spanne ${pct(Math.max(0, gap.low))} bis ${pct(Math.max(0, gap.high))}).`
      : "";
  const label = WEATHER_LABELS[central.symbol!];
  if (!uncertain) {
    return `sicher: ${label} auch am ungünstigen und am günstigen Ende der Zufallsschwankung.${projection}`;
  }
  const change = n.meanAnnualChangeInterval!;
  if (low === high) {
    return `unsicher: ${label} nur unter Vorbehalt, weil ${basis}: die mittlere Veränderung von ${fmt(n.meanAnnualChange!)} je Jahr (Spanne ${fmt(change.low)} bis ${fmt(change.high)}) unterscheidet sich nicht sicher von null, die Richtung ist unklar.${projection}`;
  }
  const unclear = directionUnclear
    ? ` Die Richtung ist unklar: die mittlere Veränderung (Spanne ${fmt(change.low)} bis ${fmt(change.high)} je Jahr) schließt null ein.`
    : "";
  return `unsicher: je nach Zufallsschwankung ${WEATHER_LABELS[high]} bis ${WEATHER_LABELS[low]}, weil ${basis}; bei den mittleren Werten ${label}.${unclear}${projection}`;
}

/** "der Wert auf 14 Fällen beruht", or the range of cases, or the latest value's range. */
function basisOf(n: UncertainNumbers, casesGiven: number): string {
  const fewest = n.fewestCases;
  const most = n.mostCases;
  if (fewest !== undefined && most !== undefined) {
    const cases = (c: number) => (c === 1 ? "einem Fall" : `${fmt(c)} Fällen`);
    if (fewest === most && casesGiven === 1) return `der Wert auf ${cases(fewest)} beruht`;
    if (fewest === most) return `die Werte auf je ${cases(fewest)} beruhen`;
    return `die Werte auf ${fmt(fewest)} bis ${cases(most)} beruhen`;
  }
  const i = n.latestValueInterval!;
  return `die Werte zufällig schwanken (${n.latestYear}: ${fmt(n.latestValue!)}, Spanne ${fmt(i.low)} bis ${fmt(i.high)})`;
}
