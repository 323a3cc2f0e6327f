/**
 * Coordinates rounded for sending to a map: 6 decimals of a degree are about 0.1 m, finer
 * than any municipal boundary is surveyed, and RFC 7946 (section 11.2) recommends them
 * because more digits only make the text larger. Rounding halves the size of a boundary
 * layer from the database (up to 15 decimals) and the time the browser spends parsing it.
 */
import type { Geometry, Position } from "geojson";

export const MAP_COORDINATE_DECIMALS = 6;

function roundPosition(p: Position, factor: number): Position {
  return p.map((c) => Math.round(c * factor) / factor);
}

/** A copy of the geometry with every coordinate rounded to `decimals` places. */
export function roundGeometry<G extends Geometry>(
  geometry: G,
  decimals = MAP_COORDINATE_DECIMALS,
): G {
  const f = 10 ** decimals;
  switch (geometry.type) {
    case "Point":
      return { ...geometry, coordinates: roundPosition(geometry.coordinates, f) };
    case "MultiPoint":
    case "LineString":
      return { ...geometry, coordinates: geometry.coordinates.map((p) => roundPosition(p, f)) };
    case "MultiLineString":
    case "Polygon":
      return {
        ...geometry,
        coordinates: geometry.coordinates.map((r) => r.map((p) => roundPosition(p, f))),
      };
    case "MultiPolygon":
      return {
        ...geometry,
        coordinates: geometry.coordinates.map((poly) =>
          poly.map((r) => r.map((p) => roundPosition(p, f))),
        ),
      };
    case "GeometryCollection":
      return {
        ...geometry,
        geometries: geometry.geometries.map((g) => roundGeometry(g, decimals)),
      };
  }
}
