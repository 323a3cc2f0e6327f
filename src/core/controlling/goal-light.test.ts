import { describe, expect, it } from "vitest";
import { rateGoalIndicator, worstLight, type LightPoint } from "./goal-light.ts";
import { wilsonInterval, Z_95 } from "../statistics/intervals.ts";

const target = { kind: "value_by_year", direction: "down", value: 10, targetYear: 2030 } as const;

function shares(counts: readonly number[], base: number, first = 2015): LightPoint[] {
  return counts.map((x, i) => {
    const w = wilsonInterval(x, base, Z_95);
    return {
      year: first + i,
      value: (100 * x) / base,
      low: 100 * w.low,
      high: 100 * w.high,
      count: x,
    };
  });
}

describe("the light of a goal indicator", () => {
  it("is certain where the counts are large", () => {
    const l = rateGoalIndicator(shares([2000, 1900, 1800, 1700, 1600, 1500], 10000), target, 2020);
    expect(l).toMatchObject({
      year: 2020,
      symbol: "sonne",
      low: "sonne",
      high: "sonne",
      uncertain: false,
    });
  });

  it("is uncertain for the same shares on a small area, and says so", () => {
    const l = rateGoalIndicator(shares([20, 19, 18, 17, 16, 15], 100), target, 2020);
    expect(l.symbol).toBe("sonne");
    expect(l.uncertain).toBe(true);
    expect(l.reason).toMatch(/^unsicher: je nach Zufallsschwankung Sonne bis/);
  });

  it("rates only the values up to the assessment year, and marks a doubtful latest value", () => {
    const points = shares([2000, 1900, 1800, 1700, 1600, 1500], 10000).map((p) =>
      p.year === 2019 ? { ...p, note: "vorläufig" } : p,
    );
    const l = rateGoalIndicator(points, target, 2019);
    expect(l.year).toBe(2019);
    expect(l.reason).toMatch(/Der Wert 2019 ist vorläufig\.$/);
  });

  it("gives no light below four values, with the reason", () => {
    const l = rateGoalIndicator(shares([20, 19, 18], 100), target, 2017);
    expect(l.symbol).toBeNull();
    expect(l.reason).toMatch(/mindestens 4/);
  });

  it("several targets: the worst light counts, uncertain if any is", () => {
    const sun = {
      year: 2020,
      symbol: "sonne",
      low: "sonne",
      high: "sonne",
      uncertain: false,
      reason: "a",
    } as const;
    const cloud = {
      year: 2020,
      symbol: "wolke",
      low: "blitz",
      high: "leicht_bewoelkt",
      uncertain: true,
      reason: "b",
    } as const;
    expect(worstLight([sun, cloud])).toEqual({ ...cloud, low: "blitz", high: "leicht_bewoelkt" });
  });
});
