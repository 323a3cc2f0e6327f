/**
 * The audit log as services write it: every write records who did it, when, to which entity,
 * and the entity before and after, in the same transaction as the write itself, so a change
 * and its record land together or not at all. Secrets (password hashes, tokens, one-time
 * passwords) are never recorded.
 */
import { userInfo } from "node:os";
import { insertAuditEvents, pageAuditEvents, type AuditFilter } from "../storage/audit.repo.ts";
import type { Orm } from "../storage/db.ts";
import type { AuditAction, AuditEntity } from "../core/audit/actions.ts";
import type { ServiceContext } from "./context.ts";

/** Who makes a change: a logged-in user, or a shell user of the CLI, or the system itself. */
export interface Actor {
  readonly userId: number | null;
  readonly label: string;
}

export const SYSTEM_ACTOR: Actor = { userId: null, label: "system" };

/** The shell user running a CLI command. */
export function cliActor(): Actor {
  let name = "unbekannt";
  try {
    name = userInfo().username;
  } catch {
    // No passwd entry (some containers): the label stays generic.
  }
  return { userId: null, label: `cli:${name}` };
}

export interface AuditEntry {
  readonly workspaceId: number | null;
  readonly action: AuditAction;
  readonly entity: AuditEntity;
  readonly entityKey: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

/** Records events; call it with the transaction's `orm` so the record commits with the write. */
export async function audit(
  orm: Orm,
  ctx: ServiceContext,
  actor: Actor,
  entries: readonly AuditEntry[],
): Promise<void> {
  const at = ctx.now();
  await insertAuditEvents(
    orm,
    entries.map((e) => ({
      at,
      workspaceId: e.workspaceId,
      actorUserId: actor.userId,
      actor: actor.label,
      action: e.action,
      entity: e.entity,
      entityKey: e.entityKey,
      before: e.before ?? null,
      after: e.after ?? null,
    })),
  );
}

export async function getAuditEvents(ctx: ServiceContext, filter: AuditFilter) {
  const page = await pageAuditEvents(ctx.db.orm, filter);
  return {
    total: page.total,
    items: page.items.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      actor: e.actor,
      actorUserId: e.actorUserId,
      action: e.action,
      entity: e.entity,
      entityKey: e.entityKey,
      before: e.before,
      after: e.after,
    })),
  };
}
