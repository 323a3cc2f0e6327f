/**
 * Invitations without e-mail: an administrator creates the account exactly as in the account
 * administration (`createAccount`, so the rules of ADR 0007 hold unchanged: a guarded role is a
 * request a second administrator confirms) and gets a link with a random token plus the
 * account's one-time password, both shown once. The invitee opens the link, sees workspace and
 * role, types the one-time password and chooses a password. Only the token's SHA-256 is
 * stored; the one-time password is the account's password (an argon2 hash, to be changed). An
 * invitation is used once, expires after seven days, and is spent after five wrong one-time
 * passwords.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Role } from "../../core/access/roles.ts";
import {
  countFailedAttempt,
  findInvitationByTokenHash,
  insertInvitation,
  markInvitationUsed,
  type InvitationRow,
} from "../../storage/invitations.repo.ts";
import { deleteUserSessions, listUserMemberships } from "../../storage/sessions.repo.ts";
import { findUserByEmail, findUserById, setPasswordHash } from "../../storage/users.repo.ts";
import { listWorkspaces } from "../../storage/workspaces.repo.ts";
import { AppError } from "../app-error.ts";
import { audit } from "../audit.ts";
import type { ServiceContext } from "../context.ts";
import { createAccount, type CreatedAccount } from "./account-admin.ts";
import { actorOf, type AdminCaller } from "./admin-decisions.ts";
import { hashPassword, passwordProblem, verifyPassword } from "./passwords.ts";
import { forgetVerifiedSessions } from "./sessions.ts";

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
const MAX_FAILED_ATTEMPTS = 5;

const sha256 = (s: string): string => createHash("sha256").update(s).digest("hex");

export interface CreatedInvitation extends CreatedAccount {
  /** The token for the link `/einladung#<token>`; null when no invitation was needed. */
  readonly token: string | null;
  readonly expiresAt: Date | null;
}

/**
 * Creates (as `createAccount` does) the account for `email` with `role` in the caller's
 * workspace and an invitation to it. When an installation administrator adds an account that
 * exists already, the account keeps its password and no invitation is made (token null).
 */
export async function createInvitation(
  ctx: ServiceContext,
  caller: AdminCaller,
  input: { email: string; displayName?: string | undefined; role: string },
): Promise<CreatedInvitation> {
  const typedName = input.displayName?.trim() ?? "";
  const displayName = typedName === "" ? input.email.trim().split("@")[0]! : typedName;
  const account = await createAccount(ctx, caller, { ...input, displayName });
  if (account.oneTimePassword === null) return { ...account, token: null, expiresAt: null };
  const user = await findUserByEmail(ctx.db.orm, account.email);
  if (!user) throw new Error("an invitation for an account that is not there");
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(ctx.now().getTime() + INVITATION_LIFETIME_MS);
  const requested: Role = account.pendingRole ?? account.role;
  await ctx.db.transaction(async (tx) => {
    await insertInvitation(tx.orm, {
      tokenHash: sha256(token),
      userId: user.id,
      workspaceId: caller.workspace.id,
      role: requested,
      createdBy: caller.userId,
      createdAt: ctx.now(),
      expiresAt,
    });
    await audit(tx.orm, ctx, actorOf(caller), [
      {
        workspaceId: caller.workspace.id,
        action: "create",
        entity: "invitation",
        entityKey: account.email,
        after: { role: requested, expiresAt: expiresAt.toISOString() },
      },
    ]);
  });
  return { ...account, token, expiresAt };
}

/** What the invitee sees before accepting. */
export interface InvitationPreview {
  readonly email: string;
  readonly workspaceName: string;
  /** The role the invitation names. */
  readonly role: Role;
  /** The role held now in the workspace (differs from `role` while a request waits). */
  readonly currentRole: Role | null;
  readonly expiresAt: Date;
}

/** The invitation of a token with its account, or the German reason it cannot be used. */
async function usableInvitation(ctx: ServiceContext, token: string) {
  const inv = token === "" ? undefined : await findInvitationByTokenHash(ctx.db.orm, sha256(token));
  if (!inv) {
    throw new AppError(
      "not_found",
      "Diese Einladung ist unbekannt. Bitte prüfen Sie, ob der Link vollständig ist, oder bitten Sie die Administration um eine neue Einladung.",
      { field: "token", reason: "unknown" },
    );
  }
  const user = await findUserById(ctx.db.orm, inv.userId);
  const refuse = (reason: string, message: string) =>
    new AppError("conflict", message, { field: "token", reason });
  if (inv.usedAt !== null || !user?.mustChangePassword) {
    throw refuse(
      "used",
      "Diese Einladung wurde schon angenommen. Bitte melden Sie sich mit Ihrem Passwort an.",
    );
  }
  if (inv.expiresAt.getTime() <= ctx.now().getTime()) {
    throw refuse(
      "expired",
      "Diese Einladung ist abgelaufen. Bitte bitten Sie die Administration um eine neue Einladung.",
    );
  }
  if (inv.failedAttempts >= MAX_FAILED_ATTEMPTS || user.disabledAt !== null) {
    throw refuse(
      "spent",
      "Diese Einladung ist nicht mehr gültig (zu viele falsche Einmalpasswörter). Bitte bitten Sie die Administration um eine neue Einladung.",
    );
  }
  return { inv, user };
}

async function previewOf(ctx: ServiceContext, inv: InvitationRow, email: string) {
  const [workspaces, memberships] = await Promise.all([
    listWorkspaces(ctx.db.orm),
    listUserMemberships(ctx.db.orm, inv.userId),
  ]);
  return {
    email,
    workspaceName: workspaces.find((w) => w.id === inv.workspaceId)?.name ?? "",
    role: inv.role,
    currentRole: memberships.find((m) => m.workspaceId === inv.workspaceId)?.role ?? null,
    expiresAt: inv.expiresAt,
  };
}

/** Workspace, role and address of a usable invitation. */
export async function previewInvitation(
  ctx: ServiceContext,
  token: string,
): Promise<InvitationPreview> {
  const { inv, user } = await usableInvitation(ctx, token);
  return previewOf(ctx, inv, user.email);
}

/**
 * Accepts an invitation: checks the one-time password, sets the chosen password (the rules of
 * `passwordProblem`), ends the account's sessions, and uses the invitation up. Returns the
 * login name and what the invitee may now see; they log in next with the new password.
 */
export async function acceptInvitation(
  ctx: ServiceContext,
  input: { token: string; oneTimePassword: string; newPassword: string },
): Promise<InvitationPreview> {
  const { inv, user } = await usableInvitation(ctx, input.token);
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.oneTimePassword))) {
    const failed = await countFailedAttempt(ctx.db.orm, inv.id);
    const left = Math.max(0, MAX_FAILED_ATTEMPTS - failed);
    throw new AppError(
      "invalid_input",
      left > 0
        ? `Einmalpasswort: Das Einmalpasswort stimmt nicht (noch ${left} Versuche).`
        : "Einmalpasswort: Das Einmalpasswort stimmt nicht; die Einladung ist damit nicht mehr gültig.",
      { field: "oneTimePassword" },
    );
  }
  const problem = passwordProblem(input.newPassword, user.email);
  if (problem) {
    throw new AppError("invalid_input", `Neues Passwort: ${problem}`, { field: "newPassword" });
  }
  if (input.newPassword === input.oneTimePassword) {
    throw new AppError(
      "invalid_input",
      "Neues Passwort: Bitte ein eigenes Passwort wählen, nicht das Einmalpasswort.",
      { field: "newPassword" },
    );
  }
  const hash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    if (!(await markInvitationUsed(tx.orm, inv.id, ctx.now()))) {
      throw new AppError("conflict", "Diese Einladung wurde schon angenommen.", {
        field: "token",
        reason: "used",
      });
    }
    // The issuer stays recorded: whoever saw the one-time password could have chosen this one.
    await setPasswordHash(tx.orm, user.id, hash, false);
    await deleteUserSessions(tx.orm, user.id);
    const actor = { userId: user.id, label: user.email };
    await audit(tx.orm, ctx, actor, [
      {
        workspaceId: inv.workspaceId,
        action: "update",
        entity: "invitation",
        entityKey: user.email,
        before: { usedAt: null },
        after: { usedAt: ctx.now().toISOString() },
      },
      {
        workspaceId: inv.workspaceId,
        action: "password_change",
        entity: "user",
        entityKey: user.email,
        after: { viaInvitation: true },
      },
    ]);
  });
  forgetVerifiedSessions(ctx);
  return previewOf(ctx, inv, user.email);
}
