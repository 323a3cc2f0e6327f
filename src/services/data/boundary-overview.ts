/**
 * A boundary file read for the upload form, before any mapping: format by its name, its
 * properties, coordinate system and the areas for a preview map (coordinates rounded as on the
 * map). Writes nothing.
 */
import { roundGeometry } from "../../core/areas/round-geometry.ts";
import { convertWithOgr } from "../../imports/geo/ogr2ogr.ts";
import { boundaryOverview, type BoundaryOverview } from "../../imports/geo/overview.ts";
import type { AreaCrs } from "../../imports/geo/read-areas.ts";

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
  crs: AreaCrs = "auto",
): Promise<BoundaryOverview & { format: BoundaryFormat }> {
  const format = boundaryFormatOf(fileName);
  let overview: BoundaryOverview;
  if (format === "geojson" || format === "topojson") overview = boundaryOverview(bytes, format, crs);
  else {
    // Read with GDAL as the import does; a shapefile without its .prj still shows its
    // properties here, and the reader then asks for the coordinate system.
    const converted = await convertWithOgr(bytes, { format, fileName, crsGiven: true });
    if (!converted.ok) {
      overview = { features: 0, crs: null, properties: [], map: null, issues: converted.error };
    } else {
      const read = boundaryOverview(converted.value.geojson, "geojson", crs);
      overview = { ...read, issues: [...converted.value.issues, ...read.issues] };
    }
  }
  return {
    ...overview,
    format,
    map: overview.map && {
      ...overview.map,
      features: overview.map.features.map((f) => ({
        ...f,
        // A preview needs no more than about a metre.
        geometry: roundGeometry(f.geometry, 5),
      })),
    },
  };
}
