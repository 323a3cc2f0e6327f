/**
 * Role requests of a workspace: granting planner, occupancy or admin waits until a different
 * administrator of the workspace, or an installation administrator, confirms (ADR 0007).
 */
import { type Role } from "../../core/access/roles.ts";
import { listUserMemberships } from "../../storage/sessions.repo.ts";
import {
  deleteRoleRequest,
  findUserById,
  listMembers,
  listRoleRequests,
  upsertMembership,
  type MemberRow,
} from "../../storage/users.repo.ts";
import { notFound } from "../app-error.ts";
import { audit } from "../audit.ts";
import type { ServiceContext } from "../context.ts";
import { forgetVerifiedSessions } from "./sessions.ts";
import {
  accountWorkspaceIds,
  newOneTimePassword,
  normaliseEmail,
  storeOneTimePassword,
} from "./users.ts";
import type { Workspace } from "../workspaces.ts";
import { type AdminCaller, actorOf, decide, memberOf } from "./admin-decisions.ts";

export interface RoleRequestView {
  readonly email: string;
  readonly role: Role;
  /** The role the account holds in the workspace now; null when it is not a member yet. */
  readonly currentRole: Role | null;
  readonly requestedBy: string;
  readonly requestedAt: string;
}

/** The open role requests of the caller's workspace, oldest first. */
export async function listRequests(
  ctx: ServiceContext,
  caller: AdminCaller,
): Promise<RoleRequestView[]> {
  const ws = caller.workspace;
  const [requests, members] = await Promise.all([
    listRoleRequests(ctx.db.orm, ws.id),
    listMembers(ctx.db.orm, ws.id),
  ]);
  const roleOf = new Map(members.map((m) => [m.email, m.role]));
  return requests.map((r) => ({
    email: r.email,
    role: r.role,
    currentRole: roleOf.get(r.email) ?? null,
    requestedBy: r.requestedByEmail,
    requestedAt: r.requestedAt.toISOString(),
  }));
}

async function requestFor(ctx: ServiceContext, ws: Workspace, emailInput: string) {
  const email = normaliseEmail(emailInput);
  const request = (await listRoleRequests(ctx.db.orm, ws.id)).find((r) => r.email === email);
  const user = request ? await findUserById(ctx.db.orm, request.userId) : undefined;
  if (!request || !user) throw notFound("Rollenanfrage", email);
  return { request, user };
}

/**
 * Confirms another administrator's request: the role takes effect. When the requester issued
 * the account's password, a new one-time password is returned for the confirming administrator
 * to hand over (the account's sessions end); otherwise `oneTimePassword` is null.
 */
export async function confirmRequest(
  ctx: ServiceContext,
  caller: AdminCaller,
  emailInput: string,
): Promise<{ member: MemberRow; oneTimePassword: string | null }> {
  const ws = caller.workspace;
  const { request, user } = await requestFor(ctx, ws, emailInput);
  const before = (await listUserMemberships(ctx.db.orm, user.id)).find(
    (m) => m.workspaceId === ws.id,
  );
  const decision = await decide(
    ctx,
    caller,
    user,
    { kind: "confirm", role: request.role, requestedBy: request.requestedBy },
    before?.role ?? null,
  );
  if (decision.kind !== "allow") throw new Error("a confirmation is never a request");
  const actor = actorOf(caller);
  const fresh = decision.reissuePassword ? await newOneTimePassword() : null;
  const ids = [...new Set([...(await accountWorkspaceIds(ctx, user)), ws.id])];
  await ctx.db.transaction(async (tx) => {
    await upsertMembership(tx.orm, user.id, ws.id, request.role);
    await deleteRoleRequest(tx.orm, user.id, ws.id);
    await audit(tx.orm, ctx, actor, [
      {
        workspaceId: ws.id,
        action: before ? "update" : "create",
        entity: "membership",
        entityKey: user.email,
        before: before ? { role: before.role } : null,
        after: {
          role: request.role,
          requestedBy: request.requestedByEmail,
          confirmedBy: caller.email,
        },
      },
    ]);
    // In the same transaction: the requester's one-time password never opens the new role.
    if (fresh) {
      await storeOneTimePassword(tx.orm, ctx, user, actor, caller.userId, fresh, ids, {
        roleConfirmed: request.role,
      });
    }
  });
  forgetVerifiedSessions(ctx);
  return {
    member: (await memberOf(ctx, ws, user.email)).member,
    oneTimePassword: fresh?.oneTimePassword ?? null,
  };
}

/** Withdraws (or turns down) an open request; any administrator of the workspace may. */
export async function withdrawRequest(
  ctx: ServiceContext,
  caller: AdminCaller,
  emailInput: string,
): Promise<void> {
  const ws = caller.workspace;
  const { request, user } = await requestFor(ctx, ws, emailInput);
  await ctx.db.transaction(async (tx) => {
    await deleteRoleRequest(tx.orm, user.id, ws.id);
    await audit(tx.orm, ctx, actorOf(caller), [
      {
        workspaceId: ws.id,
        action: "delete",
        entity: "role_request",
        entityKey: user.email,
        before: { role: request.role, requestedBy: request.requestedByEmail },
      },
    ]);
  });
}
