/**
 * OGC API – Features (Part 1 Core) at /ogc, checked over HTTP and with a real client: GDAL's
 * `ogrinfo` reads every collection and every feature through the server's paging links, as
 * QGIS would. CI installs GDAL (Debian `gdal-bin`); without it, only a local run may skip.
 */
import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../src/cli/demo.ts";
import { buildApp } from "../../src/server/app.ts";
import { createServiceContext } from "../../src/services/context.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

let t: TestDatabase;
let app: FastifyInstance;
let base: string;

interface Link {
  href: string;
  rel: string;
  type: string;
}
interface Items {
  type: string;
  period: string | null;
  numberMatched: number;
  numberReturned: number;
  features: { id: string; properties: Record<string, unknown> }[];
  links: Link[];
}

const ogrinfo = spawnSync("ogrinfo", ["--version"], { encoding: "utf8" });
const hasGdal = ogrinfo.status === 0;
const execFileAsync = promisify(execFile);

beforeAll(async () => {
  t = await openTestDatabase();
  const ctx = createServiceContext(t.db);
  await seedDemo(ctx);
  app = await buildApp({ ctx, version: "test" });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  base = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const get = async <T>(path: string, accept = "application/json") => {
  const res = await fetch(path.startsWith("http") ? path : `${base}${path}`, {
    headers: { accept },
  });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get("content-type") ?? "",
    text,
    json: () => JSON.parse(text) as T,
  };
};

describe("OGC API – Features", () => {
  it("has a landing page linking the API definition, conformance and the collections", async () => {
    const res = await get<{ links: Link[] }>("/ogc");
    expect(res.status).toBe(200);
    const rels = res.json().links.map((l) => l.rel);
    expect(rels).toEqual(
      expect.arrayContaining([
        "self",
        "alternate",
        "service-desc",
        "service-doc",
        "conformance",
        "data",
      ]),
    );
    const desc = res.json().links.find((l) => l.rel === "service-desc")!;
    expect((await get(desc.href)).status).toBe(200);
    const conf = await get<{ conformsTo: string[] }>("/ogc/conformance");
    expect(conf.json().conformsTo).toEqual(
      expect.arrayContaining([
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
      ]),
    );
  });

  it("describes each collection with its extent in space and time", async () => {
    const res = await get<{
      collections: { id: string; extent: { spatial: { bbox: number[][] } }; links: Link[] }[];
    }>("/ogc/collections");
    const ids = res.json().collections.map((c) => c.id);
    expect(ids).toContain("flensburg.district");
    const one = await get<{
      id: string;
      itemType: string;
      extent: { spatial: { bbox: number[][] }; temporal: { interval: string[][] } };
    }>("/ogc/collections/flensburg.district");
    expect(one.json().itemType).toBe("feature");
    const [minX, minY, maxX, maxY] = one.json().extent.spatial.bbox[0]!;
    expect(minX).toBeGreaterThan(9.3);
    expect(maxX).toBeLessThan(9.6);
    expect(minY).toBeGreaterThan(54.7);
    expect(maxY).toBeLessThan(54.9);
    expect(one.json().extent.temporal.interval[0]).toEqual(["2011-01-01", "2021-12-31"]);
  });

  it("pages through the items with next and prev links", async () => {
    const first = await get<Items>("/ogc/collections/flensburg.district/items?limit=5");
    expect(first.status).toBe(200);
    expect(first.type).toMatch(/application\/geo\+json/);
    const page1 = first.json();
    expect(page1).toMatchObject({
      type: "FeatureCollection",
      numberMatched: 13,
      numberReturned: 5,
    });
    const seen = page1.features.map((f) => f.id);
    let next = page1.links.find((l) => l.rel === "next");
    let pages = 1;
    while (next) {
      const page = (await get<Items>(next.href)).json();
      expect(page.links.some((l) => l.rel === "prev")).toBe(true);
      seen.push(...page.features.map((f) => f.id));
      next = page.links.find((l) => l.rel === "next");
      pages++;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(13);
  });

  it("filters by bbox and chooses the period by datetime", async () => {
    const all = (await get<Items>("/ogc/collections/flensburg.district/items?limit=100")).json();
    expect(all.period).toBe("2021");
    // A small box in the north-west of the city holds some districts, not all.
    const some = (
      await get<Items>(
        "/ogc/collections/flensburg.district/items?limit=100&bbox=9.40,54.79,9.43,54.80",
      )
    ).json();
    expect(some.numberMatched).toBeGreaterThan(0);
    expect(some.numberMatched).toBeLessThan(13);
    const none = (
      await get<Items>("/ogc/collections/flensburg.district/items?bbox=0,0,1,1")
    ).json();
    expect(none.numberMatched).toBe(0);
    const y2019 = (
      await get<Items>("/ogc/collections/flensburg.district/items?datetime=2019-06-30")
    ).json();
    expect(y2019.period).toBe("2019");
    const open = (
      await get<Items>("/ogc/collections/flensburg.district/items?datetime=../2018-12-31")
    ).json();
    expect(open.period).toBe("2018");
  });

  it("serves one feature, and HTML for people", async () => {
    const f = await get<{ id: string; properties: { name: string } }>(
      "/ogc/collections/flensburg.district/items/STGT02",
    );
    expect(f.status).toBe(200);
    expect(f.json().properties.name).toBe("Neustadt");
    const html = await get("/ogc/collections/flensburg.district/items?f=html");
    expect(html.type).toMatch(/text\/html/);
    expect(html.text).toMatch(/<html lang="de">/);
    expect(html.text).toMatch(/<th scope="col"/);
    const negotiated = await get("/ogc", "text/html");
    expect(negotiated.type).toMatch(/text\/html/);
  });

  it.each([
    ["/ogc/collections/flensburg.district/items?limit=0", 400],
    ["/ogc/collections/flensburg.district/items?limit=10001", 400],
    ["/ogc/collections/flensburg.district/items?bbox=1,2,3", 400],
    ["/ogc/collections/flensburg.district/items?bbox=a,b,c,d", 400],
    ["/ogc/collections/flensburg.district/items?datetime=gestern", 400],
    ["/ogc/collections/flensburg.district/items?farbe=blau", 400],
    ["/ogc/collections/nirgendwo/items", 404],
    ["/ogc/collections/flensburg.district/items/NICHTDA", 404],
  ])("answers %s with %i and the error envelope", async (url, status) => {
    const res = await get<{ error: { code: string; message: string } }>(url);
    expect(res.status).toBe(status);
    expect(res.json().error.message.length).toBeGreaterThan(5);
  });

  it.skipIf(!hasGdal && !process.env["CI"])(
    "is read completely by GDAL's ogrinfo, collection by collection and feature by feature",
    async () => {
      expect(hasGdal, "GDAL (ogrinfo) must be installed in CI").toBe(true);
      const collections = (await get<{ collections: { id: string }[] }>("/ogc/collections")).json()
        .collections;
      // Asynchronously: the server runs in this process and must keep answering.
      const run = await execFileAsync("ogrinfo", ["-ro", "-al", "-q", `OAPIF:${base}/ogc`], {
        encoding: "utf8",
        timeout: 120_000,
        maxBuffer: 64 * 1024 * 1024,
      });
      for (const c of collections) {
        const expected = (await get<Items>(`/ogc/collections/${c.id}/items?limit=1`)).json()
          .numberMatched;
        const read = run.stdout.split(`OGRFeature(${c.id}):`).length - 1;
        expect(read, c.id).toBe(expected);
      }
      expect(run.stdout).toMatch(/name \(String\) = Neustadt/);
      expect(run.stdout).toMatch(/sgb2_rate \(Real\) = \d+\.\d/);
    },
  );
});
