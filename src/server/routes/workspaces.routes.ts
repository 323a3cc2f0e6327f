import { z } from "zod";
import { errorResponses } from "../../contracts/common.ts";
import { healthDto, workspaceDto } from "../../contracts/workspaces.ts";
import { getWorkspaces } from "../../services/workspaces.ts";
import { LOGGED_IN, PUBLIC } from "../access.ts";
import type { RouteDeps } from "../route-deps.ts";
import type { ZodApp } from "../zod-app.ts";

export function registerWorkspaceRoutes(app: ZodApp, deps: RouteDeps): void {
  app.get(
    "/api/health",
    {
      config: { access: PUBLIC },
      schema: {
        querystring: z.strictObject({}),
        tags: ["System"],
        summary: "Betriebszustand",
        response: { 200: healthDto },
      },
    },
    async () => ({ status: "ok" as const, version: deps.version, database: deps.ctx.db.kind }),
  );

  app.get(
    "/api/client-config",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["System"],
        summary: "Einstellungen für die Weboberfläche (z. B. Kacheln der Hintergrundkarte)",
        querystring: z.strictObject({}),
        response: {
          200: z.object({ tileUrl: z.string().nullable(), tileAttribution: z.string().nullable() }),
        },
      },
    },
    async () => deps.clientConfig,
  );

  app.get(
    "/api/workspaces",
    {
      config: { access: LOGGED_IN },
      schema: {
        tags: ["System"],
        summary: "Die eigenen Arbeitsbereiche (Kommunen)",
        querystring: z.strictObject({}),
        response: { 200: z.array(workspaceDto), ...errorResponses },
      },
    },
    // A user sees the workspaces they belong to, not the other tenants of the installation.
    async (req) =>
      (await getWorkspaces(deps.ctx))
        .filter((w) => req.user?.memberships.some((m) => m.workspace === w.slug))
        .map((w) => ({
          slug: w.slug,
          name: w.name,
          municipalityKey: w.municipalityKey,
          attribution: w.attribution,
          minCount: w.minCount,
          reviewInPublic: w.reviewInPublic,
          dataVersion: w.dataVersion,
        })),
  );
}
