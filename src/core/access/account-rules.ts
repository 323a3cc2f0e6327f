/**
 * Who may manage which account, and how (ADR 0007). A pure decision: the caller passes who
 * acts, the account concerned and the action; the answer is to carry it out, to record it as a
 * request that someone else must confirm, or to refuse it with a reason.
 *
 * Three levels act on accounts:
 * - the **operator** at the command line (`sopla user …`), who holds the database anyway and
 *   acts alone;
 * - an **installation administrator** (an account flagged so; the first administrator), who
 *   manages accounts across workspaces and acts alone, but never on its own account or on
 *   another installation administrator's (those are the operator's);
 * - a **workspace administrator**, who manages only accounts that belong to its workspace alone,
 *   never its own, never resets the password of an account that reads records or administers,
 *   and grants a guarded role (planner, occupancy, admin) only as a request that a different
 *   administrator confirms.
 */
import { isGuardedRole, type Role } from "./roles.ts";

export type ManagerLevel = "operator" | "installation" | "workspace";

export interface Manager {
  readonly level: ManagerLevel;
  /** The acting account; null for the operator at the command line. */
  readonly userId: number | null;
}

export interface ManagedAccount {
  readonly userId: number;
  readonly installationAdmin: boolean;
  /** The account's role in every workspace it belongs to. */
  readonly memberships: readonly { readonly workspaceId: number; readonly role: Role }[];
  /**
   * The administrator who issued the one-time password the account's current password comes
   * from (by creating the account or resetting its password); null when the operator did.
   */
  readonly passwordIssuedBy: number | null;
}

export type AccountAction =
  /** A new account for an address that has none. */
  | { readonly kind: "create"; readonly role: Role }
  /** A role in this workspace for an address whose account belongs to other workspaces only. */
  | { readonly kind: "join"; readonly role: Role }
  | { readonly kind: "set_role"; readonly role: Role }
  | { readonly kind: "reset_password" }
  | { readonly kind: "set_active" }
  /** Confirming another administrator's request for a role. */
  | { readonly kind: "confirm"; readonly role: Role; readonly requestedBy: number };

/** Why an action is refused; stable codes for `details.reason` of a `forbidden` error. */
export type Refusal =
  /** Nobody manages their own account through the web app. */
  | "own_account"
  /** An installation administrator's account is managed at the command line only. */
  | "installation_account"
  /** The account belongs to another workspace too: a task for the installation level. */
  | "other_workspace"
  /** The account reads records or administers: its password is reset at installation level. */
  | "guarded_account"
  /** A request is confirmed by someone other than the one who made it. */
  | "own_request"
  /** Whoever issued the account's password may not also confirm its guarded role. */
  | "issued_password";

export type AccountDecision =
  | {
      readonly kind: "allow";
      /**
       * For a confirmation: the requester issued the account's password, so it is replaced by a
       * new one-time password that only the confirming administrator sees.
       */
      readonly reissuePassword: boolean;
    }
  | { readonly kind: "request"; readonly confirmBy: "admin" | "installation" }
  | { readonly kind: "refuse"; readonly reason: Refusal };

const allow: AccountDecision = { kind: "allow", reissuePassword: false };
const refuse = (reason: Refusal): AccountDecision => ({ kind: "refuse", reason });

/**
 * Decides an action on an account in one workspace. `target` is null only for `create` (no
 * account yet). A `join` is never refused, so the answer does not tell whether the address has
 * an account elsewhere; it always becomes a request for the installation level.
 */
export function decideAccountAction(
  manager: Manager,
  workspaceId: number,
  target: ManagedAccount | null,
  action: AccountAction,
): AccountDecision {
  if (manager.level === "operator") return allow;
  if (action.kind === "create") {
    return manager.level === "workspace" && isGuardedRole(action.role)
      ? { kind: "request", confirmBy: "admin" }
      : allow;
  }
  if (action.kind === "join") {
    return manager.level === "installation" && target !== null && !target.installationAdmin
      ? allow
      : { kind: "request", confirmBy: "installation" };
  }
  if (target === null) throw new Error(`${action.kind} needs an account`);
  if (target.userId === manager.userId) return refuse("own_account");
  if (target.installationAdmin) return refuse("installation_account");
  if (action.kind === "confirm" && action.requestedBy === manager.userId) {
    return refuse("own_request");
  }
  const reissuePassword =
    action.kind === "confirm" && target.passwordIssuedBy === action.requestedBy;
  if (manager.level === "installation") return { kind: "allow", reissuePassword };

  const here = target.memberships.find((m) => m.workspaceId === workspaceId);
  if (target.memberships.some((m) => m.workspaceId !== workspaceId)) {
    return refuse("other_workspace");
  }
  switch (action.kind) {
    case "set_role":
      return isGuardedRole(action.role) && here?.role !== action.role
        ? { kind: "request", confirmBy: "admin" }
        : allow;
    case "reset_password":
      return here !== undefined && isGuardedRole(here.role) ? refuse("guarded_account") : allow;
    case "set_active":
      return allow;
    case "confirm":
      return target.passwordIssuedBy === manager.userId
        ? refuse("issued_password")
        : { kind: "allow", reissuePassword };
  }
}
