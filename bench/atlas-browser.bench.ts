/// <reference lib="dom" />
/**
 * The atlas in Chromium: how long until the map of an indicator is drawn and usable, and how
 * long a redraw takes after choosing another indicator, for 542 areas (Berlin's planning
 * areas) and 10,990 areas (a synthetic hexagon layer, as many areas as Germany has
 * municipalities). Also the size of the web app's initial JavaScript.
 *
 * Product: the web app built from web/ (into the bench's temporary folder, so dist/web is left
 * alone), served by the real server (`buildApp`) on PGlite with the workspace of
 * bench/lib/atlas-data.ts, in Debian's Chromium (playwright-core, headless, software WebGL),
 * logged in as a planner. Each run opens a new tab on
 * `/atlas?indicator=sgb2_rate&level=<level>` and waits until the map's figure carries
 * `data-drawn="sgb2_rate|<level>|2024-H2"` (set by ChoroplethMap when MapLibre is idle with
 * those data); then it chooses "Arbeitslosenanteil" in the indicator select and waits for
 * `data-drawn="unemployment_rate|…"`. Times are taken in the page with performance.now():
 * interactive = the moment of the mark since navigation start; redraw = the mark minus the
 * `change` event of the select (seen by a capturing listener before React). The Node-side wall
 * clock (page.goto → the mark reported back) is printed beside.
 *
 * Reference, same run, same browser, interleaved run by run: bench/lib/map-reference.ts, a
 * bare page with MapLibre that fetches the same GeoJSON and value bytes and paints the same
 * layers the same way (fill colours as feature states) into a map of the same size: the raw
 * engine doing the same work, without the app around it.
 *
 * 5 runs after 1 warm-up (the warm-up is the first visit, with a cold browser cache; the runs
 * share the browser's cache like a returning user). p95 is the nearest rank: of 5 runs, the
 * slowest.
 *
 * Targets (product issue): interactive under 2 s; a redraw under 200 ms for 542 areas and
 * under 1 s for 10,990 areas; initial JavaScript under 600 KB gzip. Reported, not asserted.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { FastifyInstance } from "fastify";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { buildApp } from "../src/server/app.ts";
import {
  HEX_COUNT,
  HEX_LEVEL,
  berlinPlanningAreas,
  hexGrid,
  loadAtlasWorkspace,
} from "./lib/atlas-data.ts";
import { createBerlinDataset, PLANNING_AREA_LEVEL, WORKSPACE_SLUG } from "./lib/berlin-dataset.ts";
import { withBenchDatabase } from "./lib/bench-database.ts";
import { startReferenceServer, type ReferenceLayer } from "./lib/map-reference.ts";
import {
  check,
  count,
  fixed,
  formatResult,
  line,
  machineLoad,
  median,
  ms,
  percentile,
} from "./lib/report.ts";
import { plannerHeaders } from "./lib/session.ts";
import { launchChromium } from "../test/e2e/support.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const RUNS = 5;
const FIRST = "sgb2_rate";
const SECOND = "unemployment_rate";
const PERIOD = "2024-H2";
const VIEWPORT = { width: 1280, height: 900 };
const WAIT_MS = 180_000;
const LOAD_STAMP = new Date("2025-01-01T00:00:00.000Z");
const JS_BUDGET_KB = 600;

interface Size {
  readonly label: string;
  readonly areas: number;
  readonly level: string;
  /** Redraw target in ms. */
  readonly redrawTarget: number;
}

const SIZES: readonly Size[] = [
  { label: "542", areas: 542, level: PLANNING_AREA_LEVEL, redrawTarget: 200 },
  { label: "10990", areas: HEX_COUNT, level: HEX_LEVEL, redrawTarget: 1000 },
];

/** In-page timing, installed before any script of a page runs. */
interface Recorder {
  readonly drawn: { key: string; t: number; controls: boolean }[];
  readonly changes: number[];
  wait(key: string, timeout: number): Promise<{ key: string; t: number; controls: boolean }>;
}
declare global {
  interface Window {
    __bench: Recorder;
  }
}

/**
 * The recorder as source text: Playwright sends functions to the page as text, and tsx's
 * transform may add helpers (`__name`) to a function that do not exist in the page.
 */
const RECORDER = `(() => {
  const drawn = [];
  const changes = [];
  const waiters = [];
  window.__bench = {
    drawn,
    changes,
    wait(key, timeout) {
      const hit = drawn.find((d) => d.key === key);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        waiters.push({ key, resolve });
        setTimeout(() => reject(new Error("no data-drawn=" + key + " after " + timeout + " ms")), timeout);
      });
    },
  };
  // The mark of a drawn map: MutationObserver callbacks run as a microtask right after the
  // attribute is set, inside the frame in which MapLibre fired "idle".
  new MutationObserver((records) => {
    const t = performance.now();
    for (const r of records) {
      const key = r.target.getAttribute("data-drawn");
      if (!key) continue;
      const select = document.querySelector("#atlas-indicator, #indicator");
      const entry = { key, t, controls: select !== null && !select.disabled };
      drawn.push(entry);
      for (const w of waiters) if (w.key === key) w.resolve(entry);
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-drawn"] });
  // A choice in a select, before React (or the reference page) sees it.
  document.addEventListener("change", () => changes.push(performance.now()), true);
})();`;

interface RunFigures {
  /** In the page: navigation start → map drawn (ms). */
  readonly interactive: number;
  /** Node: page.goto → the mark reported back (ms). */
  readonly interactiveWall: number;
  /** In the page: change event → map drawn with the other indicator (ms). */
  readonly redraw: number;
  /** Node: selectOption → the mark reported back (ms). */
  readonly redrawWall: number;
  /** Where the time went: when resources arrived in the page (responseEnd, ms since start). */
  readonly phases: Record<string, number>;
}

/** Waits in the page for the map's mark; fails with the page's errors after WAIT_MS. */
async function waitDrawn(
  page: Page,
  key: string,
  errors: readonly string[],
): Promise<Recorder["drawn"][number]> {
  try {
    return await page.evaluate(([k, ms]) => window.__bench.wait(k, ms), [key, WAIT_MS] as const);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new Error(
      `${page.url()}: ${message}; errors in the page: ${errors.join("; ") || "none"}`,
    );
  }
}

/** One run: a new tab, navigation to the drawn map, one change of indicator. */
async function measure(
  context: BrowserContext,
  url: string,
  keys: { first: string; second: string },
  selectSelector: string,
  resources: Record<string, string>,
): Promise<RunFigures & { mapSize: { w: number; h: number }; rows: number }> {
  const page: Page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  try {
    const started = performance.now();
    await page.goto(url, { waitUntil: "commit", timeout: WAIT_MS });
    const drawn = await waitDrawn(page, keys.first, errors);
    const interactiveWall = performance.now() - started;
    check(drawn.controls, `${url}: the controls were not enabled when the map was drawn`);
    const phases = await page.evaluate((wanted) => {
      const out: Record<string, number> = {};
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      out["html"] = nav.responseEnd;
      out["DOMContentLoaded"] = nav.domContentLoadedEventEnd;
      for (const e of performance.getEntriesByType("resource") as PerformanceResourceTiming[]) {
        for (const [label, part] of Object.entries(wanted)) {
          if (new RegExp(part).test(e.name) && out[label] === undefined) {
            out[label] = e.responseEnd;
          }
        }
      }
      return out;
    }, resources);
    const mapSize = await page.evaluate(() => {
      const map = document.querySelector<HTMLElement>("figure [class*=map], #map");
      return { w: map?.clientWidth ?? 0, h: map?.clientHeight ?? 0 };
    });

    const before = performance.now();
    await page.selectOption(selectSelector, keys.second.split("|")[0]!);
    const redrawn = await waitDrawn(page, keys.second, errors);
    const redrawWall = performance.now() - before;
    const change = await page.evaluate(() => window.__bench.changes[0] ?? NaN);
    check(Number.isFinite(change), "the change of indicator was not seen");
    const rows = await page.locator("table tbody tr").count();
    check(errors.length === 0, `errors in the page: ${errors.join("; ")}`);
    return {
      interactive: drawn.t,
      interactiveWall,
      redraw: redrawn.t - change,
      redrawWall,
      phases,
      mapSize,
      rows,
    };
  } finally {
    await page.close();
  }
}

/** Builds the web app into `out` (vite, as `npm run build` does, but not into dist/web). */
function buildWeb(out: string): number {
  const started = performance.now();
  const vite = join(ROOT, "node_modules", "vite", "bin", "vite.js");
  const result = spawnSync(
    process.execPath,
    [
      vite,
      "build",
      "--config",
      "web/vite.config.ts",
      "--outDir",
      out,
      "--emptyOutDir",
      "--logLevel",
      "error",
    ],
    { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] },
  );
  check(result.status === 0, `vite build failed (exit code ${result.status})`);
  return performance.now() - started;
}

const gzipSize = (bytes: Buffer): number => gzipSync(bytes, { level: 9 }).length;
const kb = (bytes: number): string => `${fixed(bytes / 1024, 1)} KB`;

/** The scripts and module preloads of index.html, gzipped one by one (level 9). */
function initialJs(webRoot: string): { raw: number; gzip: number; files: string[] } {
  const html = readFileSync(join(webRoot, "index.html"), "utf8");
  const files = [
    ...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => m[1]!);
  check(files.length > 0, "index.html references no script");
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const bytes = readFileSync(join(webRoot, f));
    raw += bytes.length;
    gzip += gzipSize(bytes);
  }
  return { raw, gzip, files };
}

function summary(values: readonly number[]): string {
  return `median ${ms(median(values))}, p95 ${ms(percentile(values, 95))} (runs: ${values.map((v) => fixed(v, 0)).join(", ")})`;
}

interface SizeResult {
  readonly size: Size;
  readonly app: RunFigures[];
  readonly reference: RunFigures[];
}

async function main(): Promise<void> {
  console.log(
    `atlas in Chromium: navigation → map drawn, and indicator change → map redrawn; ` +
      `${RUNS} runs after 1 warm-up, product and reference interleaved; times in the page ` +
      `(performance.now), Node wall clock beside`,
  );
  const tmp = mkdtempSync(join(process.env["SOPLA_BENCH_TMP"] ?? tmpdir(), "sopla-bench-atlas-"));
  // Also when a signal ends the process (bench-database.ts exits on SIGINT and SIGTERM).
  process.on("exit", () => rmSync(tmp, { recursive: true, force: true }));
  let browser: Browser | null = null;
  try {
    const webRoot = join(tmp, "web");
    line("web app built (vite, into a temporary folder)", ms(buildWeb(webRoot)));
    const js = initialJs(webRoot);
    const assets = readdirSync(join(webRoot, "assets"));
    const lazyJs = assets
      .filter((f) => /^ChoroplethMap-.*\.js$|^maplibre-gl-worker-.*\.mjs$/.test(f))
      .map((f) => ({ f, bytes: readFileSync(join(webRoot, "assets", f)) }));
    line(
      "initial JavaScript (index.html scripts)",
      `${kb(js.gzip)} gzip (level 9), ${kb(js.raw)} raw: ${js.files.join(", ")}`,
    );
    for (const { f, bytes } of lazyJs) {
      line(
        `  loaded by the atlas: ${f.replace(/-[\w-]{8}\./, ".")}`,
        `${kb(gzipSize(bytes))} gzip, ${kb(bytes.length)} raw`,
      );
    }

    const ds = createBerlinDataset();
    const berlin = berlinPlanningAreas(ds);
    const hexagons = hexGrid();
    line(
      "planning areas (542)",
      `${count(berlin.vertices)} vertices, ${count(berlin.geojson.length)} bytes of GeoJSON`,
    );
    line(
      `hexagons (${count(HEX_COUNT)})`,
      `${count(hexagons.vertices)} vertices, ${count(hexagons.geojson.length)} bytes of GeoJSON`,
    );

    const results = await withBenchDatabase("pglite", "atlas", async ({ ctx }) => {
      const loadStarted = performance.now();
      await loadAtlasWorkspace(ctx, ds, berlin, hexagons, LOAD_STAMP);
      line("workspace loaded (PGlite)", ms(performance.now() - loadStarted));
      const app: FastifyInstance = await buildApp({ ctx, version: "bench", webRoot });
      let reference: Awaited<ReturnType<typeof startReferenceServer>> | null = null;
      try {
        await app.listen({ host: "127.0.0.1", port: 0 });
        const address = app.server.address();
        check(address !== null && typeof address === "object", "server listens");
        const base = `http://127.0.0.1:${address.port}`;
        const cookie = (await plannerHeaders(ctx, WORKSPACE_SLUG))["cookie"]!;

        // The API's answers, once from Node: cold times, sizes, and the bytes for the reference.
        const layers = new Map<string, ReferenceLayer>();
        for (const size of SIZES) {
          const get = async (path: string): Promise<string> => {
            const started = performance.now();
            const res = await fetch(`${base}${path}`, { headers: { cookie } });
            const body = await res.text();
            check(res.status === 200, `${path}: ${res.status} ${body.slice(0, 200)}`);
            line(
              `  GET ${path.split("?")[0]} (${size.label}, first)`,
              `${ms(performance.now() - started)}, ${count(body.length)} bytes`,
            );
            return body;
          };
          const q = `workspace=${WORKSPACE_SLUG}&level=${size.level}`;
          const areas = await get(`/api/areas?${q}&format=geojson`);
          const values = new Map<string, string>();
          for (const code of [FIRST, SECOND]) {
            const body = await get(`/api/indicators/${code}/values?${q}`);
            const set = JSON.parse(body) as { values: unknown[]; period: string };
            check(set.values.length === size.areas, `${code}: ${set.values.length} areas`);
            check(set.period === PERIOD, `${code}: period ${set.period}`);
            values.set(code, body);
          }
          layers.set(size.label, { areas, values });
        }
        reference = await startReferenceServer(layers);

        browser = await launchChromium();
        const appContext = await browser.newContext({ viewport: VIEWPORT, locale: "de-DE" });
        const token = cookie.replace(/^sopla_session=/, "");
        await appContext.addCookies([{ name: "sopla_session", value: token, url: base }]);
        await appContext.addInitScript(RECORDER);
        const refContext = await browser.newContext({ viewport: VIEWPORT, locale: "de-DE" });
        await refContext.addInitScript(RECORDER);

        const out: SizeResult[] = [];
        for (const size of SIZES) {
          const keys = {
            first: `${FIRST}|${size.level}|${PERIOD}`,
            second: `${SECOND}|${size.level}|${PERIOD}`,
          };
          const appUrl = `${base}/atlas?indicator=${FIRST}&level=${size.level}`;
          // Regular expressions on the resource URLs, for the waterfall line.
          const appResources = {
            "app script": "/assets/index-[^/]*\\.js$",
            "indicator values": `/api/indicators/${FIRST}/values`,
            "map code": "/assets/ChoroplethMap-[^/]*\\.js$",
            "areas (GeoJSON)": "/api/areas\\?",
          };
          const refResources = {
            "map code": "/maplibre/maplibre-gl\\.mjs",
            "indicator values": `/values/${size.label}/${FIRST}`,
            "areas (GeoJSON)": `/areas/${size.label}`,
          };
          console.log("");
          console.log(`${count(size.areas)} areas (level ${size.level}), ${machineLoad()}`);
          const warmApp = await measure(appContext, appUrl, keys, "#atlas-indicator", appResources);
          // The atlas table shows up to 1,000 rows per page (AtlasPage.tsx, TABLE_PAGE).
          check(
            warmApp.rows === Math.min(size.areas, 1000),
            `the table shows ${warmApp.rows} rows`,
          );
          const { w, h } = warmApp.mapSize;
          check(w > 0 && h > 0, "the map has a size");
          const refUrl = `${reference.base}/?layer=${size.label}&w=${w}&h=${h}`;
          const warmRef = await measure(refContext, refUrl, keys, "#indicator", refResources);
          line(
            "warm-up (first visit: cold browser cache)",
            `product ${ms(warmApp.interactive)} + redraw ${ms(warmApp.redraw)}; ` +
              `reference ${ms(warmRef.interactive)} + redraw ${ms(warmRef.redraw)}`,
          );
          line("map size (CSS pixels, device scale 1)", `${w} × ${h}`);
          const app: RunFigures[] = [];
          const ref: RunFigures[] = [];
          for (let run = 0; run < RUNS; run++) {
            app.push(await measure(appContext, appUrl, keys, "#atlas-indicator", appResources));
            ref.push(await measure(refContext, refUrl, keys, "#indicator", refResources));
          }
          printSize(size, app, ref);
          out.push({ size, app, reference: ref });
        }
        await appContext.close();
        await refContext.close();
        return out;
      } finally {
        if (browser) await browser.close();
        if (reference) await reference.close();
        await app.close();
      }
    });

    console.log("");
    line(
      `initial JavaScript, target < ${JS_BUDGET_KB} KB gzip`,
      `${kb(js.gzip)} ${js.gzip / 1024 < JS_BUDGET_KB ? "met" : "MISSED"} ` +
        `(reference in the RESULT line: the ${JS_BUDGET_KB} KB budget, not a measurement)`,
    );
    console.log("");
    for (const r of results) {
      const tag = `atlas_${r.size.label}`;
      const m = (runs: readonly RunFigures[], key: "interactive" | "redraw"): number =>
        median(runs.map((x) => x[key]));
      console.log(
        formatResult({
          name: `${tag}_interactive`,
          metric: "median",
          value: m(r.app, "interactive"),
          unit: "ms",
          reference: m(r.reference, "interactive"),
          decimals: 1,
        }),
      );
      console.log(
        formatResult({
          name: `${tag}_redraw`,
          metric: "median",
          value: m(r.app, "redraw"),
          unit: "ms",
          reference: m(r.reference, "redraw"),
          decimals: 1,
        }),
      );
    }
    console.log(
      formatResult({
        name: "atlas_initial_js",
        metric: "gzip",
        value: js.gzip / 1024,
        unit: "KB",
        reference: JS_BUDGET_KB,
        decimals: 1,
      }),
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function printSize(size: Size, app: readonly RunFigures[], ref: readonly RunFigures[]): void {
  const pick = (runs: readonly RunFigures[], key: keyof Omit<RunFigures, "phases">) =>
    runs.map((r) => r[key]);
  const target = (value: number, limit: number): string =>
    value < limit ? `target < ${fixed(limit, 0)} ms met` : `target < ${fixed(limit, 0)} ms MISSED`;
  const interactive = median(pick(app, "interactive"));
  const redraw = median(pick(app, "redraw"));
  line("product: navigation → interactive (in page)", summary(pick(app, "interactive")));
  line("  Node wall clock (goto → mark seen)", summary(pick(app, "interactiveWall")));
  line("  " + target(interactive, 2000), "");
  line("product: indicator change → redrawn (in page)", summary(pick(app, "redraw")));
  line("  Node wall clock (selectOption → mark seen)", summary(pick(app, "redrawWall")));
  line("  " + target(redraw, size.redrawTarget), "");
  line("reference: navigation → drawn (in page)", summary(pick(ref, "interactive")));
  line("  Node wall clock", summary(pick(ref, "interactiveWall")));
  line("reference: indicator change → redrawn (in page)", summary(pick(ref, "redraw")));
  line("  Node wall clock", summary(pick(ref, "redrawWall")));
  for (const [label, runs] of [
    ["product", app],
    ["reference", ref],
  ] as const) {
    const phases = Object.keys(runs[0]!.phases);
    const parts = phases.map((p) => {
      const v = runs.map((r) => r.phases[p]).filter((x): x is number => x !== undefined);
      return v.length === runs.length ? `${p} ${fixed(median(v), 0)}` : `${p} (cached)`;
    });
    line(`${label}: median ms since navigation start`, `${parts.join(", ")}`);
  }
}

await main();
