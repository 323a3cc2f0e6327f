/**
 * Throw-away databases for the benchmarks: PGlite in a temporary folder on disk (as users run
 * it), or a fresh database on the PostgreSQL server of `DATABASE_URL` (127.0.0.1 only). Each
 * is migrated on opening and removed on closing. Also the raw-COPY loader that the reference
 * measurements and the benches that do not measure the import use.
 */
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { parsePeriod, type Period } from "../../src/core/periods/period.ts";
import { applyCatalogue, parseCatalogue } from "../../src/services/data/apply-catalogue.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { resolveWorkspace, type Workspace } from "../../src/services/workspaces.ts";
import { listAreas } from "../../src/storage/areas.repo.ts";
import { openDatabase, type Database } from "../../src/storage/db.ts";
import { ensurePeriods } from "../../src/storage/periods.repo.ts";
import { listVariables } from "../../src/storage/variables.repo.ts";
import { WORKSPACE_SLUG, type BerlinDataset, type CatalogueFile } from "./berlin-dataset.ts";

export type Engine = "pglite" | "postgres";

export interface BenchDatabase {
  readonly engine: Engine;
  readonly db: Database;
  readonly ctx: ServiceContext;
  /** Closes the database and deletes it (folder or server database). */
  close(): Promise<void>;
}

/** Large enough for the million-row file (about 35 MB). */
export const BENCH_LIMITS = { maxImportBytes: 512 * 1024 * 1024 } as const;

/** The engines to measure: always PGlite, PostgreSQL when `DATABASE_URL` is set. */
export function enginesToRun(): Engine[] {
  return serverUrl() === null ? ["pglite"] : ["pglite", "postgres"];
}

function serverUrl(): string | null {
  const url = process.env["DATABASE_URL"];
  if (url === undefined || url === "") return null;
  const host = new URL(url).hostname;
  if (host !== "127.0.0.1" && host !== "localhost") {
    throw new Error(`Benchmarks talk only to 127.0.0.1; DATABASE_URL points to ${host}.`);
  }
  return url;
}

async function adminQuery(url: string, query: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

/** A database as opened here, with a way to delete it without closing it first. */
interface Opened extends BenchDatabase {
  /** Deletes the folder or server database at once, for an interrupted run. */
  remove(): Promise<void>;
}

/** Databases not yet closed: on Ctrl-C or SIGTERM they are deleted before the process ends. */
const open = new Set<Opened>();
let signalsHandled = false;

/**
 * Best effort for a bench run on its own: Node runs signal handlers only between tasks, and
 * PGlite works synchronously inside one, so a handler may run late. bin/run-bench.mjs does not
 * rely on it: it gives each bench a temporary folder and a database name prefix
 * (SOPLA_BENCH_TMP, SOPLA_BENCH_RUN) and removes whatever is left after the bench ends.
 */
function handleSignals(): void {
  if (signalsHandled) return;
  signalsHandled = true;
  let stopping = false;
  // Not a graceful close: the bench keeps queueing queries, so a close could wait for ever.
  const onSignal = (): void => {
    if (stopping) process.exit(130);
    stopping = true;
    void Promise.allSettled([...open].map((o) => o.remove())).then(() => process.exit(130));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

/** Opens a fresh, migrated database on the engine; `label` names it for people. */
export async function openBenchDatabase(engine: Engine, label: string): Promise<BenchDatabase> {
  handleSignals();
  const opened = engine === "pglite" ? await openPglite(label) : await openPostgres(label);
  open.add(opened);
  let closed: Promise<void> | null = null;
  return {
    engine,
    db: opened.db,
    ctx: opened.ctx,
    close: () => {
      open.delete(opened);
      closed ??= opened.close();
      return closed;
    },
  };
}

async function openPglite(label: string): Promise<Opened> {
  const base = process.env["SOPLA_BENCH_TMP"] ?? tmpdir();
  const dir = mkdtempSync(join(base, `sopla-bench-${label}-`));
  const remove = (): Promise<void> => {
    rmSync(dir, { recursive: true, force: true });
    return Promise.resolve();
  };
  try {
    const db = await openDatabase({ dataDir: dir });
    return {
      engine: "pglite",
      db,
      ctx: createServiceContext(db, { limits: BENCH_LIMITS }),
      close: async () => {
        try {
          await db.close();
        } finally {
          await remove();
        }
      },
      remove,
    };
  } catch (e) {
    await remove();
    throw e;
  }
}

async function openPostgres(label: string): Promise<Opened> {
  const admin = serverUrl();
  if (admin === null) throw new Error("PostgreSQL braucht DATABASE_URL.");
  const safe = (s: string): string => s.toLowerCase().replaceAll(/[^a-z0-9]/g, "_");
  const run = safe(process.env["SOPLA_BENCH_RUN"] ?? randomBytes(4).toString("hex"));
  const name = `sopla_bench_${run}_${safe(label)}_${randomBytes(4).toString("hex")}`;
  await adminQuery(admin, `CREATE DATABASE ${name}`);
  // WITH (FORCE) ends the bench's own connections, so this works while they are busy.
  const remove = () => adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  try {
    const url = new URL(admin);
    url.pathname = `/${name}`;
    const db = await openDatabase({ databaseUrl: url.toString() });
    return {
      engine: "postgres",
      db,
      ctx: createServiceContext(db, { limits: BENCH_LIMITS }),
      close: async () => {
        try {
          await db.close();
        } finally {
          await remove();
        }
      },
      remove,
    };
  } catch (e) {
    await remove();
    throw e;
  }
}

/** Runs `fn` with a fresh database and always removes it afterwards. */
export async function withBenchDatabase<T>(
  engine: Engine,
  label: string,
  fn: (bench: BenchDatabase) => Promise<T>,
): Promise<T> {
  const bench = await openBenchDatabase(engine, label);
  try {
    return await fn(bench);
  } finally {
    await bench.close();
  }
}

/** Applies a catalogue file through the product and returns its workspace. */
export async function applyCatalogueFile(
  ctx: ServiceContext,
  catalogue: CatalogueFile,
): Promise<Workspace> {
  await applyCatalogue(ctx, parseCatalogue(catalogue), SYSTEM_ACTOR);
  return resolveWorkspace(ctx, catalogue.workspace.slug);
}

/** Applies the data set's catalogue (workspace, 756 areas, variables, indicators). */
export async function applyDatasetCatalogue(
  ctx: ServiceContext,
  ds: BerlinDataset,
): Promise<Workspace> {
  return applyCatalogueFile(ctx, ds.catalogue);
}

/**
 * What the raw COPY needs of a data set: the codes of leaves, variables and periods, and the
 * values at the leaves in the layout of `BerlinDataset.values` (NaN: withheld, stored as null).
 */
export type CopyDataset = Pick<
  BerlinDataset,
  "leafCodes" | "variableCodes" | "periodCodes" | "values"
>;

/** The database ids the COPY rows refer to. */
export interface DatasetIds {
  readonly areas: readonly number[];
  readonly variables: readonly number[];
  readonly periods: readonly number[];
}

/** Creates the data set's periods (as an import would) and returns the ids of its codes. */
export async function prepareDatasetIds(
  ctx: ServiceContext,
  ws: Workspace,
  ds: Omit<CopyDataset, "values">,
): Promise<DatasetIds> {
  const periods: Period[] = ds.periodCodes.map((code) => {
    const parsed = parsePeriod(code);
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.value;
  });
  const periodIds = await ensurePeriods(ctx.db.orm, ws.id, periods);
  const areaIds = new Map((await listAreas(ctx.db.orm, ws.id)).map((a) => [a.code, a.id]));
  const variableIds = new Map((await listVariables(ctx.db.orm, ws.id)).map((v) => [v.code, v.id]));
  const pick = (map: ReadonlyMap<string, number>, codes: readonly string[]): number[] =>
    codes.map((c) => {
      const id = map.get(c);
      if (id === undefined) throw new Error(`Keine Id für ${c}.`);
      return id;
    });
  return {
    areas: pick(areaIds, ds.leafCodes),
    variables: pick(variableIds, ds.variableCodes),
    periods: pick(periodIds, ds.periodCodes),
  };
}

/** The columns of the reference COPY (the product's COPY also writes `import_id`). */
export const REFERENCE_COPY_COLUMNS = [
  "workspace_id",
  "variable_id",
  "area_id",
  "period_id",
  "value",
  "status",
  "revision",
  "created_at",
] as const;

/** The data set as COPY CSV rows for `REFERENCE_COPY_COLUMNS` (NaN as an empty field: null). */
export function buildCopyCsv(
  ds: CopyDataset,
  ws: Workspace,
  ids: DatasetIds,
  createdAt: Date,
): string {
  const parts: string[] = [];
  const stamp = createdAt.toISOString();
  const n = ds.leafCodes.length;
  for (let p = 0; p < ds.periodCodes.length; p++) {
    for (let v = 0; v < ds.variableCodes.length; v++) {
      const prefix = `${ws.id},${ids.variables[v]!},`;
      const suffix = `,${ids.periods[p]!},`;
      const offset = (p * ds.variableCodes.length + v) * n;
      let chunk = "";
      for (let a = 0; a < n; a++) {
        const x = ds.values[offset + a]!;
        chunk += `${prefix}${ids.areas[a]!}${suffix}${Number.isNaN(x) ? "" : x},final,1,${stamp}\n`;
      }
      parts.push(chunk);
    }
  }
  return parts.join("");
}

/** Writes `csv` into `observation` with one COPY in one transaction; returns milliseconds. */
export async function copyObservationRows(db: Database, csv: string): Promise<number> {
  const started = performance.now();
  await db.transaction((tx) => tx.copyRows("observation", REFERENCE_COPY_COLUMNS, csv));
  return performance.now() - started;
}

/**
 * Fills a fresh database with the data set the fast way (catalogue, periods, one raw COPY),
 * for benches that measure reading rather than importing.
 */
export async function loadDatasetByCopy(
  ctx: ServiceContext,
  ds: BerlinDataset,
  createdAt: Date,
): Promise<Workspace> {
  const ws = await applyDatasetCatalogue(ctx, ds);
  const ids = await prepareDatasetIds(ctx, ws, ds);
  await copyObservationRows(ctx.db, buildCopyCsv(ds, ws, ids, createdAt));
  return resolveWorkspace(ctx, WORKSPACE_SLUG);
}
