/**
 * Closed months (Monatsabschluss) and delivered WoBerichtsG files over HTTP, on the demo's
 * example data: a closed month's statistic is frozen as reported; an entry, move, capacity
 * change or import that would change it is refused with a German message naming the month
 * until the month is reopened with a reason (audited); closed again, its figures are revised
 * (`r`) with the changes against the version reported before — for a viewer only cells
 * published in both versions. Days entered are bounded (not 1900, not 2099).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { seedDemo } from "../../src/cli/demo.ts";
import { buildApp } from "../../src/server/app.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { executeRows } from "../../src/storage/db.ts";
import { multipartBody } from "../support/multipart.ts";
import { injectAs, signIn } from "../support/sign-in.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

const ROOT = resolve(import.meta.dirname, "../..");
let t: TestDatabase;
let ctx: ServiceContext;
let app: Awaited<ReturnType<typeof buildApp>>;
let staff: ReturnType<typeof injectAs>;
let viewer: ReturnType<typeof injectAs>;

beforeAll(async () => {
  t = await openTestDatabase();
  ctx = createServiceContext(t.db, { now: () => new Date("2026-12-07T10:00:00Z") });
  await seedDemo(ctx);
  app = await buildApp({ ctx, version: "test" });
  staff = injectAs(app, await signIn(ctx, "occupancy"));
  viewer = injectAs(app, await signIn(ctx, "viewer"));
});
afterAll(async () => {
  await app.close();
  await t.close();
});

interface Figures {
  persons: number | null;
  places: number;
  occupancyRate: number | null;
  overOccupancy: number | null;
  freePlaces: number | null;
}
interface Change {
  unit: string;
  figure: string;
  before: number | null;
  after: number | null;
}
interface Statistic {
  total: Figures;
  byType: Record<string, Figures>;
  byFacility: { code: string; name: string; type: string; figures: Figures }[];
  closing: {
    state: "open" | "closed" | "reopened";
    version: number;
    closedBy: string | null;
    reason: string | null;
    revised: boolean;
    comparedWith: { version: number } | null;
    changes: Change[];
  };
}

const statistic = async (as: typeof staff, month: string) => {
  const res = await as({ method: "GET", url: `/api/accommodation/statistic?month=${month}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Statistic>();
};
const stayCount = async () =>
  (await staff({ method: "GET", url: "/api/accommodation/records" })).json<{ stays: unknown[] }>()
    .stays.length;
const auditOf = (entity: string) =>
  executeRows<{ actor: string; action: string; entity_key: string; after: unknown }>(
    t.db.orm,
    sql`SELECT actor, action, entity_key, after FROM audit_event WHERE entity = ${entity} ORDER BY id`,
  );

function moveInPayload(id: string, facility: string, entry: string) {
  return {
    household: { id: `${id}-H`, type: "single", size: 1 },
    persons: [
      { id: `${id}-P`, household: `${id}-H`, birthYear: 1980, sex: "male", nationality: "german" },
    ],
    facility,
    entry,
    legalBasis: "public_order",
  };
}

describe("a delivered WoBerichtsG file", () => {
  it("refuses a change of the delivered year until it is reopened with a reason", async () => {
    const facility = (await staff({ method: "GET", url: "/api/accommodation/facilities" }))
      .json<{ facilities: { code: string; opened: string; closed: string | null }[] }>()
      .facilities.find((f) => f.opened < "2025-12-01" && f.closed === null)!.code;
    const delivered = await staff({
      method: "POST",
      url: "/api/accommodation/federal/2026/deliver",
    });
    expect(delivered.statusCode, delivered.body).toBe(201);
    expect((await auditOf("federal_delivery")).at(-1)).toMatchObject({
      action: "close",
      entity_key: "2026",
    });
    const file = await staff({ method: "GET", url: "/api/accommodation/federal?year=2026" });
    expect(file.json<{ delivery: { state: string } }>().delivery.state).toBe("delivered");

    const before = await stayCount();
    const res = await staff({
      method: "POST",
      url: "/api/accommodation/move-in",
      payload: moveInPayload("FD-1", facility, "2026-01-20"),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json<{ error: { code: string } }>().error.code).toBe("delivery_closed");
    expect(res.body).toContain("gelieferte WoBerichtsG-Datei 2026 (Stichtag 31.01.2026)");
    expect(await stayCount()).toBe(before);

    const reopened = await staff({
      method: "POST",
      url: "/api/accommodation/federal/2026/reopen",
      payload: { reason: "Nachmeldung eines Einzugs vom 20.01.2026" },
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect((await auditOf("federal_delivery")).at(-1)).toMatchObject({ action: "reopen" });
    const ok = await staff({
      method: "POST",
      url: "/api/accommodation/move-in",
      payload: moveInPayload("FD-1", facility, "2026-01-20"),
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const again = await staff({ method: "POST", url: "/api/accommodation/federal/2026/deliver" });
    expect(again.statusCode, again.body).toBe(201);
    const revised = (
      await staff({ method: "GET", url: "/api/accommodation/federal?year=2026" })
    ).json<{ delivery: { revised: boolean; changes: { added: string[] } } }>().delivery;
    expect(revised.revised).toBe(true);
    expect(revised.changes.added).toContain("FD-1-P");
  });
});

describe("closed months", () => {
  let code: string;
  let october: Statistic;

  it("closes October 2026 and audits it; a viewer sees it closed without names", async () => {
    october = await statistic(staff, "2026-10");
    expect(october.closing.state).toBe("open");
    const fullest = [...october.byFacility].sort(
      (a, b) => (b.figures.persons ?? 0) - (a.figures.persons ?? 0),
    )[0]!;
    code = fullest.code;
    expect(fullest.figures.persons).toBeGreaterThan(2);

    // Not before it has ended, and only with the right role.
    const december = await staff({
      method: "POST",
      url: "/api/accommodation/months/2026-12/close",
    });
    expect(december.statusCode).toBe(400);
    expect(december.body).toContain("Dezember 2026 ist noch nicht vorbei");
    const before = await staff({ method: "POST", url: "/api/accommodation/months/2019-01/close" });
    expect(before.statusCode).toBe(400);
    expect(before.body).toContain("die Belegungsdaten beginnen November 2023");
    const denied = await viewer({ method: "POST", url: "/api/accommodation/months/2026-10/close" });
    expect(denied.statusCode).toBe(403);

    const res = await staff({ method: "POST", url: "/api/accommodation/months/2026-10/close" });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ period: "2026-10", version: 1, state: "closed" });
    const again = await staff({ method: "POST", url: "/api/accommodation/months/2026-10/close" });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain("Oktober 2026 ist schon abgeschlossen");

    const closed = await statistic(staff, "2026-10");
    expect(closed.closing).toMatchObject({ state: "closed", version: 1, revised: false });
    expect(closed.closing.closedBy).toMatch(/^occupancy\./);
    expect(closed.total).toEqual(october.total);
    const seen = await statistic(viewer, "2026-10");
    expect(seen.closing).toMatchObject({ state: "closed", closedBy: null, reason: null });

    const audit = await auditOf("occupancy_month");
    expect(audit.at(-1)).toMatchObject({ action: "close", entity_key: "2026-10" });
    expect(audit.at(-1)!.actor).toMatch(/^occupancy\./);
  });

  it("refuses the backdated capacity change naming Oktober 2026, and changes nothing", async () => {
    const res = await staff({
      method: "POST",
      url: `/api/accommodation/facilities/${code}/capacity`,
      payload: { from: "2026-10-01", places: 2, units: 1 },
    });
    expect(res.statusCode).toBe(409);
    const body = res.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe("month_closed");
    expect(body.error.message).toContain("abgeschlossenen Monat Oktober 2026");
    expect(body.error.message).toContain("mit Begründung wieder öffnen");
    expect((await statistic(staff, "2026-10")).total).toEqual(october.total);
    const facilities = (await staff({ method: "GET", url: "/api/accommodation/facilities" })).json<{
      facilities: { code: string; capacity: unknown[] }[];
    }>().facilities;
    const f = facilities.find((x) => x.code === code)!;
    expect(f.capacity.some((c) => JSON.stringify(c).includes("2026-10-01"))).toBe(false);
  });

  it("refuses a move-in into the closed month, and a move that changes it", async () => {
    const before = await stayCount();
    const res = await staff({
      method: "POST",
      url: "/api/accommodation/move-in",
      payload: moveInPayload("CL-1", code, "2026-10-15"),
    });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("Oktober 2026");
    expect(await stayCount()).toBe(before);
    // A move-in after the month is fine.
    const later = await staff({
      method: "POST",
      url: "/api/accommodation/move-in",
      payload: moveInPayload("CL-2", code, "2026-11-20"),
    });
    expect(later.statusCode, later.body).toBe(201);
  });

  it("refuses move-ins dated 01.01.1900 and 01.01.2099, naming the field", async () => {
    const before = await stayCount();
    for (const [day, text] of [
      ["1900-01-01", "Einzugsdatum 01.01.1900 liegt vor der Eröffnung"],
      ["2099-01-01", "Einzugsdatum 01.01.2099 liegt mehr als 31 Tage in der Zukunft"],
    ] as const) {
      const res = await staff({
        method: "POST",
        url: "/api/accommodation/move-in",
        payload: moveInPayload(`CL-${day}`, code, day),
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.body).toContain(text);
    }
    expect(await stayCount()).toBe(before);
  });

  it("refuses an import that touches the closed month whole, naming the month", async () => {
    const mapping = readFileSync(
      join(ROOT, "examples/accommodation/verwaltung-export.json"),
      "utf8",
    );
    const header =
      "Fall-Nr.;Haushalt;Haushaltsform;Personen im Haushalt;Person;Geburtsjahr;Geschlecht;Staatsangehörigkeit;Unterkunft;Rechtsgrundlage;Einzug;Auszug;Fehlbeleger";
    const rows = [
      // November: open, would be fine on its own …
      "CI-1;CI-H1;alleinstehend;1;CI-P1;1990;w;deutsch;Haus Am Markt;OBG;20.11.2026;;nein",
      // … but October is closed: the whole file is refused.
      "CI-2;CI-H2;alleinstehend;1;CI-P2;1985;m;deutsch;Haus Am Markt;OBG;12.10.2026;;nein",
    ];
    const before = await stayCount();
    for (const dryRun of [true, false]) {
      const form = multipartBody([
        {
          name: "file",
          filename: "export.csv",
          content: `${header}\n${rows.join("\n")}\n`,
          contentType: "text/csv",
        },
        { name: "mapping", value: mapping },
        { name: "dryRun", value: String(dryRun) },
      ]);
      const res = await staff({
        method: "POST",
        url: "/api/accommodation/import",
        headers: { "content-type": form.contentType },
        payload: form.body,
      });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.body).toContain("abgeschlossenen Monat Oktober 2026");
    }
    expect(await stayCount()).toBe(before);
  });

  it("reopens with a reason (audited), takes the change, and closes it again as revised", async () => {
    const noReason = await staff({
      method: "POST",
      url: "/api/accommodation/months/2026-10/reopen",
      payload: { reason: " " },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain("Begründung");
    const reason = "Kapazität laut Bescheid vom 30.09.2026 reduziert";
    const reopened = await staff({
      method: "POST",
      url: "/api/accommodation/months/2026-10/reopen",
      payload: { reason },
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json()).toMatchObject({ state: "reopened", version: 1 });
    expect((await auditOf("occupancy_month")).at(-1)).toMatchObject({
      action: "reopen",
      entity_key: "2026-10",
      after: { reason, state: "reopened" },
    });

    const capacity = await staff({
      method: "POST",
      url: `/api/accommodation/facilities/${code}/capacity`,
      payload: { from: "2026-10-01", places: 2, units: 1 },
    });
    expect(capacity.statusCode, capacity.body).toBe(201);
    const open = await statistic(staff, "2026-10");
    expect(open.closing).toMatchObject({ state: "reopened", reason, comparedWith: { version: 1 } });
    expect(open.closing.changes.length).toBeGreaterThan(0);

    const closed = await staff({ method: "POST", url: "/api/accommodation/months/2026-10/close" });
    expect(closed.statusCode, closed.body).toBe(201);
    expect(closed.json()).toMatchObject({ version: 2, state: "closed" });

    const revised = await statistic(staff, "2026-10");
    expect(revised.closing).toMatchObject({
      state: "closed",
      version: 2,
      revised: true,
      comparedWith: { version: 1 },
    });
    const row = revised.byFacility.find((f) => f.code === code)!;
    const persons = row.figures.persons!;
    expect(row.figures.places).toBe(2);
    expect(row.figures.overOccupancy).toBe(persons - 2);
    // Totals are the sums of their rows.
    const sum = (k: "overOccupancy" | "freePlaces" | "places") =>
      revised.byFacility.reduce((s, f) => s + (f.figures[k] ?? 0), 0);
    expect(revised.total.overOccupancy).toBe(sum("overOccupancy"));
    expect(revised.total.freePlaces).toBe(sum("freePlaces"));
    expect(revised.total.places).toBe(sum("places"));
    expect(revised.byType[row.type]!.overOccupancy).toBe(
      revised.byFacility
        .filter((f) => f.type === row.type)
        .reduce((s, f) => s + (f.figures.overOccupancy ?? 0), 0),
    );
    // The changes against the version reported before: the row and the total.
    const before = october.byFacility.find((f) => f.code === code)!.figures;
    expect(revised.closing.changes).toContainEqual(
      expect.objectContaining({
        unit: `facility:${code}`,
        figure: "places",
        before: before.places,
        after: 2,
      }),
    );
    expect(revised.closing.changes).toContainEqual(
      expect.objectContaining({
        unit: "total",
        figure: "places",
        before: october.total.places,
        after: october.total.places - before.places + 2,
      }),
    );
    const audit = (await auditOf("occupancy_month")).at(-1)!;
    expect(audit).toMatchObject({ action: "close", after: { version: 2, revised: true } });
  });

  it("shows a viewer the revision with only cells published in both versions", async () => {
    const seen = await statistic(viewer, "2026-10");
    expect(seen.closing).toMatchObject({ revised: true, version: 2, reason: null });
    expect(seen.byFacility.every((f) => !JSON.stringify(f).includes('"composition":{'))).toBe(true);
    for (const c of seen.closing.changes) {
      expect(c.before, JSON.stringify(c)).not.toBeNull();
      expect(c.after, JSON.stringify(c)).not.toBeNull();
    }
    // Every value after is the value the viewer is shown now.
    for (const c of seen.closing.changes.filter((x) => x.unit === "total")) {
      const k = c.figure as keyof Figures;
      if (k in seen.total) expect(seen.total[k]).toBe(c.after);
    }
  });
});
