/**
 * Every indicator for every area of every level and every period, loading from the database
 * included: `computeAllIndicators(ctx, ws, { disclosure: false })` over the Berlin-sized data
 * set (40 indicators × 756 areas × 20 half-years = 604,800 cells from ~530,000 stored
 * observations of the 49 variables the indicators use).
 *
 * Reference, same engine, same run: the same aggregation as one SQL query — sum the numerator
 * and denominator variables of every indicator over every area of every level (a recursive
 * CTE builds the leaf → ancestor closure) for every period, and divide. Both give every cell;
 * the bench checks that they agree on all of them and fails loudly if not.
 *
 * The database is filled with a raw COPY (this bench measures the indicators, not the import)
 * and analysed, so the reference query gets the planner's best plan. Each side is warmed up
 * once, then timed five times, alternating; the median counts.
 *
 * Targets: under 2 s on PGlite, within 3× of the reference.
 */
import { sql } from "drizzle-orm";
import type { IndicatorResult } from "../src/core/indicators/indicator.ts";
import { indicatorCell } from "../src/core/indicators/indicator.ts";
import type { ServiceContext } from "../src/services/context.ts";
import { computeAllIndicators } from "../src/services/indicators/indicator-values.ts";
import type { Workspace } from "../src/services/workspaces.ts";
import { listAreas } from "../src/storage/areas.repo.ts";
import { executeRows } from "../src/storage/db.ts";
import { listIndicators } from "../src/storage/indicators.repo.ts";
import { listPeriods } from "../src/storage/periods.repo.ts";
import { createBerlinDataset } from "./lib/berlin-dataset.ts";
import {
  enginesToRun,
  loadDatasetByCopy,
  withBenchDatabase,
  type Engine,
} from "./lib/bench-database.ts";
import { check, count, formatResult, line, machineLoad, median, ms, timed } from "./lib/report.ts";

const RUNS = 5;
const LOAD_STAMP = new Date("2025-01-01T00:00:00.000Z");

/** One cell of the reference query: ids, both counts, and the value (null: zero denominator). */
interface ReferenceRow {
  readonly i: number;
  readonly a: number;
  readonly p: number;
  readonly n: number;
  readonly d: number;
  readonly v: number | null;
}

/** The reference: every indicator × area × period in one query. */
function referenceQuery(workspaceId: number) {
  return sql`
    WITH RECURSIVE closure AS (
      -- every area is its own ancestor; then climb one parent at a time
      SELECT id AS leaf, id AS ancestor FROM area WHERE workspace_id = ${workspaceId}
      UNION ALL
      SELECT c.leaf, a.parent_id
      FROM closure c JOIN area a ON a.id = c.ancestor
      WHERE a.parent_id IS NOT NULL
    ),
    term AS (
      SELECT i.id AS indicator_id, v.id AS variable_id, 'numerator' AS side
      FROM indicator i
      CROSS JOIN LATERAL unnest(i.numerator) AS t(code)
      JOIN variable v ON v.workspace_id = i.workspace_id AND v.code = t.code
      WHERE i.workspace_id = ${workspaceId}
      UNION ALL
      SELECT i.id, v.id, 'denominator'
      FROM indicator i
      CROSS JOIN LATERAL unnest(i.denominator) AS t(code)
      JOIN variable v ON v.workspace_id = i.workspace_id AND v.code = t.code
      WHERE i.workspace_id = ${workspaceId}
    ),
    variable_total AS (
      SELECT o.variable_id, c.ancestor AS area_id, o.period_id, sum(o.value) AS total
      FROM observation o
      JOIN closure c ON c.leaf = o.area_id
      WHERE o.workspace_id = ${workspaceId}
        AND o.superseded_at IS NULL
        AND o.variable_id IN (SELECT variable_id FROM term)
      GROUP BY o.variable_id, c.ancestor, o.period_id
    ),
    indicator_count AS (
      SELECT t.indicator_id, vt.area_id, vt.period_id,
        sum(vt.total) FILTER (WHERE t.side = 'numerator') AS numerator,
        sum(vt.total) FILTER (WHERE t.side = 'denominator') AS denominator
      FROM variable_total vt
      JOIN term t ON t.variable_id = vt.variable_id
      GROUP BY t.indicator_id, vt.area_id, vt.period_id
    )
    SELECT ic.indicator_id AS i, ic.area_id AS a, ic.period_id AS p,
      ic.numerator AS n, ic.denominator AS d,
      i.factor * ic.numerator / NULLIF(ic.denominator, 0) AS v
    FROM indicator_count ic
    JOIN indicator i ON i.id = ic.indicator_id`;
}

function same(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Compares every cell of the reference with the product's; throws on the first difference. */
async function compareResults(
  ctx: ServiceContext,
  ws: Workspace,
  product: readonly { indicator: string; result: IndicatorResult }[],
  reference: readonly ReferenceRow[],
): Promise<{ cells: number; zeroDenominators: number }> {
  const orm = ctx.db.orm;
  const indicatorCode = new Map((await listIndicators(orm, ws.id)).map((i) => [i.id, i.code]));
  const areaCode = new Map((await listAreas(orm, ws.id)).map((a) => [a.id, a.code]));
  const periodCode = new Map((await listPeriods(orm, ws.id)).map((p) => [p.id, p.code]));
  const byIndicator = new Map(product.map((r) => [r.indicator, r.result]));
  const first = product[0]?.result;
  check(first !== undefined, "computeAllIndicators returned results");
  const areaIndex = new Map(first.areaCodes.map((code, i) => [code, i]));
  const slotIndex = new Map(first.periods.map((p, i) => [p.code, i]));
  const productCells = product.reduce((n, r) => n + r.result.values.length, 0);
  check(
    reference.length === productCells,
    `reference has ${reference.length} cells, product ${productCells}`,
  );
  let zeroDenominators = 0;
  for (const row of reference) {
    const code = indicatorCode.get(row.i)!;
    const result = byIndicator.get(code);
    const area = areaIndex.get(areaCode.get(row.a)!);
    const slot = slotIndex.get(periodCode.get(row.p)!);
    check(result !== undefined && area !== undefined && slot !== undefined, "cell exists");
    const cell = indicatorCell(result, slot, area);
    const where = `${code} ${first.areaCodes[area]!} ${first.periods[slot]!.code}`;
    const num = cell.numerator;
    const den = cell.denominator;
    check(num.kind === "known" && same(num.value, row.n), `${where}: numerator ${row.n}`);
    check(den?.kind === "known" && same(den.value, row.d), `${where}: denominator ${row.d}`);
    if (row.v === null) {
      zeroDenominators++;
      check(
        cell.value.kind === "missing" && cell.value.reason === "zero_denominator",
        `${where}: reference has a zero denominator, product ${JSON.stringify(cell.value)}`,
      );
    } else {
      check(
        cell.value.kind === "known" && same(cell.value.value, row.v),
        `${where}: reference ${row.v}, product ${JSON.stringify(cell.value)}`,
      );
    }
  }
  return { cells: reference.length, zeroDenominators };
}

async function measure(engine: Engine): Promise<{ productMs: number; referenceMs: number }> {
  const ds = createBerlinDataset();
  return withBenchDatabase(engine, "indicators", async ({ ctx }) => {
    const load = await timed(() => loadDatasetByCopy(ctx, ds, LOAD_STAMP));
    const ws = load.result;
    await ctx.db.orm.execute(sql`ANALYZE`);
    line("set-up: catalogue + raw COPY + ANALYZE", ms(load.ms));

    const runProduct = () => computeAllIndicators(ctx, ws, { disclosure: false });
    const runReference = () => executeRows<ReferenceRow>(ctx.db.orm, referenceQuery(ws.id));
    await runProduct();
    await runReference();
    const productTimes: number[] = [];
    const referenceTimes: number[] = [];
    let lastProduct: Awaited<ReturnType<typeof runProduct>> = [];
    let lastReference: ReferenceRow[] = [];
    for (let i = 0; i < RUNS; i++) {
      const p = await timed(runProduct);
      productTimes.push(p.ms);
      lastProduct = p.result;
      const r = await timed(runReference);
      referenceTimes.push(r.ms);
      lastReference = r.result;
    }
    const compared = await compareResults(ctx, ws, lastProduct, lastReference);
    line(
      "cells compared, all equal",
      `${count(compared.cells)} (${count(compared.zeroDenominators)} with a zero denominator)`,
    );
    const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(", ");
    line("computeAllIndicators runs (ms)", list(productTimes));
    line("reference SQL runs (ms)", list(referenceTimes));
    return { productMs: median(productTimes), referenceMs: median(referenceTimes) };
  });
}

async function main(): Promise<void> {
  console.log(
    "indicators: 40 indicators × 756 areas (5 levels) × 20 half-years, disclosure off, " +
      `median of ${RUNS} runs after one warm-up`,
  );
  const results: string[] = [];
  for (const engine of enginesToRun()) {
    console.log(`\n[${engine}] (${machineLoad()})`);
    const { productMs, referenceMs } = await measure(engine);
    line("computeAllIndicators, median", ms(productMs));
    line("reference: one SQL query, median", ms(referenceMs));
    line("product / reference time (target ≤ 3)", (productMs / referenceMs).toFixed(3));
    if (engine === "pglite") line("under 2 s on PGlite", productMs < 2000 ? "yes" : "NO");
    results.push(
      formatResult({
        name: `indicators_${engine}`,
        metric: "time",
        value: productMs,
        unit: "ms",
        reference: referenceMs,
        decimals: 1,
      }),
    );
  }
  console.log("");
  for (const r of results) console.log(r);
}

await main();
