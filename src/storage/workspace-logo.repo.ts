import { eq } from "drizzle-orm";
import type { Orm } from "./db.ts";
import { workspaceLogo } from "./schema.ts";

export type WorkspaceLogoRow = typeof workspaceLogo.$inferSelect;

export async function findWorkspaceLogo(
  orm: Orm,
  workspaceId: number,
): Promise<WorkspaceLogoRow | undefined> {
  const rows = await orm
    .select()
    .from(workspaceLogo)
    .where(eq(workspaceLogo.workspaceId, workspaceId));
  return rows[0];
}

/** The logos' versions (SHA-256) by workspace id, without their content. */
export async function listLogoVersions(orm: Orm): Promise<Map<number, string>> {
  const rows = await orm
    .select({ id: workspaceLogo.workspaceId, sha256: workspaceLogo.sha256 })
    .from(workspaceLogo);
  return new Map(rows.map((r) => [r.id, r.sha256]));
}

export async function upsertWorkspaceLogo(orm: Orm, values: WorkspaceLogoRow): Promise<void> {
  await orm
    .insert(workspaceLogo)
    .values(values)
    .onConflictDoUpdate({
      target: workspaceLogo.workspaceId,
      set: {
        mediaType: values.mediaType,
        content: values.content,
        sha256: values.sha256,
        updatedAt: values.updatedAt,
      },
    });
}

export async function deleteWorkspaceLogo(orm: Orm, workspaceId: number): Promise<boolean> {
  const rows = await orm
    .delete(workspaceLogo)
    .where(eq(workspaceLogo.workspaceId, workspaceId))
    .returning({ id: workspaceLogo.workspaceId });
  return rows.length > 0;
}
