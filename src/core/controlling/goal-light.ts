/**
 * The light of a goal indicator in one assessment year: the DNS weather rule on the yearly
 * values, rated again at both ends of the values' uncertainty. Where the ends disagree the
 * light is "unsicher" (drawn hatched) and says why in words. docs/methods/controlling.md.
 */
import { rateTargetWithUncertainty, type UncertainYearValue } from "./uncertain-rating.ts";
import { combineRatings, type TargetDefinition, type WeatherSymbol } from "./weather.ts";

/** A yearly value with its interval (null: none known) and the count it rests on. */
export interface LightPoint {
  readonly year: number;
  readonly value: number | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly count: number | null;
  readonly note?: string | null;
}

export interface Light {
  readonly year: number;
  readonly symbol: WeatherSymbol | null;
  readonly low: WeatherSymbol | null;
  readonly high: WeatherSymbol | null;
  readonly uncertain: boolean;
  readonly reason: string;
}

const SEVERITY: Record<WeatherSymbol, number> = {
  sonne: 0,
  leicht_bewoelkt: 1,
  wolke: 2,
  blitz: 3,
};

/** Rates the points up to `year` against `target`. */
export function rateGoalIndicator(
  points: readonly LightPoint[],
  target: TargetDefinition,
  year: number,
): Light {
  const series: UncertainYearValue[] = [];
  for (const p of points) {
    if (p.value === null || p.year > year) continue;
    series.push({
      year: p.year,
      value: p.value,
      ...(p.low !== null && p.high !== null ? { interval: { low: p.low, high: p.high } } : {}),
      ...(p.count !== null ? { cases: p.count } : {}),
    });
  }
  const r = rateTargetWithUncertainty(series, target, year);
  const latest = points.find((p) => p.year === year);
  const doubtful = latest?.note ? ` Der Wert ${year} ist ${latest.note}.` : "";
  return {
    year,
    symbol: r.symbol,
    low: r.lowSymbol,
    high: r.highSymbol,
    uncertain: r.uncertain,
    reason: r.reasonText + doubtful,
  };
}

/** The worst light of several (several targets at once: the worst counts). */
export function worstLight(lights: readonly Light[]): Light {
  const rated = lights.filter((l) => l.symbol !== null);
  if (rated.length === 0) return lights[0]!;
  const worst = combineRatings(
    rated.map((l) => ({ symbol: l.symbol, reason: l.reason, numbers: { pointsUsed: 0 } })),
  );
  const pick = rated.find((l) => l.symbol === worst.symbol)!;
  const uncertain = rated.some((l) => l.uncertain);
  const high = rated.reduce<WeatherSymbol>(
    (w, l) => (SEVERITY[l.high!] > SEVERITY[w] ? l.high! : w),
    "sonne",
  );
  const low = rated.reduce<WeatherSymbol>(
    (w, l) => (SEVERITY[l.low!] > SEVERITY[w] ? l.low! : w),
    "sonne",
  );
  return { ...pick, uncertain, low, high };
}
