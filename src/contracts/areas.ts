import { z } from "zod";
import { calendarDay, workspaceQuery } from "./common.ts";

export const areaLevelDto = z.object({
  code: z.string(),
  name: z.string(),
  depth: z.number().int(),
});

export const areaSystemDto = z
  .object({
    code: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    levels: z.array(areaLevelDto),
  })
  .meta({ id: "AreaSystem" });

const position = z.array(z.number()).min(2).max(3);

/** An area's GeoJSON geometry in WGS84 (RFC 7946): a polygon or multipolygon. */
export const geometryDto = z
  .union([
    z.object({ type: z.literal("Polygon"), coordinates: z.array(z.array(position)) }),
    z.object({
      type: z.literal("MultiPolygon"),
      coordinates: z.array(z.array(z.array(position))),
    }),
  ])
  .meta({ id: "Geometry" });

export const areaDto = z
  .object({
    code: z.string(),
    name: z.string(),
    system: z.string(),
    level: z.string(),
    depth: z.number().int(),
    parent: z.string().nullable(),
    validFrom: z.string().nullable().describe("Start of the boundary version shown"),
    validTo: z.string().nullable(),
    geometry: geometryDto.nullable().optional(),
  })
  .meta({ id: "Area" });

export type AreaDto = z.infer<typeof areaDto>;

export const areasQuery = workspaceQuery.extend({
  system: z.string().max(64).optional(),
  level: z.string().max(64).optional(),
  parent: z.string().max(64).optional(),
  at: calendarDay.optional().describe("Boundary version valid at this date (default today)"),
  geometry: z.enum(["true", "false"]).default("true"),
  format: z.enum(["json", "geojson"]).default("json"),
});

export const areaBoundaryDto = z.object({
  validFrom: z.string(),
  validTo: z.string().nullable(),
  geometry: geometryDto.nullable(),
});
export type AreaSystemDto = z.infer<typeof areaSystemDto>;
