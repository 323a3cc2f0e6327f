/**
 * The features of an area file before any check: GeoJSON or TopoJSON (the object asked for)
 * as raw features with properties and geometry, and the coordinate system the file names.
 */
import type { Feature, FeatureCollection } from "geojson";
import { feature as topoFeature } from "topojson-client";
import { issue, type ImportIssue } from "../../core/data/import-issue.ts";
import { SOURCE_CRS, SOURCE_CRS_NAMES, type SourceCrs } from "../../core/areas/crs.ts";

export type { SourceCrs } from "../../core/areas/crs.ts";
type ProjectedCrs = Exclude<SourceCrs, "EPSG:4326">;

/**
 * proj4 definitions of the projected systems, as the EPSG registry defines them. ETRS89 and
 * WGS84 differ by well under a metre, which maps can ignore. DHDN (Gauß-Krüger) is shifted to
 * WGS84 with the seven parameters of EPSG transformation 1777 "DHDN to WGS 84 (2)"
 * (598.1, 73.7, 418.2 m; 0.202, 0.045, −2.455″; 6.7 ppm, position vector), the ones the EPSG
 * registry gives for Germany as a whole (accuracy about 3 m): enough for area boundaries.
 */
export const PROJ: Readonly<Record<ProjectedCrs, string>> = {
  "EPSG:25832": "+proj=utm +zone=32 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs",
  "EPSG:25833": "+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs",
  "EPSG:4647":
    "+proj=tmerc +lat_0=0 +lon_0=9 +k=0.9996 +x_0=32500000 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs",
  "EPSG:5650":
    "+proj=tmerc +lat_0=0 +lon_0=15 +k=0.9996 +x_0=33500000 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs",
  "EPSG:31466": gaussKrueger(2),
  "EPSG:31467": gaussKrueger(3),
  "EPSG:31468": gaussKrueger(4),
  "EPSG:31469": gaussKrueger(5),
};

/** DHDN / 3-degree Gauß-Krüger zone `zone`: central meridian 3°·zone, false easting zone·10⁶ + 500 km. */
function gaussKrueger(zone: number): string {
  return `+proj=tmerc +lat_0=0 +lon_0=${3 * zone} +k=1 +x_0=${zone * 1_000_000 + 500_000} +y_0=0 +ellps=bessel +towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7 +units=m +no_defs`;
}

export const SUPPORTED = SOURCE_CRS.map((c) => `${c} (${SOURCE_CRS_NAMES[c]})`).join(", ");

/** EPSG codes of the file's `crs` member that are read, and the system they stand for. */
const EPSG_CODES: ReadonlyMap<string, SourceCrs> = new Map([
  ...SOURCE_CRS.map((c) => [c.slice(5), c] as const),
  // ETRS89 geographic differs from WGS84 by well under a metre.
  ["4258", "EPSG:4326"],
]);

/** Quotes a text the German way for messages. */
export const q = (s: string): string => `„${s}“`;

/** Tells whether a value is a plain object (not an array, not null). */
export function isRecord(v: unknown): v is Record<string, unknown> {
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

export interface RawFeature {
  readonly index: number;
  readonly properties: Record<string, unknown>;
  readonly geometry: unknown;
}

/** Reads the features of a GeoJSON document, or explains why there are none. */
export function geojsonFeatures(doc: Record<string, unknown>): RawFeature[] | ImportIssue {
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
export function topojsonFeatures(
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
export function propertyText(props: Record<string, unknown>, key: string): string | null {
  const v = props[key];
  if (typeof v === "string") return v.trim() === "" ? null : v.trim();
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return null;
}
