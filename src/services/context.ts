import type { Database } from "../storage/db.ts";

/**
 * What every service needs, passed in so that tests can pin the clock and use a throw-away
 * database. Services never read the environment themselves.
 */
export interface ServiceContext {
  readonly db: Database;
  /** The clock; tests pass a fixed one. */
  readonly now: () => Date;
  readonly limits: {
    /** Largest import file accepted, in bytes. */
    readonly maxImportBytes: number;
  };
  /** Told whenever a workspace's data changed, so caches in this process drop stale entries. */
  readonly dataChanged: DataChangeBus;
}

/** A tiny in-process signal: "the data of workspace N changed". */
export class DataChangeBus {
  private readonly listeners = new Set<(workspaceId: number) => void>();

  subscribe(listener: (workspaceId: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(workspaceId: number): void {
    for (const l of this.listeners) l(workspaceId);
  }
}

export const DEFAULT_MAX_IMPORT_BYTES = 64 * 1024 * 1024;

export function createServiceContext(
  db: Database,
  overrides: Partial<Omit<ServiceContext, "db">> = {},
): ServiceContext {
  return {
    db,
    now: overrides.now ?? (() => new Date()),
    limits: overrides.limits ?? { maxImportBytes: DEFAULT_MAX_IMPORT_BYTES },
    dataChanged: overrides.dataChanged ?? new DataChangeBus(),
  };
}
