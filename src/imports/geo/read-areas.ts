/**
 * Areas with their boundaries from a GeoJSON or TopoJSON file: the features (source-features.ts),
 * their polygons (polygons.ts), then the checks, the reprojection to WGS84 and the ring rules.
 */
import type { MultiPolygon, Polygon, Position } from "geojson";
import proj4 from "proj4";
import { err, ok, type Result } from "../../core/result.ts";
import { issue, type ImportIssue } from "../../core/data/import-issue.ts";
import { decodeText } from "../text/decode.ts";
import { findSelfIntersection, signedArea2, type Point } from "./ring.ts";
import {
  PROJ,
  type RawFeature,
  SUPPORTED,
  type SourceCrs,
  crsFromMember,
  geojsonFeatures,
  isRecord,
  propertyText,
  q,
  topojsonFeatures,
} from "./source-features.ts";
import {
  type RawPolygon,
  normaliseRing,
  projectedPoint,
  readPolygons,
  showPoint,
} from "./polygons.ts";

/** The coordinate systems an area file may use; `auto` reads it from the file or the coordinates. */
export type AreaCrs = "auto" | SourceCrs;

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

/** A hint at the system from the size of an easting: Gauß-Krüger and UTM with zone number. */
function guessCrs(p: Point | undefined): string {
  const x = p?.[0] ?? 0;
  if (x >= 2_000_000 && x < 6_000_000) {
    const zone = Math.floor(x / 1_000_000);
    return `, der Rechtswert spricht für Gauß-Krüger Zone ${zone}: „EPSG:${31464 + zone}“`;
  }
  if (x >= 32_000_000 && x < 33_000_000) return ", der Rechtswert spricht für „EPSG:4647“";
  if (x >= 33_000_000 && x < 34_000_000) return ", der Rechtswert spricht für „EPSG:5650“";
  return "";
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
/** A GeoJSON or TopoJSON file (bytes in any encoding, or text) as its JSON object. */
export function parseGeoDocument(
  input: Uint8Array | string,
): Result<Record<string, unknown>, ImportIssue[]> {
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
  return ok(doc);
}

export function readAreaFeatures(
  input: Uint8Array | string,
  opts: ReadAreaOptions,
): Result<AreaRead, ImportIssue[]> {
  const parsed = parseGeoDocument(input);
  if (!parsed.ok) return parsed;
  const doc = parsed.value;
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
        `Das Koordinatensystem ist nicht angegeben, und die Koordinaten sind keine Längen-/Breitengrade (z. B. ${showPoint(firstPoint)} – vermutlich Meter${guessCrs(firstPoint)}). Bitte in der Zuordnung „crs“ angeben: „EPSG:25832“ (ETRS89/UTM Zone 32, Deutschland westlich von 12° Ost) oder „EPSG:25833“ (Zone 33, östlich davon); unterstützt: ${SUPPORTED}.`,
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
  const reversed: string[] = [];
  for (const r of readable) {
    const number = r.raw.index + 1;
    const where = { row: number, column: opts.code };
    const prefix = `Objekt ${number} (${q(r.code)})`;
    let closedRings = 0;
    let reversedRings = 0;
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
        const rightWay = area2 > 0 === wantPositive;
        if (!rightWay) reversedRings++;
        const oriented = rightWay ? projected : [...projected].reverse();
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
    if (reversedRings > 0) reversed.push(r.code);
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
  if (reversed.length > 0) {
    const shown = reversed.slice(0, 10).map(q).join(", ");
    const more = reversed.length > 10 ? ` und ${reversed.length - 10} weitere` : "";
    issues.push(
      issue(
        "info",
        "ring_orientation",
        `Die Umlaufrichtung der Ringe von ${reversed.length} Gebiet(en) wurde umgedreht (außen gegen, Löcher im Uhrzeigersinn, wie GeoJSON sie verlangt): ${shown}${more}.`,
        { details: { codes: reversed } },
      ),
    );
  }
  return ok({ areas, crs, issues });
}
