/**
 * What every administrator action starts with: the caller, its level read from the database,
 * the account as the rules see it, the decision of `core/access/account-rules.ts` with its
 * refusal in German, and the member the action is about.
 */
import {
  decideAccountAction,
  type AccountAction,
  type AccountDecision,
  type ManagedAccount,
  type Manager,
  type Refusal,
} from "../../core/access/account-rules.ts";
import { type Role } from "../../core/access/roles.ts";
import { listUserMemberships } from "../../storage/sessions.repo.ts";
import {
  findUserByEmail,
  findUserById,
  listMembers,
  type MemberRow,
  type UserRow,
} from "../../storage/users.repo.ts";
import { AppError, notFound } from "../app-error.ts";
import { type Actor } from "../audit.ts";
import type { ServiceContext } from "../context.ts";
import { normaliseEmail } from "./users.ts";
import type { Workspace } from "../workspaces.ts";

/** The logged-in administrator and the workspace it was admitted for. */
export interface AdminCaller {
  readonly userId: number;
  readonly email: string;
  readonly workspace: Workspace;
}

const ROLE_NAME: Record<Role, string> = {
  admin: "Administration",
  planner: "Sozialplanung",
  contributor: "Fachdienst",
  occupancy: "Unterkunftsverwaltung",
  viewer: "Lesezugriff",
};

export const actorOf = (caller: AdminCaller): Actor => ({
  userId: caller.userId,
  label: caller.email,
});

/** The caller's level, read from the database (not from a cached session). */
async function managerOf(ctx: ServiceContext, caller: AdminCaller): Promise<Manager> {
  const row = await findUserById(ctx.db.orm, caller.userId);
  return { level: row?.installationAdmin ? "installation" : "workspace", userId: caller.userId };
}

async function managedAccount(ctx: ServiceContext, user: UserRow): Promise<ManagedAccount> {
  const memberships = await listUserMemberships(ctx.db.orm, user.id);
  return {
    userId: user.id,
    installationAdmin: user.installationAdmin,
    memberships: memberships.map((m) => ({ workspaceId: m.workspaceId, role: m.role })),
    passwordIssuedBy: user.passwordIssuedBy,
  };
}

function refusalMessage(reason: Refusal, email: string, role: Role | null): string {
  switch (reason) {
    case "own_account":
      return "Das eigene Konto (Rolle, Passwort, Sperre) kann hier nicht geändert werden; das eigene Passwort ändern Sie unter „Passwort ändern“.";
    case "installation_account":
      return `„${email}“ gehört zur Installationsverwaltung und wird nur auf der Kommandozeile verwaltet (sopla user …).`;
    case "other_workspace":
      return `Das Konto „${email}“ gehört auch zu einem anderen Arbeitsbereich; Rolle, Passwort und Sperre ändert dort nur die Installationsverwaltung.`;
    case "guarded_account":
      return `„${email}“ hat die Rolle „${ROLE_NAME[role ?? "admin"]}“; das Passwort eines solchen Kontos setzt nur die Installationsverwaltung zurück.`;
    case "own_request":
      return "Die eigene Anfrage kann nicht selbst bestätigt werden; das tut eine andere Person der Administration oder die Installationsverwaltung.";
    case "issued_password":
      return `Sie haben das Passwort von „${email}“ vergeben und können diese Rolle daher nicht bestätigen; das tut eine andere Person der Administration oder die Installationsverwaltung.`;
  }
}

function refused(reason: Refusal, email: string, role: Role | null): AppError {
  return new AppError("forbidden", refusalMessage(reason, email, role), {
    reason,
    field: "email",
  });
}

/** Decides, and throws `forbidden` for a refusal. */
export async function decide(
  ctx: ServiceContext,
  caller: AdminCaller,
  target: UserRow | null,
  action: AccountAction,
  currentRole: Role | null,
): Promise<Exclude<AccountDecision, { kind: "refuse" }>> {
  const manager = await managerOf(ctx, caller);
  const managed = target ? await managedAccount(ctx, target) : null;
  const decision = decideAccountAction(manager, caller.workspace.id, managed, action);
  if (decision.kind === "refuse") {
    throw refused(decision.reason, target?.email ?? "", currentRole);
  }
  return decision;
}

/** The member of the caller's workspace with this address; `not_found` otherwise. */
export async function memberOf(
  ctx: ServiceContext,
  ws: Workspace,
  emailInput: string,
): Promise<{ user: UserRow; member: MemberRow }> {
  const email = normaliseEmail(emailInput);
  const member = (await listMembers(ctx.db.orm, ws.id)).find((m) => m.email === email);
  const user = member ? await findUserByEmail(ctx.db.orm, email) : undefined;
  if (!member || !user) throw notFound("Mitglied", email);
  return { user, member };
}
