/**
 * Building and rendering reports on the demo city (Flensburg, `seedDemo` into an in-memory
 * PGlite, as the demo and the end-to-end tests run it).
 *
 * Measured, each as one warm-up and then the median of RUNS (5) runs:
 *   (a) the built-in Sozialbericht 2021: `buildReport` + `renderDocument(…, "pdf")`;
 *   (b) the same report as DOCX: `buildReport` + `renderDocument(…, "docx")` (figures drawn to
 *       PNG by the report's Chromium);
 *   (c) area profiles (Gebietsprofile) for all 41 statistical districts in one document:
 *       `buildAreaProfiles` + `renderDocument(…, "pdf")`, with a copy of the built-in
 *       Gebietsprofil whose `perArea.level` is "statistical_district".
 * Build and render are timed separately within each run; the figure is their sum.
 *
 * The demo's tables have figures down to the 13 Stadtteile only; its 41 statistical districts
 * have outlines but no figures. For (c) this bench therefore adds, in its own database only,
 * SYNTHETIC figures for the statistical districts: every figure the demo holds for a Stadtteil
 * of the six variables the Gebietsprofil's indicators use (population, pop_under_18, pop_0_6,
 * pop_65_79, pop_80_plus, foreigners) is split among the Stadtteil's statistical districts with
 * fixed pseudo-random weights, so that they add up exactly to the Stadtteil. They are imported
 * through the product's import (`runImport`, a long CSV with its mapping). They are for timing
 * only and describe no real district.
 *
 * Reference, same run, same browser, alternating with (a) run by run: Chromium printing the
 * same Sozialbericht's HTML (`renderHtml` once, written to a file) as a static page:
 * `page.goto(file://…)` + `page.pdf({ format: "A4", printBackground: true })` on the shared
 * browser of src/render/chromium.ts, in one page opened beforehand (scripts off, as the
 * product prints). It is what one print of the report costs at best; the product prints more
 * than once (page numbers of the contents, the title page) and post-processes the PDF.
 *
 * Targets (product issue; reported, not asserted): Sozialbericht PDF under 20 s; all profiles
 * under 60 s; the PDF path within 3× of the static print.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { PDFDocument } from "pdf-lib";
import { seedDemo } from "../src/cli/demo.ts";
import type { ReportDocument } from "../src/core/reports/document.ts";
import type { ReportTemplate } from "../src/core/reports/template.ts";
import { buildAreaProfiles, buildReport, type BuildResult } from "../src/services/reports/build.ts";
import { builtInTemplates } from "../src/services/reports/built-in-templates.ts";
import { closeChromium, reportBrowser } from "../src/render/chromium.ts";
import { renderHtml } from "../src/render/html.ts";
import { renderDocument, type RenderFormat } from "../src/services/reports/render.ts";
import { SYSTEM_ACTOR } from "../src/services/audit.ts";
import { createServiceContext, type ServiceContext } from "../src/services/context.ts";
import { runImport } from "../src/services/data/run-import.ts";
import { resolveWorkspace, type Workspace } from "../src/services/workspaces.ts";
import { executeRows, openDatabase } from "../src/storage/db.ts";
import { check, count, formatResult, machineLoad, median, ms } from "./lib/report.ts";

/** Timed runs per measurement, after one warm-up. */
const RUNS = 5;
const PERIOD = "2021";
const SUB_LEVEL = "statistical_district";
const SUB_DISTRICTS = 41;
/** The variables behind the Gebietsprofil's indicators (demo/flensburg/catalogue.json). */
const PROFILE_VARIABLES = [
  "population",
  "pop_under_18",
  "pop_0_6",
  "pop_65_79",
  "pop_80_plus",
  "pop_18_64",
  "foreigners",
  "sgb2_recipients",
  "sgb2_non_employable",
  "transfer_recipients",
] as const;

const TARGET_REPORT_MS = 20_000;
const TARGET_PROFILES_MS = 60_000;
const TARGET_RATIO = 3;

interface Timing {
  readonly build: number;
  readonly render: number;
  readonly total: number;
  readonly bytes: Uint8Array;
}

function documentOf(built: BuildResult, what: string): ReportDocument {
  if (!built.ok) {
    throw new Error(
      `${what} ließ sich nicht erstellen: ${built.problems.map((p) => `${p.place}: ${p.message}`).join("; ")}`,
    );
  }
  return built.document;
}

/** One build + render, timed in its two parts. */
async function timedReport(
  build: () => Promise<BuildResult>,
  format: RenderFormat,
  what: string,
): Promise<Timing> {
  const t0 = performance.now();
  const doc = documentOf(await build(), what);
  const t1 = performance.now();
  const bytes = await renderDocument(doc, format);
  const t2 = performance.now();
  return { build: t1 - t0, render: t2 - t1, total: t2 - t0, bytes };
}

/** A deterministic number in [0, 1) from a text (FNV-1a, 32 bits). */
function unit(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) / 2 ** 32;
}

/** Splits a whole number into parts proportional to `weights` that add up to it exactly. */
function splitWhole(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((x, i) => ({ i, r: x - Math.floor(x) }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    parts[i]!++;
    left--;
  }
  return parts;
}

interface DistrictFigure {
  readonly variable: string;
  readonly area: string;
  readonly period: string;
  readonly value: number;
}

/**
 * SYNTHETIC figures for the statistical districts, for timing only: each Stadtteil's figure of
 * the profile's variables, split among its statistical districts. An area's weight is its own
 * size (0.4–1.6), varied per variable (±30 %) and a little per period (±4 %).
 */
function syntheticSubDistrictCsv(
  figures: readonly DistrictFigure[],
  children: ReadonlyMap<string, readonly string[]>,
): { csv: string; rows: number } {
  const lines = ["gebiet;merkmal;zeitraum;wert"];
  for (const f of figures) {
    const kids = children.get(f.area) ?? [];
    if (kids.length === 0) continue;
    const weights = kids.map(
      (k) =>
        (0.4 + 1.2 * unit(k)) *
        (0.7 + 0.6 * unit(`${k}|${f.variable}`)) *
        (0.96 + 0.08 * unit(`${k}|${f.variable}|${f.period}`)),
    );
    splitWhole(f.value, weights).forEach((v, i) => {
      lines.push(`${kids[i]!};${f.variable};${f.period};${v}`);
    });
  }
  return { csv: `${lines.join("\n")}\n`, rows: lines.length - 1 };
}

const SYNTHETIC_MAPPING = {
  label: "SYNTHETISCH (nur Zeitmessung): Zahlen der statistischen Bezirke",
  format: "csv",
  layout: "long",
  area: { column: "gebiet" },
  variable: { column: "merkmal" },
  period: { column: "zeitraum" },
  value: { column: "wert" },
  numbers: { decimal: ".", thousands: "" },
} as const;

/** Adds the synthetic statistical-district figures through the product's import. */
async function addSyntheticSubDistricts(
  ctx: ServiceContext,
  ws: Workspace,
): Promise<{ rows: number; population: number }> {
  const figures = await executeRows<DistrictFigure>(
    ctx.db.orm,
    sql`SELECT v.code AS variable, a.code AS area, p.code AS period, o.value::float8 AS value
        FROM observation o
        JOIN variable v ON v.id = o.variable_id
        JOIN area a ON a.id = o.area_id
        JOIN area_level l ON l.id = a.level_id
        JOIN period p ON p.id = o.period_id
        WHERE o.workspace_id = ${ws.id} AND l.code = 'district' AND o.value IS NOT NULL
          AND v.code IN (${sql.join(
            PROFILE_VARIABLES.map((c) => sql`${c}`),
            sql`, `,
          )})
        ORDER BY v.code, a.code, p.code`,
  );
  const pairs = await executeRows<{ child: string; parent: string }>(
    ctx.db.orm,
    sql`SELECT c.code AS child, p.code AS parent
        FROM area c JOIN area p ON p.id = c.parent_id JOIN area_level l ON l.id = c.level_id
        WHERE c.workspace_id = ${ws.id} AND l.code = ${SUB_LEVEL}
        ORDER BY c.code`,
  );
  check(pairs.length === SUB_DISTRICTS, `${SUB_DISTRICTS} statistical districts in the demo`);
  const children = new Map<string, string[]>();
  for (const { child, parent } of pairs) {
    const list = children.get(parent) ?? [];
    list.push(child);
    children.set(parent, list);
  }
  for (const f of figures) check(Number.isInteger(f.value), `whole figure ${f.area} ${f.variable}`);
  const { csv, rows } = syntheticSubDistrictCsv(figures, children);
  const report = await runImport(ctx, {
    workspace: ws,
    fileName: "synthetische-statistische-bezirke.csv",
    bytes: new TextEncoder().encode(csv),
    mapping: SYNTHETIC_MAPPING,
    dryRun: false,
    actor: SYSTEM_ACTOR,
  });
  check(
    report.status === "committed" && report.counts.errors === 0,
    `synthetic import: ${report.status}, ${report.issues
      .slice(0, 5)
      .map((i) => i.message)
      .join("; ")}`,
  );
  const population = figures
    .filter((f) => f.variable === "population" && f.period === PERIOD)
    .reduce((sum, f) => sum + f.value, 0);
  return { rows, population };
}

async function pageCount(pdf: Uint8Array): Promise<number> {
  return (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
}

const kb = (bytes: Uint8Array) => `${count(bytes.length / 1024)} KB`;
const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`;

const tmp = mkdtempSync(join(process.env["SOPLA_BENCH_TMP"] ?? tmpdir(), "sopla-bench-reports-"));
const db = await openDatabase({ dataDir: "memory://" });
try {
  const ctx = createServiceContext(db);
  let t = performance.now();
  const seeded = await seedDemo(ctx);
  const rejected = seeded.reports.filter((r) => r.status !== "committed").map((r) => r.fileName);
  console.log(
    `demo seeded into in-memory PGlite: ${seeded.reports.length} imports (rejected as in the demo: ${rejected.join(", ") || "none"}), ${ms(performance.now() - t)}, ${machineLoad()}`,
  );
  let ws = await resolveWorkspace(ctx, seeded.workspace);
  const templates = builtInTemplates();
  const sozialbericht = templates.get("sozialbericht");
  const gebietsprofil = templates.get("gebietsprofil");
  check(sozialbericht !== undefined && gebietsprofil !== undefined, "built-in templates");
  const request = { template: sozialbericht, period: PERIOD, state: "Entwurf" };
  const report = () => buildReport(ctx, ws, request);

  // The browser starts once, outside any timing (the server keeps it running).
  const browser = await reportBrowser();
  console.log(`Chromium ${browser.version()}, ${RUNS} runs after 1 warm-up, median`);

  // The reference's file: the Sozialbericht's HTML, rendered once.
  const doc = documentOf(await report(), "Der Sozialbericht");
  const htmlFile = join(tmp, "sozialbericht-2021.html");
  writeFileSync(htmlFile, renderHtml(doc));
  const htmlUrl = pathToFileURL(htmlFile).href;
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const staticPrint = async (): Promise<{ ms: number; bytes: Uint8Array }> => {
    const started = performance.now();
    await page.goto(htmlUrl, { waitUntil: "load" });
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    return { ms: performance.now() - started, bytes: new Uint8Array(pdf) };
  };

  // (a) Sozialbericht → PDF, alternating with the reference.
  const pdfRuns: Timing[] = [];
  const refRuns: { ms: number; bytes: Uint8Array }[] = [];
  for (let r = 0; r <= RUNS; r++) {
    const product = await timedReport(report, "pdf", "Der Sozialbericht");
    const reference = await staticPrint();
    if (r === 0) continue; // warm-up
    pdfRuns.push(product);
    refRuns.push(reference);
  }
  await context.close();

  // (b) Sozialbericht → DOCX.
  const docxRuns: Timing[] = [];
  for (let r = 0; r <= RUNS; r++) {
    const product = await timedReport(report, "docx", "Der Sozialbericht");
    if (r > 0) docxRuns.push(product);
  }

  // (c) Gebietsprofile of all 41 statistical districts, with SYNTHETIC figures.
  t = performance.now();
  const synthetic = await addSyntheticSubDistricts(ctx, ws);
  ws = await resolveWorkspace(ctx, ws.slug);
  console.log(
    `SYNTHETIC figures for the ${SUB_DISTRICTS} statistical districts (timing only, not real data): ${count(synthetic.rows)} rows imported through runImport, ${ms(performance.now() - t)}`,
  );
  // The profiles of the statistical districts: their maps are of that level too, so each
  // profile's map outlines its own district.
  const profileTemplate: ReportTemplate = {
    ...gebietsprofil,
    perArea: { level: SUB_LEVEL },
    chapters: gebietsprofil.chapters.map((c) => ({
      ...c,
      sections: c.sections.map((s) => ({
        ...s,
        blocks: s.blocks.map((b) => (b.type === "map" ? { ...b, level: SUB_LEVEL } : b)),
      })),
    })),
  };
  const profiles = () =>
    buildAreaProfiles(ctx, ws, { template: profileTemplate, period: PERIOD, state: "Entwurf" });
  const profileRuns: Timing[] = [];
  for (let r = 0; r <= RUNS; r++) {
    const product = await timedReport(profiles, "pdf", "Die Gebietsprofile");
    if (r > 0) profileRuns.push(product);
  }
  const profileDoc = documentOf(await profiles(), "Die Gebietsprofile");
  check(
    profileDoc.chapters.length === SUB_DISTRICTS,
    `${SUB_DISTRICTS} profiles (got ${profileDoc.chapters.length})`,
  );
  // The synthetic figures reached the profiles: each shows its population (first row of its
  // first table), and the 41 add up to the Stadtteile's total.
  let shown = 0;
  for (const chapter of profileDoc.chapters) {
    const table = chapter.sections.flatMap((s) => s.nodes).find((n) => n.kind === "table");
    const cell = table?.kind === "table" ? table.rows[0]?.[1] : undefined;
    check(cell !== undefined && "number" in cell, `${chapter.title}: population shown`);
    shown += cell.number;
  }
  check(
    shown === synthetic.population,
    `the profiles' populations add up to ${synthetic.population} (got ${shown})`,
  );

  // Figures.
  const med = (runs: readonly Timing[], key: "build" | "render" | "total") =>
    median(runs.map((x) => x[key]));
  const pdfMs = med(pdfRuns, "total");
  const refMs = median(refRuns.map((x) => x.ms));
  const docxMs = med(docxRuns, "total");
  const profilesMs = med(profileRuns, "total");
  const [reportPages, refPages, profilePages] = await Promise.all([
    pageCount(pdfRuns[0]!.bytes),
    pageCount(refRuns[0]!.bytes),
    pageCount(profileRuns[0]!.bytes),
  ]);
  const rows: [string, string, string, string, string, string][] = [
    [
      "Sozialbericht 2021 → PDF",
      ms(med(pdfRuns, "build")),
      ms(med(pdfRuns, "render")),
      ms(pdfMs),
      `${reportPages} pages, ${kb(pdfRuns[0]!.bytes)}`,
      `< ${seconds(TARGET_REPORT_MS)}: ${pdfMs < TARGET_REPORT_MS ? "yes" : "NO"}`,
    ],
    [
      "Sozialbericht 2021 → DOCX",
      ms(med(docxRuns, "build")),
      ms(med(docxRuns, "render")),
      ms(docxMs),
      kb(docxRuns[0]!.bytes),
      "",
    ],
    [
      `Gebietsprofile, ${SUB_DISTRICTS} stat. districts → PDF*`,
      ms(med(profileRuns, "build")),
      ms(med(profileRuns, "render")),
      ms(profilesMs),
      `${profilePages} pages, ${kb(profileRuns[0]!.bytes)}`,
      `< ${seconds(TARGET_PROFILES_MS)}: ${profilesMs < TARGET_PROFILES_MS ? "yes" : "NO"}`,
    ],
    [
      "reference: static HTML printed by Chromium",
      "",
      "",
      ms(refMs),
      `${refPages} pages, ${kb(refRuns[0]!.bytes)}`,
      "",
    ],
  ];
  const header = ["", "build", "render", "total", "output", "target met?"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const format = (cells: readonly string[]) =>
    `  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ")}`;
  console.log(`\nReports on the demo city, median of ${RUNS} runs (${machineLoad()}):`);
  console.log(format(header));
  for (const row of rows) console.log(format(row));
  console.log(
    `  all runs (total): PDF ${pdfRuns.map((x) => ms(x.total)).join(", ")}; reference ${refRuns.map((x) => ms(x.ms)).join(", ")}`,
  );
  console.log(
    `                    DOCX ${docxRuns.map((x) => ms(x.total)).join(", ")}; profiles ${profileRuns.map((x) => ms(x.total)).join(", ")}`,
  );
  console.log(
    `  * the statistical districts' figures are SYNTHETIC (Stadtteil figures split by fixed weights), for timing only`,
  );
  const ratio = pdfMs / refMs;
  console.log(
    `  PDF path vs static print: ${ratio.toFixed(2)}× (target ≤ ${TARGET_RATIO}×: ${ratio <= TARGET_RATIO ? "yes" : "NO"})`,
  );
  console.log(
    formatResult({
      name: "reports",
      metric: "pdf",
      value: pdfMs,
      unit: "ms",
      reference: refMs,
      decimals: 0,
    }),
  );
} finally {
  await closeChromium();
  await db.close();
  rmSync(tmp, { recursive: true, force: true });
}
