import { z } from "zod";
import { errorResponses } from "../../contracts/common.ts";
import { sessionDto } from "../../contracts/access.ts";
import { AppError } from "../../services/app-error.ts";
import {
  DEVICE_COOKIE_MAX_AGE_MS,
  SESSION_LIFETIME_MS,
  changePassword,
  login,
  logout,
  type SessionUser,
} from "../../services/access/sessions.ts";
import { LOGGED_IN, PUBLIC } from "../access.ts";
import type { RouteDeps } from "../route-deps.ts";
import { DEVICE_COOKIE, readCookie, writeDeviceCookie, writeSessionCookie } from "../cookies.ts";
import type { ZodApp } from "../zod-app.ts";

const view = (u: SessionUser) => ({
  email: u.email,
  displayName: u.displayName,
  mustChangePassword: u.mustChangePassword,
  csrfToken: u.csrfToken,
  installationAdmin: u.installationAdmin,
  memberships: [...u.memberships],
});

export function registerSessionRoutes(app: ZodApp, { ctx }: RouteDeps): void {
  app.post(
    "/api/session",
    {
      config: { access: PUBLIC },
      schema: {
        querystring: z.strictObject({}),
        tags: ["Anmeldung"],
        summary: "Anmelden (setzt das Sitzungs-Cookie)",
        body: z.strictObject({
          email: z.string().min(1).max(254),
          password: z.string().min(1).max(1024),
        }),
        response: {
          200: sessionDto,
          429: errorResponses[400],
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const result = await login(ctx, {
        ...req.body,
        clientAddress: req.ip,
        deviceToken: readCookie(req, DEVICE_COOKIE),
      });
      writeSessionCookie(req, reply, result.token, Math.floor(SESSION_LIFETIME_MS / 1000));
      writeDeviceCookie(
        req,
        reply,
        result.deviceToken,
        Math.floor(DEVICE_COOKIE_MAX_AGE_MS / 1000),
      );
      return view(result.user);
    },
  );

  app.get(
    "/api/session",
    {
      config: { access: LOGGED_IN },
      schema: {
        querystring: z.strictObject({}),
        tags: ["Anmeldung"],
        summary: "Die eigene Sitzung: wer, welche Rollen, CSRF-Token",
        response: { 200: sessionDto, 401: errorResponses[400] },
      },
    },
    async (req) => {
      if (!req.user) throw new AppError("not_authenticated", "Nicht angemeldet.");
      return view(req.user);
    },
  );

  app.delete(
    "/api/session",
    {
      config: { access: PUBLIC },
      schema: {
        querystring: z.strictObject({}),
        tags: ["Anmeldung"],
        summary: "Abmelden",
        response: { 204: z.null(), 403: errorResponses[400] },
      },
    },
    async (req, reply) => {
      if (req.sessionToken) await logout(ctx, req.sessionToken, req.user);
      writeSessionCookie(req, reply, "", 0);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/api/session/password",
    {
      config: { access: LOGGED_IN },
      schema: {
        querystring: z.strictObject({}),
        tags: ["Anmeldung"],
        summary: "Eigenes Passwort ändern (beendet die übrigen Sitzungen)",
        body: z.strictObject({
          currentPassword: z.string().min(1).max(1024),
          newPassword: z.string().min(1).max(1024),
        }),
        response: {
          204: z.null(),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      if (!req.user) throw new AppError("not_authenticated", "Nicht angemeldet.");
      await changePassword(ctx, req.user, req.body);
      return reply.code(204).send(null);
    },
  );
}
