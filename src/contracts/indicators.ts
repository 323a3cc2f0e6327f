import { z } from "zod";
import { valueStatus, workspaceQuery } from "./common.ts";

export const indicatorDto = z
  .object({
    code: z.string(),
    name: z.string(),
    theme: z.string(),
    numerator: z.array(z.string()),
    denominator: z.array(z.string()).nullable(),
    factor: z.number(),
    unit: z.string(),
    decimals: z.number().int(),
    polarity: z.enum(["higher_is_better", "lower_is_better", "neutral"]),
    sheet: z.object({
      definition: z.string(),
      interpretation: z.string().nullable(),
      limits: z.string().nullable(),
      source: z.string().nullable(),
      formula: z
        .string()
        .describe(
          "The formula in words, e.g. „sgb2_recipients / (pop_under_18 + pop_18_64) × 100“",
        ),
      warnings: z
        .array(z.string())
        .describe("What is doubtful about the formula (stock over flow, mixed units, % factor)"),
      history: z
        .array(
          z.object({
            at: z.string().describe("ISO time of the change"),
            actor: z
              .string()
              .nullable()
              .describe("Who changed it; named only for those who edit sheets"),
            formulaBefore: z.string(),
            formulaAfter: z.string(),
            changed: z.array(z.string()).describe("German names of the fields that changed"),
          }),
        )
        .describe("Formelverlauf: every change of the sheet, newest first"),
    }),
    publication: z.enum(["draft", "internal", "public"]),
  })
  .meta({ id: "Indicator" });

/** The marks of a shown number (the statistical offices' signs, docs/methods/value-marks.md). */
export const markDto = z
  .object({
    sign: z
      .enum(["–", "0", ".", "/", "x", "…"])
      .nullable()
      .describe(
        "Zeichen statt der Zahl (., /, x, …) oder wie sie zu lesen ist (– genau null, 0 rundet auf null)",
      ),
    limited: z.boolean().describe("( ): Aussagewert eingeschränkt"),
    letters: z
      .array(z.enum(["p", "r", "s", "/"]))
      .describe(
        "p vorläufig, r berichtigt, s geschätzt; / nur für die Sozialplanung: nicht sicher genug",
      ),
    review: z
      .boolean()
      .describe("Von einer Plausibilitätsprüfung markiert, noch nicht entschieden (zu prüfen)"),
  })
  .meta({ id: "ValueMark" });

export const indicatorValueDto = z
  .object({
    area: z.string(),
    name: z.string(),
    status: valueStatus,
    value: z.number().nullable(),
    reason: z.string().nullable().describe("Why a value is missing or withheld"),
    numerator: z.number().nullable(),
    denominator: z.number().nullable(),
    rank: z.number().int().nullable(),
    change: z.number().nullable().describe("Against the previous period; percentage points for %"),
    mark: markDto,
    changeMark: markDto.nullable(),
  })
  .meta({ id: "IndicatorValue" });

export const indicatorValueSetDto = z
  .object({
    indicator: z.string(),
    unit: z.string(),
    decimals: z.number().int(),
    period: z.string(),
    previousPeriod: z.string().nullable(),
    level: z.string(),
    reference: z
      .object({
        area: z.string(),
        name: z.string(),
        value: z.number().nullable(),
        status: valueStatus,
        mark: markDto,
      })
      .nullable()
      .describe("The city (root area) as the comparison value"),
    disclosure: z.object({ minCount: z.number().int(), applied: z.boolean() }),
    dataVersion: z.number().int(),
    values: z.array(indicatorValueDto),
  })
  .meta({ id: "IndicatorValueSet" });

export type IndicatorValueSetDto = z.infer<typeof indicatorValueSetDto>;

export const indicatorValuesQuery = workspaceQuery.extend({
  period: z.string().max(32).optional().describe("Period code; default the latest with data"),
  level: z.string().max(64).optional().describe("Area level code; default the deepest with data"),
  disclosure: z.enum(["on", "off"]).default("on"),
});

export const indicatorSeriesQuery = workspaceQuery.extend({
  area: z.string().min(1).max(64),
  disclosure: z.enum(["on", "off"]).default("on"),
});

export const indicatorSeriesDto = z.object({
  indicator: z.string(),
  area: z.string(),
  points: z.array(
    z.object({
      period: z.string(),
      status: valueStatus,
      value: z.number().nullable(),
      reason: z.string().nullable(),
      mark: markDto,
      reference: z.number().nullable(),
      referenceMark: markDto.nullable(),
    }),
  ),
});

export type IndicatorDto = z.infer<typeof indicatorDto>;
export type IndicatorSeriesDto = z.infer<typeof indicatorSeriesDto>;

/** `POST /api/indicators/from-variable`: the variable whose count becomes an indicator. */
export const fromVariableBody = z
  .strictObject({ variable: z.string().trim().min(1).max(64) })
  .meta({ id: "IndicatorFromVariable" });
