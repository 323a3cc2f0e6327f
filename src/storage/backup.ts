/**
 * Backup and restore of a whole installation (or of one workspace) as one engine-neutral file,
 * readable and writable on PGlite and on a PostgreSQL server alike.
 *
 * The file is gzip-compressed NDJSON (one JSON value per line, UTF-8, "\n" after every line):
 *
 *   1. the header:  {"format":"sopla-backup","version":1,"createdAt":"…","appVersion":"0.1.0",
 *                    "schema":"0001_accounts","scope":"all" | {"workspace":"<slug>"},
 *                    "tables":["workspace","app_user",…]}   (restore order: parents first)
 *   2. per table, in that order, a table line {"table":"area","columns":[{"name":"id","type":"integer"},…],
 *      "rowCount":55}, followed by exactly `rowCount` row lines, each one row as a JSON object
 *      (column name → value) as PostgreSQL's `row_to_json` writes it. In a table with json or jsonb
 *      columns a missing key is SQL NULL, so that null in a jsonb column is the JSON value null; a
 *      json column (which keeps its exact text) holds that text as a string;
 *   3. the trailer: {"trailer":true,"rowCounts":{"area":55,…},"rows":1234,"sha256":"<hex>"}, the
 *      SHA-256 of every uncompressed byte before the trailer line. A file without it, or whose
 *      checksum or counts disagree, is truncated or damaged and is not restored.
 *
 * Nothing here knows Sopla's tables: they are read from the catalogue (`pg_catalog`, schema
 * `public`; drizzle's migration bookkeeping lives in the schema `drizzle` and is never copied),
 * ordered by their foreign keys, and copied column by column. A table added by a later migration
 * is part of every backup without a change here.
 *
 * Fidelity: rows leave the database as the text of `row_to_json` (never parsed in JavaScript, so
 * bigint and numbers in jsonb keep every digit; double precision is written shortest-exact with
 * `extra_float_digits = 3`; timestamps with time zone carry their offset and microseconds) and come
 * back through `json_populate_recordset`, which hands each value's text to the column type's own
 * input function. (`jsonb_populate_recordset` would pass numbers through `numeric` first and turn
 * a double precision -0 into 0.)
 *
 * This file writes a backup; the parts: `backup-format.ts` (the lines, the error),
 * `backup-catalogue.ts` (tables from `pg_catalog`), `backup-rows.ts` (which rows, the SQL that
 * moves them), `backup-read.ts` (reading and checking a file), `backup-restore.ts`.
 */
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rename, stat, unlink } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { sql } from "drizzle-orm";
import { type Database } from "./db.ts";
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BATCH_ROWS,
  type BackupHeader,
  SKIPPED_TABLES,
  type TableLine,
} from "./backup-format.ts";
import { appliedSchemaTag, qualified, readCatalogue, rows } from "./backup-catalogue.ts";
import { ROW_ALIAS, type RowFilter, selectRows, workspaceFilters } from "./backup-rows.ts";

export interface BackupOptions {
  readonly file: string;
  /** Only this workspace; the whole installation when absent. */
  readonly workspace?: { readonly id: number; readonly slug: string } | undefined;
  readonly appVersion: string;
  readonly now: Date;
  /** Told after each table with its row count. */
  readonly onTable?: ((table: string, rows: number) => void) | undefined;
}

export interface BackupSummary {
  readonly file: string;
  readonly tables: number;
  readonly rows: number;
  readonly bytes: number;
  readonly rowCounts: Readonly<Record<string, number>>;
}

/**
 * Writes the backup in one read-only REPEATABLE READ transaction (one consistent snapshot, also
 * while app servers keep working), streaming: rows are fetched through a cursor batch by batch
 * and flow through gzip into `<file>.tmp`, which replaces `file` only when complete.
 */
export async function writeBackup(db: Database, options: BackupOptions): Promise<BackupSummary> {
  const tmp = `${options.file}.tmp`;
  let rowCounts: Record<string, number> = {};
  try {
    rowCounts = await db.transaction(async (tx) => {
      const orm = tx.orm;
      await orm.execute(sql.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"));
      await orm.execute(sql.raw("SET LOCAL extra_float_digits = 3"));
      await orm.execute(sql.raw("SET LOCAL TimeZone = 'UTC'"));
      await orm.execute(sql.raw("SET LOCAL IntervalStyle = 'iso_8601'"));
      await orm.execute(sql.raw("SET LOCAL bytea_output = 'hex'"));
      const schema = await appliedSchemaTag(orm);
      const all = (await readCatalogue(orm)).filter((t) => !SKIPPED_TABLES.includes(t.name));
      const filters = options.workspace
        ? workspaceFilters(all, options.workspace.id)
        : new Map<string, RowFilter>();
      const tables = options.workspace ? all.filter((t) => filters.has(t.name)) : all;
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: options.now.toISOString(),
        appVersion: options.appVersion,
        schema,
        scope: options.workspace ? { workspace: options.workspace.slug } : "all",
        tables: tables.map((t) => t.name),
      };
      const counts: Record<string, number> = {};
      const hash = createHash("sha256");
      async function* lines(): AsyncGenerator<string> {
        const first = `${JSON.stringify(header)}\n`;
        hash.update(first);
        yield first;
        for (const t of tables) {
          const filter = filters.get(t.name);
          const counted = await rows<{ n: string }>(
            orm,
            `SELECT count(*)::text AS "n" FROM ${qualified(t.name)} AS ${ROW_ALIAS}${filter ? ` WHERE ${filter(ROW_ALIAS)}` : ""}`,
          );
          const rowCount = Number(counted[0]?.n ?? 0);
          const tableLine: TableLine = { table: t.name, columns: [...t.columns], rowCount };
          const line = `${JSON.stringify(tableLine)}\n`;
          hash.update(line);
          yield line;
          let seen = 0;
          await orm.execute(
            sql.raw(`DECLARE sopla_backup NO SCROLL CURSOR FOR ${selectRows(t, filter)}`),
          );
          for (;;) {
            const batch = await rows<{ j: string }>(
              orm,
              `FETCH FORWARD ${BATCH_ROWS} FROM sopla_backup`,
            );
            if (batch.length === 0) break;
            seen += batch.length;
            // JSON escapes line breaks in strings; only a json value nested in an array (json[])
            // could carry one as whitespace, which a space replaces. One row, one line.
            const chunk = `${batch.map((b) => (/[\r\n]/.test(b.j) ? b.j.replace(/[\r\n]/g, " ") : b.j)).join("\n")}\n`;
            hash.update(chunk);
            yield chunk;
            if (batch.length < BATCH_ROWS) break;
          }
          await orm.execute(sql.raw("CLOSE sopla_backup"));
          if (seen !== rowCount) {
            throw new Error(`${t.name}: ${rowCount} Zeilen gezählt, aber ${seen} gelesen.`);
          }
          counts[t.name] = seen;
          options.onTable?.(t.name, seen);
        }
        const total = Object.values(counts).reduce((a, b) => a + b, 0);
        yield `${JSON.stringify({ trailer: true, rowCounts: counts, rows: total, sha256: hash.digest("hex") })}\n`;
      }
      await pipeline(Readable.from(lines()), createGzip(), createWriteStream(tmp));
      return counts;
    });
    await rename(tmp, options.file);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  const values = Object.values(rowCounts);
  return {
    file: options.file,
    tables: values.length,
    rows: values.reduce((a, b) => a + b, 0),
    bytes: (await stat(options.file)).size,
    rowCounts,
  };
}

export { BackupError } from "./backup-format.ts";
export { restoreBackup, type RestoreSummary } from "./backup-restore.ts";
