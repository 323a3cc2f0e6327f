/**
 * Account administration for a workspace's administrators: the members and their roles, new
 * accounts (with a one-time password shown once), role changes, password resets, deactivation,
 * and the requests for guarded roles that a second administrator confirms. What may be done to
 * which account is decided in the service by the rules of ADR 0007; every change and request
 * is in the audit log.
 */
import { z } from "zod";
import { errorResponses, workspaceQuery } from "../../contracts/common.ts";
import {
  confirmationDto,
  memberDto,
  newAccountBody,
  newAccountDto,
  roleRequestDto,
  roleSchema,
  workspaceMemberDto,
  type MemberDto,
} from "../../contracts/access.ts";
import {
  changeRole,
  confirmRequest,
  createAccount,
  listRequests,
  listWorkspaceMembers,
  resetMemberPassword,
  setMemberActive,
  withdrawRequest,
  type AdminCaller,
} from "../../services/access/account-admin.ts";
import type { MemberRow } from "../../services/access/users.ts";
import type { FastifyRequest } from "fastify";
import { members, membershipOf } from "../access.ts";
import type { RouteDeps } from "../route-deps.ts";
import type { ZodApp } from "../zod-app.ts";

const ADMINS = members("admin");
const emailParams = z.strictObject({ email: z.email().max(254) });

const memberView = (m: MemberRow): MemberDto => ({
  email: m.email,
  displayName: m.displayName,
  role: m.role,
  pendingRole: m.pendingRole,
  mustChangePassword: m.mustChangePassword,
  disabled: m.disabled,
  installationAdmin: m.installationAdmin,
});

function callerOf(req: FastifyRequest): AdminCaller {
  const user = req.user;
  if (!user) throw new Error("an admin route without a user");
  return { userId: user.userId, email: user.email, workspace: membershipOf(req).workspace };
}

export function registerUserRoutes(app: ZodApp, { ctx }: RouteDeps): void {
  app.get(
    "/api/users",
    {
      config: { access: ADMINS },
      schema: {
        tags: ["Verwaltung"],
        summary: "Mitglieder des Arbeitsbereichs mit ihren Rollen und der letzten Anmeldung",
        querystring: workspaceQuery,
        response: { 200: z.array(workspaceMemberDto), ...errorResponses },
      },
    },
    async (req) =>
      (await listWorkspaceMembers(ctx, callerOf(req))).map((m) => ({
        ...memberView(m),
        lastLoginAt: m.lastLoginAt?.toISOString() ?? null,
      })),
  );

  app.post(
    "/api/users",
    {
      config: { access: ADMINS },
      schema: {
        tags: ["Verwaltung"],
        summary: "Konto anlegen (das Einmalpasswort wird nur in dieser Antwort gezeigt)",
        description:
          "Planung, Unterkünfte und Administration werden angefragt: das Konto hat bis zur Bestätigung durch eine zweite Person der Administration die Rolle „viewer“. Für eine Adresse, die schon ein Konto in einem anderen Arbeitsbereich hat, sieht die Antwort gleich aus; das Konto bleibt unverändert, und die Aufnahme wartet auf die Installationsverwaltung.",
        querystring: workspaceQuery,
        body: newAccountBody,
        response: { 201: newAccountDto, ...errorResponses },
      },
    },
    async (req, reply) => {
      const account = await createAccount(ctx, callerOf(req), req.body);
      reply.header("cache-control", "no-store");
      return reply.code(201).send(account);
    },
  );

  app.put(
    "/api/users/:email/role",
    {
      config: { access: ADMINS },
      schema: {
        tags: ["Verwaltung"],
        summary: "Rolle eines Mitglieds ändern (200) oder anfragen (202)",
        description:
          "Planung, Unterkünfte und Administration vergibt eine Administration nur auf Anfrage, die eine zweite Person bestätigt (202, `pendingRole`). Die eigene Rolle und Konten, die auch zu einem anderen Arbeitsbereich gehören, sind ausgenommen (403).",
        params: emailParams,
        querystring: workspaceQuery,
        body: z.strictObject({ role: roleSchema }),
        response: { 200: memberDto, 202: memberDto, ...errorResponses },
      },
    },
    async (req, reply) => {
      const r = await changeRole(ctx, callerOf(req), req.params.email, req.body.role);
      return reply.code(r.applied ? 200 : 202).send(memberView(r.member));
    },
  );

  app.post(
    "/api/users/:email/password-reset",
    {
      config: { access: ADMINS },
      schema: {
        tags: ["Verwaltung"],
        summary: "Neues Einmalpasswort für ein Mitglied (nur in dieser Antwort sichtbar)",
        description:
          "Nur für Konten mit den Rollen „viewer“ oder „contributor“, die allein zu diesem Arbeitsbereich gehören; andere setzt die Installationsverwaltung zurück (403). Die Sitzungen des Kontos enden.",
        params: emailParams,
        querystring: workspaceQuery,
        response: {
          200: z.object({ email: z.string(), oneTimePassword: z.string() }),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const r = await resetMemberPassword(ctx, callerOf(req), req.params.email);
      reply.header("cache-control", "no-store");
      return r;
    },
  );

  for (const method of ["POST", "DELETE"] as const) {
    app.route({
      method,
      url: "/api/users/:email/deactivation",
      config: { access: ADMINS },
      schema: {
        tags: ["Verwaltung"],
        summary:
          method === "POST"
            ? "Konto sperren (seine Sitzungen enden)"
            : "Gesperrtes Konto wieder freigeben",
        params: emailParams,
        querystring: workspaceQuery,
        response: { 200: memberDto, ...errorResponses },
      },
      handler: async (req) =>
        memberView(
          await setMemberActive(ctx, callerOf(req), req.params.email, method === "DELETE"),
        ),
    });
  }

  app.get(
    "/api/users/role-requests",
    {
      config: { access: ADMINS },
      schema: {
        tags: ["Verwaltung"],
        summary: "Offene Rollenanfragen, die eine zweite Person bestätigt",
        querystring: workspaceQuery,
        response: { 200: z.array(roleRequestDto), ...errorResponses },
      },
    },
    async (req) => listRequests(ctx, callerOf(req)),
  );

  app.post(
    "/api/users/:email/role-request/confirmation",
    {
      config: { access: ADMINS },
      schema: {
        tags: ["Verwaltung"],
        summary: "Rollenanfrage bestätigen (nicht die eigene, nicht für das eigene Konto)",
        description:
          "Hatte die anfragende Person das Passwort des Kontos vergeben, wird es durch ein neues Einmalpasswort ersetzt, das nur diese Antwort zeigt.",
        params: emailParams,
        querystring: workspaceQuery,
        response: { 200: confirmationDto, ...errorResponses },
      },
    },
    async (req, reply) => {
      const r = await confirmRequest(ctx, callerOf(req), req.params.email);
      reply.header("cache-control", "no-store");
      return { member: memberView(r.member), oneTimePassword: r.oneTimePassword };
    },
  );

  app.delete(
    "/api/users/:email/role-request",
    {
      config: { access: ADMINS },
      schema: {
        tags: ["Verwaltung"],
        summary: "Rollenanfrage zurückziehen oder ablehnen",
        params: emailParams,
        querystring: workspaceQuery,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await withdrawRequest(ctx, callerOf(req), req.params.email);
      return reply.code(204).send(null);
    },
  );
}
