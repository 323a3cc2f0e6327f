/**
 * A boundary file read for the upload form, before any mapping: format by its name, its
 * properties, coordinate system and the areas for a preview map (coordinates rounded as on the
 * map). Writes nothing.
 */
import type { Geometry } from "geojson";
import { roundGeometry } from "../../core/areas/round-geometry.ts";
import { boundaryOverview, type BoundaryOverview } from "../../imports/geo/overview.ts";

export type BoundaryFormat = "geojson" | "topojson" | "shapefile" | "geopackage";

/** The format of a boundary file by its name (the upload form and the mapping agree on it). */
export function boundaryFormatOf(fileName: string): BoundaryFormat {
  if (/\.topojson$/i.test(fileName)) return "topojson";
  if (/\.zip$/i.test(fileName)) return "shapefile";
  if (/\.gpkg$/i.test(fileName)) return "geopackage";
  return "geojson";
}

export async function overviewBoundaryFile(
  fileName: string,
  bytes: Uint8Array,
): Promise<BoundaryOverview & { format: BoundaryFormat }> {
  const format = boundaryFormatOf(fileName);
  const overview =
    format === "geojson" || format === "topojson"
      ? boundaryOverview(bytes, format)
      : boundaryOverview(bytes, "geojson");
  return {
    ...overview,
    format,
    map: overview.map && {
      ...overview.map,
      features: overview.map.features.map((f) => ({
        ...f,
        // A preview needs no more than about a metre.
        geometry: f.geometry && roundGeometry(f.geometry as Geometry, 5),
      })),
    },
  };
}
