import { and, eq, gt, gte, lt, ne, sql } from "drizzle-orm";
import type { Orm } from "./db.ts";
import { appUser, loginAttempt, membership, session, workspace, type Role } from "./schema.ts";

export async function insertSession(orm: Orm, values: typeof session.$inferInsert): Promise<void> {
  await orm.insert(session).values(values);
}

export interface SessionUserRow {
  readonly sessionId: number;
  readonly userId: number;
  readonly email: string;
  readonly displayName: string;
  readonly mustChangePassword: boolean;
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

export async function recordFailedLogin(
  orm: Orm,
  keys: readonly string[],
  at: Date,
): Promise<void> {
  await orm.insert(loginAttempt).values(keys.map((key) => ({ key, at })));
}

export async function countFailedLogins(orm: Orm, key: string, since: Date): Promise<number> {
  const rows = await orm
    .select({ n: sql<number>`count(*)::int` })
    .from(loginAttempt)
    .where(and(eq(loginAttempt.key, key), gte(loginAttempt.at, since)));
  return rows[0]?.n ?? 0;
}

export async function clearFailedLogins(orm: Orm, key: string): Promise<void> {
  await orm.delete(loginAttempt).where(eq(loginAttempt.key, key));
}
