/**
 * One council member hammering the most expensive read of the accommodation module, and
 * everyone else still served: 50 connections of one viewer session on the occupancy series of
 * ten years (`GET /api/accommodation/series?from=2016-01&to=2025-12`, 50,000 stays, the whole
 * history protected by linked disclosure control), while a second client asks `/api/health`
 * on one connection. Measured: the health check's latency under that load. Reference in the
 * same run: the health check on the idle server. Target: p95 under 50 ms.
 */
import { syntheticAccommodation } from "../src/core/accommodation/synthetic.ts";
import { buildApp } from "../src/server/app.ts";
import { addFacilities } from "../src/services/accommodation/facilities.ts";
import { addRecords } from "../src/services/accommodation/stay-import.ts";
import { SYSTEM_ACTOR } from "../src/services/audit.ts";
import { createServiceContext } from "../src/services/context.ts";
import { applyCatalogueFile, withBenchDatabase } from "./lib/bench-database.ts";
import { runLoad } from "./lib/load.ts";
import { check, count, fixed, formatResult, line, machineLoad, ms } from "./lib/report.ts";
import { memberHeaders } from "./lib/session.ts";

const SECONDS = 10;
const CONNECTIONS = 50;

const result = await withBenchDatabase("pglite", "accommodation-load", async ({ ctx: base }) => {
  // The history ends with December 2025; the clock says January 2026.
  const ctx = createServiceContext(base.db, { now: () => new Date("2026-01-15T10:00:00Z") });
  const ws = await applyCatalogueFile(ctx, {
    workspace: { slug: "belegung", name: "Belegungsstadt" },
    areaSystems: [],
    variables: [],
    indicators: [],
  });
  const data = syntheticAccommodation({
    seed: 11,
    start: "2016-01-01",
    months: 120,
    householdsPerMonth: 215,
    scale: 28,
  });
  await addFacilities(
    ctx,
    ws,
    data.facilities.map((f) => ({
      ...f,
      address: null,
      areaCode: null,
      wheelchairAccess: false,
      familyRooms: false,
    })),
    SYSTEM_ACTOR,
  );
  await addRecords(ctx, ws, data, SYSTEM_ACTOR);
  console.log(`${data.stays.length} stays over 120 months stored (${machineLoad()})`);

  const app = await buildApp({ ctx, version: "bench" });
  try {
    await app.listen({ host: "127.0.0.1", port: 0 });
    const address = app.server.address();
    check(address !== null && typeof address === "object", "server listens");
    const url = `http://127.0.0.1:${address.port}`;
    const viewer = await memberHeaders(ctx, "belegung", "viewer");
    const series = `${url}/api/accommodation/series?workspace=belegung&from=2016-01&to=2025-12`;
    const health = `${url}/api/health`;

    // First read: the history is computed and protected once.
    let t = performance.now();
    const first = await fetch(series, { headers: viewer });
    const body = (await first.json()) as { months: unknown[]; disclosureControl: boolean };
    check(first.status === 200, `series answered ${first.status}`);
    check(body.months.length === 120 && body.disclosureControl, "120 protected months");
    line("first series request (history computed)", ms(performance.now() - t));

    const idle = await runLoad({ url: health, connections: 1, seconds: SECONDS / 2 });
    line(
      "health, idle server: p50 / p95 / p99",
      `${ms(idle.p50)} / ${ms(idle.p95)} / ${ms(idle.p99)}`,
    );

    t = performance.now();
    const [busy, flood] = await Promise.all([
      runLoad({ url: health, connections: 1, seconds: SECONDS }),
      runLoad({ url: series, connections: CONNECTIONS, seconds: SECONDS, headers: viewer }),
    ]);
    console.log(`under load (${machineLoad()}):`);
    line(
      `series, one viewer, ${CONNECTIONS} connections`,
      `${fixed(flood.requestsPerSecond, 1)} req/s, ${count(flood.requests)} answered`,
    );
    line(
      "health meanwhile: p50 / p95 / p99",
      `${ms(busy.p50)} / ${ms(busy.p95)} / ${ms(busy.p99)}`,
    );
    line("health p95 under 50 ms", busy.p95 < 50 ? "yes" : "NO");
    return { busy: busy.p95, idle: idle.p95 };
  } finally {
    await app.close();
  }
});

console.log(
  formatResult({
    name: "accommodation_series_flood",
    metric: "health_p95",
    value: result.busy,
    unit: "ms",
    reference: result.idle,
    decimals: 1,
  }),
);
