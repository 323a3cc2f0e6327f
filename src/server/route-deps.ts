/**
 * What every route registration receives: the service context and the server's shared caches
 * and settings. Its own file, so route files need not import the app that imports them.
 */
import type { FastifyRequest } from "fastify";
import type { ServiceContext } from "../services/context.ts";
import type { JsonTextCache } from "../services/json-text-cache.ts";
import type { PublicDatasetCache } from "../services/open-data/open-data.ts";

export interface RouteDeps {
  readonly ctx: ServiceContext;
  readonly version: string;
  readonly indicatorCache: JsonTextCache;
  /** Configured public address, or null to take it from each request. */
  readonly publicUrl: string | null;
  /** The built web app (dist/web). */
  readonly webRoot: string;
  /** Public datasets shared by /open and /ogc. */
  readonly publicDatasets: PublicDatasetCache;
  /** What the web app needs to know of this installation. */
  readonly clientConfig: {
    readonly tileUrl: string | null;
    readonly tileAttribution: string | null;
  };
}

/** The address links in open data point to: the configured public URL, else the request's own. */
export function baseUrlOf(req: FastifyRequest, configured: string | null): string {
  return configured ?? `${req.protocol}://${req.host}`;
}
