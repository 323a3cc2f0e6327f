/**
 * Alerts of the social area analysis: areas whose index class changed since the previous run,
 * indicators whose trend has turned, and values far outside what the city's level leads one
 * to expect, judged with the counts behind them so that a small area's noise is no alarm.
 * Rules, thresholds and sources: docs/methods/social-index.md, section 7.
 */
import type { IndexResult } from "./compute.ts";

/** The standard normal quantile for a two-sided 99 % interval. */
export const Z_99 = 2.5758293035489;

/**
 * Wilson's score interval for a share `x` of `n` (Wilson 1927): unlike the textbook
 * p ± z·√(p(1−p)/n) it stays within [0, 1] and is right for small n and shares near 0 or 1.
 */
export function wilsonInterval(x: number, n: number, z = Z_99): { low: number; high: number } {
  if (!(n > 0) || x < 0 || x > n) throw new RangeError(`wilsonInterval: ${x} of ${n}`);
  const p = x / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * An approximate interval for the mean of a Poisson count `x` (Byar's approximation, Breslow &
 * Day 1987), for counts without a fixed population (cases per year): good to about 1 % already
 * for small counts.
 */
export function poissonInterval(x: number, z = Z_99): { low: number; high: number } {
  if (!(x >= 0) || !Number.isInteger(x)) throw new RangeError(`poissonInterval: ${x}`);
  const low = x === 0 ? 0 : x * (1 - 1 / (9 * x) - z / (3 * Math.sqrt(x))) ** 3;
  const y = x + 1;
  const high = y * (1 - 1 / (9 * y) + z / (3 * Math.sqrt(y))) ** 3;
  return { low, high };
}

export interface ShareObservation {
  readonly area: string;
  readonly name: string;
  /** The count (e.g. SGB II recipients) and its population (inhabitants under 65). */
  readonly count: number;
  readonly population: number;
}

export interface OutlierAlert {
  readonly area: string;
  readonly name: string;
  readonly share: number;
  readonly expected: number;
  readonly interval: { readonly low: number; readonly high: number };
  readonly direction: "above" | "below";
}

/**
 * Areas whose share lies so far from the expected share (the city's) that chance cannot
 * explain it: the expected share is outside the area's 99 % Wilson interval, and the share
 * differs from it by at least `minRatio` (default: a quarter), so that a large area's
 * statistically clear but small difference is no alarm either.
 */
export function outlierAlerts(
  observations: readonly ShareObservation[],
  expected: number,
  options: { z?: number; minRatio?: number } = {},
): OutlierAlert[] {
  const minRatio = options.minRatio ?? 0.25;
  return observations.flatMap((o) => {
    if (!(o.population > 0)) return [];
    const share = o.count / o.population;
    const interval = wilsonInterval(o.count, o.population, options.z ?? Z_99);
    const outside = expected < interval.low || expected > interval.high;
    const large = Math.abs(share - expected) >= minRatio * expected;
    if (!outside || !large) return [];
    return [
      {
        area: o.area,
        name: o.name,
        share,
        expected,
        interval,
        direction: share > expected ? ("above" as const) : ("below" as const),
      },
    ];
  });
}

export interface TrendTurn {
  readonly area: string;
  readonly indicator: string;
  /** The change over the earlier and over the later span. */
  readonly earlier: number;
  readonly later: number;
  readonly turn: "rising_again" | "falling_again";
}

/**
 * A trend has turned when the change over the later span has the other sign than the change
 * over the earlier one, and both are at least `minChange` (in the indicator's unit, e.g.
 * 0.5 percentage points): a wobble around zero is no turn. `values` are one area's values of
 * one indicator at three dates, earliest first.
 */
export function trendTurn(
  area: string,
  indicator: string,
  values: readonly [number, number, number],
  minChange = 0.5,
): TrendTurn | null {
  const earlier = values[1] - values[0];
  const later = values[2] - values[1];
  if (Math.abs(earlier) < minChange || Math.abs(later) < minChange) return null;
  if (Math.sign(earlier) === Math.sign(later)) return null;
  return { area, indicator, earlier, later, turn: later > 0 ? "rising_again" : "falling_again" };
}

export interface ClassChange {
  readonly area: string;
  readonly name: string;
  readonly dimension: "status" | "dynamics";
  readonly from: string | null;
  readonly to: string | null;
  /**
   * +1 when the class number rose (status: towards "sehr niedrig"; dynamics: towards
   * "negativ"), −1 when it fell, 0 when the area entered or left the index.
   */
  readonly direction: -1 | 0 | 1;
}

type RunAreas = Pick<IndexResult, "areas">;

/**
 * Areas whose status or dynamics class differs between two runs (by class label; an area
 * excluded in one run counts as "no class" there). Areas in only one run are left out.
 */
export function classChanges(previous: RunAreas, current: RunAreas): ClassChange[] {
  const before = new Map(previous.areas.map((a) => [a.code, a]));
  const out: ClassChange[] = [];
  for (const a of current.areas) {
    const b = before.get(a.code);
    if (!b) continue;
    for (const dimension of ["status", "dynamics"] as const) {
      const was = b[dimension];
      const is = a[dimension];
      const from = was?.classLabel ?? null;
      const to = is?.classLabel ?? null;
      if (from === to) continue;
      const direction = was && is ? (Math.sign(is.classNumber - was.classNumber) as -1 | 0 | 1) : 0;
      out.push({ area: a.code, name: a.name, dimension, from, to, direction });
    }
  }
  return out;
}

export interface RunComparison {
  readonly changes: readonly ClassChange[];
  /** Area codes in only one of the two runs (a new area system, a renamed area). */
  readonly onlyInPrevious: readonly string[];
  readonly onlyInCurrent: readonly string[];
  /** Areas in both runs whose classes did not change. */
  readonly unchanged: number;
}

/** Which areas changed class from one run to the next, and which are in only one of them. */
export function compareRuns(previous: RunAreas, current: RunAreas): RunComparison {
  const before = new Set(previous.areas.map((a) => a.code));
  const after = new Set(current.areas.map((a) => a.code));
  const changes = classChanges(previous, current);
  const changed = new Set(changes.map((c) => c.area));
  let both = 0;
  for (const code of after) if (before.has(code)) both++;
  return {
    changes,
    onlyInPrevious: [...before].filter((c) => !after.has(c)),
    onlyInCurrent: [...after].filter((c) => !before.has(c)),
    unchanged: both - changed.size,
  };
}
