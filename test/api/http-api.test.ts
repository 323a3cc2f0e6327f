/**
 * The HTTP API as a client meets it: real requests through fastify against the demo data,
 * on PGlite (`npm test`) and on a PostgreSQL server (`npm run test:pg`).
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../src/cli/demo.ts";
import { buildApp } from "../../src/server/app.ts";
import { createServiceContext } from "../../src/services/context.ts";
import { signIn, type AuthHeaders } from "../support/sign-in.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

let t: TestDatabase;
let app: FastifyInstance;
let auth: AuthHeaders;

beforeAll(async () => {
  t = await openTestDatabase();
  const ctx = createServiceContext(t.db);
  await seedDemo(ctx);
  auth = await signIn(ctx, "planner");
  app = await buildApp({ ctx, version: "test" });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const get = async (url: string) => {
  const res = await app.inject({ method: "GET", url, headers: auth });
  return { status: res.statusCode, json: res.json<Record<string, unknown> & unknown[]>(), res };
};

describe("HTTP API", () => {
  it("reports health and the engine", async () => {
    const { status, json } = await get("/api/health");
    expect(status).toBe(200);
    expect(json).toMatchObject({ status: "ok", version: "test" });
  });

  it("serves the OpenAPI document and its UI", async () => {
    const { status, json } = await get("/api/docs/json");
    expect(status).toBe(200);
    const doc = json as unknown as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      "/api/health",
      "/api/areas",
      "/api/variables",
      "/api/periods",
      "/api/observations",
      "/api/indicators",
      "/api/indicators/{code}/values",
      "/api/imports",
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    // The report routes describe what they answer, down to the document's nodes.
    const schemas = (
      json as unknown as { components: { schemas: Record<string, { properties?: object }> } }
    ).components.schemas;
    for (const name of ["ReportDocument", "BuiltReport", "Report", "ReportComparison"]) {
      expect(Object.keys(schemas), name).toContain(name);
    }
    expect(JSON.stringify(schemas["ReportDocument"])).toContain('"figure"');
    const preview = (
      doc.paths["/api/reports/preview"] as {
        post: { responses: Record<string, { content: Record<string, { schema: object }> }> };
      }
    ).post.responses["200"]!.content["application/json"]!.schema;
    expect(JSON.stringify(preview)).toContain("BuiltReport");
    const ui = await app.inject({ method: "GET", url: "/api/docs" });
    expect([200, 302]).toContain(ui.statusCode);
  });

  it("lists areas with geometry, and as GeoJSON", async () => {
    const list = await get("/api/areas?level=district");
    expect(list.status).toBe(200);
    expect(list.json).toHaveLength(13);
    const first = (list.json as unknown as { geometry: { type: string } }[])[0]!;
    expect(["Polygon", "MultiPolygon"]).toContain(first.geometry.type);
    const geo = await get("/api/areas?level=statistical_district&format=geojson");
    const fc = geo.json as unknown as {
      type: string;
      features: { properties: { code: string } }[];
    };
    expect(fc.type).toBe("FeatureCollection");
    expect(fc.features).toHaveLength(41);
    // Map coordinates carry at most 6 decimals (RFC 7946, 11.2).
    const decimals = [...geo.res.body.matchAll(/-?\d+\.(\d+)/g)].map((m) => m[1]!.length);
    expect(Math.max(...decimals)).toBeLessThanOrEqual(6);
    // The layer is revalidated by its ETag: unchanged data, no body.
    const etag = geo.res.headers["etag"];
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    const again = await app.inject({
      method: "GET",
      url: "/api/areas?level=statistical_district&format=geojson",
      headers: { ...auth, "if-none-match": String(etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
    const one = await get("/api/areas/STGT08");
    expect(one.json).toMatchObject({ code: "STGT08", name: "Sandberg", level: "district" });
  });

  it("lists variables with source and licence, and periods", async () => {
    const vars = await get("/api/variables");
    const pop = (vars.json as unknown as { code: string; source: string }[]).find(
      (v) => v.code === "population",
    );
    expect(pop?.source).toMatch(/Sozialatlas 2022/);
    const periods = await get("/api/periods");
    expect((periods.json as unknown as { code: string }[]).map((p) => p.code)).toContain("2021");
  });

  it("pages observations and shows a cell's history", async () => {
    const page = await get("/api/observations?variable=population&period=2021&limit=5");
    expect(page.json).toMatchObject({ total: 14, limit: 5, offset: 0 });
    expect((page.json as unknown as { items: unknown[] }).items).toHaveLength(5);
    const hist = await get("/api/observations/history?variable=population&area=STGT08&period=2021");
    expect(hist.status).toBe(200);
    expect(hist.json).toHaveLength(1);
  });

  it("serves indicators with their sheets", async () => {
    const list = await get("/api/indicators");
    const sgb2 = (list.json as unknown as { code: string; sheet: { formula: string } }[]).find(
      (i) => i.code === "sgb2_rate",
    );
    expect(sgb2?.sheet.formula).toBe("sgb2_recipients / (pop_under_18 + pop_18_64) × 100");
  });

  it("serves map-ready indicator values with the city, ranks and an ETag", async () => {
    const res = await app.inject({
      method: "GET",
      url: "/api/indicators/sgb2_rate/values?level=district&period=2021",
      headers: auth,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      values: { area: string; rank: number | null; value: number | null }[];
      reference: { area: string; value: number };
      level: string;
      disclosure: { applied: boolean; minCount: number };
    }>();
    expect(body.level).toBe("district");
    expect(body.values).toHaveLength(13);
    expect(body.reference.area).toBe("STGM01001000");
    expect(body.disclosure).toEqual({ applied: true, minCount: 3 });
    const top = body.values.find((v) => v.rank === 1)!;
    expect(top.area).toBe("STGT02"); // Neustadt has the highest SGB II rate
    const again = await app.inject({
      method: "GET",
      url: "/api/indicators/sgb2_rate/values?level=district&period=2021",
      headers: { ...auth, "if-none-match": String(res.headers["etag"]) },
    });
    expect(again.statusCode).toBe(304);
  });

  it("serves a time series for one area with the city beside it", async () => {
    const { status, json } = await get("/api/indicators/population/series?area=STGT03");
    expect(status).toBe(200);
    const points = (json as unknown as { points: { period: string; value: number | null }[] })
      .points;
    expect(points.find((p) => p.period === "2021")?.value).toBe(12525);
  });

  it.each([
    ["/api/areas/NOPE", 404, "not_found"],
    ["/api/indicators/nope/values", 404, "not_found"],
    ["/api/observations?limit=0", 400, "invalid_request"],
    ["/api/observations?limit=abc", 400, "invalid_request"],
    ["/api/areas?at=2021-13-45", 400, "invalid_request"],
    ["/api/observations/history?variable=population", 400, "invalid_request"],
    ["/api/areas?workspace=unknown", 403, "forbidden"],
    ["/api/nothing-here", 404, "route_not_found"],
  ])("answers %s with %i and code %s in the error envelope", async (url, status, code) => {
    const res = await app.inject({ method: "GET", url, headers: auth });
    expect(res.statusCode).toBe(status);
    const body = res.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(5);
    expect(res.body).not.toMatch(/at .*\.ts:\d+/); // no stack traces
  });

  it("names each invalid field with its place and a German reason", async () => {
    const res = await app.inject({
      method: "GET",
      url: "/api/observations?limit=abc",
      headers: auth,
    });
    expect(res.statusCode).toBe(400);
    const issues = res.json<{
      error: { details: { issues: { where: string; path: string; message: string }[] } };
    }>().error.details.issues;
    expect(issues).toEqual([
      {
        where: "querystring",
        path: "limit",
        field: "Höchstzahl",
        message: "Höchstzahl: muss eine Zahl sein",
      },
    ]);
  });

  it.each([
    ["planung@demo.sopla.example", "Demo-Planung-2026", "planner"],
    ["fachdienst@demo.sopla.example", "Demo-Fachdienst-2026", "contributor"],
    ["unterkunft@demo.sopla.example", "Demo-Unterkunft-2026", "occupancy"],
    ["politik@demo.sopla.example", "Demo-Politik-2026", "viewer"],
    ["verwaltung@demo.sopla.example", "Demo-Verwaltung-2026", "admin"],
  ])("lets the documented demo account %s log in as %s", async (email, password, role) => {
    const res = await app.inject({
      method: "POST",
      url: "/api/session",
      payload: { email, password },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ memberships: { workspace: string; role: string }[] }>().memberships).toEqual([
      expect.objectContaining({ workspace: "flensburg", role }),
    ]);
  });

  it("serves a German start page with the attribution", async () => {
    const res = await app.inject({ method: "GET", url: "/kennzahlen" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/html/);
    expect(res.body).toMatch(/<html lang="de">/);
    expect(res.body).toMatch(/Sozialatlas 2022/);
  });
});
