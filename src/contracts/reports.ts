/**
 * The report API's shapes: reports, their versions and templates. The template itself is a
 * document (documents/report-template.ts).
 */
import { z } from "zod";
import { versionNumber, workspaceQuery } from "./common.ts";
import { reportTemplateSchema } from "./documents/report-template.ts";

const code = z.string().trim().min(1).max(64);
const title = z.string().trim().min(1).max(300);
const periodCode = z.string().trim().min(4).max(16);

export const reportCodeParams = z.strictObject({ code });
export const templateCodeParams = z.strictObject({ code });
export const versionParams = z.strictObject({ code, version: versionNumber });

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

/* Responses. Times are ISO 8601 strings (the routes convert them). */

const iso = z.string().describe("ISO 8601");
/** Arrays of the responses are read-only, as the documents and views they describe. */
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();
const problemDto = z
  .object({ place: z.string().describe("Where in the template, in words"), message: z.string() })
  .meta({ id: "ReportProblem" });

export const templateSummaryDto = z
  .object({
    code: z.string(),
    title: z.string(),
    periodKind: z.enum(["year", "half_year", "month"]),
    perArea: z.object({ level: z.string() }).nullable(),
    version: z.number().int().describe("0: the built-in template, not yet saved here"),
    builtIn: z.boolean(),
    createdBy: z.string().nullable(),
    createdAt: iso.nullable(),
  })
  .meta({ id: "ReportTemplateSummary" });

export const templateListDto = z
  .object({ templates: list(templateSummaryDto) })
  .meta({ id: "ReportTemplateList" });

export const templateDto = z
  .object({
    template: reportTemplateSchema,
    version: z.number().int(),
    builtIn: z.boolean(),
    versions: list(
      z.object({
        version: z.number().int(),
        title: z.string(),
        comment: z.string().nullable(),
        createdBy: z.string(),
        createdAt: iso,
      }),
    ),
  })
  .meta({ id: "ReportTemplateVersion" });

export const templateSavedDto = z
  .object({
    version: z.number().int(),
    created: z.boolean().describe("False when the template equals the latest version"),
  })
  .meta({ id: "ReportTemplateSaved" });

const inline = z.object({
  text: z.string(),
  strong: z.boolean().optional(),
  emphasis: z.boolean().optional(),
});
/** A number's marks (core/marks `Marked`): printed around it as every report format does. */
const reportMarkDto = z.object({
  value: z.number().nullable(),
  sign: z.enum(["–", "0", ".", "/", "x", "…"]).nullable(),
  limited: z.boolean(),
  letters: z.array(z.enum(["p", "r", "s", "/"])).readonly(),
  review: z.boolean(),
});
const cell = z.union([
  z.object({ number: z.number(), decimals: z.number().int(), mark: reportMarkDto.optional() }),
  z.object({ text: z.string() }),
  z.object({ sign: z.enum(["–", "0", ".", "/", "x", "…"]) }),
]);
const node = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("paragraph"), inlines: list(inline) }),
  z.object({ kind: z.literal("list"), ordered: z.boolean(), items: list(list(inline)) }),
  z.object({ kind: z.literal("subheading"), text: z.string() }),
  z.object({
    kind: z.literal("table"),
    number: z.number().int(),
    caption: z.string(),
    source: z.string(),
    columns: list(z.object({ label: z.string(), numeric: z.boolean() })),
    rows: list(list(cell)),
    notes: list(z.string()),
  }),
  z.object({
    kind: z.literal("figure"),
    number: z.number().int(),
    caption: z.string(),
    source: z.string(),
    svg: z.string().describe("A standalone SVG document"),
    width: z.number(),
    height: z.number(),
    alt: z.string(),
  }),
  z.object({
    kind: z.literal("findings"),
    items: list(z.object({ id: z.string(), text: z.string() })),
  }),
]);

export const reportDocumentDto = z
  .object({
    title: z.string(),
    subtitle: z.string().nullable(),
    publisher: z.string(),
    period: z.string(),
    dataAsOf: z.string().describe("ISO date"),
    state: z.string(),
    chapters: list(
      z.object({
        title: z.string(),
        sections: list(z.object({ title: z.string(), nodes: list(node) })),
      }),
    ),
  })
  .meta({ id: "ReportDocument" });

export const builtReportDto = z
  .object({
    document: reportDocumentDto,
    findings: list(z.object({ id: z.string(), text: z.string() })).describe(
      "The generated key findings before the planner's decisions",
    ),
    warnings: list(problemDto),
  })
  .meta({ id: "BuiltReport" });

export const versionSummaryDto = z
  .object({
    version: z.number().int(),
    state: z.enum(["internal", "public"]),
    templateVersion: z.number().int(),
    dataVersion: z.number().int(),
    publishedBy: z.string(),
    publishedAt: iso,
  })
  .meta({ id: "ReportVersionSummary" });

export const reportDto = z
  .object({
    code: z.string(),
    title: z.string(),
    template: z.string(),
    period: z.string(),
    area: z.string().nullable(),
    decisions: z
      .record(
        z.string(),
        z.union([z.object({ drop: z.literal(true) }), z.object({ text: z.string() })]),
      )
      .optional()
      .describe("The planner's decisions about key findings (planners only)"),
    createdBy: z.string(),
    createdAt: iso,
    updatedAt: iso,
    versions: list(versionSummaryDto),
  })
  .meta({ id: "Report" });

export const reportListDto = z.object({ reports: list(reportDto) }).meta({ id: "ReportList" });

const changeDto = z.object({
  place: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});

export const comparisonDto = z
  .object({
    from: z.number().int(),
    to: z.number().int(),
    text: list(changeDto),
    figures: list(changeDto),
    unchangedTables: z.number().int(),
  })
  .meta({ id: "ReportComparison" });
