/**
 * The runs of a stored social index: computing and keeping a run, listing them, one run with
 * every area's result and the method, the comparison with the previous edition, and a run as
 * a file (CSV with every step, GeoJSON with the outlines). Planners only.
 */
import { z } from "zod";
import { errorResponses, workspaceQuery } from "../../contracts/common.ts";
import {
  comparisonDto,
  comparisonQuery,
  indexCodeParams,
  indexRunDto,
  runExportQuery,
  runIdParams,
  runIndexRequest,
  runListDto,
} from "../../contracts/social-index.ts";
import { writeIndexResultCsv } from "../../exports/csv/index-result-csv.ts";
import { writeIndexResultGeoJson } from "../../exports/geojson/index-result-geojson.ts";
import { getAreas } from "../../services/areas.ts";
import {
  compareIndexRuns,
  getRun,
  listRuns,
  runIndex,
} from "../../services/social-index/index-runs.ts";
import { getIndex } from "../../services/social-index/index-definitions.ts";
import { actorOf, audienceOf, membershipOf, members } from "../access.ts";
import type { RouteDeps } from "../route-deps.ts";
import type { ZodApp } from "../zod-app.ts";
import { runJson, summaryJson } from "./social-index-json.ts";

export function registerSocialIndexRunRoutes(app: ZodApp, { ctx }: RouteDeps): void {
  app.post(
    "/api/analyses/indices/:code/runs",
    {
      config: { access: members("planner"), expensive: true },
      schema: {
        tags: ["Analysen"],
        summary: "Index berechnen und den Lauf speichern",
        description:
          "Berechnet eine Version (Standard: die neueste) auf einer Ebene und zu einem Zeitraum aus den gespeicherten Werten und behält den Lauf mit allen Gebietsergebnissen und der Methode.",
        params: indexCodeParams,
        querystring: workspaceQuery,
        body: runIndexRequest,
        response: { 201: indexRunDto, ...errorResponses },
      },
    },
    async (req, reply) => {
      const run = await runIndex(
        ctx,
        membershipOf(req).workspace,
        req.params.code,
        req.body,
        actorOf(req),
        audienceOf(req),
      );
      return reply.code(201).send(runJson(run));
    },
  );

  app.get(
    "/api/analyses/indices/:code/runs",
    {
      config: { access: members("planner") },
      schema: {
        tags: ["Analysen"],
        summary: "Die Läufe eines Index, neueste zuerst",
        params: indexCodeParams,
        querystring: workspaceQuery,
        response: { 200: runListDto, ...errorResponses },
      },
    },
    async (req) => {
      const ws = membershipOf(req).workspace;
      await getIndex(ctx, ws, req.params.code); // 404 for an unknown index
      return { runs: (await listRuns(ctx, ws, req.params.code)).map(summaryJson) };
    },
  );

  app.get(
    "/api/analyses/runs/:id",
    {
      config: { access: members("planner") },
      schema: {
        tags: ["Analysen"],
        summary: "Ein Indexlauf mit allen Gebietsergebnissen und der Methode",
        params: runIdParams,
        querystring: workspaceQuery,
        response: { 200: indexRunDto, ...errorResponses },
      },
    },
    async (req) => runJson(await getRun(ctx, membershipOf(req).workspace, req.params.id)),
  );

  app.get(
    "/api/analyses/runs/:id/comparison",
    {
      config: { access: members("planner"), expensive: true },
      schema: {
        tags: ["Analysen"],
        summary: "Vergleich zweier Läufe: welche Gebiete die Klasse gewechselt haben",
        description:
          "Ohne `with` vergleicht der Lauf mit der vorigen Ausgabe: dem aktuellen (neuesten) Lauf des letzten früheren Zeitraums derselben Art auf derselben Ebene (2021 mit 2020). Ein neuer Lauf für denselben Zeitraum ändert daran nichts. Mit `with` ein gewählter Lauf derselben Ebene.",
        params: runIdParams,
        querystring: comparisonQuery,
        response: { 200: comparisonDto, ...errorResponses },
      },
    },
    async (req) => {
      const c = await compareIndexRuns(
        ctx,
        membershipOf(req).workspace,
        req.params.id,
        req.query.with,
      );
      return {
        comparison: c && {
          ...c,
          previous: summaryJson(c.previous),
          current: summaryJson(c.current),
          changes: [...c.changes],
          onlyInPrevious: [...c.onlyInPrevious],
          onlyInCurrent: [...c.onlyInCurrent],
        },
      };
    },
  );

  app.get(
    "/api/analyses/runs/:id/export",
    {
      config: { access: members("planner"), expensive: true },
      schema: {
        tags: ["Analysen"],
        summary: "Ein Indexlauf als Datei: CSV (jeder Rechenschritt) oder GeoJSON (mit Umrissen)",
        params: runIdParams,
        querystring: runExportQuery,
        response: { 200: z.unknown(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const ws = membershipOf(req).workspace;
      const run = await getRun(ctx, ws, req.params.id);
      const result = { definition: run.index.definition, areas: run.areas };
      const base = `${ws.slug}-${run.index.code}-v${run.version}-lauf-${run.id}`;
      reply.header("cache-control", "private, no-store");
      if (req.query.format === "csv") {
        return reply
          .type("text/csv; charset=utf-8")
          .header("content-disposition", `attachment; filename="${base}.csv"`)
          .send(writeIndexResultCsv(result, req.query.dialect));
      }
      const areas = await getAreas(ctx, ws, { level: run.level, geometry: true });
      const geometries = new Map(
        areas.flatMap((a) => (a.geometry ? [[a.code, a.geometry] as const] : [])),
      );
      return reply
        .type("application/geo+json")
        .header("content-disposition", `attachment; filename="${base}.geojson"`)
        .send(JSON.stringify(writeIndexResultGeoJson(result, geometries)));
    },
  );
}
