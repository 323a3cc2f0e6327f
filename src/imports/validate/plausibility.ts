/**
 * Plausibility of a figure against its own time series: a count that jumps far away from both
 * of its neighbouring periods is most often a typing error (a lost or doubled digit). Such a
 * figure is reported as a warning; it is still imported, because real breaks happen (a new
 * housing estate, a boundary change) and only a person can tell.
 */
import { formatNumber } from "../../core/format/number.ts";
import { nextPeriod, parsePeriod, previousPeriod } from "../../core/periods/period.ts";
import { issue, type ImportIssue } from "../../core/data/import-issue.ts";
import type { ObservationRecord } from "../mapping/mapping.ts";

export interface JumpRule {
  /** A figure is implausible when it is more than `factor` times above or below both neighbours. */
  readonly factor: number;
  /** With only one neighbour known, the stricter factor used instead. */
  readonly singleNeighbourFactor: number;
  /** Neighbours below this are too small to judge (small counts vary a lot). */
  readonly minimum: number;
}

export const DEFAULT_JUMP_RULE: JumpRule = Object.freeze({
  factor: 3,
  singleNeighbourFactor: 5,
  minimum: 10,
});

export interface JumpContext {
  /** Only variables that count (aggregation `sum`) are checked; rates may move freely. */
  readonly isCount: (variableCode: string) => boolean;
  /** The stored figure of a cell, if any. */
  readonly stored: (
    variableCode: string,
    areaCode: string,
    periodCode: string,
  ) => number | null | undefined;
  readonly areaName: (code: string) => string;
  readonly variableName: (code: string) => string;
}

/**
 * The cell a finding holds for review ("zu prüfen"): an import stores the flag with the
 * figure, so the value and everything computed from it carry the mark until a planner decides.
 */
export function reviewTarget(variableCode: string, areaCode: string, periodCode: string) {
  return { review: { variableCode, areaCode, periodCode } };
}

/** Reads the cell a finding holds for review, if it holds one. */
export function reviewTargetOf(
  i: ImportIssue,
): { variableCode: string; areaCode: string; periodCode: string } | null {
  const r = i.details?.["review"] as
    { variableCode?: unknown; areaCode?: unknown; periodCode?: unknown } | undefined;
  if (
    !r ||
    typeof r.variableCode !== "string" ||
    typeof r.areaCode !== "string" ||
    typeof r.periodCode !== "string"
  )
    return null;
  return { variableCode: r.variableCode, areaCode: r.areaCode, periodCode: r.periodCode };
}

/** A figure as in the imported file, with the ASCII hyphen (like `validate-observations.ts`). */
const fmt = (n: number): string => formatNumber(n, { max: 2 }, { minus: "-" });

/**
 * Checks every written figure of a counting variable against the previous and the next period
 * of the same kind (from the file, else from the stored data). Returns one warning
 * `implausible_jump` per figure that is more than `rule.factor` times above or below both
 * neighbours (or `singleNeighbourFactor` times when only one is known). Linear in the records.
 */
export function checkTimeSeriesJumps(
  records: readonly ObservationRecord[],
  ctx: JumpContext,
  rule: JumpRule = DEFAULT_JUMP_RULE,
): ImportIssue[] {
  const inFile = new Map<string, number>();
  const key = (v: string, a: string, p: string) => `${v}\u0000${a}\u0000${p}`;
  for (const r of records) {
    if (!r.check && r.value !== null)
      inFile.set(key(r.variableCode, r.areaCode, r.periodCode), r.value);
  }
  const neighbourCodes = new Map<string, [string | null, string | null]>();
  const neighbours = (periodCode: string): [string | null, string | null] => {
    let hit = neighbourCodes.get(periodCode);
    if (!hit) {
      const p = parsePeriod(periodCode);
      hit = p.ok
        ? [previousPeriod(p.value)?.code ?? null, nextPeriod(p.value)?.code ?? null]
        : [null, null];
      neighbourCodes.set(periodCode, hit);
    }
    return hit;
  };
  type Finding = { record: ObservationRecord; known: { period: string; value: number }[] };
  const isJump = (value: number, known: readonly { value: number }[]): boolean => {
    const factor = known.length === 2 ? rule.factor : rule.singleNeighbourFactor;
    const lo = Math.min(...known.map((k) => k.value));
    const hi = Math.max(...known.map((k) => k.value));
    return value * factor < lo || value > hi * factor;
  };
  // Pass 1: figures with both neighbours known (a spike). Pass 2: the ends of a series, with
  // one neighbour, unless that neighbour is itself a spike (then it, not this one, is wrong).
  const spikes = new Set<string>();
  const findings: Finding[] = [];
  const edges: Finding[] = [];
  for (const r of records) {
    if (r.check || r.value === null || !ctx.isCount(r.variableCode)) continue;
    const known: { period: string; value: number }[] = [];
    for (const code of neighbours(r.periodCode)) {
      if (code === null) continue;
      const v =
        inFile.get(key(r.variableCode, r.areaCode, code)) ??
        ctx.stored(r.variableCode, r.areaCode, code);
      if (v !== undefined && v !== null) known.push({ period: code, value: v });
    }
    if (known.length === 0 || known.some((k) => k.value < rule.minimum)) continue;
    if (known.length === 1) {
      edges.push({ record: r, known });
    } else if (isJump(r.value, known)) {
      spikes.add(key(r.variableCode, r.areaCode, r.periodCode));
      findings.push({ record: r, known });
    }
  }
  for (const e of edges) {
    const n = e.known[0]!;
    if (spikes.has(key(e.record.variableCode, e.record.areaCode, n.period))) continue;
    if (isJump(e.record.value!, e.known)) findings.push(e);
  }
  const issues: ImportIssue[] = [];
  for (const { record: r, known } of findings) {
    const around = known.map((k) => `${k.period}: ${fmt(k.value)}`).join(", ");
    issues.push(
      issue(
        "warning",
        "implausible_jump",
        `${ctx.areaName(r.areaCode)} ${r.periodCode}, „${ctx.variableName(r.variableCode)}“: ${fmt(r.value!)} weicht stark von den Nachbarzeiträumen ab (${around}) – bitte prüfen (Tippfehler?).`,
        {
          row: r.line,
          column: r.column,
          details: {
            value: r.value,
            neighbours: known,
            ...reviewTarget(r.variableCode, r.areaCode, r.periodCode),
          },
        },
      ),
    );
  }
  return issues;
}

export interface OutlierRule {
  /** Funnel limit in standard deviations (after the overdispersion is taken out). */
  readonly limit: number;
  /** And the change must differ from the expected one by more than this share. */
  readonly minRelative: number;
  /** Groups with fewer comparable areas are not judged. */
  readonly minAreas: number;
  /** Previous figures below this are too small to judge. */
  readonly minimum: number;
}

export const DEFAULT_OUTLIER_RULE: OutlierRule = Object.freeze({
  limit: 3.09,
  minRelative: 0.2,
  minAreas: 8,
  minimum: 10,
});

export interface OutlierContext extends JumpContext {
  /** The level (depth) of an area; areas are compared with those of their level. */
  readonly level: (areaCode: string) => number | undefined;
}

/**
 * An area whose change against the previous period stands far apart from the change of the
 * other areas of its level, with the count taken into account (a funnel plot: a change of 30 %
 * is ordinary for 20 persons and extraordinary for 5,000). For each counting variable, period
 * and level: the pooled ratio R = Σx / Σx_prev, the expected figure E = R · x_prev, the Poisson
 * z-score (x − E) / √E, and the overdispersion φ = median(z²) / 0.455 (the median of χ²₁; a robust
 * form of Spiegelhalter's 2005 multiplicative overdispersion). Each area's expectation leaves
 * it out of the pooled ratio. A figure is an outlier when |z| / √max(φ, 1) exceeds
 * `rule.limit` and it differs from E by more than `rule.minRelative`. Figures already flagged as
 * jumps, and those whose previous figure is a jump, are left to that check.
 * Method: docs/methods/value-marks.md, "Plausibility checks".
 */
export function checkAreaOutliers(
  records: readonly ObservationRecord[],
  ctx: OutlierContext,
  jumps: readonly ImportIssue[],
  rule: OutlierRule = DEFAULT_OUTLIER_RULE,
): ImportIssue[] {
  const key = (v: string, a: string, p: string) => `${v}\u0000${a}\u0000${p}`;
  const flagged = new Set<string>();
  for (const j of jumps) {
    const t = reviewTargetOf(j);
    if (t) flagged.add(key(t.variableCode, t.areaCode, t.periodCode));
  }
  const inFile = new Map<string, number>();
  for (const r of records) {
    if (!r.check && r.value !== null)
      inFile.set(key(r.variableCode, r.areaCode, r.periodCode), r.value);
  }
  const previous = new Map<string, string | null>();
  const previousOf = (code: string): string | null => {
    let hit = previous.get(code);
    if (hit === undefined) {
      const p = parsePeriod(code);
      hit = p.ok ? (previousPeriod(p.value)?.code ?? null) : null;
      previous.set(code, hit);
    }
    return hit;
  };
  type Candidate = { record: ObservationRecord; x: number; prev: number; prevPeriod: string };
  const groups = new Map<string, Candidate[]>();
  for (const r of records) {
    if (r.check || r.value === null || !ctx.isCount(r.variableCode)) continue;
    if (flagged.has(key(r.variableCode, r.areaCode, r.periodCode))) continue;
    const prevPeriod = previousOf(r.periodCode);
    const level = ctx.level(r.areaCode);
    if (prevPeriod === null || level === undefined) continue;
    if (flagged.has(key(r.variableCode, r.areaCode, prevPeriod))) continue;
    const prev =
      inFile.get(key(r.variableCode, r.areaCode, prevPeriod)) ??
      ctx.stored(r.variableCode, r.areaCode, prevPeriod);
    if (prev === undefined || prev === null || prev < rule.minimum || r.value < 0) continue;
    const g = `${r.variableCode}\u0000${r.periodCode}\u0000${level}`;
    let list = groups.get(g);
    if (!list) groups.set(g, (list = []));
    list.push({ record: r, x: r.value, prev, prevPeriod });
  }
  const issues: ImportIssue[] = [];
  for (const list of groups.values()) {
    if (list.length < rule.minAreas) continue;
    let sx = 0;
    let sp = 0;
    for (const c of list) {
      sx += c.x;
      sp += c.prev;
    }
    if (sp <= 0) continue;
    // Each area against the others (leave one out), so an outlier does not move its own
    // expectation; the spread beyond chance from the median z² (robust).
    const expected = list.map((c) => {
      const rest = sp - c.prev;
      return rest > 0 ? ((sx - c.x) / rest) * c.prev : 0;
    });
    const z = list.map((c, k) =>
      expected[k]! > 0 ? (c.x - expected[k]!) / Math.sqrt(expected[k]!) : 0,
    );
    const phi = Math.max(1, medianSquare(z) / MEDIAN_CHI2_1);
    for (const [k, c] of list.entries()) {
      const e = expected[k]!;
      if (e <= 0) continue;
      if (Math.abs(z[k]!) / Math.sqrt(phi) <= rule.limit) continue;
      if (Math.abs(c.x / e - 1) <= rule.minRelative) continue;
      const r = c.record;
      const pct = (n: number) =>
        `${n >= 0 ? "+" : ""}${formatNumber(n * 100, { max: 1 }, { minus: "-" })} %`;
      issues.push(
        issue(
          "warning",
          "outlier",
          `${ctx.areaName(r.areaCode)} ${r.periodCode}, „${ctx.variableName(r.variableCode)}“: ${fmt(c.x)} (${c.prevPeriod}: ${fmt(c.prev)}, ${pct(c.x / c.prev - 1)}) weicht stark von der Entwicklung der übrigen Gebiete ab (die übrigen zusammen ${pct(e / c.prev - 1)}, erwartet etwa ${fmt(Math.round(e))}) – bei dieser Größe kaum zufällig, bitte prüfen.`,
          {
            row: r.line,
            column: r.column,
            details: {
              value: c.x,
              previous: { period: c.prevPeriod, value: c.prev },
              expected: e,
              z: z[k],
              overdispersion: phi,
              ...reviewTarget(r.variableCode, r.areaCode, r.periodCode),
            },
          },
        ),
      );
    }
  }
  return issues;
}

/** The median of a χ² variable with one degree of freedom: z² of chance alone. */
const MEDIAN_CHI2_1 = 0.454936;

function medianSquare(z: readonly number[]): number {
  const sq = z.map((v) => v * v).sort((a, b) => a - b);
  const m = sq.length >> 1;
  return sq.length % 2 ? sq[m]! : (sq[m - 1]! + sq[m]!) / 2;
}
