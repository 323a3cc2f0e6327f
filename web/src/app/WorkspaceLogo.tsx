/**
 * The chosen workspace's logo in the top bar, when it has one. Decorative there (the brand
 * beside it names the workspace), so its text alternative is empty. Its address carries the
 * logo's version, so a new logo is fetched at once and an unchanged one comes from the cache.
 */
import { useQuery } from "@tanstack/react-query";
import type { WorkspaceDto } from "@contracts/workspaces.ts";
import { api, wsPath } from "../lib/api.ts";

export function WorkspaceLogo({ workspace }: { readonly workspace: string }) {
  const workspaces = useQuery({
    queryKey: ["workspaces"],
    queryFn: () => api<WorkspaceDto[]>("/api/workspaces"),
    staleTime: 300_000,
  });
  const version = workspaces.data?.find((w) => w.slug === workspace)?.logo;
  if (!version) return null;
  return (
    <img
      className="topbar-logo"
      src={wsPath("/api/workspace/logo", workspace, { v: version })}
      alt=""
    />
  );
}
