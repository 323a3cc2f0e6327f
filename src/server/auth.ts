/**
 * Who is asking: resolves the session cookie to a user on every request (`request.user`),
 * and refuses state-changing requests made with a session cookie unless they carry the
 * session's CSRF token in the `X-CSRF-Token` header.
 *
 * Single sign-on seam: an OpenID Connect login (the city's identity provider) ends in the same
 * place as a password login — a row in `session` for an `app_user` found by
 * (`external_issuer`, `external_subject`) — so everything after the login, including this
 * hook, stays as it is. See docs/adr/0002-sessions-and-sso.md.
 */
import type { FastifyInstance } from "fastify";
import type { ServiceContext } from "../services/context.ts";
import { authenticate, isValidCsrf, type SessionUser } from "../services/access/sessions.ts";
import { SESSION_COOKIE, readCookie } from "./cookies.ts";
import { send } from "./error-handler.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** The logged-in user, or null for an anonymous request. */
    user: SessionUser | null;
    /** The raw session token from the cookie, when there was a live session. */
    sessionToken: string | null;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function installAuth(app: FastifyInstance, ctx: ServiceContext): void {
  app.decorateRequest("user", null);
  app.decorateRequest("sessionToken", null);
  app.addHook("onRequest", async (request, reply) => {
    const raw = readCookie(request, SESSION_COOKIE);
    if (raw === undefined || raw === "") return;
    const user = await authenticate(ctx, raw);
    if (!user) return;
    request.user = user;
    request.sessionToken = raw;
    if (SAFE_METHODS.has(request.method)) return;
    const header = request.headers["x-csrf-token"];
    if (!isValidCsrf(user, typeof header === "string" ? header : undefined)) {
      return send(
        reply,
        403,
        "csrf_failed",
        "Die Anfrage kam ohne gültiges CSRF-Token (Kopfzeile „X-CSRF-Token“) und wurde abgewiesen.",
      );
    }
  });
}
