import { z } from "zod";
import { errorResponses, workspaceQuery } from "../../contracts/common.ts";
import { importReportDto, importRunDto } from "../../contracts/imports.ts";
import { AppError } from "../../services/app-error.ts";
import { getImportRun, getImportRuns } from "../../services/import-history.ts";
import { runImport } from "../../services/run-import.ts";
import { DATA_STAFF, actorOf, membershipOf } from "../access.ts";
import type { RouteDeps } from "../app.ts";
import type { ZodApp } from "../zod-app.ts";

export function registerImportRoutes(app: ZodApp, { ctx }: RouteDeps): void {
  app.post(
    "/api/imports",
    {
      config: { access: DATA_STAFF },
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
      if (!req.isMultipart()) {
        throw new AppError(
          "invalid_input",
          "Erwartet wird ein Formular-Upload (multipart/form-data) mit den Feldern „file“ und „mapping“.",
        );
      }
      let file: { name: string; bytes: Buffer } | null = null;
      const fields: Record<string, string> = {};
      try {
        for await (const part of req.parts()) {
          if (part.type === "file") {
            if (part.fieldname !== "file") {
              await part.toBuffer();
              throw new AppError(
                "invalid_input",
                `Unbekanntes Dateifeld „${part.fieldname}“; erwartet „file“.`,
              );
            }
            file = { name: part.filename || "upload", bytes: await part.toBuffer() };
          } else if (typeof part.value === "string") {
            fields[part.fieldname] = part.value;
          }
        }
      } catch (e) {
        // Size limits and our own checks keep their codes; anything else the multipart parser
        // throws means the form itself is broken.
        const status = (e as { statusCode?: unknown }).statusCode;
        if (e instanceof AppError || (typeof status === "number" && status < 500)) throw e;
        throw new AppError(
          "invalid_input",
          "Das Formular ist beschädigt und konnte nicht gelesen werden (multipart/form-data).",
        );
      }
      const unknown = Object.keys(fields).filter(
        (k) => !["mapping", "dryRun", "label"].includes(k),
      );
      if (unknown.length > 0) {
        throw new AppError("invalid_input", `Unbekannte Formularfelder: ${unknown.join(", ")}.`, {
          fields: unknown,
        });
      }
      if (!file)
        throw new AppError("invalid_input", "Es wurde keine Datei hochgeladen (Feld „file“).");
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
        bytes: new Uint8Array(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength),
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

  app.get(
    "/api/imports",
    {
      config: { access: DATA_STAFF },
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
      config: { access: DATA_STAFF },
      schema: {
        tags: ["Import"],
        summary: "Ein Import mit seinem vollständigen Bericht",
        params: z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) }),
        querystring: workspaceQuery,
        response: { 200: importReportDto, ...errorResponses },
      },
    },
    async (req) => getImportRun(ctx, membershipOf(req).workspace, req.params.id),
  );
}
