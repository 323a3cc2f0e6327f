/**
 * The backup file: its format (gzip-compressed NDJSON: header, per table a table line and its
 * rows, trailer with counts and checksum; see `backup.ts`), the tables no backup holds, and
 * the error every part of backup and restore throws.
 */
import { z } from "zod";

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

export const headerSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.number(),
  createdAt: z.string(),
  appVersion: z.string(),
  schema: z.string(),
  scope: z.union([z.literal("all"), z.object({ workspace: z.string() })]),
  tables: z.array(z.string()),
});
export type BackupHeader = z.infer<typeof headerSchema>;

export const tableLineSchema = z.object({
  table: z.string(),
  columns: z.array(columnSchema),
  rowCount: z.number().int().nonnegative(),
});
export type TableLine = z.infer<typeof tableLineSchema>;

export const trailerSchema = z.object({
  trailer: z.literal(true),
  rowCounts: z.record(z.string(), z.number()),
  rows: z.number(),
  sha256: z.string(),
});
