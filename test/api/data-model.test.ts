/**
 * The data model as a planner uses it over the API: corrections keep their history, boundary
 * versions answer "which boundary on which date", every supported file format arrives, and
 * small counts never leave the API unprotected.
 */
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.ts";
import { injectAs, signIn } from "../support/sign-in.ts";
import { applyCatalogue, parseCatalogue } from "../../src/services/data/apply-catalogue.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { multipartBody } from "../support/multipart.ts";
import { longMapping } from "../support/test-city.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

let t: TestDatabase;
let ctx: ServiceContext;
let app: FastifyInstance;
let inject: ReturnType<typeof injectAs>;

const square = (x: number, y: number, d: number) => ({
  type: "Polygon",
  coordinates: [
    [
      [x, y],
      [x + d, y],
      [x + d, y + d],
      [x, y + d],
      [x, y],
    ],
  ],
});

async function upload(file: Buffer | string, fileName: string, mapping: object, dryRun = false) {
  const { body, contentType } = multipartBody([
    { name: "mapping", value: JSON.stringify(mapping) },
    { name: "dryRun", value: String(dryRun) },
    {
      name: "file",
      filename: fileName,
      content: typeof file === "string" ? Buffer.from(file) : file,
    },
  ]);
  const res = await inject({
    method: "POST",
    url: "/api/imports",
    headers: { "content-type": contentType },
    payload: body,
  });
  return { status: res.statusCode, body: res.json<Record<string, unknown>>() };
}

const long = longMapping("zeitraum");

beforeAll(async () => {
  t = await openTestDatabase();
  ctx = createServiceContext(t.db);
  await applyCatalogue(
    ctx,
    parseCatalogue({
      workspace: { slug: "musterstadt", name: "Musterstadt", minCount: 3 },
      areaSystems: [
        {
          code: "krg",
          name: "Kleinräumige Gliederung",
          levels: [
            { code: "city", name: "Stadt" },
            { code: "district", name: "Stadtteil" },
          ],
          areas: [{ code: "M", name: "Musterstadt", level: "city" }],
        },
      ],
      variables: [
        {
          code: "population",
          name: "Einwohner",
          unit: "Personen",
          measure: "stock",
          aggregation: "sum",
        },
        {
          code: "recipients",
          name: "Leistungsberechtigte",
          unit: "Personen",
          measure: "stock",
          aggregation: "sum",
        },
      ],
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
        },
      ],
    }),
    SYSTEM_ACTOR,
  );
  app = await buildApp({ ctx, version: "test" });
  inject = injectAs(app, await signIn(ctx, "planner", "musterstadt"));
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe("areas and boundary versions", () => {
  it("imports districts from TopoJSON", async () => {
    const topo = {
      type: "Topology",
      objects: {
        teile: {
          type: "GeometryCollection",
          geometries: [
            { type: "Polygon", arcs: [[0]], properties: { id: "M1", name: "Nord", parent: "M" } },
            { type: "Polygon", arcs: [[1]], properties: { id: "M2", name: "Süd", parent: "M" } },
            { type: "Polygon", arcs: [[2]], properties: { id: "M3", name: "West", parent: "M" } },
          ],
        },
      },
      arcs: [
        [
          [9.4, 54.8],
          [9.5, 54.8],
          [9.5, 54.9],
          [9.4, 54.9],
          [9.4, 54.8],
        ],
        [
          [9.4, 54.7],
          [9.5, 54.7],
          [9.5, 54.8],
          [9.4, 54.8],
          [9.4, 54.7],
        ],
        [
          [9.3, 54.7],
          [9.4, 54.7],
          [9.4, 54.8],
          [9.3, 54.8],
          [9.3, 54.7],
        ],
      ],
    };
    const r = await upload(JSON.stringify(topo), "teile.topojson", {
      kind: "areas",
      format: "topojson",
      system: "krg",
      level: "district",
      code: "id",
      name: "name",
      parent: "parent",
      validFrom: "2018-01-01",
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body["summary"]).toMatchObject({ created: 3 });
  });

  it("keeps the old boundary when a new version is imported, answering by date", async () => {
    // The same district, enlarged, from 2024 on, delivered in ETRS89 / UTM 33N (EPSG:25833).
    const utm = {
      type: "FeatureCollection",
      crs: { type: "name", properties: { name: "urn:ogc:def:crs:EPSG::25833" } },
      features: [
        {
          type: "Feature",
          properties: { id: "M1", name: "Nord", parent: "M" },
          geometry: square(390000, 5818000, 2000),
        },
      ],
    };
    const r = await upload(JSON.stringify(utm), "nord-2024.geojson", {
      kind: "areas",
      format: "geojson",
      system: "krg",
      level: "district",
      code: "id",
      name: "name",
      parent: "parent",
      validFrom: "2024-01-01",
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body["summary"]).toMatchObject({ newVersions: 1, crs: "EPSG:25833" });

    const detail = (await inject({ url: "/api/areas/M1" })).json<{
      boundaries: {
        validFrom: string;
        validTo: string | null;
        geometry: { coordinates: number[][][] };
      }[];
    }>();
    expect(detail.boundaries.map((b) => [b.validFrom, b.validTo])).toEqual([
      ["2018-01-01", "2023-12-31"],
      ["2024-01-01", null],
    ]);
    // Reprojected to WGS84: Berlin, around 13.4° E, 52.5° N; exterior ring counter-clockwise.
    const [lon, lat] = detail.boundaries[1]!.geometry.coordinates[0]![0]!;
    expect(lon).toBeGreaterThan(13.3);
    expect(lon).toBeLessThan(13.5);
    expect(lat).toBeGreaterThan(52.4);
    expect(lat).toBeLessThan(52.6);

    const at2020 = (await inject({ url: "/api/areas?level=district&at=2020-06-30" })).json<
      { code: string; validFrom: string; geometry: { coordinates: number[][][] } }[]
    >();
    const nord2020 = at2020.find((a) => a.code === "M1")!;
    expect(nord2020.validFrom).toBe("2018-01-01");
    expect(nord2020.geometry.coordinates[0]![0]![0]).toBeCloseTo(9.4, 6);
  });
});

describe("observations: formats, revisions, disclosure", () => {
  it("imports an XLSX sheet chosen by name", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Hinweise").addRow(["Diese Tabelle stammt aus dem Melderegister."]);
    const ws = wb.addWorksheet("Daten");
    ws.addRow(["gebiet", "2021", "2022"]);
    ws.addRow(["M1", 1200, 1250]);
    ws.addRow(["M2", 980, 1010]);
    ws.addRow(["M3", 40, 42]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await upload(bytes, "einwohner.xlsx", {
      format: "xlsx",
      xlsx: { sheet: "Daten" },
      layout: "wide",
      area: { column: "gebiet" },
      values: [{ pattern: "^(\\d{4})$", variable: "population", period: "$1" }],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body["summary"]).toMatchObject({ new: 6, sheet: "Daten" });
  });

  it("imports a Windows-1252 CSV with decimal commas and umlauts in the header", async () => {
    const text =
      "Gebiet;Merkmal;Zeitraum;Wert (Anzahl ä)\nM1;recipients;2022;120\nM2;recipients;2022;2\nM3;recipients;2022;5\n";
    const r = await upload(iconv.encode(text, "win1252"), "empfänger.csv", {
      ...long,
      area: { column: "Gebiet" },
      variable: { column: "Merkmal" },
      period: { column: "Zeitraum" },
      value: { column: "Wert (Anzahl ä)" },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body["summary"]).toMatchObject({ new: 3, encoding: "windows-1252" });
  });

  it("keeps every revision when a figure is corrected", async () => {
    const first = await upload(
      "gebiet;merkmal;zeitraum;wert\nM1;population;2023;1300\n",
      "a.csv",
      long,
    );
    expect(first.status).toBe(201);
    const dry = await upload(
      "gebiet;merkmal;zeitraum;wert\nM1;population;2023;1310\n",
      "b.csv",
      long,
      true,
    );
    expect(dry.status).toBe(200);
    expect(dry.body["summary"]).toMatchObject({ changed: 1 });
    const fix = await upload(
      "gebiet;merkmal;zeitraum;wert\nM1;population;2023;1310\n",
      "b.csv",
      long,
    );
    expect(fix.status).toBe(201);
    const issues = fix.body["issues"] as { code: string }[];
    expect(issues.map((i) => i.code)).toContain("revised_value");
    const hist = (
      await inject({ url: "/api/observations/history?variable=population&area=M1&period=2023" })
    ).json<{ revision: number; value: number; supersededAt: string | null }[]>();
    expect(hist.map((h) => [h.revision, h.value, h.supersededAt === null])).toEqual([
      [1, 1300, false],
      [2, 1310, true],
    ]);
    const current = (
      await inject({ url: "/api/observations?variable=population&area=M1&period=2023" })
    ).json<{ items: { value: number; revision: number }[] }>();
    expect(current.items).toEqual([expect.objectContaining({ value: 1310, revision: 2 })]);
  });

  it("withholds small counts and what could reveal them, and says why", async () => {
    const res = await inject({ url: "/api/indicators/rate/values?level=district&period=2022" });
    const body = res.json<{
      values: {
        area: string;
        status: string;
        reason: string | null;
        value: number | null;
        numerator: number | null;
      }[];
      reference: { value: number | null };
    }>();
    const byArea = Object.fromEntries(body.values.map((v) => [v.area, v]));
    // M2 has 2 recipients: below the minimum of 3, withheld (primary).
    expect(byArea["M2"]).toMatchObject({
      status: "suppressed",
      reason: "small_count",
      value: null,
      numerator: null,
    });
    // The city total is published, so one more district must be hidden (secondary): the
    // smallest, M3 with 5, or 2 could be worked out as total − 120 − 5.
    expect(byArea["M3"]).toMatchObject({ status: "suppressed", reason: "secondary", value: null });
    expect(byArea["M1"]).toMatchObject({ status: "known", numerator: 120 });
    expect(body.reference.value).toBeCloseTo((127 / (1250 + 1010 + 42)) * 100, 10);
    expect(res.body).not.toMatch(/"numerator":2[,}]/);

    const raw = (
      await inject({
        url: "/api/indicators/rate/values?level=district&period=2022&disclosure=off",
      })
    ).json<{ values: { area: string; numerator: number | null }[] }>();
    expect(raw.values.find((v) => v.area === "M2")?.numerator).toBe(2);
  });
});
