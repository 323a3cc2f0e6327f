/**
 * Area boundaries as cities keep them: a zipped shapefile in Gauß-Krüger and a GeoPackage in
 * UTM, both made by GDAL's ogr2ogr itself from a small GeoJSON at test time, imported through
 * the API; and bad boundary files refused with the file or the areas named, nothing written.
 * Skipped without GDAL locally; in CI (CI=true) a missing ogr2ogr fails the tests.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.ts";
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import { applyCatalogue, parseCatalogue } from "../../src/services/data/apply-catalogue.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { multipartBody } from "../support/multipart.ts";
import { injectAs, signIn } from "../support/sign-in.ts";
import { snapshotData } from "../support/snapshot.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";
import { canRun } from "../support/tools.ts";

type Issue = { severity: string; code: string; message: string };
type Report = { status: string; summary: Record<string, unknown>; issues: Issue[] };

let t: TestDatabase;
let ctx: ServiceContext;
let app: FastifyInstance;
let inject: ReturnType<typeof injectAs>;
let dir: string;

/** An axis-parallel rectangle as a GeoJSON feature. */
const rect = (code: string, x0: number, y0: number, x1: number, y1: number, parent = "") => ({
  type: "Feature",
  properties: { schluessel: code, name: `Gebiet ${code}`, ober: parent },
  geometry: {
    type: "Polygon",
    coordinates: [
      [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
        [x0, y0],
      ],
    ],
  },
});
const collection = (epsg: number | null, features: object[]) =>
  JSON.stringify({
    type: "FeatureCollection",
    ...(epsg !== null
      ? { crs: { type: "name", properties: { name: `urn:ogc:def:crs:EPSG::${epsg}` } } }
      : {}),
    features,
  });

// Gauß-Krüger zone 3 (EPSG:31467), near Hamburg: a city of 4 km × 4 km, districts of 2 km.
const X = 3_568_000;
const Y = 5_932_000;
const KM = 1000;

/** Runs ogr2ogr on a GeoJSON text and returns the files it wrote in a fresh folder. */
function ogr(name: string, geojson: string, args: string[]): string {
  const work = mkdtempSync(join(dir, `${name}-`));
  writeFileSync(join(work, "quelle.geojson"), geojson);
  execFileSync("ogr2ogr", [...args, join(work, "quelle.geojson")], { cwd: work });
  return work;
}

/** A shapefile made by ogr2ogr, zipped; `without` leaves out files by extension. */
async function shapefileZip(geojson: string, without: string[] = []): Promise<Buffer> {
  const work = ogr("shp", geojson, ["-f", "ESRI Shapefile", "stadtteile.shp"]);
  const zip = new JSZip();
  for (const f of readdirSync(work)) {
    const ext = f.slice(f.lastIndexOf(".") + 1);
    if (f.startsWith("stadtteile.") && !without.includes(ext)) {
      zip.file(`daten/${f}`, readFileSync(join(work, f)));
    }
  }
  return zip.generateAsync({ type: "nodebuffer" });
}

async function upload(file: Buffer | string, fileName: string, mapping: object, dryRun = false) {
  const { body, contentType } = multipartBody([
    { name: "mapping", value: JSON.stringify(mapping) },
    { name: "dryRun", value: String(dryRun) },
    { name: "file", filename: fileName, content: Buffer.from(file) },
  ]);
  const res = await inject({
    method: "POST",
    url: "/api/imports",
    headers: { "content-type": contentType },
    payload: body,
  });
  if (res.statusCode !== 422) return { status: res.statusCode, body: res.json<Report>() };
  // A refused import answers with the error envelope; its details carry the issues.
  const error = res.json<{ error: { details: { issues: Issue[] } } }>().error;
  return {
    status: res.statusCode,
    body: { status: "rejected", summary: {}, issues: error.details.issues } satisfies Report,
  };
}

const mapping = (system: string, level: string, more: object = {}) => ({
  kind: "areas",
  format: "geojson",
  system,
  level,
  code: "schluessel",
  name: "name",
  parent: "ober",
  validFrom: "2020-01-01",
  ...more,
});

async function areaCodes(): Promise<string[]> {
  const res = await inject({ url: "/api/areas" });
  return res.json<{ code: string }[]>().map((a) => a.code);
}

const gdal = canRun("ogr2ogr", "ogrinfo");

describe.skipIf(!gdal)("area boundaries from shapefiles and GeoPackages", () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "sopla-boundaries-"));
    t = await openTestDatabase();
    ctx = createServiceContext(t.db);
    const system = (code: string, city: string) => ({
      code,
      name: `Gliederung ${code}`,
      levels: [
        { code: "city", name: "Stadt" },
        { code: "district", name: "Stadtteil" },
      ],
      areas: [{ code: city, name: `Stadt ${city}`, level: "city" }],
    });
    await applyCatalogue(
      ctx,
      parseCatalogue({
        workspace: { slug: "grenzstadt", name: "Grenzstadt" },
        areaSystems: [system("gk", "G"), system("utm", "U")],
        variables: [],
      }),
      SYSTEM_ACTOR,
    );
    app = await buildApp({ ctx, version: "test" });
    inject = injectAs(app, await signIn(ctx, "planner", "grenzstadt"));
    // The city's own boundary, so that its districts are checked against it.
    const city = await upload(
      collection(31467, [rect("G", X, Y, X + 4 * KM, Y + 4 * KM)]),
      "stadt.geojson",
      mapping("gk", "city", { parent: undefined }),
    );
    expect(city.status, JSON.stringify(city.body)).toBe(201);
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("imports a zipped shapefile in Gauß-Krüger zone 3 and reports that system", async () => {
    const zip = await shapefileZip(
      collection(31467, [
        rect("G1", X, Y, X + 2 * KM, Y + 2 * KM, "G"),
        rect("G2", X + 2 * KM, Y, X + 4 * KM, Y + 2 * KM, "G"),
      ]),
    );
    const r = await upload(
      zip,
      "stadtteile.zip",
      mapping("gk", "district", { format: "shapefile" }),
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.summary).toMatchObject({ created: 2, crs: "EPSG:31467" });
    expect(r.body.issues.filter((i) => i.severity !== "info")).toEqual([]);
    // Shapefile rings run clockwise: turned round, said in a note.
    expect(r.body.issues.map((i) => i.code)).toContain("ring_orientation");
    const detail = (await inject({ url: "/api/areas/G1" })).json<{
      parentCode: string | null;
      boundaries: { geometry: { coordinates: number[][][] } }[];
    }>();
    const [lon, lat] = detail.boundaries[0]!.geometry.coordinates[0]![0]!;
    // 3568000/5932000 in EPSG:31467 is 10.0240° E, 53.5151° N (GDAL gives the same to 1 m).
    expect(lon).toBeCloseTo(10.024, 3);
    expect(lat).toBeCloseTo(53.515, 3);
  });

  it("imports a GeoPackage in UTM zone 32, the layer chosen by name", async () => {
    const work = ogr(
      "gpkg",
      collection(25832, [
        rect("U1", 560_000, 5_930_000, 562_000, 5_932_000, "U"),
        rect("U2", 562_000, 5_930_000, 564_000, 5_932_000, "U"),
      ]),
      ["-f", "GPKG", "-nln", "stadtteile", "gebiete.gpkg"],
    );
    const gpkg = join(work, "gebiete.gpkg");
    execFileSync("ogr2ogr", ["-update", "-nln", "gewaesser", gpkg, join(work, "quelle.geojson")]);
    const bytes = readFileSync(gpkg);
    const wrongLayer = await upload(
      bytes,
      "gebiete.gpkg",
      mapping("utm", "district", { format: "geopackage", layer: "bezirke" }),
    );
    expect(wrongLayer.status).toBe(422);
    expect(wrongLayer.body.issues[0]!.message).toContain("„stadtteile“, „gewaesser“");
    const r = await upload(
      bytes,
      "gebiete.gpkg",
      mapping("utm", "district", { format: "geopackage", layer: "stadtteile" }),
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.summary).toMatchObject({ created: 2, crs: "EPSG:25832" });
    expect(await areaCodes()).toEqual(expect.arrayContaining(["U1", "U2"]));
  });

  it("refuses a shapefile without .prj, naming it, unless the mapping names the system", async () => {
    const features = collection(31467, [rect("G3", X, Y + 2 * KM, X + 2 * KM, Y + 4 * KM, "G")]);
    const zip = await shapefileZip(features, ["prj"]);
    const before = await snapshotData(t.db);
    const r = await upload(zip, "ohne-prj.zip", mapping("gk", "district", { format: "shapefile" }));
    expect(r.status).toBe(422);
    expect(r.body.status).toBe("rejected");
    expect(r.body.issues.map((i) => i.message)).toEqual([
      "Das Shapefile „daten/stadtteile.shp“ in „ohne-prj.zip“ hat keine .prj-Datei: das Koordinatensystem ist unbekannt; Koordinatensystem in der Zuordnung angeben (crs), z. B. „EPSG:25832“.",
    ]);
    expect(await areaCodes()).not.toContain("G3");
    expect(await snapshotData(t.db)).toEqual(before);
    const named = await upload(
      zip,
      "ohne-prj.zip",
      mapping("gk", "district", { format: "shapefile", crs: "EPSG:31467" }),
      true,
    );
    expect(named.body.status, JSON.stringify(named.body)).toBe("checked");
    expect(named.body.summary).toMatchObject({ created: 1, crs: "EPSG:31467" });
  });

  it("refuses a zip without a shapefile, naming what it holds", async () => {
    const zip = new JSZip();
    zip.file("liesmich.txt", "Grenzen folgen.");
    const r = await upload(
      await zip.generateAsync({ type: "nodebuffer" }),
      "leer.zip",
      mapping("gk", "district", { format: "shapefile" }),
    );
    expect(r.status).toBe(422);
    expect(r.body.issues[0]!.message).toBe(
      "Das ZIP-Archiv „leer.zip“ enthält keine .shp-Datei (enthalten: „liesmich.txt“).",
    );
  });

  it("refuses two overlapping areas, naming both, and writes nothing", async () => {
    const before = await snapshotData(t.db);
    const r = await upload(
      collection(25832, [
        rect("U3", 560_000, 5_932_000, 562_000, 5_934_000, "U"),
        rect("U4", 561_500, 5_932_000, 564_000, 5_934_000, "U"),
      ]),
      "ueberlapp.geojson",
      mapping("utm", "district", { validFrom: "2021-01-01" }),
    );
    expect(r.status).toBe(422);
    const errors = r.body.issues.filter((i) => i.severity === "error");
    expect(errors.map((i) => i.code)).toEqual(["area_overlap"]);
    expect(errors[0]!.message).toMatch(
      /^Die Gebiete „U3“ und „U4“ überlappen sich auf [\d,]+ ha\./,
    );
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it("refuses a district outside its city, naming both, and writes nothing", async () => {
    const before = await snapshotData(t.db);
    const r = await upload(
      collection(31467, [
        rect("G3", X, Y + 2 * KM, X + 2 * KM, Y + 4 * KM, "G"),
        rect("G4", X + 3 * KM, Y + 2 * KM, X + 5 * KM, Y + 4 * KM, "G"),
      ]),
      "ausserhalb.geojson",
      mapping("gk", "district", { validFrom: "2021-01-01" }),
    );
    expect(r.status).toBe(422);
    const errors = r.body.issues.filter((i) => i.severity === "error");
    expect(errors.map((i) => i.code)).toEqual(["outside_parent"]);
    expect(errors[0]!.message).toMatch(
      /^Das Gebiet „G4“ liegt mit [\d,]+ ha \(50 % seiner Fläche\) außerhalb seines Obergebiets „G“/,
    );
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it("refuses a gap between districts, naming the districts around it", async () => {
    const r = await upload(
      collection(31467, [
        rect("G3", X, Y + 2 * KM, X + 2 * KM, Y + 4 * KM, "G"),
        rect("G4", X + 2 * KM, Y + 3 * KM, X + 4 * KM, Y + 4 * KM, "G"),
        rect("G5", X + 3 * KM, Y + 2 * KM, X + 4 * KM, Y + 3 * KM, "G"),
      ]),
      "luecke.geojson",
      mapping("gk", "district", { validFrom: "2021-01-01" }),
      true,
    );
    const errors = r.body.issues.filter((i) => i.severity === "error");
    expect(errors.map((i) => i.code)).toEqual(["area_gap"]);
    expect(errors[0]!.message).toMatch(
      /^Lücke von [\d,]+ ha zwischen „G1“, „G2“, „G3“, „G4“, „G5“/,
    );
  });

  it("accepts a sliver overlap with a note", async () => {
    const r = await upload(
      collection(31467, [
        rect("G3", X, Y + 2 * KM, X + 2 * KM, Y + 4 * KM, "G"),
        rect("G4", X + 2 * KM - 0.02, Y + 2 * KM, X + 4 * KM, Y + 4 * KM, "G"),
      ]),
      "splitter.geojson",
      mapping("gk", "district", { validFrom: "2021-01-01" }),
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const notes = r.body.issues.filter((i) => i.code === "area_overlap");
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ severity: "info" });
    expect(notes[0]!.message).toMatch(/^Kleine Überlappung\(en\), zusammen 40 m²/);
    expect(await areaCodes()).toEqual(expect.arrayContaining(["G3", "G4"]));
  });
});
