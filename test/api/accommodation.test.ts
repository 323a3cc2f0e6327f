/**
 * The accommodation records through the service on a real database (PGlite; PostgreSQL in
 * CI): facilities and the synthetic history stored and read back unchanged, the monthly
 * statistic from the database equal to the core's on the same records, a delivery with an
 * error refused whole with every finding, and every read of stay records audited.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseMonth } from "../../src/core/accommodation/days.ts";
import { monthlyStatistic } from "../../src/core/accommodation/occupancy.ts";
import { prepareStays } from "../../src/core/accommodation/stay-table.ts";
import { syntheticAccommodation } from "../../src/core/accommodation/synthetic.ts";
import { addFacilities } from "../../src/services/accommodation/facilities.ts";
import { addRecords } from "../../src/services/accommodation/stay-import.ts";
import { getFacilities, readRecords } from "../../src/services/accommodation/records.ts";
import { monthlyOccupancy, occupancySeries } from "../../src/services/accommodation/statistic.ts";
import { purgeExpiredRecords } from "../../src/services/accommodation/retention.ts";
import { applyCatalogue, parseCatalogue } from "../../src/services/data/apply-catalogue.ts";
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { resolveWorkspace, type Workspace } from "../../src/services/workspaces.ts";
import { executeRows } from "../../src/storage/db.ts";
import { testCityCatalogue } from "../support/test-city.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

let t: TestDatabase;
let ctx: ServiceContext;
let ws: Workspace;
const data = syntheticAccommodation({
  seed: 3,
  start: "2023-11-01",
  months: 36,
  householdsPerMonth: 10,
});

const byCode = [...data.facilities].sort((a, b) => (a.code < b.code ? -1 : 1));

beforeAll(async () => {
  t = await openTestDatabase();
  ctx = createServiceContext(t.db);
  await applyCatalogue(
    ctx,
    parseCatalogue(
      testCityCatalogue({
        slug: "unterkunftstadt",
        cityCode: "U0",
        districtCode: (i) => `U${i + 1}`,
        districts: 2,
        variables: ["population"],
      }),
    ),
    SYSTEM_ACTOR,
  );
  ws = await resolveWorkspace(ctx, "unterkunftstadt");
  await addFacilities(
    ctx,
    ws,
    data.facilities.map((f) => ({
      ...f,
      address: null,
      areaCode: "U1",
      wheelchairAccess: false,
      familyRooms: f.type === "refugee_shared",
    })),
    SYSTEM_ACTOR,
  );
});
afterAll(async () => t.close());

describe("accommodation records", () => {
  it("stores the history and reads it back unchanged", async () => {
    const added = await addRecords(ctx, ws, data, SYSTEM_ACTOR);
    expect(added.stays).toBe(data.stays.length);
    const back = await readRecords(ctx, ws, SYSTEM_ACTOR, "Test");
    expect(back.stays).toEqual(data.stays);
    expect(back.persons).toEqual(data.persons);
    expect(back.households).toEqual(data.households);
    // Facilities come back in the order of their codes.
    expect((await getFacilities(ctx, ws)).map((f) => [f.code, f.capacity])).toEqual(
      byCode.map((f) => [f.code, f.capacity]),
    );
  });

  it("computes the monthly statistic from the database as the core does", async () => {
    const table = prepareStays(byCode, data.households, data.persons, data.stays);
    for (const month of ["2024-01", "2025-08", "2026-10"]) {
      const fromDb = await monthlyOccupancy(ctx, ws, month);
      expect(fromDb).toEqual(monthlyStatistic(table, parseMonth(month)!));
      expect(fromDb.total.persons).toBeGreaterThan(0);
    }
  });

  it("refuses a delivery with an error whole, naming every finding", async () => {
    const count = async () =>
      (await executeRows<{ n: number }>(t.db.orm, sql`SELECT count(*)::int AS n FROM stay`))[0]!.n;
    const before = await count();
    const p = data.persons[0]!;
    const attempt = addRecords(
      ctx,
      ws,
      {
        households: [],
        persons: [],
        stays: [
          {
            id: "NEU-1",
            person: p.id,
            facility: "OU-AM",
            legalBasis: "public_order",
            entry: "2026-05-10",
            exit: "2026-05-01",
            movedFrom: null,
            entitledToFlat: false,
          },
          {
            id: "NEU-2",
            person: "GIBT-ES-NICHT",
            facility: "OU-AM",
            legalBasis: "public_order",
            entry: "2026-05-10",
            exit: null,
            movedFrom: null,
            entitledToFlat: false,
          },
          { ...data.stays[0]! },
        ],
      },
      SYSTEM_ACTOR,
    );
    await expect(attempt).rejects.toMatchObject({
      code: "invalid_input",
      details: {
        findings: expect.arrayContaining([
          expect.objectContaining({ record: "NEU-1", code: "exit_before_entry" }),
          expect.objectContaining({ record: "NEU-2", code: "unknown_person" }),
          expect.objectContaining({ record: data.stays[0]!.id }),
        ]),
      },
    });
    expect(await count()).toBe(before);
  });

  it("audits every read of stay records", async () => {
    await readRecords(ctx, ws, { userId: null, label: "test:leser" }, "Monatsprüfung");
    const rows = await executeRows<{ action: string; actor: string }>(
      t.db.orm,
      sql`SELECT action, actor FROM audit_event WHERE entity = 'stay' AND action = 'read' ORDER BY id DESC LIMIT 1`,
    );
    expect(rows[0]).toEqual({ action: "read", actor: "test:leser" });
  });

  it("deletes records after the retention period and keeps the monthly figures", async () => {
    const months = ["2024-01", "2025-06", "2025-11", "2026-06"];
    const before = await Promise.all(months.map((m) => monthlyOccupancy(ctx, ws, m)));
    const stays = (await readRecords(ctx, ws, SYSTEM_ACTOR, "Test")).stays.length;
    await t.db.orm.execute(
      sql`UPDATE workspace SET stay_retention_months = 12 WHERE id = ${ws.id}`,
    );
    const short = { ...ws, stayRetentionMonths: 12 };
    const purge = await purgeExpiredRecords(
      createServiceContext(t.db, { now: () => new Date("2026-11-24T08:00:00Z") }),
      short,
      SYSTEM_ACTOR,
    );
    expect(purge.cutoff).toBe("2025-11-24");
    expect(purge.persons).toBeGreaterThan(50);
    const left = (await readRecords(ctx, short, SYSTEM_ACTOR, "Test")).stays;
    expect(left.length).toBe(stays - purge.stays);
    // Nobody left had all stays end before the cutoff.
    const lastExit = new Map<string, string>();
    for (const s of left) {
      const e = s.exit ?? "9999-12-31";
      if ((lastExit.get(s.person) ?? "") < e) lastExit.set(s.person, e);
    }
    expect([...lastExit.values()].every((e) => e >= "2025-11-24")).toBe(true);
    // Every month's figures are as they were.
    const after = await Promise.all(months.map((m) => monthlyOccupancy(ctx, short, m)));
    expect(after).toEqual(before);
    const series = await occupancySeries(ctx, short, "2025-06", "2026-06");
    expect(series[0]).toEqual(before[1]);
    expect(series.at(-1)).toEqual(before[3]);
  });
});
