/**
 * Ziele & Maßnahmen: the strategic programme (themes, goals with lights, measures, resources),
 * what is due, and the changes planners and measure owners make. Budget lines come in through
 * the one import route (`POST /api/imports` with a mapping of kind `budget`).
 */
import { z } from "zod";
import {
  codeParams,
  dueListDto,
  goalBody,
  goalIndicatorBody,
  goalIndicatorParams,
  measureBody,
  measureProgressBody,
  performanceMeasureBody,
  performanceValuesBody,
  programmeDto,
  storyBody,
  themeBody,
} from "../../contracts/controlling.ts";
import { catalogueCode } from "../../contracts/documents/catalogue.ts";
import { errorResponses, workspaceQuery } from "../../contracts/common.ts";
import { getDueList } from "../../services/controlling/due-list.ts";
import { getProgramme } from "../../services/controlling/programme-read.ts";
import {
  addGoalIndicator,
  addStory,
  saveGoal,
  saveMeasure,
  saveMeasureProgress,
  savePerformanceMeasure,
  savePerformanceValues,
  saveTheme,
  type Writer,
} from "../../services/controlling/programme-write.ts";
import { ANY_MEMBER, actorOf, members, membershipOf } from "../access.ts";
import type { RouteDeps } from "../route-deps.ts";
import type { ZodApp } from "../zod-app.ts";
import type { FastifyRequest } from "fastify";

/** The planning staff run the cycle; measure owners (specialist departments) report on theirs. */
const PLANNERS = members("planner");
const REPORTERS = members("planner", "contributor");
const TAGS = ["Ziele & Maßnahmen"];
const done = { 204: z.null(), ...errorResponses };

function writer(req: FastifyRequest): Writer {
  return { actor: actorOf(req), role: membershipOf(req).role };
}

export function registerControllingRoutes(app: ZodApp, { ctx }: RouteDeps): void {
  app.get(
    "/api/controlling/programme",
    {
      config: { access: ANY_MEMBER },
      schema: {
        tags: TAGS,
        summary: "Das Programm: Themen, Ziele mit Ampeln, Maßnahmen, Ressourcen",
        description:
          "Die Sozialplanung, die Fachdienste und die Verwaltung sehen alle Ziele; der Rat nur freigegebene Ziele, die Maßnahmen dazu und ihre Mittel. Werte aus dem Katalog durchlaufen für alle außer der Sozialplanung die Geheimhaltung; eine Ampel beruht nur auf Werten, die ihr Leser sehen darf.",
        querystring: workspaceQuery,
        response: { 200: programmeDto, ...errorResponses },
      },
    },
    async (req) => {
      const m = membershipOf(req);
      return getProgramme(ctx, m.workspace, { role: m.role, userId: req.user?.userId ?? null });
    },
  );

  app.get(
    "/api/controlling/due",
    {
      config: { access: REPORTERS },
      schema: {
        tags: TAGS,
        summary:
          "Was fällig ist: fehlende Kennzahlwerte, überfällige Meilensteine, ungeschriebene Geschichten",
        querystring: workspaceQuery,
        response: { 200: dueListDto, ...errorResponses },
      },
    },
    async (req) => {
      const m = membershipOf(req);
      return getDueList(ctx, m.workspace, { role: m.role, userId: req.user?.userId ?? null });
    },
  );

  app.post(
    "/api/controlling/themes",
    {
      config: { access: PLANNERS },
      schema: {
        tags: TAGS,
        summary: "Ein Querschnittsthema anlegen oder ändern (nach Code)",
        querystring: workspaceQuery,
        body: themeBody,
        response: done,
      },
    },
    async (req, reply) => {
      await saveTheme(ctx, membershipOf(req).workspace, req.body, writer(req));
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/api/controlling/goals",
    {
      config: { access: PLANNERS },
      schema: {
        tags: TAGS,
        summary: "Ein Ziel anlegen oder ändern (nach Code)",
        description:
          "Leitziel → Handlungsziel → Wirkungs- oder Ergebnisziel (Leistungsziel); ein Ziel unter einem Leitziel braucht `parent`. `release: released` gibt es für den Rat frei.",
        querystring: workspaceQuery,
        body: goalBody,
        response: done,
      },
    },
    async (req, reply) => {
      await saveGoal(ctx, membershipOf(req).workspace, req.body, writer(req));
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/api/controlling/goals/:code/indicators",
    {
      config: { access: PLANNERS },
      schema: {
        tags: TAGS,
        summary: "Einem Ziel einen Zielindikator geben: Ausgangswert, Zielwert, Art des Ziels",
        description:
          "Ein Indikator des Katalogs für ein Gebiet (`indicator`, `area`) oder eine Kennzahl einer Maßnahme (`performanceMeasure`). Ein Zieljahr vor dem Ausgangsjahr und ein Ziel gegen die Polarität des Indikators werden abgelehnt. `replaces` ersetzt ein geändertes Ziel; das alte bleibt sichtbar.",
        params: codeParams,
        querystring: workspaceQuery,
        body: goalIndicatorBody,
        response: { 201: z.object({ id: z.int() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const id = await addGoalIndicator(
        ctx,
        membershipOf(req).workspace,
        req.params.code,
        req.body,
        writer(req),
      );
      return reply.code(201).send({ id });
    },
  );

  app.post(
    "/api/controlling/goals/:code/indicators/:id/stories",
    {
      config: { access: REPORTERS },
      schema: {
        tags: TAGS,
        summary: "Die Geschichte hinter der Kurve für einen Zeitraum schreiben",
        description:
          "Frühere Fassungen bleiben erhalten. Fachdienste schreiben zu Zielen, denen ihre Maßnahmen dienen.",
        params: goalIndicatorParams,
        querystring: workspaceQuery,
        body: storyBody,
        response: done,
      },
    },
    async (req, reply) => {
      await addStory(
        ctx,
        membershipOf(req).workspace,
        req.params.code,
        req.params.id,
        req.body,
        writer(req),
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/api/controlling/measures",
    {
      config: { access: PLANNERS },
      schema: {
        tags: TAGS,
        summary: "Eine Maßnahme anlegen oder ändern (nach Code)",
        description:
          "`editors`: die Mitglieder (E-Mail), die über die Maßnahme berichten; Fachdienste ändern nur Maßnahmen, bei denen sie eingetragen sind.",
        querystring: workspaceQuery,
        body: measureBody,
        response: done,
      },
    },
    async (req, reply) => {
      await saveMeasure(ctx, membershipOf(req).workspace, req.body, writer(req));
      return reply.code(204).send(null);
    },
  );

  app.put(
    "/api/controlling/measures/:code/progress",
    {
      config: { access: REPORTERS },
      schema: {
        tags: TAGS,
        summary: "Über eine Maßnahme berichten: Stand, Meilensteine, Beschreibung",
        params: codeParams,
        querystring: workspaceQuery,
        body: measureProgressBody,
        response: done,
      },
    },
    async (req, reply) => {
      await saveMeasureProgress(
        ctx,
        membershipOf(req).workspace,
        req.params.code,
        req.body,
        writer(req),
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/api/controlling/measures/:code/performance-measures",
    {
      config: { access: REPORTERS },
      schema: {
        tags: TAGS,
        summary:
          "Eine Kennzahl der Maßnahme anlegen oder ändern: Wie viel? Wie gut? Geht es jemandem besser?",
        params: codeParams,
        querystring: workspaceQuery,
        body: performanceMeasureBody,
        response: done,
      },
    },
    async (req, reply) => {
      await savePerformanceMeasure(
        ctx,
        membershipOf(req).workspace,
        req.params.code,
        req.body,
        writer(req),
      );
      return reply.code(204).send(null);
    },
  );

  app.put(
    "/api/controlling/measures/:code/performance-measures/:pm/values",
    {
      config: { access: REPORTERS },
      schema: {
        tags: TAGS,
        summary: "Werte einer Kennzahl je Zeitraum eintragen",
        description:
          "Alle oder keiner: ein Zeitraum außerhalb der Laufzeit der Maßnahme wird abgelehnt.",
        params: codeParams.extend({ pm: catalogueCode }),
        querystring: workspaceQuery,
        body: performanceValuesBody,
        response: done,
      },
    },
    async (req, reply) => {
      await savePerformanceValues(
        ctx,
        membershipOf(req).workspace,
        req.params.code,
        req.params.pm,
        req.body,
        writer(req),
      );
      return reply.code(204).send(null);
    },
  );
}
