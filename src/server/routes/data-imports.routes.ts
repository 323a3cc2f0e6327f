import { z } from "zod";
import { databaseId, errorResponses, workspaceQuery } from "../../contracts/common.ts";
import {
  boundaryOverviewDto,
  importPreviewDto,
  importPreviewOptions,
  importReportDto,
  importRunDto,
} from "../../contracts/data-imports.ts";
import { areaMappingSchema } from "../../contracts/documents/area-mapping.ts";
import { SOURCE_CRS } from "../../core/areas/crs.ts";
import { AppError } from "../../services/app-error.ts";
import { overviewBoundaryFile } from "../../services/data/boundary-overview.ts";
import { getImportRun, getImportRuns } from "../../services/data/import-history.ts";
import { previewImport } from "../../services/data/import-preview.ts";
import { runImport } from "../../services/data/run-import.ts";
import { IMPORTERS, actorOf, audienceOf, membershipOf } from "../access.ts";
import type { RouteDeps } from "../route-deps.ts";
import { readUploadForm } from "../upload-form.ts";
import type { ZodApp } from "../zod-app.ts";

export function registerDataImportRoutes(app: ZodApp, { ctx }: RouteDeps): void {
  app.post(
    "/api/imports",
    {
      config: { access: IMPORTERS, expensive: true },
      schema: {
        tags: ["Import"],
        summary: "Datei importieren (CSV, XLSX, GeoJSON, TopoJSON) – oder nur prüfen",
        description:
          "multipart/form-data mit den Feldern `file` (die Datei), `mapping` (die Zuordnung als JSON-Text, siehe docs/import-mapping.md), optional `dryRun` (`true`: nur prüfen) und `label`. Ein Probelauf antwortet 200 mit dem Bericht; ein übernommener Import 201; ein abgelehnter 422 mit dem Bericht in `error.details` – dann wurde nichts geschrieben.",
        consumes: ["multipart/form-data"],
        querystring: workspaceQuery,
        response: { 200: importReportDto, 201: importReportDto, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { file, fields } = await readUploadForm(req, {
        fields: ["mapping", "dryRun", "label"],
        expected: "mit den Feldern „file“ und „mapping“",
        maxBytes: ctx.limits.maxImportBytes,
      });
      if (fields["mapping"] === undefined) {
        throw new AppError("invalid_mapping", "Die Zuordnung fehlt (Feld „mapping“, JSON).");
      }
      let mapping: unknown;
      try {
        mapping = JSON.parse(fields["mapping"]);
      } catch {
        throw new AppError("invalid_mapping", "Die Zuordnung ist kein gültiges JSON.");
      }
      const dryRunText = fields["dryRun"] ?? "false";
      if (dryRunText !== "true" && dryRunText !== "false") {
        throw new AppError("invalid_input", "„dryRun“ muss „true“ oder „false“ sein.");
      }
      const ws = membershipOf(req).workspace;
      const report = await runImport(ctx, {
        actor: actorOf(req),
        workspace: ws,
        fileName: file.name,
        bytes: file.bytes,
        mapping,
        dryRun: dryRunText === "true",
        label: fields["label"],
      });
      if (report.status === "rejected") {
        throw new AppError(
          "import_rejected",
          `Der Import wurde abgelehnt: ${report.counts.errors} Fehler. Es wurde nichts geschrieben.`,
          report,
        );
      }
      return reply.code(report.status === "committed" ? 201 : 200).send(report);
    },
  );

  app.post(
    "/api/imports/preview",
    {
      config: { access: IMPORTERS, expensive: true },
      schema: {
        tags: ["Import"],
        summary: "Tabelle ansehen (CSV, XLSX): Spalten, erste Zeilen, Vorschlag für die Zuordnung",
        description:
          "multipart/form-data mit dem Feld `file` (CSV oder XLSX) und optional `delimiter` (`auto`, `;`, `,`, Tabulator, `|`), `encoding` (`auto`, `utf-8`, `windows-1252`, `latin1`, `utf-16le`, `utf-16be`), `sheet` (Name des Tabellenblatts) und `skipRows` (Zeilen vor der Kopfzeile). Antwortet mit dem erkannten Format, Kodierung und Trennzeichen bzw. den Tabellenblättern, den Spalten, den ersten Zeilen, der Zahl der Zeilen und einer vorgeschlagenen Zuordnung (siehe docs/import-mapping.md). Schreibt nichts. Eine unlesbare Datei: 422 mit der Begründung.",
        consumes: ["multipart/form-data"],
        querystring: workspaceQuery,
        response: { 200: importPreviewDto, ...errorResponses },
      },
    },
    async (req) => {
      const { file, fields } = await readUploadForm(req, {
        fields: Object.keys(importPreviewOptions.shape),
        expected: "mit dem Feld „file“",
        maxBytes: ctx.limits.maxImportBytes,
      });
      const options = importPreviewOptions.safeParse(fields);
      if (!options.success) {
        const names = [...new Set(options.error.issues.map((i) => String(i.path[0])))];
        throw new AppError(
          "invalid_input",
          `Ungültige Angabe in ${names.map((n) => `„${n}“`).join(", ")}: erlaubt sind delimiter (auto ; , Tabulator |), encoding (auto, utf-8, windows-1252, latin1, utf-16le, utf-16be), sheet (Name des Blatts) und skipRows (0 bis 1000).`,
          { fields: names },
        );
      }
      return previewImport(ctx, {
        workspace: membershipOf(req).workspace,
        audience: audienceOf(req),
        fileName: file.name,
        bytes: file.bytes,
        ...options.data,
      });
    },
  );

  app.post(
    "/api/imports/boundaries/overview",
    {
      config: { access: IMPORTERS, expensive: true },
      schema: {
        tags: ["Import"],
        summary: "Grenzdatei ansehen: Eigenschaften, Koordinatensystem, Vorschaukarte",
        description:
          "multipart/form-data mit dem Feld `file` (GeoJSON, TopoJSON, Shapefile als ZIP oder GeoPackage; das Format nach der Dateiendung) und optional `crs` (das Koordinatensystem, wenn die Datei es nicht nennt). Antwortet mit der Zahl der Gebiete, dem Koordinatensystem, den Eigenschaften mit Beispielwerten (`unique`: als Schlüssel geeignet) und den Gebieten in WGS84 für eine Vorschaukarte, dazu den Befunden des Lesens. Schreibt nichts.",
        consumes: ["multipart/form-data"],
        querystring: workspaceQuery,
        response: { 200: boundaryOverviewDto, ...errorResponses },
      },
    },
    async (req) => {
      const { file, fields } = await readUploadForm(req, {
        fields: ["crs"],
        expected: "mit dem Feld „file“",
        maxBytes: ctx.limits.maxImportBytes,
      });
      const crs = areaMappingSchema.shape.crs.safeParse(fields["crs"] ?? "auto");
      if (!crs.success) {
        throw new AppError(
          "invalid_input",
          `Koordinatensystem: „${fields["crs"]}“ wird nicht unterstützt (erlaubt: auto, ${SOURCE_CRS.join(", ")}).`,
          { field: "crs" },
        );
      }
      return overviewBoundaryFile(file.name, file.bytes, crs.data);
    },
  );

  app.get(
    "/api/imports",
    {
      config: { access: IMPORTERS },
      schema: {
        tags: ["Import"],
        summary: "Importverlauf (neueste zuerst)",
        querystring: workspaceQuery,
        response: { 200: z.array(importRunDto), ...errorResponses },
      },
    },
    async (req) => getImportRuns(ctx, membershipOf(req).workspace),
  );

  app.get(
    "/api/imports/:id",
    {
      config: { access: IMPORTERS },
      schema: {
        tags: ["Import"],
        summary: "Ein Import mit seinem vollständigen Bericht",
        params: z.object({ id: databaseId }),
        querystring: workspaceQuery,
        response: { 200: importReportDto, ...errorResponses },
      },
    },
    async (req) => getImportRun(ctx, membershipOf(req).workspace, req.params.id),
  );
}
