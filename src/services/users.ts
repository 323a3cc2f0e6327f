/**
 * Accounts: people, their role per workspace, and their passwords. New accounts and reset
 * passwords get a one-time password that must be changed at the next login.
 */
import { z } from "zod";
import { ROLES, type Role } from "../storage/schema.ts";
import {
  findUserByEmail,
  insertUser,
  listMembers,
  setPasswordHash,
  upsertMembership,
  type MemberRow,
} from "../storage/users.repo.ts";
import { AppError, notFound } from "./app-error.ts";
import type { ServiceContext } from "./context.ts";
import { generateOneTimePassword, hashPassword } from "./passwords.ts";
import { resolveWorkspace } from "./workspaces.ts";

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
  });
  return { email, displayName, workspace: ws.slug, role, oneTimePassword };
}

/** Gives an existing account a role in a workspace (adding the workspace if it lacked it). */
export async function setRole(
  ctx: ServiceContext,
  input: { email: string; workspace?: string | undefined; role: string },
): Promise<void> {
  const email = normaliseEmail(input.email);
  const role = parseRole(input.role);
  const ws = await resolveWorkspace(ctx, input.workspace);
  const user = await findUserByEmail(ctx.db.orm, email);
  if (!user) throw notFound("Konto", email);
  await upsertMembership(ctx.db.orm, user.id, ws.id, role);
}

/** Replaces an account's password with a new one-time password, returned once. */
export async function resetPassword(ctx: ServiceContext, emailInput: string): Promise<string> {
  const email = normaliseEmail(emailInput);
  const user = await findUserByEmail(ctx.db.orm, email);
  if (!user) throw notFound("Konto", email);
  const oneTimePassword = generateOneTimePassword();
  await setPasswordHash(ctx.db.orm, user.id, await hashPassword(oneTimePassword), true);
  return oneTimePassword;
}

export async function listUsers(ctx: ServiceContext, workspace?: string): Promise<MemberRow[]> {
  const ws = workspace === undefined ? undefined : await resolveWorkspace(ctx, workspace);
  return listMembers(ctx.db.orm, ws?.id);
}
