/**
 * Places needed over the next months, from the months behind: a stock-flow projection.
 *
 *   P(t+1) = P(t) · (1 − q) + E(t+1)
 *
 * P: persons housed on the reference date; E: entries into the city's accommodation in the
 * month; q: the share of the persons housed who leave in a month, estimated from the last
 * months as Σ exits / Σ (persons at the start of the month + half the entries) — the same as
 * 1 / mean length of stay in months when the stock is steady. Entries are projected as the
 * mean of the same calendar month in the past years (seasonal) when two years of data are
 * there, else as the mean of the last 12 months.
 *
 * The range: the low projection takes the 20th percentile of the past monthly entries (scaled
 * by the season) and the 80th percentile of the monthly exit shares, the high one the other
 * way round; this spans what the last months' swings make plausible, not a probability.
 * The month capacity runs out: the first month whose central projection exceeds the places
 * planned for it. Method page: docs/methods/occupancy.md.
 */

export interface MonthFigures {
  /** "YYYY-MM" */
  readonly month: string;
  /** Housed on the reference date of the month. */
  readonly persons: number;
  /** Entries into and exits out of the city's accommodation in the month (moves excluded). */
  readonly entries: number;
  readonly exits: number;
  /** Places on the reference date. */
  readonly places: number;
}

export interface ForecastMonth {
  readonly month: string;
  readonly persons: number;
  readonly low: number;
  readonly high: number;
  readonly places: number;
  /** persons − places when positive. */
  readonly shortfall: number;
}

export interface Forecast {
  readonly basis: { readonly from: string; readonly to: string; readonly months: number };
  readonly exitShare: { readonly central: number; readonly low: number; readonly high: number };
  readonly seasonal: boolean;
  readonly months: readonly ForecastMonth[];
  /** The first month whose central projection exceeds its places; null within the horizon. */
  readonly capacityRunsOut: string | null;
}

const quantile = (sorted: readonly number[], p: number): number => {
  if (sorted.length === 0) return 0;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return (
    sorted[lo]! + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? 0) - sorted[lo]!)
  );
};

const nextMonth = (code: string, n = 1): string => {
  const [y, m] = code.split("-").map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
};

/**
 * Projects `horizon` months (6 to 12) after the last month of `history` (oldest first, at least
 * 6 consecutive months). `plannedPlaces` overrides the places of future months (a facility
 * opening or closing); otherwise the last month's places hold.
 */
export function forecastPlaces(
  history: readonly MonthFigures[],
  horizon: number,
  plannedPlaces: ReadonlyMap<string, number> = new Map(),
): Forecast {
  if (history.length < 6) throw new Error("forecastPlaces: at least 6 months of history");
  if (!(horizon >= 1 && horizon <= 24)) throw new Error("forecastPlaces: horizon 1 … 24");
  const recent = history.slice(-12);
  // Monthly exit shares: exits over the persons who could leave (start stock + half the
  // entries, who arrive spread over the month).
  const shares: number[] = [];
  let exits = 0;
  let atRisk = 0;
  for (let i = Math.max(1, history.length - 12); i < history.length; i++) {
    const start = history[i - 1]!.persons;
    const m = history[i]!;
    const base = start + m.entries / 2;
    if (base > 0) shares.push(m.exits / base);
    exits += m.exits;
    atRisk += base;
  }
  const central = atRisk > 0 ? exits / atRisk : 0;
  const sortedShares = [...shares].sort((a, b) => a - b);
  const shareLow = quantile(sortedShares, 0.2);
  const shareHigh = quantile(sortedShares, 0.8);

  // Entries: seasonal means when two full years are there.
  const seasonal = history.length >= 24;
  const calendar = (code: string) => Number(code.slice(5, 7));
  const entriesFor = (code: string): number => {
    if (!seasonal) return recent.reduce((s, m) => s + m.entries, 0) / recent.length;
    const same = history.filter((m) => calendar(m.month) === calendar(code));
    return same.reduce((s, m) => s + m.entries, 0) / same.length;
  };
  const meanEntries = recent.reduce((s, m) => s + m.entries, 0) / recent.length;
  const sortedEntries = recent.map((m) => m.entries).sort((a, b) => a - b);
  const entriesLowFactor = meanEntries > 0 ? quantile(sortedEntries, 0.2) / meanEntries : 1;
  const entriesHighFactor = meanEntries > 0 ? quantile(sortedEntries, 0.8) / meanEntries : 1;

  const last = history.at(-1)!;
  let p = last.persons;
  let lo = last.persons;
  let hi = last.persons;
  let places = last.places;
  const months: ForecastMonth[] = [];
  let runsOut: string | null = null;
  for (let k = 1; k <= horizon; k++) {
    const month = nextMonth(last.month, k);
    const e = entriesFor(month);
    p = p * (1 - central) + e;
    lo = lo * (1 - shareHigh) + e * entriesLowFactor;
    hi = hi * (1 - shareLow) + e * entriesHighFactor;
    places = plannedPlaces.get(month) ?? places;
    const persons = Math.round(p);
    if (runsOut === null && persons > places) runsOut = month;
    months.push({
      month,
      persons,
      low: Math.round(Math.min(lo, p)),
      high: Math.round(Math.max(hi, p)),
      places,
      shortfall: Math.max(0, persons - places),
    });
  }
  return {
    basis: { from: history[0]!.month, to: last.month, months: history.length },
    exitShare: { central, low: shareLow, high: shareHigh },
    seasonal,
    months,
    capacityRunsOut: runsOut,
  };
}
