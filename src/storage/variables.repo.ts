import { asc, eq } from "drizzle-orm";
import type { Orm } from "./db.ts";
import { variable } from "./schema.ts";

export type VariableRow = typeof variable.$inferSelect;
export type VariableInsert = typeof variable.$inferInsert;

export async function listVariables(orm: Orm, workspaceId: number): Promise<VariableRow[]> {
  return orm
    .select()
    .from(variable)
    .where(eq(variable.workspaceId, workspaceId))
    .orderBy(asc(variable.code));
}

export async function upsertVariable(orm: Orm, values: VariableInsert): Promise<VariableRow> {
  const { workspaceId, code, ...rest } = values;
  const rows = await orm
    .insert(variable)
    .values({ workspaceId, code, ...rest })
    .onConflictDoUpdate({ target: [variable.workspaceId, variable.code], set: rest })
    .returning();
  return rows[0]!;
}

export async function setVariablePublication(
  orm: Orm,
  id: number,
  publication: VariableRow["publication"],
): Promise<void> {
  await orm.update(variable).set({ publication }).where(eq(variable.id, id));
}
