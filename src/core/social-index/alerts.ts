/**
 * Alerts of the social area analysis: areas whose index class changed since the previous run,
 * indicators whose trend has turned, and values far outside what the city's level leads one
 * to expect, judged with the counts behind them so that a small area's noise is no alarm.
 * Rules, thresholds and sources: docs/methods/social-index.md, section 7.
 */
import { wilsonInterval, Z_99 } from "../statistics/intervals.ts";
import type { IndexResult } from "./compute.ts";

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
