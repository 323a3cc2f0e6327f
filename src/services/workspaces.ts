import {
  findWorkspaceBySlug,
  listWorkspaces,
  type WorkspaceRow,
} from "../storage/workspaces.repo.ts";
import { listLogoVersions } from "../storage/workspace-logo.repo.ts";
import { AppError, notFound } from "./app-error.ts";
import type { ServiceContext } from "./context.ts";

export type Workspace = WorkspaceRow;

/**
 * Finds the workspace a request or command means: the one named, or the only one there is.
 * With several workspaces and none named, the caller must choose.
 */
export async function resolveWorkspace(
  ctx: ServiceContext,
  slug: string | undefined,
): Promise<Workspace> {
  if (slug !== undefined && slug !== "") {
    const ws = await findWorkspaceBySlug(ctx.db.orm, slug);
    if (!ws) throw notFound("Arbeitsbereich", slug);
    return ws;
  }
  const all = await listWorkspaces(ctx.db.orm);
  if (all.length === 1) return all[0]!;
  if (all.length === 0) {
    throw new AppError("not_found", "Es gibt noch keinen Arbeitsbereich.", { what: "workspace" });
  }
  throw new AppError(
    "workspace_required",
    `Bitte einen Arbeitsbereich wählen: ${all.map((w) => w.slug).join(", ")}.`,
    { workspaces: all.map((w) => w.slug) },
  );
}

/** The version (SHA-256) of each workspace's logo, by workspace id. */
export async function logoVersions(ctx: ServiceContext): Promise<Map<number, string>> {
  return listLogoVersions(ctx.db.orm);
}

export async function getWorkspaces(ctx: ServiceContext): Promise<Workspace[]> {
  return listWorkspaces(ctx.db.orm);
}

const CACHE_TTL_MS = 1000;
const caches = new WeakMap<ServiceContext, Map<string, { ws: Workspace; at: number }>>();

/**
 * `resolveWorkspace` with a short-lived cache for hot read paths (the map endpoint). A change
 * made by this process clears the cache at once; a change made by another app server on the
 * same database is seen within a second.
 */
export async function resolveWorkspaceCached(
  ctx: ServiceContext,
  slug: string | undefined,
): Promise<Workspace> {
  let cache = caches.get(ctx);
  if (!cache) {
    const fresh = new Map<string, { ws: Workspace; at: number }>();
    caches.set(ctx, fresh);
    ctx.dataChanged.subscribe(() => fresh.clear());
    cache = fresh;
  }
  const key = slug ?? "";
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && now - hit.at < CACHE_TTL_MS) return hit.ws;
  const ws = await resolveWorkspace(ctx, slug);
  cache.set(key, { ws, at: now });
  return ws;
}
