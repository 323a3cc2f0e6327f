/**
 * Plausibility of a figure against its own time series: a count that jumps far away from both
 * of its neighbouring periods is most often a typing error (a lost or doubled digit). Such a
 * figure is reported as a warning; it is still imported, because real breaks happen (a new
 * housing estate, a boundary change) and only a person can tell.
 */
import { nextPeriod, parsePeriod, previousPeriod } from "../../core/periods/period.ts";
import { issue, type ImportIssue } from "../issue.ts";
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

const fmt = (n: number): string => n.toLocaleString("de-DE", { maximumFractionDigits: 2 });

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
        { row: r.line, column: r.column, details: { value: r.value, neighbours: known } },
      ),
    );
  }
  return issues;
}
