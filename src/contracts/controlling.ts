/**
 * The strategic cycle's API shapes (Ziele & Maßnahmen): themes, goals with their indicators,
 * measures with performance measures and values, stories behind the curve, budget lines, and
 * the controlling view with its lights.
 */
import { z } from "zod";
import { calendarDay } from "./common.ts";
import { catalogueCode } from "./documents/catalogue.ts";

const text = (max: number) => z.string().trim().min(1, "darf nicht leer sein").max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullish();
const year = z.int().min(1900).max(2200);
const polarity = z.enum(["higher_is_better", "lower_is_better", "neutral"]);

export const GOAL_LEVELS = ["leitziel", "handlungsziel", "wirkungsziel", "leistungsziel"] as const;
export const MEASURE_STATUSES = [
  "geplant",
  "laufend",
  "abgeschlossen",
  "ausgesetzt",
  "abgebrochen",
] as const;
export const RBA_QUESTIONS = ["how_much", "how_well", "better_off"] as const;
export const TARGET_KINDS = ["value_by_year", "limit", "direction", "corridor"] as const;

export const themeBody = z
  .object({
    code: catalogueCode,
    name: text(200),
    description: optionalText(4000),
    owner: optionalText(200),
    areas: z.array(catalogueCode).max(500).default([]),
    sortOrder: z.int().min(0).max(10_000).default(0),
  })
  .strict();
export type ThemeBody = z.infer<typeof themeBody>;

export const goalBody = z
  .object({
    code: catalogueCode,
    theme: catalogueCode,
    parent: catalogueCode.nullish(),
    goalLevel: z.enum(GOAL_LEVELS),
    title: text(300),
    description: optionalText(4000),
    owner: optionalText(200),
    periodFrom: year.nullish(),
    periodTo: year.nullish(),
    decision: optionalText(300),
    release: z.enum(["draft", "released"]).default("draft"),
    sortOrder: z.int().min(0).max(10_000).default(0),
  })
  .strict();
export type GoalBody = z.infer<typeof goalBody>;

export const goalIndicatorBody = z
  .object({
    /** A catalogue indicator in an area … */
    indicator: catalogueCode.nullish(),
    area: catalogueCode.nullish(),
    /** … or a measure's performance measure. */
    performanceMeasure: catalogueCode.nullish(),
    baselineYear: year,
    baselineValue: z.number().finite(),
    targetKind: z.enum(TARGET_KINDS),
    direction: z.enum(["up", "down"]).nullish(),
    targetValue: z.number().finite().nullish(),
    targetLow: z.number().finite().nullish(),
    targetHigh: z.number().finite().nullish(),
    targetYear: year.nullish(),
    /** Replaces this goal indicator's target: the old one stays, greyed, valid up to the year before. */
    replaces: z.int().positive().nullish(),
  })
  .strict();
export type GoalIndicatorBody = z.infer<typeof goalIndicatorBody>;

const milestone = z
  .object({ title: text(200), due: calendarDay, done: z.boolean().default(false) })
  .strict();

export const measureBody = z
  .object({
    code: catalogueCode,
    title: text(300),
    description: optionalText(4000),
    owner: text(200),
    areas: z.array(catalogueCode).max(500).default([]),
    targetGroups: z.array(text(100)).max(20).default([]),
    startDate: calendarDay,
    endDate: calendarDay.nullish(),
    state: z.enum(MEASURE_STATUSES),
    milestones: z.array(milestone).max(50).default([]),
    goals: z
      .array(z.object({ goal: catalogueCode, contribution: optionalText(1000) }).strict())
      .max(50)
      .default([]),
    /** E-mail addresses of the members who report on the measure. */
    editors: z.array(z.string().trim().toLowerCase().max(254)).max(20).default([]),
  })
  .strict();
export type MeasureBody = z.infer<typeof measureBody>;

/** What an owner may change on a measure they report on: status, milestones, description. */
export const measureProgressBody = z
  .object({
    state: z.enum(MEASURE_STATUSES),
    milestones: z.array(milestone).max(50),
    description: optionalText(4000),
  })
  .strict();
export type MeasureProgressBody = z.infer<typeof measureProgressBody>;

export const performanceMeasureBody = z
  .object({
    code: catalogueCode,
    question: z.enum(RBA_QUESTIONS),
    name: text(300),
    unit: text(60),
    frequency: z.enum(["year", "quarter", "month"]),
    polarity,
  })
  .strict();
export type PerformanceMeasureBody = z.infer<typeof performanceMeasureBody>;

export const performanceValuesBody = z
  .object({
    values: z
      .array(
        z
          .object({
            period: z.string().trim().min(1, "darf nicht leer sein").max(10),
            value: z.number().finite(),
            numerator: z.number().finite().min(0).nullish(),
            denominator: z.number().finite().positive().nullish(),
            note: optionalText(1000),
          })
          .strict(),
      )
      .min(1, "braucht mindestens einen Wert")
      .max(500),
  })
  .strict();
export type PerformanceValuesBody = z.infer<typeof performanceValuesBody>;

export const storyBody = z
  .object({ period: z.string().trim().min(1, "darf nicht leer sein").max(10), story: text(8000) })
  .strict();
export type StoryBody = z.infer<typeof storyBody>;

export const codeParams = z.object({ code: catalogueCode });
export const goalIndicatorParams = z.object({
  code: catalogueCode,
  id: z.coerce.number().int().positive(),
});

// ----- answers ---------------------------------------------------------------------------

const symbol = z.enum(["sonne", "leicht_bewoelkt", "wolke", "blitz"]).nullable();

export const lightDto = z.object({
  year: z.int(),
  symbol,
  /** Where the values' uncertainty allows another symbol: the range, and `uncertain` true. */
  low: symbol,
  high: symbol,
  uncertain: z.boolean(),
  reason: z.string(),
});

export const seriesPointDto = z.object({
  period: z.string(),
  value: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  /** Why a value is missing or withheld. */
  note: z.string().nullable(),
});

export const goalIndicatorDto = z.object({
  id: z.int(),
  goal: z.string(),
  source: z.enum(["indicator", "performance"]),
  indicator: z.string().nullable(),
  area: z.string().nullable(),
  performanceMeasure: z.string().nullable(),
  name: z.string(),
  areaName: z.string().nullable(),
  unit: z.string(),
  polarity,
  baselineYear: z.int(),
  /** Null for a reader who may not see the value of the baseline year (disclosure control). */
  baselineValue: z.number().nullable(),
  targetKind: z.enum(TARGET_KINDS),
  direction: z.enum(["up", "down"]),
  targetValue: z.number().nullable(),
  targetLow: z.number().nullable(),
  targetHigh: z.number().nullable(),
  targetYear: z.int().nullable(),
  validTo: z.int().nullable(),
  series: z.array(seriesPointDto),
  /** The light of the latest assessment year first, then earlier ones (up to seven). */
  lights: z.array(lightDto),
  stories: z.array(
    z.object({ period: z.string(), text: z.string(), author: z.string(), writtenAt: z.string() }),
  ),
});
export type GoalIndicatorDto = z.infer<typeof goalIndicatorDto>;

export const themeDto = z.object({
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  owner: z.string().nullable(),
  areas: z.array(z.string()),
});

export const goalDto = z.object({
  code: z.string(),
  theme: z.string(),
  parent: z.string().nullable(),
  goalLevel: z.enum(GOAL_LEVELS),
  title: z.string(),
  description: z.string().nullable(),
  owner: z.string().nullable(),
  periodFrom: z.int().nullable(),
  periodTo: z.int().nullable(),
  decision: z.string().nullable(),
  release: z.enum(["draft", "released"]),
  /** The worst current light of its indicators (several targets: the worst counts). */
  light: lightDto.nullable(),
  indicators: z.array(goalIndicatorDto),
  measures: z.array(z.string()),
});
export type GoalDto = z.infer<typeof goalDto>;

/** An XmR chart of a monthly or quarterly series (docs/methods/spc-xmr.md). */
export const spcChartDto = z.object({
  limits: z
    .object({
      mean: z.number(),
      lower: z.number(),
      upper: z.number(),
      nearLower: z.number(),
      nearUpper: z.number(),
      baselinePoints: z.int(),
    })
    .nullable(),
  points: z.array(
    z.object({
      period: z.string(),
      value: z.number(),
      signal: z.enum(["improvement", "concern", "neutral"]).nullable(),
      reasons: z.array(z.string()),
    }),
  ),
  assurance: z.enum(["always", "never", "hit_and_miss"]).nullable(),
  reason: z.string(),
});

export const performanceMeasureDto = z.object({
  code: z.string(),
  question: z.enum(RBA_QUESTIONS),
  name: z.string(),
  unit: z.string(),
  frequency: z.enum(["year", "quarter", "month"]),
  polarity,
  values: z.array(
    z.object({
      period: z.string(),
      value: z.number(),
      numerator: z.number().nullable(),
      denominator: z.number().nullable(),
      note: z.string().nullable(),
      enteredBy: z.string(),
      enteredAt: z.string(),
    }),
  ),
  /** For monthly and quarterly measures: the XmR chart with its signals; null for yearly ones. */
  chart: spcChartDto.nullable(),
});

export const budgetLineDto = z.object({
  measure: z.string().nullable(),
  year: z.int(),
  product: z.string(),
  productName: z.string().nullable(),
  costCentre: z.string().nullable(),
  account: z.string().nullable(),
  planned: z.number(),
  committed: z.number().nullable(),
  spent: z.number().nullable(),
});

export const measureDto = z.object({
  code: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  owner: z.string(),
  areas: z.array(z.string()),
  targetGroups: z.array(z.string()),
  startDate: z.string(),
  endDate: z.string().nullable(),
  state: z.enum(MEASURE_STATUSES),
  milestones: z.array(z.object({ title: z.string(), due: z.string(), done: z.boolean() })),
  goals: z.array(z.object({ goal: z.string(), contribution: z.string().nullable() })),
  editors: z.array(z.string()),
  /** Whether the caller may report on it (an editor, or the planning staff). */
  mayEdit: z.boolean(),
  performanceMeasures: z.array(performanceMeasureDto),
  budget: z.array(budgetLineDto),
});
export type MeasureDto = z.infer<typeof measureDto>;

const money = z.object({ planned: z.number(), committed: z.number(), spent: z.number() });

export const programmeDto = z
  .object({
    /** Invented example data: the demo's programme says so wherever it is shown. */
    exampleData: z.boolean(),
    themes: z.array(themeDto),
    goals: z.array(goalDto),
    measures: z.array(measureDto),
    resources: z.object({
      byTheme: z.array(z.object({ theme: z.string() }).extend(money.shape)),
      byGoal: z.array(z.object({ goal: z.string() }).extend(money.shape)),
      byArea: z.array(z.object({ area: z.string() }).extend(money.shape)),
      goalsWithoutResources: z.array(z.string()),
      linesWithoutGoal: z.array(budgetLineDto),
    }),
  })
  .meta({ id: "Programme" });
export type ProgrammeDto = z.infer<typeof programmeDto>;

export const dueItemDto = z.object({
  kind: z.enum(["performance_value", "milestone", "story"]),
  measure: z.string().nullable(),
  goal: z.string().nullable(),
  what: z.string(),
  due: z.string().nullable(),
});
export const dueListDto = z.object({ items: z.array(dueItemDto) });
