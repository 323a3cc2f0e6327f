/** What an import is asked to do, and the phases it reports while it runs. */
import type { Actor } from "../audit.ts";
import type { Workspace } from "../workspaces.ts";

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
