import { and, eq, isNull, sql } from "drizzle-orm";
import type { Orm } from "./db.ts";
import { invitation } from "./schema.ts";

export type InvitationRow = typeof invitation.$inferSelect;

export async function insertInvitation(
  orm: Orm,
  values: typeof invitation.$inferInsert,
): Promise<InvitationRow> {
  const rows = await orm.insert(invitation).values(values).returning();
  return rows[0]!;
}

/** The invitation whose token has this SHA-256 (hex). */
export async function findInvitationByTokenHash(
  orm: Orm,
  tokenHash: string,
): Promise<InvitationRow | undefined> {
  const rows = await orm.select().from(invitation).where(eq(invitation.tokenHash, tokenHash));
  return rows[0];
}

/** Marks the invitation used; false when it was used already (a concurrent acceptance). */
export async function markInvitationUsed(orm: Orm, id: number, at: Date): Promise<boolean> {
  const rows = await orm
    .update(invitation)
    .set({ usedAt: at })
    .where(and(eq(invitation.id, id), isNull(invitation.usedAt)))
    .returning({ id: invitation.id });
  return rows.length > 0;
}

/** Counts a wrong one-time password; returns the count after it. */
export async function countFailedAttempt(orm: Orm, id: number): Promise<number> {
  const rows = await orm
    .update(invitation)
    .set({ failedAttempts: sql`${invitation.failedAttempts} + 1` })
    .where(eq(invitation.id, id))
    .returning({ n: invitation.failedAttempts });
  return rows[0]?.n ?? 0;
}
