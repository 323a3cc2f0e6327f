/**
 * Access: the own session (`/api/session`) and the account administration of a workspace
 * (`/api/users`): members, roles, requests (ADR 0007).
 */
import { z } from "zod";
import { ROLES } from "../core/access/roles.ts";

export const roleSchema = z.enum(ROLES);

export const memberDto = z
  .object({
    email: z.string(),
    displayName: z.string(),
    role: roleSchema,
    /** A requested role that waits for a second administrator's confirmation. */
    pendingRole: roleSchema.nullable(),
    mustChangePassword: z.boolean(),
    disabled: z.boolean(),
    /** Managed at the command line only. */
    installationAdmin: z.boolean(),
  })
  .meta({ id: "Member" });
export type MemberDto = z.infer<typeof memberDto>;

/** A member in the administration's list: with the last login. */
export const workspaceMemberDto = memberDto
  .extend({
    lastLoginAt: z
      .string()
      .nullable()
      .describe("Letzte Anmeldung (ISO 8601) laut Protokoll des Arbeitsbereichs; null: noch nie"),
  })
  .meta({ id: "WorkspaceMember" });
export type WorkspaceMemberDto = z.infer<typeof workspaceMemberDto>;

export const newAccountBody = z.strictObject({
  email: z.email().max(254),
  displayName: z.string().min(1).max(200),
  role: roleSchema,
});

export const newAccountDto = z
  .object({
    email: z.string(),
    displayName: z.string(),
    role: roleSchema.describe("Die Rolle, die das Konto jetzt hat"),
    pendingRole: roleSchema
      .nullable()
      .describe("Angefragte Rolle, die eine zweite Person der Administration bestätigt"),
    oneTimePassword: z
      .string()
      .nullable()
      .describe(
        "Nur in dieser Antwort sichtbar. null nur, wenn die Installationsverwaltung ein bestehendes Konto aufnimmt.",
      ),
  })
  .meta({ id: "NewAccount" });

export const roleRequestDto = z
  .object({
    email: z.string(),
    role: roleSchema,
    currentRole: roleSchema.nullable(),
    requestedBy: z.string(),
    requestedAt: z.string(),
  })
  .meta({ id: "RoleRequest" });

export const confirmationDto = z.object({
  member: memberDto,
  oneTimePassword: z
    .string()
    .nullable()
    .describe(
      "Neues Einmalpasswort, wenn die anfragende Person das Passwort vergeben hatte (nur in dieser Antwort sichtbar)",
    ),
});

/** The own session: who, which workspaces and roles, and the CSRF token to echo. */
export const sessionDto = z
  .object({
    email: z.string(),
    displayName: z.string(),
    mustChangePassword: z.boolean(),
    csrfToken: z.string().describe("Send as `X-CSRF-Token` with every state-changing request"),
    installationAdmin: z
      .boolean()
      .describe("Verwaltet die Installation: alle Arbeitsbereiche, Konten aller Bereiche"),
    memberships: z.array(
      z.object({
        workspace: z.string(),
        name: z.string(),
        role: roleSchema,
      }),
    ),
  })
  .meta({ id: "Session" });

export type SessionDto = z.infer<typeof sessionDto>;

/** `POST /api/users/invitations`: whom to invite, with which role (and optionally the name). */
export const newInvitationBody = z
  .strictObject({
    email: z.email().max(254),
    displayName: z.string().max(200).optional(),
    role: roleSchema,
  })
  .meta({ id: "NewInvitation" });

export const invitationDto = newAccountDto
  .extend({
    link: z
      .string()
      .nullable()
      .describe(
        "Der Einladungslink …/einladung#<token>, nur in dieser Antwort; null, wenn ein bestehendes Konto ohne Einladung aufgenommen wurde",
      ),
    expiresAt: z.string().nullable().describe("Gültig bis (ISO 8601)"),
  })
  .meta({ id: "Invitation" });

export const invitationTokenBody = z.strictObject({ token: z.string().min(1).max(200) });

export const invitationAcceptanceBody = z.strictObject({
  token: z.string().min(1).max(200),
  oneTimePassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
});

/** What the invitee sees: address, workspace, role, and the role held until a confirmation. */
export const invitationPreviewDto = z
  .object({
    email: z.string(),
    workspaceName: z.string(),
    role: roleSchema.describe("Die Rolle der Einladung"),
    currentRole: roleSchema
      .nullable()
      .describe("Die Rolle, die das Konto jetzt hat (bis eine zweite Person bestätigt)"),
    expiresAt: z.string(),
  })
  .meta({ id: "InvitationPreview" });
