/**
 * The names a workspace saved for its areas and variables, so an import understands a
 * delivery's own words ("Altstadt (alt)") the next time. Data staff only.
 */
import { z } from "zod";
import { databaseId, errorResponses, workspaceQuery } from "../../contracts/common.ts";
import { saveNameBody, savedNameDto } from "../../contracts/data-imports.ts";
import { removeSavedName, saveName, savedNames } from "../../services/data/saved-names.ts";
import { IMPORTERS, actorOf, membershipOf } from "../access.ts";
import type { RouteDeps } from "../route-deps.ts";
import type { ZodApp } from "../zod-app.ts";

const dto = (r: Awaited<ReturnType<typeof savedNames>>[number]) => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
});

export function registerSavedNameRoutes(app: ZodApp, { ctx }: RouteDeps): void {
  app.get(
    "/api/saved-names",
    {
      config: { access: IMPORTERS },
      schema: {
        tags: ["Import"],
        summary: "Gespeicherte Namen für Gebiete und Merkmale",
        querystring: workspaceQuery,
        response: { 200: z.array(savedNameDto), ...errorResponses },
      },
    },
    async (req) => (await savedNames(ctx, membershipOf(req).workspace)).map(dto),
  );

  app.post(
    "/api/saved-names",
    {
      config: { access: IMPORTERS },
      schema: {
        tags: ["Import"],
        summary: "Einen Namen aus einer Datei einem Gebiet oder Merkmal zuordnen",
        description:
          "Gilt für alle folgenden Importen dieses Arbeitsbereichs: ein Gebiet nur auf seiner Ebene, Schreibweisen (ß/ss, Umlaute, „St.“/„Sankt“) eingeschlossen. Derselbe Name noch einmal ersetzt die bisherige Zuordnung.",
        querystring: workspaceQuery,
        body: saveNameBody,
        response: { 201: savedNameDto, ...errorResponses },
      },
    },
    async (req, reply) => {
      const row = await saveName(ctx, membershipOf(req).workspace, req.body, actorOf(req));
      return reply.code(201).send(dto(row));
    },
  );

  app.delete(
    "/api/saved-names/:id",
    {
      config: { access: IMPORTERS },
      schema: {
        tags: ["Import"],
        summary: "Einen gespeicherten Namen löschen",
        params: z.object({ id: databaseId }),
        querystring: workspaceQuery,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await removeSavedName(ctx, membershipOf(req).workspace, req.params.id, actorOf(req));
      return reply.code(204).send(null);
    },
  );
}
