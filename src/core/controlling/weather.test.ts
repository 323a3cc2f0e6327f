import { describe, expect, it } from "vitest";
import { combineRatings, rateTarget, type TargetDefinition, type YearValue } from "./weather.ts";

const series = (from: number, values: number[]): YearValue[] =>
  values.map((value, i) => ({ year: from + i, value }));

// 2015–2020 falling by 2 a year: mean change −2, latest 140.
const falling = series(2015, [150, 148, 146, 144, 142, 140]);
const rising = series(2015, [130, 132, 134, 136, 138, 140]);

describe("rateTarget: a value by a year", () => {
  const by2030 = (value: number): TargetDefinition => ({
    kind: "value_by_year",
    direction: "down",
    value,
    targetYear: 2030,
  });

  it.each([
    // h = 140 − 2·10 = 120; g = (Z − 120) / (Z − 140)
    [120, 0, "sonne"], // exactly reached
    [119, 1 / 21, "sonne"], // 4,8 %
    [118, 2 / 22, "leicht_bewoelkt"], // 9,1 %
    [115, 5 / 25, "leicht_bewoelkt"], // exactly 20 %
    [114, 6 / 26, "wolke"], // 23,1 %
    [100, 0.5, "wolke"],
  ] as const)("target %d: g = %f → %s", (target, g, symbol) => {
    const r = rateTarget(falling, by2030(target));
    expect(r.symbol).toBe(symbol);
    expect(r.numbers.projectedValue).toBeCloseTo(120, 10);
    expect(r.numbers.remainingGapShare).toBeCloseTo(g, 10);
    expect(r.numbers.meanAnnualChange).toBeCloseTo(-2, 10);
    expect(r.numbers.pointsUsed).toBe(6);
  });

  it("moving away from the target is Blitz", () => {
    expect(rateTarget(rising, by2030(100)).symbol).toBe("blitz");
  });

  it("no movement at all is Blitz", () => {
    expect(rateTarget(series(2015, [5, 5, 5, 5, 5, 5]), by2030(4)).symbol).toBe("blitz");
  });

  it("uses only the last six values (five changes)", () => {
    const r = rateTarget(series(2012, [500, 400, 300, 150, 148, 146, 144, 142, 140]), by2030(100));
    expect(r.numbers.firstYear).toBe(2015);
    expect(r.numbers.meanAnnualChange).toBeCloseTo(-2, 10);
  });

  it("rates with four values, not with three", () => {
    const four = rateTarget(series(2017, [146, 144, 142, 140]), by2030(120));
    expect(four.symbol).toBe("sonne");
    expect(four.numbers.pointsUsed).toBe(4);
    const three = rateTarget(series(2018, [144, 142, 140]), by2030(120));
    expect(three.symbol).toBeNull();
    expect(three.reason).toMatch(/nur 3 Werte/);
  });

  it("rates as of an assessment year, ignoring later values", () => {
    // As of 2018: 2015–2018 = 150, 148, 146, 144 (four values), mean −2, h = 144 − 24 = 120.
    const r = rateTarget(falling, by2030(120), 2018);
    expect(r.numbers.latestYear).toBe(2018);
    expect(r.numbers.projectedValue).toBeCloseTo(120, 10);
    expect(r.symbol).toBe("sonne");
    expect(rateTarget(falling, by2030(120), 2021).symbol).toBeNull();
  });

  it("a gap in the years is a change per year", () => {
    // 2010, 2012, ..., 2020: mean change (140 − 150) / 10 = −1.
    const r = rateTarget(
      [2010, 2012, 2014, 2016, 2018, 2020].map((year, i) => ({ year, value: 150 - 2 * i })),
      by2030(130),
    );
    expect(r.numbers.meanAnnualChange).toBeCloseTo(-1, 10);
    expect(r.symbol).toBe("sonne");
  });

  it("a target already reached is rated as a limit", () => {
    const r = rateTarget(falling, by2030(145));
    expect(r.symbol).toBe("sonne");
    expect(r.reason).toMatch(/schon erreicht/);
  });

  it("a target year that has come is rated as a limit", () => {
    const r = rateTarget(falling, {
      kind: "value_by_year",
      direction: "down",
      value: 130,
      targetYear: 2020,
    });
    expect(r.symbol).toBe("wolke"); // not reached, but moving right
  });

  it("works for targets to rise", () => {
    // h = 140 + 2·10 = 160; target 170: g = 10/30 → Wolke; target 162: g = 2/22 → Leicht bewölkt.
    const up = (value: number): TargetDefinition => ({
      kind: "value_by_year",
      direction: "up",
      value,
      targetYear: 2030,
    });
    expect(rateTarget(rising, up(170)).symbol).toBe("wolke");
    expect(rateTarget(rising, up(162)).symbol).toBe("leicht_bewoelkt");
    expect(rateTarget(rising, up(160)).symbol).toBe("sonne");
    expect(rateTarget(falling, up(170)).symbol).toBe("blitz");
  });
});

describe("rateTarget: a limit to keep every year", () => {
  const atMost = (value: number): TargetDefinition => ({ kind: "limit", direction: "down", value });
  it.each([
    [falling, 145, "sonne"], // kept, improving
    [rising, 145, "leicht_bewoelkt"], // kept, worsening
    [falling, 135, "wolke"], // not kept, moving right
    [rising, 135, "blitz"], // not kept, moving wrong
  ] as const)("%#: limit %d → %s", (s, limit, symbol) => {
    expect(rateTarget(s, atMost(limit)).symbol).toBe(symbol);
  });
  it("the limit itself counts as kept", () => {
    expect(rateTarget(falling, atMost(140)).symbol).toBe("sonne");
  });
});

describe("rateTarget: a direction only", () => {
  const down: TargetDefinition = { kind: "direction", direction: "down" };
  it.each([
    [[150, 148, 146, 144, 142, 140], "sonne"], // mean −2, last −2
    [[150, 148, 146, 144, 142, 143], "leicht_bewoelkt"], // mean −1,4, last +1
    [[140, 142, 144, 146, 148, 147], "wolke"], // mean +1,4, last −1
    [[140, 142, 144, 146, 148, 150], "blitz"], // mean +2, last +2
    [[140, 140, 140, 140, 140, 140], "blitz"], // no movement
  ] as const)("%j → %s", (values, symbol) => {
    expect(rateTarget(series(2015, [...values]), down).symbol).toBe(symbol);
  });
});

describe("rateTarget: a corridor", () => {
  it("uses the weakest requirement", () => {
    // Falling to 110..120 by 2030: weakest is 120, reached by the trend (h = 120) → Sonne.
    const r = rateTarget(falling, {
      kind: "corridor",
      direction: "down",
      low: 110,
      high: 120,
      targetYear: 2030,
    });
    expect(r.symbol).toBe("sonne");
    expect(r.numbers.targetValue).toBe(120);
    expect(r.reason).toMatch(/schwächste Anforderung/);
  });
});

describe("combineRatings", () => {
  it("takes the worst", () => {
    const sun = rateTarget(falling, { kind: "direction", direction: "down" });
    const cloud = rateTarget(falling, {
      kind: "value_by_year",
      direction: "down",
      value: 100,
      targetYear: 2030,
    });
    const none = rateTarget(series(2019, [1, 2]), { kind: "direction", direction: "down" });
    expect(combineRatings([sun, cloud, none]).symbol).toBe("wolke");
    expect(combineRatings([none]).symbol).toBeNull();
  });
});
