/**
 * Area systems in the browser's API: a new municipality creates its system with levels and its
 * top area, uploads its districts without naming the city (each gets the one area above as
 * parent), renames and adds levels, and cannot reorder a level or drop one that holds areas.
 * The setup progress counts each step on the way to the first map.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.ts";
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import { applyCatalogue, parseCatalogue } from "../../src/services/data/apply-catalogue.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { multipartBody } from "../support/multipart.ts";
import { injectAs, signIn } from "../support/sign-in.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

let t: TestDatabase;
let ctx: ServiceContext;
let app: FastifyInstance;
let admin: ReturnType<typeof injectAs>;

const square = (x: number, y: number, size: number) => ({
  type: "Polygon",
  coordinates: [
    [
      [x, y],
      [x + size, y],
      [x + size, y + size],
      [x, y + size],
      [x, y],
    ],
  ],
});

/** Two districts in ETRS89 / UTM 32N, without a parent property, as a city's GIS exports them. */
const districts = {
  type: "FeatureCollection",
  crs: { type: "name", properties: { name: "urn:ogc:def:crs:EPSG::25832" } },
  features: [
    {
      type: "Feature",
      properties: { nr: "01", name: "Garstedt" },
      geometry: square(565000, 5950000, 2000),
    },
    {
      type: "Feature",
      properties: { nr: "02", name: "Harksheide" },
      geometry: square(567000, 5950000, 2000),
    },
  ],
};

beforeAll(async () => {
  t = await openTestDatabase();
  ctx = createServiceContext(t.db);
  await applyCatalogue(
    ctx,
    parseCatalogue({ workspace: { slug: "norderstedt", name: "Norderstedt" } }),
    SYSTEM_ACTOR,
  );
  app = await buildApp({ ctx, version: "test" });
  admin = injectAs(app, await signIn(ctx, "admin", "norderstedt"));
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const setup = async () =>
  (await admin({ url: "/api/workspace/setup" })).json<Record<string, number | string | null>>();

describe("area systems", () => {
  it("starts empty", async () => {
    expect(await setup()).toEqual({
      areaSystems: 0,
      areas: 0,
      areasWithBoundary: 0,
      variables: 0,
      observations: 0,
      indicators: 0,
      mapLevel: null,
    });
  });

  it("creates a system with its levels and the city as its top area", async () => {
    const r = await admin({
      method: "POST",
      url: "/api/area-systems",
      payload: {
        code: "gebiete",
        name: "Statistische Gebiete",
        levels: [
          { code: "stadt", name: "Stadt" },
          { code: "stadtteil", name: "Stadtteil" },
        ],
        top: { code: "01060063", name: "Norderstedt" },
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({
      code: "gebiete",
      levels: [
        { code: "stadt", depth: 0 },
        { code: "stadtteil", depth: 1 },
      ],
    });
    const areas = (await admin({ url: "/api/areas?geometry=false" })).json<{ code: string }[]>();
    expect(areas.map((a) => a.code)).toEqual(["01060063"]);
    const again = await admin({
      method: "POST",
      url: "/api/area-systems",
      payload: { code: "gebiete", name: "Doppelt", levels: [{ code: "x", name: "X" }] },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ error: { message: string } }>().error.message).toContain("gibt es schon");
    const audit = await ctx.db.orm.query.auditEvent.findMany();
    expect(audit.some((e) => e.entity === "area_system" && e.action === "create")).toBe(true);
  });

  it("names every bad field in German and creates nothing", async () => {
    const r = await admin({
      method: "POST",
      url: "/api/area-systems",
      payload: {
        code: "neu gebiet",
        name: "",
        levels: [
          { code: "a", name: "A" },
          { code: "a", name: "B" },
        ],
      },
    });
    expect(r.statusCode).toBe(400);
    const text = JSON.stringify(r.json());
    expect(text).toContain("Kürzel");
    expect(text).toContain("kommt zweimal vor");
    expect((await setup())["areaSystems"]).toBe(1);
  });

  it("reads a boundary file's properties, coordinate system and preview map before any mapping", async () => {
    const overview = async (content: string, filename: string) => {
      const { body, contentType } = multipartBody([{ name: "file", filename, content }]);
      return admin({
        method: "POST",
        url: "/api/imports/boundaries/overview",
        headers: { "content-type": contentType },
        payload: body,
      });
    };
    const r = await overview(JSON.stringify(districts), "stadtteile.geojson");
    expect(r.statusCode, r.body).toBe(200);
    const o = r.json<{
      format: string;
      crs: string;
      features: number;
      properties: { name: string; unique: boolean; examples: string[] }[];
      map: {
        features: { properties: Record<string, string>; geometry: { coordinates: number[][][] } }[];
      };
    }>();
    expect(o).toMatchObject({ format: "geojson", crs: "EPSG:25832", features: 2 });
    expect(o.properties).toEqual([
      { name: "nr", unique: true, examples: ["01", "02"] },
      { name: "name", unique: true, examples: ["Garstedt", "Harksheide"] },
    ]);
    // Reprojected to WGS84: Norderstedt lies near 10.0° E, 53.7° N.
    const [lon, lat] = o.map.features[0]!.geometry.coordinates[0]![0]!;
    expect(lon).toBeGreaterThan(9.9);
    expect(lon).toBeLessThan(10.2);
    expect(lat).toBeGreaterThan(53.6);
    expect(lat).toBeLessThan(53.8);
    expect(o.map.features[1]!.properties["name"]).toBe("Harksheide");

    const broken = await overview("{ kein json", "kaputt.geojson");
    expect(broken.statusCode).toBe(200);
    expect(broken.json<{ map: unknown; issues: { message: string }[] }>()).toMatchObject({
      map: null,
      issues: [{ message: expect.stringContaining("kein gültiges JSON") }],
    });
    expect((await setup())["areas"]).toBe(1);
  });

  it("gives districts without a parent property the one area above as their parent", async () => {
    const { body, contentType } = multipartBody([
      {
        name: "mapping",
        value: JSON.stringify({
          kind: "areas",
          format: "geojson",
          system: "gebiete",
          level: "stadtteil",
          code: "nr",
          name: "name",
          validFrom: "2024-01-01",
        }),
      },
      { name: "file", filename: "stadtteile.geojson", content: JSON.stringify(districts) },
    ]);
    const r = await admin({
      method: "POST",
      url: "/api/imports",
      headers: { "content-type": contentType },
      payload: body,
    });
    expect(r.statusCode, r.body).toBe(201);
    const report = r.json<{ issues: { code: string; message: string }[] }>();
    expect(report.issues.find((i) => i.code === "parent_assigned")?.message).toContain(
      "„Norderstedt“ (01060063)",
    );
    const areas = (await admin({ url: "/api/areas?level=stadtteil&geometry=false" })).json<
      { code: string; parent: string }[]
    >();
    expect(areas.map((a) => [a.code, a.parent])).toEqual([
      ["01", "01060063"],
      ["02", "01060063"],
    ]);
    expect(await setup()).toMatchObject({ areas: 3, areasWithBoundary: 2, mapLevel: "stadtteil" });
  });

  it("renames and adds levels, keeps their order, and keeps a level that holds areas", async () => {
    const renamed = await admin({
      method: "PUT",
      url: "/api/area-systems/gebiete",
      payload: {
        name: "Statistische Gebiete Norderstedt",
        levels: [
          { code: "stadt", name: "Stadt Norderstedt" },
          { code: "stadtteil", name: "Stadtteil" },
          { code: "block", name: "Baublock" },
        ],
      },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json<{ levels: { name: string }[] }>().levels.map((l) => l.name)).toEqual([
      "Stadt Norderstedt",
      "Stadtteil",
      "Baublock",
    ]);

    const reordered = await admin({
      method: "PUT",
      url: "/api/area-systems/gebiete",
      payload: {
        name: "x",
        levels: [
          { code: "stadtteil", name: "Stadtteil" },
          { code: "stadt", name: "Stadt" },
        ],
      },
    });
    expect(reordered.statusCode).toBe(400);
    expect(JSON.stringify(reordered.json())).toContain(
      "Ebene 1, Code: an dieser Stelle steht „stadt“",
    );

    const dropped = await admin({
      method: "PUT",
      url: "/api/area-systems/gebiete",
      payload: { name: "x", levels: [{ code: "stadt", name: "Stadt" }] },
    });
    expect(dropped.statusCode).toBe(400);
    expect(JSON.stringify(dropped.json())).toContain("hat 2 Gebiete und bleibt");

    // The empty level at the bottom may go again.
    const back = await admin({
      method: "PUT",
      url: "/api/area-systems/gebiete",
      payload: {
        name: "Statistische Gebiete",
        levels: [
          { code: "stadt", name: "Stadt" },
          { code: "stadtteil", name: "Stadtteil" },
        ],
      },
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json<{ levels: unknown[] }>().levels).toHaveLength(2);
  });
});
