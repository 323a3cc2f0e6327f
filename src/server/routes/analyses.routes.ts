import { errorResponses, workspaceQuery } from "../../contracts/common.ts";
import {
  alertListDto,
  alertsQuery,
  parseIndexDefinition,
  socialIndexRequest,
  socialIndexResultDto,
  typologyRequest,
  typologyResultDto,
} from "../../contracts/social-index.ts";
import { computeAlerts } from "../../services/alerts.ts";
import { AppError } from "../../services/app-error.ts";
import { computeStoredIndex } from "../../services/social-index.ts";
import { computeTypology } from "../../services/typology.ts";
import { audienceOf, membershipOf, members } from "../access.ts";
import type { RouteDeps } from "../app.ts";
import type { ZodApp } from "../zod-app.ts";

export function registerAnalysisRoutes(app: ZodApp, { ctx }: RouteDeps): void {
  app.post(
    "/api/analyses/social-index",
    {
      // Index classes can stigmatise neighbourhoods: computed by the social planning staff,
      // who decide what is published (docs/methods/social-index.md).
      config: { access: members("planner") },
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
      // The schema has checked the shape; the definition's own rules (rising bounds, …) next.
      const definition = parseIndexDefinition(body.definition);
      if (!definition.ok) {
        throw new AppError("invalid_input", "Die Indexdefinition ist fehlerhaft.", {
          problems: definition.error,
        });
      }
      const run = await computeStoredIndex(ctx, membershipOf(req).workspace, definition.value, {
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
      config: { access: members("planner") },
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
      config: { access: members("planner") },
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
}
