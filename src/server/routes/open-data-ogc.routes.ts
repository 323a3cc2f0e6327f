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
import { datasetLegend } from "../../exports/open-dataset.ts";
import {
  buildGeoJson,
  type AreaGeometry,
  type OpenFeature,
} from "../../exports/geojson/build-geojson.ts";
import { AppError, notFound } from "../../services/app-error.ts";
import {
  geometryBbox,
  listAllPublicLayers,
  type PublicDataset,
  type PublicLayerInfo,
} from "../../services/open-data.ts";
import { PUBLIC } from "../access.ts";
import type { RouteDeps } from "../route-deps.ts";
import { esc, htmlPage, scrollTable } from "../html.ts";
import type { ZodApp } from "../zod-app.ts";
import { baseUrlOf } from "../route-deps.ts";

const CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
const CONFORMANCE = [
  "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
  "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
  "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
  "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
];
const MAX_LIMIT = 10_000;

interface FeatureWithBbox {
  readonly feature: OpenFeature;
  readonly bbox: readonly [number, number, number, number] | null;
}

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

function wantsHtml(req: FastifyRequest, f: "json" | "html" | undefined): boolean {
  if (f !== undefined) return f === "html";
  const accept = req.headers.accept ?? "";
  return /text\/html/.test(accept) && !/json/.test(accept);
}

function collectionId(layer: PublicLayerInfo): string {
  return `${layer.workspace.slug}.${layer.level.code}`;
}

export function registerOgcRoutes(app: ZodApp, deps: RouteDeps): void {
  const { ctx } = deps;
  // The features of a dataset for one period, each with its bounding box, built once.
  const featureMemo = new WeakMap<PublicDataset, Map<string, FeatureWithBbox[]>>();

  function featuresOf(d: PublicDataset, period: string): FeatureWithBbox[] {
    let byPeriod = featureMemo.get(d);
    if (!byPeriod) {
      byPeriod = new Map();
      featureMemo.set(d, byPeriod);
    }
    let list = byPeriod.get(period);
    if (!list) {
      list = buildGeoJson(d, d.geometry as ReadonlyMap<string, AreaGeometry>, period).features.map(
        (feature) => ({
          feature,
          bbox: feature.geometry ? geometryBbox(feature.geometry) : null,
        }),
      );
      byPeriod.set(period, list);
    }
    return list;
  }

  async function findLayer(id: string): Promise<PublicLayerInfo> {
    const layer = (await listAllPublicLayers(ctx)).find((l) => collectionId(l) === id);
    if (!layer) throw notFound("Sammlung", id);
    return layer;
  }
  const datasetOf = (layer: PublicLayerInfo): Promise<PublicDataset> =>
    deps.publicDatasets.get(layer.workspace, layer.level.code);

  const base = (req: FastifyRequest) => `${baseUrlOf(req, deps.publicUrl)}/ogc`;
  const link = (href: string, rel: string, type: string, title: string) => ({
    href,
    rel,
    type,
    title,
  });

  function html(reply: FastifyReply, title: string, main: string) {
    return reply.type("text/html; charset=utf-8").send(
      htmlPage({
        title: `${title} – OGC API – Features – Sopla`,
        heading: title,
        nav: [
          ["/ogc?f=html", "Startseite der Schnittstelle"],
          ["/ogc/collections?f=html", "Sammlungen"],
          ["/ogc/conformance?f=html", "Konformität"],
          ["/open", "Offene Daten"],
        ],
        main,
      }),
    );
  }

  function collectionDoc(req: FastifyRequest, layer: PublicLayerInfo, d: PublicDataset) {
    const id = collectionId(layer);
    const url = `${base(req)}/collections/${id}`;
    return {
      id,
      title: `${layer.workspace.name}: ${layer.level.name}`,
      description:
        `Gebiete der Ebene „${layer.level.name}“ mit ${d.indicators.length} öffentlichen Indikatoren (${d.indicators.map((i) => `${i.code}: ${i.name} in ${i.unit}`).join("; ")}). Gesperrte Werte sind null, mit „.“ in <code>_zeichen. ${layer.workspace.attribution ?? ""}`.trim(),
      attribution: layer.workspace.attribution,
      links: [
        link(url, "self", "application/json", "Diese Sammlung"),
        link(`${url}?f=html`, "alternate", "text/html", "Diese Sammlung als HTML"),
        link(`${url}/items`, "items", "application/geo+json", "Die Gebiete (GeoJSON)"),
        link(`${url}/items?f=html`, "items", "text/html", "Die Gebiete (HTML)"),
      ],
      extent: {
        spatial: { bbox: d.bbox ? [[...d.bbox]] : [], crs: CRS84 },
        temporal: {
          interval:
            d.periods.length > 0 ? [[d.periods[0]!.start, d.periods.at(-1)!.end]] : [[null, null]],
          trs: "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian",
        },
      },
      itemType: "feature",
      crs: [CRS84],
      storageCrs: CRS84,
    };
  }

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
      const root = base(req);
      const origin = baseUrlOf(req, deps.publicUrl);
      const doc = {
        title: "Sopla – offene Sozialdaten (OGC API – Features)",
        description:
          "Öffentliche kleinräumige Sozialindikatoren der Kommunen dieser Installation, nach Geheimhaltung.",
        links: [
          link(root, "self", "application/json", "Diese Seite"),
          link(`${root}?f=html`, "alternate", "text/html", "Diese Seite als HTML"),
          link(
            `${origin}/api/docs/json`,
            "service-desc",
            "application/vnd.oai.openapi+json;version=3.0",
            "API-Beschreibung (OpenAPI 3)",
          ),
          link(`${origin}/api/docs`, "service-doc", "text/html", "API-Dokumentation"),
          link(`${root}/conformance`, "conformance", "application/json", "Konformitätsklassen"),
          link(`${root}/collections`, "data", "application/json", "Sammlungen"),
        ],
      };
      if (!wantsHtml(req, req.query.f)) return doc;
      return html(
        reply,
        doc.title,
        `<p>${esc(doc.description)}</p><ul>${doc.links
          .filter((l) => l.rel !== "self")
          .map((l) => `<li><a href="${esc(l.href)}">${esc(l.title)}</a> (${esc(l.type)})</li>`)
          .join("")}</ul>`,
      );
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
      return html(
        reply,
        "Konformitätsklassen",
        `<ul>${CONFORMANCE.map((c) => `<li><code>${esc(c)}</code></li>`).join("")}</ul>`,
      );
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
      const layers = await listAllPublicLayers(ctx);
      const collections = [];
      for (const layer of layers)
        collections.push(collectionDoc(req, layer, await datasetOf(layer)));
      const root = base(req);
      if (!wantsHtml(req, req.query.f)) {
        return {
          links: [
            link(`${root}/collections`, "self", "application/json", "Sammlungen"),
            link(`${root}/collections?f=html`, "alternate", "text/html", "Sammlungen als HTML"),
          ],
          collections,
        };
      }
      return html(
        reply,
        "Sammlungen",
        `<table><caption>Sammlungen (Kommune und Gebietsebene)</caption><thead><tr><th scope="col">Kennung</th><th scope="col">Titel</th><th scope="col">Gebiete</th></tr></thead><tbody>${collections
          .map(
            (c) =>
              `<tr><td><a href="${esc(`${root}/collections/${c.id}?f=html`)}">${esc(c.id)}</a></td><td>${esc(c.title)}</td><td><a href="${esc(`${root}/collections/${c.id}/items?f=html`)}">Gebiete anzeigen</a></td></tr>`,
          )
          .join("")}</tbody></table>`,
      );
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
      const layer = await findLayer(req.params.collectionId);
      const doc = collectionDoc(req, layer, await datasetOf(layer));
      if (!wantsHtml(req, req.query.f)) return doc;
      return html(
        reply,
        doc.title,
        `<p>${esc(doc.description)}</p><p><a href="${esc(`${base(req)}/collections/${doc.id}/items?f=html`)}">Gebiete anzeigen</a></p>`,
      );
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
      const q = req.query;
      const layer = await findLayer(req.params.collectionId);
      const d = await datasetOf(layer);
      const period = choosePeriod(d, q.datetime);
      let matched: FeatureWithBbox[] = period === null ? [] : featuresOf(d, period);
      if (q.bbox) {
        const [minX, minY, maxX, maxY] = q.bbox;
        matched = matched.filter(
          ({ bbox: b }) =>
            b !== null && b[0] <= maxX && b[2] >= minX && b[1] <= maxY && b[3] >= minY,
        );
      }
      const features = matched;
      const page = features.slice(q.offset, q.offset + q.limit).map((f) => f.feature);
      const url = `${base(req)}/collections/${collectionId(layer)}/items`;
      const params = (offset: number, f?: "html") => {
        const p = new URLSearchParams();
        p.set("limit", String(q.limit));
        p.set("offset", String(offset));
        const rawQuery = new URL(req.url, "http://x").searchParams;
        if (rawQuery.has("bbox")) p.set("bbox", rawQuery.get("bbox")!);
        if (rawQuery.has("datetime")) p.set("datetime", rawQuery.get("datetime")!);
        if (f) p.set("f", f);
        return `${url}?${p.toString()}`;
      };
      const links = [
        link(params(q.offset), "self", "application/geo+json", "Diese Seite"),
        link(params(q.offset, "html"), "alternate", "text/html", "Diese Seite als HTML"),
        link(
          `${base(req)}/collections/${collectionId(layer)}`,
          "collection",
          "application/json",
          "Die Sammlung",
        ),
      ];
      if (q.offset + q.limit < features.length) {
        links.push(
          link(params(q.offset + q.limit), "next", "application/geo+json", "Nächste Seite"),
        );
      }
      if (q.offset > 0) {
        links.push(
          link(
            params(Math.max(0, q.offset - q.limit)),
            "prev",
            "application/geo+json",
            "Vorige Seite",
          ),
        );
      }
      const doc = {
        type: "FeatureCollection" as const,
        period,
        features: page,
        numberMatched: features.length,
        numberReturned: page.length,
        timeStamp: ctx.now().toISOString(),
        links,
      };
      if (!wantsHtml(req, q.f)) {
        reply.header("access-control-allow-origin", "*");
        return reply.type("application/geo+json").send(JSON.stringify(doc));
      }
      return html(
        reply,
        `${layer.workspace.name}: ${layer.level.name} (${period ?? "–"})`,
        itemsTable(d, page, links),
      );
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
      const layer = await findLayer(req.params.collectionId);
      const d = await datasetOf(layer);
      const period = choosePeriod(d, req.query.datetime);
      const feature =
        period === null
          ? undefined
          : featuresOf(d, period).find((f) => f.feature.properties.code === req.params.featureId)
              ?.feature;
      if (!feature) throw notFound("Gebiet", req.params.featureId);
      const url = `${base(req)}/collections/${collectionId(layer)}`;
      const doc = {
        ...feature,
        links: [
          link(
            `${url}/items/${req.params.featureId}`,
            "self",
            "application/geo+json",
            "Dieses Gebiet",
          ),
          link(`${url}/items/${req.params.featureId}?f=html`, "alternate", "text/html", "Als HTML"),
          link(url, "collection", "application/json", "Die Sammlung"),
        ],
      };
      if (!wantsHtml(req, req.query.f)) {
        reply.header("access-control-allow-origin", "*");
        return reply.type("application/geo+json").send(JSON.stringify(doc));
      }
      return html(reply, feature.properties.name, itemsTable(d, [feature], []));
    },
  );
}

/** The period a request means: the latest overlapping `datetime`, or the latest of all. */
function choosePeriod(
  d: PublicDataset,
  datetime: { start: number | null; end: number | null } | undefined,
): string | null {
  if (!datetime) return d.periods.at(-1)?.code ?? null;
  const fits = d.periods.filter((p) => {
    const start = Date.parse(`${p.start}T00:00:00Z`);
    const end = Date.parse(`${p.end}T23:59:59Z`);
    return (
      (datetime.start === null || end >= datetime.start) &&
      (datetime.end === null || start <= datetime.end)
    );
  });
  if (datetime.start !== null && datetime.end !== null && datetime.start > datetime.end) {
    throw new AppError("invalid_input", "datetime: der Anfang liegt nach dem Ende.");
  }
  return fits.at(-1)?.code ?? null;
}

function itemsTable(
  d: PublicDataset,
  features: readonly OpenFeature[],
  links: readonly { href: string; rel: string; title: string }[],
): string {
  const nf = new Map(
    d.indicators.map((i) => [
      i.code,
      new Intl.NumberFormat("de-DE", {
        minimumFractionDigits: i.decimals,
        maximumFractionDigits: i.decimals,
      }),
    ]),
  );
  const head = d.indicators
    .map((i) => `<th scope="col" class="num">${esc(i.name)} (${esc(i.unit)})</th>`)
    .join("");
  const rows = features
    .map((f) => {
      const props = f.properties as Record<string, unknown>;
      const cells = d.indicators
        .map((i) => {
          const v = props[i.code];
          const sign = props[`${i.code}_zeichen`];
          const marks = typeof sign === "string" ? sign : "";
          const text =
            typeof v === "number"
              ? `${nf.get(i.code)!.format(v)}${marks ? ` ${esc(marks)}` : ""}`
              : esc(marks || ".");
          return `<td class="num">${text}</td>`;
        })
        .join("");
      return `<tr><th scope="row">${esc(String(props["name"]))} <small>(${esc(String(props["code"]))})</small></th>${cells}</tr>`;
    })
    .join("");
  const nav = links
    .filter((l) => l.rel === "next" || l.rel === "prev")
    .map(
      (l) =>
        `<a href="${esc(l.href.replace(/([?&])f=[^&]*&?/, "$1") + "&f=html")}">${esc(l.title)}</a>`,
    )
    .join(" ");
  const legend = datasetLegend(d)
    .map((l) => `<li>${esc(l)}</li>`)
    .join("");
  return `<p>Werte nach Geheimhaltung.</p><h2>Zeichenerklärung</h2><ul>${legend}</ul>${scrollTable(
    "Gebiete und Werte (seitlich verschiebbar)",
    `<table><thead><tr><th scope="col">Gebiet</th>${head}</tr></thead><tbody>${rows}</tbody></table>`,
  )}<p>${nav}</p><p>${esc(d.workspace.attribution ?? "")}</p>`;
}
