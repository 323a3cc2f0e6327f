import type { ImportIssue } from "../../core/data/import-issue.ts";
import { findImportRun, listImportRuns } from "../../storage/imports.repo.ts";
import { notFound } from "../app-error.ts";
import type { ServiceContext } from "../context.ts";
import { countIssues, type ImportReport } from "./import-report.ts";
import type { Workspace } from "../workspaces.ts";

export async function getImportRuns(ctx: ServiceContext, ws: Workspace) {
  return (await listImportRuns(ctx.db.orm, ws.id)).map((r) => ({
    ...r,
    summary: r.summary as Record<string, unknown>,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt.toISOString(),
  }));
}

/** A stored import run as the report it gave when it ran. */
export async function getImportRun(
  ctx: ServiceContext,
  ws: Workspace,
  id: number,
): Promise<ImportReport> {
  const run = await findImportRun(ctx.db.orm, ws.id, id);
  if (!run) throw notFound("Import", String(id));
  const issues = run.issues as ImportIssue[];
  const summary = Object.fromEntries(
    Object.entries(run.summary as Record<string, unknown>).filter(
      ([k, v]) =>
        !["errors", "warnings", "infos"].includes(k) &&
        (typeof v === "number" || typeof v === "string" || v === null),
    ),
  ) as Record<string, number | string | null>;
  const stored = run.summary as Partial<Record<"errors" | "warnings" | "infos", number>>;
  const counted = countIssues(issues);
  return {
    importId: run.id,
    kind: run.kind,
    status: run.status,
    dryRun: run.dryRun,
    label: run.label,
    fileName: run.fileName,
    fileSize: run.fileSize,
    fileSha256: run.fileSha256,
    summary,
    counts: {
      errors: stored.errors ?? counted.errors,
      warnings: stored.warnings ?? counted.warnings,
      infos: stored.infos ?? counted.infos,
    },
    issues,
  };
}
