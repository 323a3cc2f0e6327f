import { z } from "zod";
import { errorResponses, workspaceQuery } from "../../contracts/common.ts";
import {
  healthDto,
  workspaceDto,
  workspaceSettingsBody,
  workspaceSettingsDto,
} from "../../contracts/workspaces.ts";
import { changeWorkspaceSettings, workspaceSettings } from "../../services/workspace-settings.ts";
import { getWorkspaces, logoVersions } from "../../services/workspaces.ts";
import { LOGGED_IN, PUBLIC, actorOf, members, membershipOf } from "../access.ts";
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
    async (req) => {
      const logos = await logoVersions(deps.ctx);
      return (await getWorkspaces(deps.ctx))
        .filter((w) => req.user?.memberships.some((m) => m.workspace === w.slug))
        .map((w) => ({
          slug: w.slug,
          name: w.name,
          municipalityKey: w.municipalityKey,
          attribution: w.attribution,
          minCount: w.minCount,
          reviewInPublic: w.reviewInPublic,
          dataVersion: w.dataVersion,
          logo: logos.get(w.id) ?? null,
        }));
    },
  );
}

/** A workspace's settings, for its administrators (Verwaltung → Einstellungen). */
export function registerWorkspaceSettingsRoutes(app: ZodApp, { ctx }: RouteDeps): void {
  app.get(
    "/api/workspace/settings",
    {
      config: { access: members("admin") },
      schema: {
        tags: ["Verwaltung"],
        summary: "Einstellungen des Arbeitsbereichs",
        querystring: workspaceQuery,
        response: { 200: workspaceSettingsDto, ...errorResponses },
      },
    },
    async (req) => workspaceSettings(membershipOf(req).workspace),
  );

  app.put(
    "/api/workspace/settings",
    {
      config: { access: members("admin") },
      schema: {
        tags: ["Verwaltung"],
        summary: "Einstellungen des Arbeitsbereichs ändern",
        description:
          "Nur die genannten Einstellungen ändern sich. Herausgeber und Anschrift stehen auf dem Titelblatt jedes Berichts; Lizenz und DCAT-AP.de-Kennung gelten für alle offenen Daten. Mindestfallzahl, Umgang mit Werten in Prüfung und Stichtag der Belegung ändern, was Lesende sehen: berechnete Werte werden neu gebildet. Jede Änderung steht im Protokoll.",
        querystring: workspaceQuery,
        body: workspaceSettingsBody,
        response: { 200: workspaceSettingsDto, ...errorResponses },
      },
    },
    async (req) =>
      changeWorkspaceSettings(ctx, membershipOf(req).workspace, req.body, actorOf(req)),
  );
}
