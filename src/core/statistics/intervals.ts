/**
 * Confidence intervals for small numbers: shares (Wilson score interval), counts (exact Poisson
 * interval below 10 events, Byar's approximation from 10) and rates per k derived from them, as
 * the Public Health England Technical Guide recommends them. Formulas, sources and limits:
 * docs/methods/small-number-intervals.md.
 *
 * The exact Poisson interval needs quantiles of the gamma (chi-square) distribution; they are
 * computed here by bisection on the regularized incomplete gamma function, so no statistics
 * library is needed and every digit is reproducible.
 */

/** An interval in the unit of the value it belongs to. */
export interface Interval {
  readonly low: number;
  readonly high: number;
}

/** Standard normal quantiles for two-sided intervals: 95 %, 99 % and 99.8 % (PHE's two levels). */
export const Z_95 = 1.959963984540054;
export const Z_99 = 2.5758293035489;
export const Z_998 = 3.090232306167813;

/** Below this many events the exact Poisson interval is used, from it Byar's approximation. */
export const EXACT_POISSON_BELOW = 10;

/**
 * Wilson's score interval for a share `x` of `n` (Wilson 1927): unlike the textbook
 * p ± z·√(p(1−p)/n) it stays within [0, 1] and is right for small n and shares near 0 or 1.
 */
export function wilsonInterval(x: number, n: number, z = Z_99): Interval {
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
 * for small counts. `countInterval` uses it from 10 events on and the exact interval below.
 */
export function poissonInterval(x: number, z = Z_99): Interval {
  if (!(x >= 0) || !Number.isInteger(x)) throw new RangeError(`poissonInterval: ${x}`);
  const low = x === 0 ? 0 : x * (1 - 1 / (9 * x) - z / (3 * Math.sqrt(x))) ** 3;
  const y = x + 1;
  const high = y * (1 - 1 / (9 * y) + z / (3 * Math.sqrt(y))) ** 3;
  return { low, high };
}

const exactCache = new Map<string, Interval>();

/**
 * The exact (Garwood 1936) interval for the mean of a Poisson count `x`, two-sided at the level
 * of the normal quantile `z`: `low = χ²(α/2; 2x)/2`, `high = χ²(1 − α/2; 2x + 2)/2` with
 * α/2 = 1 − Φ(z); `low` is 0 for x = 0. Results are cached (a count below 10 has few values).
 */
export function exactPoissonInterval(x: number, z = Z_95): Interval {
  if (!(x >= 0) || !Number.isInteger(x)) throw new RangeError(`exactPoissonInterval: ${x}`);
  if (!(z > 0)) throw new RangeError(`exactPoissonInterval: z = ${z}`);
  const key = `${x}|${z}`;
  const cached = exactCache.get(key);
  if (cached) return cached;
  const tail = normalUpperTail(z);
  const interval = {
    low: x === 0 ? 0 : gammaQuantile(tail, x),
    high: gammaQuantile(1 - tail, x + 1),
  };
  if (x < EXACT_POISSON_BELOW) exactCache.set(key, interval);
  return interval;
}

/** An interval for a count with the method that produced it. */
export interface CountInterval extends Interval {
  readonly method: "exact" | "byar";
}

/**
 * The interval for the mean of a Poisson count as PHE computes it: exact below 10 events,
 * Byar's approximation from 10 on.
 */
export function countInterval(x: number, z = Z_95): CountInterval {
  return x < EXACT_POISSON_BELOW
    ? { ...exactPoissonInterval(x, z), method: "exact" }
    : { ...poissonInterval(x, z), method: "byar" };
}

/** A rate per `perK` with its interval. */
export interface RateWithInterval extends CountInterval {
  /** `count / population · perK`. */
  readonly rate: number;
}

/**
 * The rate `count / population · perK` (e.g. per 1,000 inhabitants) and its interval: the
 * count's Poisson interval (`countInterval`) divided by the population, the population taken
 * as fixed.
 */
export function rateInterval(
  count: number,
  population: number,
  perK: number,
  z = Z_95,
): RateWithInterval {
  if (!(population > 0)) throw new RangeError(`rateInterval: population ${population}`);
  const c = countInterval(count, z);
  const f = perK / population;
  return { rate: count * f, low: c.low * f, high: c.high * f, method: c.method };
}

/** P(Z > z) for a standard normal Z, z ≥ 0, to double precision: Q(1/2, z²/2) / 2. */
export function normalUpperTail(z: number): number {
  if (z < 0) return 1 - normalUpperTail(-z);
  return regularizedGammaQ(0.5, (z * z) / 2) / 2;
}

/**
 * ln Γ(a) for a > 0 (Lanczos approximation, g = 7, nine coefficients; relative error below
 * 1e-15 in the range used here).
 */
export function logGamma(a: number): number {
  if (a < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * a)) - logGamma(1 - a);
  const x = a - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

const EPS = 1e-16;
const MAX_TERMS = 1000;

/**
 * The regularized lower incomplete gamma function P(a, x) = γ(a, x)/Γ(a) for a > 0, x ≥ 0:
 * the power series where x < a + 1, else 1 − Q from the continued fraction.
 */
export function regularizedGammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  if (x < a + 1) return gammaSeries(a, x);
  return 1 - gammaContinuedFraction(a, x);
}

/** The upper complement Q(a, x) = 1 − P(a, x), accurate also where it is tiny. */
export function regularizedGammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  if (x < a + 1) return 1 - gammaSeries(a, x);
  return gammaContinuedFraction(a, x);
}

function gammaSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_TERMS; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

/** Q(a, x) by the modified Lentz evaluation of Legendre's continued fraction. */
function gammaContinuedFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_TERMS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/**
 * The `p`-quantile of the gamma distribution with shape `a` and scale 1: the x with
 * P(a, x) = p, by bisection (P is increasing in x), to a relative width of 1e-14.
 * χ²(p; k) = 2 · gammaQuantile(p, k/2).
 */
export function gammaQuantile(p: number, a: number): number {
  if (!(p > 0 && p < 1) || !(a > 0)) throw new RangeError(`gammaQuantile: p ${p}, a ${a}`);
  let low = 0;
  let high = Math.max(1, a);
  while (regularizedGammaP(a, high) < p) {
    low = high;
    high *= 2;
  }
  for (let i = 0; i < 200 && high - low > 1e-14 * high; i++) {
    const mid = (low + high) / 2;
    if (regularizedGammaP(a, mid) < p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/** The `p`-quantile of the chi-square distribution with `df` degrees of freedom. */
export function chiSquareQuantile(p: number, df: number): number {
  return 2 * gammaQuantile(p, df / 2);
}
