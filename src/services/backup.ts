/**
 * Backup and restore as use cases: choose the workspace, pin the clock, and turn the storage
 * layer's BackupError into the AppError every caller knows. The file format and the engine work
 * are in storage/backup.ts.
 */
import {
  BackupError,
  restoreBackup,
  writeBackup,
  type BackupSummary,
  type RestoreSummary,
} from "../storage/backup.ts";
import { AppError } from "./app-error.ts";
import type { ServiceContext } from "./context.ts";
import { resolveWorkspace } from "./workspaces.ts";

export type { BackupSummary, RestoreSummary };

function translate(e: unknown): never {
  if (e instanceof BackupError) {
    const code = e.kind === "not_empty" || e.kind === "schema" ? "conflict" : "invalid_input";
    throw new AppError(code, e.message);
  }
  throw e;
}

/** Writes the whole installation, or the workspace named, to `file`. */
export async function backupToFile(
  ctx: ServiceContext,
  input: {
    file: string;
    workspace?: string | undefined;
    appVersion: string;
    onTable?: ((table: string, rows: number) => void) | undefined;
  },
): Promise<BackupSummary> {
  const ws =
    input.workspace === undefined ? undefined : await resolveWorkspace(ctx, input.workspace);
  try {
    return await writeBackup(ctx.db, {
      file: input.file,
      workspace: ws && { id: ws.id, slug: ws.slug },
      appVersion: input.appVersion,
      now: ctx.now(),
      onTable: input.onTable,
    });
  } catch (e) {
    return translate(e);
  }
}

/** Restores a backup file into the (empty) database; refuses anything else, changing nothing. */
export async function restoreFromFile(
  ctx: ServiceContext,
  input: { file: string; onTable?: ((table: string, rows: number) => void) | undefined },
): Promise<RestoreSummary> {
  try {
    return await restoreBackup(ctx.db, input);
  } catch (e) {
    return translate(e);
  }
}
