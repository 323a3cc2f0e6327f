/** The invitee's calls (src/server/routes/access-invitations.routes.ts): read and accept. */
import type { z } from "zod";
import type { invitationPreviewDto } from "@contracts/access.ts";
import { api } from "../../lib/api.ts";

export type InvitationPreview = z.infer<typeof invitationPreviewDto>;

export const invitationCalls = {
  preview: (token: string) =>
    api<InvitationPreview>("/api/invitations/preview", { method: "POST", body: { token } }),
  accept: (body: { token: string; oneTimePassword: string; newPassword: string }) =>
    api<InvitationPreview>("/api/invitations/acceptance", { method: "POST", body }),
};
