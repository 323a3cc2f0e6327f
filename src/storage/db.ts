/**
 * Opens Sopla's database: the embedded PGlite (a WASM PostgreSQL in a local folder) by default,
 * or a PostgreSQL server when `DATABASE_URL` is set. Both run the same schema and migrations;
 * the only engine difference, bulk loading with COPY, lives in `copyRows` below.
 */
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PGlite, type Transaction as PgliteTransaction } from "@electric-sql/pglite";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { lockFolder, type FolderLock } from "./folder-lock.ts";
import * as schema from "./schema.ts";

export type Schema = typeof schema;
/** The query builder, on the database or inside a transaction; repositories take it first. */
export type Orm = PgDatabase<PgQueryResultHKT, Schema>;

export interface Tx {
  readonly orm: Orm;
  /**
   * Bulk-loads rows into `table` with COPY (CSV format; null is written as an empty unquoted
   * field). This is the one place where PGlite and a server differ.
   */
  copyRows(table: string, columns: readonly string[], csv: string): Promise<void>;
}

export interface Database {
  readonly kind: "pglite" | "postgres";
  /** Where the data lives: a folder for PGlite, the server URL without password otherwise. */
  readonly location: string;
  readonly orm: Orm;
  /** Runs `fn` in one transaction: commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("./migrations", import.meta.url));

export interface OpenOptions {
  /** A PostgreSQL URL; when absent, PGlite is used. */
  readonly databaseUrl?: string | undefined;
  /** PGlite's data folder; `memory://` for a throw-away in-memory database. */
  readonly dataDir?: string | undefined;
  /**
   * How the lock file of a PGlite folder names this process ("sopla serve"). A folder is
   * opened by one process at a time: another one gets FolderLockedError (folder-lock.ts).
   */
  readonly holder?: string | undefined;
}

/** Opens the database chosen by the options and brings its schema up to date. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  const db = options.databaseUrl
    ? openPostgres(options.databaseUrl)
    : await openPglite(options.dataDir ?? "memory://", options.holder);
  try {
    await migrateDatabase(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}

async function migrateDatabase(db: Database & { readonly raw?: unknown }): Promise<void> {
  if (db.kind === "pglite") {
    await migratePglite(db.orm as Parameters<typeof migratePglite>[0], {
      migrationsFolder: MIGRATIONS_FOLDER,
    });
  } else {
    await migratePg(db.orm as Parameters<typeof migratePg>[0], {
      migrationsFolder: MIGRATIONS_FOLDER,
    });
  }
}

function csvQuoteCopy(table: string, columns: readonly string[]): string {
  const ident = (s: string): string => `"${s.replaceAll('"', '""')}"`;
  return `COPY ${ident(table)} (${columns.map(ident).join(", ")}) FROM STDIN WITH (FORMAT csv)`;
}

/** The lock file of a PGlite folder: beside it, `<folder>.lock`. */
export function lockFileOf(dataDir: string): string {
  return `${dataDir.replace(/[\\/]+$/, "")}.lock`;
}

async function openPglite(dataDir: string, holder: string | undefined): Promise<Database> {
  let lock: FolderLock | null = null;
  if (!dataDir.startsWith("memory://")) {
    mkdirSync(dataDir, { recursive: true });
    lock = lockFolder(lockFileOf(dataDir), holder ?? defaultHolder());
  }
  let client: PGlite;
  try {
    client = await PGlite.create(dataDir);
  } catch (e) {
    lock?.release();
    throw e;
  }
  const orm: Orm = drizzlePglite({ client, schema });
  return {
    kind: "pglite",
    location: dataDir,
    orm,
    transaction: (fn) =>
      client.transaction(async (t: PgliteTransaction) => {
        // PGlite's Transaction offers the query() that drizzle's session calls; drizzle's
        // types ask for the whole PGlite object, which a transaction never is.
        const txOrm: Orm = drizzlePglite({ client: t as unknown as PGlite, schema });
        return fn({
          orm: txOrm,
          copyRows: async (table, columns, csv) => {
            const sql = csvQuoteCopy(table, columns).replace("FROM STDIN", "FROM '/dev/blob'");
            await t.query(sql, [], { blob: new Blob([csv]) });
          },
        });
      }),
    close: async () => {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

function defaultHolder(): string {
  const script = process.argv[1]?.split(/[\\/]/).pop() ?? "node";
  return [script, ...process.argv.slice(2)].join(" ");
}

function openPostgres(url: string): Database {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  let closing = false;
  // An idle connection can die (server restart, failover, an administrator). The pool drops
  // it and opens a new one on demand; without this handler the error would end the process.
  pool.on("error", (e: Error & { code?: string }) => {
    if (!closing)
      console.error(`PostgreSQL: eine Verbindung wurde beendet (${e.code ?? e.message}).`);
  });
  const orm: Orm = drizzlePg({ client: pool, schema });
  const safeUrl = url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
  return {
    kind: "postgres",
    location: safeUrl,
    orm,
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const txOrm: Orm = drizzlePg({ client, schema });
        const result = await fn({
          orm: txOrm,
          copyRows: async (table, columns, csv) => {
            const stream = client.query(copyFrom(csvQuoteCopy(table, columns)));
            await pipeline(Readable.from([csv]), stream);
          },
        });
        await client.query("COMMIT");
        return result;
      } catch (e) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    close: async () => {
      closing = true;
      await pool.end();
    },
  };
}

/**
 * Runs a raw SQL query and returns its rows. Both drivers answer with `{ rows }`; the common
 * drizzle type cannot say so, hence the check here rather than a cast at every call.
 */
export async function executeRows<T>(orm: Orm, query: SQL): Promise<T[]> {
  const result: unknown = await orm.execute(query);
  if (
    typeof result === "object" &&
    result !== null &&
    "rows" in result &&
    Array.isArray(result.rows)
  ) {
    return result.rows as T[];
  }
  throw new Error("Unerwartete Antwort der Datenbank: keine Zeilen.");
}
