/**
 * The report templates' routes: the workspace's templates with the built-in ones, their
 * versions, saving, and the editor's preview with the current data. Planners only.
 */
import { z } from "zod";
import { errorResponses, storedInt, workspaceQuery } from "../../contracts/common.ts";
import {
  builtReportDto,
  templateCodeParams,
  templateDto,
  templateListDto,
  templateSaveBody,
  templateSavedDto,
} from "../../contracts/reports.ts";
import {
  parseReportTemplate,
  reportTemplateSchema,
} from "../../contracts/documents/report-template.ts";
import { AppError } from "../../services/app-error.ts";
import {
  getTemplate,
  listTemplates,
  previewTemplate,
  saveTemplate,
  templateVersions,
} from "../../services/reports/templates.ts";
import { actorOf, membershipOf, members } from "../access.ts";
import type { RouteDeps } from "../route-deps.ts";
import type { ZodApp } from "../zod-app.ts";

const PLANNER = members("planner");
// Version 0 is the built-in template.
const templateQuery = workspaceQuery.extend({ version: storedInt(0).optional() });
const previewBody = z.strictObject({
  template: reportTemplateSchema,
  period: z.string().trim().min(4).max(16),
  area: z.string().trim().min(1).max(64).optional(),
});

function parsedTemplate(json: unknown) {
  const t = parseReportTemplate(json);
  if (!t.ok)
    throw new AppError("invalid_input", "Die Vorlage ist fehlerhaft.", { problems: t.error });
  return t.value;
}

export function registerReportTemplateRoutes(app: ZodApp, { ctx }: RouteDeps): void {
  app.get(
    "/api/reports/templates",
    {
      config: { access: PLANNER },
      schema: {
        tags: ["Berichte"],
        summary: "Berichtsvorlagen (eigene Versionen und mitgelieferte)",
        querystring: workspaceQuery,
        response: { 200: templateListDto, ...errorResponses },
      },
    },
    async (req) => ({
      templates: (await listTemplates(ctx, membershipOf(req).workspace)).map((t) => ({
        ...t,
        perArea: t.perArea ?? null,
        createdAt: t.createdAt?.toISOString() ?? null,
      })),
    }),
  );

  app.get(
    "/api/reports/templates/:code",
    {
      config: { access: PLANNER },
      schema: {
        tags: ["Berichte"],
        summary: "Eine Berichtsvorlage (neueste oder gewählte Version; 0 = mitgeliefert)",
        params: templateCodeParams,
        querystring: templateQuery,
        response: { 200: templateDto, ...errorResponses },
      },
    },
    async (req) => {
      const ws = membershipOf(req).workspace;
      const t = await getTemplate(ctx, ws, req.params.code, req.query.version);
      const versions = await templateVersions(ctx, ws, req.params.code);
      return {
        ...t,
        // A ReportTemplate is what the template schema parses to, with read-only arrays.
        template: t.template as z.output<typeof reportTemplateSchema>,
        versions: versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
      };
    },
  );

  app.put(
    "/api/reports/templates/:code",
    {
      config: { access: PLANNER },
      schema: {
        tags: ["Berichte"],
        summary: "Berichtsvorlage speichern (eine geänderte Vorlage wird eine neue Version)",
        description:
          "Platzhalter, Indikatoren und Gliederung werden vorher geprüft; jeder Fehler mit seiner Stelle (`details.problems`).",
        params: templateCodeParams,
        querystring: workspaceQuery,
        body: templateSaveBody,
        response: { 200: templateSavedDto, 201: templateSavedDto, ...errorResponses },
      },
    },
    async (req, reply) => {
      const saved = await saveTemplate(
        ctx,
        membershipOf(req).workspace,
        req.params.code,
        parsedTemplate(req.body.template),
        req.body.comment,
        actorOf(req),
      );
      return reply.code(saved.created ? 201 : 200).send(saved);
    },
  );

  app.post(
    "/api/reports/preview",
    {
      config: { access: PLANNER, expensive: true },
      schema: {
        tags: ["Berichte"],
        summary: "Vorschau: eine Vorlage mit den aktuellen Daten bauen, ohne zu speichern",
        description:
          "Antwort: das Dokument mit den erzeugten Schlüsselergebnissen, oder 422 mit jedem Fehler und seiner Stelle.",
        querystring: workspaceQuery,
        body: previewBody,
        response: { 200: builtReportDto, ...errorResponses },
      },
    },
    async (req) => {
      const built = await previewTemplate(ctx, membershipOf(req).workspace, {
        template: parsedTemplate(req.body.template),
        period: req.body.period,
        area: req.body.area,
      });
      return { document: built.document, findings: built.findings, warnings: built.warnings };
    },
  );
}
