import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countInterval, wilsonInterval, Z_95 } from "../statistics/intervals.ts";
import {
  rateTargetWithUncertainty,
  ratePoint,
  sharePoint,
  type UncertainYearValue,
} from "./uncertain-rating.ts";
import { rateTarget, type TargetDefinition, type WeatherSymbol } from "./weather.ts";

const SEVERITY: Record<WeatherSymbol, number> = {
  sonne: 0,
  leicht_bewoelkt: 1,
  wolke: 2,
  blitz: 3,
};
const severity = (s: WeatherSymbol | null): number => (s === null ? -1 : SEVERITY[s]);

describe("points from counts", () => {
  it("a share carries its Wilson interval, scaled", () => {
    const p = sharePoint(2020, 14, 80, 100);
    const w = wilsonInterval(14, 80, Z_95);
    expect(p.value).toBeCloseTo(17.5, 12);
    expect(p.interval!.low).toBeCloseTo(w.low * 100, 12);
    expect(p.interval!.high).toBeCloseTo(w.high * 100, 12);
    expect(p.cases).toBe(14);
  });

  it("a rate carries its Poisson interval per k", () => {
    const p = ratePoint(2020, 7, 3500, 1000);
    const c = countInterval(7, Z_95);
    expect(p.value).toBeCloseTo(2, 12);
    expect(p.interval!.low).toBeCloseTo(c.low / 3.5, 12);
    expect(p.interval!.high).toBeCloseTo(c.high / 3.5, 12);
  });

  it("no denominator is a missing value the rating skips", () => {
    expect(sharePoint(2020, 1, 0).value).toBeNaN();
    expect(ratePoint(2020, 1, 0, 1000).value).toBeNaN();
    expect(ratePoint(2020, 1.5, 10, 1000).value).toBeNaN();
  });
});

const byYear = (value: number, targetYear = 2025): TargetDefinition => ({
  kind: "value_by_year",
  direction: "down",
  value,
  targetYear,
});

describe("rateTargetWithUncertainty", () => {
  // A rate falling from 24 to 14 cases a year in 2,000 inhabitants (12 to 7 per 1,000).
  const small = [24, 22, 21, 19, 17, 14].map((c, i) => ratePoint(2015 + i, c, 2000, 1000));
  // The same rate in a hundred times the population: the same values, narrow intervals.
  const large = [24, 22, 21, 19, 17, 14].map((c, i) => ratePoint(2015 + i, c * 100, 200000, 1000));

  it("rates a small area's Sonne as uncertain and a large area's as certain", () => {
    const s = rateTargetWithUncertainty(small, byYear(3));
    expect(s.symbol).toBe("sonne");
    expect(s.lowSymbol).toBe("blitz");
    expect(s.highSymbol).toBe("sonne");
    expect(s.uncertain).toBe(true);
    expect(s.directionUnclear).toBe(true);
    expect(s.reasonText).toMatch(
      /^unsicher: je nach Zufallsschwankung Sonne bis Blitz, weil die Werte auf 14 bis 24 Fällen beruhen; bei den mittleren Werten Sonne\./,
    );
    // The central numbers are rateTarget's: h = 7 − 1·5 = 2, g = (3 − 2)/(3 − 7) = −25 %.
    expect(s.numbers.projectedValue).toBeCloseTo(2, 12);
    expect(s.numbers.meanAnnualChangeInterval!.low).toBeLessThan(-1);
    expect(s.numbers.meanAnnualChangeInterval!.high).toBeGreaterThan(0);

    const l = rateTargetWithUncertainty(large, byYear(3));
    expect(l.symbol).toBe("sonne");
    expect([l.lowSymbol, l.highSymbol, l.uncertain]).toEqual(["sonne", "sonne", false]);
    expect(l.reasonText).toMatch(/^sicher: Sonne auch am ungünstigen und am günstigen Ende/);
    expect(l.reason).toBe(rateTarget(large, byYear(3)).reason);
  });

  it("names the cases of a single counted value", () => {
    // Earlier values without counts (exact), only the latest rests on 14 cases.
    const series: UncertainYearValue[] = [
      ...[12, 11, 10.5, 9.5, 8.5].map((value, i) => ({ year: 2015 + i, value })),
      ratePoint(2020, 14, 2000, 1000),
    ];
    const r = rateTargetWithUncertainty(series, byYear(4));
    expect(r.symbol).toBe("sonne");
    expect(r.uncertain).toBe(true);
    expect(r.reasonText).toMatch(/weil der Wert auf 14 Fällen beruht/);
    expect(r.numbers.latestValueInterval!.low).toBeCloseTo(countInterval(14).low / 2, 12);
  });

  it("matches the hand-computed range of the projection", () => {
    // Symmetric intervals ±H on the first and latest of six values, 2015–2020, target 2030:
    // k = 10/5 = 2, h = 3·y_T − 2·y_F, half-width √(9H² + 4H²) = H·√13 (the research's
    // Var(h) = Var(y_T)(1 + (J−T)/5)² + (J−T)²·Var(y_{T−5})/25).
    const H = 1;
    const values = [150, 148, 146, 144, 142, 140];
    const series = values.map((value, i) => ({
      year: 2015 + i,
      value,
      interval: { low: value - H, high: value + H },
    }));
    const r = rateTargetWithUncertainty(series, byYear(118, 2030));
    expect(r.numbers.projectedValue).toBeCloseTo(120, 12);
    expect(r.numbers.projectedValueInterval!.low).toBeCloseTo(120 - Math.sqrt(13), 10);
    expect(r.numbers.projectedValueInterval!.high).toBeCloseTo(120 + Math.sqrt(13), 10);
    // Mean change −2 ± √2/5.
    expect(r.numbers.meanAnnualChangeInterval!.low).toBeCloseTo(-2 - Math.sqrt(2) / 5, 12);
    expect(r.numbers.meanAnnualChangeInterval!.high).toBeCloseTo(-2 + Math.sqrt(2) / 5, 12);
    // Central g = 2/22 (Leicht bewölkt); the ends move g across 5 % and 20 %.
    expect(r.symbol).toBe("leicht_bewoelkt");
    expect(r.lowSymbol).toBe("wolke");
    expect(r.highSymbol).toBe("sonne");
    expect(r.numbers.remainingGapShareInterval!.low).toBeLessThan(0.05);
    expect(r.numbers.remainingGapShareInterval!.high).toBeGreaterThan(0.2);
    expect(r.reasonText).toContain("Fortgeschrieben 120 in 2030 (Spanne 116,394 bis 123,606)");
  });

  it("never calls a Blitz certain when the direction is unclear", () => {
    // Flat, slightly wrong, with wide intervals on a direction target: central Blitz.
    const series = [30, 31, 30, 31, 31, 31].map((c, i) => sharePoint(2015 + i, c, 100, 100));
    const r = rateTargetWithUncertainty(series, { kind: "direction", direction: "down" });
    expect(r.symbol).toBe("blitz");
    expect(r.directionUnclear).toBe(true);
    expect(r.uncertain).toBe(true);
    expect(severity(r.highSymbol)).toBeLessThan(severity("blitz"));
  });

  it("without a rating stays without one", () => {
    const r = rateTargetWithUncertainty(small.slice(0, 3), byYear(3));
    expect(r.symbol).toBeNull();
    expect([r.lowSymbol, r.highSymbol, r.uncertain]).toEqual([null, null, false]);
    expect(r.reasonText).toMatch(/nur 3 Werte/);
  });

  it("moves only values of the rated window, up to the assessment year", () => {
    const later: UncertainYearValue = { year: 2021, value: 1000, interval: { low: 0, high: 2000 } };
    const a = rateTargetWithUncertainty([...small, later], byYear(3), 2020);
    const b = rateTargetWithUncertainty(small, byYear(3));
    expect(a).toEqual(b);
  });
});

// --- Property tests -------------------------------------------------------------------------

const targetArb: fc.Arbitrary<TargetDefinition> = fc.oneof(
  fc.record({
    kind: fc.constant("value_by_year" as const),
    direction: fc.constantFrom("up" as const, "down" as const),
    value: fc.integer({ min: 0, max: 200 }),
    targetYear: fc.integer({ min: 2018, max: 2040 }),
  }),
  fc.record({
    kind: fc.constant("limit" as const),
    direction: fc.constantFrom("up" as const, "down" as const),
    value: fc.integer({ min: 0, max: 200 }),
  }),
  fc.record({
    kind: fc.constant("direction" as const),
    direction: fc.constantFrom("up" as const, "down" as const),
  }),
  fc.record({
    kind: fc.constant("corridor" as const),
    direction: fc.constantFrom("up" as const, "down" as const),
    low: fc.integer({ min: 0, max: 100 }),
    high: fc.integer({ min: 100, max: 200 }),
    targetYear: fc.integer({ min: 2018, max: 2040 }),
  }),
);

/**
 * 3–9 yearly values from 2012 with two decimals, as published values have them, with intervals
 * (half-widths below and above; some values without). Two decimals keep the values clear of
 * subnormal numbers, where scaling by 0.01 would round a value to 0.
 */
const cents = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((c) => c / 100);
const seriesArb = fc
  .array(
    fc.record({
      value: cents(200),
      down: fc.option(cents(30), { nil: undefined }),
      up: cents(30),
    }),
    { minLength: 3, maxLength: 9 },
  )
  .map((points) =>
    points.map((p, i): UncertainYearValue => ({
      year: 2012 + i,
      value: p.value,
      ...(p.down === undefined
        ? {}
        : { interval: { low: p.value - p.down, high: p.value + p.up } }),
    })),
  );

const scaleTarget = (t: TargetDefinition, f: number): TargetDefinition => {
  switch (t.kind) {
    case "direction":
      return t;
    case "limit":
    case "value_by_year":
      return { ...t, value: t.value * f };
    case "corridor":
      return { ...t, low: t.low * f, high: t.high * f };
  }
};

const widen = (series: readonly UncertainYearValue[], factors: readonly number[]) =>
  series.map((p, i): UncertainYearValue => {
    if (!p.interval) return p;
    const f = factors[i % factors.length]!;
    return {
      ...p,
      interval: {
        low: p.value - f * (p.value - p.interval.low),
        high: p.value + f * (p.interval.high - p.value),
      },
    };
  });

const RUNS = { seed: 20261207, numRuns: 400 } as const;

describe("rateTargetWithUncertainty: properties", () => {
  it("without intervals is rateTarget", () => {
    fc.assert(
      fc.property(seriesArb, targetArb, (series, target) => {
        const bare = series.map(({ year, value }) => ({ year, value }));
        const plain = rateTarget(bare, target);
        const r = rateTargetWithUncertainty(bare, target);
        expect(r.symbol).toBe(plain.symbol);
        expect(r.lowSymbol).toBe(plain.symbol);
        expect(r.highSymbol).toBe(plain.symbol);
        expect(r.uncertain).toBe(false);
        expect(r.reason).toBe(plain.reason);
        expect(r.reasonText).toBe(plain.reason);
        expect(r.numbers).toEqual(plain.numbers);
      }),
      RUNS,
    );
  });

  it("is invariant to the unit (values, intervals and target scaled alike)", () => {
    fc.assert(
      fc.property(
        seriesArb,
        targetArb,
        fc.constantFrom(0.01, 100, 1000, 1 / 1024, 4096),
        (series, target, f) => {
          const scaled = series.map((p): UncertainYearValue => ({
            year: p.year,
            value: p.value * f,
            ...(p.interval
              ? { interval: { low: p.interval.low * f, high: p.interval.high * f } }
              : {}),
          }));
          const a = rateTargetWithUncertainty(series, target);
          const b = rateTargetWithUncertainty(scaled, scaleTarget(target, f));
          expect([b.symbol, b.lowSymbol, b.highSymbol, b.uncertain]).toEqual([
            a.symbol,
            a.lowSymbol,
            a.highSymbol,
            a.uncertain,
          ]);
        },
      ),
      RUNS,
    );
  });

  it("widening all intervals alike never turns an uncertain rating certain nor narrows the range", () => {
    fc.assert(
      fc.property(
        seriesArb,
        targetArb,
        fc.double({ min: 1, max: 5, noNaN: true }),
        (series, target, factor) => {
          const a = rateTargetWithUncertainty(series, target);
          const b = rateTargetWithUncertainty(widen(series, [factor]), target);
          if (a.uncertain) expect(b.uncertain).toBe(true);
          expect(severity(b.lowSymbol)).toBeGreaterThanOrEqual(severity(a.lowSymbol));
          expect(severity(b.highSymbol)).toBeLessThanOrEqual(severity(a.highSymbol));
        },
      ),
      RUNS,
    );
  });

  it("widening some intervals more than others never turns an uncertain rating certain", () => {
    // The range itself may shift here (see the method page): a wider interval of one value
    // moves the others less at the end of a statistic that uses both.
    fc.assert(
      fc.property(
        seriesArb,
        targetArb,
        fc.array(fc.double({ min: 1, max: 5, noNaN: true }), { minLength: 1, maxLength: 9 }),
        (series, target, factors) => {
          const a = rateTargetWithUncertainty(series, target);
          const b = rateTargetWithUncertainty(widen(series, factors), target);
          if (a.uncertain) expect(b.uncertain).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it("the central symbol lies within the range; an unclear direction makes no certain Blitz", () => {
    fc.assert(
      fc.property(seriesArb, targetArb, (series, target) => {
        const r = rateTargetWithUncertainty(series, target);
        expect(severity(r.lowSymbol)).toBeGreaterThanOrEqual(severity(r.symbol));
        expect(severity(r.highSymbol)).toBeLessThanOrEqual(severity(r.symbol));
        if (r.directionUnclear && r.symbol === "blitz") expect(r.uncertain).toBe(true);
      }),
      RUNS,
    );
  });
});
