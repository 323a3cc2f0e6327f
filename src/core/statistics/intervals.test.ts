import { describe, expect, it } from "vitest";
import {
  chiSquareQuantile,
  countInterval,
  exactPoissonInterval,
  gammaQuantile,
  normalUpperTail,
  poissonInterval,
  rateInterval,
  regularizedGammaP,
  regularizedGammaQ,
  wilsonInterval,
  Z_95,
  Z_99,
  Z_998,
} from "./intervals.ts";

describe("z values", () => {
  it("are the two-sided normal quantiles of 95 %, 99 % and 99.8 %", () => {
    expect(2 * normalUpperTail(Z_95)).toBeCloseTo(0.05, 14);
    expect(2 * normalUpperTail(Z_99)).toBeCloseTo(0.01, 12);
    expect(2 * normalUpperTail(Z_998)).toBeCloseTo(0.002, 14);
    expect(normalUpperTail(0)).toBeCloseTo(0.5, 15);
    expect(normalUpperTail(-Z_95)).toBeCloseTo(0.975, 14);
  });
});

describe("wilsonInterval", () => {
  it("matches the published example of Newcombe (1998)", () => {
    // Newcombe 1998, table I: 81 of 263, 95 % Wilson interval 0.2553 to 0.3662.
    const r = wilsonInterval(81, 263, 1.959964);
    expect(r.low).toBeCloseTo(0.2553, 4);
    expect(r.high).toBeCloseTo(0.3662, 4);
  });

  it("reproduces PHEindicatormethods' example of 65 of 100", () => {
    // phe_proportion's documented example (65 of 100). Reference numbers computed independently
    // from the closed form L,U = (2x + z² ∓ z·√(z² + 4x(1 − x/n))) / (2(n + z²)) (PHE Technical
    // Guide, "Confidence intervals for proportions") with z = qnorm(0.975), qnorm(0.999).
    const r95 = wilsonInterval(65, 100, Z_95);
    expect(r95.low).toBeCloseTo(0.5525444329688797, 12);
    expect(r95.high).toBeCloseTo(0.7363575175690247, 12);
    const r998 = wilsonInterval(65, 100, Z_998);
    expect(r998.low).toBeCloseTo(0.49549465740704474, 12);
    expect(r998.high).toBeCloseTo(0.7783540614089685, 12);
  });

  it("stays within 0 and 1 for 0 and n", () => {
    expect(wilsonInterval(0, 10).low).toBe(0);
    expect(wilsonInterval(10, 10).high).toBe(1);
  });

  it("refuses an impossible share", () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 0)).toThrow(RangeError);
  });
});

// Exact Poisson limits (Garwood 1936): low = χ²(α/2; 2x)/2, high = χ²(1 − α/2; 2x + 2)/2.
// Reference numbers computed independently with scipy.stats.chi2.ppf (SciPy 1.17), which is what
// PHEindicatormethods' exact method (qchisq in R) computes; they agree with the published tables
// (e.g. Sahai & Khurshid 1993; 95 %: 0 → 3.689, 1 → 0.0253 to 5.572, 9 → 4.115 to 17.085).
const EXACT_95: readonly [number, number, number][] = [
  [0, 0, 3.688879],
  [1, 0.025318, 5.571643],
  [2, 0.242209, 7.224688],
  [3, 0.618672, 8.767273],
  [4, 1.089865, 10.241589],
  [5, 1.623486, 11.668332],
  [6, 2.201894, 13.059474],
  [7, 2.814363, 14.422675],
  [8, 3.453832, 15.763189],
  [9, 4.115373, 17.084803],
  [10, 4.795389, 18.390356],
];
const EXACT_998: readonly [number, number, number][] = [
  [0, 0, 6.907755],
  [1, 0.001001, 9.233413],
  [2, 0.045402, 11.228872],
  [3, 0.190533, 13.062241],
  [4, 0.428552, 14.794149],
  [5, 0.739372, 16.454745],
  [6, 1.107105, 18.061637],
  [7, 1.520336, 19.626177],
  [8, 1.970814, 21.156198],
  [9, 2.452424, 22.657373],
];

describe("exactPoissonInterval", () => {
  it.each(EXACT_95)("95 %%: %d events → %f to %f", (x, low, high) => {
    const r = exactPoissonInterval(x, Z_95);
    expect(r.low).toBeCloseTo(low, 6);
    expect(r.high).toBeCloseTo(high, 6);
  });

  it.each(EXACT_998)("99.8 %%: %d events → %f to %f", (x, low, high) => {
    const r = exactPoissonInterval(x, Z_998);
    expect(r.low).toBeCloseTo(low, 6);
    expect(r.high).toBeCloseTo(high, 6);
  });

  it("the upper limit of 0 events is −ln(α/2)", () => {
    expect(exactPoissonInterval(0, Z_95).high).toBeCloseTo(-Math.log(0.025), 12);
  });

  it("each limit leaves exactly α/2 in its tail (Poisson sums)", () => {
    // P(X ≥ x | low) = 0.025 and P(X ≤ x | high) = 0.025, with the Poisson probabilities summed.
    const cdf = (x: number, mean: number) => {
      let term = Math.exp(-mean);
      let sum = term;
      for (let k = 1; k <= x; k++) sum += term *= mean / k;
      return sum;
    };
    for (let x = 1; x < 30; x++) {
      const r = exactPoissonInterval(x, Z_95);
      expect(1 - cdf(x - 1, r.low)).toBeCloseTo(0.025, 12);
      expect(cdf(x, r.high)).toBeCloseTo(0.025, 12);
    }
  });
});

describe("poissonInterval (Byar)", () => {
  // Byar's approximation (Breslow & Day 1987, as in the PHE Technical Guide):
  // L = x(1 − 1/(9x) − z/(3√x))³, U = (x+1)(1 − 1/(9(x+1)) + z/(3√(x+1)))³.
  // Reference numbers evaluated independently in Python from that formula.
  it.each([
    [10, Z_95, 4.78745, 18.391459],
    [14, Z_95, 7.647531, 23.490998],
    [25, Z_95, 16.174266, 36.906451],
    [100, Z_95, 81.362105, 121.627938],
    [1000, Z_95, 938.972499, 1063.952581],
    [10, Z_998, 2.916318, 24.193725],
    [100, Z_998, 71.903692, 134.943622],
  ] as const)("%d events at z = %f → %f to %f", (x, z, low, high) => {
    const r = poissonInterval(x, z);
    expect(r.low).toBeCloseTo(low, 5);
    expect(r.high).toBeCloseTo(high, 5);
  });

  it("is close to the exact interval from 10 events on", () => {
    const byar = poissonInterval(10, Z_95);
    expect(byar.low).toBeCloseTo(4.795, 1);
    expect(byar.high).toBeCloseTo(18.39, 1);
    expect(poissonInterval(0, Z_95).low).toBe(0);
  });
});

describe("countInterval and rateInterval", () => {
  it("is exact below 10 events and Byar from 10", () => {
    expect(countInterval(9)).toEqual({ ...exactPoissonInterval(9, Z_95), method: "exact" });
    expect(countInterval(10)).toEqual({ ...poissonInterval(10, Z_95), method: "byar" });
  });

  it("scales the count's interval to a rate per k", () => {
    // 14 cases among 2,000 inhabitants: 7 per 1,000, 95 % interval from Byar's limits.
    const r = rateInterval(14, 2000, 1000);
    expect(r.rate).toBeCloseTo(7, 12);
    expect(r.low).toBeCloseTo(7.647531 / 2, 5);
    expect(r.high).toBeCloseTo(23.490998 / 2, 5);
    expect(r.method).toBe("byar");
    expect(rateInterval(3, 500, 100, Z_998).high).toBeCloseTo((13.062241 / 500) * 100, 6);
  });

  it("refuses a population of 0 and a non-integer count", () => {
    expect(() => rateInterval(1, 0, 1000)).toThrow(RangeError);
    expect(() => countInterval(2.5)).toThrow(RangeError);
  });
});

describe("incomplete gamma and its quantile", () => {
  it("P and Q add to 1 and match closed forms", () => {
    // P(1, x) = 1 − e^−x; P(1/2, x) = erf(√x).
    expect(regularizedGammaP(1, 2)).toBeCloseTo(1 - Math.exp(-2), 15);
    expect(regularizedGammaQ(1, 30)).toBeCloseTo(Math.exp(-30), 25);
    for (const [a, x] of [
      [0.5, 0.1],
      [3, 2],
      [3, 10],
      [50, 45],
    ] as const) {
      expect(regularizedGammaP(a, x) + regularizedGammaQ(a, x)).toBeCloseTo(1, 14);
    }
  });

  it("inverts P", () => {
    for (const a of [0.5, 1, 4.5, 20]) {
      for (const p of [0.001, 0.025, 0.5, 0.975, 0.999]) {
        expect(regularizedGammaP(a, gammaQuantile(p, a))).toBeCloseTo(p, 12);
      }
    }
  });

  it("gives the textbook chi-square quantiles", () => {
    // χ²(0.95; 1) = 3.841459, χ²(0.975; 10) = 20.483177, χ²(0.025; 2) = 0.050636 (any table).
    expect(chiSquareQuantile(0.95, 1)).toBeCloseTo(3.841459, 6);
    expect(chiSquareQuantile(0.975, 10)).toBeCloseTo(20.483177, 6);
    expect(chiSquareQuantile(0.025, 2)).toBeCloseTo(0.050636, 6);
  });
});
