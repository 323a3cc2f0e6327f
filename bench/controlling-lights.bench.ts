/**
 * The controlling module's lights: the DNS weather rating with uncertainty
 * (src/core/controlling/uncertain-rating.ts) for 1,000 goal indicators of 20 yearly periods
 * each, from counts: half the indicators shares (numerator of a population, Wilson interval),
 * half rates per 1,000 (Poisson interval, exact below 10 cases), small areas among them. Target
 * kinds in turn: a value by a year, a limit, a direction, a corridor; polarity mixed. The
 * engine builds each value's interval, rates at the central values and at both ends of every
 * statistic's range and writes the German reasons.
 *
 * Reference, same run: a plain loop over the same values in typed arrays doing only the
 * arithmetic of the central rating — the mean change over the last six values, the projection
 * to the target year and the remaining gap share — with no intervals, no reasons, no objects.
 * 21 runs each, in turns, after a warm-up; medians.
 *
 * Target: all 1,000 lights under 200 ms. The RESULT line is the engine against the reference.
 */
import {
  rateTargetWithUncertainty,
  ratePoint,
  sharePoint,
  type UncertainYearValue,
} from "../src/core/controlling/uncertain-rating.ts";
import type { TargetDefinition } from "../src/core/controlling/weather.ts";
import { seededRandom } from "../src/core/statistics/kmeans.ts";
import { check, formatResult, line, machineLoad, median, ms } from "./lib/report.ts";

const INDICATORS = 1000;
const PERIODS = 20;
const FIRST_YEAR = 2005;
const RUNS = 21;
const WARM_UP = 10;
const LIMIT_MS = 200;

interface Indicator {
  readonly kind: "share" | "rate";
  readonly numerators: Float64Array;
  readonly denominators: Float64Array;
  readonly target: TargetDefinition;
  /** The target value the reference projects to (the corridor's weakest end), if any. */
  readonly targetValue: number;
  readonly targetYear: number;
}

function makeIndicators(seed = 2026): Indicator[] {
  const random = seededRandom(seed);
  return Array.from({ length: INDICATORS }, (_, i): Indicator => {
    const kind = i % 2 === 0 ? "share" : "rate";
    // Populations from 150 to 20,000: small areas give counts below 10.
    const population = Math.floor(150 + random() ** 2 * 20000);
    const level = kind === "share" ? 0.05 + random() * 0.3 : 0.002 + random() * 0.02;
    const drift = (random() - 0.5) * 0.04;
    const numerators = new Float64Array(PERIODS);
    const denominators = new Float64Array(PERIODS);
    for (let t = 0; t < PERIODS; t++) {
      const p = Math.max(0, level * (1 + drift * t + (random() - 0.5) * 0.1));
      denominators[t] = Math.floor(population * (0.95 + random() * 0.1));
      numerators[t] = Math.min(denominators[t]!, Math.round(p * denominators[t]!));
    }
    const scale = kind === "share" ? 100 : 1000;
    const latest = (numerators[PERIODS - 1]! / denominators[PERIODS - 1]!) * scale;
    const direction = random() < 0.5 ? "up" : "down";
    const better = direction === "up" ? 1.2 : 0.8;
    const targetYear = FIRST_YEAR + PERIODS + 5;
    const value = latest * better;
    const target: TargetDefinition =
      i % 4 === 0
        ? { kind: "value_by_year", direction, value, targetYear }
        : i % 4 === 1
          ? { kind: "limit", direction, value }
          : i % 4 === 2
            ? { kind: "direction", direction }
            : {
                kind: "corridor",
                direction,
                low: Math.min(value, latest * (2 * better - 1)),
                high: Math.max(value, latest * (2 * better - 1)),
                targetYear,
              };
    return { kind, numerators, denominators, target, targetValue: value, targetYear };
  });
}

/** The engine: points with intervals, then the rating with uncertainty, per indicator. */
function lights(indicators: readonly Indicator[]): number {
  let uncertain = 0;
  for (const ind of indicators) {
    const series: UncertainYearValue[] = [];
    for (let t = 0; t < PERIODS; t++) {
      series.push(
        ind.kind === "share"
          ? sharePoint(FIRST_YEAR + t, ind.numerators[t]!, ind.denominators[t]!, 100)
          : ratePoint(FIRST_YEAR + t, ind.numerators[t]!, ind.denominators[t]!, 1000),
      );
    }
    const r = rateTargetWithUncertainty(series, ind.target);
    if (r.uncertain) uncertain++;
  }
  return uncertain;
}

/**
 * The reference: values in a typed array, the mean change over the last six, the projection
 * and the gap share — the arithmetic alone. Returns a checksum so that nothing is optimised away.
 */
function plainLoop(indicators: readonly Indicator[]): number {
  const values = new Float64Array(PERIODS);
  let checksum = 0;
  for (const ind of indicators) {
    const scale = ind.kind === "share" ? 100 : 1000;
    for (let t = 0; t < PERIODS; t++) {
      values[t] = (ind.numerators[t]! / ind.denominators[t]!) * scale;
    }
    const last = values[PERIODS - 1]!;
    const first = values[PERIODS - 6]!;
    const mean = (last - first) / 5;
    const projected = last + mean * (ind.targetYear - (FIRST_YEAR + PERIODS - 1));
    const gap = (ind.targetValue - projected) / (ind.targetValue - last);
    checksum += Number.isFinite(gap) ? gap : 0;
  }
  return checksum;
}

const indicators = makeIndicators();
let uncertain = 0;
for (let r = 0; r < WARM_UP; r++) {
  uncertain = lights(indicators);
  plainLoop(indicators);
}
const engine: number[] = [];
const reference: number[] = [];
let sink = 0;
for (let r = 0; r < RUNS; r++) {
  let t = performance.now();
  const u = lights(indicators);
  engine.push(performance.now() - t);
  check(u === uncertain, "the lights are the same in every run");
  t = performance.now();
  sink += plainLoop(indicators);
  reference.push(performance.now() - t);
}
const e = median(engine);
const l = median(reference);
console.log(
  `Controlling lights: ${INDICATORS} goal indicators × ${PERIODS} periods, ${machineLoad()}`,
);
line("uncertain ratings", `${uncertain} of ${INDICATORS}`);
line("engine (rateTargetWithUncertainty), median", ms(e));
line("plain loop (mean change, projection, gap)", ms(l));
line("ratio", (e / l).toFixed(1));
line("checksum of the reference", sink.toFixed(3));
check(e < LIMIT_MS, `${INDICATORS} lights take ${e.toFixed(1)} ms, the target is < ${LIMIT_MS} ms`);
console.log(
  formatResult({
    name: "controlling_lights_1000x20",
    metric: "median",
    value: e,
    reference: l,
    unit: "ms",
    decimals: 2,
  }),
);
