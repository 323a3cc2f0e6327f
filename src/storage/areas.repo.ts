import { and, asc, eq, isNull, lte, or, gte, sql } from "drizzle-orm";
import type { AreaGeometry as Geometry } from "./schema.ts";
import type { Orm } from "./db.ts";
import { area, areaBoundary, areaLevel, areaSystem } from "./schema.ts";

export type AreaSystemRow = typeof areaSystem.$inferSelect;
export type AreaLevelRow = typeof areaLevel.$inferSelect;

/** An area with its system, level and parent resolved to codes. */
export interface AreaRow {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly systemCode: string;
  readonly levelCode: string;
  readonly depth: number;
  readonly parentId: number | null;
  readonly parentCode: string | null;
}

export async function listAreaSystems(orm: Orm, workspaceId: number): Promise<AreaSystemRow[]> {
  return orm
    .select()
    .from(areaSystem)
    .where(eq(areaSystem.workspaceId, workspaceId))
    .orderBy(asc(areaSystem.code));
}

export async function listAreaLevels(orm: Orm, workspaceId: number): Promise<AreaLevelRow[]> {
  return orm
    .select()
    .from(areaLevel)
    .where(eq(areaLevel.workspaceId, workspaceId))
    .orderBy(asc(areaLevel.areaSystemId), asc(areaLevel.depth));
}

export async function upsertAreaSystem(
  orm: Orm,
  values: typeof areaSystem.$inferInsert,
): Promise<AreaSystemRow> {
  const rows = await orm
    .insert(areaSystem)
    .values(values)
    .onConflictDoUpdate({
      target: [areaSystem.workspaceId, areaSystem.code],
      set: { name: values.name, description: values.description ?? null },
    })
    .returning();
  return rows[0]!;
}

export async function upsertAreaLevel(
  orm: Orm,
  values: typeof areaLevel.$inferInsert,
): Promise<AreaLevelRow> {
  const rows = await orm
    .insert(areaLevel)
    .values(values)
    .onConflictDoUpdate({
      target: [areaLevel.areaSystemId, areaLevel.code],
      set: { name: values.name, depth: values.depth },
    })
    .returning();
  return rows[0]!;
}

/** All areas of a workspace with codes resolved, parents before children. */
export async function listAreas(orm: Orm, workspaceId: number): Promise<AreaRow[]> {
  const parent = sql`(SELECT p.code FROM ${area} p WHERE p.id = ${area.parentId})`;
  const rows = await orm
    .select({
      id: area.id,
      code: area.code,
      name: area.name,
      systemCode: areaSystem.code,
      levelCode: areaLevel.code,
      depth: areaLevel.depth,
      parentId: area.parentId,
      parentCode: sql<string | null>`${parent}`,
    })
    .from(area)
    .innerJoin(areaLevel, eq(areaLevel.id, area.levelId))
    .innerJoin(areaSystem, eq(areaSystem.id, area.areaSystemId))
    .where(eq(area.workspaceId, workspaceId))
    .orderBy(asc(areaSystem.code), asc(areaLevel.depth), asc(area.code));
  return rows;
}

export async function insertArea(
  orm: Orm,
  values: typeof area.$inferInsert,
): Promise<{ id: number }> {
  const rows = await orm.insert(area).values(values).returning({ id: area.id });
  return rows[0]!;
}

export async function updateArea(
  orm: Orm,
  id: number,
  values: { name: string; parentId: number | null },
): Promise<void> {
  await orm.update(area).set(values).where(eq(area.id, id));
}

export interface BoundaryRow {
  readonly id: number;
  readonly areaId: number;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly geometry: Geometry | null;
}

const boundaryColumns = {
  id: areaBoundary.id,
  areaId: areaBoundary.areaId,
  validFrom: areaBoundary.validFrom,
  validTo: areaBoundary.validTo,
  geometry: areaBoundary.geometry,
};

/** The boundary versions valid at `date` (ISO), one per area at most. */
export async function listBoundariesAt(
  orm: Orm,
  workspaceId: number,
  date: string,
): Promise<BoundaryRow[]> {
  return orm
    .select(boundaryColumns)
    .from(areaBoundary)
    .where(
      and(
        eq(areaBoundary.workspaceId, workspaceId),
        lte(areaBoundary.validFrom, date),
        or(isNull(areaBoundary.validTo), gte(areaBoundary.validTo, date)),
      ),
    );
}

/** Every boundary version of one area, oldest first. */
export async function listBoundaryVersions(orm: Orm, areaId: number): Promise<BoundaryRow[]> {
  return orm
    .select(boundaryColumns)
    .from(areaBoundary)
    .where(eq(areaBoundary.areaId, areaId))
    .orderBy(asc(areaBoundary.validFrom));
}

/** The open-ended (current) boundary versions of a workspace. */
export async function listOpenBoundaries(orm: Orm, workspaceId: number): Promise<BoundaryRow[]> {
  return orm
    .select(boundaryColumns)
    .from(areaBoundary)
    .where(and(eq(areaBoundary.workspaceId, workspaceId), isNull(areaBoundary.validTo)));
}

export async function closeBoundary(orm: Orm, id: number, validTo: string): Promise<void> {
  await orm.update(areaBoundary).set({ validTo }).where(eq(areaBoundary.id, id));
}

export async function insertBoundary(
  orm: Orm,
  values: typeof areaBoundary.$inferInsert,
): Promise<void> {
  await orm.insert(areaBoundary).values(values);
}

/** Removes a level that holds no areas. */
export async function deleteAreaLevel(orm: Orm, id: number): Promise<void> {
  await orm.delete(areaLevel).where(eq(areaLevel.id, id));
}

/** How many areas each level holds, by level id. */
export async function countAreasByLevel(
  orm: Orm,
  workspaceId: number,
): Promise<Map<number, number>> {
  const rows = await orm
    .select({ levelId: area.levelId, n: sql<number>`count(*)::int` })
    .from(area)
    .where(eq(area.workspaceId, workspaceId))
    .groupBy(area.levelId);
  return new Map(rows.map((r) => [r.levelId, Number(r.n)]));
}
