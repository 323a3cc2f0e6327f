/**
 * Statistical process control for monthly or quarterly series: the XmR chart (individuals and
 * moving ranges, Wheeler) with the signal rules and the assurance verdict of NHS England's
 * "Making Data Count". It tells a change in a process from the wobble every series has, so that
 * a month above average is no alarm and seven in a row are. Formulas, rules and sources:
 * docs/methods/spc-xmr.md.
 *
 * - Centre line: the mean of the baseline values (all values, or the first `baselinePoints`).
 * - Moving range MRₜ = |yₜ − yₜ₋₁|, AMR its mean over the baseline; process limits
 *   mean ± 2.66·AMR (2.66 = 3/d₂, d₂ = 1.128 for ranges of two), the near-limit lines at
 *   two thirds of that distance (≈ 2σ).
 * - Signals: a value outside the limits; a run of `shiftLength` (7) or more values on one side
 *   of the mean; a trend of `trendLength` (6) or more values each higher (or each lower) than
 *   the one before; two of three consecutive values beyond the same near-limit line, all three
 *   on that side of the mean. Every value in such a run or pattern is flagged (in the 2-of-3
 *   rule the values beyond the line).
 * - A flagged value is an improvement or a concern by the side of the mean it lies on and the
 *   indicator's polarity (as NHSRplotthedots does; a value exactly on the mean takes the
 *   trend's direction); with no polarity it is neutral.
 * - Assurance against a target: a target beyond the limits is met always or never; a target
 *   between them is met some months and missed in others.
 * - Fewer than 12 baseline values: no limits, no signals.
 */
import { formatNumber } from "../format/number.ts";

/** Which way is better: `up` (higher), `down` (lower) or `neutral` (neither). */
export type Polarity = "up" | "down" | "neutral";

export type SpcRule = "outside_limits" | "shift" | "trend" | "two_of_three";
export type SignalKind = "improvement" | "concern" | "neutral";
export type Assurance = "always" | "never" | "hit_and_miss";

/** One value of the series; the series is in time order without gaps. */
export interface SpcInput {
  /** The period's label as it is shown ("2024-03", "2024-Q1"). */
  readonly period: string;
  readonly value: number;
}

export interface SpcOptions {
  readonly polarity: Polarity;
  /** Values in a row on one side of the mean that make a shift; 7 by default (6 allowed). */
  readonly shiftLength?: number;
  /** Values in a row each rising (or each falling) that make a trend; 6 by default. */
  readonly trendLength?: number;
  /** Limits from the first n values only, then held fixed; all values by default. */
  readonly baselinePoints?: number;
  /** A target in the indicator's unit, for the assurance verdict. */
  readonly target?: number;
  /** Fewest baseline values that allow limits; 12 by default. */
  readonly minPoints?: number;
}

export const SPC_DEFAULTS = { shiftLength: 7, trendLength: 6, minPoints: 12 } as const;
/** 3/d₂ for moving ranges of two values (d₂ = 1.128). */
export const LIMIT_FACTOR = 2.66;

export interface SpcLimits {
  readonly mean: number;
  readonly averageMovingRange: number;
  readonly lower: number;
  readonly upper: number;
  readonly nearLower: number;
  readonly nearUpper: number;
  /** How many values (from the first) the limits were computed from. */
  readonly baselinePoints: number;
}

export interface SpcPoint {
  readonly period: string;
  readonly value: number;
  /** |value − previous value|; `null` for the first. */
  readonly movingRange: number | null;
  /** The rules this value is part of, in the order outside, trend, two of three, shift. */
  readonly rules: readonly SpcRule[];
  /** `null`: common-cause variation (no rule). */
  readonly signal: SignalKind | null;
  /** Each rule in German, e.g. "über der oberen Grenze (15,3)". */
  readonly reasons: readonly string[];
}

export interface SpcChart {
  /** `null`: too few values (see `reason`). */
  readonly limits: SpcLimits | null;
  readonly points: readonly SpcPoint[];
  /** `null`: no target, no polarity or no limits. */
  readonly assurance: Assurance | null;
  /** A German summary of the chart. */
  readonly reason: string;
  /** The options in effect, so a report can print the method. */
  readonly options: Required<Omit<SpcOptions, "target" | "baselinePoints">> &
    Pick<SpcOptions, "target" | "baselinePoints">;
}

export const SIGNAL_LABELS: Readonly<Record<SignalKind, string>> = {
  improvement: "Verbesserung",
  concern: "Anlass zur Sorge",
  neutral: "auffällig",
};

export const ASSURANCE_LABELS: Readonly<Record<Assurance, string>> = {
  always: "Ziel wird verlässlich erreicht",
  never: "Ziel wird verlässlich verfehlt",
  hit_and_miss: "Ziel wird mal erreicht, mal verfehlt",
};

const RULE_ORDER: readonly SpcRule[] = ["outside_limits", "trend", "two_of_three", "shift"];

const fmt = (x: number): string => formatNumber(x, { max: 3 });

/** The XmR chart of `series` (see the file comment). Never throws; a problem is a reason. */
export function computeXmrChart(series: readonly SpcInput[], options: SpcOptions): SpcChart {
  const effective = {
    polarity: options.polarity,
    shiftLength: options.shiftLength ?? SPC_DEFAULTS.shiftLength,
    trendLength: options.trendLength ?? SPC_DEFAULTS.trendLength,
    minPoints: options.minPoints ?? SPC_DEFAULTS.minPoints,
    ...(options.target === undefined ? {} : { target: options.target }),
    ...(options.baselinePoints === undefined ? {} : { baselinePoints: options.baselinePoints }),
  };
  const values = series.map((p) => p.value);
  const bare = (reason: string): SpcChart => ({
    limits: null,
    points: series.map((p, i) => ({
      period: p.period,
      value: p.value,
      movingRange: movingRange(values, i),
      rules: [],
      signal: null,
      reasons: [],
    })),
    assurance: null,
    reason,
    options: effective,
  });

  const problem = optionProblem(effective);
  if (problem) return bare(`Keine Regelkarte: ${problem}`);
  const gap = series.find((p) => !Number.isFinite(p.value));
  if (gap) {
    return bare(
      `Keine Regelkarte: für ${gap.period} fehlt ein Wert; eine Regelkarte braucht eine lückenlose Reihe.`,
    );
  }
  const base = Math.min(effective.baselinePoints ?? values.length, values.length);
  if (base < effective.minPoints) {
    const what =
      effective.baselinePoints !== undefined && effective.baselinePoints < values.length
        ? `die feste Basis umfasst nur ${base} Werte`
        : `nur ${base} Werte`;
    return bare(
      `Keine Grenzen: ${what}, nötig sind mindestens ${effective.minPoints}. Bis dahin ist jede Abweichung als zufällig zu lesen.`,
    );
  }

  const limits = xmrLimits(values, base);
  const flags = values.map(() => new Set<SpcRule>());
  const sides = values.map((y) => Math.sign(y - limits.mean));
  const trendSide = values.map(() => 0);
  const reasons = values.map((): string[] => []);

  values.forEach((y, i) => {
    if (y > limits.upper) {
      flags[i]!.add("outside_limits");
      reasons[i]!.push(`über der oberen Grenze (${fmt(limits.upper)})`);
    } else if (y < limits.lower) {
      flags[i]!.add("outside_limits");
      reasons[i]!.push(`unter der unteren Grenze (${fmt(limits.lower)})`);
    }
  });

  for (const run of runsOf(values.length, (i) => Math.sign(values[i]! - values[i - 1]!))) {
    if (run.key === 0 || run.end - run.start + 2 < effective.trendLength) continue;
    // A run of rising steps from step `start` to `end` covers values start − 1 … end.
    const length = run.end - run.start + 2;
    for (let i = run.start - 1; i <= run.end; i++) {
      flags[i]!.add("trend");
      trendSide[i] = run.key;
      reasons[i]!.push(
        `Teil von ${length} Werten in Folge ${run.key > 0 ? "steigend" : "fallend"}`,
      );
    }
  }

  const beyond = values.map((y) => (y > limits.nearUpper ? 1 : y < limits.nearLower ? -1 : 0));
  for (let i = 0; i + 2 < values.length; i++) {
    const side = sides[i]!;
    if (side === 0 || sides[i + 1] !== side || sides[i + 2] !== side) continue;
    const window = [i, i + 1, i + 2].filter((j) => beyond[j] === side);
    if (window.length < 2) continue;
    for (const j of window) {
      if (flags[j]!.has("two_of_three")) continue;
      flags[j]!.add("two_of_three");
      reasons[j]!.push(
        `2 von 3 Werten jenseits der ${side > 0 ? "oberen" : "unteren"} Warnlinie (${fmt(side > 0 ? limits.nearUpper : limits.nearLower)})`,
      );
    }
  }

  for (const run of runsOf(values.length + 1, (i) => sides[i - 1]!)) {
    const length = run.end - run.start + 1;
    if (run.key === 0 || length < effective.shiftLength) continue;
    for (let i = run.start - 1; i < run.end; i++) {
      flags[i]!.add("shift");
      reasons[i]!.push(
        `Teil von ${length} Werten in Folge ${run.key > 0 ? "über" : "unter"} dem Mittelwert`,
      );
    }
  }

  const points: SpcPoint[] = series.map((p, i) => {
    const rules = RULE_ORDER.filter((r) => flags[i]!.has(r));
    const side = sides[i] !== 0 ? sides[i]! : trendSide[i]!;
    return {
      period: p.period,
      value: p.value,
      movingRange: movingRange(values, i),
      rules,
      signal: rules.length === 0 ? null : signalOf(side, effective.polarity),
      reasons: reasons[i]!,
    };
  });
  const assurance = assuranceOf(limits, effective.polarity, effective.target);
  return {
    limits,
    points,
    assurance,
    reason: summary(limits, points, values.length, assurance, effective.target),
    options: effective,
  };
}

/** Mean, average moving range and limits from the first `base` values. */
export function xmrLimits(values: readonly number[], base: number): SpcLimits {
  let sum = 0;
  let ranges = 0;
  for (let i = 0; i < base; i++) {
    sum += values[i]!;
    if (i > 0) ranges += Math.abs(values[i]! - values[i - 1]!);
  }
  const mean = sum / base;
  const averageMovingRange = base > 1 ? ranges / (base - 1) : 0;
  const half = LIMIT_FACTOR * averageMovingRange;
  return {
    mean,
    averageMovingRange,
    lower: mean - half,
    upper: mean + half,
    nearLower: mean - (2 / 3) * half,
    nearUpper: mean + (2 / 3) * half,
    baselinePoints: base,
  };
}

function movingRange(values: readonly number[], i: number): number | null {
  if (i === 0) return null;
  const d = Math.abs(values[i]! - values[i - 1]!);
  return Number.isFinite(d) ? d : null;
}

/** Maximal runs of equal `key(i)` for i = 1 … n − 1 (`start`, `end` inclusive). */
function runsOf(
  n: number,
  key: (i: number) => number,
): { key: number; start: number; end: number }[] {
  const runs: { key: number; start: number; end: number }[] = [];
  for (let i = 1; i < n; i++) {
    const k = key(i);
    const last = runs.at(-1);
    if (last && last.key === k && last.end === i - 1) last.end = i;
    else runs.push({ key: k, start: i, end: i });
  }
  return runs;
}

function signalOf(side: number, polarity: Polarity): SignalKind {
  if (polarity === "neutral" || side === 0) return "neutral";
  return side > 0 === (polarity === "up") ? "improvement" : "concern";
}

function assuranceOf(
  limits: SpcLimits,
  polarity: Polarity,
  target: number | undefined,
): Assurance | null {
  if (target === undefined || polarity === "neutral" || !Number.isFinite(target)) return null;
  if (target > limits.upper) return polarity === "up" ? "never" : "always";
  if (target < limits.lower) return polarity === "up" ? "always" : "never";
  return "hit_and_miss";
}

function optionProblem(o: SpcChart["options"]): string | null {
  const whole = (x: number, min: number) => Number.isInteger(x) && x >= min;
  if (!whole(o.shiftLength, 2))
    return `die Länge einer Folge auf einer Seite muss eine ganze Zahl ab 2 sein, angegeben ist ${fmt(o.shiftLength)}.`;
  if (!whole(o.trendLength, 3))
    return `die Länge eines Trends muss eine ganze Zahl ab 3 sein, angegeben ist ${fmt(o.trendLength)}.`;
  if (!whole(o.minPoints, 2))
    return `die Mindestzahl der Werte muss eine ganze Zahl ab 2 sein, angegeben ist ${fmt(o.minPoints)}.`;
  if (o.baselinePoints !== undefined && !whole(o.baselinePoints, 2))
    return `die feste Basis muss eine ganze Zahl von Werten ab 2 sein, angegeben ist ${fmt(o.baselinePoints)}.`;
  return null;
}

function summary(
  limits: SpcLimits,
  points: readonly SpcPoint[],
  n: number,
  assurance: Assurance | null,
  target: number | undefined,
): string {
  const basis =
    limits.baselinePoints < n ? ` (Grenzen aus den ersten ${limits.baselinePoints} Werten)` : "";
  const head = `Regelkarte aus ${n} Werten${basis}: Mittelwert ${fmt(limits.mean)}, Grenzen ${fmt(limits.lower)} bis ${fmt(limits.upper)}.`;
  const flagged = points.filter((p) => p.signal !== null);
  let signals: string;
  if (flagged.length === 0) {
    signals = " Keine auffälligen Werte: nur zufällige Schwankung.";
  } else {
    const counts = (["improvement", "concern", "neutral"] as const)
      .map((k) => [k, flagged.filter((p) => p.signal === k).length] as const)
      .filter(([, c]) => c > 0)
      .map(([k, c]) => `${c} ${SIGNAL_LABELS[k]}`);
    signals = ` ${flagged.length} auffällige${flagged.length === 1 ? "r Wert" : " Werte"}: ${counts.join(", ")}.`;
  }
  const verdict =
    assurance !== null && target !== undefined
      ? ` Ziel ${fmt(target)}: ${ASSURANCE_LABELS[assurance]}.`
      : "";
  return head + signals + verdict;
}
