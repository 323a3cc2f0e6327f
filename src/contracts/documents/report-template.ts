/**
 * Report templates as files and API bodies (JSON). A template is an outline of chapters and
 * sections, each a list of blocks (src/core/reports/template.ts); the format is documented in
 * docs/reports.md.
 */
import { z } from "zod";
import { describeIssue } from "../validation-messages.ts";
import { err, ok, type Result } from "../../core/result.ts";
import type { Block, ReportTemplate } from "../../core/reports/template.ts";

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
  z.strictObject({
    type: z.literal("controlling"),
    parts: z.array(z.enum(["changes", "overview", "themes", "resources"])).min(1),
  }),
]);

/** A type with every array and property read-only, as the core's template types are. */
type ReadOnly<T> = T extends readonly (infer U)[]
  ? readonly ReadOnly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: ReadOnly<T[K]> }
    : T;
/** True when A and B are the same type (optional and read-only marks included). */
type Same<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

// The core's Block (what the builders and the web app read) and this schema (what a file or
// a request may hold) are declared apart; a kind or field in one but not the other stops the
// compiler here.
true satisfies Same<ReadOnly<z.output<typeof block>>, ReadOnly<Block>>;

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

true satisfies Same<ReadOnly<z.output<typeof reportTemplateSchema>>, ReadOnly<ReportTemplate>>;

/** Parses a template; every problem in German with its place ("chapters.2.sections.0…"). */
export function parseReportTemplate(json: unknown): Result<ReportTemplate, string[]> {
  const parsed = reportTemplateSchema.safeParse(json);
  if (!parsed.success) {
    return err(
      // The field by its German label and what is wrong, then where it sits in the file.
      parsed.error.issues.map((i) => {
        const at = i.path.length > 0 ? i.path.join(".") : "Vorlage";
        return `${describeIssue(i, json).message} (Stelle: ${at})`;
      }),
    );
  }
  return ok(parsed.data);
}
