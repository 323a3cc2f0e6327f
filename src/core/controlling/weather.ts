/**
 * The weather symbols of the German sustainability strategy (Deutsche Nachhaltigkeitsstrategie,
 * DNS): a rating of how a yearly indicator moves towards its target.
 *
 * Source: Statistisches Bundesamt (Destatis), Indikatorenbericht zur Deutschen
 * Nachhaltigkeitsstrategie, section "Bewertung der Indikatoren" / DNS indicator platform
 * "Status der Indikatoren – Methodik" (dns-indikatoren.de); the rules below are our own wording.
 *
 * - Target value by a target year: the mean yearly change over the last five changes (six
 *   values; four or five where the series is shorter, fewer than four: no rating) is
 *   extrapolated to the target year, `h = y_T + c·(J − T)`. The share of the remaining distance
 *   still missing, `g = (Z − h) / (Z − y_T)`, gives Sonne (g < 5 %), Leicht bewölkt
 *   (5 % ≤ g ≤ 20 %), Wolke (g > 20 %, right direction) and Blitz (no movement or the wrong
 *   direction). A target already reached, or a target year not after the latest year, is rated
 *   by the limit rule.
 * - Limit to keep every year: primarily the latest value, secondarily the mean change. Kept and
 *   not worsening: Sonne; kept but worsening: Leicht bewölkt; not kept but moving right: Wolke;
 *   not kept and not moving right: Blitz.
 * - Direction only: primarily the mean change, secondarily the last change. Both right: Sonne;
 *   mean right, last not: Leicht bewölkt; mean not, last right: Wolke; both not: Blitz.
 * - Corridor (a target interval): the weakest requirement of the interval counts.
 * - Several targets at once: the worst single rating counts.
 */

export type WeatherSymbol = "sonne" | "leicht_bewoelkt" | "wolke" | "blitz";

/** One yearly value of an indicator. */
export interface YearValue {
  readonly year: number;
  readonly value: number;
}

/** Which way the indicator should move: `up` (higher is better) or `down`. */
export type TargetDirection = "up" | "down";

/** A target as the DNS states it. */
export type TargetDefinition =
  /** Reach `value` by `targetYear` (e.g. "Senkung auf 100 bis 2030"). */
  | {
      readonly kind: "value_by_year";
      readonly direction: TargetDirection;
      readonly value: number;
      readonly targetYear: number;
    }
  /** Keep `value` every year: at most (`down`) or at least (`up`). */
  | { readonly kind: "limit"; readonly direction: TargetDirection; readonly value: number }
  /** Move in one direction, no value (e.g. "Kontinuierliche Reduzierung"). */
  | { readonly kind: "direction"; readonly direction: TargetDirection }
  /** Reach a value between `low` and `high` by `targetYear`; the weakest end counts. */
  | {
      readonly kind: "corridor";
      readonly direction: TargetDirection;
      readonly low: number;
      readonly high: number;
      readonly targetYear: number;
    };

/** The numbers a rating rests on, so a report can print them. */
export interface WeatherNumbers {
  readonly latestYear?: number;
  readonly latestValue?: number;
  readonly firstYear?: number;
  readonly firstValue?: number;
  readonly pointsUsed: number;
  /** Mean change per year over the points used, in the indicator's unit. */
  readonly meanAnnualChange?: number;
  /** Change from the second-to-last to the latest value. */
  readonly lastChange?: number;
  readonly targetValue?: number;
  readonly targetYear?: number;
  /** The value the mean change would give in the target year. */
  readonly projectedValue?: number;
  /** Share of the distance between latest value and target still missing then (0..1, may be < 0). */
  readonly remainingGapShare?: number;
}

export interface WeatherRating {
  /** `null`: no rating (too few values). */
  readonly symbol: WeatherSymbol | null;
  /** Why, in German. */
  readonly reason: string;
  readonly numbers: WeatherNumbers;
}

/** Thresholds of the DNS rule, as fractions of the remaining distance. */
export const SUN_BELOW = 0.05;
export const SLIGHTLY_CLOUDY_UP_TO = 0.2;
/** Most values the mean change uses (five changes) and fewest that still allow a rating. */
export const MAX_POINTS = 6;
export const MIN_POINTS = 4;

const SEVERITY: Readonly<Record<WeatherSymbol, number>> = {
  sonne: 0,
  leicht_bewoelkt: 1,
  wolke: 2,
  blitz: 3,
};

export const WEATHER_LABELS: Readonly<Record<WeatherSymbol, string>> = {
  sonne: "Sonne",
  leicht_bewoelkt: "Leicht bewölkt",
  wolke: "Wolke",
  blitz: "Blitz",
};

const num = new Intl.NumberFormat("de-DE", { maximumFractionDigits: 3 });
const pct = new Intl.NumberFormat("de-DE", { style: "percent", maximumFractionDigits: 1 });
const fmt = (x: number): string => num.format(x);

/**
 * Rates `series` against `target` with values up to and including `assessmentYear` (default:
 * the latest year). Values after it are ignored; the value of the assessment year itself must
 * exist, otherwise there is no rating. Years need not be sorted; non-finite values are skipped.
 */
export function rateTarget(
  series: readonly YearValue[],
  target: TargetDefinition,
  assessmentYear?: number,
): WeatherRating {
  const known = series
    .filter((p) => Number.isFinite(p.value) && Number.isFinite(p.year))
    .filter((p) => assessmentYear === undefined || p.year <= assessmentYear)
    .slice()
    .sort((a, b) => a.year - b.year);
  const last = known.at(-1);
  if (last === undefined || (assessmentYear !== undefined && last.year !== assessmentYear)) {
    return {
      symbol: null,
      reason:
        assessmentYear === undefined
          ? "Keine Bewertung: keine Werte."
          : `Keine Bewertung: kein Wert für ${assessmentYear}.`,
      numbers: { pointsUsed: 0 },
    };
  }
  const used = known.slice(-MAX_POINTS);
  const first = used[0]!;
  if (used.length < MIN_POINTS) {
    return {
      symbol: null,
      reason: `Keine Bewertung: nur ${used.length} Werte bis ${last.year}, nötig sind mindestens ${MIN_POINTS}.`,
      numbers: { pointsUsed: used.length, latestYear: last.year, latestValue: last.value },
    };
  }
  const previous = used.at(-2)!;
  const meanAnnualChange = (last.value - first.value) / (last.year - first.year);
  const lastChange = last.value - previous.value;
  const base: WeatherNumbers = {
    latestYear: last.year,
    latestValue: last.value,
    firstYear: first.year,
    firstValue: first.value,
    pointsUsed: used.length,
    meanAnnualChange,
    lastChange,
  };
  switch (target.kind) {
    case "direction":
      return rateDirection(target.direction, base, meanAnnualChange, lastChange);
    case "limit":
      return rateLimit(target.direction, target.value, base, meanAnnualChange, "limit");
    case "value_by_year":
      return rateValueByYear(target.direction, target.value, target.targetYear, base);
    case "corridor": {
      const weakest =
        target.direction === "down"
          ? Math.max(target.low, target.high)
          : Math.min(target.low, target.high);
      const rating = rateValueByYear(target.direction, weakest, target.targetYear, base);
      return {
        ...rating,
        reason: `${rating.reason} (Zielkorridor ${fmt(target.low)} bis ${fmt(target.high)}: es zählt die schwächste Anforderung, ${fmt(weakest)}.)`,
      };
    }
  }
}

/** `+1` where the indicator should rise, `−1` where it should fall. */
const sign = (d: TargetDirection): number => (d === "up" ? 1 : -1);

function rateDirection(
  direction: TargetDirection,
  numbers: WeatherNumbers,
  mean: number,
  lastChange: number,
): WeatherRating {
  const s = sign(direction);
  const meanRight = s * mean > 0;
  const lastRight = s * lastChange > 0;
  const span = `${numbers.firstYear}–${numbers.latestYear}`;
  const wanted = direction === "up" ? "Anstieg" : "Rückgang";
  const means = `mittlere Veränderung ${span}: ${fmt(mean)} je Jahr`;
  const lasts = `letzte Veränderung: ${fmt(lastChange)}`;
  if (meanRight && lastRight) {
    return {
      symbol: "sonne",
      reason: `Gewünscht ist ein ${wanted}; ${means} und ${lasts} gehen in diese Richtung.`,
      numbers,
    };
  }
  if (meanRight) {
    return {
      symbol: "leicht_bewoelkt",
      reason: `Gewünscht ist ein ${wanted}; ${means} geht in diese Richtung, ${lasts} nicht.`,
      numbers,
    };
  }
  if (lastRight) {
    return {
      symbol: "wolke",
      reason: `Gewünscht ist ein ${wanted}; ${means} geht nicht in diese Richtung, ${lasts} schon.`,
      numbers,
    };
  }
  return {
    symbol: "blitz",
    reason: `Gewünscht ist ein ${wanted}; weder ${means} noch ${lasts} gehen in diese Richtung.`,
    numbers,
  };
}

function rateLimit(
  direction: TargetDirection,
  value: number,
  base: WeatherNumbers,
  mean: number,
  why: "limit" | "reached" | "due",
): WeatherRating {
  const s = sign(direction);
  const latest = base.latestValue!;
  const kept = s * (latest - value) >= 0;
  const numbers: WeatherNumbers = { ...base, targetValue: value };
  const bound = direction === "up" ? "mindestens" : "höchstens";
  const intro =
    why === "limit"
      ? `Grenzwert ${bound} ${fmt(value)}, jedes Jahr einzuhalten`
      : why === "reached"
        ? `Zielwert ${fmt(value)} ist schon erreicht, bewertet wie ein Grenzwert`
        : `Zieljahr ist erreicht, bewertet wie ein Grenzwert ${bound} ${fmt(value)}`;
  const state = `${base.latestYear}: ${fmt(latest)}; mittlere Veränderung ${fmt(mean)} je Jahr`;
  if (kept && s * mean >= 0) {
    return {
      symbol: "sonne",
      reason: `${intro}. Eingehalten und nicht verschlechtert (${state}).`,
      numbers,
    };
  }
  if (kept) {
    return {
      symbol: "leicht_bewoelkt",
      reason: `${intro}. Eingehalten, aber im Mittel in die falsche Richtung (${state}).`,
      numbers,
    };
  }
  if (s * mean > 0) {
    return {
      symbol: "wolke",
      reason: `${intro}. Nicht eingehalten, aber im Mittel in die richtige Richtung (${state}).`,
      numbers,
    };
  }
  return {
    symbol: "blitz",
    reason: `${intro}. Nicht eingehalten und im Mittel nicht in die richtige Richtung (${state}).`,
    numbers,
  };
}

function rateValueByYear(
  direction: TargetDirection,
  value: number,
  targetYear: number,
  base: WeatherNumbers,
): WeatherRating {
  const s = sign(direction);
  const latest = base.latestValue!;
  const latestYear = base.latestYear!;
  const mean = base.meanAnnualChange!;
  if (s * (latest - value) >= 0) return rateLimit(direction, value, base, mean, "reached");
  if (targetYear <= latestYear) return rateLimit(direction, value, base, mean, "due");
  const projectedValue = latest + mean * (targetYear - latestYear);
  const remainingGapShare = (value - projectedValue) / (value - latest);
  const numbers: WeatherNumbers = {
    ...base,
    targetValue: value,
    targetYear,
    projectedValue,
    remainingGapShare,
  };
  const state = `mittlere Veränderung ${base.firstYear}–${latestYear}: ${fmt(mean)} je Jahr, fortgeschrieben ${fmt(projectedValue)} in ${targetYear}, Ziel ${fmt(value)}`;
  if (s * mean <= 0) {
    return {
      symbol: "blitz",
      reason: `Der Abstand zum Ziel bleibt gleich oder wächst (${state}).`,
      numbers,
    };
  }
  const gap = pct.format(Math.max(remainingGapShare, 0));
  if (remainingGapShare < SUN_BELOW) {
    return {
      symbol: "sonne",
      reason: `Bei Fortsetzung der Entwicklung wird das Ziel erreicht oder um weniger als 5 % des Abstands verfehlt (${state}; Rest ${gap}).`,
      numbers,
    };
  }
  if (remainingGapShare <= SLIGHTLY_CLOUDY_UP_TO) {
    return {
      symbol: "leicht_bewoelkt",
      reason: `Bei Fortsetzung der Entwicklung wird das Ziel um 5 % bis 20 % des Abstands verfehlt (${state}; Rest ${gap}).`,
      numbers,
    };
  }
  return {
    symbol: "wolke",
    reason: `Richtige Richtung, aber bei Fortsetzung der Entwicklung wird das Ziel um mehr als 20 % des Abstands verfehlt (${state}; Rest ${gap}).`,
    numbers,
  };
}

/**
 * Several targets of one indicator at once: the worst single rating counts. Targets without a
 * rating are left out; with none rated, there is no rating.
 */
export function combineRatings(ratings: readonly WeatherRating[]): WeatherRating {
  let worst: WeatherRating | undefined;
  for (const r of ratings) {
    if (r.symbol === null) continue;
    if (worst === undefined || SEVERITY[r.symbol] > SEVERITY[worst.symbol!]) worst = r;
  }
  if (worst === undefined) {
    return {
      symbol: null,
      reason: "Keine Bewertung: kein Ziel ist bewertbar.",
      numbers: { pointsUsed: 0 },
    };
  }
  return {
    ...worst,
    reason: `Schlechteste von ${ratings.length} Einzelbewertungen: ${worst.reason}`,
  };
}
