import { z } from "zod";
import { errorResponses, workspaceQuery } from "../../contracts/common.ts";
import {
  historyQuery,
  observationPage,
  observationsQuery,
  periodDto,
  revisionDto,
  variableDto,
} from "../../contracts/data.ts";
import { getPeriods, getVariables } from "../../services/catalogue-read.ts";
import { getObservationHistory, getObservations } from "../../services/observations.ts";
import { ANY_MEMBER, DATA_STAFF, audienceOf, membershipOf } from "../access.ts";
import type { RouteDeps } from "../app.ts";
import type { ZodApp } from "../zod-app.ts";

export function registerDataRoutes(app: ZodApp, { ctx }: RouteDeps): void {
  app.get(
    "/api/variables",
    {
      config: { access: ANY_MEMBER },
      schema: {
        tags: ["Daten"],
        summary: "Merkmale (Grunddaten) mit Quelle und Lizenz",
        querystring: workspaceQuery,
        response: { 200: z.array(variableDto), ...errorResponses },
      },
    },
    async (req) => getVariables(ctx, membershipOf(req).workspace, audienceOf(req)),
  );

  app.get(
    "/api/periods",
    {
      config: { access: ANY_MEMBER },
      schema: {
        tags: ["Daten"],
        summary: "Zeiträume und Stichtage mit Daten",
        querystring: workspaceQuery,
        response: { 200: z.array(periodDto), ...errorResponses },
      },
    },
    async (req) => getPeriods(ctx, membershipOf(req).workspace),
  );

  app.get(
    "/api/observations",
    {
      config: { access: DATA_STAFF },
      schema: {
        tags: ["Daten"],
        summary: "Beobachtungen (Merkmal × Gebiet × Zeitraum), aktuelle Revision",
        querystring: observationsQuery,
        response: { 200: observationPage, ...errorResponses },
      },
    },
    async (req) => {
      const q = req.query;
      const ws = membershipOf(req).workspace;
      const page = await getObservations(ctx, ws, q, audienceOf(req));
      return { total: page.total, limit: q.limit, offset: q.offset, items: page.items };
    },
  );

  app.get(
    "/api/observations/history",
    {
      config: { access: DATA_STAFF },
      schema: {
        tags: ["Daten"],
        summary: "Alle Revisionen eines Wertes (Korrekturen überschreiben nie)",
        querystring: historyQuery,
        response: { 200: z.array(revisionDto), ...errorResponses },
      },
    },
    async (req) => {
      const q = req.query;
      return getObservationHistory(ctx, membershipOf(req).workspace, q, audienceOf(req));
    },
  );
}
