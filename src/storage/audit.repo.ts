import { and, count, desc, eq, gte, inArray, lt, notInArray, sql, type SQL } from "drizzle-orm";
import type { AuditScope } from "../core/access/audit-scope.ts";
import { executeRows, type Orm } from "./db.ts";
import type { AuditAction } from "../core/audit/actions.ts";
import { auditEvent } from "./schema.ts";

export type AuditEventRow = typeof auditEvent.$inferSelect;
export type AuditEventInsert = typeof auditEvent.$inferInsert;

export async function insertAuditEvents(
  orm: Orm,
  events: readonly AuditEventInsert[],
): Promise<void> {
  // 9 parameters a row; PostgreSQL allows 65,535 per statement, so a catalogue with tens of
  // thousands of areas is written in chunks (in the caller's transaction).
  for (let i = 0; i < events.length; i += AUDIT_INSERT_CHUNK) {
    await orm.insert(auditEvent).values(events.slice(i, i + AUDIT_INSERT_CHUNK));
  }
}

export const AUDIT_INSERT_CHUNK = 5000;

export interface AuditFilter {
  readonly workspaceId: number;
  /** The entities the reader may see (by role; ADR 0007). */
  readonly scope: AuditScope;
  readonly entity?: string | undefined;
  readonly entityKey?: string | undefined;
  readonly actorUserId?: number | undefined;
  readonly actor?: string | undefined;
  readonly action?: AuditAction | undefined;
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
  readonly limit: number;
  readonly offset: number;
}

/** A page of a workspace's audit events, newest first, with the total for the filter. */
export async function pageAuditEvents(
  orm: Orm,
  f: AuditFilter,
): Promise<{ total: number; items: AuditEventRow[] }> {
  const where: SQL[] = [eq(auditEvent.workspaceId, f.workspaceId)];
  if (f.scope.kind === "only") where.push(inArray(auditEvent.entity, [...f.scope.entities]));
  if (f.scope.kind === "except") where.push(notInArray(auditEvent.entity, [...f.scope.entities]));
  if (f.entity !== undefined) where.push(eq(auditEvent.entity, f.entity));
  if (f.entityKey !== undefined) where.push(eq(auditEvent.entityKey, f.entityKey));
  if (f.actorUserId !== undefined) where.push(eq(auditEvent.actorUserId, f.actorUserId));
  if (f.actor !== undefined) where.push(eq(auditEvent.actor, f.actor));
  if (f.action !== undefined) where.push(eq(auditEvent.action, f.action));
  if (f.from !== undefined) where.push(gte(auditEvent.at, f.from));
  if (f.to !== undefined) where.push(lt(auditEvent.at, f.to));
  const condition = and(...where);
  const [items, totals] = await Promise.all([
    orm
      .select()
      .from(auditEvent)
      .where(condition)
      .orderBy(desc(auditEvent.at), desc(auditEvent.id))
      .limit(f.limit)
      .offset(f.offset),
    orm.select({ n: count() }).from(auditEvent).where(condition),
  ]);
  return { total: Number(totals[0]?.n ?? 0), items };
}

/**
 * When each member of a workspace last logged in, by login name, as the workspace's audit log
 * records it (its `login` events); a member who never has is missing from the map. One lookup
 * per member in `audit_event_actor_ix`, newest first, so a long log costs no more.
 */
export async function lastLoginsOf(orm: Orm, workspaceId: number): Promise<Map<string, Date>> {
  const rows = await executeRows<{ email: string; at: Date | string | null }>(
    orm,
    sql`SELECT u.email,
               (SELECT max(e.at) FROM audit_event e
                 WHERE e.actor_user_id = u.id
                   AND e.workspace_id = m.workspace_id
                   AND e.action = 'login') AS at
          FROM membership m
          JOIN app_user u ON u.id = m.user_id
         WHERE m.workspace_id = ${workspaceId}`,
  );
  return new Map(rows.flatMap((r) => (r.at === null ? [] : [[r.email, new Date(r.at)]])));
}
