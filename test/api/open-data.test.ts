/**
 * Open data as the public meets it: without login, only published items, every number after
 * disclosure control, in the formats the programs of open-data users read — and withheld
 * values marked with the dot of official tables, never their number.
 */
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import JSONstat from "jsonstat-toolkit";
import { Parser } from "n3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../src/cli/demo.ts";
import { validateJsonStat } from "../support/validate-jsonstat.ts";
import { buildApp } from "../../src/server/app.ts";
import { applyCatalogue, parseCatalogue } from "../../src/services/data/apply-catalogue.ts";
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { runImport } from "../../src/services/data/run-import.ts";
import { resolveWorkspace } from "../../src/services/workspaces.ts";
import { signIn, type AuthHeaders } from "../support/sign-in.ts";
import { longMapping, testCityCatalogue } from "../support/test-city.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

let t: TestDatabase;
let ctx: ServiceContext;
let app: FastifyInstance;
let planner: AuthHeaders;

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ url, headers });

beforeAll(async () => {
  t = await openTestDatabase();
  ctx = createServiceContext(t.db);
  await seedDemo(ctx);
  // A small town where one district has only 2 recipients: disclosure control must hide it,
  // and hide a second district too, since the town's total would give it away.
  await applyCatalogue(
    ctx,
    parseCatalogue({
      ...testCityCatalogue({
        slug: "kleinstadt",
        cityCode: "K",
        districtCode: (i) => `K${i}`,
        districts: 3,
        variables: ["population", "recipients"],
      }),
      indicators: [
        {
          code: "rate",
          name: "Quote",
          theme: "Soziale Lage",
          numerator: ["recipients"],
          denominator: ["population"],
          factor: 100,
          unit: "%",
          polarity: "lower_is_better",
          definition: "Leistungsberechtigte je 100 Einwohner.",
          publication: "public",
        },
        {
          code: "internal_rate",
          name: "Interne Quote",
          theme: "Soziale Lage",
          numerator: ["recipients"],
          denominator: ["population"],
          unit: "je 1",
          polarity: "lower_is_better",
          definition: "Nur für die Verwaltung.",
          publication: "internal",
        },
      ],
    }),
    SYSTEM_ACTOR,
  );
  const report = await runImport(ctx, {
    actor: SYSTEM_ACTOR,
    workspace: await resolveWorkspace(ctx, "kleinstadt"),
    fileName: "kleinstadt.csv",
    bytes: Buffer.from(
      "gebiet;merkmal;jahr;wert\n" +
        "K;population;2022;600\nK;recipients;2022;47\n" +
        "K0;population;2022;200\nK0;recipients;2022;2\n" +
        "K1;population;2022;200\nK1;recipients;2022;20\n" +
        "K2;population;2022;200\nK2;recipients;2022;25\n",
    ),
    mapping: longMapping(),
    dryRun: false,
  });
  expect(report.status).toBe("committed");
  app = await buildApp({ ctx, version: "test", publicUrl: "https://daten.example.org/" });
  planner = await signIn(ctx, "planner", "flensburg");
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe("open data", () => {
  it("lists the public datasets of every workspace without login", async () => {
    const res = await get("/open");
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      workspaces: { workspace: string; indicators: { code: string }[]; datasets: unknown[] }[];
    }>();
    expect(body.workspaces.map((w) => w.workspace).sort()).toEqual(["flensburg", "kleinstadt"]);
    const klein = body.workspaces.find((w) => w.workspace === "kleinstadt")!;
    expect(klein.indicators.map((i) => i.code)).toEqual(["rate"]); // not the internal one
  });

  it("marks withheld values with a dot in CSV, and never prints them", async () => {
    const res = await get("/open/kleinstadt/levels/district/indicators.csv");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/csv/);
    expect(res.headers["content-disposition"]).toMatch(/attachment; filename="kleinstadt-district/);
    const text = res.body.replace(/^\uFEFF/, "");
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = text
      .trim()
      .split("\r\n")
      .map((l) => l.split(";"));
    expect(rows[0]).toEqual([
      "Indikator",
      "Indikatorname",
      "Einheit",
      "Gebietsschlüssel",
      "Gebiet",
      "Zeitraum",
      "Wert",
      "Zeichen",
    ]);
    const byArea = new Map(rows.slice(1).map((r) => [r[3], r]));
    expect(byArea.get("K0")!.slice(6)).toEqual(["", "."]); // 2 recipients: primary
    expect(byArea.get("K1")!.slice(6)).toEqual(["", "."]); // secondary: else 47 − 20 − 25 = 2
    expect(byArea.get("K2")!.slice(6)).toEqual(["12,5", ""]);
    expect(text).not.toContain("internal_rate");
    expect(text).not.toMatch(/;1(,0)?;/); // K0's rate (1 %) appears nowhere
  });

  it("speaks the international dialect on request", async () => {
    const res = await get("/open/kleinstadt/levels/district/indicators.csv?dialect=intl");
    expect(res.rawPayload[0]).not.toBe(0xef);
    const lines = res.body.trim().split("\r\n");
    expect(lines[0]).toBe("indicator,indicator_name,unit,area_code,area,period,value,flag");
    expect(lines).toContain("rate,Quote,%,K2,Teil 2,2022,12.5,");
  });

  it("offers an XLSX workbook with numbers as numbers and dots as dots", async () => {
    const res = await get("/open/kleinstadt/levels/district/indicators.xlsx");
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet("Daten")!;
    const values: unknown[] = [];
    sheet.eachRow((row) => values.push(row.getCell(7).value));
    expect(values).toContain(12.5);
    expect(values.filter((v) => v === ".")).toHaveLength(2);
    expect(wb.getWorksheet("Erläuterungen")).toBeDefined();
  });

  it("serves JSON-stat 2.0 that validates and that the JSON-stat toolkit reads back", async () => {
    const res = await get("/open/flensburg/levels/district/indicators.jsonstat.json");
    expect(res.statusCode).toBe(200);
    const doc = res.json<object>();
    const check = validateJsonStat(doc);
    expect(check.errors).toEqual([]);
    expect(check.valid).toBe(true);
    const ds = JSONstat(doc).Dataset(0)!;
    expect(ds.id).toEqual(["indicator", "area", "period"]);
    // The same number as the public map endpoint gives.
    const values = (
      await get("/open/flensburg/indicators/sgb2_rate/values?level=district&period=2021")
    ).json<{
      values: { area: string; value: number | null }[];
    }>();
    const neustadt = values.values.find((v) => v.area === "STGT02")!;
    expect(ds.Data({ indicator: "sgb2_rate", area: "STGT02", period: "2021" })?.value).toBe(
      neustadt.value,
    );

    const klein = (
      await get("/open/kleinstadt/levels/district/indicators.jsonstat.json")
    ).json<object>();
    const k = JSONstat(klein).Dataset(0)!;
    expect(k.Data({ indicator: "rate", area: "K0", period: "2022" })).toEqual({
      value: null,
      status: ".",
    });
    expect(k.Data({ indicator: "rate", area: "K2", period: "2022" })).toEqual({
      value: 12.5,
      status: null,
    });
  });

  it("serves GeoJSON of the areas with values of one period", async () => {
    const res = await get("/open/flensburg/levels/district/indicators.geojson?period=2021");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/application\/geo\+json/);
    const fc = res.json<{
      features: { geometry: { type: string }; properties: Record<string, unknown> }[];
    }>();
    expect(fc.features).toHaveLength(13);
    expect(fc.features[0]!.geometry.type).toMatch(/Polygon/);
    expect(typeof fc.features[0]!.properties["sgb2_rate"]).toBe("number");
    const klein = (await get("/open/kleinstadt/levels/district/indicators.geojson")).json<{
      features: { properties: Record<string, unknown> }[];
    }>();
    expect(klein.features.find((f) => f.properties["code"] === "K0")!.properties).toMatchObject({
      rate: null,
      rate_zeichen: ".",
    });
    expect(
      (await get("/open/flensburg/levels/district/indicators.geojson?period=1900")).statusCode,
    ).toBe(404);
  });

  it("tells the public that a value is withheld, but not why, and gives no counts behind it", async () => {
    const res = await get("/open/kleinstadt/indicators/rate/values?level=district");
    expect(res.statusCode).toBe(200);
    const set = res.json<{
      disclosure: { applied: boolean };
      values: {
        area: string;
        status: string;
        reason: string | null;
        numerator: number | null;
        denominator: number | null;
      }[];
    }>();
    expect(set.disclosure.applied).toBe(true);
    for (const area of ["K0", "K1"]) {
      expect(set.values.find((v) => v.area === area)).toMatchObject({
        status: "suppressed",
        reason: "withheld",
        numerator: null,
      });
    }
    expect(res.body).not.toMatch(/small_count|secondary/);
  });

  it("shows the public nothing that is not published, and follows a change of state at once", async () => {
    expect((await get("/open/kleinstadt/indicators/internal_rate/values")).statusCode).toBe(404);
    const before = await get("/open/flensburg/levels/district/indicators.csv");
    expect(before.body).toMatch(/^sgb2_rate;/m);
    const hide = await app.inject({
      method: "PUT",
      url: "/api/indicators/sgb2_rate/publication",
      headers: planner,
      payload: { publication: "internal" },
    });
    expect(hide.statusCode).toBe(200);
    const after = await get("/open/flensburg/levels/district/indicators.csv");
    expect(after.body).not.toMatch(/^sgb2_rate;/m);
    expect(after.headers["etag"]).not.toBe(before.headers["etag"]);
    expect((await get("/open/flensburg/indicators/sgb2_rate/values")).statusCode).toBe(404);
    const ogc = await get("/ogc/collections/flensburg.district/items?limit=1");
    expect(ogc.body).not.toMatch(/"sgb2_rate"/);
    // Internal users still see it; back to public for the other tests.
    expect((await get("/api/indicators/sgb2_rate", planner)).statusCode).toBe(200);
    await app.inject({
      method: "PUT",
      url: "/api/indicators/sgb2_rate/publication",
      headers: planner,
      payload: { publication: "public" },
    });
  });

  it("publishes a DCAT-AP.de catalogue with the properties the German portal expects", async () => {
    const res = await get("/open/flensburg/catalog.ttl");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/turtle/);
    const quads = new Parser().parse(res.body);
    const has = (p: string, o?: string) =>
      quads.some((q) => q.predicate.value === p && (o === undefined || q.object.value === o));
    const DCAT = "http://www.w3.org/ns/dcat#";
    const DCT = "http://purl.org/dc/terms/";
    const DCATDE = "http://dcat-ap.de/def/dcatde/";
    expect(has("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", `${DCAT}Dataset`)).toBe(true);
    expect(has(`${DCT}publisher`)).toBe(true);
    expect(has(`${DCAT}contactPoint`)).toBe(true);
    expect(has(`${DCT}license`, "http://dcat-ap.de/def/licenses/cc-zero")).toBe(true);
    expect(
      has(
        `${DCATDE}politicalGeocodingURI`,
        "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/01001000",
      ),
    ).toBe(true);
    expect(has(`${DCATDE}politicalGeocodingLevelURI`)).toBe(true);
    expect(has(`${DCT}temporal`)).toBe(true);
    expect(has(`${DCT}spatial`)).toBe(true);
    expect(
      has(
        `${DCAT}downloadURL`,
        "https://daten.example.org/open/flensburg/levels/district/indicators.csv",
      ),
    ).toBe(true);
    const jsonld = await get("/open/flensburg/catalog.jsonld");
    expect(jsonld.statusCode).toBe(200);
    expect(jsonld.body).toContain("politicalGeocodingURI");
    // A workspace without the catalogue metadata has no catalogue, and says why.
    const none = await get("/open/kleinstadt/catalog.ttl");
    expect(none.statusCode).toBe(404);
    expect(none.json<{ error: { message: string } }>().error.message).toMatch(/Gemeindeschlüssel/);
  });

  it("answers unknown workspaces, levels and parameters with a clear 4xx", async () => {
    expect((await get("/open/nirgendwo/levels/district/indicators.csv")).statusCode).toBe(404);
    expect((await get("/open/flensburg/levels/mond/indicators.csv")).statusCode).toBe(404);
    expect(
      (await get("/open/flensburg/levels/district/indicators.csv?dialect=fr")).statusCode,
    ).toBe(400);
    expect((await get("/open/flensburg/levels/district/indicators.csv?x=1")).statusCode).toBe(400);
  });
});
