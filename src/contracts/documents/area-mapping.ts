/**
 * The mapping file of an area import: which file properties hold an area's code, name and
 * parent, which area system and level the areas belong to, and from when the boundaries apply.
 */
import { z } from "zod";
import { SOURCE_CRS } from "../../core/areas/crs.ts";

export const areaMappingSchema = z
  .object({
    kind: z.literal("areas"),
    /** A shapefile comes as a zip archive (.shp, .shx, .dbf and .prj); GeoPackage as .gpkg. */
    format: z.enum(["geojson", "topojson", "shapefile", "geopackage"]),
    /** TopoJSON: the object to read; default the only one. */
    object: z.string().optional(),
    /** GeoPackage: the layer to read; default the first one. */
    layer: z.string().optional(),
    crs: z.enum(["auto", ...SOURCE_CRS]).default("auto"),
    system: z.string().min(1),
    level: z.string().min(1),
    code: z.string().min(1),
    name: z.string().min(1),
    /** A regular expression with one group that extracts the name ("03 Nordstadt" → "Nordstadt"). */
    namePattern: z.string().optional(),
    parent: z.string().optional(),
    validFrom: z.iso.date(),
    label: z.string().optional(),
  })
  .strict();

export type AreaMapping = z.infer<typeof areaMappingSchema>;
