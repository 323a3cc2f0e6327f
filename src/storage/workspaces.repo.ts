import { eq, sql } from "drizzle-orm";
import type { Orm } from "./db.ts";
import { membership, workspace } from "./schema.ts";

export type WorkspaceRow = typeof workspace.$inferSelect;

export async function listWorkspaces(orm: Orm): Promise<WorkspaceRow[]> {
  return orm.select().from(workspace).orderBy(workspace.slug);
}

export async function findWorkspaceBySlug(
  orm: Orm,
  slug: string,
): Promise<WorkspaceRow | undefined> {
  const rows = await orm.select().from(workspace).where(eq(workspace.slug, slug));
  return rows[0];
}

export async function upsertWorkspace(
  orm: Orm,
  values: typeof workspace.$inferInsert,
): Promise<WorkspaceRow> {
  const rows = await orm
    .insert(workspace)
    .values(values)
    .onConflictDoUpdate({
      target: workspace.slug,
      set: {
        name: values.name,
        municipalityKey: values.municipalityKey ?? null,
        attribution: values.attribution ?? null,
        publisher: values.publisher ?? null,
        publisherAddress: values.publisherAddress ?? null,
        dcatContributorId: values.dcatContributorId ?? null,
        contactEmail: values.contactEmail ?? null,
        homepage: values.homepage ?? null,
        licence: values.licence ?? null,
        ...(values.minCount !== undefined ? { minCount: values.minCount } : {}),
        ...(values.reviewInPublic !== undefined ? { reviewInPublic: values.reviewInPublic } : {}),
      },
    })
    .returning();
  return rows[0]!;
}

/** Locks the workspace row for the transaction and returns its data version. */
export async function lockDataVersion(orm: Orm, workspaceId: number): Promise<number> {
  const rows = await orm
    .select({ v: workspace.dataVersion })
    .from(workspace)
    .where(eq(workspace.id, workspaceId))
    .for("update");
  return rows[0]?.v ?? 0;
}

export async function bumpDataVersion(orm: Orm, workspaceId: number): Promise<number> {
  const rows = await orm
    .update(workspace)
    .set({ dataVersion: sql`${workspace.dataVersion} + 1` })
    .where(eq(workspace.id, workspaceId))
    .returning({ v: workspace.dataVersion });
  return rows[0]?.v ?? 0;
}

export async function getDataVersion(orm: Orm, workspaceId: number): Promise<number> {
  const rows = await orm
    .select({ v: workspace.dataVersion })
    .from(workspace)
    .where(eq(workspace.id, workspaceId));
  return rows[0]?.v ?? 0;
}

/** The settings a workspace administrator may change (src/services/workspace-settings.ts). */
export type WorkspaceSettingsPatch = Partial<
  Pick<
    WorkspaceRow,
    | "name"
    | "municipalityKey"
    | "publisher"
    | "publisherAddress"
    | "contactEmail"
    | "homepage"
    | "licence"
    | "dcatContributorId"
    | "attribution"
    | "minCount"
    | "reviewInPublic"
    | "occupancyReferenceDay"
    | "stayRetentionMonths"
    | "accommodationDaysAhead"
  >
>;

export async function updateWorkspaceSettings(
  orm: Orm,
  workspaceId: number,
  patch: WorkspaceSettingsPatch,
): Promise<WorkspaceRow> {
  const rows = await orm
    .update(workspace)
    .set(patch)
    .where(eq(workspace.id, workspaceId))
    .returning();
  return rows[0]!;
}

/** Inserts a new workspace; null when the slug is taken. */
export async function insertWorkspace(
  orm: Orm,
  values: { slug: string; name: string; municipalityKey: string | null },
): Promise<WorkspaceRow | null> {
  const rows = await orm.insert(workspace).values(values).onConflictDoNothing().returning();
  return rows[0] ?? null;
}

/** The number of members of each workspace, by workspace id. */
export async function countMembersByWorkspace(orm: Orm): Promise<Map<number, number>> {
  const rows = await orm
    .select({ id: membership.workspaceId, n: sql<number>`count(*)::int` })
    .from(membership)
    .groupBy(membership.workspaceId);
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}
