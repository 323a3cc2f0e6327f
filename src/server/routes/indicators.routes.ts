import { z } from "zod";
import { errorResponses, workspaceQuery } from "../../contracts/common.ts";
import {
  indicatorDto,
  indicatorSeriesDto,
  indicatorSeriesQuery,
  indicatorValueSetDto,
  indicatorValuesQuery,
  fromVariableBody,
} from "../../contracts/indicators.ts";
import { getIndicator, getIndicators } from "../../services/indicators/catalogue-read.ts";
import {
  computeIndicatorSeries,
  computeIndicatorValueSet,
} from "../../services/indicators/indicator-values.ts";
import { ANY_MEMBER, actorOf, audienceOf, members, membershipOf } from "../access.ts";
import { createCountIndicator } from "../../services/indicators/count-indicator.ts";
import type { FastifyRequest } from "fastify";
import type { RouteDeps } from "../route-deps.ts";
import { sendCached } from "../send-json-text.ts";
import type { ZodApp } from "../zod-app.ts";

const codeParams = z.object({ code: z.string().min(1).max(64) });

/** Who changed a sheet is named in its Formelverlauf for those who edit sheets only. */
const editsSheets = (req: FastifyRequest) =>
  membershipOf(req).role === "planner" || membershipOf(req).role === "admin";

export function registerIndicatorRoutes(app: ZodApp, { ctx, indicatorCache }: RouteDeps): void {
  ctx.dataChanged.subscribe((wsId) => indicatorCache.dropWorkspace(wsId));

  app.get(
    "/api/indicators",
    {
      config: { access: ANY_MEMBER },
      schema: {
        tags: ["Indikatoren"],
        summary: "Indikatorenkatalog mit Kennzahlenblättern",
        querystring: workspaceQuery,
        response: { 200: z.array(indicatorDto), ...errorResponses },
      },
    },
    async (req) =>
      getIndicators(ctx, membershipOf(req).workspace, audienceOf(req), {
        withActors: editsSheets(req),
      }),
  );

  app.post(
    "/api/indicators/from-variable",
    {
      config: { access: members("admin", "planner") },
      schema: {
        tags: ["Indikatoren"],
        summary: "Indikator anlegen: die Anzahl eines Merkmals, das noch kein Indikator zeigt",
        description:
          "Legt einen Indikator an, der das Merkmal selbst zeigt (ohne Bezugsgröße, Polarität neutral, Thema „Weitere Merkmale“, Veröffentlichung intern), damit seine Werte im Atlas, in der Indikatorenliste und in Berichten erscheinen – mit derselben Geheimhaltung wie jeder Indikator. 409, wenn es diesen Indikator schon gibt.",
        querystring: workspaceQuery,
        body: fromVariableBody,
        response: { 201: indicatorDto, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ws = membershipOf(req).workspace;
      const row = await createCountIndicator(ctx, ws, req.body.variable, actorOf(req));
      return reply.code(201).send(await getIndicator(ctx, ws, row.code, audienceOf(req)));
    },
  );

  app.get(
    "/api/indicators/:code",
    {
      config: { access: ANY_MEMBER },
      schema: {
        tags: ["Indikatoren"],
        summary: "Ein Indikator mit seinem Kennzahlenblatt",
        params: codeParams,
        querystring: workspaceQuery,
        response: { 200: indicatorDto, ...errorResponses },
      },
    },
    async (req) =>
      getIndicator(ctx, membershipOf(req).workspace, req.params.code, audienceOf(req), {
        withActors: editsSheets(req),
      }),
  );

  app.get(
    "/api/indicators/:code/values",
    {
      config: { access: ANY_MEMBER },
      schema: {
        tags: ["Indikatoren"],
        summary: "Kartenfertige Werte: ein Indikator, ein Zeitraum, alle Gebiete einer Ebene",
        description:
          "Mit Vergleich zur Stadt, Rang und Veränderung zum Vorzeitraum. Geheimhaltung (Mindestfallzahl und sekundäre Sperrung) ist standardmäßig angewandt; gesperrte Werte haben `status: suppressed` und den Grund.",
        params: codeParams,
        querystring: indicatorValuesQuery,
        response: { 200: indicatorValueSetDto, ...errorResponses },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const ws = membershipOf(req).workspace;
      const audience = audienceOf(req);
      const key = indicatorCache.key(ws.id, ws.dataVersion, [
        req.params.code,
        q.period,
        q.level,
        q.disclosure,
        audience,
      ]);
      return sendCached(reply, indicatorCache, key, () =>
        computeIndicatorValueSet(ctx, ws, req.params.code, {
          period: q.period,
          level: q.level,
          disclosure: q.disclosure === "on",
          audience,
        }),
      );
    },
  );

  app.get(
    "/api/indicators/:code/series",
    {
      config: { access: ANY_MEMBER },
      schema: {
        tags: ["Indikatoren"],
        summary: "Zeitreihe eines Indikators für ein Gebiet, mit der Stadt zum Vergleich",
        params: codeParams,
        querystring: indicatorSeriesQuery,
        response: { 200: indicatorSeriesDto, ...errorResponses },
      },
    },
    async (req) => {
      const q = req.query;
      const ws = membershipOf(req).workspace;
      return computeIndicatorSeries(ctx, ws, req.params.code, q.area, {
        disclosure: q.disclosure === "on",
        audience: audienceOf(req),
      });
    },
  );
}
