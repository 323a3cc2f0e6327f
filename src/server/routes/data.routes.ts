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
import { resolveWorkspace } from "../../services/workspaces.ts";
import type { RouteDeps } from "../app.ts";
import type { ZodApp } from "../zod-app.ts";

export function registerDataRoutes(app: ZodApp, { ctx }: RouteDeps): void {
  app.get(
    "/api/variables",
    {
      schema: {
        tags: ["Daten"],
        summary: "Merkmale (Grunddaten) mit Quelle und Lizenz",
        querystring: workspaceQuery,
        response: { 200: z.array(variableDto), ...errorResponses },
      },
    },
    async (req) => getVariables(ctx, await resolveWorkspace(ctx, req.query.workspace)),
  );

  app.get(
    "/api/periods",
    {
      schema: {
        tags: ["Daten"],
        summary: "Zeiträume und Stichtage mit Daten",
        querystring: workspaceQuery,
        response: { 200: z.array(periodDto), ...errorResponses },
      },
    },
    async (req) => getPeriods(ctx, await resolveWorkspace(ctx, req.query.workspace)),
  );

  app.get(
    "/api/observations",
    {
      schema: {
        tags: ["Daten"],
        summary: "Beobachtungen (Merkmal × Gebiet × Zeitraum), aktuelle Revision",
        querystring: observationsQuery,
        response: { 200: observationPage, ...errorResponses },
      },
    },
    async (req) => {
      const q = req.query;
      const ws = await resolveWorkspace(ctx, q.workspace);
      const page = await getObservations(ctx, ws, q);
      return { total: page.total, limit: q.limit, offset: q.offset, items: page.items };
    },
  );

  app.get(
    "/api/observations/history",
    {
      schema: {
        tags: ["Daten"],
        summary: "Alle Revisionen eines Wertes (Korrekturen überschreiben nie)",
        querystring: historyQuery,
        response: { 200: z.array(revisionDto), ...errorResponses },
      },
    },
    async (req) => {
      const q = req.query;
      return getObservationHistory(ctx, await resolveWorkspace(ctx, q.workspace), q);
    },
  );
}
