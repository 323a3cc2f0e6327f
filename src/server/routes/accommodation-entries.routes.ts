/**
 * The accommodation staff's writes under /api/accommodation: records delivered in bulk or as
 * a file export, facilities, and the entry forms (move in, move out, move). Each change is
 * checked like a delivery; nothing is written while a problem remains.
 */
import {
  capacityBody,
  changeResultDto,
  facilityChangeBody,
  facilityCodeParams,
  moveBody,
  moveInBody,
  moveOutBody,
  newFacilityBody,
  recordsBody,
  recordsResultDto,
  warningsDto,
} from "../../contracts/accommodation.ts";
import { errorResponses, workspaceQuery } from "../../contracts/common.ts";
import { z } from "zod";
import {
  addFacilities,
  changeCapacity,
  updateFacilityDetails,
} from "../../services/accommodation/facilities.ts";
import { addRecords, importStays } from "../../services/accommodation/stay-import.ts";
import { moveHousehold, moveIn, moveOut } from "../../services/accommodation/entries.ts";
import { AppError } from "../../services/app-error.ts";
import { readUploadForm } from "../upload-form.ts";
import { RECORD_ROLES } from "../../core/access/roles.ts";
import { actorOf, members, membershipOf } from "../access.ts";
import type { RouteDeps } from "../route-deps.ts";
import type { ZodApp } from "../zod-app.ts";

export function registerAccommodationEntryRoutes(app: ZodApp, { ctx }: RouteDeps): void {
  app.post(
    "/api/accommodation/records",
    {
      config: { access: members(...RECORD_ROLES), expensive: true },
      schema: {
        tags: ["Unterkünfte"],
        summary: "Haushalte, Personen und Aufenthalte hinzufügen (alles oder nichts)",
        description:
          "Die neuen Datensätze werden zusammen mit den gespeicherten geprüft (Auszug vor Einzug, überlappende Aufenthalte, unbekannte Schlüssel, Umzüge). Ein Fehler weist die ganze Lieferung zurück, jeder Befund steht in `error.details.findings`; Hinweise kommen mit der Antwort.",
        querystring: workspaceQuery,
        body: recordsBody,
        response: { 201: recordsResultDto, ...errorResponses },
      },
    },
    async (req, reply) => {
      const r = await addRecords(ctx, membershipOf(req).workspace, req.body, actorOf(req));
      return reply.code(201).send(r);
    },
  );

  app.post(
    "/api/accommodation/facilities",
    {
      config: { access: members(...RECORD_ROLES) },
      schema: {
        tags: ["Unterkünfte"],
        summary: "Unterkunft anlegen",
        querystring: workspaceQuery,
        body: newFacilityBody,
        response: { 201: z.object({ code: z.string() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      await addFacilities(ctx, membershipOf(req).workspace, [req.body], actorOf(req));
      return reply.code(201).send({ code: req.body.code });
    },
  );

  app.patch(
    "/api/accommodation/facilities/:code",
    {
      config: { access: members(...RECORD_ROLES) },
      schema: {
        tags: ["Unterkünfte"],
        summary: "Unterkunft ändern oder schließen",
        description:
          "Wer nach der Schließung noch dort untergebracht ist, kommt als Hinweis zurück (`warnings`): ausziehen oder umziehen lassen.",
        params: facilityCodeParams,
        querystring: workspaceQuery,
        body: facilityChangeBody,
        response: { 200: warningsDto, ...errorResponses },
      },
    },
    async (req) =>
      updateFacilityDetails(
        ctx,
        membershipOf(req).workspace,
        req.params.code,
        req.body,
        actorOf(req),
      ),
  );

  app.post(
    "/api/accommodation/facilities/:code/capacity",
    {
      config: { access: members(...RECORD_ROLES) },
      schema: {
        tags: ["Unterkünfte"],
        summary: "Kapazitätsänderung ab einem Tag (die früheren bleiben)",
        params: facilityCodeParams,
        querystring: workspaceQuery,
        body: capacityBody,
        response: { 201: z.object({ code: z.string() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      await changeCapacity(
        ctx,
        membershipOf(req).workspace,
        req.params.code,
        req.body,
        actorOf(req),
      );
      return reply.code(201).send({ code: req.params.code });
    },
  );

  const changeSchema = {
    tags: ["Unterkünfte"],
    description:
      "Die Datensätze nach der Änderung werden geprüft; ein Fehler weist sie zurück (`error.details.findings`), Hinweise kommen mit der Antwort.",
    querystring: workspaceQuery,
    response: { 201: changeResultDto, ...errorResponses },
  };

  app.post(
    "/api/accommodation/move-in",
    {
      config: { access: members(...RECORD_ROLES) },
      schema: { ...changeSchema, summary: "Einzug eines Haushalts", body: moveInBody },
    },
    async (req, reply) =>
      reply.code(201).send(await moveIn(ctx, membershipOf(req).workspace, req.body, actorOf(req))),
  );

  app.post(
    "/api/accommodation/move-out",
    {
      config: { access: members(...RECORD_ROLES) },
      schema: { ...changeSchema, summary: "Auszug eines Haushalts", body: moveOutBody },
    },
    async (req, reply) => {
      const { household, exit } = req.body;
      const r = await moveOut(ctx, membershipOf(req).workspace, household, exit, actorOf(req));
      return reply.code(201).send(r);
    },
  );

  app.post(
    "/api/accommodation/move",
    {
      config: { access: members(...RECORD_ROLES) },
      schema: {
        ...changeSchema,
        summary: "Umzug eines Haushalts in eine andere Unterkunft",
        body: moveBody,
      },
    },
    async (req, reply) => {
      const { household, to, day } = req.body;
      const ws = membershipOf(req).workspace;
      return reply.code(201).send(await moveHousehold(ctx, ws, household, to, day, actorOf(req)));
    },
  );

  app.post(
    "/api/accommodation/import",
    {
      config: { access: members(...RECORD_ROLES), expensive: true },
      schema: {
        tags: ["Unterkünfte"],
        summary: "Export der Unterkunftsverwaltung importieren (CSV, XLSX) – oder nur prüfen",
        description:
          'multipart/form-data mit `file`, `mapping` (JSON, `kind: "stays"`, siehe docs/methods/occupancy.md, Abschnitt 7) und optional `dryRun`. Jede unlesbare Zelle und jedes nicht zugeordnete Wort mit Zeile und Spalte; unbekannte Unterkünfte werden gemeldet, nicht geraten. Ein Fehler: 422, nichts geschrieben.',
        consumes: ["multipart/form-data"],
        querystring: workspaceQuery,
        response: { 200: z.unknown(), 201: z.unknown(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { file, fields } = await readUploadForm(req, {
        fields: ["mapping", "dryRun"],
        expected: "mit den Feldern „file“ und „mapping“",
        maxBytes: ctx.limits.maxImportBytes,
      });
      let mapping: unknown;
      try {
        mapping = JSON.parse(fields["mapping"] ?? "");
      } catch {
        throw new AppError("invalid_mapping", "Die Zuordnung fehlt oder ist kein gültiges JSON.");
      }
      const dryRun = (fields["dryRun"] ?? "false") === "true";
      const report = await importStays(
        ctx,
        membershipOf(req).workspace,
        { bytes: file.bytes, mapping, dryRun },
        actorOf(req),
      );
      return reply.code(dryRun ? 200 : 201).send(report);
    },
  );
}
