/**
 * The Verwaltung page's view of the API: the account administration (`/api/users`,
 * src/server/routes/access-users.routes.ts) and the audit log (`/api/audit`), with types
 * inferred from the contracts and the query keys. Every key starts with "admin" and the
 * workspace, so one invalidation after a change refreshes members, requests and the log.
 */
import type { z } from "zod";
import type {
  confirmationDto,
  memberDto,
  newAccountBody,
  newAccountDto,
  roleRequestDto,
  workspaceMemberDto,
} from "@contracts/access.ts";
import type { auditPage } from "@contracts/audit.ts";
import type { Role } from "@core/access/roles.ts";
import { api, wsPath } from "../../lib/api.ts";

export type Member = z.infer<typeof workspaceMemberDto>;
export type ChangedMember = z.infer<typeof memberDto>;
export type NewAccount = z.input<typeof newAccountBody>;
export type CreatedAccount = z.infer<typeof newAccountDto>;
export type RoleRequest = z.infer<typeof roleRequestDto>;
export type Confirmation = z.infer<typeof confirmationDto>;
export type AuditPage = z.infer<typeof auditPage>;
export type AuditEvent = AuditPage["items"][number];

export const adminKeys = {
  all: (ws: string) => ["admin", ws] as const,
  members: (ws: string) => ["admin", ws, "members"] as const,
  requests: (ws: string) => ["admin", ws, "requests"] as const,
  audit: (ws: string, params: Readonly<Record<string, string | undefined>>) =>
    ["admin", ws, "audit", params] as const,
};

const userPath = (email: string, rest: string) => `/api/users/${encodeURIComponent(email)}${rest}`;

/** The calls of the account administration, each for the workspace `ws`. */
export const adminCalls = {
  members: (ws: string) => api<Member[]>(wsPath("/api/users", ws)),
  requests: (ws: string) => api<RoleRequest[]>(wsPath("/api/users/role-requests", ws)),
  audit: (ws: string, params: Readonly<Record<string, string | undefined>>) =>
    api<AuditPage>(wsPath("/api/audit", ws, params)),
  create: (ws: string, body: NewAccount) =>
    api<CreatedAccount>(wsPath("/api/users", ws), { method: "POST", body }),
  /** 200: the role is set; 202: requested (`pendingRole`). Both answer the member. */
  setRole: (ws: string, email: string, role: Role) =>
    api<ChangedMember>(wsPath(userPath(email, "/role"), ws), { method: "PUT", body: { role } }),
  resetPassword: (ws: string, email: string) =>
    api<{ email: string; oneTimePassword: string }>(
      wsPath(userPath(email, "/password-reset"), ws),
      { method: "POST" },
    ),
  setActive: (ws: string, email: string, active: boolean) =>
    api<ChangedMember>(wsPath(userPath(email, "/deactivation"), ws), {
      method: active ? "DELETE" : "POST",
    }),
  confirm: (ws: string, email: string) =>
    api<Confirmation>(wsPath(userPath(email, "/role-request/confirmation"), ws), {
      method: "POST",
    }),
  withdraw: (ws: string, email: string) =>
    api<void>(wsPath(userPath(email, "/role-request"), ws), { method: "DELETE" }),
};
