import { z } from "zod";
import { errorResponses, workspaceQuery } from "../../contracts/common.ts";
import {
  alertListDto,
  alertsQuery,
  comparisonDto,
  comparisonQuery,
  indexCodeParams,
  indexDto,
  indexListDto,
  indexRunDto,
  indexVersionQuery,
  parseIndexDefinition,
  runExportQuery,
  runIdParams,
  runIndexRequest,
  runListDto,
  saveIndexRequest,
  savedIndexDto,
  socialIndexRequest,
  socialIndexResultDto,
  typologyRequest,
  typologyResultDto,
} from "../../contracts/social-index.ts";
import type { IndexDefinition } from "../../core/social-index/definition.ts";
import { writeIndexResultCsv } from "../../exports/csv/index-result-csv.ts";
import { writeIndexResultGeoJson } from "../../exports/geojson/index-result-geojson.ts";
import { computeAlerts } from "../../services/social-index/alerts.ts";
import { AppError } from "../../services/app-error.ts";
import { getAreas } from "../../services/areas.ts";
import {
  compareIndexRuns,
  getIndex,
  getRun,
  listIndices,
  listRuns,
  runIndex,
  saveIndexDefinition,
  type IndexRunSummary,
  type IndexRunView,
  type IndexVersion,
} from "../../services/social-index/index-runs.ts";
import { computeStoredIndex } from "../../services/social-index/social-index.ts";
import { computeTypology } from "../../services/social-index/typology.ts";
import { actorOf, audienceOf, membershipOf, members } from "../access.ts";
import type { RouteDeps } from "../route-deps.ts";
import type { ZodApp } from "../zod-app.ts";

/** A definition as the API accepts it: the schema's shape, then the definition's own rules. */
function parsedDefinition(json: unknown): IndexDefinition {
  const definition = parseIndexDefinition(json);
  if (!definition.ok) {
    throw new AppError("invalid_input", "Die Indexdefinition ist fehlerhaft.", {
      problems: definition.error,
    });
  }
  return definition.value;
}

/** The definition with plain arrays, as the response schema types it. */
const definitionJson = (d: IndexDefinition) => ({
  ...d,
  status: [...d.status],
  dynamics: [...d.dynamics],
  context: [...d.context],
  statusClasses: [...d.statusClasses],
  dynamicsClasses: [...d.dynamicsClasses],
  exclusions: { ...d.exclusions, manual: [...d.exclusions.manual] },
});
const versionJson = (v: IndexVersion) => ({
  ...v,
  definition: definitionJson(v.definition),
  createdAt: v.createdAt.toISOString(),
});
const summaryJson = (r: IndexRunSummary) => ({ ...r, createdAt: r.createdAt.toISOString() });
const runJson = (r: IndexRunView) => ({
  ...summaryJson(r),
  index: versionJson(r.index),
  moments: [...r.moments],
  areas: [...r.areas],
  method: {
    ...r.method,
    paragraphs: [...r.method.paragraphs],
    indicators: [...r.method.indicators],
    classes: [...r.method.classes],
  },
  outdated: r.outdated,
});

export function registerSocialIndexRoutes(app: ZodApp, { ctx }: RouteDeps): void {
  app.post(
    "/api/analyses/social-index",
    {
      // Index classes can stigmatise neighbourhoods: computed by the social planning staff,
      // who decide what is published (docs/methods/social-index.md).
      config: { access: members("planner"), expensive: true },
      schema: {
        tags: ["Analysen"],
        summary: "Sozialindex aus den gespeicherten Werten berechnen (ohne zu speichern)",
        description:
          "Status- und Dynamikindex nach der Methode des Berliner Monitorings Soziale Stadtentwicklung: z-Standardisierung, Summen, Klassen, Status-Dynamik-Gruppen, Ausschlüsse. Definition und Methode: docs/methods/social-index.md. Eine fehlerhafte Definition oder ein nicht berechenbarer Index antwortet 400 mit jedem Problem in `error.details.problems`.",
        querystring: workspaceQuery,
        body: socialIndexRequest,
        response: { 200: socialIndexResultDto, ...errorResponses },
      },
    },
    async (req) => {
      const body = req.body;
      const definition = parsedDefinition(body.definition);
      const run = await computeStoredIndex(ctx, membershipOf(req).workspace, definition, {
        level: body.level,
        period: body.period,
        populationIndicator: body.populationIndicator,
        audience: audienceOf(req),
      });
      if (!run.ok) {
        throw new AppError("invalid_input", "Der Index lässt sich so nicht berechnen.", {
          problems: run.error,
        });
      }
      const r = run.value.result;
      return {
        level: run.value.level,
        period: run.value.period,
        included: r.included,
        excluded: r.excluded,
        counts: r.counts,
        moments: [...r.moments],
        areas: [...r.areas],
      };
    },
  );

  app.post(
    "/api/analyses/typology",
    {
      config: { access: members("planner"), expensive: true },
      schema: {
        tags: ["Analysen"],
        summary: "Gebietstypen aus mehreren Indikatoren (k-means oder Ward)",
        description:
          "Die Indikatoren werden über die Gebiete z-standardisiert und geclustert; jeder Typ wird durch seine Mittelwerte gegenüber der Stadt beschrieben. Ohne `k` gilt das k von 2 bis 8 mit der höchsten Silhouettenbreite. Methode: docs/methods/typology.md.",
        querystring: workspaceQuery,
        body: typologyRequest,
        response: { 200: typologyResultDto, ...errorResponses },
      },
    },
    async (req) => {
      const r = await computeTypology(ctx, membershipOf(req).workspace, {
        ...req.body,
        audience: audienceOf(req),
      });
      return {
        ...r,
        silhouettes: [...r.silhouettes],
        types: r.types.map((t) => ({ ...t, profile: [...t.profile] })),
        areas: [...r.areas],
      };
    },
  );

  app.get(
    "/api/analyses/alerts",
    {
      config: { access: members("planner"), expensive: true },
      schema: {
        tags: ["Analysen"],
        summary: "Hinweise: auffällige Werte und Trendwenden einer Ebene",
        description:
          "Werte weit außerhalb dessen, was der Stadtwert bei der Größe des Gebiets erwarten lässt (99-%-Intervall nach Wilson bzw. Poisson und mindestens ein Viertel Abweichung), und Indikatoren, deren Trend sich gewendet hat. Regeln: docs/methods/social-index.md, Abschnitt 7.",
        querystring: alertsQuery,
        response: { 200: alertListDto, ...errorResponses },
      },
    },
    async (req) => {
      const r = await computeAlerts(ctx, membershipOf(req).workspace, {
        level: req.query.level,
        period: req.query.period,
        audience: audienceOf(req),
      });
      return { ...r, alerts: [...r.alerts] };
    },
  );

  // Stored indices: versions, runs, comparisons, exports. Planners only, like the index itself.

  app.get(
    "/api/analyses/indices",
    {
      config: { access: members("planner") },
      schema: {
        tags: ["Analysen"],
        summary: "Gespeicherte Sozialindizes (jeweils die neueste Version und der letzte Lauf)",
        querystring: workspaceQuery,
        response: { 200: indexListDto, ...errorResponses },
      },
    },
    async (req) => {
      const ws = membershipOf(req).workspace;
      const indices = await listIndices(ctx, ws);
      const out = [];
      for (const { latest, versions } of indices) {
        const runs = await listRuns(ctx, ws, latest.code);
        out.push({
          ...latest,
          createdAt: latest.createdAt.toISOString(),
          versions,
          lastRun: runs[0] ? summaryJson(runs[0]) : null,
        });
      }
      return { indices: out };
    },
  );

  app.get(
    "/api/analyses/indices/:code",
    {
      config: { access: members("planner") },
      schema: {
        tags: ["Analysen"],
        summary: "Eine Indexdefinition (neueste oder eine bestimmte Version) und ihre Versionen",
        params: indexCodeParams,
        querystring: indexVersionQuery,
        response: { 200: indexDto, ...errorResponses },
      },
    },
    async (req) => {
      const r = await getIndex(
        ctx,
        membershipOf(req).workspace,
        req.params.code,
        req.query.version,
      );
      return {
        index: versionJson(r.index),
        versions: r.versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
      };
    },
  );

  app.put(
    "/api/analyses/indices/:code",
    {
      config: { access: members("planner") },
      schema: {
        tags: ["Analysen"],
        summary: "Indexdefinition speichern (eine neue Version, wenn sie sich geändert hat)",
        description:
          "Eine gespeicherte Version ändert sich nie; jede Änderung ergibt Version n + 1. Eine Definition gleich der neuesten Version legt keine neue an (`created: false`). Jeder genannte Indikator muss im Katalog stehen; Probleme stehen in `error.details.problems`.",
        params: indexCodeParams,
        querystring: workspaceQuery,
        body: saveIndexRequest,
        response: { 200: savedIndexDto, 201: savedIndexDto, ...errorResponses },
      },
    },
    async (req, reply) => {
      const definition = parsedDefinition(req.body.definition);
      if (definition.code !== req.params.code) {
        throw new AppError(
          "invalid_input",
          `Der Code der Definition („${definition.code}“) ist nicht der in der Adresse („${req.params.code}“).`,
        );
      }
      const saved = await saveIndexDefinition(
        ctx,
        membershipOf(req).workspace,
        {
          definition,
          populationIndicator: req.body.populationIndicator,
          comment: req.body.comment,
        },
        actorOf(req),
        audienceOf(req),
      );
      return reply
        .code(saved.created ? 201 : 200)
        .send({ index: versionJson(saved.index), created: saved.created });
    },
  );

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
