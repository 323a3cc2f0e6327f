/** The names a workspace saved for its areas and variables (schema.ts, `saved_name`). */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Orm } from "./db.ts";
import { area, savedName, variable } from "./schema.ts";

export interface SavedNameRow {
  readonly id: number;
  readonly kind: "area" | "variable";
  readonly scope: string;
  readonly text: string;
  /** The code of the area or variable the name stands for. */
  readonly code: string;
  readonly targetName: string;
  readonly createdBy: string;
  readonly createdAt: Date;
}

export async function listSavedNames(orm: Orm, workspaceId: number): Promise<SavedNameRow[]> {
  return orm
    .select({
      id: savedName.id,
      kind: savedName.kind,
      scope: savedName.scope,
      text: savedName.text,
      code: sql<string>`coalesce(${area.code}, ${variable.code})`,
      targetName: sql<string>`coalesce(${area.name}, ${variable.name})`,
      createdBy: savedName.createdBy,
      createdAt: savedName.createdAt,
    })
    .from(savedName)
    .leftJoin(area, eq(area.id, savedName.areaId))
    .leftJoin(variable, eq(variable.id, savedName.variableId))
    .where(eq(savedName.workspaceId, workspaceId))
    .orderBy(asc(savedName.kind), asc(savedName.scope), asc(savedName.textKey));
}

/** Saves a name, replacing what the same spelling in the same scope stood for before. */
export async function upsertSavedName(
  orm: Orm,
  values: typeof savedName.$inferInsert,
): Promise<{ id: number }> {
  const rows = await orm
    .insert(savedName)
    .values(values)
    .onConflictDoUpdate({
      target: [savedName.workspaceId, savedName.kind, savedName.scope, savedName.textKey],
      set: {
        text: values.text,
        areaId: values.areaId ?? null,
        variableId: values.variableId ?? null,
        createdBy: values.createdBy,
        createdAt: sql`now()`,
      },
    })
    .returning({ id: savedName.id });
  return rows[0]!;
}

export async function deleteSavedName(orm: Orm, workspaceId: number, id: number): Promise<boolean> {
  const rows = await orm
    .delete(savedName)
    .where(and(eq(savedName.workspaceId, workspaceId), eq(savedName.id, id)))
    .returning({ id: savedName.id });
  return rows.length > 0;
}
