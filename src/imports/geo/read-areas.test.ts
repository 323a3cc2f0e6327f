import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import type { MultiPolygon, Polygon, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { readAreaFeatures, type AreaFeature, type ReadAreaOptions } from "./read-areas.ts";
import { crsFromMember } from "./source-features.ts";
import { signedArea2, type Point } from "./ring.ts";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const fixture = (name: string) => readFileSync(`${repo}demo/flensburg/data/${name}`);
const berlinPath = `${repo}test/fixtures/berlin-lor-2021/lor_prognoseraeume_2021.geojson.gz`;

const flensburg: ReadAreaOptions = {
  format: "geojson",
  code: "AREA_ID",
  name: "AREA_NAME",
  parent: "PARENT_ARE",
};

/** Reads and fails the test on errors. */
function read(input: Uint8Array | string, opts: ReadAreaOptions) {
  const r = readAreaFeatures(input, opts);
  if (!r.ok) throw new Error(r.error.map((i) => i.message).join("\n"));
  return r.value;
}

/** Reads and returns the issues of a failed read. */
function failure(input: Uint8Array | string, opts: ReadAreaOptions) {
  const r = readAreaFeatures(input, opts);
  if (r.ok) throw new Error("expected the read to fail");
  return r.error;
}

/** All rings of an area, each with whether it is an exterior ring. */
function rings(g: Polygon | MultiPolygon): { ring: Position[]; exterior: boolean }[] {
  const polygons = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  return polygons.flatMap((p) => p.map((ring, k) => ({ ring, exterior: k === 0 })));
}

/** The bounding box [minX, minY, maxX, maxY] of areas. */
function bbox(areas: readonly AreaFeature[]): number[] {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  for (const a of areas) {
    for (const { ring } of rings(a.geometry)) {
      for (const [x = 0, y = 0] of ring) {
        b[0] = Math.min(b[0]!, x);
        b[1] = Math.min(b[1]!, y);
        b[2] = Math.max(b[2]!, x);
        b[3] = Math.max(b[3]!, y);
      }
    }
  }
  return b;
}

/** Checks RFC 7946 winding and closed rings of every area. */
function expectRfc7946(areas: readonly AreaFeature[]): void {
  for (const a of areas) {
    for (const { ring, exterior } of rings(a.geometry)) {
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      const area = signedArea2(ring.map(([x = 0, y = 0]): Point => [x, y]));
      expect(exterior ? area > 0 : area < 0, `${a.code} winding`).toBe(true);
    }
  }
}

/** A feature collection of polygons for synthetic cases. */
function collection(
  features: { props: Record<string, unknown>; geometry: unknown }[],
  crs?: string,
): string {
  return JSON.stringify({
    type: "FeatureCollection",
    ...(crs ? { crs: { type: "name", properties: { name: crs } } } : {}),
    features: features.map((f) => ({ type: "Feature", properties: f.props, geometry: f.geometry })),
  });
}

const poly = (...ring: unknown[][]) => ({ type: "Polygon", coordinates: [ring] });
const clockwiseSquare = poly([9, 54], [9, 55], [10, 55], [10, 54], [9, 54]);
const opts = { format: "geojson", code: "id", name: "name" } as const;

describe("readAreaFeatures – Flensburg (real files)", () => {
  const geo = read(fixture("flensburg_stadtteile.geojson"), flensburg);
  const topo = read(fixture("flensburg_stadtteile.topojson"), { ...flensburg, format: "topojson" });

  it("reads the 13 Stadtteile from GeoJSON and TopoJSON alike", () => {
    const codes = (areas: readonly AreaFeature[]) => areas.map((a) => a.code).sort();
    expect(codes(geo.areas)).toEqual(
      Array.from({ length: 13 }, (_, i) => `STGT${String(i + 1).padStart(2, "0")}`),
    );
    expect(codes(topo.areas)).toEqual(codes(geo.areas));
    expect(geo.crs).toBe("EPSG:4326");
    expect(topo.crs).toBe("EPSG:4326");
    // The file's exterior rings run clockwise: turned round, with one note naming the areas.
    expect(geo.issues.map((i) => [i.severity, i.code])).toEqual([["info", "ring_orientation"]]);
    expect(geo.issues[0]!.message).toContain("„STGT01“");
    expect(geo.areas.find((a) => a.code === "STGT03")).toMatchObject({
      name: "03 Nordstadt",
      parentCode: "STGM01001000",
    });
  });

  it("gives closely matching bounding boxes per Stadtteil for both formats", () => {
    for (const a of geo.areas) {
      const t = topo.areas.find((x) => x.code === a.code)!;
      const [g, tb] = [bbox([a]), bbox([t])];
      g.forEach((v, i) => expect(Math.abs(v - tb[i]!), `${a.code} bbox[${i}]`).toBeLessThan(1e-4));
    }
    expect(bbox(geo.areas).map((v) => Math.round(v * 100) / 100)).toEqual([
      9.36, 54.75, 9.51, 54.82,
    ]);
  });

  it("writes RFC 7946 rings", () => {
    expectRfc7946(geo.areas);
    expectRfc7946(topo.areas);
  });

  it("reads the 41 statistical districts with their Stadtteil as parent", () => {
    const bezirke = read(fixture("flensburg_stadtbezirke.geojson"), flensburg);
    expect(bezirke.areas).toHaveLength(41);
    expect(new Set(bezirke.areas.map((a) => a.parentCode))).toEqual(
      new Set(geo.areas.map((a) => a.code)),
    );
    expectRfc7946(bezirke.areas);
  });

  it("strips the leading number from names on request", () => {
    const r = read(fixture("flensburg_stadtteile.geojson"), {
      ...flensburg,
      nameTransform: "stripLeadingNumber",
    });
    expect(r.areas.find((a) => a.code === "STGT04")?.name).toBe("Westliche Höhe");
  });

  it("reads text as well as bytes", () => {
    expect(
      read(fixture("flensburg_stadtteile.geojson").toString("utf8"), flensburg).areas,
    ).toHaveLength(13);
  });
});

describe("readAreaFeatures – Berlin LOR 2021 in EPSG:25833", () => {
  it("detects the CRS from the file and reprojects into Berlin", () => {
    const r = read(gunzipSync(readFileSync(berlinPath)), {
      format: "geojson",
      code: "PGR_ID",
      name: "PGR_NAME",
      parent: "BEZ",
    });
    expect(r.crs).toBe("EPSG:25833");
    expect(r.areas).toHaveLength(58);
    const [minX, minY, maxX, maxY] = bbox(r.areas);
    expect(minX).toBeGreaterThanOrEqual(13.08);
    expect(maxX).toBeLessThanOrEqual(13.77);
    expect(minY).toBeGreaterThanOrEqual(52.33);
    expect(maxY).toBeLessThanOrEqual(52.68);
    expect(maxX! - minX!).toBeGreaterThan(0.6);
    expectRfc7946(r.areas);
  });
});

describe("crsFromMember", () => {
  it.each<[unknown, unknown]>([
    [{ type: "name", properties: { name: "urn:ogc:def:crs:OGC:1.3:CRS84" } }, "EPSG:4326"],
    [{ type: "name", properties: { name: "urn:ogc:def:crs:EPSG::25833" } }, "EPSG:25833"],
    [{ type: "name", properties: { name: "EPSG:25832" } }, "EPSG:25832"],
    [
      { type: "name", properties: { name: "http://www.opengis.net/def/crs/EPSG/0/25833" } },
      "EPSG:25833",
    ],
    [{ type: "name", properties: { name: "urn:ogc:def:crs:EPSG::4326" } }, "EPSG:4326"],
    [{ type: "name", properties: { name: "EPSG:4258" } }, "EPSG:4326"],
    [{ type: "name", properties: { name: "urn:ogc:def:crs:EPSG::31467" } }, "EPSG:31467"],
    [{ type: "name", properties: { name: "EPSG:4647" } }, "EPSG:4647"],
    [{ type: "name", properties: { name: "EPSG:3035" } }, { unsupported: "EPSG:3035" }],
    [undefined, null],
    [{ type: "name" }, null],
  ])("%j → %j", (member, expected) => {
    expect(crsFromMember(member)).toEqual(expected);
  });
});

describe("readAreaFeatures – CRS", () => {
  const utm = poly(
    [500000, 6000000],
    [501000, 6000000],
    [501000, 6001000],
    [500000, 6001000],
    [500000, 6000000],
  );

  it("detects WGS84 from the coordinates", () => {
    expect(
      read(collection([{ props: { id: "A", name: "a" }, geometry: clockwiseSquare }]), opts).crs,
    ).toBe("EPSG:4326");
  });

  it("asks for EPSG:25832 or EPSG:25833 when projected coordinates come without declaration", () => {
    const [i] = failure(collection([{ props: { id: "A", name: "a" }, geometry: utm }]), opts);
    expect(i?.code).toBe("crs_not_detected");
    expect(i?.message).toContain("EPSG:25832");
    expect(i?.message).toContain("EPSG:25833");
  });

  it("uses the declared CRS when the file has none", () => {
    const r = read(collection([{ props: { id: "A", name: "a" }, geometry: utm }]), {
      ...opts,
      crs: "EPSG:25832",
    });
    expect(r.crs).toBe("EPSG:25832");
    const [minX = 0, minY = 0] = bbox(r.areas);
    // Easting 500,000 is the central meridian of zone 32 (9° E).
    expect(minX).toBeCloseTo(9, 5);
    expect(minY).toBeCloseTo(54.14, 1);
  });

  it("prefers the file's crs member over the declaration, with a warning", () => {
    const r = read(
      collection([{ props: { id: "A", name: "a" }, geometry: utm }], "urn:ogc:def:crs:EPSG::25833"),
      { ...opts, crs: "EPSG:25832" },
    );
    expect(r.crs).toBe("EPSG:25833");
    expect(r.issues.map((i) => i.severity)).toEqual(["warning"]);
    expect(bbox(r.areas)[0]).toBeCloseTo(15, 5);
  });

  it.each<[string, string | undefined, ReadAreaOptions["crs"], string]>([
    ["an unsupported crs member", "EPSG:3035", "auto", "unsupported_crs"],
    ["lon/lat declared as UTM", undefined, "EPSG:25833", "crs_not_detected"],
  ])("rejects %s", (_name, crs, declared, code) => {
    const issues = failure(
      collection([{ props: { id: "A", name: "a" }, geometry: clockwiseSquare }], crs),
      {
        ...opts,
        ...(declared ? { crs: declared } : {}),
      },
    );
    expect(issues.map((i) => i.code)).toEqual([code]);
  });

  it("names the single feature stored in metres among lon/lat features", () => {
    const issues = failure(
      collection([
        { props: { id: "A", name: "a" }, geometry: clockwiseSquare },
        { props: { id: "B", name: "b" }, geometry: utm },
      ]),
      opts,
    );
    expect(issues.map((i) => [i.code, i.row])).toEqual([["invalid_geometry", 2]]);
    expect(issues[0]?.message).toContain("Objekt 2 („B“)");
  });
});

describe("readAreaFeatures – rings", () => {
  it("turns a clockwise exterior counter-clockwise and a counter-clockwise hole clockwise", () => {
    const withHole = {
      type: "Polygon",
      coordinates: [
        [
          [0, 0],
          [0, 10],
          [10, 10],
          [10, 0],
          [0, 0],
        ],
        [
          [2, 2],
          [4, 2],
          [4, 4],
          [2, 4],
          [2, 2],
        ],
      ],
    };
    const r = read(collection([{ props: { id: "A", name: "a" }, geometry: withHole }]), opts);
    expect(r.areas[0]?.geometry.type).toBe("Polygon");
    expectRfc7946(r.areas);
  });

  it("closes open rings with a warning and drops repeated points", () => {
    const open = poly([0, 0], [1, 0], [1, 0], [1, 1], [0, 1]);
    const r = read(collection([{ props: { id: "A", name: "a" }, geometry: open }]), opts);
    expect(r.issues.map((i) => [i.severity, i.code, i.row])).toEqual([
      ["warning", "invalid_ring", 1],
    ]);
    expect((r.areas[0]?.geometry as Polygon).coordinates[0]).toEqual([
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ]);
  });

  it("keeps a MultiPolygon", () => {
    const multi = {
      type: "MultiPolygon",
      coordinates: [
        [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 0],
          ],
        ],
        [
          [
            [5, 5],
            [6, 5],
            [6, 6],
            [5, 5],
          ],
        ],
      ],
    };
    const r = read(collection([{ props: { id: "A", name: "a" }, geometry: multi }]), opts);
    expect(r.areas[0]?.geometry.type).toBe("MultiPolygon");
    expectRfc7946(r.areas);
  });

  it.each<[string, unknown, string, string]>([
    ["too few positions", poly([0, 0], [1, 0], [0, 0]), "invalid_ring", "mindestens 4"],
    [
      "a non-finite coordinate",
      poly([0, 0], [1, 0], [1, "x"], [0, 0]),
      "invalid_ring",
      "Position 3",
    ],
    [
      "a self-intersecting exterior",
      poly([0, 0], [2, 2], [2, 0], [0, 2], [0, 0]),
      "invalid_ring",
      "schneidet sich selbst",
    ],
    ["no area", poly([0, 0], [1, 0], [2, 0], [0, 0]), "invalid_ring", "keine Fläche"],
    ["no geometry", null, "invalid_geometry", "keine Geometrie"],
    ["a point", { type: "Point", coordinates: [1, 2] }, "invalid_geometry", "Point"],
  ])("rejects %s, naming the feature and its code", (_name, geometry, code, text) => {
    const issues = failure(
      collection([
        { props: { id: "OK", name: "ok" }, geometry: clockwiseSquare },
        { props: { id: "STGT14", name: "x" }, geometry },
      ]),
      opts,
    );
    expect(issues.map((i) => [i.code, i.row])).toEqual([[code, 2]]);
    expect(issues[0]?.message).toContain("Objekt 2 („STGT14“)");
    expect(issues[0]?.message).toContain(text);
  });
});

describe("readAreaFeatures – properties and files", () => {
  it("reports missing properties per feature, and once when no feature has them", () => {
    const partly = failure(
      collection([
        { props: { id: "A", name: "a" }, geometry: clockwiseSquare },
        { props: { id: "B", name: "" }, geometry: clockwiseSquare },
      ]),
      opts,
    );
    expect(partly.map((i) => [i.code, i.row, i.column])).toEqual([["missing_property", 2, "name"]]);
    const wrongName = failure(
      collection([
        { props: { id: "A", label: "a" }, geometry: clockwiseSquare },
        { props: { id: "B", label: "b" }, geometry: clockwiseSquare },
      ]),
      opts,
    );
    expect(wrongName.map((i) => i.message)).toEqual([
      "Eigenschaft „name“ fehlt in allen 2 Objekten. Vorhanden: id, label.",
    ]);
  });

  it("reports duplicate codes naming both features", () => {
    const issues = failure(
      collection([
        { props: { id: 7, name: "a" }, geometry: clockwiseSquare },
        { props: { id: "7", name: "b" }, geometry: clockwiseSquare },
      ]),
      opts,
    );
    expect(issues.map((i) => i.message)).toEqual([
      "Gebietsschlüssel „7“ kommt doppelt vor (Objekte 1 und 2).",
    ]);
  });

  it.each<[string, string, ReadAreaOptions, string]>([
    ["broken JSON", "{ nope", opts, "invalid_json"],
    ["an empty collection", collection([]), opts, "empty_file"],
    [
      "TopoJSON read as GeoJSON",
      '{"type":"Topology","objects":{},"arcs":[]}',
      opts,
      "invalid_geometry",
    ],
    [
      "GeoJSON read as TopoJSON",
      collection([]),
      { ...opts, format: "topojson" },
      "invalid_geometry",
    ],
  ])("rejects %s", (_name, text, o, code) => {
    expect(failure(text, o).map((i) => i.code)).toEqual([code]);
  });

  it("names the TopoJSON objects when the requested one is missing", () => {
    const issues = failure(fixture("flensburg_stadtteile.topojson"), {
      ...flensburg,
      format: "topojson",
      object: "stadtbezirke",
    });
    expect(issues.map((i) => i.message)).toEqual([
      "Das TopoJSON-Objekt „stadtbezirke“ gibt es nicht. Vorhanden: „flensburg_stadtteile“.",
    ]);
  });

  it("rejects binary input", () => {
    expect(failure(Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0]), opts).map((i) => i.code)).toEqual([
      "binary_file",
    ]);
  });
});

describe("readAreaFeatures – German coordinate systems", () => {
  // Reference: GDAL 3.6 `gdaltransform -s_srs EPSG:31467 -t_srs EPSG:4326` gives 10.02405° E,
  // 53.51514° N for 3568000/5932000 (Hamburg); the EPSG:4647 point is the same easting with the
  // zone number 32 before it (10.02594° E, 53.53251° N).
  const square = (x: number, y: number) =>
    poly([x, y], [x + 100, y], [x + 100, y + 100], [x, y + 100], [x, y]);
  it.each<[string, number, number, number, number]>([
    ["EPSG:31467", 3568000, 5932000, 10.02405, 53.51514],
    ["EPSG:4647", 32568000, 5932000, 10.02594, 53.53251],
  ])("reprojects %s from the file's crs member", (crs, x, y, lon, lat) => {
    const r = read(
      collection([{ props: { id: "A", name: "a" }, geometry: square(x, y) }], crs),
      opts,
    );
    expect(r.crs).toBe(crs);
    const [first] = (r.areas[0]!.geometry as Polygon).coordinates[0]!;
    expect(first![0]).toBeCloseTo(lon, 4);
    expect(first![1]).toBeCloseTo(lat, 4);
  });

  it("names Gauß-Krüger when the easting points to it and no system is given", () => {
    const issues = failure(
      collection([{ props: { id: "A", name: "a" }, geometry: square(3568000, 5932000) }]),
      opts,
    );
    expect(issues[0]!.message).toContain("Gauß-Krüger Zone 3: „EPSG:31467“");
    expect(issues[0]!.message).toContain("EPSG:31469 (DHDN/Gauß-Krüger Zone 5)");
  });
});
