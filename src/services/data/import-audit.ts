import type { Orm } from "../../storage/db.ts";
import type { ImportRunRow } from "../../storage/imports.repo.ts";
import { audit } from "../audit.ts";
import type { ServiceContext } from "../context.ts";
import type { ImportRequest } from "./import-request.ts";

/** Records an import run (committed or rejected) in the audit log, in the caller's transaction. */
export async function auditImport(
  orm: Orm,
  ctx: ServiceContext,
  req: ImportRequest,
  run: ImportRunRow,
  change: { before?: unknown; after?: Record<string, unknown> } = {},
): Promise<void> {
  await audit(orm, ctx, req.actor, [
    {
      workspaceId: req.workspace.id,
      action: run.status === "committed" ? "import" : "import_rejected",
      entity: "import_run",
      entityKey: String(run.id),
      before: change.before ?? null,
      after: {
        kind: run.kind,
        label: run.label,
        fileName: run.fileName,
        fileSha256: run.fileSha256,
        fileSize: run.fileSize,
        summary: run.summary,
        ...change.after,
      },
    },
  ]);
}
