import { z } from "zod";
import { calendarDay, workspaceQuery } from "./common.ts";
import { catalogueCode } from "./documents/catalogue.ts";

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

const areaLevelBody = z
  .object({
    code: catalogueCode,
    name: z.string().trim().min(1, "darf nicht leer sein").max(200),
  })
  .strict();

/** The levels of a system, from the whole city (depth 0) down; every code once. */
const areaLevelsBody = z
  .array(areaLevelBody)
  .min(1, "braucht mindestens eine Ebene")
  .max(8, "höchstens 8 Ebenen")
  .superRefine((levels, c) => {
    const seen = new Set<string>();
    levels.forEach((l, i) => {
      if (seen.has(l.code)) {
        c.addIssue({
          code: "custom",
          path: [i, "code"],
          message: `Ebene „${l.code}“ kommt zweimal vor`,
        });
      }
      seen.add(l.code);
    });
  });

/** A new area system (Gebietsgliederung) with its levels and, optionally, its top area. */
export const areaSystemBody = z
  .object({
    code: catalogueCode,
    name: z.string().trim().min(1, "darf nicht leer sein").max(200),
    description: z.string().trim().max(2000).optional(),
    levels: areaLevelsBody,
    top: z
      .object({
        code: catalogueCode,
        name: z.string().trim().min(1, "darf nicht leer sein").max(200),
      })
      .strict()
      .optional()
      .describe(
        "Das eine Gebiet der obersten Ebene (die Stadt, der Kreis), z. B. mit dem Gemeindeschlüssel als Code; die Gebiete der nächsten Ebene werden ihm beim Grenzimport zugeordnet.",
      ),
  })
  .strict();
export type AreaSystemBody = z.infer<typeof areaSystemBody>;

/** A changed system: names, and levels renamed or added below (existing ones keep their order). */
export const areaSystemUpdateBody = z
  .object({
    name: z.string().trim().min(1, "darf nicht leer sein").max(200),
    description: z.string().trim().max(2000).optional(),
    levels: areaLevelsBody,
  })
  .strict();
export type AreaSystemUpdateBody = z.infer<typeof areaSystemUpdateBody>;

/** How far a workspace has come on its way from empty to its first map. */
export const setupProgressDto = z
  .object({
    areaSystems: z.number().int(),
    areas: z.number().int(),
    areasWithBoundary: z.number().int(),
    variables: z.number().int(),
    observations: z.number().int(),
    indicators: z.number().int(),
    /** The level to show first on the atlas: the deepest level with boundaries. */
    mapLevel: z.string().nullable(),
  })
  .meta({ id: "SetupProgress" });
export type SetupProgressDto = z.infer<typeof setupProgressDto>;
