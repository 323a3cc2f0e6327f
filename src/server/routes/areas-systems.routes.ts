/**
 * Area systems and their levels, edited by the workspace's administrators and planners, and
 * the workspace's way from empty to its first map (the steps of "Neue Kommune einrichten").
 */
import { z } from "zod";
import {
  areaSystemBody,
  areaSystemDto,
  areaSystemUpdateBody,
  setupProgressDto,
} from "../../contracts/areas.ts";
import { errorResponses, workspaceQuery } from "../../contracts/common.ts";
import { createAreaSystem, setupProgress, updateAreaSystem } from "../../services/area-systems.ts";
import { actorOf, members, membershipOf } from "../access.ts";
import type { RouteDeps } from "../route-deps.ts";
import type { ZodApp } from "../zod-app.ts";

const CATALOGUE_EDITORS = members("admin", "planner");

export function registerAreaSystemRoutes(app: ZodApp, { ctx }: RouteDeps): void {
  app.post(
    "/api/area-systems",
    {
      config: { access: CATALOGUE_EDITORS },
      schema: {
        tags: ["Gebiete"],
        summary: "Eine Gebietsgliederung mit ihren Ebenen anlegen",
        description:
          "Die Ebenen von oben nach unten (Ebene 1 ist die ganze Stadt oder der Kreis); `top` legt das eine Gebiet der obersten Ebene an. Die Grenzen der Gebiete kommen danach mit dem Grenzimport (`POST /api/imports`, `kind: areas`). 409, wenn es den Code schon gibt.",
        querystring: workspaceQuery,
        body: areaSystemBody,
        response: { 201: areaSystemDto, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ws = membershipOf(req).workspace;
      return reply.code(201).send(await createAreaSystem(ctx, ws, req.body, actorOf(req)));
    },
  );

  app.put(
    "/api/area-systems/:code",
    {
      config: { access: CATALOGUE_EDITORS },
      schema: {
        tags: ["Gebiete"],
        summary: "Eine Gebietsgliederung ändern: Namen, Ebenen umbenennen oder unten anfügen",
        description:
          "Bestehende Ebenen behalten Code und Reihenfolge; die unterste darf entfallen, solange sie keine Gebiete hat.",
        params: z.object({ code: z.string().min(1).max(64) }),
        querystring: workspaceQuery,
        body: areaSystemUpdateBody,
        response: { 200: areaSystemDto, ...errorResponses },
      },
    },
    async (req) =>
      updateAreaSystem(ctx, membershipOf(req).workspace, req.params.code, req.body, actorOf(req)),
  );

  app.get(
    "/api/workspace/setup",
    {
      config: { access: CATALOGUE_EDITORS },
      schema: {
        tags: ["Gebiete"],
        summary: "Der Stand der Einrichtung: was der Arbeitsbereich schon hat",
        description:
          "Gebietsgliederungen, Gebiete (mit Grenzen), Merkmale, Werte und Indikatoren gezählt, und die Ebene, die der Atlas zuerst zeigt.",
        querystring: workspaceQuery,
        response: { 200: setupProgressDto, ...errorResponses },
      },
    },
    async (req) => setupProgress(ctx, membershipOf(req).workspace),
  );
}
