/**
 * The features of an area file before any check: GeoJSON or TopoJSON (the object asked for)
 * as raw features with properties and geometry, and the coordinate system the file names.
 */
import type { Feature, FeatureCollection } from "geojson";
import { feature as topoFeature } from "topojson-client";
import { issue, type ImportIssue } from "../../core/data/import-issue.ts";

type ProjectedCrs = "EPSG:25832" | "EPSG:25833";
export type SourceCrs = "EPSG:4326" | ProjectedCrs;

/** ETRS89 / UTM; ETRS89 and WGS84 differ by well under a metre, which maps can ignore. */
export const PROJ: Readonly<Record<ProjectedCrs, string>> = {
  "EPSG:25832": "+proj=utm +zone=32 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs",
  "EPSG:25833": "+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs",
};

export const SUPPORTED =
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
