/**
 * The installation's workspaces as its administrators manage them in the web app (Verwaltung →
 * Installation): the list of every workspace, and a new, empty workspace with its first
 * administrator. Only an installation administrator may do this; the level is read from the
 * database on every call, not from a cached session (ADR 0007). Areas, variables and
 * indicators of a new workspace come afterwards, from a catalogue (`sopla catalogue apply` or
 * Verwaltung → Katalog).
 */
import { findUserByEmail, findUserById, upsertMembership } from "../storage/users.repo.ts";
import {
  countMembersByWorkspace,
  insertWorkspace,
  listWorkspaces,
  type WorkspaceRow,
} from "../storage/workspaces.repo.ts";
import { AppError } from "./app-error.ts";
import { audit, type Actor } from "./audit.ts";
import type { ServiceContext } from "./context.ts";
import { forgetVerifiedSessions } from "./access/sessions.ts";
import { normaliseEmail } from "./access/users.ts";

/** Throws `forbidden` unless the account is an installation administrator (read afresh). */
export async function requireInstallationAdmin(ctx: ServiceContext, userId: number): Promise<void> {
  const row = await findUserById(ctx.db.orm, userId);
  if (!row?.installationAdmin || row.disabledAt !== null) {
    throw new AppError(
      "forbidden",
      "Das darf nur die Installationsverwaltung (ein Konto mit „sopla user installation-admin“).",
    );
  }
}

export interface InstallationWorkspace {
  readonly slug: string;
  readonly name: string;
  readonly municipalityKey: string | null;
  readonly memberCount: number;
  readonly createdAt: Date;
}

const view = (w: WorkspaceRow, counts: Map<number, number>): InstallationWorkspace => ({
  slug: w.slug,
  name: w.name,
  municipalityKey: w.municipalityKey,
  memberCount: counts.get(w.id) ?? 0,
  createdAt: w.createdAt,
});

/** Every workspace of the installation, by slug, with its number of members. */
export async function listInstallationWorkspaces(
  ctx: ServiceContext,
): Promise<InstallationWorkspace[]> {
  const [all, counts] = await Promise.all([
    listWorkspaces(ctx.db.orm),
    countMembersByWorkspace(ctx.db.orm),
  ]);
  return all.map((w) => view(w, counts));
}

/**
 * Creates an empty workspace whose first administrator is the caller, or the existing account
 * `firstAdminEmail`. A slug in use is a `conflict`; nothing is written then.
 */
export async function createWorkspace(
  ctx: ServiceContext,
  actor: Actor & { readonly userId: number },
  input: {
    slug: string;
    name: string;
    municipalityKey?: string | null | undefined;
    firstAdminEmail?: string | null | undefined;
  },
): Promise<InstallationWorkspace> {
  const adminEmail =
    input.firstAdminEmail === undefined || input.firstAdminEmail === null
      ? null
      : normaliseEmail(input.firstAdminEmail);
  const admin = adminEmail === null ? null : await findUserByEmail(ctx.db.orm, adminEmail);
  if (adminEmail !== null && !admin) {
    throw new AppError(
      "not_found",
      `Erste Administration: Es gibt kein Konto „${adminEmail}“. Legen Sie den Arbeitsbereich ohne diese Angabe an und laden Sie die Person danach ein.`,
      { field: "firstAdminEmail" },
    );
  }
  const adminId = admin?.id ?? actor.userId;
  const adminLabel = admin?.email ?? actor.label;
  const created = await ctx.db.transaction(async (tx) => {
    const ws = await insertWorkspace(tx.orm, {
      slug: input.slug,
      name: input.name,
      municipalityKey: input.municipalityKey ?? null,
    });
    if (!ws) return null;
    await upsertMembership(tx.orm, adminId, ws.id, "admin");
    await audit(tx.orm, ctx, actor, [
      {
        workspaceId: ws.id,
        action: "create",
        entity: "workspace",
        entityKey: ws.slug,
        after: { name: ws.name, municipalityKey: ws.municipalityKey },
      },
      {
        workspaceId: ws.id,
        action: "create",
        entity: "membership",
        entityKey: adminLabel,
        before: null,
        after: { role: "admin" },
      },
    ]);
    return ws;
  });
  if (!created) {
    throw new AppError(
      "conflict",
      `Kennung: Den Arbeitsbereich „${input.slug}“ gibt es schon; bitte eine andere Kennung wählen.`,
      { field: "slug" },
    );
  }
  forgetVerifiedSessions(ctx);
  return view(created, new Map([[created.id, 1]]));
}
