import { and, desc, eq, max, sql } from "drizzle-orm";
import type { Orm } from "./db.ts";
import { indexDefinition, indexRun } from "./schema.ts";

export type IndexDefinitionRow = typeof indexDefinition.$inferSelect;
export type IndexRunRow = typeof indexRun.$inferSelect;

/** Every version of every index of a workspace, newest version first within each code. */
export async function listIndexDefinitions(
  orm: Orm,
  workspaceId: number,
): Promise<IndexDefinitionRow[]> {
  return orm
    .select()
    .from(indexDefinition)
    .where(eq(indexDefinition.workspaceId, workspaceId))
    .orderBy(indexDefinition.code, desc(indexDefinition.version));
}

/** One version of an index, or its latest when `version` is undefined. */
export async function findIndexDefinition(
  orm: Orm,
  workspaceId: number,
  code: string,
  version?: number,
): Promise<IndexDefinitionRow | undefined> {
  const rows = await orm
    .select()
    .from(indexDefinition)
    .where(
      and(
        eq(indexDefinition.workspaceId, workspaceId),
        eq(indexDefinition.code, code),
        version === undefined ? undefined : eq(indexDefinition.version, version),
      ),
    )
    .orderBy(desc(indexDefinition.version))
    .limit(1);
  return rows[0];
}

export async function insertIndexDefinition(
  orm: Orm,
  values: typeof indexDefinition.$inferInsert,
): Promise<IndexDefinitionRow> {
  const rows = await orm.insert(indexDefinition).values(values).returning();
  return rows[0]!;
}

/**
 * Serialises the saving of versions of one index (two planners saving at once get versions
 * n + 1 and n + 2, not a unique-key error): a transaction-scoped advisory lock on the code.
 */
export async function lockIndexCode(orm: Orm, workspaceId: number, code: string): Promise<void> {
  await orm.execute(
    sql`SELECT pg_advisory_xact_lock(${workspaceId}, hashtext(${"index:" + code}))`,
  );
}

export async function latestIndexVersion(
  orm: Orm,
  workspaceId: number,
  code: string,
): Promise<number> {
  const rows = await orm
    .select({ version: max(indexDefinition.version) })
    .from(indexDefinition)
    .where(and(eq(indexDefinition.workspaceId, workspaceId), eq(indexDefinition.code, code)));
  return rows[0]?.version ?? 0;
}

export async function insertIndexRun(
  orm: Orm,
  values: typeof indexRun.$inferInsert,
): Promise<IndexRunRow> {
  const rows = await orm.insert(indexRun).values(values).returning();
  return rows[0]!;
}

/** The runs of an index (all versions), newest first, without their area results. */
export async function listIndexRuns(orm: Orm, workspaceId: number, code: string) {
  return orm
    .select({
      id: indexRun.id,
      version: indexDefinition.version,
      level: indexRun.level,
      period: indexRun.period,
      dataVersion: indexRun.dataVersion,
      included: indexRun.included,
      excluded: indexRun.excluded,
      counts: indexRun.counts,
      createdBy: indexRun.createdBy,
      createdAt: indexRun.createdAt,
    })
    .from(indexRun)
    .innerJoin(indexDefinition, eq(indexDefinition.id, indexRun.definitionId))
    .where(and(eq(indexRun.workspaceId, workspaceId), eq(indexDefinition.code, code)))
    .orderBy(desc(indexRun.id));
}

/** A run with the definition version it used. */
export async function findIndexRun(
  orm: Orm,
  workspaceId: number,
  id: number,
): Promise<{ run: IndexRunRow; definition: IndexDefinitionRow } | undefined> {
  const rows = await orm
    .select({ run: indexRun, definition: indexDefinition })
    .from(indexRun)
    .innerJoin(indexDefinition, eq(indexDefinition.id, indexRun.definitionId))
    .where(and(eq(indexRun.workspaceId, workspaceId), eq(indexRun.id, id)));
  return rows[0];
}
