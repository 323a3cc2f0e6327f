import type { Geometry } from "geojson";

/** A bounding box as GeoJSON writes it: west, south, east, north (in the geometries' units). */
export type Bounds = [minX: number, minY: number, maxX: number, maxY: number];

/**
 * The smallest box around every coordinate of the geometries (points, lines, polygons and
 * their multi forms; a geometry collection has no coordinates of its own and is skipped).
 * Null when there is no coordinate at all, so an empty layer has no box rather than an
 * infinite one.
 */
export function boundsOf(geometries: Iterable<Geometry>): Bounds | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === "number") {
      const [x, y] = c as [number, number];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    } else if (Array.isArray(c)) for (const x of c) visit(x);
  };
  for (const g of geometries) if ("coordinates" in g) visit(g.coordinates);
  return minX === Infinity ? null : [minX, minY, maxX, maxY];
}
