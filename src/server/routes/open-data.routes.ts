/**
 * Open data under /open, for everyone and without login: the public indicators of each
 * workspace and area level as CSV (German or international dialect), XLSX, JSON-stat 2.0 and
 * GeoJSON, the map-ready values of one indicator, and a DCAT-AP.de catalogue (Turtle and
 * JSON-LD) for the national open-data portal. Only items published as `public` appear, and
 * every number has passed disclosure control; withheld values carry the dot of official tables.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { errorResponses } from "../../contracts/common.ts";
import { indicatorValueSetDto } from "../../contracts/indicators.ts";
import { writeCsv } from "../../exports/csv/write-csv.ts";
import {
  DEFAULT_LICENCE,
  writeDcatJsonLd,
  writeDcatTurtle,
  type DcatCatalogue,
  type DcatDataset,
} from "../../exports/dcat/dcat-ap-de.ts";
import { buildGeoJson, type AreaGeometry } from "../../exports/geojson/build-geojson.ts";
import { buildJsonStat } from "../../exports/jsonstat/build-jsonstat.ts";
import { roundToDecimals } from "../../exports/open-dataset.ts";
import { writeXlsx } from "../../exports/xlsx/write-xlsx.ts";
import { AppError, notFound } from "../../services/app-error.ts";
import { computeIndicatorValueSet } from "../../services/indicators/indicator-values.ts";
import { listPublicLayers } from "../../services/open-data.ts";
import {
  getWorkspaces,
  resolveWorkspaceCached,
  type Workspace,
} from "../../services/workspaces.ts";
import { PUBLIC } from "../access.ts";
import { baseUrlOf, type RouteDeps } from "../route-deps.ts";
import { sendCached, sendNotModified } from "../send-json-text.ts";
import type { ZodApp } from "../zod-app.ts";

const slug = z.string().regex(/^[a-z0-9-]{2,40}$/, "Kennung eines Arbeitsbereichs");
const code = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "Code");
const wsParams = z.strictObject({ workspace: slug });
const layerParams = z.strictObject({ workspace: slug, level: code });
const noQuery = z.strictObject({});

export function registerOpenDataRoutes(app: ZodApp, deps: RouteDeps): void {
  const { ctx, indicatorCache } = deps;

  const workspaceOf = (slugText: string) => resolveWorkspaceCached(ctx, slugText);
  const dataset = (ws: Workspace, level: string) => deps.publicDatasets.get(ws, level);

  /** Sends a file for download with a validator, so an unchanged file is not sent twice. */
  function download(
    req: FastifyRequest,
    reply: FastifyReply,
    ws: Workspace,
    file: { name: string; type: string; body: () => Promise<Buffer | string> | Buffer | string },
  ) {
    const etag = `"${ws.id}-${ws.dataVersion}-${file.name}"`;
    reply.header("etag", etag);
    reply.header("cache-control", "public, max-age=300");
    reply.header("access-control-allow-origin", "*");
    if (req.headers["if-none-match"] === etag) return sendNotModified(reply);
    return Promise.resolve(file.body()).then((body) =>
      reply
        .type(file.type)
        .header("content-disposition", `attachment; filename="${file.name}"`)
        .send(body),
    );
  }

  app.get(
    "/open",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["Offene Daten"],
        summary: "Verzeichnis der offenen Daten aller Arbeitsbereiche",
        querystring: noQuery,
        response: { 200: z.unknown() },
      },
    },
    async (req) => {
      const base = baseUrlOf(req, deps.publicUrl);
      const out = [];
      for (const ws of await getWorkspaces(ctx)) {
        const layers = await listPublicLayers(ctx, ws);
        if (layers.length === 0) continue;
        out.push({
          workspace: ws.slug,
          name: ws.name,
          attribution: ws.attribution,
          catalogue: {
            turtle: `${base}/open/${ws.slug}/catalog.ttl`,
            jsonld: `${base}/open/${ws.slug}/catalog.jsonld`,
          },
          indicators: layers[0]!.indicators.map((i) => ({ code: i.code, name: i.name })),
          datasets: layers.map((l) => ({
            level: l.level.code,
            name: l.level.name,
            files: fileLinks(base, ws.slug, l.level.code),
          })),
        });
      }
      return { workspaces: out };
    },
  );

  app.get(
    "/open/:workspace/levels/:level/indicators.csv",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["Offene Daten"],
        summary: "Öffentliche Indikatoren einer Ebene als CSV (deutsch oder international)",
        description:
          "`dialect=de` (Standard): Semikolon, Dezimalkomma, UTF-8 mit BOM – öffnet in Excel direkt. `dialect=intl`: Komma, Dezimalpunkt, UTF-8. Gesperrte Werte sind leer, mit „.“ in der Spalte „Zeichen“.",
        params: layerParams,
        querystring: z.strictObject({ dialect: z.enum(["de", "intl"]).default("de") }),
        response: { 200: z.unknown(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const ws = await workspaceOf(req.params.workspace);
      const d = await dataset(ws, req.params.level);
      const dialect = req.query.dialect;
      return download(req, reply, ws, {
        name: `${ws.slug}-${req.params.level}-indikatoren${dialect === "intl" ? "-intl" : ""}.csv`,
        type: "text/csv; charset=utf-8",
        body: () => writeCsv(d, dialect),
      });
    },
  );

  app.get(
    "/open/:workspace/levels/:level/indicators.xlsx",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["Offene Daten"],
        summary: "Öffentliche Indikatoren einer Ebene als Excel-Arbeitsmappe",
        params: layerParams,
        querystring: noQuery,
        response: { 200: z.unknown(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const ws = await workspaceOf(req.params.workspace);
      const d = await dataset(ws, req.params.level);
      return download(req, reply, ws, {
        name: `${ws.slug}-${req.params.level}-indikatoren.xlsx`,
        type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        body: () => writeXlsx(d),
      });
    },
  );

  app.get(
    "/open/:workspace/levels/:level/indicators.jsonstat.json",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["Offene Daten"],
        summary:
          "Öffentliche Indikatoren einer Ebene als JSON-stat 2.0 (Indikator × Gebiet × Zeitraum)",
        params: layerParams,
        querystring: noQuery,
        response: { 200: z.unknown(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const ws = await workspaceOf(req.params.workspace);
      const d = await dataset(ws, req.params.level);
      return download(req, reply, ws, {
        name: `${ws.slug}-${req.params.level}-indikatoren.jsonstat.json`,
        type: "application/json; charset=utf-8",
        body: () => JSON.stringify(buildJsonStat(d)),
      });
    },
  );

  app.get(
    "/open/:workspace/levels/:level/indicators.geojson",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["Offene Daten"],
        summary:
          "Gebiete einer Ebene mit den öffentlichen Indikatorwerten eines Zeitraums (GeoJSON)",
        params: layerParams,
        querystring: z.strictObject({
          period: z.string().max(32).optional().describe("Zeitraum; Standard: der jüngste"),
        }),
        response: { 200: z.unknown(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const ws = await workspaceOf(req.params.workspace);
      const d = await dataset(ws, req.params.level);
      const period = req.query.period ?? d.periods.at(-1)?.code;
      if (period === undefined || !d.periods.some((p) => p.code === period)) {
        throw notFound("Zeitraum", period ?? "(keiner)");
      }
      return download(req, reply, ws, {
        name: `${ws.slug}-${req.params.level}-${period}.geojson`,
        type: "application/geo+json",
        body: () =>
          JSON.stringify(buildGeoJson(d, d.geometry as ReadonlyMap<string, AreaGeometry>, period)),
      });
    },
  );

  app.get(
    "/open/:workspace/indicators/:code/values",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["Offene Daten"],
        summary: "Kartenwerte eines öffentlichen Indikators (immer mit Geheimhaltung)",
        params: z.strictObject({ workspace: slug, code }),
        querystring: z.strictObject({
          period: z.string().max(32).optional(),
          level: z.string().max(64).optional(),
        }),
        response: { 200: indicatorValueSetDto, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ws = await workspaceOf(req.params.workspace);
      const q = req.query;
      const key = indicatorCache.key(ws.id, ws.dataVersion, [
        req.params.code,
        q.period,
        q.level,
        "on",
        "public",
      ]);
      const compute = async () => {
        const set = await computeIndicatorValueSet(ctx, ws, req.params.code, {
          period: q.period,
          level: q.level,
          disclosure: true,
          audience: "public",
        });
        // Rounded as in every published table; the public learns that a value is withheld,
        // not why (primary or secondary).
        const round = (x: number | null) => (x === null ? null : roundToDecimals(x, set.decimals));
        const values = set.values.map((v) => ({
          ...v,
          value: round(v.value),
          change: round(v.change),
          reason: v.status === "suppressed" ? "withheld" : v.reason,
        }));
        const reference = set.reference && { ...set.reference, value: round(set.reference.value) };
        return { ...set, reference, values };
      };
      return sendCached(reply, indicatorCache, key, compute, {
        "cache-control": "public, max-age=60",
        "access-control-allow-origin": "*",
      });
    },
  );

  for (const format of ["ttl", "jsonld"] as const) {
    app.get(
      `/open/:workspace/catalog.${format}`,
      {
        config: { access: PUBLIC },
        schema: {
          tags: ["Offene Daten"],
          summary:
            format === "ttl"
              ? "DCAT-AP.de-Katalog der offenen Daten (Turtle)"
              : "DCAT-AP.de-Katalog der offenen Daten (JSON-LD)",
          params: wsParams,
          querystring: noQuery,
          response: { 200: z.unknown(), ...errorResponses },
        },
      },
      async (req, reply) => {
        const ws = await workspaceOf(req.params.workspace);
        const base = baseUrlOf(req, deps.publicUrl);
        const { catalogue, items } = await dcatOf(ws, base);
        return download(req, reply, ws, {
          name: `${ws.slug}-katalog.${format}`,
          type: format === "ttl" ? "text/turtle; charset=utf-8" : "application/ld+json",
          body: () =>
            format === "ttl"
              ? writeDcatTurtle(catalogue, items)
              : JSON.stringify(writeDcatJsonLd(catalogue, items)),
        });
      },
    );
  }

  async function dcatOf(
    ws: Workspace,
    base: string,
  ): Promise<{ catalogue: DcatCatalogue; items: DcatDataset[] }> {
    if (!ws.municipalityKey || !ws.contactEmail || !ws.publisher) {
      throw new AppError(
        "not_found",
        "Für diesen Arbeitsbereich ist kein Open-Data-Katalog eingerichtet (Gemeindeschlüssel, Herausgeber und Kontakt fehlen).",
      );
    }
    const catalogue: DcatCatalogue = {
      title: `Offene Sozialdaten – ${ws.name}`,
      description: `Kleinräumige Sozialindikatoren von ${ws.name}, veröffentlicht mit Sopla. Alle Werte haben die Geheimhaltung durchlaufen; gesperrte Werte sind mit „.“ gekennzeichnet.`,
      homepage: ws.homepage ?? `${base}/open`,
      publisher: { name: ws.publisher, url: ws.homepage },
      contactEmail: ws.contactEmail,
      licence: ws.licence ?? DEFAULT_LICENCE,
      ...(ws.attribution ? { attributionText: ws.attribution } : {}),
      municipalityKey: ws.municipalityKey,
      baseUrl: `${base}/open/${ws.slug}`,
    };
    const items: DcatDataset[] = [];
    for (const layer of await listPublicLayers(ctx, ws)) {
      const d = await dataset(ws, layer.level.code);
      if (d.periods.length === 0 || !d.bbox) continue;
      const links = fileLinks(base, ws.slug, layer.level.code);
      items.push({
        id: `indikatoren-${layer.level.code}`,
        title: `${ws.name}: Sozialindikatoren nach ${layer.level.name}`,
        description: `${d.indicators.length} Indikatoren (${d.indicators
          .map((i) => i.name)
          .join(
            ", ",
          )}) für ${d.areas.length} Gebiete der Ebene „${layer.level.name}“, ${d.periods[0]!.code} bis ${d.periods.at(-1)!.code}.`,
        keywords: ["Sozialplanung", "Sozialraum", "Indikatoren", layer.level.name],
        temporal: { start: d.periods[0]!.start, end: d.periods.at(-1)!.end },
        bbox: d.bbox,
        modified: d.generatedAt.toISOString().slice(0, 10),
        distributions: [
          { url: links.csv, format: "CSV", title: "CSV (deutsch: Semikolon, Dezimalkomma)" },
          { url: links.csvIntl, format: "CSV", title: "CSV (international)" },
          { url: links.xlsx, format: "XLSX", title: "Excel-Arbeitsmappe" },
          { url: links.jsonstat, format: "JSON", title: "JSON-stat 2.0" },
          { url: links.geojson, format: "GEOJSON", title: "GeoJSON (jüngster Zeitraum)" },
        ],
      });
    }
    return { catalogue, items };
  }
}

function fileLinks(base: string, ws: string, level: string) {
  const root = `${base}/open/${ws}/levels/${encodeURIComponent(level)}/indicators`;
  return {
    csv: `${root}.csv`,
    csvIntl: `${root}.csv?dialect=intl`,
    xlsx: `${root}.xlsx`,
    jsonstat: `${root}.jsonstat.json`,
    geojson: `${root}.geojson`,
  };
}
