/**
 * Account administration for a workspace's administrators: the members and their roles, new
 * accounts (with a one-time password shown once), role changes and password resets. Changes
 * reach only accounts that are members of the administrator's workspace; adding an account of
 * another workspace is a task for the installation (`sopla user set-role`). Every change is
 * in the audit log.
 */
import { z } from "zod";
import { errorResponses, workspaceQuery } from "../../contracts/common.ts";
import { notFound } from "../../services/app-error.ts";
import { addUser, listUsers, resetPassword, setRole } from "../../services/users.ts";
import { ROLES } from "../../storage/schema.ts";
import { actorOf, members, membershipOf } from "../access.ts";
import type { RouteDeps } from "../app.ts";
import type { ZodApp } from "../zod-app.ts";

const ADMINS = members("admin");
const role = z.enum(ROLES);
const memberDto = z
  .object({
    email: z.string(),
    displayName: z.string(),
    role,
    mustChangePassword: z.boolean(),
    disabled: z.boolean(),
  })
  .meta({ id: "Member" });
const emailParams = z.strictObject({ email: z.email().max(254) });

export function registerUserRoutes(app: ZodApp, { ctx }: RouteDeps): void {
  const memberOf = async (wsSlug: string, email: string) => {
    const wanted = email.trim().toLowerCase();
    const member = (await listUsers(ctx, wsSlug)).find((m) => m.email === wanted);
    if (!member) throw notFound("Mitglied", wanted);
    return member;
  };

  app.get(
    "/api/users",
    {
      config: { access: ADMINS },
      schema: {
        tags: ["Verwaltung"],
        summary: "Mitglieder des Arbeitsbereichs mit ihren Rollen",
        querystring: workspaceQuery,
        response: { 200: z.array(memberDto), ...errorResponses },
      },
    },
    async (req) =>
      (await listUsers(ctx, membershipOf(req).workspace.slug)).map((m) => ({
        email: m.email,
        displayName: m.displayName,
        role: m.role,
        mustChangePassword: m.mustChangePassword,
        disabled: m.disabled,
      })),
  );

  app.post(
    "/api/users",
    {
      config: { access: ADMINS },
      schema: {
        tags: ["Verwaltung"],
        summary: "Konto anlegen (das Einmalpasswort wird nur in dieser Antwort gezeigt)",
        querystring: workspaceQuery,
        body: z.strictObject({
          email: z.email().max(254),
          displayName: z.string().min(1).max(200),
          role,
        }),
        response: {
          201: z.object({
            email: z.string(),
            displayName: z.string(),
            role,
            oneTimePassword: z.string(),
          }),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const account = await addUser(
        ctx,
        { ...req.body, workspace: membershipOf(req).workspace.slug },
        actorOf(req),
      );
      reply.header("cache-control", "no-store");
      return reply.code(201).send({
        email: account.email,
        displayName: account.displayName,
        role: account.role,
        oneTimePassword: account.oneTimePassword,
      });
    },
  );

  app.put(
    "/api/users/:email/role",
    {
      config: { access: ADMINS },
      schema: {
        tags: ["Verwaltung"],
        summary: "Rolle eines Mitglieds ändern",
        params: emailParams,
        querystring: workspaceQuery,
        body: z.strictObject({ role }),
        response: { 200: memberDto, ...errorResponses },
      },
    },
    async (req) => {
      const ws = membershipOf(req).workspace.slug;
      await memberOf(ws, req.params.email);
      await setRole(
        ctx,
        { email: req.params.email, workspace: ws, role: req.body.role },
        actorOf(req),
      );
      const m = await memberOf(ws, req.params.email);
      return {
        email: m.email,
        displayName: m.displayName,
        role: m.role,
        mustChangePassword: m.mustChangePassword,
        disabled: m.disabled,
      };
    },
  );

  app.post(
    "/api/users/:email/password-reset",
    {
      config: { access: ADMINS },
      schema: {
        tags: ["Verwaltung"],
        summary: "Neues Einmalpasswort für ein Mitglied (nur in dieser Antwort sichtbar)",
        params: emailParams,
        querystring: workspaceQuery,
        response: {
          200: z.object({ email: z.string(), oneTimePassword: z.string() }),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const m = await memberOf(membershipOf(req).workspace.slug, req.params.email);
      const oneTimePassword = await resetPassword(ctx, m.email, actorOf(req));
      reply.header("cache-control", "no-store");
      return { email: m.email, oneTimePassword };
    },
  );
}
