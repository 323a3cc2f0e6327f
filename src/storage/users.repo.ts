import { and, asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Orm } from "./db.ts";
import type { Role } from "../core/access/roles.ts";
import { appUser, membership, roleRequest, workspace } from "./schema.ts";

export type UserRow = typeof appUser.$inferSelect;

export async function findUserByEmail(orm: Orm, email: string): Promise<UserRow | undefined> {
  const rows = await orm.select().from(appUser).where(eq(appUser.email, email));
  return rows[0];
}

export async function findUserById(orm: Orm, id: number): Promise<UserRow | undefined> {
  const rows = await orm.select().from(appUser).where(eq(appUser.id, id));
  return rows[0];
}

export async function insertUser(orm: Orm, values: typeof appUser.$inferInsert): Promise<UserRow> {
  const rows = await orm.insert(appUser).values(values).returning();
  return rows[0]!;
}

/**
 * Stores a new password hash. `issuedBy` is given for a one-time password (the web
 * administrator who issued it, or null for the command line) and left out when the holder
 * changes their own password.
 */
export async function setPasswordHash(
  orm: Orm,
  userId: number,
  passwordHash: string,
  mustChangePassword: boolean,
  issuedBy?: number | null,
): Promise<void> {
  await orm
    .update(appUser)
    .set({
      passwordHash,
      mustChangePassword,
      ...(issuedBy === undefined ? {} : { passwordIssuedBy: issuedBy }),
    })
    .where(eq(appUser.id, userId));
}

export async function setInstallationAdmin(
  orm: Orm,
  userId: number,
  installationAdmin: boolean,
): Promise<void> {
  await orm.update(appUser).set({ installationAdmin }).where(eq(appUser.id, userId));
}

/** Deactivates an account (from `at`) or, with null, activates it again. */
export async function setDisabledAt(orm: Orm, userId: number, at: Date | null): Promise<void> {
  await orm.update(appUser).set({ disabledAt: at }).where(eq(appUser.id, userId));
}

export async function countInstallationAdmins(orm: Orm): Promise<number> {
  const rows = await orm
    .select({ n: sql<number>`count(*)::int` })
    .from(appUser)
    .where(eq(appUser.installationAdmin, true));
  return rows[0]?.n ?? 0;
}

/** Records a request for a role, replacing an earlier one for the same account and workspace. */
export async function upsertRoleRequest(
  orm: Orm,
  values: { userId: number; workspaceId: number; role: Role; requestedBy: number; at: Date },
): Promise<void> {
  const { at, ...rest } = values;
  await orm
    .insert(roleRequest)
    .values({ ...rest, requestedAt: at })
    .onConflictDoUpdate({
      target: [roleRequest.userId, roleRequest.workspaceId],
      set: { role: rest.role, requestedBy: rest.requestedBy, requestedAt: at },
    });
}

export async function deleteRoleRequest(
  orm: Orm,
  userId: number,
  workspaceId: number,
): Promise<void> {
  await orm
    .delete(roleRequest)
    .where(and(eq(roleRequest.userId, userId), eq(roleRequest.workspaceId, workspaceId)));
}

export interface RoleRequestRow {
  readonly userId: number;
  readonly email: string;
  readonly role: Role;
  readonly requestedBy: number;
  readonly requestedByEmail: string;
  readonly requestedAt: Date;
}

/** The open role requests of a workspace, oldest first. */
export async function listRoleRequests(orm: Orm, workspaceId: number): Promise<RoleRequestRow[]> {
  const requester = alias(appUser, "requester");
  return orm
    .select({
      userId: roleRequest.userId,
      email: appUser.email,
      role: roleRequest.role,
      requestedBy: roleRequest.requestedBy,
      requestedByEmail: requester.email,
      requestedAt: roleRequest.requestedAt,
    })
    .from(roleRequest)
    .innerJoin(appUser, eq(appUser.id, roleRequest.userId))
    .innerJoin(requester, eq(requester.id, roleRequest.requestedBy))
    .where(eq(roleRequest.workspaceId, workspaceId))
    .orderBy(asc(roleRequest.requestedAt), asc(appUser.email));
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
  readonly installationAdmin: boolean;
  /** A role requested for this member in this workspace and not yet confirmed. */
  readonly pendingRole: Role | null;
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
      installationAdmin: appUser.installationAdmin,
      pendingRole: roleRequest.role,
    })
    .from(membership)
    .innerJoin(appUser, eq(appUser.id, membership.userId))
    .innerJoin(workspace, eq(workspace.id, membership.workspaceId))
    .leftJoin(
      roleRequest,
      and(
        eq(roleRequest.userId, membership.userId),
        eq(roleRequest.workspaceId, membership.workspaceId),
      ),
    )
    .where(workspaceId === undefined ? undefined : and(eq(membership.workspaceId, workspaceId)))
    .orderBy(asc(workspace.slug), asc(appUser.email));
  return rows.map(({ disabledAt, ...r }) => ({ ...r, disabled: disabledAt !== null }));
}

export async function countUsers(orm: Orm): Promise<number> {
  const rows = await orm.select({ n: sql<number>`count(*)::int` }).from(appUser);
  return rows[0]?.n ?? 0;
}
