import { z } from "zod";

/** The own session: who, which workspaces and roles, and the CSRF token to echo. */
export const sessionDto = z
  .object({
    email: z.string(),
    displayName: z.string(),
    mustChangePassword: z.boolean(),
    csrfToken: z.string().describe("Send as `X-CSRF-Token` with every state-changing request"),
    memberships: z.array(
      z.object({
        workspace: z.string(),
        name: z.string(),
        role: z.enum(["admin", "planner", "contributor", "occupancy", "viewer"]),
      }),
    ),
  })
  .meta({ id: "Session" });

export type SessionDto = z.infer<typeof sessionDto>;
