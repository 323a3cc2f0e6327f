/**
 * Editions of a social index: every run belongs to a period on a level, and the latest run of
 * an index for a period on a level is that period's **current run** (its edition, whatever
 * version of the definition it used). Class changes compare the current run of a period with
 * the **previous edition**: the current run of the latest earlier period of the same kind on
 * the same level — for a yearly index the year before (2021 → 2020), for half-years, quarters
 * and months the period directly before, for reference dates the latest earlier date; when
 * that period has no run, the latest earlier one that has (a biennial index: 2021 → 2019).
 * So computing a period once more makes a new current run of that period and keeps the
 * comparison, and computing an earlier period does not move the comparison of a later one.
 * Rules: docs/methods/social-index.md, section 8.
 */
import { comparePeriods, parsePeriod, type Period } from "../periods/period.ts";
import { formatDay, formatPeriod } from "../reports/format.ts";

/** What the rules need of a run: ids rise with the order in which runs were made. */
export interface EditionRun {
  readonly id: number;
  readonly level: string;
  readonly period: string;
}

const editionKey = (r: EditionRun) => `${r.level}\u0000${r.period}`;

/**
 * The current run of each edition (level × period): the latest run, i.e. the one with the
 * highest id. Keyed by level and period; use `currentRunOf` to look one up.
 */
export function currentRuns<R extends EditionRun>(runs: readonly R[]): Map<string, R> {
  const current = new Map<string, R>();
  for (const r of runs) {
    const key = editionKey(r);
    const seen = current.get(key);
    if (seen === undefined || r.id > seen.id) current.set(key, r);
  }
  return current;
}

/** The current run of the period and level of `run` (possibly `run` itself). */
export function currentRunOf<R extends EditionRun>(runs: readonly R[], run: EditionRun): R | null {
  return currentRuns(runs).get(editionKey(run)) ?? null;
}

/** Whether `run` is the current run of its period on its level. */
export function isCurrentRun(runs: readonly EditionRun[], run: EditionRun): boolean {
  return currentRunOf(runs, run)?.id === run.id;
}

function periodOf(code: string): Period | null {
  const p = parsePeriod(code);
  return p.ok ? p.value : null;
}

/**
 * The previous edition of `run`: the current run of the latest period before the run's
 * period, of the same kind and on the same level. Null when the index has no run of an
 * earlier period there.
 */
export function previousEdition<R extends EditionRun>(
  runs: readonly R[],
  run: EditionRun,
): R | null {
  const period = periodOf(run.period);
  if (period === null) return null;
  let best: { run: R; period: Period } | null = null;
  for (const r of currentRuns(runs).values()) {
    if (r.level !== run.level) continue;
    const p = periodOf(r.period);
    if (p === null || p.kind !== period.kind || comparePeriods(p, period) >= 0) continue;
    if (best === null || comparePeriods(p, best.period) > 0) best = { run: r, period: p };
  }
  return best?.run ?? null;
}

/**
 * The latest edition of an index: the current run of its latest period (ending no later than
 * `upTo`, when given), on `level` when given. With runs of that period on several levels, the
 * latest of them. Null when there is none.
 */
export function latestEdition<R extends EditionRun>(
  runs: readonly R[],
  options: { readonly level?: string | undefined; readonly upTo?: Period | undefined } = {},
): R | null {
  let best: { run: R; period: Period } | null = null;
  for (const r of currentRuns(runs).values()) {
    if (options.level !== undefined && r.level !== options.level) continue;
    const p = periodOf(r.period);
    if (p === null || (options.upTo !== undefined && p.end > options.upTo.end)) continue;
    const order = best === null ? 1 : comparePeriods(p, best.period);
    if (order > 0 || (order === 0 && r.id > best!.run.id)) best = { run: r, period: p };
  }
  return best?.run ?? null;
}

/** A run as a comparison names it. */
export interface EditionRef {
  readonly id: number;
  readonly period: string;
  readonly version: number;
  /** The day the run was made, ISO `YYYY-MM-DD` (in the city's time zone). */
  readonly day: string;
}

export interface EditionsText {
  /** "2021 gegenüber 2020" */
  readonly periods: string;
  /** "Lauf 5 vom 07.12.2026 und Lauf 2 vom 01.12.2026", the versions added when they differ. */
  readonly runs: string;
  /** Whether both runs used the same version of the definition. */
  readonly sameVersion: boolean;
  /** A sentence for runs of different versions; null for the same version. */
  readonly caution: string | null;
}

/**
 * The two editions a comparison compares, in German words: the current one first. Runs of
 * different versions of the definition are compared too, with the versions named and a
 * caution that a class change may come from the changed method.
 */
export function describeEditions(previous: EditionRef, current: EditionRef): EditionsText {
  const sameVersion = previous.version === current.version;
  const run = (r: EditionRef) =>
    `Lauf ${r.id}${sameVersion ? "" : ` (Version ${r.version})`} vom ${formatDay(r.day)}`;
  return {
    periods: `${formatPeriod(current.period)} gegenüber ${formatPeriod(previous.period)}`,
    runs: `${run(current)} und ${run(previous)}`,
    sameVersion,
    caution: sameVersion
      ? null
      : `Die beiden Läufe beruhen auf verschiedenen Versionen der Indexdefinition (${current.version} und ${previous.version}); ein Klassenwechsel kann auch von der geänderten Methode kommen.`,
  };
}
