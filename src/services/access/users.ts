/**
 * Accounts: people, their role per workspace, and their passwords. New accounts and reset
 * passwords get a one-time password that must be changed at the next login.
 *
 * The functions here act at the installation level, as the operator at the command line does
 * (`sopla user …`) and as the system does at the first start: they apply the rules of ADR 0007
 * as the operator, who may do everything at once. What a logged-in administrator may do is in
 * `account-admin.ts`.
 */
import { z } from "zod";
import { ROLES, type Role } from "../../core/access/roles.ts";
import {
  countInstallationAdmins,
  deleteRoleRequest,
  findUserByEmail,
  listMembers,
  setDisabledAt,
  setInstallationAdmin,
  setPasswordHash,
  upsertMembership,
  type MemberRow,
  type UserRow,
} from "../../storage/users.repo.ts";
import { deleteUserSessions, listUserMemberships } from "../../storage/sessions.repo.ts";
import { AppError, notFound } from "../app-error.ts";
import { audit, SYSTEM_ACTOR, type Actor } from "../audit.ts";
import { insertAccount } from "./insert-account.ts";
import type { Orm } from "../../storage/db.ts";
import type { ServiceContext } from "../context.ts";
import { generateOneTimePassword, hashPassword } from "./passwords.ts";
import { forgetVerifiedSessions } from "./sessions.ts";
import { getWorkspaces, resolveWorkspace } from "../workspaces.ts";

export { ROLES, type Role };

const emailSchema = z.email().max(254);

/** A login name as stored: trimmed and lower-cased; throws `invalid_input` when it is no e-mail address. */
export function normaliseEmail(email: string): string {
  const e = email.trim().toLowerCase();
  if (!emailSchema.safeParse(e).success) {
    throw new AppError("invalid_input", `„${email}“ ist keine gültige E-Mail-Adresse.`, {
      field: "email",
    });
  }
  return e;
}

export function parseRole(role: string): Role {
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new AppError(
      "invalid_input",
      `Unbekannte Rolle „${role}“. Möglich: ${ROLES.join(", ")}.`,
      {
        field: "role",
      },
    );
  }
  return role as Role;
}

/**
 * The address, role and name of a new account as typed, checked: the address normalised, the
 * role one of ROLES, a name of 1 to 200 characters (`nameField` is the field that holds it).
 */
export function newAccountInput(
  input: { readonly email: string; readonly displayName: string; readonly role: string },
  nameField: string,
): { email: string; role: Role; displayName: string } {
  const email = normaliseEmail(input.email);
  const role = parseRole(input.role);
  const displayName = input.displayName.trim();
  if (displayName === "" || displayName.length > 200) {
    throw new AppError("invalid_input", "Bitte einen Namen angeben (höchstens 200 Zeichen).", {
      field: nameField,
    });
  }
  return { email, role, displayName };
}

export interface NewAccount {
  readonly email: string;
  readonly displayName: string;
  readonly workspace: string;
  readonly role: Role;
  /** Show this once to the person; it is not stored. */
  readonly oneTimePassword: string;
}

/** Creates an account with a role in a workspace and a one-time password. */
export async function addUser(
  ctx: ServiceContext,
  input: { email: string; displayName: string; workspace?: string | undefined; role: string },
  actor: Actor,
): Promise<NewAccount> {
  const { email, role, displayName } = newAccountInput(input, "name");
  const ws = await resolveWorkspace(ctx, input.workspace);
  if (await findUserByEmail(ctx.db.orm, email)) {
    throw new AppError(
      "conflict",
      `Es gibt schon ein Konto für „${email}“. Rolle ändern mit „user set-role“.`,
    );
  }
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  await ctx.db.transaction((tx) =>
    insertAccount(
      tx.orm,
      ctx,
      actor,
      { email, displayName, passwordHash, mustChangePassword: true },
      { workspaceIds: [ws.id], role },
    ),
  );
  forgetVerifiedSessions(ctx);
  return { email, displayName, workspace: ws.slug, role, oneTimePassword };
}

/** Gives an existing account a role in a workspace (adding the workspace if it lacked it). */
export async function setRole(
  ctx: ServiceContext,
  input: { email: string; workspace?: string | undefined; role: string },
  actor: Actor,
): Promise<void> {
  const role = parseRole(input.role);
  const ws = await resolveWorkspace(ctx, input.workspace);
  const user = await accountOf(ctx, input.email);
  const previous = (await listUserMemberships(ctx.db.orm, user.id)).find(
    (m) => m.workspace === ws.slug,
  );
  await ctx.db.transaction(async (tx) => {
    await upsertMembership(tx.orm, user.id, ws.id, role);
    await deleteRoleRequest(tx.orm, user.id, ws.id);
    await audit(tx.orm, ctx, actor, [
      {
        workspaceId: ws.id,
        action: previous ? "update" : "create",
        entity: "membership",
        entityKey: user.email,
        before: previous ? { role: previous.role } : null,
        after: { role },
      },
    ]);
  });
  forgetVerifiedSessions(ctx);
}

/** Replaces an account's password with a new one-time password, returned once. */
export async function resetPassword(
  ctx: ServiceContext,
  emailInput: string,
  actor: Actor,
): Promise<string> {
  const user = await accountOf(ctx, emailInput);
  return issueOneTimePassword(ctx, user, actor, null);
}

/**
 * Gives an account a new one-time password and ends its sessions; `issuedBy` is the web
 * administrator who will see the password (null: the command line). Records the reset (never
 * the password) in every workspace of the account.
 */
export async function issueOneTimePassword(
  ctx: ServiceContext,
  user: UserRow,
  actor: Actor,
  issuedBy: number | null,
): Promise<string> {
  const fresh = await newOneTimePassword();
  const ids = await accountWorkspaceIds(ctx, user);
  await ctx.db.transaction((tx) =>
    storeOneTimePassword(tx.orm, ctx, user, actor, issuedBy, fresh, ids),
  );
  forgetVerifiedSessions(ctx);
  return fresh.oneTimePassword;
}

/** A one-time password and its hash (hashing takes a moment: do it before a transaction). */
export async function newOneTimePassword(): Promise<{ oneTimePassword: string; hash: string }> {
  const oneTimePassword = generateOneTimePassword();
  return { oneTimePassword, hash: await hashPassword(oneTimePassword) };
}

/**
 * Stores a one-time password in the caller's transaction, ends the sessions, and audits the
 * reset in the account's workspaces `ids` (read before the transaction: `accountWorkspaceIds`).
 */
export async function storeOneTimePassword(
  orm: Orm,
  ctx: ServiceContext,
  user: UserRow,
  actor: Actor,
  issuedBy: number | null,
  fresh: { hash: string },
  ids: readonly number[],
  extra: Record<string, unknown> = {},
): Promise<void> {
  await setPasswordHash(orm, user.id, fresh.hash, true, issuedBy);
  await deleteUserSessions(orm, user.id);
  // The password itself is never logged: only that it was reset.
  await audit(
    orm,
    ctx,
    actor,
    ids.map((workspaceId) => ({
      workspaceId,
      action: "password_reset" as const,
      entity: "user",
      entityKey: user.email,
      after: { mustChangePassword: true, ...extra },
    })),
  );
}

/**
 * Makes an account an installation administrator, or takes that away (the command line only;
 * ADR 0007). Recorded in every workspace of the account.
 */
export async function setInstallationAdministrator(
  ctx: ServiceContext,
  emailInput: string,
  installationAdmin: boolean,
  actor: Actor,
): Promise<void> {
  const user = await accountOf(ctx, emailInput);
  await updateAccount(
    ctx,
    user,
    actor,
    (orm) => setInstallationAdmin(orm, user.id, installationAdmin),
    { installationAdmin: user.installationAdmin },
    { installationAdmin },
  );
}

/** Deactivates an account (its sessions end, it cannot log in) or activates it again. */
export async function setAccountActive(
  ctx: ServiceContext,
  emailInput: string,
  active: boolean,
  actor: Actor,
): Promise<void> {
  const user = await accountOf(ctx, emailInput);
  await updateAccount(
    ctx,
    user,
    actor,
    async (orm) => {
      await setDisabledAt(orm, user.id, active ? null : ctx.now());
      if (!active) await deleteUserSessions(orm, user.id);
    },
    { disabled: user.disabledAt !== null },
    { disabled: !active },
  );
}

/** Changes an account in one transaction with its audit event in every workspace of the account. */
async function updateAccount(
  ctx: ServiceContext,
  user: UserRow,
  actor: Actor,
  change: (orm: Orm) => Promise<void>,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Promise<void> {
  const ids = await workspaceIds(ctx, await listUserMemberships(ctx.db.orm, user.id));
  await ctx.db.transaction(async (tx) => {
    await change(tx.orm);
    await audit(
      tx.orm,
      ctx,
      actor,
      (ids.length > 0 ? ids : [null]).map((workspaceId) => ({
        workspaceId,
        action: "update" as const,
        entity: "user",
        entityKey: user.email,
        before,
        after,
      })),
    );
  });
  forgetVerifiedSessions(ctx);
}

export async function listUsers(ctx: ServiceContext, workspace?: string): Promise<MemberRow[]> {
  const ws = workspace === undefined ? undefined : await resolveWorkspace(ctx, workspace);
  return listMembers(ctx.db.orm, ws?.id);
}

export type FirstAdmin =
  | { readonly kind: "created"; readonly email: string; readonly oneTimePassword: string }
  /** The address has an account already, which is not made an installation administrator. */
  | { readonly kind: "taken"; readonly email: string };

/**
 * While an installation has no installation administrator (its first start, also with the demo
 * accounts in place) creates one, with the admin role in every workspace there is, and returns
 * the one-time password to print once. Returns null when there is one already.
 */
export async function ensureFirstAdmin(
  ctx: ServiceContext,
  emailInput: string,
  actor: Actor = SYSTEM_ACTOR,
): Promise<FirstAdmin | null> {
  if ((await countInstallationAdmins(ctx.db.orm)) > 0) return null;
  const email = normaliseEmail(emailInput);
  if (await findUserByEmail(ctx.db.orm, email)) return { kind: "taken", email };
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const workspaces = await getWorkspaces(ctx);
  await ctx.db.transaction((tx) =>
    insertAccount(
      tx.orm,
      ctx,
      actor,
      {
        email,
        displayName: "Administration",
        passwordHash,
        mustChangePassword: true,
        installationAdmin: true,
      },
      { workspaceIds: workspaces.map((ws) => ws.id), role: "admin" },
      { installationAdmin: true, firstStart: true },
    ),
  );
  return { kind: "created", email, oneTimePassword };
}

/**
 * Creates accounts with known passwords, for a demo only: the password need not be changed.
 * Existing accounts are left as they are.
 */
export async function addDemoUsers(
  ctx: ServiceContext,
  workspace: string,
  users: readonly { email: string; name: string; role: string; password: string }[],
  actor: Actor,
): Promise<number> {
  const ws = await resolveWorkspace(ctx, workspace);
  let created = 0;
  for (const u of users) {
    const email = normaliseEmail(u.email);
    const role = parseRole(u.role);
    if (await findUserByEmail(ctx.db.orm, email)) continue;
    const passwordHash = await hashPassword(u.password);
    await ctx.db.transaction((tx) =>
      insertAccount(
        tx.orm,
        ctx,
        actor,
        { email, displayName: u.name, passwordHash },
        { workspaceIds: [ws.id], role },
        { demo: true },
      ),
    );
    created++;
  }
  return created;
}

/** The ids of the workspaces an account belongs to. */
export async function accountWorkspaceIds(
  ctx: ServiceContext,
  user: { id: number },
): Promise<number[]> {
  return workspaceIds(ctx, await listUserMemberships(ctx.db.orm, user.id));
}

async function workspaceIds(
  ctx: ServiceContext,
  memberships: readonly { workspace: string }[],
): Promise<number[]> {
  const all = await getWorkspaces(ctx);
  const slugs = new Set(memberships.map((m) => m.workspace));
  return all.filter((w) => slugs.has(w.slug)).map((w) => w.id);
}

/** The member as the account administration reads it (the route shapes it into its contract). */
export type { MemberRow } from "../../storage/users.repo.ts";

/** The stored account of an address as typed (case and blanks do not matter), or 404. */
async function accountOf(ctx: ServiceContext, emailInput: string) {
  const email = normaliseEmail(emailInput);
  const user = await findUserByEmail(ctx.db.orm, email);
  if (!user) throw notFound("Konto", email);
  return user;
}
