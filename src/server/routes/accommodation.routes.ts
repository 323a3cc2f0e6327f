import {
  capacityBody,
  changeResultDto,
  checkDto,
  closedVersionDto,
  monthParams,
  reopenBody,
  yearParams,
  facilityChangeBody,
  facilityCodeParams,
  facilityListDto,
  moveBody,
  moveInBody,
  moveOutBody,
  newFacilityBody,
  federalDeliveryDto,
  federalQuery,
  forecastDto,
  forecastQuery,
  MAX_SERIES_MONTHS,
  occupancySeriesDto,
  seriesQuery,
  monthQuery,
  occupancyStatisticDto,
  recordsBody,
  recordsDto,
  recordsResultDto,
  warningsDto,
} from "../../contracts/accommodation.ts";
import { errorResponses, workspaceQuery } from "../../contracts/common.ts";
import type { ProtectedFigures } from "../../core/accommodation/disclosure.ts";
import { monthsBetween, parseMonth } from "../../core/accommodation/days.ts";
import { writeFederalCsv } from "../../exports/csv/federal-csv.ts";
import { z } from "zod";
import {
  addFacilities,
  changeCapacity,
  updateFacilityDetails,
} from "../../services/accommodation/facilities.ts";
import { addRecords, importStays } from "../../services/accommodation/stay-import.ts";
import { monthlyCheck } from "../../services/accommodation/record-checks.ts";
import { moveHousehold, moveIn, moveOut } from "../../services/accommodation/entries.ts";
import { federalDelivery } from "../../services/accommodation/federal.ts";
import { getFacilities, recordSpan, readRecords } from "../../services/accommodation/records.ts";
import { AppError } from "../../services/app-error.ts";
import {
  closeMonth,
  markDelivered,
  reopenDelivery,
  reopenMonth,
} from "../../services/accommodation/closings.ts";
import { JsonTextCache } from "../../services/json-text-cache.ts";
import {
  forecastFor,
  occupancyStamp,
  seesRecords,
  seriesFor,
  statisticFor,
} from "../../services/accommodation/occupancy-views.ts";
import type { FastifyReply, FastifyRequest } from "fastify";
import { sendJsonText, sendNotModified } from "../send-json-text.ts";
import { readUploadForm } from "../upload-form.ts";
import { RECORD_ROLES } from "../../core/access/roles.ts";
import { actorOf, ANY_MEMBER, members, membershipOf } from "../access.ts";
import type { RouteDeps } from "../route-deps.ts";
import type { ZodApp } from "../zod-app.ts";

/** Sends a kept answer with its ETag (304 when the browser has it), private to the caller. */
function sendCached(
  req: FastifyRequest,
  reply: FastifyReply,
  entry: { body: string; etag: string },
): FastifyReply {
  reply.header("etag", entry.etag);
  reply.header("cache-control", "private, no-cache");
  if (req.headers["if-none-match"] === entry.etag) return sendNotModified(reply);
  return sendJsonText(reply, entry.body);
}

export function registerAccommodationRoutes(app: ZodApp, { ctx }: RouteDeps): void {
  /** Serialised statistics and series by the state of the figures, caller class and months. */
  const answers = new JsonTextCache(500);

  app.get(
    "/api/accommodation/facilities",
    {
      config: { access: ANY_MEMBER },
      schema: {
        tags: ["Unterkünfte"],
        summary: "Unterkünfte mit Art, Träger, Lage und Kapazität im Zeitverlauf",
        querystring: workspaceQuery,
        response: { 200: facilityListDto, ...errorResponses },
      },
    },
    async (req) => {
      const ws = membershipOf(req).workspace;
      const [facilities, span] = await Promise.all([getFacilities(ctx, ws), recordSpan(ctx, ws)]);
      return { facilities: facilities.map((f) => ({ ...f, capacity: [...f.capacity] })), span };
    },
  );

  app.get(
    "/api/accommodation/series",
    {
      config: { access: ANY_MEMBER, expensive: true },
      schema: {
        tags: ["Unterkünfte"],
        summary: "Belegung im Zeitverlauf: Kennzahlen je Monat (höchstens 120 Monate)",
        description:
          "Je Monat Personen und Haushalte am Stichtag, Plätze, Auslastung, Zu- und Abgänge insgesamt (und je Unterkunft für die Rollen Unterkünfte und Sozialplanung), mit denselben Zählregeln und derselben Geheimhaltung wie die Monatsstatistik: für alle anderen sind kleine Fallzahlen und jedes Feld, aus dem sie sich errechnen ließen, `null`.",
        querystring: seriesQuery,
        response: { 200: occupancySeriesDto, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { workspace: ws, role } = membershipOf(req);
      const { from, to } = req.query;
      const first = parseMonth(from);
      const last = parseMonth(to);
      if (!first || !last) {
        throw new AppError("invalid_input", `„${first ? to : from}“ ist kein Monat (JJJJ-MM).`);
      }
      const span = monthsBetween(first, last);
      if (span < 1 || span > MAX_SERIES_MONTHS) {
        throw new AppError(
          "invalid_input",
          `Der Zeitraum ${from} bis ${to} umfasst ${span < 1 ? "keinen" : span} Monat${span === 1 ? "" : "e"}; erlaubt sind 1 bis ${MAX_SERIES_MONTHS}.`,
        );
      }
      const full = seesRecords(role);
      // Kept serialised while the figures are unchanged: a repeated read costs a lookup.
      const key = `${await occupancyStamp(ctx, ws)}|${full ? "full" : "protected"}|${from}|${to}`;
      let entry = answers.get(key);
      if (!entry) {
        const slim = (f: ProtectedFigures) => ({
          persons: f.persons,
          households: f.households,
          places: f.places,
          occupancyRate: f.occupancyRate,
          entries: f.entries,
          exits: f.exits,
        });
        const body: z.infer<typeof occupancySeriesDto> = {
          disclosureControl: !full,
          minCount: full ? 0 : ws.minCount,
          months: (await seriesFor(ctx, ws, role, first, last)).map((s) => ({
            month: s.month,
            referenceDate: s.referenceDate,
            total: slim(s.total),
            byFacility: s.byFacility.map((f) => ({ code: f.code, figures: slim(f.figures) })),
          })),
        };
        entry = answers.set(key, JSON.stringify(body));
      }
      return sendCached(req, reply, entry);
    },
  );

  app.get(
    "/api/accommodation/statistic",
    {
      config: { access: ANY_MEMBER, expensive: true },
      schema: {
        tags: ["Unterkünfte"],
        summary: "Monatliche Belegungsstatistik (je Unterkunft, Art und insgesamt)",
        description:
          "Für die Rolle Unterkünfte und die Sozialplanung vollständig; für alle anderen nach Geheimhaltung: Fallzahlen unter der Mindestzahl des Arbeitsbereichs sind `null`, ebenso jedes Feld, aus dem sie sich über Summen, Gliederungen oder den Vormonat errechnen ließen; keine Gliederung je Unterkunft (`byFacility` leer). Zählregeln in `rules`.",
        querystring: monthQuery,
        response: { 200: occupancyStatisticDto, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { workspace: ws, role } = membershipOf(req);
      const full = seesRecords(role);
      const key = `${await occupancyStamp(ctx, ws)}|${full ? "full" : "protected"}|${req.query.month}`;
      let entry = answers.get(key);
      if (!entry) {
        const s = await statisticFor(ctx, ws, role, req.query.month);
        const body: z.infer<typeof occupancyStatisticDto> = {
          ...s,
          byFacility: [...s.byFacility],
          closing: { ...s.closing, changes: [...s.closing.changes] },
        };
        entry = answers.set(key, JSON.stringify(body));
      }
      return sendCached(req, reply, entry);
    },
  );

  app.get(
    "/api/accommodation/records",
    {
      config: { access: members(...RECORD_ROLES), expensive: true },
      schema: {
        tags: ["Unterkünfte"],
        summary: "Haushalte, Personen und Aufenthalte (pseudonym; jeder Abruf wird protokolliert)",
        querystring: workspaceQuery,
        response: { 200: recordsDto, ...errorResponses },
      },
    },
    async (req, reply) => {
      const r = await readRecords(
        ctx,
        membershipOf(req).workspace,
        actorOf(req),
        "Abruf über die API",
      );
      reply.header("cache-control", "private, no-store");
      return { households: r.households, persons: r.persons, stays: r.stays };
    },
  );

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

  app.get(
    "/api/accommodation/federal",
    {
      config: { access: members(...RECORD_ROLES), expensive: true },
      schema: {
        tags: ["Unterkünfte"],
        summary: "Lieferung zur Statistik untergebrachter wohnungsloser Personen (WoBerichtsG)",
        description:
          "Personen, die in der Nacht vom 31. Januar auf den 1. Februar untergebracht waren, mit den Merkmalen nach § 4 WoBerichtsG; nach dem AsylbLG Untergebrachte zählen nicht. `format=json`: Datensätze und geprüfte Zusammenfassung; `format=csv`: die Lieferdatei.",
        querystring: federalQuery,
        response: { 200: federalDeliveryDto.or(z.string()), ...errorResponses },
      },
    },
    async (req, reply) => {
      const ws = membershipOf(req).workspace;
      const r = await federalDelivery(ctx, ws, req.query.year, actorOf(req));
      reply.header("cache-control", "private, no-store");
      if (req.query.format === "csv") {
        return reply
          .type("text/csv; charset=utf-8")
          .header(
            "content-disposition",
            `attachment; filename="${ws.slug}-wohnungslosenstatistik-${req.query.year}.csv"`,
          )
          .send(writeFederalCsv(r.records));
      }
      const d = r.delivery;
      return {
        delivery: {
          ...d,
          changes: d.changes && {
            figures: [...d.changes.figures],
            added: [...d.changes.added],
            removed: [...d.changes.removed],
            changed: [...d.changes.changed],
          },
        },
        records: [...r.records],
        summary: { ...r.summary, notes: [...r.summary.notes] },
      };
    },
  );

  app.get(
    "/api/accommodation/forecast",
    {
      config: { access: ANY_MEMBER, expensive: true },
      schema: {
        tags: ["Unterkünfte"],
        summary: "Vorausschätzung des Platzbedarfs (6 bis 12 Monate) mit Spannweite",
        description:
          "Bestand-Fluss-Fortschreibung; Methode: docs/methods/occupancy.md, Abschnitt 4.",
        querystring: forecastQuery,
        response: { 200: forecastDto, ...errorResponses },
      },
    },
    async (req) => {
      const { workspace: ws, role } = membershipOf(req);
      const f = await forecastFor(ctx, ws, role, req.query.horizon, req.query.to);
      return { ...f, months: [...f.months] };
    },
  );

  // Monatsabschluss and the delivered WoBerichtsG file: closed, reopened with a reason.

  app.post(
    "/api/accommodation/months/:month/close",
    {
      config: { access: members(...RECORD_ROLES), expensive: true },
      schema: {
        tags: ["Unterkünfte"],
        summary: "Monat abschließen (Monatsabschluss): die Statistik gilt danach wie gemeldet",
        description:
          "Ein Monat wird nach seinem letzten Tag abgeschlossen, lückenlos nach dem Vormonat. Danach wird jede Änderung, die seine Zahlen ändern würde, abgewiesen (409 `month_closed`), bis er mit Begründung wieder geöffnet wird. Erneut abgeschlossen gilt er als berichtigt („r“). Methode: docs/methods/occupancy.md, Abschnitt 8.",
        params: monthParams,
        querystring: workspaceQuery,
        response: { 201: closedVersionDto, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ws = membershipOf(req).workspace;
      const r = await closeMonth(ctx, ws, req.params.month, actorOf(req));
      return reply.code(201).send(r);
    },
  );

  app.post(
    "/api/accommodation/months/:month/reopen",
    {
      config: { access: members(...RECORD_ROLES) },
      schema: {
        tags: ["Unterkünfte"],
        summary: "Abgeschlossenen Monat mit Begründung wieder öffnen (protokolliert)",
        params: monthParams,
        querystring: workspaceQuery,
        body: reopenBody,
        response: { 200: closedVersionDto, ...errorResponses },
      },
    },
    async (req) =>
      reopenMonth(
        ctx,
        membershipOf(req).workspace,
        req.params.month,
        req.body.reason,
        actorOf(req),
      ),
  );

  app.post(
    "/api/accommodation/federal/:year/deliver",
    {
      config: { access: members(...RECORD_ROLES), expensive: true },
      schema: {
        tags: ["Unterkünfte"],
        summary: "WoBerichtsG-Lieferung eines Jahres als geliefert vermerken",
        description:
          "Die Datensätze und die Zusammenfassung werden so gespeichert, wie sie geliefert wurden; eine Änderung, die sie ändern würde, wird danach abgewiesen (409 `delivery_closed`), bis die Lieferung mit Begründung wieder geöffnet wird.",
        params: yearParams,
        querystring: workspaceQuery,
        response: { 201: closedVersionDto, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ws = membershipOf(req).workspace;
      const r = await markDelivered(ctx, ws, req.params.year, actorOf(req));
      return reply.code(201).send(r);
    },
  );

  app.post(
    "/api/accommodation/federal/:year/reopen",
    {
      config: { access: members(...RECORD_ROLES) },
      schema: {
        tags: ["Unterkünfte"],
        summary: "Gelieferte WoBerichtsG-Datei mit Begründung wieder öffnen (protokolliert)",
        params: yearParams,
        querystring: workspaceQuery,
        body: reopenBody,
        response: { 200: closedVersionDto, ...errorResponses },
      },
    },
    async (req) =>
      reopenDelivery(
        ctx,
        membershipOf(req).workspace,
        req.params.year,
        req.body.reason,
        actorOf(req),
      ),
  );

  // Entry forms of the accommodation staff: each change checked like a delivery.

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

  app.get(
    "/api/accommodation/check",
    {
      config: { access: members(...RECORD_ROLES), expensive: true },
      schema: {
        tags: ["Unterkünfte"],
        summary: "Monatsprüfung: Auffälligkeiten der Datensätze eines Monats",
        querystring: monthQuery,
        response: { 200: checkDto, ...errorResponses },
      },
    },
    async (req) => ({
      month: req.query.month,
      findings: await monthlyCheck(ctx, membershipOf(req).workspace, req.query.month),
    }),
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
