/**
 * The API of the installation section, invitations and the logo
 * (src/server/routes/workspaces-installation.routes.ts, access-invitations.routes.ts,
 * workspaces-logo.routes.ts), with types inferred from the contracts.
 */
import type { z } from "zod";
import type { invitationDto, newInvitationBody } from "@contracts/access.ts";
import type { installationWorkspaceDto, newWorkspaceBody } from "@contracts/workspaces.ts";
import { api, apiUpload, wsPath } from "../../lib/api.ts";

export type InstallationWorkspace = z.infer<typeof installationWorkspaceDto>;
export type NewWorkspace = z.input<typeof newWorkspaceBody>;
export type NewInvitation = z.input<typeof newInvitationBody>;
export type Invitation = z.infer<typeof invitationDto>;

export const installationKeys = {
  workspaces: ["installation", "workspaces"] as const,
};

export const installationCalls = {
  workspaces: () => api<InstallationWorkspace[]>("/api/installation/workspaces"),
  createWorkspace: (body: NewWorkspace) =>
    api<InstallationWorkspace>("/api/installation/workspaces", { method: "POST", body }),
  invite: (ws: string, body: NewInvitation) =>
    api<Invitation>(wsPath("/api/users/invitations", ws), { method: "POST", body }),
  /** An installation administrator's invitation into any workspace. */
  inviteInto: (slug: string, body: NewInvitation) =>
    api<Invitation>(`/api/installation/workspaces/${encodeURIComponent(slug)}/invitations`, {
      method: "POST",
      body,
    }),
  uploadLogo: async (ws: string, file: File) => {
    const form = new FormData();
    form.append("file", file);
    return (
      await apiUpload<{ mediaType: string; version: string; bytes: number }>(
        wsPath("/api/workspace/logo", ws),
        form,
        { reportIn422: false, method: "PUT" },
      )
    ).body;
  },
  removeLogo: (ws: string) => api<void>(wsPath("/api/workspace/logo", ws), { method: "DELETE" }),
};

/** The logo's address for `<img>`: the version makes it a new address for every new logo. */
export const logoUrl = (ws: string, version: string) =>
  wsPath("/api/workspace/logo", ws, { v: version });
