import { z } from "zod";
import { errorResponses, workspaceQuery } from "../../contracts/common.ts";
import {
  indicatorDto,
  indicatorSeriesDto,
  indicatorSeriesQuery,
  indicatorValueSetDto,
  indicatorValuesQuery,
} from "../../contracts/indicators.ts";
import { getIndicator, getIndicators } from "../../services/catalogue-read.ts";
import {
  computeIndicatorSeries,
  computeIndicatorValueSet,
} from "../../services/indicator-values.ts";
import { resolveWorkspace, resolveWorkspaceCached } from "../../services/workspaces.ts";
import type { RouteDeps } from "../app.ts";
import { sendJsonText, sendNotModified } from "../send-json-text.ts";
import type { ZodApp } from "../zod-app.ts";

const codeParams = z.object({ code: z.string().min(1).max(64) });

export function registerIndicatorRoutes(app: ZodApp, { ctx, indicatorCache }: RouteDeps): void {
  ctx.dataChanged.subscribe((wsId) => indicatorCache.dropWorkspace(wsId));

  app.get(
    "/api/indicators",
    {
      schema: {
        tags: ["Indikatoren"],
        summary: "Indikatorenkatalog mit Kennzahlenblättern",
        querystring: workspaceQuery,
        response: { 200: z.array(indicatorDto), ...errorResponses },
      },
    },
    async (req) => getIndicators(ctx, await resolveWorkspace(ctx, req.query.workspace)),
  );

  app.get(
    "/api/indicators/:code",
    {
      schema: {
        tags: ["Indikatoren"],
        summary: "Ein Indikator mit seinem Kennzahlenblatt",
        params: codeParams,
        querystring: workspaceQuery,
        response: { 200: indicatorDto, ...errorResponses },
      },
    },
    async (req) =>
      getIndicator(ctx, await resolveWorkspace(ctx, req.query.workspace), req.params.code),
  );

  app.get(
    "/api/indicators/:code/values",
    {
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
      const ws = await resolveWorkspaceCached(ctx, q.workspace);
      const key = indicatorCache.key(ws.id, ws.dataVersion, [
        req.params.code,
        q.period,
        q.level,
        q.disclosure,
      ]);
      let entry = indicatorCache.get(key);
      if (!entry) {
        const set = await computeIndicatorValueSet(ctx, ws, req.params.code, {
          period: q.period,
          level: q.level,
          disclosure: q.disclosure === "on",
        });
        entry = indicatorCache.set(key, JSON.stringify(set));
      }
      reply.header("etag", entry.etag);
      reply.header("cache-control", "private, no-cache");
      if (req.headers["if-none-match"] === entry.etag) return sendNotModified(reply);
      return sendJsonText(reply, entry.body);
    },
  );

  app.get(
    "/api/indicators/:code/series",
    {
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
      const ws = await resolveWorkspace(ctx, q.workspace);
      return computeIndicatorSeries(ctx, ws, req.params.code, q.area, q.disclosure === "on");
    },
  );
}
