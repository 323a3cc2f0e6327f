/**
 * The accommodation module's reads under /api/accommodation: facilities, the monthly
 * statistic and its series, the forecast (each as the caller's audience may see it, kept
 * while the figures are unchanged), and for the roles that read records the records, the
 * WoBerichtsG delivery and the monthly check. Writes: accommodation-entries.routes.ts and
 * accommodation-closings.routes.ts.
 */
import {
  checkDto,
  facilityListDto,
  federalDeliveryDto,
  federalQuery,
  forecastDto,
  forecastQuery,
  occupancySeriesDto,
  seriesQuery,
  monthQuery,
  occupancyStatisticDto,
  recordsDto,
} from "../../contracts/accommodation.ts";
import { errorResponses, workspaceQuery } from "../../contracts/common.ts";
import { writeFederalCsv } from "../../exports/csv/federal-csv.ts";
import { z } from "zod";
import { monthlyCheck } from "../../services/accommodation/record-checks.ts";
import { federalDelivery } from "../../services/accommodation/federal.ts";
import { readRecords } from "../../services/accommodation/records.ts";
import {
  facilityList,
  federalDeliveryAnswer,
  forecastAnswer,
  occupancySeriesAnswer,
  occupancyStatisticAnswer,
} from "../../services/accommodation/answers.ts";
import {
  occupancyAudienceOf,
  occupancyStamp,
  type OccupancyAudience,
} from "../../services/accommodation/occupancy-views.ts";
import { JsonTextCache } from "../../services/json-text-cache.ts";
import type { Workspace } from "../../services/workspaces.ts";
import type { FastifyReply, FastifyRequest } from "fastify";
import { sendCached } from "../send-json-text.ts";
import { RECORD_ROLES } from "../../core/access/roles.ts";
import { actorOf, ANY_MEMBER, members, membershipOf } from "../access.ts";
import type { RouteDeps } from "../route-deps.ts";
import type { ZodApp } from "../zod-app.ts";

/** The workspace a member asks about and what they get of its statistic. */
function callerOf(req: FastifyRequest): { ws: Workspace; audience: OccupancyAudience } {
  const { workspace, role } = membershipOf(req);
  return { ws: workspace, audience: occupancyAudienceOf(role) };
}

export function registerAccommodationRoutes(app: ZodApp, { ctx }: RouteDeps): void {
  /** Serialised statistics and series by the state of the figures, caller class and months. */
  const answers = new JsonTextCache(500);

  /** Sends an answer kept while the figures are unchanged: a repeated read costs a lookup. */
  async function sendOccupancy(
    req: FastifyRequest,
    reply: FastifyReply,
    parts: readonly string[],
    compute: (ws: Workspace, audience: OccupancyAudience) => Promise<unknown>,
  ): Promise<FastifyReply> {
    const { ws, audience } = callerOf(req);
    const key = [await occupancyStamp(ctx, ws), audience, ...parts].join("|");
    return sendCached(reply, answers, key, () => compute(ws, audience));
  }

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
    async (req) => facilityList(ctx, membershipOf(req).workspace),
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
      const { from, to } = req.query;
      return sendOccupancy(req, reply, [from, to], (ws, audience) =>
        occupancySeriesAnswer(ctx, ws, audience, from, to),
      );
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
      const { month } = req.query;
      return sendOccupancy(req, reply, [month], (ws, audience) =>
        occupancyStatisticAnswer(ctx, ws, audience, month),
      );
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
      return federalDeliveryAnswer(r);
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
      const { ws, audience } = callerOf(req);
      return forecastAnswer(ctx, ws, audience, req.query.horizon, req.query.to);
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
}
