/**
 * Login sessions. A session token is 32 random bytes, given to the browser in an httpOnly
 * cookie; the database keeps only its SHA-256, so sessions work across app servers and a
 * copy of the table opens no door. Each session has a CSRF token that state-changing
 * requests made with the cookie must echo in a header. Failed logins are counted per login
 * name and per client address in the database and slow an attacker down to a few tries.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import {
  clearFailedLogins,
  countFailedLogins,
  deleteOtherSessions,
  deleteSession,
  findLiveSession,
  insertSession,
  listUserMemberships,
  recordFailedLogin,
  touchSession,
} from "../storage/sessions.repo.ts";
import type { Role } from "../storage/schema.ts";
import { findUserByEmail, setPasswordHash } from "../storage/users.repo.ts";
import type { Orm } from "../storage/db.ts";
import { AppError } from "./app-error.ts";
import { audit } from "./audit.ts";
import type { ServiceContext } from "./context.ts";
import { hashPassword, passwordProblem, verifyPassword } from "./passwords.ts";

/** A session lasts at most this long, and ends earlier after this much idle time. */
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
/** At most this many failed logins per login name (and 4× per address) in the window. */
export const MAX_FAILED_LOGINS = 5;
export const FAILED_LOGIN_WINDOW_MS = 15 * 60 * 1000;

export interface SessionUser {
  readonly sessionId: number;
  readonly userId: number;
  readonly email: string;
  readonly displayName: string;
  readonly mustChangePassword: boolean;
  readonly csrfToken: string;
  readonly memberships: readonly {
    workspaceId: number;
    workspace: string;
    name: string;
    role: Role;
  }[];
}

const sha256 = (s: string): string => createHash("sha256").update(s).digest("hex");
const token = (): string => randomBytes(32).toString("base64url");

// Verified when the login name is unknown, so a wrong name costs as long as a wrong password.
let dummyHash: Promise<string> | null = null;

export interface LoginResult {
  readonly token: string;
  readonly user: SessionUser;
}

export async function login(
  ctx: ServiceContext,
  input: { email: string; password: string; clientAddress: string },
): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  const now = ctx.now();
  const since = new Date(now.getTime() - FAILED_LOGIN_WINDOW_MS);
  const nameKey = `name:${email}`;
  const addressKey = `addr:${input.clientAddress}`;
  const [byName, byAddress] = await Promise.all([
    countFailedLogins(ctx.db.orm, nameKey, since),
    countFailedLogins(ctx.db.orm, addressKey, since),
  ]);
  if (byName >= MAX_FAILED_LOGINS || byAddress >= MAX_FAILED_LOGINS * 4) {
    throw new AppError(
      "too_many_attempts",
      "Zu viele fehlgeschlagene Anmeldungen. Bitte in 15 Minuten erneut versuchen.",
      { retryAfterSeconds: Math.ceil(FAILED_LOGIN_WINDOW_MS / 1000) },
    );
  }
  const user = await findUserByEmail(ctx.db.orm, email);
  dummyHash ??= hashPassword("kein Konto, nur zum Zeitausgleich");
  const ok =
    user?.passwordHash != null && user.disabledAt === null
      ? await verifyPassword(user.passwordHash, input.password)
      : (await verifyPassword(await dummyHash, input.password), false);
  if (!user || !ok) {
    await recordFailedLogin(ctx.db.orm, [nameKey, addressKey], now);
    const workspaces = user ? await listUserMemberships(ctx.db.orm, user.id) : [];
    await audit(
      ctx.db.orm,
      ctx,
      { userId: null, label: `anmeldung:${input.clientAddress}` },
      (workspaces.length > 0 ? workspaces.map((m) => m.workspaceId) : [null]).map((id) => ({
        workspaceId: id,
        action: "login_failed" as const,
        entity: "session",
        entityKey: email,
        after: { address: input.clientAddress, knownAccount: user !== undefined },
      })),
    );
    throw new AppError("invalid_credentials", "Anmeldename oder Passwort ist falsch.");
  }
  await clearFailedLogins(ctx.db.orm, nameKey);
  const raw = token();
  const csrfToken = token();
  await insertSession(ctx.db.orm, {
    tokenHash: sha256(raw),
    userId: user.id,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
  });
  const live = await authenticate(ctx, raw);
  if (!live) throw new AppError("invalid_credentials", "Die Anmeldung ist fehlgeschlagen.");
  await auditSession(ctx.db.orm, ctx, live, "login", { address: input.clientAddress });
  return { token: raw, user: live };
}

/** The user of a session token, or null when the token is unknown, expired or idle too long. */
export async function authenticate(ctx: ServiceContext, raw: string): Promise<SessionUser | null> {
  const cache = sessionCacheOf(ctx);
  const hash = sha256(raw);
  const hit = cache.get(hash);
  const now = ctx.now().getTime();
  if (hit && now - hit.at >= 0 && now - hit.at < SESSION_CACHE_MS) return hit.user;
  const user = await lookUp(ctx, raw);
  if (user) {
    if (cache.size >= 10_000) cache.clear();
    cache.set(hash, { user, at: now });
  } else {
    cache.delete(hash);
  }
  return user;
}

/**
 * A verified session is reused for a few seconds, so a busy user costs the database one lookup
 * per interval, not per request. Logout, a password change and every change of accounts or
 * roles in this process take effect at once; made by another app server (or the CLI), they
 * take effect within this interval.
 */
export const SESSION_CACHE_MS = 5_000;
const sessionCaches = new WeakMap<ServiceContext, Map<string, { user: SessionUser; at: number }>>();

function sessionCacheOf(ctx: ServiceContext): Map<string, { user: SessionUser; at: number }> {
  let cache = sessionCaches.get(ctx);
  if (!cache) {
    cache = new Map();
    sessionCaches.set(ctx, cache);
  }
  return cache;
}

/** Forgets every verified session, after a change of accounts, roles or passwords. */
export function forgetVerifiedSessions(ctx: ServiceContext): void {
  sessionCacheOf(ctx).clear();
}

async function lookUp(ctx: ServiceContext, raw: string): Promise<SessionUser | null> {
  const now = ctx.now();
  const row = await findLiveSession(ctx.db.orm, sha256(raw), now);
  if (!row) return null;
  const idle = now.getTime() - row.lastSeenAt.getTime();
  if (idle > SESSION_IDLE_MS) {
    await deleteSession(ctx.db.orm, sha256(raw));
    return null;
  }
  // Refresh the idle clock at most once a minute: one write per minute, not per request.
  if (idle > 60_000) await touchSession(ctx.db.orm, row.sessionId, now);
  const memberships = await listUserMemberships(ctx.db.orm, row.userId);
  return { ...row, memberships };
}

export async function logout(
  ctx: ServiceContext,
  raw: string,
  user: SessionUser | null,
): Promise<void> {
  await deleteSession(ctx.db.orm, sha256(raw));
  sessionCacheOf(ctx).delete(sha256(raw));
  if (user) await auditSession(ctx.db.orm, ctx, user, "logout", null);
}

/** Records a session event in every workspace the user belongs to. */
async function auditSession(
  orm: Orm,
  ctx: ServiceContext,
  user: SessionUser,
  action: "login" | "logout" | "password_change",
  after: Record<string, unknown> | null,
): Promise<void> {
  await audit(
    orm,
    ctx,
    { userId: user.userId, label: user.email },
    user.memberships.map((m) => ({
      workspaceId: m.workspaceId,
      action,
      entity: action === "password_change" ? "user" : "session",
      entityKey: user.email,
      after,
    })),
  );
}

/** Whether a request's CSRF header matches its session (constant-time comparison). */
export function isValidCsrf(user: SessionUser, header: string | undefined): boolean {
  if (header === undefined) return false;
  const a = Buffer.from(header);
  const b = Buffer.from(user.csrfToken);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Sets a new password after checking the current one; ends the user's other sessions. */
export async function changePassword(
  ctx: ServiceContext,
  user: SessionUser,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const row = await findUserByEmail(ctx.db.orm, user.email);
  if (!row?.passwordHash || !(await verifyPassword(row.passwordHash, input.currentPassword))) {
    throw new AppError("invalid_credentials", "Das bisherige Passwort ist falsch.");
  }
  const problem = passwordProblem(input.newPassword, user.email);
  if (problem) throw new AppError("invalid_input", problem, { field: "newPassword" });
  if (input.newPassword === input.currentPassword) {
    throw new AppError(
      "invalid_input",
      "Das neue Passwort muss sich vom bisherigen unterscheiden.",
      {
        field: "newPassword",
      },
    );
  }
  const hash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    await setPasswordHash(tx.orm, user.userId, hash, false);
    await deleteOtherSessions(tx.orm, user.userId, user.sessionId, ctx.now());
    await auditSession(tx.orm, ctx, user, "password_change", { otherSessionsEnded: true });
  });
  forgetVerifiedSessions(ctx);
}
