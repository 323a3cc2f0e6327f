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
 */
import { formatNumber } from "../core/format/number.ts";
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { open, readFile, rename, stat, unlink } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { StringDecoder } from "node:string_decoder";
import { createGunzip, createGzip } from "node:zlib";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { executeRows, MIGRATIONS_FOLDER, type Database, type Orm } from "./db.ts";

export const BACKUP_FORMAT = "sopla-backup";
export const BACKUP_VERSION = 1;
/** Rows per FETCH when writing and per INSERT when restoring: bounds memory for any table size. */
export const BATCH_ROWS = 5000;
/**
 * Tables in no backup: login sessions (a restored installation starts without sessions; everyone
 * signs in again) and the failed-login counters of the rate limit. Both are transient security
 * state, not data.
 */
export const SKIPPED_TABLES: readonly string[] = ["session", "login_attempt"];

/** A problem with a backup file or with the database it should go into; the message is German. */
export class BackupError extends Error {
  readonly kind: "foreign" | "damaged" | "schema" | "not_empty" | "structure" | "unsupported";

  constructor(kind: BackupError["kind"], message: string) {
    super(message);
    this.name = "BackupError";
    this.kind = kind;
  }
}

const columnSchema = z.object({ name: z.string(), type: z.string() });
export type BackupColumn = z.infer<typeof columnSchema>;

const headerSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.number(),
  createdAt: z.string(),
  appVersion: z.string(),
  schema: z.string(),
  scope: z.union([z.literal("all"), z.object({ workspace: z.string() })]),
  tables: z.array(z.string()),
});
export type BackupHeader = z.infer<typeof headerSchema>;

const tableLineSchema = z.object({
  table: z.string(),
  columns: z.array(columnSchema),
  rowCount: z.number().int().nonnegative(),
});
type TableLine = z.infer<typeof tableLineSchema>;

const trailerSchema = z.object({
  trailer: z.literal(true),
  rowCounts: z.record(z.string(), z.number()),
  rows: z.number(),
  sha256: z.string(),
});

// ---------------------------------------------------------------------------------------------
// The catalogue: tables, columns, keys, triggers and sequences of the schema `public`.
// ---------------------------------------------------------------------------------------------

interface ForeignKey {
  readonly columns: readonly string[];
  readonly refTable: string;
  readonly refColumns: readonly string[];
}

export interface TableInfo {
  readonly name: string;
  /** Stored columns in table order; generated columns are left out (the database computes them). */
  readonly columns: readonly BackupColumn[];
  readonly primaryKey: readonly string[];
  /** Foreign keys to other tables of `public` (and to itself). */
  readonly foreignKeys: readonly ForeignKey[];
  /** User-defined triggers that fire on INSERT; switched off while restoring. */
  readonly insertTriggers: readonly string[];
}

const ident = (s: string): string => `"${s.replaceAll('"', '""')}"`;
const qualified = (table: string): string => `${ident("public")}.${ident(table)}`;
const literal = (s: string): string => `'${s.replaceAll("'", "''")}'`;

async function rows<T>(orm: Orm, text: string): Promise<T[]> {
  return executeRows<T>(orm, sql.raw(text));
}

/** Every table of `public`, parents before the tables that refer to them. */
export async function readCatalogue(orm: Orm): Promise<TableInfo[]> {
  const columns = await rows<{ table: string; column: string; type: string; generated: boolean }>(
    orm,
    `SELECT c.relname AS "table", a.attname AS "column",
            format_type(a.atttypid, a.atttypmod) AS "type", a.attgenerated <> '' AS "generated"
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      ORDER BY c.relname, a.attnum`,
  );
  const primaryKeys = await rows<{ table: string; column: string }>(
    orm,
    `SELECT c.relname AS "table", a.attname AS "column"
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord) ON true
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
      WHERE i.indisprimary AND n.nspname = 'public'
      ORDER BY c.relname, k.ord`,
  );
  const foreignKeys = await rows<{
    name: string;
    table: string;
    refTable: string;
    column: string;
    refColumn: string;
  }>(
    orm,
    `SELECT con.conname AS "name", c.relname AS "table", f.relname AS "refTable",
            a.attname AS "column", fa.attname AS "refColumn"
       FROM pg_constraint con
       JOIN pg_class c ON c.oid = con.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_class f ON f.oid = con.confrelid
       JOIN pg_namespace fn ON fn.oid = f.relnamespace
       JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(attnum, refattnum, ord) ON true
       JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
       JOIN pg_attribute fa ON fa.attrelid = con.confrelid AND fa.attnum = k.refattnum
      WHERE con.contype = 'f' AND n.nspname = 'public' AND fn.nspname = 'public'
      ORDER BY c.relname, con.conname, k.ord`,
  );
  const triggers = await rows<{ table: string; name: string }>(
    orm,
    `SELECT c.relname AS "table", t.tgname AS "name"
       FROM pg_trigger t
       JOIN pg_class c ON c.oid = t.tgrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE NOT t.tgisinternal AND n.nspname = 'public' AND (t.tgtype::int & 4) <> 0
      ORDER BY c.relname, t.tgname`,
  );

  const tables = new Map<
    string,
    { columns: BackupColumn[]; pk: string[]; fks: Map<string, ForeignKey>; triggers: string[] }
  >();
  const entry = (name: string) => {
    let t = tables.get(name);
    if (!t) {
      t = { columns: [], pk: [], fks: new Map(), triggers: [] };
      tables.set(name, t);
    }
    return t;
  };
  for (const c of columns) {
    const t = entry(c.table);
    if (!c.generated) t.columns.push({ name: c.column, type: c.type });
  }
  for (const p of primaryKeys) tables.get(p.table)?.pk.push(p.column);
  for (const f of foreignKeys) {
    const t = tables.get(f.table);
    if (!t || !tables.has(f.refTable)) continue;
    const fk = t.fks.get(f.name) ?? { columns: [], refTable: f.refTable, refColumns: [] };
    (fk.columns as string[]).push(f.column);
    (fk.refColumns as string[]).push(f.refColumn);
    t.fks.set(f.name, fk);
  }
  for (const tr of triggers) tables.get(tr.table)?.triggers.push(tr.name);

  const infos = [...tables].map(([name, t]): TableInfo => ({
    name,
    columns: t.columns,
    primaryKey: t.pk,
    foreignKeys: [...t.fks.values()],
    insertTriggers: t.triggers,
  }));
  return sortByDependencies(infos);
}

/** Kahn's algorithm; among tables that are ready, alphabetical order (so the file is stable). */
function sortByDependencies(tables: readonly TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const waitingFor = new Map(
    tables.map((t) => [
      t.name,
      new Set(t.foreignKeys.map((f) => f.refTable).filter((r) => r !== t.name && byName.has(r))),
    ]),
  );
  const sorted: TableInfo[] = [];
  while (waitingFor.size > 0) {
    const ready = [...waitingFor].filter(([, deps]) => deps.size === 0).map(([n]) => n);
    if (ready.length === 0) {
      throw new BackupError(
        "unsupported",
        `Die Tabellen ${[...waitingFor.keys()].join(", ")} verweisen im Kreis aufeinander; dafür gibt es keine Einfügereihenfolge.`,
      );
    }
    ready.sort();
    const next = ready[0]!;
    sorted.push(byName.get(next)!);
    waitingFor.delete(next);
    for (const deps of waitingFor.values()) deps.delete(next);
  }
  return sorted;
}

/**
 * The tag of the database's newest applied migration (as named in drizzle's journal). drizzle
 * records each applied migration with the journal's timestamp (`when`) as `created_at`.
 */
export async function appliedSchemaTag(orm: Orm): Promise<string> {
  const journal = z
    .object({ entries: z.array(z.object({ when: z.number(), tag: z.string() })) })
    .parse(JSON.parse(await readFile(join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")));
  const applied = await rows<{ createdAt: string | null }>(
    orm,
    `SELECT max(created_at)::text AS "createdAt" FROM drizzle.__drizzle_migrations`,
  );
  const createdAt = applied[0]?.createdAt;
  if (createdAt === null || createdAt === undefined) return "(keine Migration)";
  const entry = journal.entries.find((e) => String(e.when) === createdAt);
  return entry?.tag ?? `(unbekannte Migration vom ${new Date(Number(createdAt)).toISOString()})`;
}

// ---------------------------------------------------------------------------------------------
// What a backup contains.
// ---------------------------------------------------------------------------------------------

/** A SQL condition on the rows of one table, for the row alias given. */
type RowFilter = (alias: string) => string;

let aliasCounter = 0;
const freshAlias = (): string => `s${++aliasCounter}`;

function inSubquery(
  alias: string,
  columns: readonly string[],
  table: string,
  refColumns: readonly string[],
  filter: RowFilter,
): string {
  const s = freshAlias();
  const left =
    columns.length === 1
      ? `${alias}.${ident(columns[0]!)}`
      : `(${columns.map((c) => `${alias}.${ident(c)}`).join(", ")})`;
  return `${left} IN (SELECT ${refColumns.map((c) => `${s}.${ident(c)}`).join(", ")} FROM ${qualified(table)} AS ${s} WHERE ${filter(s)})`;
}

/**
 * The rows of a one-workspace backup, derived from the schema so that new tables follow the same
 * rules without a change here (today's tables in brackets):
 *
 *   1. `workspace`: the workspace's own row.
 *   2. A table with a `workspace_id` column: the rows of the workspace (area_system, area_level,
 *      area, area_boundary, variable, period, observation, indicator, import_run, membership). A
 *      row whose `workspace_id` is NULL belongs to the installation and is left out.
 *   3. A table without `workspace_id` that rows of rules 1–3 refer to: exactly the rows they refer
 *      to (app_user: the workspace's members through `membership.user_id`, and any other account
 *      a row of the workspace names), so every foreign key of the backup resolves.
 *   4. A table without `workspace_id` that refers only to tables of rules 1–3: the rows whose
 *      references all point into the backup (none today).
 *   5. Any other table belongs to the whole installation and is not in a one-workspace backup.
 *   `session` and `login_attempt` are in no backup at all (see SKIPPED_TABLES).
 *
 * Returns the filter of every table in the backup; a table without one is left out.
 */
export function workspaceFilters(
  tables: readonly TableInfo[],
  workspaceId: number,
): Map<string, RowFilter> {
  if (!Number.isSafeInteger(workspaceId)) throw new Error(`workspace id ${workspaceId}`);
  const filters = new Map<string, RowFilter>();
  const candidates = tables.filter((t) => !SKIPPED_TABLES.includes(t.name));
  for (const t of candidates) {
    if (t.name === "workspace") filters.set(t.name, (a) => `${a}."id" = ${workspaceId}`);
    else if (t.columns.some((c) => c.name === "workspace_id"))
      filters.set(t.name, (a) => `${a}."workspace_id" = ${workspaceId}`);
  }
  // Rule 3, children before parents, so a chain of referred-to tables resolves in one pass.
  for (const t of [...candidates].reverse()) {
    if (filters.has(t.name)) continue;
    const referrers = candidates.flatMap((r) =>
      r.name === t.name || !filters.has(r.name)
        ? []
        : r.foreignKeys.filter((f) => f.refTable === t.name).map((f) => ({ from: r, fk: f })),
    );
    if (referrers.length === 0) continue;
    filters.set(t.name, (a) =>
      referrers
        .map(({ from, fk }) =>
          inSubquery(a, fk.refColumns, from.name, fk.columns, filters.get(from.name)!),
        )
        .map((c) => `(${c})`)
        .join(" OR "),
    );
  }
  // Rule 4, parents before children.
  for (const t of candidates) {
    if (filters.has(t.name)) continue;
    const fks = t.foreignKeys.filter((f) => f.refTable !== t.name);
    if (fks.length === 0 || !fks.every((f) => filters.has(f.refTable))) continue;
    filters.set(t.name, (a) =>
      fks
        .map((f) => {
          const isNull = f.columns.map((c) => `${a}.${ident(c)} IS NULL`).join(" AND ");
          const inside = inSubquery(
            a,
            f.columns,
            f.refTable,
            f.refColumns,
            filters.get(f.refTable)!,
          );
          return `((${isNull}) OR ${inside})`;
        })
        .join(" AND "),
    );
  }
  return filters;
}

/** The alias of the table read; `alias.*` and qualified columns never mistake it for a column. */
const ROW_ALIAS = "sopla_row";

const isJson = (c: BackupColumn): boolean => c.type === "json" || c.type === "jsonb";

/**
 * A row as JSON text. `row_to_json` writes SQL NULL as null, which in a json or jsonb column
 * could not be told apart from the JSON value null; so a table with such columns is written
 * column by column (with the same `to_json` rendering) and leaves SQL NULLs out. In the file, a
 * missing key is SQL NULL; a jsonb value is written as itself (null is the JSON value null); a
 * json value, whose exact text (whitespace, key order) PostgreSQL keeps, as a string holding
 * that text.
 */
function rowJson(t: TableInfo, alias: string): string {
  if (!t.columns.some(isJson)) return `row_to_json(${alias}.*)::text`;
  const parts = t.columns.map((c) => {
    const value = `${alias}.${ident(c.name)}${c.type === "json" ? "::text" : ""}`;
    return `${literal(`${JSON.stringify(c.name)}:`)} || to_json(${value})::text`;
  });
  return `'{' || concat_ws(',', ${parts.join(", ")}) || '}'`;
}

/** How the INSERT takes a column from the row object `e.value`, or from its record `p`. */
function columnValue(c: BackupColumn): string {
  if (c.type === "jsonb") return `(e.value -> ${literal(c.name)})::jsonb`;
  if (c.type === "json") return `(e.value ->> ${literal(c.name)})::json`;
  return `p.${ident(c.name)}`;
}

/**
 * The SELECT that reads a table's rows as JSON text, in primary-key order. A table that refers to
 * itself through one single-column foreign key (area.parent_id) is read parents first, so the
 * rows can be inserted batch by batch in file order.
 */
function selectRows(t: TableInfo, filter: RowFilter | undefined): string {
  const r = ROW_ALIAS;
  const where = filter ? ` WHERE ${filter(r)}` : "";
  const pkOrder = t.primaryKey.map((c) => `${r}.${ident(c)}`).join(", ");
  const selfRefs = t.foreignKeys.filter((f) => f.refTable === t.name);
  const self = selfRefs.length === 1 && selfRefs[0]!.columns.length === 1 ? selfRefs[0]! : null;
  if (!self) {
    return `SELECT ${rowJson(t, r)} AS "j" FROM ${qualified(t.name)} AS ${r}${where}${
      pkOrder ? ` ORDER BY ${pkOrder}` : ""
    }`;
  }
  const fk = ident(self.columns[0]!);
  const key = ident(self.refColumns[0]!);
  const table = qualified(t.name);
  return `WITH RECURSIVE tree(k, depth) AS (
      SELECT x.${key}, 0 FROM ${table} AS x WHERE x.${fk} IS NULL OR x.${fk} = x.${key}
      UNION ALL
      SELECT x.${key}, tree.depth + 1 FROM ${table} AS x JOIN tree ON x.${fk} = tree.k
       WHERE x.${fk} <> x.${key}
    )
    SELECT ${rowJson(t, r)} AS "j" FROM ${table} AS ${r} LEFT JOIN tree ON tree.k = ${r}.${key}${where}
     ORDER BY tree.depth NULLS LAST${pkOrder ? `, ${pkOrder}` : ""}`;
}

/**
 * The INSERT of one batch (a JSON array of rows, parameter $1). `json_populate_record(set)` hands
 * each value's text to the column type's input function; json and jsonb columns are taken from
 * the row object itself, so that a JSON null stays a JSON null.
 */
function insertRows(table: string, columns: readonly BackupColumn[], batch: readonly string[]) {
  const names = columns.map((c) => ident(c.name)).join(", ");
  const target = qualified(table);
  const rowsParam = `[${batch.join(",")}]`;
  if (!columns.some(isJson)) {
    return sql`${sql.raw(`INSERT INTO ${target} (${names}) OVERRIDING SYSTEM VALUE SELECT ${names} FROM json_populate_recordset(null::${target}, `)}${rowsParam}${sql.raw("::json)")}`;
  }
  const values = columns.map(columnValue).join(", ");
  return sql`${sql.raw(`INSERT INTO ${target} (${names}) OVERRIDING SYSTEM VALUE SELECT ${values} FROM json_array_elements(`)}${rowsParam}${sql.raw(`::json) AS e CROSS JOIN LATERAL json_populate_record(null::${target}, e.value) AS p`)}`;
}

// ---------------------------------------------------------------------------------------------
// Writing.
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Reading.
// ---------------------------------------------------------------------------------------------

const damaged = (file: string, detail: string): BackupError =>
  new BackupError(
    "damaged",
    `Die Sicherung „${file}“ ist beschädigt oder unvollständig: ${detail}. Es wurde nichts verändert.`,
  );

const foreign = (file: string, detail: string): BackupError =>
  new BackupError(
    "foreign",
    `„${file}“ ist keine Sopla-Sicherung (${detail}). Es wurde nichts verändert.`,
  );

const MAX_LINE_CHARS = 256 * 1024 * 1024;

/** The decompressed lines of a file; zlib's complaints become a German BackupError. */
async function* fileLines(file: string): AsyncGenerator<string> {
  const handle = await open(file, "r");
  try {
    const magic = Buffer.alloc(2);
    const { bytesRead } = await handle.read(magic, 0, 2, 0);
    if (bytesRead < 2 || magic[0] !== 0x1f || magic[1] !== 0x8b) {
      throw foreign(file, "keine gzip-komprimierte Datei");
    }
  } finally {
    await handle.close();
  }
  const gunzip = createGunzip();
  const source = createReadStream(file);
  source.on("error", (e) => gunzip.destroy(e));
  source.pipe(gunzip);
  const decoder = new StringDecoder("utf8");
  let rest = "";
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      const text = rest + decoder.write(chunk);
      const parts = text.split("\n");
      rest = parts.pop() ?? "";
      for (const p of parts) yield p;
      if (rest.length > MAX_LINE_CHARS) {
        throw foreign(file, "eine Zeile ist länger als jede Zeile einer Sicherung");
      }
    }
  } catch (e) {
    if (e instanceof Error && "code" in e && String(e.code).startsWith("Z_")) {
      throw damaged(
        file,
        e.message === "unexpected end of file"
          ? "die Datei bricht mitten in den komprimierten Daten ab"
          : `die komprimierten Daten sind fehlerhaft (${e.message})`,
      );
    }
    throw e;
  } finally {
    source.destroy();
  }
  rest += decoder.end();
  if (rest !== "") yield rest;
}

export interface BackupContents {
  readonly header: BackupHeader;
  /** The table lines, in file order. */
  readonly tables: readonly { table: string; columns: readonly BackupColumn[]; rowCount: number }[];
  readonly rows: number;
  readonly bytes: number;
}

/**
 * Reads the whole file and checks it: the header, each table's line and row count, the trailer's
 * counts and the SHA-256 of the content. `onRows` receives the row lines (JSON text) of each table
 * in batches of at most BATCH_ROWS. Throws a BackupError for anything amiss.
 */
export async function readBackup(
  file: string,
  onRows?: (table: TableLine, rows: readonly string[]) => Promise<void>,
): Promise<BackupContents> {
  const bytes = (await stat(file)).size;
  const hash = createHash("sha256");
  const parse = (line: string, lineNo: number): unknown => {
    try {
      return JSON.parse(line);
    } catch {
      throw damaged(file, `Zeile ${lineNo} ist kein gültiges JSON`);
    }
  };
  let lineNo = 0;
  let header: BackupHeader | undefined;
  const tables: TableLine[] = [];
  let current: TableLine | undefined;
  let remaining = 0;
  let batch: string[] = [];
  let trailer: z.infer<typeof trailerSchema> | undefined;
  const flush = async () => {
    if (batch.length > 0 && current && onRows) await onRows(current, batch);
    batch = [];
  };
  for await (const line of fileLines(file)) {
    lineNo++;
    if (trailer)
      throw damaged(file, `nach dem Abschluss (Zeile ${lineNo - 1}) folgen weitere Daten`);
    if (!header) {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw foreign(file, "die erste Zeile ist keine Kopfzeile im JSON-Format");
      }
      const format = (value as { format?: unknown } | null)?.format;
      if (format !== BACKUP_FORMAT) throw foreign(file, "die Kopfzeile nennt nicht „sopla-backup“");
      const version = (value as { version?: unknown }).version;
      if (version !== BACKUP_VERSION) {
        throw new BackupError(
          "unsupported",
          `Die Sicherung hat das Dateiformat Version ${String(version)}; diese Sopla-Version liest Version ${BACKUP_VERSION}. Es wurde nichts verändert.`,
        );
      }
      const parsed = headerSchema.safeParse(value);
      if (!parsed.success) throw damaged(file, "die Kopfzeile ist unvollständig");
      header = parsed.data;
      hash.update(`${line}\n`);
      continue;
    }
    if (remaining > 0) {
      if (!line.startsWith("{") || !line.endsWith("}")) {
        throw damaged(file, `Zeile ${lineNo} ist keine Tabellenzeile`);
      }
      hash.update(`${line}\n`);
      batch.push(line);
      remaining--;
      if (batch.length >= BATCH_ROWS || remaining === 0) await flush();
      continue;
    }
    const value = parse(line, lineNo);
    if (tables.length < header.tables.length) {
      const parsed = tableLineSchema.safeParse(value);
      const expected = header.tables[tables.length]!;
      if (!parsed.success || parsed.data.table !== expected) {
        throw damaged(file, `in Zeile ${lineNo} sollte die Tabelle „${expected}“ beginnen`);
      }
      hash.update(`${line}\n`);
      current = parsed.data;
      tables.push(current);
      remaining = current.rowCount;
      continue;
    }
    const parsed = trailerSchema.safeParse(value);
    if (!parsed.success) throw damaged(file, `Zeile ${lineNo} sollte der Abschluss sein`);
    trailer = parsed.data;
  }
  if (!header) throw foreign(file, "die Datei ist leer");
  if (!trailer) {
    throw damaged(
      file,
      remaining > 0 && current
        ? `die Datei endet in der Tabelle „${current.table}“, ${formatNumber(remaining, { max: 3 })} Zeilen fehlen`
        : "der Abschluss mit der Prüfsumme fehlt (die Datei ist abgeschnitten)",
    );
  }
  if (hash.digest("hex") !== trailer.sha256) {
    throw damaged(file, "die Prüfsumme (SHA-256) stimmt nicht mit dem Inhalt überein");
  }
  for (const t of tables) {
    if (trailer.rowCounts[t.table] !== t.rowCount) {
      throw damaged(
        file,
        `die Zeilenzahl der Tabelle „${t.table}“ stimmt nicht mit dem Abschluss überein`,
      );
    }
  }
  const total = tables.reduce((a, t) => a + t.rowCount, 0);
  if (Object.keys(trailer.rowCounts).length !== tables.length || trailer.rows !== total) {
    throw damaged(file, "der Abschluss nennt andere Tabellen oder Zeilen als die Datei enthält");
  }
  return { header, tables, rows: total, bytes };
}

// ---------------------------------------------------------------------------------------------
// Restoring.
// ---------------------------------------------------------------------------------------------

export interface RestoreOptions {
  readonly file: string;
  /** Told after each table with its row count. */
  readonly onTable?: ((table: string, rows: number) => void) | undefined;
}

export interface RestoreSummary {
  readonly header: BackupHeader;
  readonly tables: number;
  readonly rows: number;
  readonly bytes: number;
}

/**
 * Restores a backup into an empty database (migrated to the same schema), in one transaction:
 * any problem rolls everything back. The file is checked completely before the database is
 * touched, and again while it is loaded. Only INSERTs: user triggers that fire on INSERT are
 * switched off for the load (the rows are restored as they were, not derived again), triggers on
 * UPDATE or DELETE do not matter. Afterwards every serial or identity sequence continues after
 * the largest restored value.
 */
export async function restoreBackup(
  db: Database,
  options: RestoreOptions,
): Promise<RestoreSummary> {
  const { file } = options;
  const contents = await readBackup(file);
  const { header } = contents;
  return db.transaction(async (tx) => {
    const orm = tx.orm;
    const schema = await appliedSchemaTag(orm);
    if (schema !== header.schema) {
      throw new BackupError(
        "schema",
        `Die Sicherung hat den Schemastand „${header.schema}“ (Sopla ${header.appVersion}), die Datenbank „${schema}“. ` +
          `Wiederherstellen geht nur bei gleichem Schemastand: mit der Sopla-Version der Sicherung in eine leere Datenbank wiederherstellen und danach mit der neuen Version „sopla migrate“ aufrufen. Es wurde nichts verändert.`,
      );
    }
    const catalogue = await readCatalogue(orm);
    const byName = new Map(catalogue.map((t) => [t.name, t]));
    if (catalogue.length > 0) {
      await orm.execute(
        sql.raw(
          `LOCK TABLE ${catalogue.map((t) => qualified(t.name)).join(", ")} IN EXCLUSIVE MODE`,
        ),
      );
    }
    const filled: string[] = [];
    for (const t of catalogue) {
      const r = await rows<{ any: boolean }>(
        orm,
        `SELECT EXISTS (SELECT 1 FROM ${qualified(t.name)}) AS "any"`,
      );
      if (r[0]?.any) filled.push(t.name);
    }
    if (filled.length > 0) {
      throw new BackupError(
        "not_empty",
        `Die Datenbank ist nicht leer (Daten in: ${filled.join(", ")}). Wiederherstellen geht nur in eine leere Datenbank, die nur „sopla migrate“ gesehen hat. Es wurde nichts verändert.`,
      );
    }
    for (const t of contents.tables) {
      const target = byName.get(t.table);
      if (!target) {
        throw new BackupError(
          "structure",
          `Die Tabelle „${t.table}“ der Sicherung fehlt in der Datenbank. Es wurde nichts verändert.`,
        );
      }
      const want = t.columns.map((c) => `${c.name} ${c.type}`).sort();
      const have = target.columns.map((c) => `${c.name} ${c.type}`).sort();
      if (want.join(",") !== have.join(",")) {
        throw new BackupError(
          "structure",
          `Die Spalten der Tabelle „${t.table}“ passen nicht: Sicherung ${want.join(", ")}; Datenbank ${have.join(", ")}. Es wurde nichts verändert.`,
        );
      }
    }
    const restored = contents.tables.map((t) => byName.get(t.table)!);
    for (const t of restored) {
      for (const trigger of t.insertTriggers) {
        await orm.execute(
          sql.raw(`ALTER TABLE ${qualified(t.name)} DISABLE TRIGGER ${ident(trigger)}`),
        );
      }
    }
    const loaded = await readBackup(file, async (table, batch) => {
      await orm.execute(insertRows(table.table, table.columns, batch));
    });
    if (
      JSON.stringify([loaded.header, loaded.tables]) !== JSON.stringify([header, contents.tables])
    ) {
      throw damaged(file, "die Datei wurde während der Wiederherstellung verändert");
    }
    for (const t of contents.tables) {
      const r = await rows<{ n: string }>(
        orm,
        `SELECT count(*)::text AS "n" FROM ${qualified(t.table)}`,
      );
      const n = Number(r[0]?.n ?? 0);
      if (n !== t.rowCount) {
        throw new BackupError(
          "structure",
          `Die Tabelle „${t.table}“ hat nach dem Laden ${n} statt ${t.rowCount} Zeilen. Es wurde nichts verändert.`,
        );
      }
      options.onTable?.(t.table, n);
    }
    for (const t of restored) {
      for (const trigger of t.insertTriggers) {
        await orm.execute(
          sql.raw(`ALTER TABLE ${qualified(t.name)} ENABLE TRIGGER ${ident(trigger)}`),
        );
      }
    }
    await resetSequences(orm);
    return { header, tables: contents.tables.length, rows: contents.rows, bytes: contents.bytes };
  });
}

/** Sets every serial or identity sequence of `public` to the largest value in its column. */
async function resetSequences(orm: Orm): Promise<void> {
  const sequences = await rows<{ schema: string; sequence: string; table: string; column: string }>(
    orm,
    `SELECT sn.nspname AS "schema", s.relname AS "sequence", c.relname AS "table", a.attname AS "column"
       FROM pg_depend d
       JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
       JOIN pg_namespace sn ON sn.oid = s.relnamespace
       JOIN pg_class c ON c.oid = d.refobjid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.refobjsubid
      WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
        AND d.deptype IN ('a', 'i') AND n.nspname = 'public'
      ORDER BY c.relname, a.attname`,
  );
  for (const s of sequences) {
    const seq = literal(`${ident(s.schema)}.${ident(s.sequence)}`);
    await orm.execute(
      sql.raw(
        `SELECT setval(${seq}::regclass, m) FROM (SELECT max(${ident(s.column)}) AS m FROM ${qualified(s.table)}) AS x WHERE m IS NOT NULL`,
      ),
    );
  }
}
