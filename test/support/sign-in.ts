/**
 * Logs a test user in the way a person would (an account with a role, the one-time password
 * replaced by their own) and returns the headers a browser would send: the session cookie
 * and the CSRF token.
 */
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import { randomBytes } from "node:crypto";
import type { FastifyInstance, InjectOptions } from "fastify";
import { changePassword, login } from "../../src/services/access/sessions.ts";
import type { ServiceContext } from "../../src/services/context.ts";
import { addUser } from "../../src/services/access/users.ts";
import type { Role } from "../../src/core/access/roles.ts";

export type AuthHeaders = Record<"cookie" | "x-csrf-token", string>;

export async function signIn(
  ctx: ServiceContext,
  role: Role,
  workspace?: string,
): Promise<AuthHeaders> {
  const email = `${role}.${randomBytes(4).toString("hex")}@test.sopla.example`;
  const account = await addUser(
    ctx,
    { email, displayName: `Test ${role}`, workspace, role },
    SYSTEM_ACTOR,
  );
  const first = await login(ctx, {
    email,
    password: account.oneTimePassword,
    clientAddress: "test",
  });
  const password = `Test-${role}-${randomBytes(6).toString("hex")}`;
  await changePassword(ctx, first.user, {
    currentPassword: account.oneTimePassword,
    newPassword: password,
  });
  const { token, user } = await login(ctx, { email, password, clientAddress: "test" });
  return { cookie: `sopla_session=${token}`, "x-csrf-token": user.csrfToken };
}

/** `app.inject` with the headers of a signed-in user merged into every request. */
export function injectAs(app: FastifyInstance, auth: AuthHeaders) {
  return (opts: InjectOptions) =>
    app.inject({ ...opts, headers: { ...auth, ...(opts.headers ?? {}) } });
}
