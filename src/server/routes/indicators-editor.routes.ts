/**
 * The indicator editor: create and change sheets, preview the values of a formula before it
 * is saved, read a sheet's formula history, and change a variable's metadata. For the
 * workspace's planners and administrators; publication states stay the planners' decision.
 */
import { z } from "zod";
import { errorResponses, workspaceQuery } from "../../contracts/common.ts";
import {
  indicatorCreateBody,
  indicatorHistoryDto,
  indicatorPreviewBody,
  indicatorPreviewDto,
  indicatorPreviewQuery,
  indicatorSavedDto,
  indicatorUpdateBody,
  variableSavedDto,
  variableUpdateBody,
} from "../../contracts/indicators-editor.ts";
import {
  createIndicator,
  getIndicatorHistory,
  previewIndicator,
  updateIndicator,
  updateVariable,
  type Editor,
} from "../../services/indicators/indicator-editor.ts";
import { actorOf, audienceOf, members, membershipOf } from "../access.ts";
import type { FastifyRequest } from "fastify";
import type { RouteDeps } from "../route-deps.ts";
import type { ZodApp } from "../zod-app.ts";

const EDITORS = members("admin", "planner");
const codeParams = z.strictObject({ code: z.string().min(1).max(64) });

function editorOf(req: FastifyRequest): Editor {
  return {
    actor: actorOf(req),
    audience: audienceOf(req),
    mayPublish: membershipOf(req).role === "planner",
  };
}

export function registerIndicatorEditorRoutes(app: ZodApp, { ctx }: RouteDeps): void {
  app.post(
    "/api/indicators",
    {
      config: { access: EDITORS },
      schema: {
        tags: ["Indikatoren"],
        summary: "Indikator anlegen: Formel und Kennzahlenblatt",
        description:
          "Zähler und Nenner sind Summen von Merkmalen. Jeder Fehler wird an seinem Feld genannt (unbekanntes Merkmal mit Kürzel, Nenner gleich Zähler, vergebenes Kürzel …); dann wird nichts gespeichert. Die Antwort enthält das gespeicherte Blatt und die Hinweise zur Formel. Den Veröffentlichungsstand setzt nur die Sozialplanung (ohne Angabe: intern).",
        querystring: workspaceQuery,
        body: indicatorCreateBody,
        response: { 201: indicatorSavedDto, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await createIndicator(ctx, membershipOf(req).workspace, req.body, editorOf(req))),
  );

  app.post(
    "/api/indicators/preview",
    {
      config: { access: EDITORS, expensive: true },
      schema: {
        tags: ["Indikatoren"],
        summary: "Vorschau: die Werte eines Kennzahlenblatts, ohne es zu speichern",
        description:
          "Werte je Gebiet einer Ebene für den neuesten Zeitraum mit Daten (oder `period`), mit derselben Geheimhaltung wie der Atlas – immer angewandt, auch für die Sozialplanung – und den Hinweisen zur Formel.",
        querystring: indicatorPreviewQuery,
        body: indicatorPreviewBody,
        response: { 200: indicatorPreviewDto, ...errorResponses },
      },
    },
    async (req) =>
      previewIndicator(
        ctx,
        membershipOf(req).workspace,
        req.body,
        { period: req.query.period, level: req.query.level },
        audienceOf(req),
      ),
  );

  app.put(
    "/api/indicators/:code",
    {
      config: { access: EDITORS },
      schema: {
        tags: ["Indikatoren"],
        summary: "Kennzahlenblatt und Formel eines Indikators ändern",
        description:
          "Alle Felder des Blatts. Jede Änderung steht im Protokoll und im Formelverlauf (`/history`), mit dem ganzen Blatt vorher und nachher.",
        params: codeParams,
        querystring: workspaceQuery,
        body: indicatorUpdateBody,
        response: { 200: indicatorSavedDto, ...errorResponses },
      },
    },
    async (req) =>
      updateIndicator(ctx, membershipOf(req).workspace, req.params.code, req.body, editorOf(req)),
  );

  app.get(
    "/api/indicators/:code/history",
    {
      config: { access: EDITORS },
      schema: {
        tags: ["Indikatoren"],
        summary: "Formelverlauf: jede Änderung des Kennzahlenblatts, neueste zuerst",
        params: codeParams,
        querystring: workspaceQuery,
        response: { 200: indicatorHistoryDto, ...errorResponses },
      },
    },
    async (req) =>
      getIndicatorHistory(ctx, membershipOf(req).workspace, req.params.code, audienceOf(req)),
  );

  app.put(
    "/api/variables/:code",
    {
      config: { access: EDITORS },
      schema: {
        tags: ["Indikatoren"],
        summary: "Angaben eines Merkmals ändern (Name, Einheit, Art, Summierung, Quelle …)",
        description:
          "Ändert sich Art (Bestand/Ereignisse) oder Summierung eines Merkmals, das schon Werte hat, wird die Änderung gespeichert und in `warnings` benannt. Jede Änderung steht im Protokoll.",
        params: codeParams,
        querystring: workspaceQuery,
        body: variableUpdateBody,
        response: { 200: variableSavedDto, ...errorResponses },
      },
    },
    async (req) =>
      updateVariable(ctx, membershipOf(req).workspace, req.params.code, req.body, editorOf(req)),
  );
}
