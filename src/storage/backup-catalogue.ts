/**
 * The catalogue a backup reads instead of knowing Sopla's tables: tables, columns, keys and
 * insert triggers of the schema `public`, parents first, and the applied migration.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { executeRows, MIGRATIONS_FOLDER, type Orm } from "./db.ts";
import { type BackupColumn, BackupError } from "./backup-format.ts";

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

export const ident = (s: string): string => `"${s.replaceAll('"', '""')}"`;
export const qualified = (table: string): string => `${ident("public")}.${ident(table)}`;
export const literal = (s: string): string => `'${s.replaceAll("'", "''")}'`;

export async function rows<T>(orm: Orm, text: string): Promise<T[]> {
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
