/**
 * The polygons of a feature as rings of points: read from the coordinates with the reason
 * they are unusable, a point that is not a longitude/latitude, and rings normalised (duplicate
 * points dropped, open rings closed).
 */
import { type Point } from "./ring.ts";
import { isRecord, q } from "./source-features.ts";

/** A polygon as lists of rings of points, before checks. */
export type RawPolygon = Point[][];

/**
 * Reads the coordinates of a Polygon or MultiPolygon into rings of 2-D points, or returns the
 * reason they are unusable (another geometry type, a broken structure, a non-finite number).
 */
export function readPolygons(geometry: unknown): RawPolygon[] | string {
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
export function projectedPoint(polygons: readonly RawPolygon[]): Point | null {
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (const p of ring) if (Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) return p;
    }
  }
  return null;
}

/** Writes a point for messages, rounded to three decimals. */
export function showPoint(p: Point | undefined): string {
  return p ? `${Math.round(p[0] * 1000) / 1000}, ${Math.round(p[1] * 1000) / 1000}` : "?";
}

/** Drops consecutive duplicate points and closes an open ring; tells whether it closed it. */
export function normaliseRing(ring: readonly Point[]): { ring: Point[]; closed: boolean } {
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
