/** The server side of the web app: its files, the browser routes, and the API's own 404s. */
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.ts";
import { createServiceContext } from "../../src/services/context.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

let t: TestDatabase;
let app: FastifyInstance;
let bare: FastifyInstance;

beforeAll(async () => {
  t = await openTestDatabase();
  const ctx = createServiceContext(t.db);
  const root = await mkdtemp(join(tmpdir(), "sopla-web-"));
  await mkdir(join(root, "assets"));
  await writeFile(join(root, "index.html"), '<!doctype html><html lang="de"><div id="root"></div>');
  await writeFile(join(root, "assets", "index-abc123.js"), "console.log(1)");
  app = await buildApp({
    ctx,
    version: "test",
    webRoot: root,
    tileUrl: "https://tiles.example.org/{z}/{x}/{y}.png",
    tileAttribution: "© Beispiel",
  });
  bare = await buildApp({ ctx, version: "test", webRoot: join(root, "fehlt") });
});
afterAll(async () => {
  await app.close();
  await bare.close();
  await t.close();
});

describe("web app files", () => {
  it("answers every browser route with the app, without caching it", async () => {
    for (const url of ["/", "/atlas", "/gebiete/STGT02", "/verwaltung?x=1"]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('<div id="root">');
      expect(res.headers["cache-control"]).toBe("no-cache");
      expect(res.headers["content-security-policy"]).toMatch(/script-src 'self'/);
    }
  });

  it("serves hashed assets for a year, and nothing outside their folder", async () => {
    const js = await app.inject({ url: "/assets/index-abc123.js" });
    expect(js.statusCode).toBe(200);
    expect(js.headers["content-type"]).toMatch(/text\/javascript/);
    expect(js.headers["cache-control"]).toMatch(/immutable/);
    for (const url of [
      "/assets/fehlt.js",
      "/assets/..%2f..%2fpackage.json",
      "/assets/index.html",
    ]) {
      expect((await app.inject({ url })).statusCode, url).toBe(404);
    }
    // Dot segments are resolved before routing: at most the app's own index page answers.
    for (const url of ["/assets/%2e%2e/%2e%2e/package.json", "/assets/../../package.json"]) {
      const res = await app.inject({ url });
      expect(res.body, url).not.toContain('"name": "sopla"');
    }
  });

  it("keeps the API's 404 for unknown API, open-data and OGC paths", async () => {
    for (const url of ["/api/nichts", "/open/x/y/z/w", "/ogc/nichts/da/oder/so"]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json<{ error: { code: string } }>().error.code).toBe("route_not_found");
    }
  });

  it("tells the web app the base map's tiles, or that there are none", async () => {
    const withTiles = await app.inject({ url: "/api/client-config" });
    expect(withTiles.json()).toEqual({
      tileUrl: "https://tiles.example.org/{z}/{x}/{y}.png",
      tileAttribution: "© Beispiel",
    });
    const clean = await bare.inject({ url: "/api/client-config" });
    expect(clean.json()).toEqual({ tileUrl: null, tileAttribution: null });
  });

  it("says how to build the app when it is not built", async () => {
    const res = await bare.inject({ url: "/atlas" });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/npm run build/);
  });
});
