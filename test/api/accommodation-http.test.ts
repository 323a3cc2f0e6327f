/**
 * The accommodation API over HTTP on the demo's example data: who sees what (records for the
 * accommodation staff and planners only, every read in the audit log; the statistic after
 * disclosure control for everyone else), a delivery refused whole, the WoBerichtsG file and
 * the forecast.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../src/cli/demo.ts";
import { buildApp } from "../../src/server/app.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { executeRows } from "../../src/storage/db.ts";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
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
  ctx = createServiceContext(t.db, { now: () => new Date("2026-11-24T10:00:00Z") });
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
  composition: Record<string, Record<string, number | null>> | null;
}
interface Statistic {
  disclosureControl: boolean;
  referenceDate: string;
  rules: string;
  total: Figures;
  byFacility: { code: string; figures: Figures }[];
}

describe("accommodation API", () => {
  it("lists the demo's ten facilities with their capacity", async () => {
    const res = await viewer({ method: "GET", url: "/api/accommodation/facilities" });
    expect(res.statusCode).toBe(200);
    const { facilities } = res.json<{ facilities: { code: string; capacity: unknown[] }[] }>();
    expect(facilities).toHaveLength(10);
    expect(facilities.every((f) => f.capacity.length > 0)).toBe(true);
  });

  it("gives the staff the full statistic and a viewer the protected one", async () => {
    const full = (
      await staff({ method: "GET", url: "/api/accommodation/statistic?month=2025-12" })
    ).json<Statistic>();
    const safe = (
      await viewer({ method: "GET", url: "/api/accommodation/statistic?month=2025-12" })
    ).json<Statistic>();
    expect(full.disclosureControl).toBe(false);
    expect(safe.disclosureControl).toBe(true);
    expect(full.referenceDate).toBe("2025-12-31");
    expect(full.rules).toContain("Stichtag: letzter Tag des Monats");
    expect(full.total.persons).toBeGreaterThan(20);
    expect(safe.total.persons).toBe(full.total.persons);
    expect(safe.total.places).toBe(full.total.places);
    // Per facility: the staff see the composition, a viewer does not.
    expect(full.byFacility.some((f) => f.figures.composition !== null)).toBe(true);
    expect(safe.byFacility.every((f) => f.figures.composition === null)).toBe(true);
    // No count of 1 or 2 persons reaches the viewer (the demo's minimum is 3).
    const counts = JSON.stringify(safe).match(/"(persons|households|entries|exits)":[12],/g);
    expect(counts).toBeNull();
    for (const cells of Object.values(safe.total.composition!)) {
      expect(Object.values(cells).every((v) => v === null || v === 0 || v >= 3)).toBe(true);
    }
    const bad = await viewer({ method: "GET", url: "/api/accommodation/statistic?month=2025-13" });
    expect(bad.statusCode).toBe(400);
  });

  it("marks the demo's facilities as example data and names the months with records", async () => {
    const res = await viewer({ method: "GET", url: "/api/accommodation/facilities" });
    const list = res.json<{
      facilities: { example: boolean }[];
      span: { first: string; last: string } | null;
    }>();
    expect(list.facilities.every((f) => f.example)).toBe(true);
    // demo.json: 36 months from November 2023, so the last entries and exits lie in October 2026.
    expect(list.span).toEqual({ first: "2023-11", last: "2026-10" });
  });

  it("gives the series month by month, equal to each month's statistic", async () => {
    const res = await staff({
      method: "GET",
      url: "/api/accommodation/series?from=2025-01&to=2025-12",
    });
    expect(res.statusCode).toBe(200);
    const series = res.json<{
      disclosureControl: boolean;
      months: {
        month: string;
        total: { persons: number; entries: number };
        byFacility: { code: string; figures: { persons: number } }[];
      }[];
    }>();
    expect(series.disclosureControl).toBe(false);
    expect(series.months.map((m) => m.month)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, "0")}`),
    );
    for (const month of ["2025-03", "2025-12"]) {
      const one = (
        await staff({ method: "GET", url: `/api/accommodation/statistic?month=${month}` })
      ).json<Statistic & { total: { entries: number } }>();
      const m = series.months.find((x) => x.month === month)!;
      expect(m.total.persons).toBe(one.total.persons);
      expect(m.total.entries).toBe(one.total.entries);
      expect(m.byFacility.map((f) => f.figures.persons)).toEqual(
        one.byFacility.map((f) => f.figures.persons),
      );
    }
    // A viewer's series holds no count of 1 or 2.
    const safe = await viewer({
      method: "GET",
      url: "/api/accommodation/series?from=2025-01&to=2025-12",
    });
    expect(safe.json<{ disclosureControl: boolean }>().disclosureControl).toBe(true);
    expect(safe.body.match(/"(persons|households|entries|exits)":[12],/g)).toBeNull();
  });

  it("gives the occupancy rate's XmR chart with the series, from the same rates", async () => {
    const res = await staff({
      method: "GET",
      url: "/api/accommodation/series?from=2024-01&to=2026-10",
    });
    const s = res.json<{
      months: { month: string; total: { occupancyRate: number | null } }[];
      occupancyChart: {
        limits: { mean: number; lower: number; upper: number } | null;
        points: { period: string; value: number }[];
        reason: string;
      };
    }>();
    const rates = s.months.map((m) => m.total.occupancyRate);
    expect(rates.every((r) => r !== null)).toBe(true);
    expect(s.occupancyChart.points.map((p) => p.value)).toEqual(rates);
    const mean = (rates as number[]).reduce((a, b) => a + b, 0) / rates.length;
    expect(s.occupancyChart.limits!.mean).toBeCloseTo(mean, 10);
    expect(s.occupancyChart.limits!.lower).toBeLessThan(mean);
    expect(s.occupancyChart.reason).toMatch(/^Regelkarte aus 34 Werten/);
    // Too few months for limits: the chart says so.
    const short = await staff({
      method: "GET",
      url: "/api/accommodation/series?from=2025-01&to=2025-06",
    });
    expect(
      short.json<{ occupancyChart: { limits: null; reason: string } }>().occupancyChart.limits,
    ).toBeNull();
  });

  it("refuses a series that is empty, too long or not made of months", async () => {
    for (const [query, message] of [
      ["from=2025-12&to=2025-01", "keinen Monat"],
      ["from=2010-01&to=2025-12", "192 Monate"],
      ["from=2025-13&to=2025-12", "„2025-13“ ist kein Monat"],
    ] as const) {
      const res = await viewer({ method: "GET", url: `/api/accommodation/series?${query}` });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ error: { message: string } }>().error.message).toContain(message);
    }
  });

  it("shows the records to the staff only, and logs every read", async () => {
    expect((await viewer({ method: "GET", url: "/api/accommodation/records" })).statusCode).toBe(
      403,
    );
    const res = await staff({ method: "GET", url: "/api/accommodation/records" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toBe("private, no-store");
    expect(res.json<{ stays: unknown[] }>().stays.length).toBeGreaterThan(300);
    const [last] = await executeRows<{ actor: string; action: string }>(
      t.db.orm,
      sql`SELECT actor, action FROM audit_event WHERE entity = 'stay' ORDER BY id DESC LIMIT 1`,
    );
    expect(last).toMatchObject({ action: "read" });
    expect(last!.actor).toMatch(/^occupancy\./);
  });

  it("refuses a delivery with an error whole and names every finding", async () => {
    const before = (await staff({ method: "GET", url: "/api/accommodation/records" })).json<{
      stays: unknown[];
    }>().stays.length;
    const res = await staff({
      method: "POST",
      url: "/api/accommodation/records",
      payload: {
        households: [{ id: "NEU-H1", type: "single", size: 1 }],
        persons: [
          { id: "NEU-P1", household: "NEU-H1", birthYear: 1980, sex: "male", nationality: "eu" },
        ],
        stays: [
          {
            id: "NEU-S1",
            person: "NEU-P1",
            facility: "OU-AM",
            legalBasis: "public_order",
            entry: "2026-10-10",
            exit: "2026-10-01",
          },
        ],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(
      res.json<{ error: { details: { findings: { record: string; message: string }[] } } }>().error
        .details.findings,
    ).toEqual([
      expect.objectContaining({
        record: "NEU-S1",
        message:
          "Aufenthalt NEU-S1 (Haushalt NEU-H1, Person NEU-P1): Auszug 01.10.2026 liegt vor dem Einzug 10.10.2026.",
      }),
    ]);
    const after = (await staff({ method: "GET", url: "/api/accommodation/records" })).json<{
      stays: unknown[];
    }>().stays.length;
    expect(after).toBe(before);

    const ok = await staff({
      method: "POST",
      url: "/api/accommodation/records",
      payload: {
        households: [{ id: "NEU-H1", type: "single", size: 1 }],
        persons: [
          { id: "NEU-P1", household: "NEU-H1", birthYear: 1980, sex: "male", nationality: "eu" },
        ],
        stays: [
          {
            id: "NEU-S1",
            person: "NEU-P1",
            facility: "OU-AM",
            legalBasis: "public_order",
            entry: "2026-10-01",
            exit: null,
          },
        ],
      },
    });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it("writes the WoBerichtsG file and sums it up", async () => {
    const json = await staff({ method: "GET", url: "/api/accommodation/federal?year=2026" });
    expect(json.statusCode, json.body).toBe(200);
    const body = json.json<{
      records: unknown[];
      summary: { persons: number; excludedAsylum: number };
    }>();
    expect(body.summary.persons).toBe(body.records.length);
    expect(body.summary.excludedAsylum).toBeGreaterThan(0);
    const csv = await staff({
      method: "GET",
      url: "/api/accommodation/federal?year=2026&format=csv",
    });
    const lines = csv.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe(
      "gemeindeschluessel;person;geschlecht;alter;staatsangehoerigkeit;haushaltstyp;haushaltsgroesse;art_der_ueberlassung;traeger;verband;untergebracht_seit",
    );
    expect(lines).toHaveLength(body.summary.persons + 1);
  });

  it("projects the places needed with a range", async () => {
    const res = await viewer({
      method: "GET",
      url: "/api/accommodation/forecast?horizon=6&to=2026-09",
    });
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json<{
      months: { month: string; low: number; persons: number; high: number }[];
    }>();
    expect(f.months.map((m) => m.month)).toEqual([
      "2026-10",
      "2026-11",
      "2026-12",
      "2027-01",
      "2027-02",
      "2027-03",
    ]);
    expect(f.months.every((m) => m.low <= m.persons && m.persons <= m.high)).toBe(true);
  });

  it("records a move-in, a move and a move-out, and refuses an implausible move-out", async () => {
    const persons = async () =>
      (
        await staff({ method: "GET", url: "/api/accommodation/statistic?month=2026-11" })
      ).json<Statistic>().byFacility;
    const inFacility = async (code: string) =>
      (await persons()).find((f) => f.code === code)!.figures.persons ?? 0;
    const before = { am: await inFacility("OU-AM"), hw: await inFacility("OU-HW") };

    const moveIn = await staff({
      method: "POST",
      url: "/api/accommodation/move-in",
      payload: {
        household: { id: "FORM-H1", type: "single_parent", size: 2 },
        persons: [
          {
            id: "FORM-P1",
            household: "FORM-H1",
            birthYear: 1991,
            sex: "female",
            nationality: "german",
          },
          {
            id: "FORM-P2",
            household: "FORM-H1",
            birthYear: 2019,
            sex: "male",
            nationality: "german",
          },
        ],
        facility: "OU-AM",
        entry: "2026-11-03",
        legalBasis: "public_order",
      },
    });
    expect(moveIn.statusCode, moveIn.body).toBe(201);
    expect(moveIn.json<{ stays: string[] }>().stays).toHaveLength(2);
    expect(await inFacility("OU-AM")).toBe(before.am + 2);

    const move = await staff({
      method: "POST",
      url: "/api/accommodation/move",
      payload: { household: "FORM-H1", to: "OU-HW", day: "2026-11-10" },
    });
    expect(move.statusCode, move.body).toBe(201);
    expect(await inFacility("OU-AM")).toBe(before.am);
    expect(await inFacility("OU-HW")).toBe(before.hw + 2);

    // Leaving before the move in is refused with the reason, and nothing changes.
    const early = await staff({
      method: "POST",
      url: "/api/accommodation/move-out",
      payload: { household: "FORM-H1", exit: "2026-11-05" },
    });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain("liegt vor dem Einzug 10.11.2026");
    expect(await inFacility("OU-HW")).toBe(before.hw + 2);

    const out = await staff({
      method: "POST",
      url: "/api/accommodation/move-out",
      payload: { household: "FORM-H1", exit: "2026-11-20" },
    });
    expect(out.statusCode, out.body).toBe(201);
    expect(await inFacility("OU-HW")).toBe(before.hw);
    const again = await staff({
      method: "POST",
      url: "/api/accommodation/move-out",
      payload: { household: "FORM-H1", exit: "2026-11-21" },
    });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain("derzeit nirgends untergebracht");
  });

  it("adds a facility and a dated capacity change; a second change on the same day is refused", async () => {
    const add = await staff({
      method: "POST",
      url: "/api/accommodation/facilities",
      payload: {
        code: "WO-NEU",
        name: "Wohnungen Neubaugebiet",
        type: "dispersed_flat",
        operator: { name: "Stadt", kind: "municipality" },
        provision: "other",
        opened: "2026-12-01",
        capacity: [{ from: "2026-12-01", places: 12, units: 4 }],
      },
    });
    expect(add.statusCode, add.body).toBe(201);
    const change = (from = "2026-12-20") =>
      staff({
        method: "POST",
        url: "/api/accommodation/facilities/WO-NEU/capacity",
        payload: { from, places: 20, units: 7 },
      });
    // Not more than 31 days ahead (the workspace's setting).
    const far = await change("2027-03-01");
    expect(far.statusCode).toBe(400);
    expect(far.body).toContain(
      "Kapazität gültig ab 01.03.2027 liegt mehr als 31 Tage in der Zukunft",
    );
    expect((await change()).statusCode).toBe(201);
    expect((await change()).statusCode).toBe(409);
    const list = await viewer({ method: "GET", url: "/api/accommodation/facilities" });
    const f = list
      .json<{ facilities: { code: string; capacity: { places: number }[] }[] }>()
      .facilities.find((x) => x.code === "WO-NEU")!;
    expect(f.capacity.map((c) => c.places)).toEqual([12, 20]);
  });

  it("refuses a facility in an area that does not exist, or a welfare association of the city", async () => {
    const res = await staff({
      method: "POST",
      url: "/api/accommodation/facilities",
      payload: {
        code: "WO-FALSCH",
        name: "Falsch",
        type: "other",
        operator: { name: "Stadt", kind: "municipality", association: "awo" },
        provision: "other",
        opened: "2026-12-01",
        capacity: [{ from: "2026-12-01", places: 1, units: 1 }],
        areaCode: "99",
      },
    });
    expect(res.statusCode).toBe(400);
    expect(
      res.json<{ error: { details: { problems: string[] } } }>().error.details.problems,
    ).toEqual([
      "Unterkunft WO-FALSCH: Gebiet „99“ gibt es nicht.",
      "Unterkunft WO-FALSCH: ein Wohlfahrtsverband gehört nur zu einem freien Träger.",
    ]);
    const list = await viewer({ method: "GET", url: "/api/accommodation/facilities" });
    expect(list.body).not.toContain("WO-FALSCH");
  });

  it("closes a facility and warns of those still housed there", async () => {
    const housed = (
      await staff({ method: "GET", url: "/api/accommodation/statistic?month=2026-10" })
    )
      .json<Statistic>()
      .byFacility.find((f) => f.code === "OU-HW")!.figures.persons!;
    expect(housed).toBeGreaterThan(0);
    const early = await staff({
      method: "PATCH",
      url: "/api/accommodation/facilities/OU-HW",
      payload: { closed: "2019-01-01" },
    });
    expect(early.statusCode).toBe(400);
    const res = await staff({
      method: "PATCH",
      url: "/api/accommodation/facilities/OU-HW",
      payload: { closed: "2026-10-31", wheelchairAccess: true },
    });
    expect(res.statusCode, res.body).toBe(200);
    const warnings = res.json<{ warnings: { code: string }[] }>().warnings;
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.every((w) => w.code === "open_after_closing")).toBe(true);
    const f = (await viewer({ method: "GET", url: "/api/accommodation/facilities" }))
      .json<{ facilities: { code: string; closed: string | null; wheelchairAccess: boolean }[] }>()
      .facilities.find((x) => x.code === "OU-HW")!;
    expect(f).toMatchObject({ closed: "2026-10-31", wheelchairAccess: true });
  });

  it("lists the month's findings for the monthly check", async () => {
    const res = await staff({ method: "GET", url: "/api/accommodation/check?month=2026-11" });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ findings: { severity: string }[] }>();
    expect(body.findings.every((f) => f.severity === "warning")).toBe(true);
  });

  it("imports the accommodation management's export through a mapping, all or nothing", async () => {
    const mapping = readFileSync(
      join(ROOT, "examples/accommodation/verwaltung-export.json"),
      "utf8",
    );
    const header =
      "Fall-Nr.;Haushalt;Haushaltsform;Personen im Haushalt;Person;Geburtsjahr;Geschlecht;Staatsangehörigkeit;Unterkunft;Rechtsgrundlage;Einzug;Auszug;Fehlbeleger";
    const csv = (rows: string[]) => `${header}\n${rows.join("\n")}\n`;
    const upload = (content: string, dryRun: boolean) => {
      const form = multipartBody([
        { name: "file", filename: "export.csv", content, contentType: "text/csv" },
        { name: "mapping", value: mapping },
        { name: "dryRun", value: String(dryRun) },
      ]);
      return staff({
        method: "POST",
        url: "/api/accommodation/import",
        headers: { "content-type": form.contentType },
        payload: form.body,
      });
    };
    const good = [
      "IMP-1;IMP-H1;alleinerziehend;2;IMP-P1;1990;w;Drittstaat;Haus Am Markt;SGB XII;02.10.2026;;nein",
      "IMP-2;IMP-H1;alleinerziehend;2;IMP-P2;2020;m;Drittstaat;Haus Am Markt;SGB XII;02.10.2026;;nein",
    ];
    const stays = async () =>
      (await staff({ method: "GET", url: "/api/accommodation/records" })).json<{
        stays: unknown[];
      }>().stays.length;
    const before = await stays();

    // An unknown facility, an unmapped word and a date that does not exist: every one named
    // with its line and column, nothing written.
    const bad = await upload(
      csv([
        ...good,
        "IMP-3;IMP-H2;alleinstehend;1;IMP-P3;1970;x;deutsch;Haus Am Markt;OBG;31.09.2026;;nein",
        "IMP-4;IMP-H3;alleinstehend;1;IMP-P4;1971;m;deutsch;Pension Sonnenschein;OBG;01.10.2026;;nein",
      ]),
      false,
    );
    expect(bad.statusCode).toBe(422);
    const issues = bad.json<{
      error: { details: { issues: { row: number; column: string; message: string }[] } };
    }>().error.details.issues;
    expect(issues.map((i) => [i.row, i.column])).toEqual([
      [4, "Geschlecht"],
      [4, "Einzug"],
    ]);
    expect(await stays()).toBe(before);
    const unknownFacility = await upload(
      csv([
        ...good,
        "IMP-4;IMP-H3;alleinstehend;1;IMP-P4;1971;m;deutsch;Pension Sonnenschein;OBG;01.10.2026;;nein",
      ]),
      false,
    );
    expect(unknownFacility.statusCode).toBe(422);
    expect(unknownFacility.body).toContain(
      "Zeile 4: Unterkunft „Pension Sonnenschein“ ist nicht bekannt",
    );
    expect(await stays()).toBe(before);

    const dry = await upload(csv(good), true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, households: 1, persons: 2, stays: 2 });
    expect(await stays()).toBe(before);
    const commit = await upload(csv(good), false);
    expect(commit.statusCode, commit.body).toBe(201);
    expect(await stays()).toBe(before + 2);
    // The same file again: every key exists, nothing is written twice.
    expect((await upload(csv(good), false)).statusCode).toBe(422);
    expect(await stays()).toBe(before + 2);
  });
});
