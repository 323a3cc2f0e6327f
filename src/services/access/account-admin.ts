/**
 * Account administration by a logged-in administrator, under the rules of separation of
 * duties (ADR 0007, decided in `core/access/account-rules.ts`):
 *
 * - a workspace administrator manages only accounts that belong to its workspace alone, never
 *   its own account, and resets no password of an account that reads records or administers;
 * - granting planner, occupancy or admin is a request that a different administrator of the
 *   workspace, or an installation administrator, confirms; if the requester issued the
 *   account's password, the confirmation replaces it with a one-time password only the
 *   confirming administrator sees;
 * - an address that has an account in another workspace gets the same answer as a new one; its
 *   account is not touched, and a request to add it waits for the installation level.
 *
 * Every change and every request is in the audit log of the workspace.
 */
import { isGuardedRole, type Role } from "../../core/access/roles.ts";
import { listUserMemberships } from "../../storage/sessions.repo.ts";
import { lastLoginsOf } from "../../storage/audit.repo.ts";
import {
  deleteRoleRequest,
  findUserByEmail,
  listMembers,
  upsertMembership,
  upsertRoleRequest,
  type MemberRow,
  type UserRow,
} from "../../storage/users.repo.ts";
import { AppError } from "../app-error.ts";
import { audit } from "../audit.ts";
import type { ServiceContext } from "../context.ts";
import { generateOneTimePassword, hashPassword } from "./passwords.ts";
import { forgetVerifiedSessions } from "./sessions.ts";
import { issueOneTimePassword, newAccountInput, parseRole, setAccountActive } from "./users.ts";
import { type AdminCaller, actorOf, decide, memberOf } from "./admin-decisions.ts";
import { insertAccount } from "./insert-account.ts";

/** A member as the administration's list shows it: with the last login. */
export interface MemberWithLogin extends MemberRow {
  /** The last login as the workspace's audit log records it; null for none. */
  readonly lastLoginAt: Date | null;
}

/** The members of the caller's workspace, by login name, each with its last login. */
export async function listWorkspaceMembers(
  ctx: ServiceContext,
  caller: AdminCaller,
): Promise<MemberWithLogin[]> {
  const ws = caller.workspace;
  const [members, logins] = await Promise.all([
    listMembers(ctx.db.orm, ws.id),
    lastLoginsOf(ctx.db.orm, ws.id),
  ]);
  return members.map((m) => ({ ...m, lastLoginAt: logins.get(m.email) ?? null }));
}

export interface CreatedAccount {
  readonly email: string;
  readonly displayName: string;
  /** The role the account holds now. */
  readonly role: Role;
  /** The role requested and waiting for a second administrator's confirmation. */
  readonly pendingRole: Role | null;
  /**
   * Show this once to the person; it is not stored. Null only for an installation
   * administrator who added an account that existed already (its password stays).
   */
  readonly oneTimePassword: string | null;
}

/**
 * Creates an account in the caller's workspace. A guarded role is requested, and the account
 * holds the viewer role until the request is confirmed. For an address that has an account in
 * another workspace the answer looks the same (a one-time password that opens nothing), the
 * account is left as it is, and a request to add it waits for the installation level.
 */
export async function createAccount(
  ctx: ServiceContext,
  caller: AdminCaller,
  input: { email: string; displayName: string; role: string },
): Promise<CreatedAccount> {
  const { email, role, displayName } = newAccountInput(input, "displayName");
  const ws = caller.workspace;
  const actor = actorOf(caller);
  const existing = await findUserByEmail(ctx.db.orm, email);
  if (existing) {
    const memberships = await listUserMemberships(ctx.db.orm, existing.id);
    if (memberships.some((m) => m.workspaceId === ws.id)) {
      // A member of this workspace is in its member list anyway: nothing is revealed.
      throw new AppError(
        "conflict",
        `„${email}“ ist schon Mitglied dieses Arbeitsbereichs; die Rolle ändern Sie in der Mitgliederliste.`,
        { field: "email" },
      );
    }
    return joinExisting(ctx, caller, existing, { email, displayName, role });
  }
  const decision = await decide(ctx, caller, null, { kind: "create", role }, null);
  const pendingRole = decision.kind === "request" ? role : null;
  const granted: Role = pendingRole === null ? role : "viewer";
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  await ctx.db.transaction(async (tx) => {
    const user = await insertAccount(
      tx.orm,
      ctx,
      actor,
      {
        email,
        displayName,
        passwordHash,
        mustChangePassword: true,
        passwordIssuedBy: caller.userId,
      },
      { workspaceIds: [ws.id], role: granted },
      {},
      pendingRole === null
        ? []
        : [
            {
              workspaceId: ws.id,
              action: "create",
              entity: "role_request",
              entityKey: email,
              after: { role: pendingRole, requestedBy: caller.email },
            },
          ],
    );
    if (pendingRole !== null) {
      await upsertRoleRequest(tx.orm, {
        userId: user.id,
        workspaceId: ws.id,
        role: pendingRole,
        requestedBy: caller.userId,
        at: ctx.now(),
      });
    }
  });
  forgetVerifiedSessions(ctx);
  return { email, displayName, role: granted, pendingRole, oneTimePassword };
}

/** `createAccount` for an address whose account belongs to other workspaces only. */
async function joinExisting(
  ctx: ServiceContext,
  caller: AdminCaller,
  user: UserRow,
  input: { email: string; displayName: string; role: Role },
): Promise<CreatedAccount> {
  const ws = caller.workspace;
  const decision = await decide(ctx, caller, user, { kind: "join", role: input.role }, null);
  if (decision.kind === "allow") {
    await ctx.db.transaction(async (tx) => {
      // An installation administrator adds the account at once; its password stays.
      await upsertMembership(tx.orm, user.id, ws.id, input.role);
      await audit(tx.orm, ctx, actorOf(caller), [
        {
          workspaceId: ws.id,
          action: "create",
          entity: "membership",
          entityKey: input.email,
          before: null,
          after: { role: input.role },
        },
      ]);
    });
    forgetVerifiedSessions(ctx);
    return { ...input, role: input.role, pendingRole: null, oneTimePassword: null };
  }
  // The same answer as for a new address, and as much work (one password hash).
  const oneTimePassword = generateOneTimePassword();
  await hashPassword(oneTimePassword);
  const pendingRole = isGuardedRole(input.role) ? input.role : null;
  const shown: Role = pendingRole === null ? input.role : "viewer";
  await ctx.db.transaction(async (tx) => {
    await upsertRoleRequest(tx.orm, {
      userId: user.id,
      workspaceId: ws.id,
      role: input.role,
      requestedBy: caller.userId,
      at: ctx.now(),
    });
    await audit(tx.orm, ctx, actorOf(caller), [
      {
        workspaceId: ws.id,
        action: "create",
        entity: "role_request",
        entityKey: input.email,
        after: { role: input.role, requestedBy: caller.email },
      },
    ]);
  });
  return {
    email: input.email,
    displayName: input.displayName,
    role: shown,
    pendingRole,
    oneTimePassword,
  };
}

/**
 * Changes a member's role: at once, or for a guarded role as a request. Returns whether the
 * change took effect and the member as it is now.
 */
export async function changeRole(
  ctx: ServiceContext,
  caller: AdminCaller,
  emailInput: string,
  roleInput: string,
): Promise<{ applied: boolean; member: MemberRow }> {
  const role = parseRole(roleInput);
  const ws = caller.workspace;
  const { user, member } = await memberOf(ctx, ws, emailInput);
  const decision = await decide(ctx, caller, user, { kind: "set_role", role }, member.role);
  const actor = actorOf(caller);
  await ctx.db.transaction(async (tx) => {
    if (decision.kind === "request") {
      await upsertRoleRequest(tx.orm, {
        userId: user.id,
        workspaceId: ws.id,
        role,
        requestedBy: caller.userId,
        at: ctx.now(),
      });
      await audit(tx.orm, ctx, actor, [
        {
          workspaceId: ws.id,
          action: "create",
          entity: "role_request",
          entityKey: user.email,
          before: { role: member.role },
          after: { role, requestedBy: caller.email },
        },
      ]);
      return;
    }
    await upsertMembership(tx.orm, user.id, ws.id, role);
    // A role set directly replaces a request still open for the member.
    await deleteRoleRequest(tx.orm, user.id, ws.id);
    await audit(tx.orm, ctx, actor, [
      {
        workspaceId: ws.id,
        action: "update",
        entity: "membership",
        entityKey: user.email,
        before: { role: member.role },
        after: { role },
      },
    ]);
  });
  forgetVerifiedSessions(ctx);
  return {
    applied: decision.kind === "allow",
    member: (await memberOf(ctx, ws, user.email)).member,
  };
}

/** A new one-time password for a member, returned once; its sessions end. */
export async function resetMemberPassword(
  ctx: ServiceContext,
  caller: AdminCaller,
  emailInput: string,
): Promise<{ email: string; oneTimePassword: string }> {
  const { user, member } = await memberOf(ctx, caller.workspace, emailInput);
  await decide(ctx, caller, user, { kind: "reset_password" }, member.role);
  const oneTimePassword = await issueOneTimePassword(ctx, user, actorOf(caller), caller.userId);
  return { email: user.email, oneTimePassword };
}

/** Deactivates a member's account (its sessions end) or activates it again. */
export async function setMemberActive(
  ctx: ServiceContext,
  caller: AdminCaller,
  emailInput: string,
  active: boolean,
): Promise<MemberRow> {
  const { user, member } = await memberOf(ctx, caller.workspace, emailInput);
  await decide(ctx, caller, user, { kind: "set_active" }, member.role);
  await setAccountActive(ctx, user.email, active, actorOf(caller));
  return (await memberOf(ctx, caller.workspace, user.email)).member;
}

export { type AdminCaller } from "./admin-decisions.ts";
export {
  confirmRequest,
  listRequests,
  withdrawRequest,
  type RoleRequestView,
} from "./role-requests.ts";
