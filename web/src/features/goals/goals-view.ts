/**
 * The pure part of the Ziele & Maßnahmen pages: the goal tree of a theme, a light in words, the
 * time axis of a goal indicator with its target path, the performance measures by the three
 * questions of results-based accountability, the measures per area for the map, and the view
 * tables every table and chart of the pages shows and exports. No React, so the unit tests
 * beside it need no browser.
 */
import { RBA_QUESTIONS } from "@contracts/controlling.ts";
import type { MessageKey } from "../../lib/i18n.tsx";
import type { ViewTable } from "../../lib/view-table.ts";
import type {
  BudgetLine,
  GoalDto,
  GoalIndicatorDto,
  Light,
  LightSymbol,
  MeasureDto,
  PerformanceMeasure,
} from "./goals-api.ts";

export type Translate = (key: MessageKey, params?: Readonly<Record<string, string>>) => string;
/** Formats a number with the given decimals in the page's language. */
export type FormatNumber = (value: number, decimals: number) => string;

// ----- the goal tree ----------------------------------------------------------------------

export interface GoalNode {
  readonly goal: GoalDto;
  readonly children: readonly GoalNode[];
}

/**
 * The goals of a theme as a tree: Leitziel → Handlungsziel → Wirkungs-/Leistungsziel. A goal
 * whose parent the reader does not get (a draft above a released goal) stands at the top, so
 * nothing the API gives is lost. The API's order is kept among siblings.
 */
export function goalTree(goals: readonly GoalDto[], theme: string): GoalNode[] {
  const mine = goals.filter((g) => g.theme === theme);
  const codes = new Set(mine.map((g) => g.code));
  const build = (parent: string | null, seen: ReadonlySet<string>): GoalNode[] =>
    mine
      .filter((g) =>
        parent === null ? g.parent === null || !codes.has(g.parent) : g.parent === parent,
      )
      .filter((g) => !seen.has(g.code))
      .map((g) => ({ goal: g, children: build(g.code, new Set([...seen, g.code])) }));
  return build(null, new Set());
}

// ----- lights -----------------------------------------------------------------------------

export const SYMBOL_KEYS: Readonly<Record<LightSymbol, MessageKey>> = {
  sonne: "goals.light.sonne",
  leicht_bewoelkt: "goals.light.leicht_bewoelkt",
  wolke: "goals.light.wolke",
  blitz: "goals.light.blitz",
};

/**
 * A light in words: its symbol's word ("Wolke", "keine Bewertung") and, where the values'
 * interval allows another symbol, "unsicher: Sonne bis Wolke" (best to worst, as the API says it). Colour never carries it alone.
 */
export function lightWords(
  light: Light | null,
  t: Translate,
): { readonly word: string; readonly uncertain: string | null } {
  if (light === null || light.symbol === null) {
    return { word: t("goals.light.none"), uncertain: null };
  }
  const word = t(SYMBOL_KEYS[light.symbol]);
  if (!light.uncertain) return { word, uncertain: null };
  const low = light.low === null ? t("goals.light.none") : t(SYMBOL_KEYS[light.low]);
  const high = light.high === null ? t("goals.light.none") : t(SYMBOL_KEYS[light.high]);
  return { word, uncertain: t("goals.light.uncertain", { low, high }) };
}

/** The lights of an indicator oldest first, as the DNS overview sets the years side by side. */
export function lightsInOrder(lights: readonly Light[]): Light[] {
  return [...lights].sort((a, b) => a.year - b.year);
}

// ----- the time axis ----------------------------------------------------------------------

/**
 * A period on a continuous time axis in years: "2024" → 2024, "2024-Q3" → 2024.625 (the middle
 * of the quarter), "2024-05" → 2024.375 (the middle of the month). Null for anything else.
 */
export function timeOf(period: string): number | null {
  const year = /^(\d{4})$/.exec(period);
  if (year) return Number(year[1]);
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return Number(quarter[1]) + (Number(quarter[2]) - 1) / 4 + 1 / 8;
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) {
    return Number(month[1]) + (Number(month[2]) - 1) / 12 + 1 / 24;
  }
  return null;
}

export interface PathLine {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/**
 * The target as lines on the chart: from the baseline to the target value in the target year
 * (a corridor: to both its ends), or a limit across the whole time span. A direction only has
 * none; a withheld baseline leaves a path to a target year out.
 */
export function targetLines(
  indicator: GoalIndicatorDto,
  span: { readonly from: number; readonly to: number },
): PathLine[] {
  const { baselineYear: x0, baselineValue: y0, targetYear, targetKind } = indicator;
  switch (targetKind) {
    case "limit":
      return indicator.targetValue === null
        ? []
        : [{ x0: span.from, y0: indicator.targetValue, x1: span.to, y1: indicator.targetValue }];
    case "value_by_year":
      return y0 === null || targetYear === null || indicator.targetValue === null
        ? []
        : [{ x0, y0, x1: targetYear, y1: indicator.targetValue }];
    case "corridor":
      return y0 === null || targetYear === null
        ? []
        : [indicator.targetLow, indicator.targetHigh].flatMap((v) =>
            v === null ? [] : [{ x0, y0, x1: targetYear, y1: v }],
          );
    case "direction":
      return [];
  }
}

/**
 * The years the chart of an indicator spans: its values (and periods whose value is withheld),
 * its baseline and its target year.
 */
export function chartSpan(indicator: GoalIndicatorDto): { from: number; to: number } {
  // Periods with nothing to say (no value, no reason for its absence) do not widen the chart.
  const telling = indicator.series.filter((s) => s.value !== null || s.note !== null);
  const times = [
    ...telling.flatMap((s) => {
      const x = timeOf(s.period);
      return x === null ? [] : [x];
    }),
    indicator.baselineYear,
    ...(indicator.targetYear !== null ? [indicator.targetYear] : []),
  ];
  return { from: Math.floor(Math.min(...times)), to: Math.ceil(Math.max(...times)) };
}

/** Every number the chart draws (values, interval ends, baseline, target), for its value axis. */
export function chartValues(indicator: GoalIndicatorDto): number[] {
  const out: number[] = [];
  for (const s of indicator.series) {
    for (const v of [s.value, s.low, s.high]) if (v !== null) out.push(v);
  }
  for (const v of [
    indicator.baselineValue,
    indicator.targetValue,
    indicator.targetLow,
    indicator.targetHigh,
  ]) {
    if (v !== null) out.push(v);
  }
  return out;
}

/** A target in words: "12 % bis 2030", "höchstens 5 %", "sinken", "zwischen 10 und 12 % bis 2030". */
export function targetText(indicator: GoalIndicatorDto, t: Translate, n: FormatNumber): string {
  const value = (v: number | null) => (v === null ? "–" : `${n(v, 1)} ${indicator.unit}`.trim());
  const dir = indicator.direction === "up" ? "up" : "down";
  switch (indicator.targetKind) {
    case "value_by_year":
      return t("goals.target.valueByYear", {
        value: value(indicator.targetValue),
        year: String(indicator.targetYear ?? "–"),
      });
    case "limit":
      return t(dir === "up" ? "goals.target.limitUp" : "goals.target.limitDown", {
        value: value(indicator.targetValue),
      });
    case "direction":
      return t(dir === "up" ? "goals.target.directionUp" : "goals.target.directionDown");
    case "corridor":
      return t("goals.target.corridor", {
        low: value(indicator.targetLow),
        high: value(indicator.targetHigh),
        year: String(indicator.targetYear ?? "–"),
      });
  }
}

/** The indicator's heading: its name, and the area it is measured in. */
export function indicatorTitle(indicator: GoalIndicatorDto): string {
  return indicator.areaName ? `${indicator.name} – ${indicator.areaName}` : indicator.name;
}

// ----- measures ---------------------------------------------------------------------------

export type Question = (typeof RBA_QUESTIONS)[number];

/** The performance measures under the three questions, in the questions' order. */
export function byQuestion(
  measures: readonly PerformanceMeasure[],
): { question: Question; measures: PerformanceMeasure[] }[] {
  return RBA_QUESTIONS.map((question) => ({
    question,
    measures: measures.filter((m) => m.question === question),
  }));
}

/** The measures that serve a goal: those it lists, in the programme's order. */
export function measuresOfGoal(goal: GoalDto, measures: readonly MeasureDto[]): MeasureDto[] {
  const codes = new Set(goal.measures);
  return measures.filter((m) => codes.has(m.code));
}

/**
 * Whether the reader may write a story on a goal's indicators: the planning staff, and the
 * departments that report on a measure serving the goal (the API's rule; it decides).
 */
export function mayWriteStory(
  goal: GoalDto,
  measures: readonly MeasureDto[],
  planner: boolean,
): boolean {
  return planner || measuresOfGoal(goal, measures).some((m) => m.mayEdit);
}

/** An area with a level, as the areas list gives it. */
export interface AreaInfo {
  readonly code: string;
  readonly name: string;
  readonly level: string;
}

/**
 * The level the measures name most often: the map of measures is drawn on it. Null when no
 * measure names an area the list knows.
 */
export function mapLevel(
  measures: readonly MeasureDto[],
  areas: readonly AreaInfo[],
): string | null {
  const levelOf = new Map(areas.map((a) => [a.code, a.level]));
  const counts = new Map<string, number>();
  for (const m of measures) {
    for (const code of m.areas) {
      const level = levelOf.get(code);
      if (level !== undefined) counts.set(level, (counts.get(level) ?? 0) + 1);
    }
  }
  let best: string | null = null;
  for (const [level, n] of counts) if (best === null || n > counts.get(best)!) best = level;
  return best;
}

export interface AreaMeasures {
  readonly code: string;
  readonly name: string;
  readonly measures: readonly MeasureDto[];
}

/**
 * The measures working in each area of a level (sorted by name), and those that name no area
 * (they work in the whole city). An area a measure names on another level is not counted here.
 */
export function measuresByArea(
  measures: readonly MeasureDto[],
  areas: readonly AreaInfo[],
  level: string,
  locale: string,
): { areas: AreaMeasures[]; cityWide: MeasureDto[] } {
  const onLevel = areas
    .filter((a) => a.level === level)
    .sort((a, b) => a.name.localeCompare(b.name, locale));
  return {
    areas: onLevel.map((a) => ({
      code: a.code,
      name: a.name,
      measures: measures.filter((m) => m.areas.includes(a.code)),
    })),
    cityWide: measures.filter((m) => m.areas.length === 0),
  };
}

/** Fills of the map by the number of measures: none, one, two, three or more (light to dark). */
export const COUNT_FILLS = ["#f2f2f2", "#c6dbef", "#6baed6", "#08519c"] as const;

export function countFill(count: number): string {
  return COUNT_FILLS[Math.min(count, COUNT_FILLS.length - 1)]!;
}

// ----- view tables ------------------------------------------------------------------------

export interface TableMeta {
  readonly source: string;
  readonly date: string;
}

/** The series of a goal indicator: value, the 95 % interval and why a value is missing. */
export function seriesTable(indicator: GoalIndicatorDto, t: Translate, meta: TableMeta): ViewTable {
  return {
    title: t("goals.seriesTitle", { name: indicatorTitle(indicator), unit: indicator.unit }),
    ...meta,
    columns: [
      { label: t("goals.col.period") },
      { label: t("goals.col.value"), decimals: 1 },
      { label: t("goals.col.low"), decimals: 1 },
      { label: t("goals.col.high"), decimals: 1 },
      { label: t("goals.col.note") },
    ],
    rows: indicator.series.map((s) => [
      s.period,
      s.value ?? "–",
      s.low ?? "–",
      s.high ?? "–",
      s.note ?? "",
    ]),
    notes: [t("goals.seriesNote")],
  };
}

/** The lights of a goal indicator by year, with their symbol in words and their reason. */
export function lightsTable(indicator: GoalIndicatorDto, t: Translate, meta: TableMeta): ViewTable {
  return {
    title: t("goals.lightsTitle", { name: indicatorTitle(indicator) }),
    ...meta,
    columns: [
      { label: t("goals.col.year") },
      { label: t("goals.col.light") },
      { label: t("goals.col.uncertainty") },
      { label: t("goals.col.reason") },
    ],
    rows: lightsInOrder(indicator.lights).map((l) => {
      const w = lightWords(l, t);
      return [String(l.year), w.word, w.uncertain ?? "", l.reason];
    }),
  };
}

/** The values of a performance measure by period. */
export function valuesTable(pm: PerformanceMeasure, t: Translate, meta: TableMeta): ViewTable {
  const signalOf = new Map((pm.chart?.points ?? []).map((p) => [p.period, p]));
  return {
    title: t("goals.valuesTitle", { name: pm.name, unit: pm.unit }),
    ...meta,
    columns: [
      { label: t("goals.col.period") },
      { label: t("goals.col.value"), decimals: decimalsOf(pm.values.map((v) => v.value)) },
      { label: t("goals.col.numerator"), decimals: 0 },
      { label: t("goals.col.denominator"), decimals: 0 },
      { label: t("goals.col.signal") },
      { label: t("goals.col.note") },
    ],
    rows: pm.values.map((v) => {
      const point = signalOf.get(v.period);
      return [
        v.period,
        v.value,
        v.numerator ?? "–",
        v.denominator ?? "–",
        point && point.signal !== null
          ? `${t(`goals.signal.${point.signal}`)}: ${point.reasons.join(" ")}`
          : "",
        v.note ?? "",
      ];
    }),
  };
}

/** Decimals that show every value as entered (at most two). */
export function decimalsOf(values: readonly number[]): number {
  let d = 0;
  for (const v of values) {
    const text = String(v);
    const dot = text.indexOf(".");
    if (dot >= 0 && !text.includes("e")) d = Math.max(d, text.length - dot - 1);
  }
  return Math.min(d, 2);
}

/** Budget lines: year, product, cost centre, account, planned, committed and spent (euros). */
export function budgetTable(
  lines: readonly BudgetLine[],
  title: string,
  t: Translate,
  meta: TableMeta,
): ViewTable {
  return {
    title,
    ...meta,
    columns: [
      { label: t("goals.col.year") },
      { label: t("goals.col.product") },
      { label: t("goals.col.costCentre") },
      { label: t("goals.col.account") },
      { label: t("goals.col.planned"), decimals: 0 },
      { label: t("goals.col.committed"), decimals: 0 },
      { label: t("goals.col.spent"), decimals: 0 },
    ],
    rows: lines.map((l) => [
      String(l.year),
      l.productName ? `${l.product} ${l.productName}` : l.product,
      l.costCentre ?? "–",
      l.account ?? "–",
      l.planned,
      l.committed ?? "–",
      l.spent ?? "–",
    ]),
    notes: [t("goals.euroNote")],
  };
}

/** Planned, committed and spent money per row (theme, goal or area), in euros. */
export function moneyTable(
  rows: readonly { readonly name: string; planned: number; committed: number; spent: number }[],
  title: string,
  firstColumn: string,
  t: Translate,
  meta: TableMeta,
): ViewTable {
  return {
    title,
    ...meta,
    columns: [
      { label: firstColumn },
      { label: t("goals.col.planned"), decimals: 0 },
      { label: t("goals.col.committed"), decimals: 0 },
      { label: t("goals.col.spent"), decimals: 0 },
    ],
    rows: rows.map((r) => [r.name, r.planned, r.committed, r.spent]),
    notes: [t("goals.euroNote")],
  };
}

/** The areas of the map with the number of measures and their titles: the map as a table. */
export function areaMeasuresTable(
  byArea: { areas: readonly AreaMeasures[]; cityWide: readonly MeasureDto[] },
  t: Translate,
  meta: TableMeta,
): ViewTable {
  return {
    title: t("goals.mapTitle"),
    ...meta,
    columns: [
      { label: t("goals.col.area") },
      { label: t("goals.col.measureCount"), decimals: 0 },
      { label: t("goals.col.measures") },
    ],
    rows: [
      ...byArea.areas
        .filter((a) => a.measures.length > 0)
        .map((a) => [
          a.name,
          a.measures.length,
          a.measures.map((m) => `${m.title} (${m.code})`).join("; "),
        ]),
      ...(byArea.cityWide.length > 0
        ? [
            [
              t("goals.cityWide"),
              byArea.cityWide.length,
              byArea.cityWide.map((m) => `${m.title} (${m.code})`).join("; "),
            ],
          ]
        : []),
    ],
    notes: [
      t("goals.areasWithout", {
        count: String(byArea.areas.filter((a) => a.measures.length === 0).length),
      }),
    ],
  };
}

/** The milestones of a measure: title, due day (German), done or open. */
export function milestonesTable(
  measure: MeasureDto,
  t: Translate,
  day: (iso: string) => string,
  meta: TableMeta,
): ViewTable {
  return {
    title: t("goals.milestonesTitle", { name: measure.title }),
    ...meta,
    columns: [
      { label: t("goals.col.milestone") },
      { label: t("goals.col.due") },
      { label: t("goals.col.done") },
    ],
    rows: measure.milestones.map((m) => [
      m.title,
      day(m.due),
      m.done ? t("goals.done") : t("goals.open"),
    ]),
  };
}

// ----- forms ------------------------------------------------------------------------------

/**
 * The id of the form field an API issue names in the values form: `values.0.period` →
 * `<prefix>-period`, `values.0.value` → `<prefix>-value`; the form sends one value at a time.
 * Null for an issue of no field of the form.
 */
export function valueFieldOf(path: string, prefix: string): string | null {
  const m = /^values\.\d+\.(period|value|note|numerator|denominator)$/.exec(path);
  if (m) return `${prefix}-${m[1]}`;
  return null;
}

/** The example period of a frequency, as the form's hint. */
export function periodExample(frequency: PerformanceMeasure["frequency"]): string {
  return frequency === "year" ? "2025" : frequency === "quarter" ? "2025-Q2" : "2025-05";
}

/** A calendar day (YYYY-MM-DD) as people type it in German: "30.06.2023"; "" stays "". */
export function germanDay(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/**
 * A day typed in German ("30.06.2023", "1.7.2024") or as YYYY-MM-DD, as the API's calendar day;
 * anything else is handed on as typed, so that the API names the field in its German words.
 */
export function isoDay(text: string): string {
  const t = text.trim();
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  if (!m) return t;
  return `${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}`;
}
