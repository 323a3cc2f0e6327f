/**
 * The installation's workspaces for its administrators (Verwaltung → Installation): every
 * workspace with its number of members, a new empty workspace with its first administrator,
 * and invitations into any workspace. Only installation administrators (ADR 0007), read from
 * the database on every request; a workspace administrator is refused like everyone else.
 */
import { z } from "zod";
import { errorResponses } from "../../contracts/common.ts";
import { invitationDto, newInvitationBody } from "../../contracts/access.ts";
import { installationWorkspaceDto, newWorkspaceBody } from "../../contracts/workspaces.ts";
import { createInvitation } from "../../services/access/invitations.ts";
import {
  createWorkspace,
  listInstallationWorkspaces,
  type InstallationWorkspace,
} from "../../services/installation-workspaces.ts";
import { resolveWorkspace } from "../../services/workspaces.ts";
import { INSTALLATION_ADMINS } from "../access.ts";
import type { RouteDeps } from "../route-deps.ts";
import type { ZodApp } from "../zod-app.ts";
import { invitationView } from "./access-invitations.routes.ts";

const view = (w: InstallationWorkspace) => ({ ...w, createdAt: w.createdAt.toISOString() });

function userOf(req: { user: { userId: number; email: string } | null }) {
  if (!req.user) throw new Error("an installation route without a user");
  return req.user;
}

export function registerInstallationWorkspaceRoutes(app: ZodApp, { ctx }: RouteDeps): void {
  app.get(
    "/api/installation/workspaces",
    {
      config: { access: INSTALLATION_ADMINS },
      schema: {
        tags: ["Verwaltung"],
        summary: "Alle Arbeitsbereiche der Installation (nur Installationsverwaltung)",
        querystring: z.strictObject({}),
        response: { 200: z.array(installationWorkspaceDto), ...errorResponses },
      },
    },
    async () => (await listInstallationWorkspaces(ctx)).map(view),
  );

  app.post(
    "/api/installation/workspaces",
    {
      config: { access: INSTALLATION_ADMINS },
      schema: {
        tags: ["Verwaltung"],
        summary: "Neuen, leeren Arbeitsbereich anlegen (nur Installationsverwaltung)",
        description:
          "Erste Administration wird, wer anlegt, oder das bestehende Konto `firstAdminEmail`. Gebiete, Merkmale und Indikatoren kommen danach aus einem Katalog. Eine schon vergebene Kennung: 409.",
        querystring: z.strictObject({}),
        body: newWorkspaceBody,
        response: { 201: installationWorkspaceDto, ...errorResponses },
      },
    },
    async (req, reply) => {
      const user = userOf(req);
      const created = await createWorkspace(
        ctx,
        { userId: user.userId, label: user.email },
        req.body,
      );
      return reply.code(201).send(view(created));
    },
  );

  app.post(
    "/api/installation/workspaces/:slug/invitations",
    {
      config: { access: INSTALLATION_ADMINS },
      schema: {
        tags: ["Verwaltung"],
        summary: "Einladung in einen beliebigen Arbeitsbereich (nur Installationsverwaltung)",
        description:
          "Wie POST /api/users/invitations, für jeden Arbeitsbereich der Installation. Link und Einmalpasswort stehen nur in dieser Antwort.",
        params: z.strictObject({ slug: z.string().min(1).max(40) }),
        querystring: z.strictObject({}),
        body: newInvitationBody,
        response: { 201: invitationDto, ...errorResponses },
      },
    },
    async (req, reply) => {
      const user = userOf(req);
      const workspace = await resolveWorkspace(ctx, req.params.slug);
      const created = await createInvitation(
        ctx,
        { userId: user.userId, email: user.email, workspace },
        req.body,
      );
      reply.header("cache-control", "no-store");
      return reply.code(201).send(invitationView(req, created));
    },
  );
}
