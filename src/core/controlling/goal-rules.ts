/**
 * The rules a goal indicator, a measure's schedule and a performance value must keep before
 * they are stored (the strategic cycle, docs/methods/controlling.md). Pure: each check returns
 * the problems with the field they concern and a German message, and the service refuses the
 * whole change when there is one.
 */
import type { Polarity } from "../indicators/indicator.ts";
import type { TargetDefinition, TargetDirection } from "./weather.ts";

export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

export type TargetKind = TargetDefinition["kind"];

/** A goal indicator's baseline and target as entered. */
export interface GoalTargetInput {
  readonly baselineYear: number;
  readonly baselineValue: number;
  readonly targetKind: TargetKind;
  /** Needed for `limit` and `direction` when the indicator has no polarity. */
  readonly direction?: TargetDirection | null | undefined;
  readonly targetValue?: number | null | undefined;
  readonly targetLow?: number | null | undefined;
  readonly targetHigh?: number | null | undefined;
  readonly targetYear?: number | null | undefined;
}

const polarityDirection = (p: Polarity): TargetDirection | null =>
  p === "higher_is_better" ? "up" : p === "lower_is_better" ? "down" : null;

const num = new Intl.NumberFormat("de-DE", { maximumFractionDigits: 6 });

const DIRECTION_WORD: Record<TargetDirection, string> = { up: "steigen", down: "sinken" };

/**
 * Checks a target against its baseline and the indicator's polarity and returns the target as
 * the rule reads it, or every problem found. A value target's direction follows from baseline
 * and target; it must agree with the polarity (a target that makes an indicator worse is
 * refused). A limit or a direction takes the polarity's direction unless one is named.
 */
export function checkGoalTarget(
  input: GoalTargetInput,
  polarity: Polarity,
  indicatorName: string,
): { target: TargetDefinition | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const wanted = polarityDirection(polarity);
  const need = (path: string, label: string, v: number | null | undefined): v is number => {
    if (v === null || v === undefined || !Number.isFinite(v)) {
      problems.push({ path, message: `${label}: Angabe fehlt für diese Art von Ziel.` });
      return false;
    }
    return true;
  };
  const yearOk = (): boolean => {
    if (!need("targetYear", "Zieljahr", input.targetYear)) return false;
    if (input.targetYear <= input.baselineYear) {
      problems.push({
        path: "targetYear",
        message: `Zieljahr: ${input.targetYear} liegt nicht nach dem Ausgangsjahr ${input.baselineYear}.`,
      });
      return false;
    }
    return true;
  };
  const againstPolarity = (path: string, label: string, dir: TargetDirection): void => {
    if (wanted !== null && dir !== wanted) {
      problems.push({
        path,
        message: `${label}: das Ziel ließe „${indicatorName}“ ${DIRECTION_WORD[dir]}, der Indikator soll aber ${DIRECTION_WORD[wanted]} (Polarität).`,
      });
    }
  };
  const namedOrPolarity = (): TargetDirection | null => {
    const dir = input.direction ?? wanted;
    if (dir === null) {
      problems.push({
        path: "direction",
        message:
          "Richtung: Angabe fehlt – der Indikator hat keine Polarität, das Ziel muss sagen, ob er steigen oder sinken soll.",
      });
      return null;
    }
    if (input.direction) againstPolarity("direction", "Richtung", input.direction);
    return dir;
  };

  let target: TargetDefinition | null = null;
  switch (input.targetKind) {
    case "value_by_year": {
      const hasValue = need("targetValue", "Zielwert", input.targetValue);
      const hasYear = yearOk();
      if (!hasValue) break;
      const value = input.targetValue;
      if (value === input.baselineValue) {
        problems.push({
          path: "targetValue",
          message: `Zielwert: ${num.format(value)} ist der Ausgangswert; ein Zielwert muss eine Veränderung verlangen (sonst „Grenzwert jedes Jahr“).`,
        });
        break;
      }
      const dir: TargetDirection = value > input.baselineValue ? "up" : "down";
      if (input.direction && input.direction !== dir) {
        problems.push({
          path: "direction",
          message: `Richtung: der Zielwert ${num.format(value)} liegt ${dir === "up" ? "über" : "unter"} dem Ausgangswert ${num.format(input.baselineValue)}, die Richtung sagt „${DIRECTION_WORD[input.direction]}“.`,
        });
      }
      againstPolarity("targetValue", "Zielwert", dir);
      if (hasYear)
        target = { kind: "value_by_year", direction: dir, value, targetYear: input.targetYear! };
      break;
    }
    case "corridor": {
      const hasLow = need("targetLow", "Zielkorridor von", input.targetLow);
      const hasHigh = need("targetHigh", "Zielkorridor bis", input.targetHigh);
      const hasYear = yearOk();
      if (!hasLow || !hasHigh) break;
      const low = input.targetLow;
      const high = input.targetHigh;
      if (low >= high) {
        problems.push({
          path: "targetHigh",
          message: `Zielkorridor bis: ${num.format(high)} liegt nicht über ${num.format(low)}.`,
        });
        break;
      }
      if (input.baselineValue >= low && input.baselineValue <= high) {
        problems.push({
          path: "targetLow",
          message: `Zielkorridor: der Ausgangswert ${num.format(input.baselineValue)} liegt schon im Korridor; das ist ein Grenzwert, kein Korridor zu einem Zieljahr.`,
        });
        break;
      }
      const dir: TargetDirection = low > input.baselineValue ? "up" : "down";
      againstPolarity("targetLow", "Zielkorridor", dir);
      if (hasYear)
        target = { kind: "corridor", direction: dir, low, high, targetYear: input.targetYear! };
      break;
    }
    case "limit": {
      const hasValue = need("targetValue", "Grenzwert", input.targetValue);
      const dir = namedOrPolarity();
      if (hasValue && dir) target = { kind: "limit", direction: dir, value: input.targetValue };
      break;
    }
    case "direction": {
      const dir = namedOrPolarity();
      if (dir) target = { kind: "direction", direction: dir };
      break;
    }
  }
  return { target: problems.length > 0 ? null : target, problems };
}

/** How often a performance measure is reported. */
export type Frequency = "year" | "quarter" | "month";

const PERIOD_PATTERN: Record<Frequency, RegExp> = {
  year: /^(\d{4})$/,
  quarter: /^(\d{4})-Q([1-4])$/,
  month: /^(\d{4})-(0[1-9]|1[0-2])$/,
};

const PERIOD_EXAMPLE: Record<Frequency, string> = {
  year: "2025",
  quarter: "2025-Q2",
  month: "2025-03",
};

/** The first and the last day of a period (`2025`, `2025-Q2`, `2025-03`), or null if unreadable. */
export function periodDays(
  period: string,
  frequency: Frequency,
): { first: string; last: string } | null {
  const m = PERIOD_PATTERN[frequency].exec(period);
  if (!m) return null;
  const year = Number(m[1]);
  const [fromMonth, toMonth] =
    frequency === "year"
      ? [1, 12]
      : frequency === "quarter"
        ? [3 * Number(m[2]) - 2, 3 * Number(m[2])]
        : [Number(m[2]), Number(m[2])];
  const lastDay = new Date(Date.UTC(year, toMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, "0");
  return { first: `${year}-${pad(fromMonth)}-01`, last: `${year}-${pad(toMonth)}-${pad(lastDay)}` };
}

/**
 * Checks a performance value's period: readable for the measure's frequency and overlapping
 * its schedule (start to end; no end: open). `index` names the row in messages.
 */
export function checkPerformancePeriod(
  period: string,
  frequency: Frequency,
  schedule: { readonly startDate: string; readonly endDate: string | null },
  path: string,
): FieldProblem | null {
  const days = periodDays(period, frequency);
  if (!days) {
    return {
      path,
      message: `Zeitraum: „${period}“ ist kein Zeitraum dieser Kennzahl (Beispiel: ${PERIOD_EXAMPLE[frequency]}).`,
    };
  }
  if (
    days.last < schedule.startDate ||
    (schedule.endDate !== null && days.first > schedule.endDate)
  ) {
    const span =
      schedule.endDate === null
        ? `ab ${germanDate(schedule.startDate)}`
        : `${germanDate(schedule.startDate)} bis ${germanDate(schedule.endDate)}`;
    return {
      path,
      message: `Zeitraum: ${period} liegt außerhalb der Laufzeit der Maßnahme (${span}).`,
    };
  }
  return null;
}

/** `2025-03-01` → `01.03.2025`. */
export function germanDate(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${d}.${m}.${y}`;
}

/** A milestone of a measure. */
export interface Milestone {
  readonly title: string;
  readonly due: string;
  readonly done: boolean;
}

/** Milestones must fall within the schedule; a measure's end not before its start. */
export function checkSchedule(
  startDate: string,
  endDate: string | null,
  milestones: readonly Milestone[],
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (endDate !== null && endDate < startDate) {
    problems.push({
      path: "endDate",
      message: `Ende: ${germanDate(endDate)} liegt vor dem Beginn ${germanDate(startDate)}.`,
    });
  }
  milestones.forEach((m, i) => {
    if (m.due < startDate || (endDate !== null && m.due > endDate)) {
      problems.push({
        path: `milestones.${i}.due`,
        message: `Meilenstein ${i + 1} („${m.title}“), fällig: ${germanDate(m.due)} liegt außerhalb der Laufzeit.`,
      });
    }
  });
  return problems;
}
