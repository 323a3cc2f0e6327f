/** Reading a backup file: line by line, every line checked, then the trailer's counts and checksum. */
import { formatNumber } from "../core/format/number.ts";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { StringDecoder } from "node:string_decoder";
import { createGunzip } from "node:zlib";
import type { z } from "zod";
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BATCH_ROWS,
  type BackupColumn,
  BackupError,
  type BackupHeader,
  type TableLine,
  headerSchema,
  tableLineSchema,
  trailerSchema,
} from "./backup-format.ts";

export const damaged = (file: string, detail: string): BackupError =>
  new BackupError(
    "damaged",
    `Die Sicherung „${file}“ ist beschädigt oder unvollständig: ${detail}. Es wurde nichts verändert.`,
  );

export const foreign = (file: string, detail: string): BackupError =>
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
