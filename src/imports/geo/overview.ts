/**
 * What a boundary file holds before anyone maps it: its features' properties with a few
 * example values (whether each is unique, so it may serve as the code), its coordinate system,
 * and the areas themselves in WGS84 for a preview map — read by the same reader the import
 * uses, so the map shows what the import would take over.
 */
import type { Feature, FeatureCollection } from "geojson";
import type { ImportIssue } from "../../core/data/import-issue.ts";
import { issue } from "../../core/data/import-issue.ts";
import { parseGeoDocument, readAreaFeatures, type AreaCrs } from "./read-areas.ts";
import { geojsonFeatures, propertyText, topojsonFeatures } from "./source-features.ts";

export interface PropertyOverview {
  readonly name: string;
  /** Up to three distinct values, as text. */
  readonly examples: string[];
  /** Every feature has a value and none occurs twice. */
  readonly unique: boolean;
}

export interface BoundaryOverview {
  readonly features: number;
  readonly crs: string | null;
  readonly properties: PropertyOverview[];
  /** The areas in WGS84 with their original properties; null when the file cannot be read. */
  readonly map: FeatureCollection | null;
  readonly issues: ImportIssue[];
}

/** The key under which the reader carries each feature's number through the read. */
const NUMBER = "__sopla_feature";
const EXAMPLES = 3;
const MAX_PROPERTIES = 40;

function refusal(issues: ImportIssue[]): BoundaryOverview {
  return { features: 0, crs: null, properties: [], map: null, issues };
}

/** Reads a GeoJSON or TopoJSON text (as bytes or text) for its overview; writes nothing. */
export function boundaryOverview(
  input: Uint8Array | string,
  format: "geojson" | "topojson",
  /** The coordinate system, where the file does not name it; default `auto`. */
  crs: AreaCrs = "auto",
): BoundaryOverview {
  const parsed = parseGeoDocument(input);
  if (!parsed.ok) return refusal(parsed.error);
  const doc = parsed.value;
  const raw = format === "geojson" ? geojsonFeatures(doc) : topojsonFeatures(doc, undefined);
  if (!Array.isArray(raw)) return refusal([raw]);
  if (raw.length === 0) {
    return refusal([issue("error", "empty_file", "Die Datei enthält keine Gebiete.")]);
  }

  const names = [...new Set(raw.flatMap((f) => Object.keys(f.properties)))].slice(
    0,
    MAX_PROPERTIES,
  );
  const properties = names.map((name) => {
    const values = raw.map((f) => propertyText(f.properties, name));
    const present = values.filter((v): v is string => v !== null);
    const distinct = [...new Set(present)];
    return {
      name,
      examples: distinct.slice(0, EXAMPLES),
      unique: present.length === raw.length && distinct.length === raw.length,
    };
  });

  // The same reader as the import: coordinate system, reprojection, rings; each feature is
  // found again by its number.
  const numbered = {
    type: "FeatureCollection",
    ...(doc.crs !== undefined ? { crs: doc.crs } : {}),
    features: raw.map((f) => ({
      type: "Feature",
      properties: { [NUMBER]: String(f.index + 1) },
      geometry: f.geometry,
    })),
  };
  const read = readAreaFeatures(JSON.stringify(numbered), {
    format: "geojson",
    crs,
    code: NUMBER,
    name: NUMBER,
  });
  if (!read.ok) {
    return { features: raw.length, crs: null, properties, map: null, issues: read.error };
  }
  const features: Feature[] = read.value.areas.map((a) => ({
    type: "Feature",
    properties: raw[Number(a.code) - 1]?.properties ?? {},
    geometry: a.geometry,
  }));
  return {
    features: raw.length,
    crs: read.value.crs,
    properties,
    map: { type: "FeatureCollection", features },
    issues: read.value.issues,
  };
}
