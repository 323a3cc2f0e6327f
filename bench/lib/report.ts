/**
 * Timing and printing for the benchmarks. Each bench prints its figures as it goes and ends
 * with one `RESULT` line per measured engine, the last line of its output:
 * `RESULT <name> <metric>=<value> <unit> reference=<value> ratio=<value>`.
 */
import { loadavg } from "node:os";

/** Runs `fn` once and returns its result with the wall-clock milliseconds it took. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await fn();
  return { result, ms: performance.now() - started };
}

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of nothing");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The nearest-rank percentile `p` (0–100) of a non-empty list: the smallest sample with at
 * least p % of all samples at or below it.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error("percentile of nothing");
  const sorted = Float64Array.from(values).sort();
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** A number with a fixed number of decimals and no grouping, as RESULT lines need it. */
export function fixed(value: number, decimals: number): string {
  return value.toFixed(decimals);
}

/** Milliseconds for people: "1,234.5 ms". */
export function ms(value: number): string {
  return `${value.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} ms`;
}

/** A count for people: "997,280". */
export function count(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

/**
 * The machine's 1-minute load average, printed beside the figures: other processes on the
 * same cores make every number here slower, and the reader should see when they were busy.
 */
export function machineLoad(): string {
  return `load average ${loadavg()[0]!.toFixed(2)}`;
}

/** Prints a labelled figure, aligned. */
export function line(label: string, value: string): void {
  console.log(`  ${label.padEnd(44)} ${value}`);
}

export interface ResultLine {
  readonly name: string;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  readonly reference: number;
  /** Decimals of value and reference. */
  readonly decimals: number;
}

/** Formats the RESULT line; `ratio` is value / reference. */
export function formatResult(r: ResultLine): string {
  return (
    `RESULT ${r.name} ${r.metric}=${fixed(r.value, r.decimals)} ${r.unit}` +
    ` reference=${fixed(r.reference, r.decimals)} ratio=${fixed(r.value / r.reference, 3)}`
  );
}

/** Fails the bench with a clear message when a check does not hold. */
export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`Benchmark check failed: ${message}`);
}
