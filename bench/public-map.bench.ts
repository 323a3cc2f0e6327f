/**
 * The public map endpoint under load, with the disclosure control the public always gets,
 * against the same map computed without it. Berlin-sized data in PGlite (542 planning areas).
 *
 * Product: `GET /open/<ws>/indicators/sgb2_rate/values?level=planning_area&period=2024-H2`,
 * anonymous — disclosure control on (primary and secondary suppression), values rounded.
 * Reference, same server, same run: `GET /api/indicators/sgb2_rate/values?…&disclosure=off` as a
 * logged-in planner — the same computation and cache without disclosure control.
 * 50 connections, 10 s each, from a child process. Target: the protection costs under 20 %.
 */
import { buildApp } from "../src/server/app.ts";
import { createBerlinDataset, PLANNING_AREA_LEVEL, WORKSPACE_SLUG } from "./lib/berlin-dataset.ts";
import { loadDatasetByCopy, withBenchDatabase } from "./lib/bench-database.ts";
import { compareUnderLoad, CONNECTIONS, SECONDS } from "./lib/compare-load.ts";
import { check, formatResult, line } from "./lib/report.ts";
import { plannerHeaders } from "./lib/session.ts";

const QUERY = `level=${PLANNING_AREA_LEVEL}&period=2024-H2`;
const LOAD_STAMP = new Date("2025-01-01T00:00:00.000Z");

async function main(): Promise<void> {
  console.log(
    `public map endpoint with vs without disclosure control, ${CONNECTIONS} connections, ${SECONDS} s each`,
  );
  const ds = createBerlinDataset();
  const result = await withBenchDatabase("pglite", "public-map", async ({ ctx }) => {
    await loadDatasetByCopy(ctx, ds, LOAD_STAMP);
    const app = await buildApp({ ctx, version: "bench" });
    try {
      await app.listen({ host: "127.0.0.1", port: 0 });
      const address = app.server.address();
      check(address !== null && typeof address === "object", "server listens");
      const base = `http://127.0.0.1:${address.port}`;
      return await compareUnderLoad(
        {
          label: "public, disclosure control on",
          url: `${base}/open/${WORKSPACE_SLUG}/indicators/sgb2_rate/values?${QUERY}`,
        },
        {
          label: "internal, disclosure=off (planner)",
          url: `${base}/api/indicators/sgb2_rate/values?${QUERY}&disclosure=off`,
          headers: await plannerHeaders(ctx, WORKSPACE_SLUG),
        },
        (p, r) => {
          const pub = JSON.parse(p) as { values: { status: string }[] };
          const raw = JSON.parse(r) as { values: { status: string }[] };
          check(pub.values.length === 542 && raw.values.length === 542, "542 areas on both");
          const withheld = pub.values.filter((v) => v.status === "suppressed").length;
          line("values withheld for the public", String(withheld));
          check(
            raw.values.every((v) => v.status !== "suppressed"),
            "reference withholds nothing",
          );
        },
      );
    } finally {
      await app.close();
    }
  });
  console.log(
    formatResult({
      name: "public_map_disclosure",
      metric: "rps",
      value: result.product.requestsPerSecond,
      unit: "req/s",
      reference: result.reference.requestsPerSecond,
      decimals: 1,
    }),
  );
}

await main();
