/**
 * The whole catalogue of a workspace as one file: read it (`GET /api/catalogue`, the format of
 * `sopla catalogue apply`) and apply one (`POST /api/catalogue`, all or nothing, audited).
 * For the workspace's administrators and planners.
 */
import { z } from "zod";
import { errorResponses, workspaceQuery } from "../../contracts/common.ts";
import { catalogueSchema } from "../../contracts/documents/catalogue.ts";
import { AppError } from "../../services/app-error.ts";
import { applyCatalogue, parseCatalogue } from "../../services/data/apply-catalogue.ts";
import { exportCatalogue } from "../../services/data/export-catalogue.ts";
import { actorOf, members, membershipOf } from "../access.ts";
import type { RouteDeps } from "../route-deps.ts";
import type { ZodApp } from "../zod-app.ts";

const CATALOGUE_STAFF = members("admin", "planner");

const summaryDto = z
  .object({
    workspace: z.string(),
    areaSystems: z.number().int(),
    areas: z.number().int(),
    variables: z.number().int(),
    indicators: z.number().int(),
  })
  .meta({ id: "CatalogueSummary" });

export function registerCatalogueRoutes(app: ZodApp, { ctx }: RouteDeps): void {
  app.get(
    "/api/catalogue",
    {
      config: { access: CATALOGUE_STAFF },
      schema: {
        tags: ["Daten"],
        summary: "Der ganze Katalog als eine Datei (Format von „sopla catalogue apply“)",
        description:
          "Gebietsgliederungen mit Ebenen und Gebieten, Merkmale und Indikatoren mit Kennzahlenblatt, dazu die Angaben des Arbeitsbereichs. Format und JSON Schema: docs/catalogue.md.",
        querystring: workspaceQuery.extend({
          download: z.enum(["true", "false"]).default("false"),
        }),
        response: { 200: catalogueSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ws = membershipOf(req).workspace;
      if (req.query.download === "true") {
        void reply.header("content-disposition", `attachment; filename="katalog-${ws.slug}.json"`);
      }
      return exportCatalogue(ctx, ws);
    },
  );

  app.post(
    "/api/catalogue",
    {
      config: { access: CATALOGUE_STAFF },
      schema: {
        tags: ["Daten"],
        summary: "Einen Katalog anwenden: anlegen oder ändern nach Kürzel, nie löschen",
        description:
          "Der Katalog muss diesen Arbeitsbereich nennen (`workspace.slug`). Alles oder nichts: ein fehlerhafter Eintrag lehnt die ganze Datei ab und nennt jeden Fehler. Jede Änderung steht im Protokoll.",
        querystring: workspaceQuery,
        body: z.unknown(),
        response: { 200: summaryDto, ...errorResponses },
      },
    },
    async (req) => {
      const ws = membershipOf(req).workspace;
      const catalogue = parseCatalogue(req.body);
      if (catalogue.workspace.slug !== ws.slug) {
        throw new AppError(
          "invalid_input",
          `Arbeitsbereich: der Katalog gehört zu „${catalogue.workspace.slug}“, nicht zu „${ws.slug}“.`,
          { field: "workspace.slug" },
        );
      }
      return applyCatalogue(ctx, catalogue, actorOf(req));
    },
  );
}
