/**
 * Report templates as files and API bodies (JSON), and the report API's shapes. A template is
 * an outline of chapters and sections, each a list of blocks (src/core/reports/template.ts);
 * the format is documented in docs/reports.md.
 */
import { z } from "zod";
import { err, ok, type Result } from "../core/result.ts";
import type { ReportTemplate } from "../core/reports/template.ts";
import { workspaceQuery } from "./common.ts";

const code = z.string().trim().min(1).max(64);
const periodCode = z.string().trim().min(4).max(16);
const caption = z.string().trim().min(1).max(300).optional();

const periodRef = z.union([
  z.enum(["report", "previous", "year_before"]),
  z.strictObject({ code: periodCode }),
]);

const areaChoice = z.union([
  z.strictObject({ level: code }),
  z.strictObject({ reportArea: z.literal(true) }),
  z.strictObject({ codes: z.array(code).min(1).max(200) }),
]);

const indicators = z.array(code).min(1).max(40);

const block = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("text"), markdown: z.string().max(50_000) }),
  z.strictObject({
    type: z.literal("map"),
    indicator: code,
    level: code,
    period: periodRef.optional(),
    caption,
  }),
  z.strictObject({
    type: z.literal("chart"),
    indicators: indicators.max(6),
    periods: z.int().min(2).max(50).optional(),
    caption,
  }),
  z.strictObject({
    type: z.literal("table"),
    indicators,
    areas: areaChoice,
    period: periodRef.optional(),
    changeSince: periodRef.optional(),
    caption,
  }),
  z.strictObject({
    type: z.literal("comparison"),
    indicators,
    areas: areaChoice,
    period: periodRef.optional(),
    caption,
  }),
  z.strictObject({
    type: z.literal("index"),
    index: code,
    parts: z.array(z.enum(["map", "table", "method", "changes"])).min(1),
    caption,
  }),
  z.strictObject({
    type: z.literal("typology"),
    indicators: indicators.min(2).max(20),
    level: code,
    period: periodRef.optional(),
    method: z.enum(["kmeans", "ward"]).optional(),
    k: z.int().min(2).max(12).optional(),
    seed: z.int().min(0).max(2_147_483_647).optional(),
    parts: z.array(z.enum(["map", "profiles", "areas"])).min(1),
    caption,
  }),
  z.strictObject({
    type: z.literal("accommodation"),
    parts: z.array(z.enum(["summary", "key_figures", "by_type", "by_facility", "series"])).min(1),
    caption,
  }),
  z.strictObject({ type: z.literal("findings"), limit: z.int().min(1).max(30).default(8) }),
  z.strictObject({ type: z.literal("indicator_sheets") }),
]);

const title = z.string().trim().min(1).max(300);

export const reportTemplateSchema = z
  .strictObject({
    code,
    title,
    subtitle: z.string().trim().max(300).optional(),
    periodKind: z.enum(["year", "half_year", "month"]),
    perArea: z.strictObject({ level: code }).optional(),
    chapters: z
      .array(
        z.strictObject({
          title,
          sections: z
            .array(z.strictObject({ title, blocks: z.array(block).max(100) }))
            .min(1)
            .max(50),
        }),
      )
      .min(1)
      .max(50),
  })
  .meta({ id: "ReportTemplate" });

/** Parses a template; every problem in German with its place ("chapters.2.sections.0…"). */
export function parseReportTemplate(json: unknown): Result<ReportTemplate, string[]> {
  const parsed = reportTemplateSchema.safeParse(json);
  if (!parsed.success) {
    return err(
      parsed.error.issues.map((i) => {
        const at = i.path.length > 0 ? i.path.join(".") : "Vorlage";
        return `${at}: ${i.message}`;
      }),
    );
  }
  return ok(parsed.data);
}

export const reportCodeParams = z.strictObject({ code });
export const templateCodeParams = z.strictObject({ code });
export const versionParams = z.strictObject({ code, version: z.coerce.number().int().min(1) });

export const reportFormat = z.enum(["html", "pdf", "docx", "xlsx", "json"]);

export const newReportBody = z
  .strictObject({
    code: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "nur Kleinbuchstaben, Ziffern und Bindestriche"),
    title: title.optional(),
    template: code,
    period: periodCode,
    area: code.optional(),
  })
  .meta({ id: "NewReport" });

export const decisionsBody = z
  .strictObject({
    decisions: z.record(
      z.string().max(200),
      z.union([
        z.strictObject({ drop: z.literal(true) }),
        z.strictObject({ text: z.string().trim().min(1).max(2000) }),
        z.strictObject({ keep: z.literal(true) }),
      ]),
    ),
  })
  .meta({ id: "FindingDecisions" });

export const publishBody = z
  .strictObject({ state: z.enum(["internal", "public"]) })
  .meta({ id: "PublishReport" });

export const renderQuery = workspaceQuery.extend({ format: reportFormat.default("json") });

export const templateSaveBody = z
  .strictObject({ template: reportTemplateSchema, comment: z.string().trim().max(500).optional() })
  .meta({ id: "TemplateSave" });
