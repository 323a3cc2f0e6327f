/** A new account, written once for every way one is created (operator, first start, demo, administrator). */
import type { Role } from "../../core/access/roles.ts";
import type { Orm } from "../../storage/db.ts";
import { insertUser, upsertMembership, type UserRow } from "../../storage/users.repo.ts";
import { audit, type Actor, type AuditEntry } from "../audit.ts";
import type { ServiceContext } from "../context.ts";

/**
 * Inserts an account in the caller's transaction with `role` in each of `workspaceIds`, and
 * records its creation there: name, role and `after` (what else the record keeps), then
 * `alsoRecorded` in the same audit batch. Returns the new account.
 */
export async function insertAccount(
  orm: Orm,
  ctx: ServiceContext,
  actor: Actor,
  account: Parameters<typeof insertUser>[1] & { email: string; displayName: string },
  membership: { workspaceIds: readonly number[]; role: Role },
  after: Record<string, unknown> = {},
  alsoRecorded: readonly AuditEntry[] = [],
): Promise<UserRow> {
  const user = await insertUser(orm, account);
  const { workspaceIds, role } = membership;
  for (const id of workspaceIds) await upsertMembership(orm, user.id, id, role);
  await audit(orm, ctx, actor, [
    ...workspaceIds.map((workspaceId) => ({
      workspaceId,
      action: "create" as const,
      entity: "user" as const,
      entityKey: account.email,
      after: { displayName: account.displayName, role, ...after },
    })),
    ...alsoRecorded,
  ]);
  return user;
}
