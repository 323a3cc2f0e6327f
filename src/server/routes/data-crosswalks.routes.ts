/**
 * Crosswalks (Umschlüsselungen) of a workspace: list them, store one from rows (JSON) or a CSV
 * file (form upload), and apply one — its counts carried onto the new areas as observations.
 * Administrators and planners. Method: docs/methods/crosswalk.md.
 */
import { z } from "zod";
import { errorResponses, workspaceQuery } from "../../contracts/common.ts";
import {
  CROSSWALK_FORM_FIELDS,
  createCrosswalkBody,
  createdCrosswalkDto,
  crosswalkApplyDto,
  crosswalkCode,
  crosswalkDto,
  crosswalkFormFields,
} from "../../contracts/data-crosswalks.ts";
import { AppError } from "../../services/app-error.ts";
import { applyCrosswalk, createCrosswalk, getCrosswalks } from "../../services/data/crosswalks.ts";
import { actorOf, members, membershipOf } from "../access.ts";
import type { RouteDeps } from "../route-deps.ts";
import { readUploadForm } from "../upload-form.ts";
import type { ZodApp } from "../zod-app.ts";

const CROSSWALK_STAFF = members("admin", "planner");

const FORM_LABELS: Record<string, string> = {
  code: "Kürzel",
  name: "Name",
  basis: "Grundlage",
  validFrom: "Gültig ab",
  source: "Quelle",
  oldColumn: "Spalte altes Gebiet",
  newColumn: "Spalte neues Gebiet",
  weightColumn: "Spalte Gewicht",
};

export function registerCrosswalkRoutes(app: ZodApp, { ctx }: RouteDeps): void {
  app.get(
    "/api/crosswalks",
    {
      config: { access: CROSSWALK_STAFF },
      schema: {
        tags: ["Daten"],
        summary: "Umschlüsselungen alter auf neue Gebiete",
        querystring: workspaceQuery,
        response: { 200: z.array(crosswalkDto), ...errorResponses },
      },
    },
    async (req) => getCrosswalks(ctx, membershipOf(req).workspace),
  );

  app.post(
    "/api/crosswalks",
    {
      config: { access: CROSSWALK_STAFF },
      schema: {
        tags: ["Daten"],
        summary: "Umschlüsselung aus Anteilen anlegen",
        description:
          "Die Anteile (`rows`: altes Gebiet, neues Gebiet, Gewicht 0–1) alter Gebiete an neuen; beide müssen Gebiete des Arbeitsbereichs sein. Alles oder nichts: jede fehlerhafte Zeile wird in `error.details.issues` genannt. Hinweise der Normierung (Summen ≠ 1, Splitterflächen) kommen als `issues` zurück.",
        querystring: workspaceQuery,
        body: createCrosswalkBody,
        response: { 201: createdCrosswalkDto, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { rows, ...fields } = req.body;
      const created = await createCrosswalk(ctx, membershipOf(req).workspace, actorOf(req), {
        ...fields,
        rows,
      });
      return reply.code(201).send(created);
    },
  );

  app.post(
    "/api/crosswalks/file",
    {
      config: { access: CROSSWALK_STAFF },
      schema: {
        tags: ["Daten"],
        summary: "Umschlüsselung aus einer CSV-Datei anlegen",
        description:
          "multipart/form-data mit `file` (CSV: Spalten altes Gebiet, neues Gebiet, Gewicht – erkannt an den Kopfzeilen „alt“/„old“, „neu“/„new“, „gewicht“/„weight“ oder benannt mit `oldColumn`, `newColumn`, `weightColumn`) und den Feldern `code`, `name`, `basis` (`areal` oder `population`), `validFrom` (JJJJ-MM-TT), optional `source`. Alles oder nichts.",
        consumes: ["multipart/form-data"],
        querystring: workspaceQuery,
        response: { 201: createdCrosswalkDto, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { file, fields } = await readUploadForm(req, {
        fields: CROSSWALK_FORM_FIELDS,
        expected: "mit dem Feld „file“ (CSV) und den Angaben der Umschlüsselung",
        maxBytes: ctx.limits.maxImportBytes,
      });
      const parsed = crosswalkFormFields.safeParse(fields);
      if (!parsed.success) {
        const messages = parsed.error.issues.map((i) => {
          const key = String(i.path[0] ?? "");
          const label = FORM_LABELS[key] ?? key;
          return fields[key] === undefined ? `${label}: Angabe fehlt.` : `${label}: ungültig.`;
        });
        throw new AppError("invalid_input", messages.join(" "), {
          fields: parsed.error.issues.map((i) => i.path.join(".")),
        });
      }
      const { oldColumn, newColumn, weightColumn, ...rest } = parsed.data;
      const created = await createCrosswalk(ctx, membershipOf(req).workspace, actorOf(req), {
        ...rest,
        file,
        columns: { old: oldColumn, new: newColumn, weight: weightColumn },
      });
      return reply.code(201).send(created);
    },
  );

  app.post(
    "/api/crosswalks/:code/apply",
    {
      config: { access: CROSSWALK_STAFF, expensive: true },
      schema: {
        tags: ["Daten"],
        summary: "Umschlüsselung anwenden: Werte alter Gebiete auf die neuen übertragen",
        description:
          "Für jedes summierbare Merkmal und jeden Zeitraum vor dem Tag der Reform werden die Werte der alten Gebiete auf die neuen umgelegt und als Beobachtungen geschrieben (Status „geschätzt“, Zeichen s, wo Anteile ≠ 1 benutzt wurden). Alles oder nichts; ein zweiter Aufruf schreibt nur, was sich geändert hat.",
        params: z.object({ code: crosswalkCode }),
        querystring: workspaceQuery,
        response: { 200: crosswalkApplyDto, ...errorResponses },
      },
    },
    async (req) => applyCrosswalk(ctx, membershipOf(req).workspace, actorOf(req), req.params.code),
  );
}
