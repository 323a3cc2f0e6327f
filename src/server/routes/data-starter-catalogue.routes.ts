import { errorResponses, workspaceQuery } from "../../contracts/common.ts";
import {
  starterCatalogueDto,
  starterPicksBody,
  starterPicksDto,
} from "../../contracts/data-starter-catalogue.ts";
import {
  getStarterCatalogue,
  pickStarterIndicators,
} from "../../services/data/starter-catalogue.ts";
import { actorOf, members, membershipOf } from "../access.ts";
import type { RouteDeps } from "../route-deps.ts";
import type { ZodApp } from "../zod-app.ts";

/** Those who set up the workspace's catalogue. */
const CATALOGUE_STAFF = members("admin", "planner");

export function registerStarterCatalogueRoutes(app: ZodApp, { ctx }: RouteDeps): void {
  app.get(
    "/api/starter-catalogue",
    {
      config: { access: CATALOGUE_STAFF },
      schema: {
        tags: ["Indikatoren"],
        summary: "Startkatalog: Standardindikatoren der Sozialplanung zur Übernahme",
        description:
          "Die Bibliothek mit Kennzahlenblatt je Indikator; `present`: der Arbeitsbereich hat einen Indikator dieses Kürzels schon; `newVariables`: die Merkmale, die eine Übernahme anlegen würde.",
        querystring: workspaceQuery,
        response: { 200: starterCatalogueDto, ...errorResponses },
      },
    },
    async (req) => getStarterCatalogue(ctx, membershipOf(req).workspace),
  );

  app.post(
    "/api/starter-catalogue/picks",
    {
      config: { access: CATALOGUE_STAFF },
      schema: {
        tags: ["Indikatoren"],
        summary: "Indikatoren aus dem Startkatalog übernehmen",
        description:
          "Legt die gewählten Indikatoren und die fehlenden Merkmale ihrer Formeln in einem Schritt an (protokolliert, Veröffentlichung intern). 404, wenn ein Kürzel nicht im Startkatalog steht; 409, wenn der Arbeitsbereich einen der Indikatoren schon hat – dann wird nichts übernommen.",
        querystring: workspaceQuery,
        body: starterPicksBody,
        response: { 201: starterPicksDto, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await pickStarterIndicators(
            ctx,
            membershipOf(req).workspace,
            req.body.indicators,
            actorOf(req),
          ),
        ),
  );
}
