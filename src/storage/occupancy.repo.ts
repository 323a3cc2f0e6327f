/**
 * What the occupancy statistic reads and keeps: the records as one row of arrays (no row per
 * stay), the facilities' ids, the span of months with records, and the monthly statistics
 * stored when the records behind them were deleted under the retention rule.
 */
import { and, eq, sql } from "drizzle-orm";
import { executeRows, type Orm } from "./db.ts";
import { facility, occupancyMonth } from "./schema.ts";

/** The stored records as arrays, in id order; days as day numbers (days since 1970-01-01). */
export interface StoredStayArrays {
  readonly households: { readonly id: number[]; readonly type: string[] };
  readonly persons: {
    readonly id: number[];
    readonly household: number[];
    readonly birthYear: (number | null)[];
    readonly sex: string[];
    readonly nationality: string[];
  };
  readonly stays: {
    readonly id: number[];
    readonly person: number[];
    readonly facility: number[];
    readonly legalBasis: string[];
    readonly entry: number[];
    readonly exit: (number | null)[];
    readonly movedFrom: (number | null)[];
    readonly entitled: boolean[];
    /** The entry day of the first stay of each stay's chain of moves. */
    readonly chainStart: number[];
  };
}

/**
 * Households, persons and stays of a workspace as one row of arrays each: 50,000 stays arrive
 * as one row, which both engines decode far faster than 50,000 rows. With `between` (ISO
 * days) only the stays overlapping that span and their persons and households are read, the
 * start of each chain of moves found by following `moved_from` in the database.
 */
export async function loadStayArrays(
  orm: Orm,
  workspaceId: number,
  between?: { readonly first: string; readonly last: string },
): Promise<StoredStayArrays> {
  const span = between
    ? sql`AND entry <= ${between.last}::date AND (exit IS NULL OR exit >= ${between.first}::date)`
    : sql``;
  const stays = await executeRows<{
    id: number[] | null;
    person: number[] | null;
    facility: number[] | null;
    legal_basis: string[] | null;
    entry: number[] | null;
    exit: (number | null)[] | null;
    moved_from: (number | null)[] | null;
    entitled: boolean[] | null;
    chain_start: number[] | null;
  }>(
    orm,
    sql`WITH RECURSIVE sel AS (
          SELECT * FROM stay WHERE workspace_id = ${workspaceId} ${span}
        ),
        up (id, cur, start) AS (
          SELECT id, moved_from_id, entry FROM sel WHERE moved_from_id IS NOT NULL
          UNION ALL
          SELECT up.id, p.moved_from_id, p.entry FROM up JOIN stay p ON p.id = up.cur
        ),
        starts AS (SELECT id, min(start) AS start FROM up GROUP BY id)
        SELECT array_agg(s.id ORDER BY s.id) AS id,
               array_agg(s.person_id ORDER BY s.id) AS person,
               array_agg(s.facility_id ORDER BY s.id) AS facility,
               array_agg(s.legal_basis ORDER BY s.id) AS legal_basis,
               array_agg(s.entry - DATE '1970-01-01' ORDER BY s.id) AS entry,
               array_agg(s.exit - DATE '1970-01-01' ORDER BY s.id) AS exit,
               array_agg(s.moved_from_id ORDER BY s.id) AS moved_from,
               array_agg(s.entitled_to_flat ORDER BY s.id) AS entitled,
               array_agg(COALESCE(st.start, s.entry) - DATE '1970-01-01' ORDER BY s.id) AS chain_start
        FROM sel s LEFT JOIN starts st ON st.id = s.id`,
  );
  const sr = stays[0]!;
  const personFilter = between
    ? sql`AND id = ANY(${`{${[...new Set(sr.person ?? [])].join(",")}}`}::int[])`
    : sql``;
  const persons = await executeRows<{
    id: number[] | null;
    household: number[] | null;
    birth_year: (number | null)[] | null;
    sex: string[] | null;
    nationality: string[] | null;
  }>(
    orm,
    sql`SELECT array_agg(id ORDER BY id) AS id, array_agg(household_id ORDER BY id) AS household,
               array_agg(birth_year ORDER BY id) AS birth_year, array_agg(sex ORDER BY id) AS sex,
               array_agg(nationality ORDER BY id) AS nationality
        FROM person WHERE workspace_id = ${workspaceId} ${personFilter}`,
  );
  const pr = persons[0]!;
  const householdFilter = between
    ? sql`AND id = ANY(${`{${[...new Set(pr.household ?? [])].join(",")}}`}::int[])`
    : sql``;
  const households = await executeRows<{ id: number[] | null; type: string[] | null }>(
    orm,
    sql`SELECT array_agg(id ORDER BY id) AS id, array_agg(type ORDER BY id) AS type
        FROM household WHERE workspace_id = ${workspaceId} ${householdFilter}`,
  );
  const hr = households[0]!;
  return {
    households: { id: hr.id ?? [], type: hr.type ?? [] },
    persons: {
      id: pr.id ?? [],
      household: pr.household ?? [],
      birthYear: pr.birth_year ?? [],
      sex: pr.sex ?? [],
      nationality: pr.nationality ?? [],
    },
    stays: {
      id: sr.id ?? [],
      person: sr.person ?? [],
      facility: sr.facility ?? [],
      legalBasis: sr.legal_basis ?? [],
      entry: sr.entry ?? [],
      exit: sr.exit ?? [],
      movedFrom: sr.moved_from ?? [],
      entitled: sr.entitled ?? [],
      chainStart: sr.chain_start ?? [],
    },
  };
}

/** Facility ids by code, for mapping the stays' facility ids to positions. */
export async function facilityIds(orm: Orm, workspaceId: number): Promise<Map<number, string>> {
  const rows = await orm
    .select({ id: facility.id, code: facility.code })
    .from(facility)
    .where(eq(facility.workspaceId, workspaceId));
  return new Map(rows.map((r) => [r.id, r.code]));
}

/** Stored monthly statistics (frozen when the records behind them were deleted). */
export async function findOccupancyMonth(
  orm: Orm,
  workspaceId: number,
  month: string,
  referenceDay: string,
): Promise<unknown> {
  const rows = await orm
    .select({ statistic: occupancyMonth.statistic })
    .from(occupancyMonth)
    .where(
      and(
        eq(occupancyMonth.workspaceId, workspaceId),
        eq(occupancyMonth.month, month),
        eq(occupancyMonth.referenceDay, referenceDay),
      ),
    );
  return rows[0]?.statistic;
}

export async function storeOccupancyMonths(
  orm: Orm,
  workspaceId: number,
  referenceDay: string,
  months: readonly { month: string; statistic: unknown }[],
): Promise<void> {
  if (months.length === 0) return;
  await orm
    .insert(occupancyMonth)
    .values(
      months.map((m) => ({ workspaceId, referenceDay, month: m.month, statistic: m.statistic })),
    )
    .onConflictDoNothing();
}

/** All stored monthly statistics of a workspace for one reference-day rule, by month. */
export async function listOccupancyMonths(
  orm: Orm,
  workspaceId: number,
  referenceDay: string,
): Promise<Map<string, unknown>> {
  const rows = await orm
    .select({ month: occupancyMonth.month, statistic: occupancyMonth.statistic })
    .from(occupancyMonth)
    .where(
      and(
        eq(occupancyMonth.workspaceId, workspaceId),
        eq(occupancyMonth.referenceDay, referenceDay),
      ),
    );
  return new Map(rows.map((r) => [r.month, r.statistic]));
}

/**
 * The months a workspace has figures for ("YYYY-MM"): from the first entry (or the first
 * stored month, whose records may have been deleted) to the last entry or exit; null without
 * any record.
 */
export async function recordMonthSpan(
  orm: Orm,
  workspaceId: number,
): Promise<{ first: string; last: string } | null> {
  const rows = await executeRows<{ first: string | null; last: string | null }>(
    orm,
    sql`SELECT to_char(LEAST(s.first, m.first), 'YYYY-MM') AS first,
               COALESCE(to_char(s.last, 'YYYY-MM'), m.last) AS last
        FROM (SELECT min(entry) AS first, max(GREATEST(entry, exit)) AS last
              FROM stay WHERE workspace_id = ${workspaceId}) s,
             (SELECT to_date(min(month), 'YYYY-MM') AS first, max(month) AS last
              FROM occupancy_month WHERE workspace_id = ${workspaceId}) m`,
  );
  const r = rows[0];
  return r?.first && r.last ? { first: r.first, last: r.last } : null;
}
