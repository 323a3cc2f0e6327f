import { z } from "zod";
import { errorResponses, workspaceQuery } from "../../contracts/common.ts";
import { healthDto, workspaceDto } from "../../contracts/workspaces.ts";
import { getWorkspaces } from "../../services/workspaces.ts";
import { LOGGED_IN, PUBLIC } from "../access.ts";
import type { RouteDeps } from "../app.ts";
import type { ZodApp } from "../zod-app.ts";

export function registerHealthRoutes(app: ZodApp, deps: RouteDeps): void {
  app.get(
    "/api/health",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["System"],
        summary: "Betriebszustand",
        response: { 200: healthDto },
      },
    },
    async () => ({ status: "ok" as const, version: deps.version, database: deps.ctx.db.kind }),
  );

  app.get(
    "/api/workspaces",
    {
      config: { access: LOGGED_IN },
      schema: {
        tags: ["System"],
        summary: "Arbeitsbereiche (Kommunen) dieser Installation",
        querystring: workspaceQuery.omit({ workspace: true }),
        response: { 200: z.array(workspaceDto), ...errorResponses },
      },
    },
    async () =>
      (await getWorkspaces(deps.ctx)).map((w) => ({
        slug: w.slug,
        name: w.name,
        municipalityKey: w.municipalityKey,
        attribution: w.attribution,
        minCount: w.minCount,
        dataVersion: w.dataVersion,
      })),
  );
}
