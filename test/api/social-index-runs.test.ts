/**
 * Stored social indices over HTTP, as the Analysen page uses them: a definition saved as
 * versions (unchanged definitions make no new version, unknown indicators are refused with
 * their place), runs kept with every area's result and the method, the comparison of two runs,
 * the class changes among the dashboard's alerts, the CSV and GeoJSON of a run, and that a
 * stored version or run is never changed.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../src/cli/demo.ts";
import { buildApp } from "../../src/server/app.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { executeRows } from "../../src/storage/db.ts";
import { injectAs } from "../support/sign-in.ts";
import { signIn } from "../support/sign-in.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

let t: TestDatabase;
let ctx: ServiceContext;
let app: Awaited<ReturnType<typeof buildApp>>;
let as: ReturnType<typeof injectAs>;

beforeAll(async () => {
  t = await openTestDatabase();
  ctx = createServiceContext(t.db);
  await seedDemo(ctx);
  app = await buildApp({ ctx, version: "test" });
  as = injectAs(app, await signIn(ctx, "planner"));
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const definition = {
  code: "fl-index",
  name: "Sozialindex Flensburg",
  status: [
    { code: "sgb2_rate", label: "SGB-II-Quote" },
    { code: "child_sgb2_rate", label: "Kinder im SGB II" },
  ],
  dynamics: [{ code: "sgb2_change", label: "Veränderung SGB-II-Quote", of: "sgb2_rate" }],
  exclusions: { minPopulation: 0 },
};

interface Run {
  id: number;
  version: number;
  level: string;
  period: string;
  included: number;
  areas: {
    code: string;
    name: string;
    status: { classLabel: string; classNumber: number } | null;
  }[];
  method: { paragraphs: string[]; classes: { rule: string }[]; caution: string };
  index: { code: string; version: number };
  outdated: boolean;
}

const save = (body: Record<string, unknown>, code = "fl-index") =>
  as({ method: "PUT", url: `/api/analyses/indices/${code}`, payload: body });
const run = (payload: Record<string, unknown>) =>
  as({ method: "POST", url: "/api/analyses/indices/fl-index/runs", payload });

describe("index definitions, versioned", () => {
  it("saves a new version only when the definition changed", async () => {
    const first = await save({ definition, comment: "Erste Fassung" });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      created: true,
      index: { version: 1, comment: "Erste Fassung" },
    });

    const same = await save({ definition });
    expect(same.statusCode).toBe(200);
    expect(same.json()).toMatchObject({ created: false, index: { version: 1 } });

    const changed = await save({
      definition: {
        ...definition,
        exclusions: { minPopulation: 0, manual: [{ area: "STGT01", reason: "Sondergebiet" }] },
      },
      comment: "Altstadt ausgeschlossen",
    });
    expect(changed.statusCode).toBe(201);
    expect(changed.json()).toMatchObject({ created: true, index: { version: 2 } });

    const got = await as({ method: "GET", url: "/api/analyses/indices/fl-index" });
    expect(got.json<{ versions: { version: number }[] }>().versions.map((v) => v.version)).toEqual([
      2, 1,
    ]);
    const v1 = await as({ method: "GET", url: "/api/analyses/indices/fl-index?version=1" });
    expect(v1.json()).toMatchObject({
      index: { version: 1, definition: { exclusions: { manual: [] } } },
    });
  });

  it("refuses unknown indicators and a code that is not the address's, naming each place", async () => {
    const unknown = await save({
      definition: {
        ...definition,
        status: [{ code: "sgb2_rate" }, { code: "no_such" }],
        context: ["gone"],
      },
    });
    expect(unknown.statusCode).toBe(400);
    expect(
      unknown.json<{ error: { details: { problems: string[] } } }>().error.details.problems,
    ).toEqual([
      "status.1.code: Indikator „no_such“ gibt es nicht im Katalog.",
      "context.0: Indikator „gone“ gibt es nicht im Katalog.",
    ]);
    const mismatch = await save({ definition: { ...definition, code: "other" } });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json<{ error: { message: string } }>().error.message).toContain("„other“");
    // Nothing was saved by the refused requests.
    const list = await as({ method: "GET", url: "/api/analyses/indices" });
    expect(list.json<{ indices: { code: string; versions: number }[] }>().indices).toContainEqual(
      expect.objectContaining({ code: "fl-index", versions: 2 }),
    );
    expect((await as({ method: "GET", url: "/api/analyses/indices/other" })).statusCode).toBe(404);
  });
});

describe("index runs", () => {
  let first: Run;
  let second: Run;
  let third: Run;

  it("keeps a run with every area's result and its method", async () => {
    const res = await run({ level: "district", period: "2021", version: 1 });
    expect(res.statusCode, res.body).toBe(201);
    first = res.json<Run>();
    expect(first).toMatchObject({ version: 1, level: "district", period: "2021", included: 13 });
    expect(first.areas).toHaveLength(13);
    expect(first.method.paragraphs[0]).toBe(
      "Berechnet für 13 Gebiete der Ebene „Stadtteil“ zum Zeitraum 2021 (Indexdefinition „fl-index“, Version 1).",
    );
    expect(first.method.classes.map((c) => c.rule)).toEqual([
      "I < −1",
      "−1 ≤ I ≤ 1",
      "1 < I ≤ 1,5",
      "I > 1,5",
      "I < −1",
      "−1 ≤ I ≤ 1",
      "I > 1",
    ]);
    expect(first.outdated).toBe(false);
    const again = await as({ method: "GET", url: `/api/analyses/runs/${first.id}` });
    expect(again.json()).toEqual(first);
  });

  it("compares two runs: the areas that changed class", async () => {
    // Version 3 reads the SGB II quota the other way round: every area off "mittel" swaps sides.
    const flipped = await save({
      definition: {
        ...definition,
        status: [
          { code: "sgb2_rate", direction: "higher_is_better" },
          { code: "child_sgb2_rate", direction: "higher_is_better" },
        ],
      },
    });
    expect(flipped.json()).toMatchObject({ index: { version: 3 } });
    const res = await run({ level: "district", period: "2021" });
    second = res.json<Run>();
    expect(second.version).toBe(3);

    // Both runs are of 2021: the previous edition (a run of 2020) does not exist yet, so the
    // comparison with the earlier run of the same period is asked for.
    const byDefault = await as({
      method: "GET",
      url: `/api/analyses/runs/${second.id}/comparison`,
    });
    expect(byDefault.json()).toEqual({ comparison: null });
    const cmp = await as({
      method: "GET",
      url: `/api/analyses/runs/${second.id}/comparison?with=${first.id}`,
    });
    expect(cmp.statusCode).toBe(200);
    const c = cmp.json<{
      comparison: {
        basis: string;
        previous: { id: number };
        unchanged: number;
        changes: { area: string; dimension: string; from: string; to: string; direction: number }[];
      };
    }>().comparison;
    expect(c.basis).toBe("chosen");
    expect(c.previous.id).toBe(first.id);
    // Recomputed from the two runs' own classes.
    const before = new Map(first.areas.map((a) => [a.code, a.status!.classLabel]));
    const expected = second.areas
      .filter((a) => before.get(a.code) !== a.status!.classLabel)
      .map((a) => a.code);
    expect(expected.length).toBeGreaterThan(0);
    expect(c.changes.filter((x) => x.dimension === "status").map((x) => x.area)).toEqual(expected);
    expect(c.changes.filter((x) => x.dimension === "status").every((x) => x.direction !== 0)).toBe(
      true,
    );

    // The first run has nothing before it.
    const none = await as({ method: "GET", url: `/api/analyses/runs/${first.id}/comparison` });
    expect(none.json()).toEqual({ comparison: null });

    const runs = await as({ method: "GET", url: "/api/analyses/indices/fl-index/runs" });
    expect(runs.json<{ runs: { id: number }[] }>().runs.map((r) => r.id)).toEqual([
      second.id,
      first.id,
    ]);
  });

  it("puts the class changes of the latest edition first among the alerts", async () => {
    // A run of 2020 is the previous edition of 2021, though it was made after it.
    const res2020 = await run({ level: "district", period: "2020" });
    expect(res2020.statusCode, res2020.body).toBe(201);
    third = res2020.json<Run>();
    const res = await as({ method: "GET", url: "/api/analyses/alerts?level=district&period=2021" });
    expect(res.statusCode).toBe(200);
    const alerts = res.json<{ alerts: { kind: string; indicator: string; message: string }[] }>()
      .alerts;
    // The demo's own index has its class changes too; those of this index are among them.
    const allChanges = alerts.filter((a) => a.kind === "class_change");
    expect(alerts.slice(0, allChanges.length).every((a) => a.kind === "class_change")).toBe(true);
    const changes = allChanges.filter((a) => a.indicator === "fl-index");
    const cmp = await as({ method: "GET", url: `/api/analyses/runs/${second.id}/comparison` });
    const comparison = cmp.json<{
      comparison: { basis: string; previous: { id: number }; changes: unknown[] };
    }>().comparison;
    expect(comparison).toMatchObject({ basis: "previous_edition", previous: { id: third.id } });
    expect(changes.length).toBeGreaterThan(0);
    expect(changes).toHaveLength(comparison.changes.length);
    expect(changes[0]!.indicator).toBe("fl-index");
    expect(changes[0]!.message).toMatch(
      new RegExp(
        `^Sozialindex Flensburg, .+: (Status|Dynamik) „.+“ → „.+“ \\(2021 gegenüber 2020; Lauf ${second.id} vom \\d\\d\\.\\d\\d\\.\\d{4} und Lauf ${third.id} vom \\d\\d\\.\\d\\d\\.\\d{4}\\)\\.$`,
      ),
    );
  });

  it("exports a run as CSV and as GeoJSON with the districts' outlines", async () => {
    const csv = await as({
      method: "GET",
      url: `/api/analyses/runs/${first.id}/export?format=csv`,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-disposition"]).toBe(
      `attachment; filename="flensburg-fl-index-v1-lauf-${first.id}.csv"`,
    );
    const lines = csv.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]!.split(";").slice(0, 4)).toEqual(["area", "name", "population", "sgb2_rate"]);
    expect(lines).toHaveLength(14);

    const geo = await as({
      method: "GET",
      url: `/api/analyses/runs/${first.id}/export?format=geojson`,
    });
    expect(geo.headers["content-type"]).toContain("application/geo+json");
    const fc = geo.json<{
      features: {
        id: string;
        geometry: { type: string } | null;
        properties: Record<string, unknown>;
      }[];
    }>();
    expect(fc.features).toHaveLength(13);
    expect(
      fc.features.every(
        (f) => f.geometry?.type === "Polygon" || f.geometry?.type === "MultiPolygon",
      ),
    ).toBe(true);
    const area = first.areas[0]!;
    expect(fc.features.find((f) => f.id === area.code)!.properties["status_class"]).toBe(
      area.status!.classLabel,
    );

    const bad = await as({
      method: "GET",
      url: `/api/analyses/runs/${first.id}/export?format=pdf`,
    });
    expect(bad.statusCode).toBe(400);
  });

  it("answers 404 for unknown runs, versions and indices; 400 for a bad level", async () => {
    expect((await as({ method: "GET", url: "/api/analyses/runs/999999" })).statusCode).toBe(404);
    expect((await run({ version: 99 })).statusCode).toBe(404);
    const badLevel = await run({ level: "nope" });
    expect([400, 404]).toContain(badLevel.statusCode);
    expect(
      (await as({ method: "POST", url: "/api/analyses/indices/nope/runs", payload: {} }))
        .statusCode,
    ).toBe(404);
  });

  it("never changes a stored version or run, and audits saves and runs", async () => {
    await expect(t.db.orm.execute(sql`UPDATE index_run SET level = 'x'`)).rejects.toThrow();
    await expect(t.db.orm.execute(sql`UPDATE index_definition SET name = 'x'`)).rejects.toThrow();
    const events = await executeRows<{ action: string; entity: string; entity_key: string }>(
      t.db.orm,
      sql`SELECT action, entity, entity_key FROM audit_event WHERE entity IN ('index_definition', 'index_run') AND actor <> 'system:demo' ORDER BY id`,
    );
    expect(events.map((e) => `${e.action} ${e.entity} ${e.entity_key}`)).toEqual([
      "create index_definition fl-index@1",
      "update index_definition fl-index@2",
      `create index_run ${first.id}`,
      "update index_definition fl-index@3",
      `create index_run ${second.id}`,
      `create index_run ${third.id}`,
    ]);
  });

  it("marks a run outdated once an import changed the data", async () => {
    // As a committed import does: the data version rises and this process is told.
    const [ws] = await executeRows<{ id: number }>(
      t.db.orm,
      sql`UPDATE workspace SET data_version = data_version + 1 RETURNING id`,
    );
    ctx.dataChanged.emit(ws!.id);
    const got = await as({ method: "GET", url: `/api/analyses/runs/${first.id}` });
    expect(got.json<Run>().outdated).toBe(true);
  });
});
