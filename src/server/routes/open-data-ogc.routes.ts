/**
 * OGC API – Features, Part 1: Core, at /ogc, for GIS programs (QGIS, ArcGIS, GDAL): one
 * collection per workspace and area level, whose features are the areas with their current
 * boundary and the values of every public indicator for one period (the latest by default;
 * `datetime` chooses another). The same public data as the open-data files: published items
 * only, after disclosure control; a withheld value is null with "." in `<code>_zeichen`.
 * Every resource is available as JSON and as accessible German HTML (`f=html`).
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { errorResponses } from "../../contracts/common.ts";
import type { PublicDataset, PublicLayerInfo } from "../../services/open-data/open-data.ts";
import {
  CONFORMANCE,
  collectionDoc,
  collectionsDoc,
  featureDoc,
  findPublicLayer,
  itemsPage,
  landingDoc,
} from "../../services/open-data/open-data-ogc.ts";
import { PUBLIC } from "../access.ts";
import { baseUrlOf, type RouteDeps } from "../route-deps.ts";
import type { ZodApp } from "../zod-app.ts";
import {
  collectionHtml,
  collectionsHtml,
  conformanceHtml,
  itemsTable,
  landingHtml,
  sendOgcHtml,
} from "./open-data-ogc-html.ts";

const MAX_LIMIT = 10_000;

const formatQuery = { f: z.enum(["json", "html"]).optional().describe("Antwortformat") };
const collectionParams = z.strictObject({
  collectionId: z.string().regex(/^[A-Za-z0-9_.-]{1,110}$/),
});

/** `minLon,minLat,maxLon,maxLat` (or with heights: 6 numbers) in CRS84. */
const bboxParam = z
  .string()
  .max(200)
  .transform((s, ctx) => {
    const n = s.split(",").map((x) => Number(x.trim()));
    if ((n.length !== 4 && n.length !== 6) || n.some((x) => !Number.isFinite(x))) {
      ctx.addIssue({ code: "custom", message: "bbox: 4 (oder 6) Zahlen, durch Komma getrennt" });
      return z.NEVER;
    }
    const [minX, minY, maxX, maxY] =
      n.length === 4 ? (n as [number, number, number, number]) : [n[0]!, n[1]!, n[3]!, n[4]!];
    if (minY > maxY || minY < -90 || maxY > 90) {
      ctx.addIssue({
        code: "custom",
        message: "bbox: Breitengrade zwischen −90 und 90, min ≤ max",
      });
      return z.NEVER;
    }
    return [minX, minY, maxX, maxY] as const;
  });

/** An RFC 3339 date or date-time, or an interval of them with `..` for an open end. */
const datetimeParam = z
  .string()
  .max(100)
  .transform((s, ctx) => {
    const parse = (x: string): number | null => {
      if (x === ".." || x === "") return null;
      const t = Date.parse(x);
      if (Number.isNaN(t)) {
        ctx.addIssue({ code: "custom", message: `datetime: „${x}“ ist kein Datum (RFC 3339)` });
        return NaN;
      }
      return t;
    };
    const parts = s.split("/");
    if (parts.length > 2) {
      ctx.addIssue({ code: "custom", message: "datetime: ein Zeitpunkt oder ein Intervall a/b" });
      return z.NEVER;
    }
    const start = parse(parts[0]!);
    const end = parts.length === 2 ? parse(parts[1]!) : start;
    if (Number.isNaN(start) || Number.isNaN(end)) return z.NEVER;
    return { start, end };
  });

/** Whether the caller asked for HTML: by `f`, else by an Accept header that prefers it. */
function wantsHtml(req: FastifyRequest, f: "json" | "html" | undefined): boolean {
  if (f !== undefined) return f === "html";
  const accept = req.headers.accept ?? "";
  return /text\/html/.test(accept) && !/json/.test(accept);
}

/** A GeoJSON document for GIS programs on any origin. */
function sendGeoJson(reply: FastifyReply, doc: unknown) {
  reply.header("access-control-allow-origin", "*");
  return reply.type("application/geo+json").send(JSON.stringify(doc));
}

export function registerOgcRoutes(app: ZodApp, deps: RouteDeps): void {
  const { ctx } = deps;
  const datasetOf = (layer: PublicLayerInfo): Promise<PublicDataset> =>
    deps.publicDatasets.get(layer.workspace, layer.level.code);
  const base = (req: FastifyRequest) => `${baseUrlOf(req, deps.publicUrl)}/ogc`;

  app.get(
    "/ogc",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["OGC API – Features"],
        summary: "Startseite (landing page)",
        querystring: z.strictObject(formatQuery),
        response: { 200: z.unknown(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const doc = landingDoc(base(req), baseUrlOf(req, deps.publicUrl));
      if (!wantsHtml(req, req.query.f)) return doc;
      return sendOgcHtml(reply, doc.title, landingHtml(doc));
    },
  );

  app.get(
    "/ogc/conformance",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["OGC API – Features"],
        summary: "Erfüllte Konformitätsklassen",
        querystring: z.strictObject(formatQuery),
        response: { 200: z.unknown(), ...errorResponses },
      },
    },
    async (req, reply) => {
      if (!wantsHtml(req, req.query.f)) return { conformsTo: CONFORMANCE };
      return sendOgcHtml(reply, "Konformitätsklassen", conformanceHtml(CONFORMANCE));
    },
  );

  app.get(
    "/ogc/collections",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["OGC API – Features"],
        summary: "Sammlungen: je Kommune und Gebietsebene eine",
        querystring: z.strictObject(formatQuery),
        response: { 200: z.unknown(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const doc = await collectionsDoc(ctx, base(req), datasetOf);
      if (!wantsHtml(req, req.query.f)) return doc;
      return sendOgcHtml(reply, "Sammlungen", collectionsHtml(base(req), doc.collections));
    },
  );

  app.get(
    "/ogc/collections/:collectionId",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["OGC API – Features"],
        summary: "Eine Sammlung mit Ausdehnung in Raum und Zeit",
        params: collectionParams,
        querystring: z.strictObject(formatQuery),
        response: { 200: z.unknown(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const layer = await findPublicLayer(ctx, req.params.collectionId);
      const doc = collectionDoc(base(req), layer, await datasetOf(layer));
      if (!wantsHtml(req, req.query.f)) return doc;
      return sendOgcHtml(reply, doc.title, collectionHtml(base(req), doc));
    },
  );

  app.get(
    "/ogc/collections/:collectionId/items",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["OGC API – Features"],
        summary: "Die Gebiete einer Sammlung (GeoJSON), mit bbox, datetime und Seiten",
        params: collectionParams,
        querystring: z.strictObject({
          ...formatQuery,
          limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(10),
          offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
          bbox: bboxParam.optional(),
          datetime: datetimeParam.optional(),
        }),
        response: { 200: z.unknown(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { f, ...q } = req.query;
      const layer = await findPublicLayer(ctx, req.params.collectionId);
      const d = await datasetOf(layer);
      // The page links repeat the filters as the caller wrote them.
      const written = new URL(req.url, "http://x").searchParams;
      const doc = itemsPage(ctx, base(req), layer, d, {
        ...q,
        written: { bbox: written.get("bbox"), datetime: written.get("datetime") },
      });
      if (!wantsHtml(req, f)) return sendGeoJson(reply, doc);
      const title = `${layer.workspace.name}: ${layer.level.name} (${doc.period ?? "–"})`;
      return sendOgcHtml(reply, title, itemsTable(d, doc.features, doc.links));
    },
  );

  app.get(
    "/ogc/collections/:collectionId/items/:featureId",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["OGC API – Features"],
        summary: "Ein Gebiet mit seinen Werten",
        params: collectionParams.extend({ featureId: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/) }),
        querystring: z.strictObject({ ...formatQuery, datetime: datetimeParam.optional() }),
        response: { 200: z.unknown(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const layer = await findPublicLayer(ctx, req.params.collectionId);
      const d = await datasetOf(layer);
      const doc = featureDoc(base(req), layer, d, req.params.featureId, req.query.datetime);
      if (!wantsHtml(req, req.query.f)) return sendGeoJson(reply, doc);
      return sendOgcHtml(reply, doc.properties.name, itemsTable(d, [doc], []));
    },
  );
}
