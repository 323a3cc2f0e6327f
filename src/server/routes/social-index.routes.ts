/**
 * The social index and area types routes: computing an index or a typology from the stored
 * values without keeping it, the dashboard's alerts, and stored index definitions as versions.
 * Their runs are in social-index-runs.routes.ts.
 */
import { errorResponses, workspaceQuery } from "../../contracts/common.ts";
import {
  alertListDto,
  alertsQuery,
  indexCodeParams,
  indexDto,
  indexListDto,
  indexVersionQuery,
  saveIndexRequest,
  savedIndexDto,
  socialIndexRequest,
  socialIndexResultDto,
  typologyRequest,
  typologyResultDto,
} from "../../contracts/social-index.ts";
import { parseIndexDefinition } from "../../contracts/documents/index-definition.ts";
import type { IndexDefinition } from "../../core/social-index/definition.ts";
import { computeAlerts } from "../../services/social-index/alerts.ts";
import { AppError } from "../../services/app-error.ts";
import { listRuns } from "../../services/social-index/index-runs.ts";
import {
  getIndex,
  listIndices,
  saveIndexDefinition,
} from "../../services/social-index/index-definitions.ts";
import { computeStoredIndex } from "../../services/social-index/social-index.ts";
import { computeTypology } from "../../services/social-index/typology.ts";
import { actorOf, audienceOf, membershipOf, members } from "../access.ts";
import type { RouteDeps } from "../route-deps.ts";
import type { ZodApp } from "../zod-app.ts";
import { summaryJson, versionJson } from "./social-index-json.ts";

/** A definition as the API accepts it: the schema's shape, then the definition's own rules. */
function parsedDefinition(json: unknown): IndexDefinition {
  const definition = parseIndexDefinition(json);
  if (!definition.ok) {
    throw new AppError("invalid_input", "Die Indexdefinition ist fehlerhaft.", {
      problems: definition.error,
    });
  }
  return definition.value;
}

export function registerSocialIndexRoutes(app: ZodApp, { ctx }: RouteDeps): void {
  app.post(
    "/api/analyses/social-index",
    {
      // Index classes can stigmatise neighbourhoods: computed by the social planning staff,
      // who decide what is published (docs/methods/social-index.md).
      config: { access: members("planner"), expensive: true },
      schema: {
        tags: ["Analysen"],
        summary: "Sozialindex aus den gespeicherten Werten berechnen (ohne zu speichern)",
        description:
          "Status- und Dynamikindex nach der Methode des Berliner Monitorings Soziale Stadtentwicklung: z-Standardisierung, Summen, Klassen, Status-Dynamik-Gruppen, Ausschlüsse. Definition und Methode: docs/methods/social-index.md. Eine fehlerhafte Definition oder ein nicht berechenbarer Index antwortet 400 mit jedem Problem in `error.details.problems`.",
        querystring: workspaceQuery,
        body: socialIndexRequest,
        response: { 200: socialIndexResultDto, ...errorResponses },
      },
    },
    async (req) => {
      const body = req.body;
      const definition = parsedDefinition(body.definition);
      const run = await computeStoredIndex(ctx, membershipOf(req).workspace, definition, {
        level: body.level,
        period: body.period,
        populationIndicator: body.populationIndicator,
        audience: audienceOf(req),
      });
      if (!run.ok) {
        throw new AppError("invalid_input", "Der Index lässt sich so nicht berechnen.", {
          problems: run.error,
        });
      }
      const r = run.value.result;
      return {
        level: run.value.level,
        period: run.value.period,
        included: r.included,
        excluded: r.excluded,
        counts: r.counts,
        moments: [...r.moments],
        areas: [...r.areas],
      };
    },
  );

  app.post(
    "/api/analyses/typology",
    {
      config: { access: members("planner"), expensive: true },
      schema: {
        tags: ["Analysen"],
        summary: "Gebietstypen aus mehreren Indikatoren (k-means oder Ward)",
        description:
          "Die Indikatoren werden über die Gebiete z-standardisiert und geclustert; jeder Typ wird durch seine Mittelwerte gegenüber der Stadt beschrieben. Ohne `k` gilt das k von 2 bis 8 mit der höchsten Silhouettenbreite. Methode: docs/methods/typology.md.",
        querystring: workspaceQuery,
        body: typologyRequest,
        response: { 200: typologyResultDto, ...errorResponses },
      },
    },
    async (req) => {
      const r = await computeTypology(ctx, membershipOf(req).workspace, {
        ...req.body,
        audience: audienceOf(req),
      });
      return {
        ...r,
        silhouettes: [...r.silhouettes],
        types: r.types.map((t) => ({ ...t, profile: [...t.profile] })),
        areas: [...r.areas],
      };
    },
  );

  app.get(
    "/api/analyses/alerts",
    {
      config: { access: members("planner"), expensive: true },
      schema: {
        tags: ["Analysen"],
        summary: "Hinweise: auffällige Werte und Trendwenden einer Ebene",
        description:
          "Werte weit außerhalb dessen, was der Stadtwert bei der Größe des Gebiets erwarten lässt (99-%-Intervall nach Wilson bzw. Poisson und mindestens ein Viertel Abweichung), und Indikatoren, deren Trend sich gewendet hat. Regeln: docs/methods/social-index.md, Abschnitt 7.",
        querystring: alertsQuery,
        response: { 200: alertListDto, ...errorResponses },
      },
    },
    async (req) => {
      const r = await computeAlerts(ctx, membershipOf(req).workspace, {
        level: req.query.level,
        period: req.query.period,
        audience: audienceOf(req),
      });
      return { ...r, alerts: [...r.alerts] };
    },
  );

  // Stored indices: versions, runs, comparisons, exports. Planners only, like the index itself.

  app.get(
    "/api/analyses/indices",
    {
      config: { access: members("planner") },
      schema: {
        tags: ["Analysen"],
        summary: "Gespeicherte Sozialindizes (jeweils die neueste Version und der letzte Lauf)",
        querystring: workspaceQuery,
        response: { 200: indexListDto, ...errorResponses },
      },
    },
    async (req) => {
      const ws = membershipOf(req).workspace;
      const indices = await listIndices(ctx, ws);
      const out = [];
      for (const { latest, versions } of indices) {
        const runs = await listRuns(ctx, ws, latest.code);
        out.push({
          ...latest,
          createdAt: latest.createdAt.toISOString(),
          versions,
          lastRun: runs[0] ? summaryJson(runs[0]) : null,
        });
      }
      return { indices: out };
    },
  );

  app.get(
    "/api/analyses/indices/:code",
    {
      config: { access: members("planner") },
      schema: {
        tags: ["Analysen"],
        summary: "Eine Indexdefinition (neueste oder eine bestimmte Version) und ihre Versionen",
        params: indexCodeParams,
        querystring: indexVersionQuery,
        response: { 200: indexDto, ...errorResponses },
      },
    },
    async (req) => {
      const r = await getIndex(
        ctx,
        membershipOf(req).workspace,
        req.params.code,
        req.query.version,
      );
      return {
        index: versionJson(r.index),
        versions: r.versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
      };
    },
  );

  app.put(
    "/api/analyses/indices/:code",
    {
      config: { access: members("planner") },
      schema: {
        tags: ["Analysen"],
        summary: "Indexdefinition speichern (eine neue Version, wenn sie sich geändert hat)",
        description:
          "Eine gespeicherte Version ändert sich nie; jede Änderung ergibt Version n + 1. Eine Definition gleich der neuesten Version legt keine neue an (`created: false`). Jeder genannte Indikator muss im Katalog stehen; Probleme stehen in `error.details.problems`.",
        params: indexCodeParams,
        querystring: workspaceQuery,
        body: saveIndexRequest,
        response: { 200: savedIndexDto, 201: savedIndexDto, ...errorResponses },
      },
    },
    async (req, reply) => {
      const saved = await saveIndexDefinition(
        ctx,
        membershipOf(req).workspace,
        {
          code: req.params.code,
          definition: parsedDefinition(req.body.definition),
          populationIndicator: req.body.populationIndicator,
          comment: req.body.comment,
        },
        actorOf(req),
        audienceOf(req),
      );
      return reply
        .code(saved.created ? 201 : 200)
        .send({ index: versionJson(saved.index), created: saved.created });
    },
  );
}
