/**
 * The accommodation records: facilities with their dated capacity, the pseudonymous
 * households, persons and stays (read, written in chunks, exits set, deleted under the
 * retention rule), and the workspace's accommodation version every write raises. What the
 * statistic reads and keeps: occupancy.repo.ts.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { executeRows, type Orm } from "./db.ts";
import { facility, facilityCapacity, household, person, stay, workspace } from "./schema.ts";

export type FacilityRow = typeof facility.$inferSelect;
export type FacilityCapacityRow = typeof facilityCapacity.$inferSelect;

/** Rows per statement: PostgreSQL allows 65,535 parameters, a stay row has 9. */
const CHUNK = 5000;

export async function listFacilities(
  orm: Orm,
  workspaceId: number,
): Promise<{ facility: FacilityRow; capacity: FacilityCapacityRow[] }[]> {
  const facilities = await orm
    .select()
    .from(facility)
    .where(eq(facility.workspaceId, workspaceId))
    .orderBy(asc(facility.code));
  if (facilities.length === 0) return [];
  const capacities = await orm
    .select()
    .from(facilityCapacity)
    .where(
      inArray(
        facilityCapacity.facilityId,
        facilities.map((f) => f.id),
      ),
    )
    .orderBy(asc(facilityCapacity.validFrom));
  return facilities.map((f) => ({
    facility: f,
    capacity: capacities.filter((c) => c.facilityId === f.id),
  }));
}

export async function insertFacility(
  orm: Orm,
  values: typeof facility.$inferInsert,
): Promise<FacilityRow> {
  const rows = await orm.insert(facility).values(values).returning();
  return rows[0]!;
}

export async function insertCapacity(
  orm: Orm,
  values: typeof facilityCapacity.$inferInsert,
): Promise<FacilityCapacityRow> {
  const rows = await orm.insert(facilityCapacity).values(values).returning();
  return rows[0]!;
}

/** Households, persons and stays of a workspace, with pseudonyms and codes resolved. */
export async function loadAccommodationRecords(orm: Orm, workspaceId: number) {
  const [households, persons, stays] = await Promise.all([
    orm
      .select({
        id: household.pseudonym,
        type: household.type,
        size: household.size,
      })
      .from(household)
      .where(eq(household.workspaceId, workspaceId))
      .orderBy(asc(household.id)),
    orm
      .select({
        id: person.pseudonym,
        household: household.pseudonym,
        birthYear: person.birthYear,
        sex: person.sex,
        nationality: person.nationality,
      })
      .from(person)
      .innerJoin(household, eq(household.id, person.householdId))
      .where(eq(person.workspaceId, workspaceId))
      .orderBy(asc(person.id)),
    orm
      .select({
        id: stay.code,
        person: person.pseudonym,
        facility: facility.code,
        legalBasis: stay.legalBasis,
        entry: stay.entry,
        exit: stay.exit,
        movedFrom: sql<
          string | null
        >`(SELECT s2.code FROM stay s2 WHERE s2.id = ${stay.movedFromId})`,
        entitledToFlat: stay.entitledToFlat,
      })
      .from(stay)
      .innerJoin(person, eq(person.id, stay.personId))
      .innerJoin(facility, eq(facility.id, stay.facilityId))
      .where(eq(stay.workspaceId, workspaceId))
      .orderBy(asc(stay.id)),
  ]);
  return { households, persons, stays };
}

export interface NewRecords {
  readonly households: readonly { pseudonym: string; type: string; size: number }[];
  readonly persons: readonly {
    pseudonym: string;
    household: string;
    birthYear: number | null;
    sex: string;
    nationality: string;
  }[];
  readonly stays: readonly {
    code: string;
    person: string;
    facility: string;
    legalBasis: string;
    entry: string;
    exit: string | null;
    movedFrom: string | null;
    entitledToFlat: boolean;
  }[];
}

async function chunked<T>(rows: readonly T[], write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

/**
 * Writes households, persons and stays (all new; the caller has checked them) in the caller's
 * transaction. Pseudonyms and codes are resolved to ids here; moves are linked after the
 * stays are in.
 */
export async function insertAccommodationRecords(
  orm: Orm,
  workspaceId: number,
  records: NewRecords,
): Promise<void> {
  const facilityIds = new Map(
    (
      await orm
        .select({ id: facility.id, code: facility.code })
        .from(facility)
        .where(eq(facility.workspaceId, workspaceId))
    ).map((f) => [f.code, f.id]),
  );
  // Persons and stays may belong to records stored before this batch: resolve those too.
  const householdIds = await idsByKey(
    orm,
    household,
    workspaceId,
    records.persons
      .map((p) => p.household)
      .filter((h) => !records.households.some((x) => x.pseudonym === h)),
  );
  await chunked(records.households, async (chunk) => {
    const rows = await orm
      .insert(household)
      .values(
        chunk.map((h) => ({
          workspaceId,
          pseudonym: h.pseudonym,
          type: h.type as (typeof household.$inferInsert)["type"],
          size: h.size,
        })),
      )
      .returning({ id: household.id, pseudonym: household.pseudonym });
    for (const r of rows) householdIds.set(r.pseudonym, r.id);
  });
  const newPersons = new Set(records.persons.map((p) => p.pseudonym));
  const personIds = await idsByKey(
    orm,
    person,
    workspaceId,
    records.stays.map((s) => s.person).filter((p) => !newPersons.has(p)),
  );
  await chunked(records.persons, async (chunk) => {
    const rows = await orm
      .insert(person)
      .values(
        chunk.map((p) => ({
          workspaceId,
          pseudonym: p.pseudonym,
          householdId: householdIds.get(p.household)!,
          birthYear: p.birthYear,
          sex: p.sex as (typeof person.$inferInsert)["sex"],
          nationality: p.nationality as (typeof person.$inferInsert)["nationality"],
        })),
      )
      .returning({ id: person.id, pseudonym: person.pseudonym });
    for (const r of rows) personIds.set(r.pseudonym, r.id);
  });
  const stayIds = new Map<string, number>();
  await chunked(records.stays, async (chunk) => {
    const rows = await orm
      .insert(stay)
      .values(
        chunk.map((s) => ({
          workspaceId,
          code: s.code,
          personId: personIds.get(s.person)!,
          facilityId: facilityIds.get(s.facility)!,
          legalBasis: s.legalBasis as (typeof stay.$inferInsert)["legalBasis"],
          entry: s.entry,
          exit: s.exit,
          entitledToFlat: s.entitledToFlat,
        })),
      )
      .returning({ id: stay.id, code: stay.code });
    for (const r of rows) stayIds.set(r.code, r.id);
  });
  // A move may continue a stay stored before this batch.
  const earlier = [
    ...new Set(
      records.stays.flatMap((s) =>
        s.movedFrom !== null && !stayIds.has(s.movedFrom) ? [s.movedFrom] : [],
      ),
    ),
  ];
  if (earlier.length > 0) {
    const rows = await orm
      .select({ id: stay.id, code: stay.code })
      .from(stay)
      .where(and(eq(stay.workspaceId, workspaceId), inArray(stay.code, earlier)));
    for (const r of rows) stayIds.set(r.code, r.id);
  }
  for (const s of records.stays) {
    if (s.movedFrom === null) continue;
    await orm
      .update(stay)
      .set({ movedFromId: stayIds.get(s.movedFrom)! })
      .where(and(eq(stay.workspaceId, workspaceId), eq(stay.id, stayIds.get(s.code)!)));
  }
}

/**
 * Deletes the persons all of whose stays ended before `cutoff` (ISO day), with their stays,
 * and households left without persons. Returns the counts deleted.
 */
export async function deletePersonsHousedBefore(
  orm: Orm,
  workspaceId: number,
  cutoff: string,
): Promise<{ persons: number; stays: number; households: number }> {
  const persons = await executeRows<{ id: number }>(
    orm,
    sql`SELECT p.id FROM person p
        WHERE p.workspace_id = ${workspaceId}
          AND NOT EXISTS (
            SELECT 1 FROM stay s
            WHERE s.person_id = p.id AND (s.exit IS NULL OR s.exit >= ${cutoff}::date))`,
  );
  if (persons.length === 0) return { persons: 0, stays: 0, households: 0 };
  const ids = `{${persons.map((p) => p.id).join(",")}}`;
  const stays = await executeRows<{ n: number }>(
    orm,
    sql`WITH gone AS (DELETE FROM stay WHERE person_id = ANY(${ids}::int[]) RETURNING 1)
        SELECT count(*)::int AS n FROM gone`,
  );
  await orm.execute(sql`DELETE FROM person WHERE id = ANY(${ids}::int[])`);
  const households = await executeRows<{ n: number }>(
    orm,
    sql`WITH gone AS (
          DELETE FROM household h WHERE h.workspace_id = ${workspaceId}
            AND NOT EXISTS (SELECT 1 FROM person p WHERE p.household_id = h.id)
          RETURNING 1)
        SELECT count(*)::int AS n FROM gone`,
  );
  return { persons: persons.length, stays: stays[0]!.n, households: households[0]!.n };
}

/** Sets the exit day of stays given by code (a move-out or a move). */
export async function setStayExits(
  orm: Orm,
  workspaceId: number,
  codes: readonly string[],
  exit: string,
): Promise<number> {
  if (codes.length === 0) return 0;
  const rows = await orm
    .update(stay)
    .set({ exit })
    .where(and(eq(stay.workspaceId, workspaceId), inArray(stay.code, [...codes])))
    .returning({ id: stay.id });
  return rows.length;
}

export async function findFacilityId(
  orm: Orm,
  workspaceId: number,
  code: string,
): Promise<number | undefined> {
  const rows = await orm
    .select({ id: facility.id })
    .from(facility)
    .where(and(eq(facility.workspaceId, workspaceId), eq(facility.code, code)));
  return rows[0]?.id;
}

/** Database ids of stored households or persons by pseudonym. */
async function idsByKey(
  orm: Orm,
  table: typeof household | typeof person,
  workspaceId: number,
  keys: readonly string[],
): Promise<Map<string, number>> {
  const wanted = [...new Set(keys)];
  if (wanted.length === 0) return new Map();
  const rows = await orm
    .select({ id: table.id, key: table.pseudonym })
    .from(table)
    .where(and(eq(table.workspaceId, workspaceId), inArray(table.pseudonym, wanted)));
  return new Map(rows.map((r) => [r.key, r.id]));
}

export async function updateFacility(
  orm: Orm,
  workspaceId: number,
  code: string,
  values: Partial<Omit<typeof facility.$inferInsert, "id" | "workspaceId" | "code">>,
): Promise<void> {
  await orm
    .update(facility)
    .set(values)
    .where(and(eq(facility.workspaceId, workspaceId), eq(facility.code, code)));
}

/**
 * Marks the accommodation records of a workspace as changed (call inside the transaction of
 * the change): figures computed from them key on this number. Returns the new version; the
 * update locks the workspace's row until the transaction ends, so a caller that read version
 * n before checking its change knows nobody else wrote meanwhile when it gets n + 1.
 */
export async function bumpAccommodationVersion(orm: Orm, workspaceId: number): Promise<number> {
  const rows = await orm
    .update(workspace)
    .set({ accommodationVersion: sql`${workspace.accommodationVersion} + 1` })
    .where(eq(workspace.id, workspaceId))
    .returning({ v: workspace.accommodationVersion });
  return rows[0]?.v ?? 0;
}

/** The current accommodation version of a workspace, read fresh (not from a cached row). */
export async function accommodationVersionOf(orm: Orm, workspaceId: number): Promise<number> {
  const rows = await orm
    .select({ v: workspace.accommodationVersion })
    .from(workspace)
    .where(eq(workspace.id, workspaceId));
  return rows[0]?.v ?? 0;
}
