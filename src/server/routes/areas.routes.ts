import { z } from "zod";
import { areaBoundaryDto, areaDto, areaSystemDto, areasQuery } from "../../contracts/areas.ts";
import { errorResponses, workspaceQuery } from "../../contracts/common.ts";
import { getArea, getAreaSystems, getAreas } from "../../services/areas.ts";
import { ANY_MEMBER, membershipOf } from "../access.ts";
import type { RouteDeps } from "../app.ts";
import type { ZodApp } from "../zod-app.ts";

export function registerAreaRoutes(app: ZodApp, { ctx }: RouteDeps): void {
  app.get(
    "/api/area-systems",
    {
      config: { access: ANY_MEMBER },
      schema: {
        tags: ["Gebiete"],
        summary: "Gebietsgliederungen mit ihren Ebenen",
        querystring: workspaceQuery,
        response: { 200: z.array(areaSystemDto), ...errorResponses },
      },
    },
    async (req) => getAreaSystems(ctx, membershipOf(req).workspace),
  );

  app.get(
    "/api/areas",
    {
      config: { access: ANY_MEMBER },
      schema: {
        tags: ["Gebiete"],
        summary: "Gebiete mit Geometrie (WGS84) im Gebietsstand eines Datums",
        description:
          "`format=geojson` liefert eine GeoJSON-FeatureCollection (RFC 7946) statt einer Liste.",
        querystring: areasQuery,
        response: {
          200: z.union([
            z.array(areaDto),
            z.object({ type: z.literal("FeatureCollection"), features: z.array(z.unknown()) }),
          ]),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const q = req.query;
      const ws = membershipOf(req).workspace;
      const areas = await getAreas(ctx, ws, {
        system: q.system,
        level: q.level,
        parent: q.parent,
        at: q.at,
        geometry: q.format === "geojson" || q.geometry === "true",
      });
      if (q.format === "geojson") {
        return {
          type: "FeatureCollection" as const,
          features: areas.map(({ geometry, ...properties }) => ({
            type: "Feature",
            id: properties.code,
            properties,
            geometry: geometry ?? null,
          })),
        };
      }
      return areas;
    },
  );

  app.get(
    "/api/areas/:code",
    {
      config: { access: ANY_MEMBER },
      schema: {
        tags: ["Gebiete"],
        summary: "Ein Gebiet mit allen Gebietsständen",
        params: z.object({ code: z.string().min(1).max(64) }),
        querystring: workspaceQuery,
        response: {
          200: areaDto.extend({ boundaries: z.array(areaBoundaryDto) }),
          ...errorResponses,
        },
      },
    },
    async (req) => getArea(ctx, membershipOf(req).workspace, req.params.code),
  );
}
