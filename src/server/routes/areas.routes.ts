import { z } from "zod";
import { areaBoundaryDto, areaDto, areaSystemDto, areasQuery } from "../../contracts/areas.ts";
import { errorResponses, workspaceQuery } from "../../contracts/common.ts";
import { roundGeometry } from "../../core/areas/round-geometry.ts";
import { getArea, getAreaSystems, getAreas } from "../../services/areas.ts";
import { JsonTextCache } from "../../services/json-text-cache.ts";
import { sendCached } from "../send-json-text.ts";
import { ANY_MEMBER, membershipOf } from "../access.ts";
import type { RouteDeps } from "../route-deps.ts";
import type { ZodApp } from "../zod-app.ts";

/** Boundary layers are large (megabytes), so this cache keeps only a few of them. */
const MAP_LAYER_ENTRIES = 24;

export function registerAreaRoutes(app: ZodApp, { ctx }: RouteDeps): void {
  const mapLayers = new JsonTextCache(MAP_LAYER_ENTRIES);
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
    async (req, reply) => {
      const q = req.query;
      const ws = membershipOf(req).workspace;
      const load = () =>
        getAreas(ctx, ws, {
          system: q.system,
          level: q.level,
          parent: q.parent,
          at: q.at,
          geometry: q.format === "geojson" || q.geometry === "true",
        });
      if (q.format !== "geojson") return load();
      // The map layer: the same for every member until the areas change (which bumps the data
      // version), so it is built once, with coordinates rounded for the map, and revalidated
      // by its ETag.
      // (without `at` the boundaries of today: a boundary version may start tomorrow)
      const at = q.at ?? ctx.now().toISOString().slice(0, 10);
      const key = mapLayers.key(ws.id, ws.dataVersion, [q.system, q.level, q.parent, at]);
      return sendCached(reply, mapLayers, key, async () => ({
        type: "FeatureCollection",
        features: (await load()).map(({ geometry, ...properties }) => ({
          type: "Feature",
          id: properties.code,
          properties,
          geometry: geometry ? roundGeometry(geometry) : null,
        })),
      }));
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
