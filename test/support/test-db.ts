/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or a new
 * database on a PostgreSQL server when SOPLA_TEST_DB=postgres (the server is found through
 * TEST_DATABASE_URL or DATABASE_URL; the test database is dropped afterwards).
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "../../src/storage/db.ts";

export interface TestDatabase {
  readonly db: Database;
  close(): Promise<void>;
}

export const testEngine = process.env["SOPLA_TEST_DB"] === "postgres" ? "postgres" : "pglite";

function serverUrl(): string {
  const url = process.env["TEST_DATABASE_URL"] ?? process.env["DATABASE_URL"];
  if (!url) {
    throw new Error(
      "SOPLA_TEST_DB=postgres braucht TEST_DATABASE_URL oder DATABASE_URL (ein PostgreSQL-Server, 15 oder neuer).",
    );
  }
  return url;
}

export async function openTestDatabase(): Promise<TestDatabase> {
  if (testEngine === "pglite") {
    const db = await openDatabase({ dataDir: "memory://" });
    return { db, close: () => db.close() };
  }
  const server = await createServerDatabase("sopla_test");
  const db = await openDatabase({ databaseUrl: server.url });
  return {
    db,
    close: async () => {
      await db.close();
      await server.drop();
    },
  };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates an empty database with a random name on the test server. */
async function createServerDatabase(
  prefix: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/**
 * Environment for a child process (the CLI) that should use its own fresh database: a
 * temporary PGlite folder, or a new database on the test server.
 */
export async function openTestDatabaseEnv(): Promise<{
  env: Record<string, string>;
  close(): Promise<void>;
}> {
  const { mkdtemp, rm } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  if (testEngine === "pglite") {
    const dir = await mkdtemp(join(tmpdir(), "sopla-cli-"));
    return {
      env: { SOPLA_DATA_DIR: dir, DATABASE_URL: "" },
      close: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const server = await createServerDatabase("sopla_cli");
  return { env: { DATABASE_URL: server.url }, close: () => server.drop() };
}
