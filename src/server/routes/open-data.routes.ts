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
import { writeDcatJsonLd, writeDcatTurtle } from "../../exports/dcat/dcat-ap-de.ts";
import { buildGeoJson, type AreaGeometry } from "../../exports/geojson/build-geojson.ts";
import { buildJsonStat } from "../../exports/jsonstat/build-jsonstat.ts";
import { writeXlsx } from "../../exports/xlsx/write-xlsx.ts";
import { notFound } from "../../services/app-error.ts";
import type { PublicDataset } from "../../services/open-data/open-data.ts";
import {
  dcatCatalogue,
  openDataDirectory,
  publicValueSet,
} from "../../services/open-data/open-data-answers.ts";
import { resolveWorkspaceCached, type Workspace } from "../../services/workspaces.ts";
import { PUBLIC } from "../access.ts";
import { baseUrlOf, type RouteDeps } from "../route-deps.ts";
import { sendCached, sendNotModified } from "../send-json-text.ts";
import type { ZodApp } from "../zod-app.ts";

const slug = z.string().regex(/^[a-z0-9-]{2,40}$/, "Kennung eines Arbeitsbereichs");
const code = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "Code");
const wsParams = z.strictObject({ workspace: slug });
const layerParams = z.strictObject({ workspace: slug, level: code });
const noQuery = z.strictObject({});

/** A file for download: its name, media type, and its bytes, made only when they are sent. */
interface DownloadFile {
  readonly name: string;
  readonly type: string;
  body(): Promise<Buffer | string> | Buffer | string;
}

/** What the query of a level's file may hold (each file's schema takes a part of it). */
interface LevelFileQuery {
  readonly dialect?: "de" | "intl";
  readonly period?: string | undefined;
}

/** One downloadable file of a level's public indicators: one route each. */
interface LevelFile {
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly querystring: z.ZodType<LevelFileQuery>;
  file(ws: string, level: string, d: PublicDataset, q: LevelFileQuery): DownloadFile;
}

const LEVEL_FILES: readonly LevelFile[] = [
  {
    path: "indicators.csv",
    summary: "Öffentliche Indikatoren einer Ebene als CSV (deutsch oder international)",
    description:
      "`dialect=de` (Standard): Semikolon, Dezimalkomma, UTF-8 mit BOM – öffnet in Excel direkt. `dialect=intl`: Komma, Dezimalpunkt, UTF-8. Gesperrte Werte sind leer, mit „.“ in der Spalte „Zeichen“.",
    querystring: z.strictObject({ dialect: z.enum(["de", "intl"]).default("de") }),
    file: (ws, level, d, { dialect = "de" }) => ({
      name: `${ws}-${level}-indikatoren${dialect === "intl" ? "-intl" : ""}.csv`,
      type: "text/csv; charset=utf-8",
      body: () => writeCsv(d, dialect),
    }),
  },
  {
    path: "indicators.xlsx",
    summary: "Öffentliche Indikatoren einer Ebene als Excel-Arbeitsmappe",
    querystring: noQuery,
    file: (ws, level, d) => ({
      name: `${ws}-${level}-indikatoren.xlsx`,
      type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      body: () => writeXlsx(d),
    }),
  },
  {
    path: "indicators.jsonstat.json",
    summary:
      "Öffentliche Indikatoren einer Ebene als JSON-stat 2.0 (Indikator × Gebiet × Zeitraum)",
    querystring: noQuery,
    file: (ws, level, d) => ({
      name: `${ws}-${level}-indikatoren.jsonstat.json`,
      type: "application/json; charset=utf-8",
      body: () => JSON.stringify(buildJsonStat(d)),
    }),
  },
  {
    path: "indicators.geojson",
    summary: "Gebiete einer Ebene mit den öffentlichen Indikatorwerten eines Zeitraums (GeoJSON)",
    querystring: z.strictObject({
      period: z.string().max(32).optional().describe("Zeitraum; Standard: der jüngste"),
    }),
    file: (ws, level, d, q) => {
      const period = q.period ?? d.periods.at(-1)?.code;
      if (period === undefined || !d.periods.some((p) => p.code === period)) {
        throw notFound("Zeitraum", period ?? "(keiner)");
      }
      return {
        name: `${ws}-${level}-${period}.geojson`,
        type: "application/geo+json",
        body: () =>
          JSON.stringify(buildGeoJson(d, d.geometry as ReadonlyMap<string, AreaGeometry>, period)),
      };
    },
  },
];

export function registerOpenDataRoutes(app: ZodApp, deps: RouteDeps): void {
  const { ctx, indicatorCache } = deps;

  const workspaceOf = (slugText: string) => resolveWorkspaceCached(ctx, slugText);
  const dataset = (ws: Workspace, level: string) => deps.publicDatasets.get(ws, level);

  /** Sends a file for download with a validator, so an unchanged file is not sent twice. */
  function download(req: FastifyRequest, reply: FastifyReply, ws: Workspace, file: DownloadFile) {
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
    async (req) => openDataDirectory(ctx, baseUrlOf(req, deps.publicUrl)),
  );

  for (const f of LEVEL_FILES) {
    app.get(
      `/open/:workspace/levels/:level/${f.path}`,
      {
        config: { access: PUBLIC },
        schema: {
          tags: ["Offene Daten"],
          summary: f.summary,
          ...(f.description === undefined ? {} : { description: f.description }),
          params: layerParams,
          querystring: f.querystring,
          response: { 200: z.unknown(), ...errorResponses },
        },
      },
      async (req, reply) => {
        const ws = await workspaceOf(req.params.workspace);
        const d = await dataset(ws, req.params.level);
        return download(req, reply, ws, f.file(ws.slug, req.params.level, d, req.query));
      },
    );
  }

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
      return sendCached(
        reply,
        indicatorCache,
        key,
        () => publicValueSet(ctx, ws, req.params.code, q),
        {
          "cache-control": "public, max-age=60",
          "access-control-allow-origin": "*",
        },
      );
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
        const { catalogue, items } = await dcatCatalogue(ctx, deps.publicDatasets, ws, base);
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
}
