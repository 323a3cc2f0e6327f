/** Restoring a backup file into an empty database of the same schema, in one transaction. */
import { sql } from "drizzle-orm";
import { type Database, type Orm } from "./db.ts";
import { BackupError, type BackupHeader } from "./backup-format.ts";
import {
  appliedSchemaTag,
  ident,
  literal,
  qualified,
  readCatalogue,
  rows,
} from "./backup-catalogue.ts";
import { insertRows } from "./backup-rows.ts";
import { damaged, readBackup } from "./backup-read.ts";

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
