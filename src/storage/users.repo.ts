import { and, asc, eq, sql } from "drizzle-orm";
import type { Orm } from "./db.ts";
import { appUser, membership, workspace, type Role } from "./schema.ts";

export type UserRow = typeof appUser.$inferSelect;

export async function findUserByEmail(orm: Orm, email: string): Promise<UserRow | undefined> {
  const rows = await orm.select().from(appUser).where(eq(appUser.email, email));
  return rows[0];
}

export async function insertUser(orm: Orm, values: typeof appUser.$inferInsert): Promise<UserRow> {
  const rows = await orm.insert(appUser).values(values).returning();
  return rows[0]!;
}

export async function setPasswordHash(
  orm: Orm,
  userId: number,
  passwordHash: string,
  mustChangePassword: boolean,
): Promise<void> {
  await orm.update(appUser).set({ passwordHash, mustChangePassword }).where(eq(appUser.id, userId));
}

/** Gives a user a role in a workspace, replacing the role they had there. */
export async function upsertMembership(
  orm: Orm,
  userId: number,
  workspaceId: number,
  role: Role,
): Promise<void> {
  await orm
    .insert(membership)
    .values({ userId, workspaceId, role })
    .onConflictDoUpdate({ target: [membership.userId, membership.workspaceId], set: { role } });
}

export interface MemberRow {
  readonly email: string;
  readonly displayName: string;
  readonly workspace: string;
  readonly role: Role;
  readonly mustChangePassword: boolean;
  readonly disabled: boolean;
}

/** Every membership, optionally of one workspace, ordered by workspace and login name. */
export async function listMembers(orm: Orm, workspaceId?: number): Promise<MemberRow[]> {
  const rows = await orm
    .select({
      email: appUser.email,
      displayName: appUser.displayName,
      workspace: workspace.slug,
      role: membership.role,
      mustChangePassword: appUser.mustChangePassword,
      disabledAt: appUser.disabledAt,
    })
    .from(membership)
    .innerJoin(appUser, eq(appUser.id, membership.userId))
    .innerJoin(workspace, eq(workspace.id, membership.workspaceId))
    .where(workspaceId === undefined ? undefined : and(eq(membership.workspaceId, workspaceId)))
    .orderBy(asc(workspace.slug), asc(appUser.email));
  return rows.map(({ disabledAt, ...r }) => ({ ...r, disabled: disabledAt !== null }));
}

export async function countUsers(orm: Orm): Promise<number> {
  const rows = await orm.select({ n: sql<number>`count(*)::int` }).from(appUser);
  return rows[0]?.n ?? 0;
}
