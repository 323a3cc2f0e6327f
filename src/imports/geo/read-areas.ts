import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from "geojson";
import proj4 from "proj4";
import { feature as topoFeature } from "topojson-client";
import { err, ok, type Result } from "../../core/result.ts";
import { issue, type ImportIssue } from "../issue.ts";
import { decodeText } from "../text/decode.ts";
import { findSelfIntersection, signedArea2, type Point } from "./ring.ts";

/** The coordinate systems an area file may use; `auto` reads it from the file or the coordinates. */
export type AreaCrs = "auto" | "EPSG:4326" | "EPSG:25832" | "EPSG:25833";

export interface ReadAreaOptions {
  readonly format: "geojson" | "topojson";
  /** TopoJSON: the object to read; default the only (or first) one. */
  readonly object?: string;
  /** Used when the file does not name its coordinate system; default `auto`. */
  readonly crs?: AreaCrs;
  /** The feature property that holds the area code. */
  readonly code: string;
  /** The feature property that holds the area name. */
  readonly name: string;
  /** The feature property that holds the parent's code, if any. */
  readonly parent?: string;
  /** `stripLeadingNumber` turns "03 Nordstadt" into "Nordstadt"; default `none`. */
  readonly nameTransform?: "none" | "stripLeadingNumber";
}

export interface AreaFeature {
  readonly code: string;
  readonly name: string;
  readonly parentCode: string | null;
  /** WGS84 longitude/latitude, exterior rings counter-clockwise and holes clockwise (RFC 7946). */
  readonly geometry: Polygon | MultiPolygon;
}

export interface AreaRead {
  readonly areas: AreaFeature[];
  /** The coordinate system of the file, e.g. `EPSG:25833`. */
  readonly crs: string;
  /** Warnings and information; errors make the whole read fail. */
  readonly issues: ImportIssue[];
}

type ProjectedCrs = "EPSG:25832" | "EPSG:25833";
type SourceCrs = "EPSG:4326" | ProjectedCrs;

/** ETRS89 / UTM; ETRS89 and WGS84 differ by well under a metre, which maps can ignore. */
const PROJ: Readonly<Record<ProjectedCrs, string>> = {
  "EPSG:25832": "+proj=utm +zone=32 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs",
  "EPSG:25833": "+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs",
};

const SUPPORTED =
  "EPSG:4326 (WGS84, Längen-/Breitengrade), EPSG:25832 oder EPSG:25833 (ETRS89/UTM)";

/** EPSG codes of the file's `crs` member that are read, and the system they stand for. */
const EPSG_CODES: ReadonlyMap<string, SourceCrs> = new Map([
  ["4326", "EPSG:4326"],
  // ETRS89 geographic differs from WGS84 by well under a metre.
  ["4258", "EPSG:4326"],
  ["25832", "EPSG:25832"],
  ["25833", "EPSG:25833"],
]);

/** Quotes a text the German way for messages. */
const q = (s: string): string => `„${s}“`;

/** Tells whether a value is a plain object (not an array, not null). */
function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Reads the coordinate system from a legacy GeoJSON `crs` member (`urn:ogc:def:crs:EPSG::25833`,
 * `EPSG:25832`, `urn:ogc:def:crs:OGC:1.3:CRS84`, an opengis.net URL …). Returns null when there
 * is no such member, or the name as written when it is not supported.
 */
export function crsFromMember(crs: unknown): SourceCrs | { unsupported: string } | null {
  if (!isRecord(crs)) return null;
  const props = crs.properties;
  const name = isRecord(props) && typeof props.name === "string" ? props.name.trim() : null;
  if (!name) return null;
  if (/CRS:?84$/i.test(name)) return "EPSG:4326";
  const m = /EPSG(?::+|\/\d+\/)(\d+)$/i.exec(name) ?? /^(\d{4,5})$/.exec(name);
  const known = m?.[1] !== undefined ? EPSG_CODES.get(m[1]) : undefined;
  return known ?? { unsupported: name };
}

interface RawFeature {
  readonly index: number;
  readonly properties: Record<string, unknown>;
  readonly geometry: unknown;
}

/** Reads the features of a GeoJSON document, or explains why there are none. */
function geojsonFeatures(doc: Record<string, unknown>): RawFeature[] | ImportIssue {
  if (doc.type === "Topology") {
    return issue(
      "error",
      "invalid_geometry",
      "Die Datei ist TopoJSON – bitte als Format „topojson“ wählen.",
    );
  }
  const list: unknown[] =
    doc.type === "FeatureCollection" && Array.isArray(doc.features)
      ? doc.features
      : doc.type === "Feature"
        ? [doc]
        : [];
  if (doc.type !== "FeatureCollection" && doc.type !== "Feature") {
    return issue(
      "error",
      "invalid_geometry",
      `Die Datei ist keine GeoJSON-FeatureCollection (type: ${q(String(doc.type))}).`,
    );
  }
  return list.map((f, index) => ({
    index,
    properties: isRecord(f) && isRecord(f.properties) ? f.properties : {},
    geometry: isRecord(f) ? f.geometry : null,
  }));
}

type TopologyInput = Parameters<typeof topoFeature>[0];
type TopologyObject = Parameters<typeof topoFeature>[1];

/** Reads the features of one object of a TopoJSON topology, or explains why there are none. */
function topojsonFeatures(
  doc: Record<string, unknown>,
  objectName: string | undefined,
): RawFeature[] | ImportIssue {
  if (doc.type === "FeatureCollection" || doc.type === "Feature") {
    return issue(
      "error",
      "invalid_geometry",
      "Die Datei ist GeoJSON – bitte als Format „geojson“ wählen.",
    );
  }
  if (doc.type !== "Topology" || !isRecord(doc.objects) || !Array.isArray(doc.arcs)) {
    return issue("error", "invalid_geometry", "Die Datei ist keine TopoJSON-Topologie.");
  }
  const names = Object.keys(doc.objects);
  const name = objectName ?? names[0];
  const object = name !== undefined ? doc.objects[name] : undefined;
  if (name === undefined || !isRecord(object)) {
    return issue(
      "error",
      "object_not_found",
      `Das TopoJSON-Objekt ${q(objectName ?? "")} gibt es nicht. Vorhanden: ${names.map(q).join(", ") || "keine"}.`,
      { details: { objects: names } },
    );
  }
  let converted: Feature | FeatureCollection;
  try {
    converted = topoFeature(doc as unknown as TopologyInput, object as unknown as TopologyObject);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return issue("error", "invalid_geometry", `Die TopoJSON-Datei ist beschädigt (${detail}).`);
  }
  const list = converted.type === "FeatureCollection" ? converted.features : [converted];
  return list.map((f, index) => ({
    index,
    properties: isRecord(f.properties) ? f.properties : {},
    geometry: f.geometry,
  }));
}

/** Reads a property as text: strings trimmed, numbers as written, anything else as missing. */
function propertyText(props: Record<string, unknown>, key: string): string | null {
  const v = props[key];
  if (typeof v === "string") return v.trim() === "" ? null : v.trim();
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return null;
}

/** A polygon as lists of rings of points, before checks. */
type RawPolygon = Point[][];

/**
 * Reads the coordinates of a Polygon or MultiPolygon into rings of 2-D points, or returns the
 * reason they are unusable (another geometry type, a broken structure, a non-finite number).
 */
function readPolygons(geometry: unknown): RawPolygon[] | string {
  if (!isRecord(geometry)) return "hat keine Geometrie";
  const type = geometry.type;
  if (type !== "Polygon" && type !== "MultiPolygon") {
    return `ist vom Typ ${q(String(type))}, erwartet Polygon oder MultiPolygon`;
  }
  const coords = geometry.coordinates;
  const polygons: unknown[] = type === "Polygon" ? [coords] : Array.isArray(coords) ? coords : [];
  if (!Array.isArray(coords) || polygons.length === 0) return "hat keine Koordinaten";
  const out: RawPolygon[] = [];
  for (let p = 0; p < polygons.length; p++) {
    const rings = polygons[p];
    if (!Array.isArray(rings) || rings.length === 0) return `Polygon ${p + 1} hat keine Ringe`;
    const polygon: Point[][] = [];
    for (let r = 0; r < rings.length; r++) {
      const ring: unknown = rings[r];
      if (!Array.isArray(ring)) return `Ring ${r + 1} ist keine Koordinatenliste`;
      const points: Point[] = [];
      for (let k = 0; k < ring.length; k++) {
        const pos: unknown = ring[k];
        const x: unknown = Array.isArray(pos) ? pos[0] : undefined;
        const y: unknown = Array.isArray(pos) ? pos[1] : undefined;
        if (
          typeof x !== "number" ||
          typeof y !== "number" ||
          !Number.isFinite(x) ||
          !Number.isFinite(y)
        ) {
          return `Ring ${r + 1} hat an Position ${k + 1} keine gültige Koordinate (${JSON.stringify(pos)})`;
        }
        points.push([x, y]);
      }
      polygon.push(points);
    }
    out.push(polygon);
  }
  return out;
}

/** Finds a point outside longitude/latitude ranges, or returns null when all are inside. */
function projectedPoint(polygons: readonly RawPolygon[]): Point | null {
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (const p of ring) if (Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) return p;
    }
  }
  return null;
}

/** Writes a point for messages, rounded to three decimals. */
function showPoint(p: Point | undefined): string {
  return p ? `${Math.round(p[0] * 1000) / 1000}, ${Math.round(p[1] * 1000) / 1000}` : "?";
}

/** Drops consecutive duplicate points and closes an open ring; tells whether it closed it. */
function normaliseRing(ring: readonly Point[]): { ring: Point[]; closed: boolean } {
  const out: Point[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && out.length > 1 && (first[0] !== last[0] || first[1] !== last[1])) {
    out.push(first);
    return { ring: out, closed: true };
  }
  return { ring: out, closed: false };
}

/**
 * Reads areas with their boundaries from a GeoJSON or TopoJSON file (bytes or text). The
 * coordinate system comes from the file's legacy `crs` member, else from `crs`, else it is
 * WGS84 when all coordinates are longitudes and latitudes; projected coordinates without a
 * declaration are an error asking for EPSG:25832 or EPSG:25833. Geometries are reprojected to
 * WGS84 and normalised: consecutive duplicate points dropped, open rings closed (a warning),
 * exterior rings counter-clockwise and holes clockwise. Rings with fewer than four positions,
 * non-finite coordinates or a self-intersecting exterior are errors naming the feature (its
 * 1-based number in `row`) and its code; so are missing code or name properties and codes
 * that occur twice. The read fails as a whole when any error remains.
 */
export function readAreaFeatures(
  input: Uint8Array | string,
  opts: ReadAreaOptions,
): Result<AreaRead, ImportIssue[]> {
  let text: string;
  if (typeof input === "string") text = input;
  else {
    const decoded = decodeText(input);
    if (!decoded.ok) return err([decoded.error]);
    text = decoded.value.text;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return err([issue("error", "invalid_json", `Die Datei ist kein gültiges JSON (${detail}).`)]);
  }
  if (!isRecord(doc)) {
    return err([
      issue("error", "invalid_geometry", "Die Datei enthält kein GeoJSON-/TopoJSON-Objekt."),
    ]);
  }
  const raw = opts.format === "geojson" ? geojsonFeatures(doc) : topojsonFeatures(doc, opts.object);
  if (!Array.isArray(raw)) return err([raw]);
  if (raw.length === 0)
    return err([issue("error", "empty_file", "Die Datei enthält keine Gebiete.")]);

  const issues: ImportIssue[] = [];
  const fromFile = crsFromMember(doc.crs);
  if (fromFile !== null && typeof fromFile !== "string") {
    return err([
      issue(
        "error",
        "unsupported_crs",
        `Das Koordinatensystem ${q(fromFile.unsupported)} der Datei wird nicht unterstützt. Unterstützt: ${SUPPORTED}.`,
      ),
    ]);
  }
  const declared = opts.crs ?? "auto";
  if (fromFile !== null && declared !== "auto" && declared !== fromFile) {
    issues.push(
      issue(
        "warning",
        "crs_not_detected",
        `Die Datei nennt ${fromFile}, die Zuordnung ${declared}; verwendet wird die Angabe der Datei.`,
      ),
    );
  }

  // Read properties and coordinates first: the coordinate system may depend on all of them.
  const seen = new Map<string, number>();
  const missingProperty: ImportIssue[] = [];
  const absent = new Map<string, number>();
  const readable: {
    raw: RawFeature;
    code: string;
    name: string;
    parent: string | null;
    polygons: RawPolygon[];
  }[] = [];
  for (const f of raw) {
    const number = f.index + 1;
    const code = propertyText(f.properties, opts.code);
    const name = propertyText(f.properties, opts.name);
    const label = code !== null ? ` (${q(code)})` : "";
    const available = Object.keys(f.properties).slice(0, 15).join(", ") || "keine";
    for (const [value, key, role] of [
      [code, opts.code, "Gebietsschlüssel"],
      [name, opts.name, "Name"],
    ] as const) {
      if (value !== null) continue;
      if (!(key in f.properties)) absent.set(key, (absent.get(key) ?? 0) + 1);
      missingProperty.push(
        issue(
          "error",
          "missing_property",
          `Objekt ${number}${label}: Eigenschaft ${q(key)} (${role}) fehlt oder ist leer. Vorhanden: ${available}.`,
          { row: number, column: key },
        ),
      );
    }
    if (code !== null) {
      const first = seen.get(code);
      if (first !== undefined) {
        issues.push(
          issue(
            "error",
            "duplicate_area",
            `Gebietsschlüssel ${q(code)} kommt doppelt vor (Objekte ${first} und ${number}).`,
            { row: number, column: opts.code },
          ),
        );
      } else seen.set(code, number);
    }
    const polygons = readPolygons(f.geometry);
    if (typeof polygons === "string") {
      issues.push(
        issue(
          "error",
          polygons.startsWith("Ring") ? "invalid_ring" : "invalid_geometry",
          `Objekt ${number}${label}: ${polygons}.`,
          {
            row: number,
            column: opts.code,
          },
        ),
      );
      continue;
    }
    if (code === null || name === null) continue;
    const parent = opts.parent !== undefined ? propertyText(f.properties, opts.parent) : null;
    const shownName =
      opts.nameTransform === "stripLeadingNumber" ? name.replace(/^\d+\s+/, "") || name : name;
    readable.push({ raw: f, code, name: shownName, parent, polygons });
  }

  // A property that no feature has is a wrong name in the mapping: say so once.
  for (const key of [opts.code, opts.name]) {
    if (absent.get(key) !== raw.length) continue;
    const available = Object.keys(raw[0]!.properties).slice(0, 15).join(", ") || "keine";
    issues.push(
      issue(
        "error",
        "missing_property",
        `Eigenschaft ${q(key)} fehlt in allen ${raw.length} Objekten. Vorhanden: ${available}.`,
        { column: key },
      ),
    );
  }
  issues.push(...missingProperty.filter((i) => absent.get(i.column ?? "") !== raw.length));

  if (readable.length === 0) return err(issues);

  // Classify each feature's coordinates: all within longitude/latitude ranges, or not.
  const outside = readable.map((r) => projectedPoint(r.polygons));
  const firstPoint = readable[0]?.polygons[0]?.[0]?.[0];
  const geographicCount = outside.filter((p) => p === null).length;
  const allGeographic = geographicCount === readable.length;
  let crs: SourceCrs;
  if (fromFile !== null) crs = fromFile;
  else if (declared !== "auto") crs = declared;
  else if (geographicCount > 0) crs = "EPSG:4326";
  else {
    issues.push(
      issue(
        "error",
        "crs_not_detected",
        `Das Koordinatensystem ist nicht angegeben, und die Koordinaten sind keine Längen-/Breitengrade (z. B. ${showPoint(firstPoint)} – vermutlich Meter). Bitte in der Zuordnung „crs“ angeben: „EPSG:25832“ (ETRS89/UTM Zone 32, Deutschland westlich von 12° Ost) oder „EPSG:25833“ (Zone 33, östlich davon).`,
      ),
    );
    return err(issues);
  }
  const geographicCrs = crs === "EPSG:4326";
  if (readable.length > 0 && (geographicCrs ? geographicCount === 0 : allGeographic)) {
    issues.push(
      issue(
        "error",
        "crs_not_detected",
        geographicCrs
          ? `Die Koordinaten (z. B. ${showPoint(firstPoint)}) sind keine Längen-/Breitengrade, wie EPSG:4326 sie verlangt – vermutlich Meter in EPSG:25832 oder EPSG:25833.`
          : `Die Koordinaten (z. B. ${showPoint(firstPoint)}) sehen nach Längen-/Breitengraden aus, nicht nach ${crs} (Meter). Bitte „crs“ prüfen.`,
      ),
    );
    return err(issues);
  }
  // Some features disagree with the others: name each one (a real defect of published files).
  readable.forEach((r, i) => {
    const point = outside[i];
    const wrong = geographicCrs ? point !== null : point === null;
    if (!wrong) return;
    issues.push(
      issue(
        "error",
        "invalid_geometry",
        geographicCrs
          ? `Objekt ${r.raw.index + 1} (${q(r.code)}): Koordinaten außerhalb der Längen-/Breitengrade (z. B. ${showPoint(point ?? undefined)}), anders als die übrigen Objekte – vermutlich in Metern gespeichert.`
          : `Objekt ${r.raw.index + 1} (${q(r.code)}): Koordinaten sehen nach Längen-/Breitengraden aus, anders als die übrigen Objekte in ${crs}.`,
        { row: r.raw.index + 1, column: opts.code },
      ),
    );
  });
  const toWgs84 = crs === "EPSG:4326" ? null : proj4(PROJ[crs], "WGS84");

  const areas: AreaFeature[] = [];
  for (const r of readable) {
    const number = r.raw.index + 1;
    const where = { row: number, column: opts.code };
    const prefix = `Objekt ${number} (${q(r.code)})`;
    let closedRings = 0;
    let broken = false;
    const polygons: Position[][][] = [];
    r.polygons.forEach((polygon, p) => {
      const rings: Position[][] = [];
      polygon.forEach((source, k) => {
        const ringName = `${r.polygons.length > 1 ? `Polygon ${p + 1}, ` : ""}Ring ${k + 1}${k === 0 ? " (außen)" : " (Loch)"}`;
        const { ring, closed } = normaliseRing(source);
        if (closed) closedRings++;
        if (ring.length < 4) {
          broken = true;
          issues.push(
            issue(
              "error",
              "invalid_ring",
              `${prefix}, ${ringName}: nur ${ring.length} Positionen, mindestens 4 nötig.`,
              where,
            ),
          );
          return;
        }
        if (k === 0) {
          const crossing = findSelfIntersection(ring);
          if (crossing) {
            broken = true;
            issues.push(
              issue(
                "error",
                "invalid_ring",
                `${prefix}, ${ringName}: Der Umring schneidet sich selbst (Kanten ${crossing.first + 1} und ${crossing.second + 1}).`,
                { ...where, details: { ...crossing } },
              ),
            );
            return;
          }
        }
        const projected: Point[] = toWgs84
          ? ring.map((pt) => {
              const [lon = Number.NaN, lat = Number.NaN] = toWgs84.forward<number[]>([
                pt[0],
                pt[1],
              ]);
              return [lon, lat] as const;
            })
          : ring;
        const area2 = signedArea2(projected);
        if (area2 === 0) {
          broken = true;
          issues.push(
            issue(
              "error",
              "invalid_ring",
              `${prefix}, ${ringName}: Der Ring hat keine Fläche.`,
              where,
            ),
          );
          return;
        }
        // RFC 7946: exterior rings counter-clockwise (positive area), holes clockwise.
        const wantPositive = k === 0;
        const oriented = area2 > 0 === wantPositive ? projected : [...projected].reverse();
        rings.push(oriented.map((pt) => [pt[0], pt[1]]));
      });
      polygons.push(rings);
    });
    if (closedRings > 0) {
      issues.push(
        issue(
          "warning",
          "invalid_ring",
          `${prefix}: ${closedRings} nicht geschlossene(r) Ring(e) wurde(n) geschlossen.`,
          where,
        ),
      );
    }
    if (broken) continue;
    const geometry: Polygon | MultiPolygon =
      polygons.length === 1 &&
      r.raw.geometry !== null &&
      isRecord(r.raw.geometry) &&
      r.raw.geometry.type === "Polygon"
        ? { type: "Polygon", coordinates: polygons[0]! }
        : { type: "MultiPolygon", coordinates: polygons };
    areas.push({ code: r.code, name: r.name, parentCode: r.parent, geometry });
  }

  if (issues.some((i) => i.severity === "error")) return err(issues);
  return ok({ areas, crs, issues });
}
