import { describe, expect, it } from "vitest";
import { convertWithOgr, parseLayerList } from "./ogr2ogr.ts";

const gpkgHeader = Buffer.concat([Buffer.from("SQLite format 3\0", "latin1"), Buffer.alloc(84)]);
const opts = { format: "geopackage", fileName: "g.gpkg", crsGiven: false } as const;

describe("convertWithOgr", () => {
  it("says in German that GDAL is missing", async () => {
    const r = await convertWithOgr(gpkgHeader, opts, { binDir: "/kein/gdal/hier" });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error[0]!.message).toMatch(/^GDAL \(ogrinfo\) ist nicht installiert/);
  });

  it("says that GDAL took too long", async () => {
    const r = await convertWithOgr(gpkgHeader, opts, {
      timeoutMs: 5000,
      run: () => Promise.reject(Object.assign(new Error("timeout"), { killed: true })),
    });
    expect(!r.ok && r.error[0]!.message).toBe(
      "GDAL (ogrinfo) hat „g.gpkg“ nicht binnen 5 s gelesen und wurde abgebrochen.",
    );
  });

  it("passes arguments as a list, never through a shell", async () => {
    const calls: [string, readonly string[]][] = [];
    const r = await convertWithOgr(
      gpkgHeader,
      { ...opts, fileName: "a; rm -rf x.gpkg" },
      {
        run: (file, args) => {
          calls.push([file, args]);
          return Promise.resolve({ stdout: "1: bezirke (Polygon)\n", stderr: "" });
        },
      },
    );
    // The fake ogr2ogr writes no output file: said so, after both programs were called.
    expect(!r.ok && r.error[0]!.message).toBe(
      "GDAL (ogr2ogr) hat aus „a; rm -rf x.gpkg“ nichts gelesen.",
    );
    expect(calls.map(([file]) => file)).toEqual(["ogrinfo", "ogr2ogr"]);
    expect(calls[1]![1].slice(0, 2)).toEqual(["-f", "GeoJSON"]);
    expect(calls[1]![1].at(-1)).toBe("bezirke");
  }, 10_000);

  it("refuses what is not a GeoPackage or not a zip", async () => {
    const gpkg = await convertWithOgr(Buffer.from("{}"), opts);
    expect(!gpkg.ok && gpkg.error[0]!.message).toBe("„g.gpkg“ ist keine GeoPackage-Datei.");
    const shp = await convertWithOgr(Buffer.from("{}"), {
      ...opts,
      format: "shapefile",
      fileName: "s.zip",
    });
    expect(!shp.ok && shp.error[0]!.message).toMatch(/^„s.zip“ ist kein ZIP-Archiv/);
  });
});

describe("parseLayerList", () => {
  it("reads the layer names of `ogrinfo -q`", () => {
    expect(
      parseLayerList("1: bezirke (Multi Polygon)\n2: gewaesser (Polygon)\n3: ohne typ\n"),
    ).toEqual(["bezirke", "gewaesser", "ohne typ"]);
  });
});
