/**
 * The reports' routes: reports (planners write, every member reads the published ones),
 * the draft as a document or a file, the planner's decisions about key findings, publishing,
 * published versions exactly as published, and their comparison. Templates are in
 * reports-templates.routes.ts.
 */
import { z } from "zod";
import { errorResponses, versionNumber, workspaceQuery } from "../../contracts/common.ts";
import {
  comparisonDto,
  decisionsBody,
  newReportBody,
  publishBody,
  renderQuery,
  reportCodeParams,
  reportDto,
  reportFormat,
  reportListDto,
  versionParams,
  versionSummaryDto,
} from "../../contracts/reports.ts";
import { documentOf } from "../../services/reports/build.ts";
import { closeChromium } from "../../render/chromium.ts";
import { MEDIA_TYPES, renderDocument, type RenderFormat } from "../../services/reports/render.ts";
import {
  buildDraft,
  createReport,
  decideFindings,
  deleteReport,
  getReport,
  listReports,
  type ReportReading,
  type VersionSummary,
} from "../../services/reports/reports.ts";
import { compareVersions, getVersion, publishReport } from "../../services/reports/versions.ts";
import { actorOf, audienceOf, membershipOf, members } from "../access.ts";
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
const comparisonQuery = workspaceQuery.extend({ from: versionNumber, to: versionNumber });

const versionJson = (v: VersionSummary) => ({ ...v, publishedAt: v.publishedAt.toISOString() });
const reportJson = (r: ReportReading) => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  versions: r.versions.map(versionJson),
});
/** The draft's and version's routes answer with a document (json) or a file. */
const documentOrFile = z
  .unknown()
  .describe(
    "format=json: the document (BuiltReport, or the version's facts with its ReportDocument); otherwise the file",
  );

export function registerReportRoutes(app: ZodApp, { ctx }: RouteDeps): void {
  app.addHook("onClose", async () => closeChromium());

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
    async (req) => ({
      reports: (await listReports(ctx, membershipOf(req).workspace, audienceOf(req))).map(
        reportJson,
      ),
    }),
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
    async (req) =>
      reportJson(
        await getReport(ctx, membershipOf(req).workspace, req.params.code, audienceOf(req)),
      ),
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
