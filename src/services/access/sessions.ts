/**
 * Login sessions. A session token is 32 random bytes, given to the browser in an httpOnly
 * cookie; the database keeps only its SHA-256, so sessions work across app servers and a
 * copy of the table opens no door. Each session has a CSRF token that state-changing
 * requests made with the cookie must echo in a header. Failed logins are counted in the
 * database and slow an attacker down to a few tries without locking others out
 * (login-limit.ts).
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import {
  clearFailedLogins,
  deleteLoginAttempts,
  deleteOtherSessions,
  deleteSession,
  findLiveSession,
  insertSession,
  listUserMemberships,
  lockLoginKeys,
  purgeLoginAttempts,
  readLoginKeyHistory,
  recordLoginAttempts,
  rememberLogin,
  touchSession,
  type LoginKeys,
  type SessionUserRow,
} from "../../storage/sessions.repo.ts";
import { findUserByEmail, setPasswordHash } from "../../storage/users.repo.ts";
import type { Orm } from "../../storage/db.ts";
import { AppError } from "../app-error.ts";
import { audit } from "../audit.ts";
import type { ServiceContext } from "../context.ts";
import {
  ADDRESS_WINDOW_MS,
  KNOWN_DEVICE_MS,
  LANE_WINDOW_MS,
  NAME_WINDOW_MS,
  decideAttempt,
  refusalMessage,
} from "./login-limit.ts";
import { hashPassword, passwordProblem, verifyPassword } from "./passwords.ts";

/** A session lasts at most this long, and ends earlier after this much idle time. */
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
/** The device cookie lasts as long as a successful sign-in makes the browser trusted. */
export const DEVICE_COOKIE_MAX_AGE_MS = KNOWN_DEVICE_MS;

/** The user of a live session (the stored row without its idle clock) and its workspaces. */
export interface SessionUser extends Omit<SessionUserRow, "lastSeenAt"> {
  readonly memberships: readonly Awaited<ReturnType<typeof listUserMemberships>>[number][];
}

const sha256 = (s: string): string => createHash("sha256").update(s).digest("hex");
const token = (): string => randomBytes(32).toString("base64url");

// Verified when the login name is unknown, so a wrong name costs as long as a wrong password.
let dummyHash: Promise<string> | null = null;

export interface LoginResult {
  readonly token: string;
  readonly user: SessionUser;
  /** The browser's device cookie, new or kept: it signed in with this login name now. */
  readonly deviceToken: string;
}

/** The device cookie's value: 32 random bytes, base64url. Anything else is ignored. */
const DEVICE_TOKEN = /^[A-Za-z0-9_-]{43}$/;
const KNOWN = "known:";

/**
 * Checks a password and opens a session. Each attempt is first recorded as a failure under
 * its keys (login name and address, or login name and device; ADR 0002) inside one
 * transaction that locks those keys, so parallel attempts are counted one after the other
 * and no more get through than the rule allows; a right password then removes the record.
 */
export async function login(
  ctx: ServiceContext,
  input: {
    email: string;
    password: string;
    clientAddress: string;
    /** The browser's device cookie, if any: trusted when it signed in with this name lately. */
    deviceToken?: string | undefined;
  },
): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  const now = ctx.now();
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const device =
    input.deviceToken !== undefined && DEVICE_TOKEN.test(input.deviceToken)
      ? sha256(input.deviceToken)
      : null;
  const keys: LoginKeys = {
    known: device ? `${KNOWN}${email}|${device}` : null,
    device: device ? `device:${email}|${device}` : null,
    pair: `pair:${email}|${input.clientAddress}`,
    name: `name:${email}`,
    address: `addr:${input.clientAddress}`,
  };
  const reservation = await ctx.db.transaction(async (tx) => {
    // Every lane key holds the login name, so the name's lock covers the lanes too.
    await lockLoginKeys(tx.orm, [keys.name, keys.address]);
    const h = await readLoginKeyHistory(tx.orm, keys, {
      known: ago(KNOWN_DEVICE_MS),
      lane: ago(LANE_WINDOW_MS),
      name: ago(NAME_WINDOW_MS),
      address: ago(ADDRESS_WINDOW_MS),
    });
    const lane = h.trusted && keys.device ? keys.device : keys.pair;
    const decision = decideAttempt(
      {
        trusted: h.trusted,
        laneFailures: lane === keys.pair ? h.pairFailures : h.deviceFailures,
        laneLastFailure: lane === keys.pair ? h.pairLastFailure : h.deviceLastFailure,
        nameFailures: h.nameFailures,
        nameFirstFailure: h.nameFirstFailure,
        addressFailures: h.addressFailures,
        addressFirstFailure: h.addressFirstFailure,
      },
      now,
    );
    if (decision.kind === "refuse") return { decision, lane, ids: [] };
    // Trusted attempts count in their own lane only, never towards the caps.
    const recorded = lane === keys.pair ? [keys.pair, keys.name, keys.address] : [lane];
    return { decision, lane, ids: await recordLoginAttempts(tx.orm, recorded, now) };
  });
  if (reservation.decision.kind === "refuse") {
    throw new AppError("too_many_attempts", refusalMessage(reservation.decision), {
      retryAfterSeconds: reservation.decision.retryAfterSeconds,
    });
  }
  const user = await findUserByEmail(ctx.db.orm, email);
  dummyHash ??= hashPassword("kein Konto, nur zum Zeitausgleich");
  const ok =
    user?.passwordHash != null && user.disabledAt === null
      ? await verifyPassword(user.passwordHash, input.password)
      : (await verifyPassword(await dummyHash, input.password), false);
  if (!user || !ok) {
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
  // A trusted or merely well-formed cookie is kept; otherwise the browser gets a new one.
  const deviceToken = device !== null && input.deviceToken ? input.deviceToken : token();
  await deleteLoginAttempts(ctx.db.orm, reservation.ids);
  await clearFailedLogins(ctx.db.orm, reservation.lane);
  await rememberLogin(ctx.db.orm, `${KNOWN}${email}|${sha256(deviceToken)}`, now);
  await purgeLoginAttempts(ctx.db.orm, ago(LANE_WINDOW_MS), ago(KNOWN_DEVICE_MS), KNOWN);
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
  return { token: raw, user: live, deviceToken };
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
