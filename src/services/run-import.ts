/**
 * One entry point for every import: the mapping's `kind` says whether the file holds areas
 * (geodata) or observations (tables).
 */
import type { Actor } from "./audit.ts";
import type { ServiceContext } from "./context.ts";
import { importAreas } from "./import-areas.ts";
import { importObservations } from "./import-observations.ts";
import type { ImportReport } from "./import-report.ts";
import type { Workspace } from "./workspaces.ts";

export interface ImportRequest {
  readonly workspace: Workspace;
  readonly fileName: string;
  readonly bytes: Uint8Array;
  /** The parsed mapping file (untrusted JSON). */
  readonly mapping: unknown;
  readonly dryRun: boolean;
  readonly label?: string | undefined;
  /** Who imports: recorded in the audit log with the import. */
  readonly actor: Actor;
  /** Told when a phase begins, so a long import can show where it is. */
  readonly onProgress?: ((progress: ImportProgress) => void) | undefined;
}

export type ImportProgress =
  | { readonly phase: "read" }
  | { readonly phase: "validate"; readonly records: number }
  | { readonly phase: "write"; readonly records: number };

export function isAreaMapping(mapping: unknown): boolean {
  return (
    typeof mapping === "object" && mapping !== null && "kind" in mapping && mapping.kind === "areas"
  );
}

export async function runImport(ctx: ServiceContext, req: ImportRequest): Promise<ImportReport> {
  return isAreaMapping(req.mapping) ? importAreas(ctx, req) : importObservations(ctx, req);
}
