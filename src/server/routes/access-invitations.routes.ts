/**
 * Invitations without e-mail (src/services/access/invitations.ts): an administrator creates
 * one for an address and a role and hands over the link and the one-time password; the
 * invitee, not yet logged in, reads the invitation and sets a password with the token from the
 * link's fragment (never sent in a URL, so it is in no server log).
 */
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { errorResponses, workspaceQuery } from "../../contracts/common.ts";
import {
  invitationAcceptanceBody,
  invitationDto,
  invitationPreviewDto,
  invitationTokenBody,
  newInvitationBody,
} from "../../contracts/access.ts";
import {
  acceptInvitation,
  createInvitation,
  previewInvitation,
  type CreatedInvitation,
  type InvitationPreview,
} from "../../services/access/invitations.ts";
import { PUBLIC, members, membershipOf } from "../access.ts";
import type { RouteDeps } from "../route-deps.ts";
import type { ZodApp } from "../zod-app.ts";

/** The invitation as the API answers it: with the link built for the address the caller used. */
export function invitationView(req: FastifyRequest, created: CreatedInvitation) {
  const { token, expiresAt, ...account } = created;
  return {
    ...account,
    link: token === null ? null : `${req.protocol}://${req.host}/einladung#${token}`,
    expiresAt: expiresAt?.toISOString() ?? null,
  };
}

const previewView = (p: InvitationPreview) => ({ ...p, expiresAt: p.expiresAt.toISOString() });

export function registerInvitationRoutes(app: ZodApp, { ctx }: RouteDeps): void {
  app.post(
    "/api/users/invitations",
    {
      config: { access: members("admin") },
      schema: {
        tags: ["Verwaltung"],
        summary: "Einladung erstellen: Konto mit Einmalpasswort und Link (nur in dieser Antwort)",
        description:
          "Legt das Konto an wie POST /api/users (dieselben Regeln: Planung, Unterkünfte und Administration bestätigt eine zweite Person) und gibt einen Einladungslink …/einladung#<token> zurück, sieben Tage gültig und einmal verwendbar. Gespeichert wird nur ein Hash des Tokens.",
        querystring: workspaceQuery,
        body: newInvitationBody,
        response: { 201: invitationDto, ...errorResponses },
      },
    },
    async (req, reply) => {
      const user = req.user;
      if (!user) throw new Error("an admin route without a user");
      const created = await createInvitation(
        ctx,
        { userId: user.userId, email: user.email, workspace: membershipOf(req).workspace },
        req.body,
      );
      reply.header("cache-control", "no-store");
      return reply.code(201).send(invitationView(req, created));
    },
  );

  app.post(
    "/api/invitations/preview",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["Anmeldung"],
        summary: "Einladung ansehen: Arbeitsbereich, Rolle, Anmeldename",
        description:
          "Unbekannte Einladung: 404; angenommene, abgelaufene oder verbrauchte: 409 mit deutscher Begründung.",
        querystring: z.strictObject({}),
        body: invitationTokenBody,
        response: { 200: invitationPreviewDto, ...errorResponses },
      },
    },
    async (req, reply) => {
      reply.header("cache-control", "no-store");
      return previewView(await previewInvitation(ctx, req.body.token));
    },
  );

  app.post(
    "/api/invitations/acceptance",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["Anmeldung"],
        summary: "Einladung annehmen: Einmalpasswort prüfen, eigenes Passwort setzen",
        description:
          "Danach meldet sich die Person mit dem neuen Passwort an. Nach fünf falschen Einmalpasswörtern ist die Einladung verbraucht.",
        querystring: z.strictObject({}),
        body: invitationAcceptanceBody,
        response: { 200: invitationPreviewDto, ...errorResponses },
      },
    },
    async (req, reply) => {
      reply.header("cache-control", "no-store");
      return previewView(await acceptInvitation(ctx, req.body));
    },
  );
}
