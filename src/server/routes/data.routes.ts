import { z } from "zod";
import { databaseId, errorResponses, workspaceQuery } from "../../contracts/common.ts";
import {
  correctionBody,
  reliabilityBody,
  reviewDecisionBody,
  reviewDto,
  reviewsQuery,
  undoBody,
  valueHistoryDto,
  historyQuery,
  observationPage,
  observationsQuery,
  periodDto,
  revisionDto,
  variableDto,
} from "../../contracts/data.ts";
import { getPeriods, getVariables } from "../../services/indicators/catalogue-read.ts";
import { getObservationHistory, getObservations } from "../../services/data/observations.ts";
import {
  correctValue,
  getValueHistory,
  markValueReliability,
  undoCorrection,
} from "../../services/data/value-corrections.ts";
import { decideOnReview, getReviews } from "../../services/data/value-review.ts";
import { ANY_MEMBER, DATA_STAFF, actorOf, audienceOf, members, membershipOf } from "../access.ts";
import type { RouteDeps } from "../route-deps.ts";
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

  // Values held for review and corrections by hand: the social planning staff decide what
  // the council and the public read (docs/methods/value-marks.md).
  const PLANNERS = members("planner");

  app.get(
    "/api/reviews",
    {
      config: { access: PLANNERS },
      schema: {
        tags: ["Daten"],
        summary: "Prüfliste: auffällige Werte („zu prüfen“) und ihre Entscheidungen",
        description:
          "Werte, die die Plausibilitätsprüfung eines Imports markiert hat (Sprung in der eigenen Reihe, Ausreißer unter den Gebieten, Summe der Teilgebiete ≠ Gebiet). `state=open`: die noch offenen der aktuellen Werte; `all`: alle mit Entscheidung.",
        querystring: reviewsQuery,
        response: { 200: z.array(reviewDto), ...errorResponses },
      },
    },
    async (req) =>
      getReviews(ctx, membershipOf(req).workspace, { state: req.query.state }, audienceOf(req)),
  );

  app.post(
    "/api/reviews/:id/decision",
    {
      config: { access: PLANNERS },
      schema: {
        tags: ["Daten"],
        summary: "Auffälligen Wert bestätigen oder als „( )“ bzw. „/“ kennzeichnen",
        querystring: workspaceQuery,
        params: z.object({ id: databaseId }),
        body: reviewDecisionBody,
        response: { 200: reviewDto, ...errorResponses },
      },
    },
    async (req) =>
      decideOnReview(
        ctx,
        membershipOf(req).workspace,
        actorOf(req),
        req.params.id,
        req.body,
        audienceOf(req),
      ),
  );

  app.get(
    "/api/values/history",
    {
      config: { access: PLANNERS },
      schema: {
        tags: ["Daten"],
        summary: "Ein Wert mit allen Revisionen, Importen, Korrekturen und Prüfungen",
        querystring: historyQuery,
        response: { 200: valueHistoryDto, ...errorResponses },
      },
    },
    async (req) => getValueHistory(ctx, membershipOf(req).workspace, req.query, audienceOf(req)),
  );

  app.post(
    "/api/values/corrections",
    {
      config: { access: PLANNERS },
      schema: {
        tags: ["Daten"],
        summary: "Einen Wert korrigieren (neue Revision mit Begründung)",
        querystring: workspaceQuery,
        body: correctionBody,
        response: { 200: valueHistoryDto, ...errorResponses },
      },
    },
    async (req) =>
      correctValue(ctx, membershipOf(req).workspace, actorOf(req), req.body, audienceOf(req)),
  );

  app.post(
    "/api/values/corrections/undo",
    {
      config: { access: PLANNERS },
      schema: {
        tags: ["Daten"],
        summary: "Die letzte Korrektur eines Wertes zurücknehmen",
        querystring: workspaceQuery,
        body: undoBody,
        response: { 200: valueHistoryDto, ...errorResponses },
      },
    },
    async (req) =>
      undoCorrection(ctx, membershipOf(req).workspace, actorOf(req), req.body, audienceOf(req)),
  );

  app.post(
    "/api/values/reliability",
    {
      config: { access: PLANNERS },
      schema: {
        tags: ["Daten"],
        summary: "Einen Wert als eingeschränkt aussagefähig oder nicht sicher genug kennzeichnen",
        querystring: workspaceQuery,
        body: reliabilityBody,
        response: { 200: valueHistoryDto, ...errorResponses },
      },
    },
    async (req) =>
      markValueReliability(
        ctx,
        membershipOf(req).workspace,
        actorOf(req),
        req.body,
        audienceOf(req),
      ),
  );
}
