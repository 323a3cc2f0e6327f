/**
 * The indicator and variable editor: the sheet as a form sends it (create, update, preview),
 * the formula history, and a variable's metadata. The fields are those of the catalogue file
 * (src/contracts/documents/catalogue.ts); the sheet's texts sit under `sheet` as in the
 * indicator DTO.
 */
import { z } from "zod";
import { workspaceQuery } from "./common.ts";
import { variableDto } from "./data.ts";
import { indicatorDto, indicatorValueSetDto } from "./indicators.ts";

const code = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, "nur Buchstaben, Ziffern, _ . -");
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((s) => (s === "" || s === undefined ? null : s));
const publication = z.enum(["draft", "internal", "public"]);

/** The fields of a sheet, without the code (the path names it when updating). */
const sheetFields = {
  name: text(200),
  theme: text(120),
  numerator: z.array(code).min(1).max(50),
  denominator: z.array(code).max(50).nullish(),
  factor: z.number().positive().max(1_000_000).default(1),
  unit: text(40),
  decimals: z.number().int().min(0).max(4).default(1),
  polarity: z.enum(["higher_is_better", "lower_is_better", "neutral"]),
  sheet: z.strictObject({
    definition: text(4000),
    interpretation: optionalText(4000),
    limits: optionalText(4000),
    source: optionalText(1000),
  }),
  publication: publication.optional(),
};

export const indicatorUpdateBody = z.strictObject(sheetFields).meta({ id: "IndicatorSheetUpdate" });
export const indicatorCreateBody = z
  .strictObject({ code, ...sheetFields })
  .meta({ id: "IndicatorSheetCreate" });
export type IndicatorUpdateBody = z.infer<typeof indicatorUpdateBody>;
export type IndicatorCreateBody = z.infer<typeof indicatorCreateBody>;

/** The live preview: the sheet as the form holds it (the code may still be empty). */
export const indicatorPreviewBody = z
  .strictObject({
    ...sheetFields,
    code: z.string().trim().max(64).optional(),
    name: z.string().trim().max(200).optional(),
    theme: z.string().trim().max(120).optional(),
    unit: z.string().trim().max(40).default(""),
    polarity: sheetFields.polarity.default("neutral"),
    sheet: z
      .strictObject({
        definition: z.string().max(4000).optional(),
        interpretation: z.string().max(4000).nullish(),
        limits: z.string().max(4000).nullish(),
        source: z.string().max(1000).nullish(),
      })
      .optional(),
  })
  .meta({ id: "IndicatorPreviewRequest" });
export type IndicatorPreviewBody = z.infer<typeof indicatorPreviewBody>;

export const indicatorPreviewQuery = workspaceQuery.extend({
  period: z.string().max(32).optional().describe("Period code; default the latest with data"),
  level: z.string().max(64).optional().describe("Area level code; default the deepest with data"),
});

export const indicatorPreviewDto = z
  .object({
    formula: z.string(),
    warnings: z.array(z.string()),
    values: indicatorValueSetDto
      .nullable()
      .describe("Null when there are no areas or no periods with data yet"),
    note: z.string().nullable().describe("Why there are no values, in German"),
  })
  .meta({ id: "IndicatorPreview" });
export type IndicatorPreviewDto = z.infer<typeof indicatorPreviewDto>;

/** The saved sheet with what is doubtful about its formula (also in `sheet.warnings`). */
export const indicatorSavedDto = z
  .object({ indicator: indicatorDto, warnings: z.array(z.string()) })
  .meta({ id: "IndicatorSaved" });

export const indicatorVersionDto = z
  .object({
    at: z.string().describe("ISO time of the change"),
    actor: z.string(),
    formulaBefore: z.string(),
    formulaAfter: z.string(),
    changed: z.array(z.string()).describe("German names of the fields that changed"),
    before: z.record(z.string(), z.unknown()),
    after: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "IndicatorVersion" });
export const indicatorHistoryDto = z
  .object({ indicator: z.string(), versions: z.array(indicatorVersionDto) })
  .meta({ id: "IndicatorHistory" });
export type IndicatorHistoryDto = z.infer<typeof indicatorHistoryDto>;

export const variableUpdateBody = z
  .strictObject({
    name: text(200),
    description: optionalText(4000),
    unit: text(40),
    measure: z.enum(["stock", "flow"]),
    aggregation: z.enum(["sum", "none"]),
    source: optionalText(1000),
    licence: optionalText(1000),
    attribution: optionalText(1000),
    publication: publication.optional(),
  })
  .meta({ id: "VariableUpdate" });
export type VariableUpdateBody = z.infer<typeof variableUpdateBody>;

export const variableSavedDto = z
  .object({ variable: variableDto, warnings: z.array(z.string()) })
  .meta({ id: "VariableSaved" });
