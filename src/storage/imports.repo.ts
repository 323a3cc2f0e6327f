import { and, desc, eq } from "drizzle-orm";
import type { Orm } from "./db.ts";
import { importRun } from "./schema.ts";

export type ImportRunRow = typeof importRun.$inferSelect;
export type ImportRunInsert = typeof importRun.$inferInsert;

export async function insertImportRun(orm: Orm, values: ImportRunInsert): Promise<ImportRunRow> {
  const rows = await orm.insert(importRun).values(values).returning();
  return rows[0]!;
}

/** The import history of a workspace, newest first, without the (possibly long) issue lists. */
export async function listImportRuns(orm: Orm, workspaceId: number, limit = 100) {
  return orm
    .select({
      id: importRun.id,
      kind: importRun.kind,
      label: importRun.label,
      fileName: importRun.fileName,
      fileSize: importRun.fileSize,
      fileSha256: importRun.fileSha256,
      dryRun: importRun.dryRun,
      status: importRun.status,
      summary: importRun.summary,
      startedAt: importRun.startedAt,
      finishedAt: importRun.finishedAt,
    })
    .from(importRun)
    .where(eq(importRun.workspaceId, workspaceId))
    .orderBy(desc(importRun.id))
    .limit(limit);
}

export async function findImportRun(
  orm: Orm,
  workspaceId: number,
  id: number,
): Promise<ImportRunRow | undefined> {
  const rows = await orm
    .select()
    .from(importRun)
    .where(and(eq(importRun.workspaceId, workspaceId), eq(importRun.id, id)));
  return rows[0];
}
