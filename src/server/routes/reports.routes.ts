import { z } from "zod";
import {
  errorResponses,
  storedInt,
  versionNumber,
  workspaceQuery,
} from "../../contracts/common.ts";
import {
  builtReportDto,
  comparisonDto,
  decisionsBody,
  newReportBody,
  parseReportTemplate,
  publishBody,
  renderQuery,
  reportCodeParams,
  reportDto,
  reportFormat,
  reportListDto,
  reportTemplateSchema,
  templateCodeParams,
  templateDto,
  templateListDto,
  templateSaveBody,
  templateSavedDto,
  versionParams,
  versionSummaryDto,
} from "../../contracts/reports.ts";
import { AppError } from "../../services/app-error.ts";
import { buildReport } from "../../services/reports/build.ts";
import { closeChromium } from "../../render/chromium.ts";
import {
  buildDraft,
  checkTemplate,
  compareVersions,
  createReport,
  decideFindings,
  deleteReport,
  documentOf,
  getReport,
  getTemplate,
  getVersion,
  listReports,
  listTemplates,
  MEDIA_TYPES,
  publishReport,
  renderDocument,
  saveTemplate,
  templateVersions,
  type RenderFormat,
  type ReportView,
  type VersionSummary,
} from "../../services/reports/reports.ts";
import { actorOf, membershipOf, members } from "../access.ts";
import type { RouteDeps } from "../route-deps.ts";
import type { ZodApp } from "../zod-app.ts";

const PLANNER = members("planner");
/** Published versions are read by everyone in the workspace: the council reads reports. */
const READERS = members("admin", "planner", "contributor", "occupancy", "viewer");
const EXTENSION: Record<RenderFormat, string> = {
  html: "html",
  pdf: "pdf",
  docx: "docx",
  xlsx: "xlsx",
};

const versionQuery = workspaceQuery.extend({ format: reportFormat.default("json") });
// Version 0 is the built-in template.
const templateQuery = workspaceQuery.extend({ version: storedInt(0).optional() });
const comparisonQuery = workspaceQuery.extend({ from: versionNumber, to: versionNumber });
const previewBody = z.strictObject({
  template: reportTemplateSchema,
  period: z.string().trim().min(4).max(16),
  area: z.string().trim().min(1).max(64).optional(),
});

const versionJson = (v: VersionSummary) => ({ ...v, publishedAt: v.publishedAt.toISOString() });
const reportJson = (r: ReportView | Omit<ReportView, "decisions">) => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  versions: r.versions.map(versionJson),
});
/** What readers other than planners see of a report: the decisions are the planners' work. */
const withoutDecisions = ({ decisions: _d, ...r }: ReportView) => r;
/** The draft's and version's routes answer with a document (json) or a file. */
const documentOrFile = z
  .unknown()
  .describe(
    "format=json: the document (BuiltReport, or the version's facts with its ReportDocument); otherwise the file",
  );

function parsedTemplate(json: unknown) {
  const t = parseReportTemplate(json);
  if (!t.ok)
    throw new AppError("invalid_input", "Die Vorlage ist fehlerhaft.", { problems: t.error });
  return t.value;
}

export function registerReportRoutes(app: ZodApp, { ctx }: RouteDeps): void {
  app.addHook("onClose", async () => closeChromium());

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
      const t = parsedTemplate(req.body.template);
      if (t.code !== req.params.code) {
        throw new AppError(
          "invalid_input",
          `Der Code der Vorlage („${t.code}“) passt nicht zur Adresse („${req.params.code}“).`,
        );
      }
      const saved = await saveTemplate(
        ctx,
        membershipOf(req).workspace,
        t,
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
      const ws = membershipOf(req).workspace;
      const t = parsedTemplate(req.body.template);
      const problems = await checkTemplate(ctx, ws, t);
      if (problems.length > 0) {
        throw new AppError("report_incomplete", "Die Vorlage hat Fehler.", {
          problems,
          warnings: [],
        });
      }
      const built = documentOf(
        await buildReport(ctx, ws, {
          template: t,
          period: req.body.period,
          area: req.body.area,
          state: "Vorschau",
        }),
      );
      return { document: built.document, findings: built.findings, warnings: built.warnings };
    },
  );

  app.get(
    "/api/reports",
    {
      config: { access: READERS },
      schema: {
        tags: ["Berichte"],
        summary: "Berichte (für die Sozialplanung alle, für andere die veröffentlichten)",
        querystring: workspaceQuery,
        response: { 200: reportListDto, ...errorResponses },
      },
    },
    async (req) => {
      const { workspace, role } = membershipOf(req);
      const all = await listReports(ctx, workspace);
      return {
        reports: (role === "planner"
          ? all
          : all.filter((r) => r.versions.length > 0).map(withoutDecisions)
        ).map(reportJson),
      };
    },
  );

  app.post(
    "/api/reports",
    {
      config: { access: PLANNER },
      schema: {
        tags: ["Berichte"],
        summary: "Bericht anlegen (Vorlage, Zeitraum, bei Gebietsprofilen das Gebiet)",
        querystring: workspaceQuery,
        body: newReportBody,
        response: { 201: reportDto, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          reportJson(await createReport(ctx, membershipOf(req).workspace, req.body, actorOf(req))),
        ),
  );

  app.get(
    "/api/reports/:code",
    {
      config: { access: READERS },
      schema: {
        tags: ["Berichte"],
        summary: "Ein Bericht mit seinen veröffentlichten Versionen",
        params: reportCodeParams,
        querystring: workspaceQuery,
        response: { 200: reportDto, ...errorResponses },
      },
    },
    async (req) => {
      const { workspace, role } = membershipOf(req);
      const r = await getReport(ctx, workspace, req.params.code);
      if (role !== "planner" && r.versions.length === 0)
        throw new AppError("not_found", `Bericht „${req.params.code}“ gibt es nicht.`);
      return reportJson(role === "planner" ? r : withoutDecisions(r));
    },
  );

  app.delete(
    "/api/reports/:code",
    {
      config: { access: PLANNER },
      schema: {
        tags: ["Berichte"],
        summary: "Einen nie veröffentlichten Bericht löschen",
        description:
          "Ein Bericht mit veröffentlichten Versionen bleibt erhalten (409): was die Stadt herausgegeben hat, wird nie gelöscht.",
        params: reportCodeParams,
        querystring: workspaceQuery,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await deleteReport(ctx, membershipOf(req).workspace, req.params.code, actorOf(req));
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/api/reports/:code/draft",
    {
      config: { access: PLANNER, expensive: true },
      schema: {
        tags: ["Berichte"],
        summary:
          "Der Entwurf mit den aktuellen Daten: als Dokument (json) oder Datei (html, pdf, docx, xlsx)",
        description:
          "Ein Bericht, der sich nicht vollständig bauen lässt, antwortet mit 422 und jedem Fehler mit seiner Stelle in der Vorlage — nie mit einer halben Datei.",
        params: reportCodeParams,
        querystring: renderQuery,
        response: { 200: documentOrFile, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ws = membershipOf(req).workspace;
      const built = documentOf(await buildDraft(ctx, ws, req.params.code));
      reply.header("cache-control", "private, no-store");
      const format = req.query.format;
      if (format === "json")
        return { document: built.document, findings: built.findings, warnings: built.warnings };
      const bytes = await renderDocument(built.document, format);
      return reply
        .type(MEDIA_TYPES[format])
        .header(
          "content-disposition",
          `${format === "html" ? "inline" : "attachment"}; filename="${req.params.code}-entwurf.${EXTENSION[format]}"`,
        )
        .send(Buffer.from(bytes));
    },
  );

  app.put(
    "/api/reports/:code/findings",
    {
      config: { access: PLANNER },
      schema: {
        tags: ["Berichte"],
        summary: "Schlüsselergebnisse behalten, ändern oder streichen (nach ihrer id)",
        params: reportCodeParams,
        querystring: workspaceQuery,
        body: decisionsBody,
        response: { 200: reportDto, ...errorResponses },
      },
    },
    async (req) =>
      reportJson(
        await decideFindings(
          ctx,
          membershipOf(req).workspace,
          req.params.code,
          req.body.decisions,
          actorOf(req),
        ),
      ),
  );

  app.post(
    "/api/reports/:code/versions",
    {
      config: { access: PLANNER, expensive: true },
      schema: {
        tags: ["Berichte"],
        summary:
          "Veröffentlichen: den Bericht mit den aktuellen Daten einfrieren (intern oder öffentlich)",
        description:
          "Baut den Bericht, erzeugt HTML, PDF, DOCX und XLSX und speichert alles als Version, die sich nie mehr ändert.",
        params: reportCodeParams,
        querystring: workspaceQuery,
        body: publishBody,
        response: { 201: versionSummaryDto, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          versionJson(
            await publishReport(
              ctx,
              membershipOf(req).workspace,
              req.params.code,
              req.body.state,
              actorOf(req),
            ),
          ),
        ),
  );

  app.get(
    "/api/reports/:code/versions/:version",
    {
      config: { access: READERS },
      schema: {
        tags: ["Berichte"],
        summary:
          "Eine veröffentlichte Version: Dokument (json) oder Datei, genau wie veröffentlicht",
        params: versionParams,
        querystring: versionQuery,
        response: { 200: documentOrFile, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ws = membershipOf(req).workspace;
      const v = await getVersion(ctx, ws, req.params.code, req.params.version);
      const format = req.query.format;
      if (format === "json") {
        return {
          version: v.version,
          state: v.state,
          templateVersion: v.templateVersion,
          dataVersion: v.dataVersion,
          publishedBy: v.publishedBy,
          publishedAt: v.publishedAt.toISOString(),
          document: v.document,
        };
      }
      const body = format === "html" ? v.html : Buffer.from(v[format]);
      return reply
        .type(MEDIA_TYPES[format])
        .header(
          "content-disposition",
          `${format === "html" ? "inline" : "attachment"}; filename="${req.params.code}-v${v.version}.${EXTENSION[format]}"`,
        )
        .send(body);
    },
  );

  app.get(
    "/api/reports/:code/comparison",
    {
      config: { access: READERS, expensive: true },
      schema: {
        tags: ["Berichte"],
        summary: "Zwei veröffentlichte Versionen vergleichen: geänderter Text und geänderte Zahlen",
        params: reportCodeParams,
        querystring: comparisonQuery,
        response: { 200: comparisonDto, ...errorResponses },
      },
    },
    async (req) =>
      compareVersions(
        ctx,
        membershipOf(req).workspace,
        req.params.code,
        req.query.from,
        req.query.to,
      ),
  );
}
