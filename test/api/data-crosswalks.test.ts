/**
 * Crosswalks through the API on a small city: a bad table is refused whole with every bad row
 * named in German; applying carries the counts of the periods before the reform onto the new
 * areas — estimated where shares were used, as delivered where whole areas moved — skips
 * variables that do not add up, keeps delivered values, and writes a new revision only where a
 * value changed.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.ts";
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import { applyCatalogue, parseCatalogue } from "../../src/services/data/apply-catalogue.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { runImport } from "../../src/services/data/run-import.ts";
import { resolveWorkspace } from "../../src/services/workspaces.ts";
import { multipartBody } from "../support/multipart.ts";
import { injectAs, signIn } from "../support/sign-in.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

const SLUG = "reformstadt";

const catalogue = {
  workspace: { slug: SLUG, name: "Reformstadt" },
  areaSystems: [
    {
      code: "alt",
      name: "Gliederung bis 2020",
      levels: [
        { code: "stadt-alt", name: "Stadt (alt)" },
        { code: "teil-alt", name: "Stadtteil (alt)" },
      ],
      areas: [
        { code: "S-ALT", name: "Reformstadt", level: "stadt-alt" },
        ...["A", "B", "C", "D"].map((c) => ({
          code: c,
          name: `Alt ${c}`,
          level: "teil-alt",
          parent: "S-ALT",
        })),
      ],
    },
    {
      code: "neu",
      name: "Gliederung ab 2021",
      levels: [
        { code: "stadt", name: "Stadt" },
        { code: "teil", name: "Stadtteil" },
      ],
      areas: [
        { code: "S", name: "Reformstadt", level: "stadt" },
        ...["X", "Y", "Z"].map((c) => ({ code: c, name: `Neu ${c}`, level: "teil", parent: "S" })),
      ],
    },
  ],
  variables: [
    { code: "ew", name: "Einwohner", unit: "Personen", measure: "stock", aggregation: "sum" },
    { code: "quote", name: "Quote", unit: "%", measure: "stock", aggregation: "none" },
  ],
};

let t: TestDatabase;
let ctx: ServiceContext;
let app: FastifyInstance;
let planner: ReturnType<typeof injectAs>;
let contributor: ReturnType<typeof injectAs>;

async function importRows(rows: string[]) {
  const report = await runImport(ctx, {
    workspace: await resolveWorkspace(ctx, SLUG),
    fileName: "werte.csv",
    bytes: new TextEncoder().encode(["gebiet;merkmal;jahr;wert;status", ...rows].join("\n")),
    mapping: {
      format: "csv",
      layout: "long",
      area: { column: "gebiet" },
      variable: { column: "merkmal" },
      period: { column: "jahr" },
      value: { column: "wert" },
      status: { column: "status" },
    },
    dryRun: false,
    actor: SYSTEM_ACTOR,
  });
  expect(report.counts.errors, JSON.stringify(report.issues)).toBe(0);
}

const upload = (csv: string, fields: Record<string, string> = {}) => {
  const form = multipartBody([
    ...Object.entries({
      code: "reform",
      name: "Reform 2021",
      basis: "areal",
      validFrom: "2021-01-01",
      ...fields,
    }).map(([name, value]) => ({ name, value })),
    { name: "file", filename: "umschluesselung.csv", content: csv, contentType: "text/csv" },
  ]);
  return planner({
    method: "POST",
    url: `/api/crosswalks/file?workspace=${SLUG}`,
    headers: { "content-type": form.contentType },
    payload: form.body,
  });
};

async function current(area: string, period = "2020") {
  const res = await planner({
    method: "GET",
    url: `/api/observations?workspace=${SLUG}&variable=ew&area=${area}&period=${period}`,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: { value: number | null; status: string; revision: number }[] }>()
    .items[0];
}

const apply = async () => {
  const res = await planner({
    method: "POST",
    url: `/api/crosswalks/reform/apply?workspace=${SLUG}`,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{
    importId: number | null;
    counts: Record<string, number>;
    skipped: { variable: string; reason: string }[];
    periods: string[];
    issues: { message: string }[];
  }>();
};

beforeAll(async () => {
  t = await openTestDatabase();
  ctx = createServiceContext(t.db);
  await applyCatalogue(ctx, parseCatalogue(catalogue), SYSTEM_ACTOR);
  await importRows([
    "A;ew;2020;10;",
    "B;ew;2020;7;",
    "C;ew;2020;4;",
    "D;ew;2020;5;vorläufig",
    "A;quote;2020;12,5;",
    "A;ew;2021;11;",
  ]);
  app = await buildApp({ ctx, version: "test" });
  planner = injectAs(app, await signIn(ctx, "planner", SLUG));
  contributor = injectAs(app, await signIn(ctx, "contributor", SLUG));
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe("storing a crosswalk", () => {
  it("refuses a table with bad rows whole, naming each row in German", async () => {
    const res = await upload(
      ["alt;neu;gewicht", "A;X;1", "B;X;abc", "B;Y;1,5", "C;;1", "D;Z;1", "D;Z;1", "Q;Z;1"].join(
        "\n",
      ),
    );
    expect(res.statusCode, res.body).toBe(400);
    const messages = res
      .json<{ error: { details: { issues: { message: string }[] } } }>()
      .error.details.issues.map((i) => i.message);
    expect(messages).toEqual([
      "Zeile 3: Gewicht „abc“ ist keine Zahl.",
      "Zeile 4: Gewicht „1,5“ liegt nicht zwischen 0 und 1.",
      "Zeile 5: neuer Code fehlt.",
      "Zeile 7: das Paar D → Z steht schon in Zeile 6.",
    ]);
    const list = await planner({ method: "GET", url: `/api/crosswalks?workspace=${SLUG}` });
    expect(list.json()).toEqual([]);
  });

  it("names a missing column, an unknown area, an area on both sides and bad fields", async () => {
    const noWeight = await upload("alt;neu\nA;X");
    expect(noWeight.json<{ error: { message: string } }>().error.message).toMatch(
      /Spalte „gewicht“ oder „weight“ oder „anteil“ oder „share“ \(Gewicht\) fehlt/,
    );
    const unknown = await upload("alt;neu;gewicht\nA;X;1\nQ;Z;1");
    expect(unknown.json<{ error: { message: string } }>().error.message).toBe(
      "Zeile 3: altes Gebiet „Q“ gibt es nicht im Arbeitsbereich.",
    );
    const both = await upload("alt;neu;gewicht\nA;X;1\nX;Y;1");
    expect(both.json<{ error: { message: string } }>().error.message).toMatch(
      /Gebiet „X“ steht als altes und als neues Gebiet/,
    );
    const badDate = await upload("alt;neu;gewicht\nA;X;1", { validFrom: "2021-02-30" });
    expect(badDate.json<{ error: { message: string } }>().error.message).toMatch(/Gültig ab/);
    const list = await planner({ method: "GET", url: `/api/crosswalks?workspace=${SLUG}` });
    expect(list.json()).toEqual([]);
  });

  it("stores rows given as JSON, with a warning where an old area's weights do not sum to 1", async () => {
    const res = await planner({
      method: "POST",
      url: `/api/crosswalks?workspace=${SLUG}`,
      payload: {
        code: "reform",
        name: "Reform 2021",
        basis: "population",
        validFrom: "2021-01-01",
        source: "Statistikstelle, Einwohnerregister 31.12.2020",
        rows: [
          { oldCode: "A", newCode: "X", weight: 1 },
          { oldCode: "B", newCode: "X", weight: 0.5 },
          { oldCode: "B", newCode: "Y", weight: 0.6 },
          { oldCode: "C", newCode: "Y", weight: 1 },
          { oldCode: "D", newCode: "Z", weight: 1 },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<{ crosswalk: Record<string, unknown>; issues: { message: string }[] }>();
    expect(body.crosswalk).toMatchObject({
      code: "reform",
      shares: 5,
      oldAreas: 4,
      newAreas: 3,
      basis: "population",
    });
    expect(body.issues.map((i) => i.message)).toEqual([
      "Altes Gebiet B: die Gewichte ergeben 1,1 statt 1; sie werden auf 1 gebracht.",
    ]);
    const again = await planner({
      method: "POST",
      url: `/api/crosswalks?workspace=${SLUG}`,
      payload: {
        code: "reform",
        name: "x",
        basis: "areal",
        validFrom: "2021-01-01",
        rows: [{ oldCode: "A", newCode: "X", weight: 1 }],
      },
    });
    expect(again.statusCode).toBe(409);
    const denied = await contributor({ method: "GET", url: `/api/crosswalks?workspace=${SLUG}` });
    expect(denied.statusCode).toBe(403);
  });
});

describe("applying a crosswalk", () => {
  it("carries the counts before the reform, estimated where shares were used", async () => {
    const report = await apply();
    expect(report.periods).toEqual(["2020"]);
    expect(report.skipped.map((s) => s.variable)).toEqual(["quote"]);
    expect(report.counts).toMatchObject({ new: 3, estimated: 2, exact: 1, revised: 0, kept: 0 });
    // B = 7 split by 0.5/0.6 → 3.18… and 3.81…: whole parts 3 and 4 (largest remainder).
    expect(await current("X")).toMatchObject({ value: 13, status: "estimated", revision: 1 });
    expect(await current("Y")).toMatchObject({ value: 8, status: "estimated", revision: 1 });
    // D moved whole: as delivered (provisional), no estimate.
    expect(await current("Z")).toMatchObject({ value: 5, status: "provisional", revision: 1 });
    // 2021 lies after the reform: not carried.
    expect(await current("X", "2021")).toBeUndefined();
  });

  it("applied again, changes nothing; after a correction, writes a new revision only where it changed", async () => {
    const same = await apply();
    expect(same.importId).toBeNull();
    expect(same.counts).toMatchObject({ new: 0, revised: 0, unchanged: 3 });

    await importRows(["C;ew;2020;6;"]);
    const changed = await apply();
    expect(changed.importId).not.toBeNull();
    expect(changed.counts).toMatchObject({ new: 0, revised: 1, unchanged: 2 });
    expect(await current("Y")).toMatchObject({ value: 10, status: "estimated", revision: 2 });
    const history = await planner({
      method: "GET",
      url: `/api/observations/history?workspace=${SLUG}&variable=ew&area=Y&period=2020`,
    });
    expect(history.json<{ value: number }[]>().map((r) => r.value)).toEqual([8, 10]);
  });

  it("keeps a value delivered on a new area instead of overwriting it", async () => {
    await importRows(["Z;ew;2020;50;"]);
    await importRows(["D;ew;2020;6;"]);
    const report = await apply();
    expect(report.counts).toMatchObject({ kept: 1, new: 0, revised: 0 });
    expect(await current("Z")).toMatchObject({ value: 50, status: "final" });
    expect(report.issues.map((i) => i.message)).toContain(
      "1 Werte auf neuen Gebieten wurden geliefert oder von Hand korrigiert und bleiben stehen.",
    );
  });

  it("lists the crosswalk and records the application in the import history", async () => {
    const list = await planner({ method: "GET", url: `/api/crosswalks?workspace=${SLUG}` });
    expect(list.json()).toEqual([
      expect.objectContaining({
        code: "reform",
        validFrom: "2021-01-01",
        source: "Statistikstelle, Einwohnerregister 31.12.2020",
      }),
    ]);
    const runs = await planner({ method: "GET", url: `/api/imports?workspace=${SLUG}` });
    expect(runs.statusCode, runs.body).toBe(200);
    expect(
      runs.json<{ kind: string; label: string }[]>().filter((r) => r.kind === "crosswalk"),
    ).toHaveLength(2);
    const missing = await planner({
      method: "POST",
      url: `/api/crosswalks/nope/apply?workspace=${SLUG}`,
    });
    expect(missing.statusCode).toBe(404);
  });
});
