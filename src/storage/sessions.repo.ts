import { and, eq, gt, gte, inArray, lt, ne, notLike, or, sql } from "drizzle-orm";
import type { Orm } from "./db.ts";
import type { Role } from "../core/access/roles.ts";
import { appUser, loginAttempt, membership, session, workspace } from "./schema.ts";

export async function insertSession(orm: Orm, values: typeof session.$inferInsert): Promise<void> {
  await orm.insert(session).values(values);
}

export interface SessionUserRow {
  readonly sessionId: number;
  readonly userId: number;
  readonly email: string;
  readonly displayName: string;
  readonly mustChangePassword: boolean;
  readonly installationAdmin: boolean;
  readonly csrfToken: string;
  readonly lastSeenAt: Date;
}

/** The live session with this token hash and its user, unless expired or the user is disabled. */
export async function findLiveSession(
  orm: Orm,
  tokenHash: string,
  now: Date,
): Promise<SessionUserRow | undefined> {
  const rows = await orm
    .select({
      sessionId: session.id,
      userId: appUser.id,
      email: appUser.email,
      displayName: appUser.displayName,
      mustChangePassword: appUser.mustChangePassword,
      installationAdmin: appUser.installationAdmin,
      csrfToken: session.csrfToken,
      lastSeenAt: session.lastSeenAt,
      disabledAt: appUser.disabledAt,
    })
    .from(session)
    .innerJoin(appUser, eq(appUser.id, session.userId))
    .where(and(eq(session.tokenHash, tokenHash), gt(session.expiresAt, now)));
  const row = rows[0];
  if (!row || row.disabledAt !== null) return undefined;
  return {
    sessionId: row.sessionId,
    userId: row.userId,
    email: row.email,
    displayName: row.displayName,
    mustChangePassword: row.mustChangePassword,
    installationAdmin: row.installationAdmin,
    csrfToken: row.csrfToken,
    lastSeenAt: row.lastSeenAt,
  };
}

export async function touchSession(orm: Orm, sessionId: number, now: Date): Promise<void> {
  await orm.update(session).set({ lastSeenAt: now }).where(eq(session.id, sessionId));
}

export async function deleteSession(orm: Orm, tokenHash: string): Promise<void> {
  await orm.delete(session).where(eq(session.tokenHash, tokenHash));
}

/** Ends every session of a user (after a new one-time password or a deactivation). */
export async function deleteUserSessions(orm: Orm, userId: number): Promise<void> {
  await orm.delete(session).where(eq(session.userId, userId));
}

/** Ends every other session of a user (after a password change) and the expired ones. */
export async function deleteOtherSessions(
  orm: Orm,
  userId: number,
  keepId: number,
  now: Date,
): Promise<void> {
  await orm.delete(session).where(and(eq(session.userId, userId), ne(session.id, keepId)));
  await orm.delete(session).where(lt(session.expiresAt, now));
}

export async function listUserMemberships(
  orm: Orm,
  userId: number,
): Promise<{ workspaceId: number; workspace: string; name: string; role: Role }[]> {
  return orm
    .select({
      workspaceId: workspace.id,
      workspace: workspace.slug,
      name: workspace.name,
      role: membership.role,
    })
    .from(membership)
    .innerJoin(workspace, eq(workspace.id, membership.workspaceId))
    .where(eq(membership.userId, userId))
    .orderBy(workspace.slug);
}

/**
 * Takes a transaction-scoped lock on each login key (in sorted order, so two attempts never
 * wait for each other crosswise). Attempts that share a key run their check and record one
 * after the other, on PostgreSQL across app servers; PGlite runs one transaction at a time.
 */
export async function lockLoginKeys(orm: Orm, keys: readonly string[]): Promise<void> {
  for (const key of [...new Set(keys)].sort()) {
    await orm.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
  }
}

export interface LoginKeys {
  /** The device cookie's sign-in with this login name, when the browser sent one. */
  readonly known: string | null;
  /** The lane of a trusted attempt (login name and device), when the browser sent a cookie. */
  readonly device: string | null;
  /** The lane of an untrusted attempt (login name and client address). */
  readonly pair: string;
  readonly name: string;
  readonly address: string;
}

export interface LoginKeyHistory {
  readonly trusted: boolean;
  readonly deviceFailures: number;
  readonly deviceLastFailure: Date | null;
  readonly pairFailures: number;
  readonly pairLastFailure: Date | null;
  readonly nameFailures: number;
  readonly nameFirstFailure: Date | null;
  readonly addressFailures: number;
  readonly addressFirstFailure: Date | null;
}

/** What the stored attempts say about these keys, each counted since its own time. */
export async function readLoginKeyHistory(
  orm: Orm,
  keys: LoginKeys,
  since: { readonly known: Date; readonly lane: Date; readonly name: Date; readonly address: Date },
): Promise<LoginKeyHistory> {
  const at = loginAttempt.at;
  const of = (key: string | null, from: Date) =>
    key === null ? sql`false` : and(eq(loginAttempt.key, key), gte(at, from));
  const device = of(keys.device, since.lane);
  const pair = of(keys.pair, since.lane);
  const name = of(keys.name, since.name);
  const address = of(keys.address, since.address);
  const rows = await orm
    .select({
      trusted: sql<boolean>`coalesce(bool_or(${of(keys.known, since.known)}), false)`,
      deviceFailures: sql<number>`count(*) FILTER (WHERE ${device})`.mapWith(Number),
      deviceLastFailure: sql<Date | null>`max(${at}) FILTER (WHERE ${device})`.mapWith(at),
      pairFailures: sql<number>`count(*) FILTER (WHERE ${pair})`.mapWith(Number),
      pairLastFailure: sql<Date | null>`max(${at}) FILTER (WHERE ${pair})`.mapWith(at),
      nameFailures: sql<number>`count(*) FILTER (WHERE ${name})`.mapWith(Number),
      nameFirstFailure: sql<Date | null>`min(${at}) FILTER (WHERE ${name})`.mapWith(at),
      addressFailures: sql<number>`count(*) FILTER (WHERE ${address})`.mapWith(Number),
      addressFirstFailure: sql<Date | null>`min(${at}) FILTER (WHERE ${address})`.mapWith(at),
    })
    .from(loginAttempt)
    .where(
      inArray(
        loginAttempt.key,
        [keys.known, keys.device, keys.pair, keys.name, keys.address].filter(
          (k): k is string => k !== null,
        ),
      ),
    );
  const row = rows[0];
  if (!row) throw new Error("Keine Zeile aus der Zählung der Anmeldeversuche.");
  return row;
}

/** Records an attempt under each key before its password is checked; returns the row ids. */
export async function recordLoginAttempts(
  orm: Orm,
  keys: readonly string[],
  at: Date,
): Promise<number[]> {
  const rows = await orm
    .insert(loginAttempt)
    .values(keys.map((key) => ({ key, at })))
    .returning({ id: loginAttempt.id });
  return rows.map((r) => r.id);
}

/** Removes recorded attempts (a reserved attempt whose password was right). */
export async function deleteLoginAttempts(orm: Orm, ids: readonly number[]): Promise<void> {
  if (ids.length > 0) await orm.delete(loginAttempt).where(inArray(loginAttempt.id, [...ids]));
}

export async function clearFailedLogins(orm: Orm, key: string): Promise<void> {
  await orm.delete(loginAttempt).where(eq(loginAttempt.key, key));
}

/** Stores a successful sign-in under `key`, replacing the previous one. */
export async function rememberLogin(orm: Orm, key: string, at: Date): Promise<void> {
  await orm.delete(loginAttempt).where(eq(loginAttempt.key, key));
  await orm.insert(loginAttempt).values({ key, at });
}

/** Deletes failures older than `failuresBefore` and remembered sign-ins older than `knownBefore`. */
export async function purgeLoginAttempts(
  orm: Orm,
  failuresBefore: Date,
  knownBefore: Date,
  knownPrefix: string,
): Promise<void> {
  await orm
    .delete(loginAttempt)
    .where(
      or(
        lt(loginAttempt.at, knownBefore),
        and(lt(loginAttempt.at, failuresBefore), notLike(loginAttempt.key, `${knownPrefix}%`)),
      ),
    );
}
