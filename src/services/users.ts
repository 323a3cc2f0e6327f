/**
 * Accounts: people, their role per workspace, and their passwords. New accounts and reset
 * passwords get a one-time password that must be changed at the next login.
 */
import { z } from "zod";
import { ROLES, type Role } from "../storage/schema.ts";
import {
  countUsers,
  findUserByEmail,
  insertUser,
  listMembers,
  setPasswordHash,
  upsertMembership,
  type MemberRow,
} from "../storage/users.repo.ts";
import { listUserMemberships } from "../storage/sessions.repo.ts";
import { AppError, notFound } from "./app-error.ts";
import { audit, SYSTEM_ACTOR, type Actor } from "./audit.ts";
import type { ServiceContext } from "./context.ts";
import { generateOneTimePassword, hashPassword } from "./passwords.ts";
import { forgetVerifiedSessions } from "./sessions.ts";
import { getWorkspaces, resolveWorkspace } from "./workspaces.ts";

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
  const email = normaliseEmail(input.email);
  const role = parseRole(input.role);
  const displayName = input.displayName.trim();
  if (displayName === "" || displayName.length > 200) {
    throw new AppError("invalid_input", "Bitte einen Namen angeben (höchstens 200 Zeichen).", {
      field: "name",
    });
  }
  const ws = await resolveWorkspace(ctx, input.workspace);
  if (await findUserByEmail(ctx.db.orm, email)) {
    throw new AppError(
      "conflict",
      `Es gibt schon ein Konto für „${email}“. Rolle ändern mit „user set-role“.`,
    );
  }
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  await ctx.db.transaction(async (tx) => {
    const user = await insertUser(tx.orm, {
      email,
      displayName,
      passwordHash,
      mustChangePassword: true,
    });
    await upsertMembership(tx.orm, user.id, ws.id, role);
    await audit(tx.orm, ctx, actor, [
      {
        workspaceId: ws.id,
        action: "create",
        entity: "user",
        entityKey: email,
        after: { displayName, role },
      },
    ]);
  });
  forgetVerifiedSessions(ctx);
  return { email, displayName, workspace: ws.slug, role, oneTimePassword };
}

/** Gives an existing account a role in a workspace (adding the workspace if it lacked it). */
export async function setRole(
  ctx: ServiceContext,
  input: { email: string; workspace?: string | undefined; role: string },
  actor: Actor,
): Promise<void> {
  const email = normaliseEmail(input.email);
  const role = parseRole(input.role);
  const ws = await resolveWorkspace(ctx, input.workspace);
  const user = await findUserByEmail(ctx.db.orm, email);
  if (!user) throw notFound("Konto", email);
  const previous = (await listUserMemberships(ctx.db.orm, user.id)).find(
    (m) => m.workspace === ws.slug,
  );
  await ctx.db.transaction(async (tx) => {
    await upsertMembership(tx.orm, user.id, ws.id, role);
    await audit(tx.orm, ctx, actor, [
      {
        workspaceId: ws.id,
        action: previous ? "update" : "create",
        entity: "membership",
        entityKey: email,
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
  const email = normaliseEmail(emailInput);
  const user = await findUserByEmail(ctx.db.orm, email);
  if (!user) throw notFound("Konto", email);
  const oneTimePassword = generateOneTimePassword();
  const hash = await hashPassword(oneTimePassword);
  const memberships = await listUserMemberships(ctx.db.orm, user.id);
  const ids = await workspaceIds(ctx, memberships);
  await ctx.db.transaction(async (tx) => {
    await setPasswordHash(tx.orm, user.id, hash, true);
    // The password itself is never logged: only that it was reset.
    await audit(
      tx.orm,
      ctx,
      actor,
      ids.map((workspaceId) => ({
        workspaceId,
        action: "password_reset" as const,
        entity: "user",
        entityKey: email,
        after: { mustChangePassword: true },
      })),
    );
  });
  forgetVerifiedSessions(ctx);
  return oneTimePassword;
}

export async function listUsers(ctx: ServiceContext, workspace?: string): Promise<MemberRow[]> {
  const ws = workspace === undefined ? undefined : await resolveWorkspace(ctx, workspace);
  return listMembers(ctx.db.orm, ws?.id);
}

/**
 * On the first start of an installation (no account yet) creates the administrator, with the
 * admin role in every workspace there is, and returns the one-time password to print once.
 * Returns null when accounts exist already.
 */
export async function ensureFirstAdmin(
  ctx: ServiceContext,
  emailInput: string,
  actor: Actor = SYSTEM_ACTOR,
): Promise<{ email: string; oneTimePassword: string } | null> {
  if ((await countUsers(ctx.db.orm)) > 0) return null;
  const email = normaliseEmail(emailInput);
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const workspaces = await getWorkspaces(ctx);
  await ctx.db.transaction(async (tx) => {
    const user = await insertUser(tx.orm, {
      email,
      displayName: "Administration",
      passwordHash,
      mustChangePassword: true,
    });
    for (const ws of workspaces) await upsertMembership(tx.orm, user.id, ws.id, "admin");
    await audit(
      tx.orm,
      ctx,
      actor,
      workspaces.map((ws) => ({
        workspaceId: ws.id,
        action: "create" as const,
        entity: "user",
        entityKey: email,
        after: { displayName: "Administration", role: "admin", firstStart: true },
      })),
    );
  });
  return { email, oneTimePassword };
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
    await ctx.db.transaction(async (tx) => {
      const user = await insertUser(tx.orm, { email, displayName: u.name, passwordHash });
      await upsertMembership(tx.orm, user.id, ws.id, role);
      await audit(tx.orm, ctx, actor, [
        {
          workspaceId: ws.id,
          action: "create",
          entity: "user",
          entityKey: email,
          after: { displayName: u.name, role, demo: true },
        },
      ]);
    });
    created++;
  }
  return created;
}

async function workspaceIds(
  ctx: ServiceContext,
  memberships: readonly { workspace: string }[],
): Promise<number[]> {
  const all = await getWorkspaces(ctx);
  const slugs = new Set(memberships.map((m) => m.workspace));
  return all.filter((w) => slugs.has(w.slug)).map((w) => w.id);
}
