/**
 * The documents of OGC API – Features, Part 1: Core, built from the public datasets
 * (open-data.ts): the landing page, the conformance classes, the collections (one per
 * workspace and area level) and their features (the areas with the values of every public
 * indicator for one period), paged and filtered by `bbox` and `datetime`, with the links the
 * standard asks for. `root` is the public address of the API (…/ogc).
 */
import type { OpenFeature } from "../../exports/geojson/build-geojson.ts";
import { buildGeoJson, type AreaGeometry } from "../../exports/geojson/build-geojson.ts";
import { AppError, notFound } from "../app-error.ts";
import type { ServiceContext } from "../context.ts";
import {
  geometryBbox,
  listAllPublicLayers,
  type PublicDataset,
  type PublicLayerInfo,
} from "./open-data.ts";

const CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
export const CONFORMANCE = [
  "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
  "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
  "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
  "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
];

export interface OgcLink {
  readonly href: string;
  readonly rel: string;
  readonly type: string;
  readonly title: string;
}

const link = (href: string, rel: string, type: string, title: string): OgcLink => ({
  href,
  rel,
  type,
  title,
});

/** `[minLon, minLat, maxLon, maxLat]` in CRS84. */
export type Bbox = readonly [number, number, number, number];

/** A `datetime` filter: milliseconds since the epoch, null for an open end. */
export interface DatetimeFilter {
  readonly start: number | null;
  readonly end: number | null;
}

interface FeatureWithBbox {
  readonly feature: OpenFeature;
  readonly bbox: Bbox | null;
}

export function collectionId(layer: PublicLayerInfo): string {
  return `${layer.workspace.slug}.${layer.level.code}`;
}

/** The public layer a collection id names; not found otherwise. */
export async function findPublicLayer(ctx: ServiceContext, id: string): Promise<PublicLayerInfo> {
  const layer = (await listAllPublicLayers(ctx)).find((l) => collectionId(l) === id);
  if (!layer) throw notFound("Sammlung", id);
  return layer;
}

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

/** The period a request means: the latest overlapping `datetime`, or the latest of all. */
function choosePeriod(d: PublicDataset, datetime: DatetimeFilter | undefined): string | null {
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

/** The landing page; `origin` is the installation's public address. */
export function landingDoc(root: string, origin: string) {
  return {
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
}

/** One collection with its extent in space and time. */
export function collectionDoc(root: string, layer: PublicLayerInfo, d: PublicDataset) {
  const id = collectionId(layer);
  const url = `${root}/collections/${id}`;
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

/** Every collection of the installation, with its dataset. */
export async function collectionsDoc(
  ctx: ServiceContext,
  root: string,
  datasetOf: (layer: PublicLayerInfo) => Promise<PublicDataset>,
) {
  const collections = [];
  for (const layer of await listAllPublicLayers(ctx)) {
    collections.push(collectionDoc(root, layer, await datasetOf(layer)));
  }
  return {
    links: [
      link(`${root}/collections`, "self", "application/json", "Sammlungen"),
      link(`${root}/collections?f=html`, "alternate", "text/html", "Sammlungen als HTML"),
    ],
    collections,
  };
}

/** What an items request asks for; `bbox` and `datetime` as written, for the page links. */
export interface ItemsRequest {
  readonly limit: number;
  readonly offset: number;
  readonly bbox?: Bbox | undefined;
  readonly datetime?: DatetimeFilter | undefined;
  readonly written: { readonly bbox: string | null; readonly datetime: string | null };
}

/**
 * One page of a collection's features for the period the request means, those whose bounding
 * box meets `bbox`, with links to this page, its HTML, the collection and the pages around it.
 */
export function itemsPage(
  ctx: ServiceContext,
  root: string,
  layer: PublicLayerInfo,
  d: PublicDataset,
  q: ItemsRequest,
) {
  const period = choosePeriod(d, q.datetime);
  let matched: FeatureWithBbox[] = period === null ? [] : featuresOf(d, period);
  if (q.bbox) {
    const [minX, minY, maxX, maxY] = q.bbox;
    matched = matched.filter(
      ({ bbox: b }) => b !== null && b[0] <= maxX && b[2] >= minX && b[1] <= maxY && b[3] >= minY,
    );
  }
  const page = matched.slice(q.offset, q.offset + q.limit).map((f) => f.feature);
  const url = `${root}/collections/${collectionId(layer)}/items`;
  const params = (offset: number, f?: "html") => {
    const p = new URLSearchParams();
    p.set("limit", String(q.limit));
    p.set("offset", String(offset));
    if (q.written.bbox !== null) p.set("bbox", q.written.bbox);
    if (q.written.datetime !== null) p.set("datetime", q.written.datetime);
    if (f) p.set("f", f);
    return `${url}?${p.toString()}`;
  };
  const links = [
    link(params(q.offset), "self", "application/geo+json", "Diese Seite"),
    link(params(q.offset, "html"), "alternate", "text/html", "Diese Seite als HTML"),
    link(
      `${root}/collections/${collectionId(layer)}`,
      "collection",
      "application/json",
      "Die Sammlung",
    ),
  ];
  if (q.offset + q.limit < matched.length) {
    links.push(link(params(q.offset + q.limit), "next", "application/geo+json", "Nächste Seite"));
  }
  if (q.offset > 0) {
    links.push(
      link(params(Math.max(0, q.offset - q.limit)), "prev", "application/geo+json", "Vorige Seite"),
    );
  }
  return {
    type: "FeatureCollection" as const,
    period,
    features: page,
    numberMatched: matched.length,
    numberReturned: page.length,
    timeStamp: ctx.now().toISOString(),
    links,
  };
}

/** One area of a collection with its values for the period the request means. */
export function featureDoc(
  root: string,
  layer: PublicLayerInfo,
  d: PublicDataset,
  featureId: string,
  datetime: DatetimeFilter | undefined,
) {
  const period = choosePeriod(d, datetime);
  const feature =
    period === null
      ? undefined
      : featuresOf(d, period).find((f) => f.feature.properties.code === featureId)?.feature;
  if (!feature) throw notFound("Gebiet", featureId);
  const url = `${root}/collections/${collectionId(layer)}`;
  return {
    ...feature,
    links: [
      link(`${url}/items/${featureId}`, "self", "application/geo+json", "Dieses Gebiet"),
      link(`${url}/items/${featureId}?f=html`, "alternate", "text/html", "Als HTML"),
      link(url, "collection", "application/json", "Die Sammlung"),
    ],
  };
}
