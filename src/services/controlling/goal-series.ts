/**
 * The yearly series behind each goal indicator, as the reader may see it: a catalogue
 * indicator in its area (computed from the cube, after disclosure control for everyone but the
 * planning staff, with the marks of doubtful values), or a measure's performance values. Each
 * point carries its 95 % interval where the counts behind it give one: a share (count of a
 * base) Wilson's, a count or rate the Poisson interval of its count
 * (docs/methods/small-number-intervals.md). A withheld value has no point and no interval.
 */
import { indicatorCell } from "../../core/indicators/indicator.ts";
import { markedValue } from "../../core/indicators/value-set.ts";
import type { Audience } from "../../core/publication/publication.ts";
import { FLAG } from "../../core/marks/value-mark.ts";
import { countInterval, wilsonInterval, Z_95 } from "../../core/statistics/intervals.ts";
import { listAreas } from "../../storage/areas.repo.ts";
import { listIndicators, type IndicatorRow } from "../../storage/indicators.repo.ts";
import type { PerformanceMeasureRow, PerformanceValueRow } from "../../storage/controlling.repo.ts";
import type { ServiceContext } from "../context.ts";
import {
  computeForModel,
  isCountIndicator,
  markOptionsFor,
  toDefinition,
} from "../indicators/indicator-values.ts";
import { loadCubeModel } from "../indicators/indicator-model.ts";
import type { Workspace } from "../workspaces.ts";

/** One yearly point with its interval (null where none) and, for a doubtful value, why. */
export interface GoalPoint {
  readonly period: string;
  readonly year: number;
  readonly value: number | null;
  readonly low: number | null;
  readonly high: number | null;
  /** A withheld or missing value's reason, or the marks of a doubtful one, in German. */
  readonly note: string | null;
  /** The count the value rests on, for the reason text of an uncertain light (never shown). */
  readonly count: number | null;
}

const MISSING_NOTE: Record<string, string> = {
  suppressed: "gesperrt (Geheimhaltung)",
  not_reliable: "nicht belastbar",
  under_review: "in Prüfung",
};

function flagNote(flags: number): string | null {
  const words: string[] = [];
  if (flags & FLAG.PROVISIONAL) words.push("vorläufig");
  if (flags & FLAG.REVISED) words.push("berichtigt");
  if (flags & FLAG.ESTIMATED) words.push("geschätzt");
  if (flags & FLAG.LIMITED) words.push("eingeschränkt aussagekräftig");
  if (flags & FLAG.REVIEW) words.push("in Prüfung");
  return words.length > 0 ? words.join(", ") : null;
}

/** The year a period's figure belongs to: years and reference days only. */
function yearOf(p: { kind: string; referenceDate: string }): number | null {
  return p.kind === "year" || p.kind === "reference_date"
    ? Number(p.referenceDate.slice(0, 4))
    : null;
}

/**
 * The series of a catalogue indicator in several areas of one system, keyed by area code.
 * A share (a percentage of a base the count belongs to) gets Wilson's interval, anything
 * else with counts behind it the Poisson interval of its numerator.
 */
export async function catalogueSeries(
  ctx: ServiceContext,
  ws: Workspace,
  row: IndicatorRow,
  systemCode: string,
  areaCodes: readonly string[],
  audience: Audience,
): Promise<Map<string, GoalPoint[]>> {
  const def = toDefinition(row);
  const model = await loadCubeModel(ctx, ws, systemCode, [
    ...def.numerator,
    ...(def.denominator ?? []),
  ]);
  const disclosure = audience !== "planning";
  const result = computeForModel(model, def, { apply: disclosure, minCount: ws.minCount });
  const counts = isCountIndicator(model, def);
  const share = def.denominator !== null && def.factor === 100 && /%|prozent/i.test(def.unit);
  const marks = markOptionsFor(ws, audience, def.decimals);
  const out = new Map<string, GoalPoint[]>();
  for (const code of areaCodes) {
    const a = model.tree.indexByCode.get(code);
    if (a === undefined) continue;
    const byYear = new Map<number, GoalPoint>();
    model.periods.forEach((p, slot) => {
      const year = yearOf(p);
      if (year === null) return;
      const cell = indicatorCell(result, slot, a);
      const flags = cell.flags.value;
      const shown = markedValue(cell.value, flags, marks);
      let point: GoalPoint;
      if (shown.value.kind !== "known") {
        const reason = shown.value.kind === "suppressed" ? "suppressed" : shown.value.reason;
        point = {
          period: p.code,
          year,
          value: null,
          low: null,
          high: null,
          note: MISSING_NOTE[reason] ?? "kein Wert",
          count: null,
        };
      } else {
        const value = shown.value.value;
        let low: number | null = null;
        let high: number | null = null;
        let count: number | null = null;
        const x = cell.numerator.kind === "known" ? cell.numerator.value : null;
        const n = cell.denominator?.kind === "known" ? cell.denominator.value : null;
        if (counts && x !== null && Number.isInteger(x) && x >= 0) {
          count = x;
          if (share && n !== null && n > 0 && x <= n) {
            const i = wilsonInterval(x, n, Z_95);
            [low, high] = [i.low * def.factor, i.high * def.factor];
          } else if (n === null || n > 0) {
            const i = countInterval(x, Z_95);
            const scale = n === null ? def.factor : def.factor / n;
            [low, high] = [i.low * scale, i.high * scale];
          }
        }
        point = { period: p.code, year, value, low, high, note: flagNote(flags), count };
      }
      byYear.set(year, point); // several periods in a year: the latest counts
    });
    out.set(
      code,
      [...byYear.values()].sort((x, y) => x.year - y.year),
    );
  }
  return out;
}

/**
 * A performance measure's yearly series: a yearly value as it is; quarters or months as the
 * year's mean (their own chart shows each period). A value with count and base gets Wilson's
 * interval on the share scale of its value.
 */
export function performanceSeries(
  pm: PerformanceMeasureRow,
  values: readonly PerformanceValueRow[],
): GoalPoint[] {
  const own = values.filter((v) => v.performanceMeasureId === pm.id);
  const byYear = new Map<number, PerformanceValueRow[]>();
  for (const v of own) {
    const y = Number(v.period.slice(0, 4));
    byYear.set(y, [...(byYear.get(y) ?? []), v]);
  }
  return [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, vs]) => {
      if (vs.length === 1 && pm.frequency === "year") {
        const v = vs[0]!;
        let low: number | null = null;
        let high: number | null = null;
        if (
          v.numerator !== null &&
          v.denominator !== null &&
          v.denominator > 0 &&
          v.numerator <= v.denominator &&
          Number.isInteger(v.numerator)
        ) {
          const scale = v.numerator === 0 ? 1 : v.value / (v.numerator / v.denominator);
          const i = wilsonInterval(v.numerator, v.denominator, Z_95);
          [low, high] = [i.low * scale, i.high * scale];
        }
        return {
          period: v.period,
          year,
          value: v.value,
          low,
          high,
          note: v.note,
          count: v.numerator,
        };
      }
      const mean = vs.reduce((s, v) => s + v.value, 0) / vs.length;
      const expected = pm.frequency === "quarter" ? 4 : pm.frequency === "month" ? 12 : 1;
      return {
        period: String(year),
        year,
        value: mean,
        low: null,
        high: null,
        note:
          vs.length < expected
            ? `Mittel aus ${vs.length} von ${expected} Zeiträumen`
            : `Mittel aus ${vs.length} Zeiträumen`,
        count: null,
      };
    });
}

/**
 * The value of a catalogue indicator in an area and year as the planning staff see it, rounded
 * to the indicator's decimals: a goal's baseline taken from the data. Null where there is none.
 */
export async function valueInYear(
  ctx: ServiceContext,
  ws: Workspace,
  indicatorCode: string,
  areaCode: string,
  year: number,
): Promise<number | null> {
  const [row, area] = await Promise.all([
    listIndicators(ctx.db.orm, ws.id).then((all) => all.find((i) => i.code === indicatorCode)),
    listAreas(ctx.db.orm, ws.id).then((all) => all.find((a) => a.code === areaCode)),
  ]);
  if (!row || !area) return null;
  const series = await catalogueSeries(ctx, ws, row, area.systemCode, [area.code], "planning");
  const value = series.get(area.code)?.find((p) => p.year === year)?.value ?? null;
  const f = 10 ** row.decimals;
  return value === null ? null : Math.round(value * f) / f;
}
