import { describe, expect, it } from "vitest";
import { computeXmrChart, xmrLimits, type SpcInput, type SpcOptions } from "./spc.ts";

const monthly = (values: readonly number[]): SpcInput[] =>
  values.map((value, i) => ({
    period: `${2022 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`,
    value,
  }));

/** The indexes of the values a rule flagged. */
const flagged = (chart: ReturnType<typeof computeXmrChart>, rule?: string): number[] =>
  chart.points.flatMap((p, i) =>
    (rule === undefined ? p.rules.length > 0 : p.rules.includes(rule as never)) ? [i] : [],
  );

// A baseline of 12 months alternating 9 and 11: mean 10, every moving range 2, AMR 2, limits
// 10 ± 5.32 = 4.68 … 15.32, near-limit lines 10 ± 3.5467 = 6.4533 … 13.5467. With
// `baselinePoints: 12` the months after it are judged against these fixed limits.
const BASELINE = [9, 11, 9, 11, 9, 11, 9, 11, 9, 11, 9, 11];
const fixed = (after: readonly number[], options: Partial<SpcOptions> = {}) =>
  computeXmrChart(monthly([...BASELINE, ...after]), {
    polarity: "up",
    baselinePoints: 12,
    ...options,
  });

describe("XmR limits", () => {
  it("match a hand computation", () => {
    // 10 12 11 13 12 11 10 12 11 13 12 11: sum 138, mean 11.5; moving ranges
    // 2 1 2 1 1 1 2 1 2 1 1 = 15, AMR 15/11; limits 11.5 ± 2.66·15/11 = 11.5 ± 3.62727.
    const chart = computeXmrChart(monthly([10, 12, 11, 13, 12, 11, 10, 12, 11, 13, 12, 11]), {
      polarity: "up",
    });
    const l = chart.limits!;
    expect(l.mean).toBeCloseTo(11.5, 12);
    expect(l.averageMovingRange).toBeCloseTo(15 / 11, 12);
    expect(l.upper).toBeCloseTo(11.5 + (2.66 * 15) / 11, 12);
    expect(l.lower).toBeCloseTo(11.5 - (2.66 * 15) / 11, 12);
    expect(l.nearUpper).toBeCloseTo(11.5 + (2 / 3) * ((2.66 * 15) / 11), 12);
    expect(l.baselinePoints).toBe(12);
    expect(chart.points[0]!.movingRange).toBeNull();
    expect(chart.points[3]!.movingRange).toBe(2);
    expect(flagged(chart)).toEqual([]);
    expect(chart.reason).toBe(
      "Regelkarte aus 12 Werten: Mittelwert 11,5, Grenzen 7,873 bis 15,127. Keine auffälligen Werte: nur zufällige Schwankung.",
    );
  });

  it("are fixed from the baseline", () => {
    const l = xmrLimits([...BASELINE, 30, 40], 12);
    expect(l.mean).toBe(10);
    expect(l.averageMovingRange).toBe(2);
    expect(l.upper).toBeCloseTo(15.32, 12);
    expect(l.nearLower).toBeCloseTo(10 - (2 / 3) * 5.32, 12);
  });

  it("need 12 values, with a German reason", () => {
    const chart = computeXmrChart(monthly(BASELINE.slice(0, 11)), { polarity: "up" });
    expect(chart.limits).toBeNull();
    expect(chart.assurance).toBeNull();
    expect(chart.points.every((p) => p.signal === null)).toBe(true);
    expect(chart.reason).toBe(
      "Keine Grenzen: nur 11 Werte, nötig sind mindestens 12. Bis dahin ist jede Abweichung als zufällig zu lesen.",
    );
    const short = computeXmrChart(monthly([...BASELINE, 10]), {
      polarity: "up",
      baselinePoints: 8,
    });
    expect(short.limits).toBeNull();
    expect(short.reason).toMatch(/^Keine Grenzen: die feste Basis umfasst nur 8 Werte/);
  });

  it("a gap or an impossible option is a reason, not an error", () => {
    const gap = computeXmrChart(monthly([...BASELINE.slice(0, 5), Number.NaN, ...BASELINE]), {
      polarity: "up",
    });
    expect(gap.limits).toBeNull();
    expect(gap.reason).toBe(
      "Keine Regelkarte: für 2022-06 fehlt ein Wert; eine Regelkarte braucht eine lückenlose Reihe.",
    );
    expect(fixed([], { shiftLength: 1.5 }).reason).toMatch(
      /^Keine Regelkarte: die Länge einer Folge/,
    );
  });
});

describe("signal rules", () => {
  it("a value beyond a limit, typed by polarity", () => {
    const up = fixed([10, 16, 10, 4]);
    expect(flagged(up, "outside_limits")).toEqual([13, 15]);
    expect(up.points[13]!.signal).toBe("improvement");
    expect(up.points[15]!.signal).toBe("concern");
    expect(up.points[13]!.reasons).toEqual(["über der oberen Grenze (15,32)"]);
    const down = fixed([10, 16, 10, 4], { polarity: "down" });
    expect(down.points[13]!.signal).toBe("concern");
    expect(down.points[15]!.signal).toBe("improvement");
    expect(fixed([10, 16], { polarity: "neutral" }).points[13]!.signal).toBe("neutral");
  });

  it("a shift: NHS case c(−1, rep(1, 8), −1) flags the eight", () => {
    // NHSRplotthedots, tests for ptd_seven_point_one_side_mean / ptd_part_of_seven_trend: a
    // run of 8 above the mean between two below flags all 8 (run length 7).
    const chart = fixed([9, 11, 11, 11, 11, 11, 11, 11, 11, 9]);
    expect(flagged(chart, "shift")).toEqual([13, 14, 15, 16, 17, 18, 19, 20]);
    expect(chart.points[13]!.signal).toBe("improvement");
    expect(chart.points[13]!.reasons).toEqual(["Teil von 8 Werten in Folge über dem Mittelwert"]);
  });

  it("a shift of six counts only with shiftLength 6", () => {
    const six = [11, 8, 8, 8, 8, 8, 8, 11];
    expect(flagged(fixed(six), "shift")).toEqual([]);
    const withSix = fixed(six, { shiftLength: 6 });
    expect(flagged(withSix, "shift")).toEqual([13, 14, 15, 16, 17, 18]);
    expect(withSix.points[13]!.signal).toBe("concern");
    // A 9 before the eights is below the mean too: seven in a row.
    expect(flagged(fixed([9, ...six.slice(1)]), "shift")).toEqual([12, 13, 14, 15, 16, 17, 18]);
  });

  it("a trend: NHS case c(2, 1:7, 3) flags the seven rising values", () => {
    // NHSRplotthedots, tests for ptd_seven_point_trend: 2, 1, 2, …, 7, 3 has one trend of 7.
    // Scaled to 10 + (v − 4)/2 so that it stays within the near-limit lines.
    const chart = fixed([9, 8.5, 9, 9.5, 10, 10.5, 11, 11.5, 9.5], { trendLength: 7 });
    expect(flagged(chart, "trend")).toEqual([13, 14, 15, 16, 17, 18, 19]);
    // Typed by the side of the mean, as NHSRplotthedots does: below the mean a concern even
    // while rising; on the mean (10) the trend's direction.
    expect(chart.points.slice(13, 20).map((p) => p.signal)).toEqual([
      "concern",
      "concern",
      "concern",
      "improvement",
      "improvement",
      "improvement",
      "improvement",
    ]);
    expect(chart.points[13]!.reasons).toEqual(["Teil von 7 Werten in Folge steigend"]);
  });

  it("a trend needs strict steps: NHS case c(1:3, 3:6) is none", () => {
    expect(flagged(fixed([8.5, 9, 9.5, 9.5, 10, 10.5, 11]), "trend")).toEqual([]);
  });

  it("a trend of six by default, not of five", () => {
    expect(flagged(fixed([11, 10.8, 10.6, 10.4, 10.2, 10.1]), "trend")).toEqual([
      12, 13, 14, 15, 16, 17,
    ]);
    expect(flagged(fixed([9, 10.8, 10.6, 10.4, 10.2, 10.1]), "trend")).toEqual([]);
    expect(flagged(fixed([11, 10.8, 10.6, 10.4, 10.2, 10.1]), "trend")).not.toContain(11);
  });

  it("two of three beyond a near-limit line on one side: NHS case c(0, 0, 1, 0, 1, 0, 0)", () => {
    // NHSRplotthedots, tests for ptd_two_in_three / ptd_part_of_two_in_three: close values at
    // positions 3 and 5 are flagged, the one between them not.
    const chart = fixed([9, 11, 14, 11, 14, 9, 11]);
    expect(flagged(chart, "two_of_three")).toEqual([14, 16]);
    expect(chart.points[14]!.reasons).toEqual([
      "2 von 3 Werten jenseits der oberen Warnlinie (13,547)",
    ]);
    // c(1, 0, 0, 1): two close values four apart are no signal.
    expect(flagged(fixed([9, 14, 11, 11, 14, 9]), "two_of_three")).toEqual([]);
    // All three must lie on the same side of the mean.
    expect(flagged(fixed([9, 14, 9, 14, 9]), "two_of_three")).toEqual([]);
    // Below: 6 is beyond the lower line (6.4533), 9 below the mean.
    const low = fixed([9, 6, 6, 9]);
    expect(flagged(low, "two_of_three")).toEqual([13, 14]);
    expect(low.points[13]!.signal).toBe("concern");
  });

  it("lists every rule a value is part of, in priority order", () => {
    const chart = fixed([11, 12, 13, 14, 15, 16, 17, 11]);
    const p = chart.points[18]!;
    expect(p.rules).toEqual(["outside_limits", "trend", "two_of_three", "shift"]);
    expect(chart.reason).toMatch(/^Regelkarte aus 20 Werten \(Grenzen aus den ersten 12 Werten\)/);
  });
});

describe("assurance", () => {
  it.each([
    ["up", 16, "never"],
    ["up", 4, "always"],
    ["up", 12, "hit_and_miss"],
    ["down", 16, "always"],
    ["down", 4, "never"],
    ["down", 12, "hit_and_miss"],
    ["neutral", 16, null],
  ] as const)("polarity %s, target %d → %s", (polarity, target, assurance) => {
    expect(fixed([], { polarity, target }).assurance).toBe(assurance);
  });

  it("says the verdict in the summary", () => {
    expect(fixed([], { target: 16 }).reason).toMatch(/Ziel 16: Ziel wird verlässlich verfehlt\.$/);
    expect(fixed([]).assurance).toBeNull();
  });
});
