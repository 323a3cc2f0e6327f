/**
 * The map endpoint under load: the real server (`buildApp`) on the Berlin-sized data set in
 * PGlite, `GET /api/indicators/sgb2_rate/values?level=planning_area&period=2024-H2` (542 planning
 * areas, disclosure control on as by default) as a logged-in planner, warmed once, then
 * autocannon with 50 connections for 10 s from a child process (so the load generator does not
 * share the server's thread).
 *
 * Reference, same run, same settings: a bare fastify server on another port answering the same
 * path with the same JSON body, precomputed as a string.
 *
 * Latency percentiles come from every single response time (nearest rank); autocannon's own
 * histogram reports fixed points only (p90, p97.5, no p95), printed beside for comparison.
 *
 * Targets: p95 under 20 ms, and at least a third of the reference's requests per second.
 */
import Fastify, { type FastifyInstance } from "fastify";
import { buildApp } from "../src/server/app.ts";
import { createBerlinDataset, PLANNING_AREA_LEVEL, WORKSPACE_SLUG } from "./lib/berlin-dataset.ts";
import { loadDatasetByCopy, withBenchDatabase } from "./lib/bench-database.ts";
import { runLoad, type LoadFigures } from "./lib/load.ts";
import { plannerHeaders } from "./lib/session.ts";
import { check, count, fixed, formatResult, line, machineLoad, ms } from "./lib/report.ts";

const INDICATOR = "sgb2_rate";
const PERIOD = "2024-H2";
const PATH = `/api/indicators/${INDICATOR}/values?level=${PLANNING_AREA_LEVEL}&period=${PERIOD}`;
const CONNECTIONS = 50;
const SECONDS = 10;
const LOAD_STAMP = new Date("2025-01-01T00:00:00.000Z");

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  check(address !== null && typeof address === "object", "server listens on a TCP port");
  return `http://127.0.0.1:${address.port}`;
}

/** A bare fastify server that answers the map path with a fixed body. */
async function referenceServer(body: string): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.get(`/api/indicators/:code/values`, (_request, reply) => {
    void reply.type("application/json; charset=utf-8").send(body);
  });
  await app.ready();
  return app;
}

function printLoad(label: string, f: LoadFigures, before: string): void {
  line(label, `${fixed(f.requestsPerSecond, 0)} req/s, ${count(f.requests)} requests (${before})`);
  line(
    "  latency, every response",
    `p50 ${ms(f.p50)}, p95 ${ms(f.p95)}, p99 ${ms(f.p99)} ` +
      `(autocannon: p90 ${f.autocannon.p90} ms, p97.5 ${f.autocannon.p97_5} ms)`,
  );
}

async function main(): Promise<void> {
  console.log(
    `map endpoint: GET ${PATH}, ${CONNECTIONS} connections, ${SECONDS} s each, ` +
      "latency percentiles over every response (nearest rank)",
  );
  const ds = createBerlinDataset();
  const { product, reference } = await withBenchDatabase("pglite", "map", async ({ ctx }) => {
    await loadDatasetByCopy(ctx, ds, LOAD_STAMP);
    const app = await buildApp({ ctx, version: "bench" });
    const headers = await plannerHeaders(ctx, WORKSPACE_SLUG);
    let ref: FastifyInstance | null = null;
    try {
      const base = await listen(app);
      const started = performance.now();
      const warm = await fetch(`${base}${PATH}`, { headers });
      const body = await warm.text();
      const coldMs = performance.now() - started;
      check(warm.status === 200, `warm-up answered ${warm.status}: ${body.slice(0, 200)}`);
      const parsed = JSON.parse(body) as { values: unknown[]; period: string; level: string };
      check(parsed.values.length === 542, `map has ${parsed.values.length} areas`);
      check(parsed.period === PERIOD && parsed.level === PLANNING_AREA_LEVEL, "period and level");
      line("body", `${count(Buffer.byteLength(body))} bytes, ${parsed.values.length} areas`);
      line("first request (computes and caches)", ms(coldMs));

      const productBefore = machineLoad();
      const productLoad = await runLoad({
        url: `${base}${PATH}`,
        connections: CONNECTIONS,
        seconds: SECONDS,
        headers,
      });
      printLoad("product (buildApp, PGlite)", productLoad, productBefore);

      ref = await referenceServer(body);
      const refBase = await listen(ref);
      const refWarm = await fetch(`${refBase}${PATH}`);
      check((await refWarm.text()) === body, "reference serves the same body");
      const referenceBefore = machineLoad();
      const referenceLoad = await runLoad({
        url: `${refBase}${PATH}`,
        connections: CONNECTIONS,
        seconds: SECONDS,
      });
      printLoad("reference (bare fastify, fixed string)", referenceLoad, referenceBefore);
      return { product: productLoad, reference: referenceLoad };
    } finally {
      await app.close();
      if (ref) await ref.close();
    }
  });
  const share = product.requestsPerSecond / reference.requestsPerSecond;
  line("product / reference req/s (target ≥ 0.333)", share.toFixed(3));
  line("p95 under 20 ms", product.p95 < 20 ? "yes" : "NO");
  console.log("");
  console.log(`p95=${fixed(product.p95, 2)} ms reference_p95=${fixed(reference.p95, 2)} ms`);
  console.log(
    formatResult({
      name: "map_endpoint",
      metric: "rps",
      value: product.requestsPerSecond,
      unit: "req/s",
      reference: reference.requestsPerSecond,
      decimals: 1,
    }),
  );
}

await main();
