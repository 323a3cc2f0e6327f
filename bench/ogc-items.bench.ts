/**
 * The OGC API items endpoint under load, with disclosure control as the public always gets it,
 * against the same routes serving the same dataset computed without it. Berlin-sized data in
 * PGlite: `GET /ogc/collections/<ws>.planning_area/items?limit=100` (100 of 542 planning areas
 * with geometry and every public indicator).
 *
 * The reference is a second server with the very same OGC route code, whose dataset loader
 * skips disclosure control (the loader's option exists for this measurement only). Also timed:
 * building the public dataset cold (median of 5), with and without disclosure control.
 * 50 connections, 10 s each, from a child process. Target: the protection costs under 20 %.
 */
import Fastify, { type FastifyInstance } from "fastify";
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { installAccessControl } from "../src/server/access.ts";
import { buildApp } from "../src/server/app.ts";
import { installAuth } from "../src/server/auth.ts";
import { installErrorHandler } from "../src/server/error-handler.ts";
import { registerOgcRoutes } from "../src/server/routes/open-data-ogc.routes.ts";
import { JsonTextCache } from "../src/services/json-text-cache.ts";
import { loadPublicDataset, PublicDatasetCache } from "../src/services/open-data/open-data.ts";
import { resolveWorkspace } from "../src/services/workspaces.ts";
import { createBerlinDataset, PLANNING_AREA_LEVEL, WORKSPACE_SLUG } from "./lib/berlin-dataset.ts";
import { loadDatasetByCopy, withBenchDatabase } from "./lib/bench-database.ts";
import { compareUnderLoad, CONNECTIONS, SECONDS } from "./lib/compare-load.ts";
import { check, formatResult, line, median, ms, timed } from "./lib/report.ts";

const LOAD_STAMP = new Date("2025-01-01T00:00:00.000Z");
const PATH = `/ogc/collections/${WORKSPACE_SLUG}.${PLANNING_AREA_LEVEL}/items?limit=100`;

async function main(): Promise<void> {
  console.log(
    `OGC API items with vs without disclosure control, ${CONNECTIONS} connections, ${SECONDS} s each`,
  );
  const ds = createBerlinDataset();
  const result = await withBenchDatabase("pglite", "ogc", async ({ ctx }) => {
    await loadDatasetByCopy(ctx, ds, LOAD_STAMP);
    const ws = await resolveWorkspace(ctx, WORKSPACE_SLUG);
    const cold = async (disclosure: boolean) => {
      const runs: number[] = [];
      for (let i = 0; i < 5; i++) {
        runs.push(
          (await timed(() => loadPublicDataset(ctx, ws, PLANNING_AREA_LEVEL, { disclosure }))).ms,
        );
      }
      return median(runs);
    };
    const coldOn = await cold(true);
    const coldOff = await cold(false);
    line("public dataset built cold, disclosure on (median of 5)", ms(coldOn));
    line("public dataset built cold, disclosure off (median of 5)", ms(coldOff));

    const app = await buildApp({ ctx, version: "bench" });
    const ref = Fastify({ logger: false });
    ref.setValidatorCompiler(validatorCompiler);
    ref.setSerializerCompiler(serializerCompiler);
    installErrorHandler(ref);
    installAuth(ref, ctx);
    installAccessControl(ref, ctx);
    registerOgcRoutes(ref.withTypeProvider<ZodTypeProvider>(), {
      ctx,
      version: "bench",
      indicatorCache: new JsonTextCache(),
      publicUrl: null,
      webRoot: "",
      clientConfig: { tileUrl: null, tileAttribution: null },
      publicDatasets: new PublicDatasetCache(ctx, (c, w, level) =>
        loadPublicDataset(c, w, level, { disclosure: false }),
      ),
    });
    try {
      const url = async (server: FastifyInstance) => {
        await server.listen({ host: "127.0.0.1", port: 0 });
        const address = server.server.address();
        check(address !== null && typeof address === "object", "server listens");
        return `http://127.0.0.1:${address.port}${PATH}`;
      };
      return await compareUnderLoad(
        { label: "OGC items, disclosure control on", url: await url(app) },
        { label: "same routes, dataset without disclosure", url: await url(ref) },
        (p, r) => {
          const a = JSON.parse(p) as { numberReturned: number; numberMatched: number };
          const b = JSON.parse(r) as { numberReturned: number };
          check(a.numberReturned === 100 && b.numberReturned === 100, "100 features on both");
          check(a.numberMatched === 542, `${a.numberMatched} planning areas`);
          check(p !== r, "the protected page differs from the unprotected one");
        },
      );
    } finally {
      await app.close();
      await ref.close();
    }
  });
  console.log(
    formatResult({
      name: "ogc_items_disclosure",
      metric: "rps",
      value: result.product.requestsPerSecond,
      unit: "req/s",
      reference: result.reference.requestsPerSecond,
      decimals: 1,
    }),
  );
}

await main();
