/**
 * Validated import of ~1,000,000 observations (the Berlin-sized data set as one long CSV file)
 * through the product's own service, `runImport`, on PGlite (a folder on disk) and, when
 * DATABASE_URL is set, on PostgreSQL.
 *
 * Reference, same engine, same run: PostgreSQL's own COPY of the same rows into the
 * `observation` table of a fresh, migrated database holding the same workspace, areas,
 * variables and periods (so every foreign key is checked as in the import). The COPY text is
 * built beforehand; only the COPY is timed.
 *
 * Phases (without touching src/): read + map is `readObservations` on its own; a dry run is
 * read + map + validate (and the catalogue lookups); the real run adds the write.
 *
 * Targets: validated import ≥ 50 % of COPY throughput; on PGlite under 60 s in total.
 */
import { SYSTEM_ACTOR } from "../src/services/audit.ts";
import { countCurrentObservations } from "../src/storage/observations.repo.ts";
import { parseMapping } from "../src/imports/mapping/mapping.ts";
import { readObservations } from "../src/imports/read-table.ts";
import { runImport } from "../src/services/data/run-import.ts";
import {
  createBerlinDataset,
  observationCsv,
  OBSERVATION_MAPPING,
  type BerlinDataset,
} from "./lib/berlin-dataset.ts";
import {
  applyDatasetCatalogue,
  buildCopyCsv,
  copyObservationRows,
  enginesToRun,
  prepareDatasetIds,
  withBenchDatabase,
  type Engine,
} from "./lib/bench-database.ts";
import { check, count, formatResult, line, machineLoad, ms, timed } from "./lib/report.ts";

const FILE_NAME = "berlin-observations.csv";
/** The created_at of the reference rows; a fixed stamp keeps the COPY text the same every run. */
const COPY_STAMP = new Date("2025-01-01T00:00:00.000Z");

interface ImportFigures {
  readonly readMapMs: number;
  readonly dryRunMs: number;
  readonly importMs: number;
}

async function measureImport(
  engine: Engine,
  ds: BerlinDataset,
  bytes: Buffer,
): Promise<ImportFigures> {
  return withBenchDatabase(engine, "import", async ({ ctx }) => {
    const ws = await applyDatasetCatalogue(ctx, ds);
    const mapping = parseMapping(OBSERVATION_MAPPING);
    check(mapping.ok, "the benchmark mapping is valid");

    // Keep only the count: a million records left alive would slow the measured import's GC.
    const read = await timed(
      async () => (await readObservations(bytes, mapping.value)).records.length,
    );
    check(read.result === ds.observationCount, "read + map yields every record");

    const request = { workspace: ws, fileName: FILE_NAME, bytes, mapping: OBSERVATION_MAPPING };
    const dry = await timed(() =>
      runImport(ctx, { ...request, actor: SYSTEM_ACTOR, dryRun: true }),
    );
    check(dry.result.status === "checked", `dry run status ${dry.result.status}`);
    check(dry.result.counts.errors === 0, `dry run found ${dry.result.counts.errors} errors`);

    const real = await timed(() =>
      runImport(ctx, { ...request, actor: SYSTEM_ACTOR, dryRun: false }),
    );
    check(real.result.status === "committed", `import status ${real.result.status}`);
    check(real.result.summary["new"] === ds.observationCount, "import reports every row as new");
    const stored = await countCurrentObservations(ctx.db.orm, ws.id);
    check(stored === ds.observationCount, `import stored ${stored} observations`);
    return { readMapMs: read.ms, dryRunMs: dry.ms, importMs: real.ms };
  });
}

async function measureCopy(engine: Engine, ds: BerlinDataset): Promise<number> {
  return withBenchDatabase(engine, "copy", async ({ ctx }) => {
    const ws = await applyDatasetCatalogue(ctx, ds);
    const ids = await prepareDatasetIds(ctx, ws, ds);
    const csv = buildCopyCsv(ds, ws, ids, COPY_STAMP);
    const copyMs = await copyObservationRows(ctx.db, csv);
    const stored = await countCurrentObservations(ctx.db.orm, ws.id);
    check(stored === ds.observationCount, `COPY stored ${stored} observations`);
    return copyMs;
  });
}

async function main(): Promise<void> {
  const ds = createBerlinDataset();
  const bytes = observationCsv(ds);
  const n = ds.observationCount;
  console.log(
    `import: ${count(n)} observations (${ds.leafCodes.length} planning areas × ` +
      `${ds.variableCodes.length} variables × ${ds.periodCodes.length} half-years), ` +
      `${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB CSV, seed ${ds.seed}`,
  );
  const results: string[] = [];
  for (const engine of enginesToRun()) {
    console.log(`\n[${engine}] (${machineLoad()})`);
    const imp = await measureImport(engine, ds, bytes);
    const copyMs = await measureCopy(engine, ds);
    const importRate = n / (imp.importMs / 1000);
    const copyRate = n / (copyMs / 1000);
    line("read + map (readObservations)", ms(imp.readMapMs));
    line("validate (dry run − read + map)", ms(imp.dryRunMs - imp.readMapMs));
    line("dry run (read + map + validate)", ms(imp.dryRunMs));
    line("write (import − dry run)", ms(imp.importMs - imp.dryRunMs));
    line("validated import, total", `${ms(imp.importMs)}  ${count(importRate)} rows/s`);
    line("reference: COPY of the same rows", `${ms(copyMs)}  ${count(copyRate)} rows/s`);
    line("import / COPY throughput (target ≥ 0.5)", (importRate / copyRate).toFixed(3));
    if (engine === "pglite")
      line("import under 60 s on PGlite", imp.importMs < 60_000 ? "yes" : "NO");
    results.push(
      formatResult({
        name: `import_${engine}`,
        metric: "throughput",
        value: importRate,
        unit: "rows/s",
        reference: copyRate,
        decimals: 0,
      }),
    );
  }
  console.log("");
  for (const r of results) console.log(r);
}

await main();
