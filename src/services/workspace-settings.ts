/**
 * The settings of a workspace, as its administrator sets them in Verwaltung: the publisher
 * (printed on reports instead of the workspace's name), the open-data catalogue's facts and
 * licence, the disclosure minimum, how values under review appear in public, and the rules of
 * the accommodation statistic. Every change is audited with the values before and after; a
 * change that alters what readers see (the disclosure minimum, the review policy, the
 * reference day) marks the computed figures stale.
 */
import { WORKSPACE_SETTINGS, type WorkspaceSettingsDto } from "../contracts/workspaces.ts";
import { bumpAccommodationVersion } from "../storage/accommodation.repo.ts";
import {
  bumpDataVersion,
  updateWorkspaceSettings,
  type WorkspaceSettingsPatch,
} from "../storage/workspaces.repo.ts";
import { audit, type Actor } from "./audit.ts";
import type { ServiceContext } from "./context.ts";
import type { Workspace } from "./workspaces.ts";

const KEYS = WORKSPACE_SETTINGS;

/** Settings whose change alters figures already computed for readers. */
const CHANGES_FIGURES: ReadonlySet<string> = new Set([
  "minCount",
  "reviewInPublic",
  "occupancyReferenceDay",
]);

export function workspaceSettings(ws: Workspace): WorkspaceSettingsDto {
  return {
    name: ws.name,
    municipalityKey: ws.municipalityKey,
    publisher: ws.publisher,
    publisherAddress: ws.publisherAddress,
    contactEmail: ws.contactEmail,
    homepage: ws.homepage,
    licence: ws.licence as WorkspaceSettingsDto["licence"],
    dcatContributorId: ws.dcatContributorId,
    attribution: ws.attribution,
    minCount: ws.minCount,
    reviewInPublic: ws.reviewInPublic,
    occupancyReferenceDay: ws.occupancyReferenceDay,
    stayRetentionMonths: ws.stayRetentionMonths,
    accommodationDaysAhead: ws.accommodationDaysAhead,
  };
}

/** Changes the settings named in `patch`; the others stay. Returns the settings afterwards. */
export async function changeWorkspaceSettings(
  ctx: ServiceContext,
  ws: Workspace,
  patch: { readonly [K in keyof WorkspaceSettingsDto]?: WorkspaceSettingsDto[K] | undefined },
  actor: Actor,
): Promise<WorkspaceSettingsDto> {
  const now = workspaceSettings(ws);
  const changed = KEYS.filter((k) => patch[k] !== undefined && patch[k] !== now[k]);
  if (changed.length === 0) return now;
  const set: WorkspaceSettingsPatch = Object.fromEntries(changed.map((k) => [k, patch[k]]));
  const before = Object.fromEntries(changed.map((k) => [k, now[k]]));
  const updated = await ctx.db.transaction(async (tx) => {
    const row = await updateWorkspaceSettings(tx.orm, ws.id, set);
    if (changed.some((k) => CHANGES_FIGURES.has(k))) {
      await bumpDataVersion(tx.orm, ws.id);
      await bumpAccommodationVersion(tx.orm, ws.id);
    }
    await audit(tx.orm, ctx, actor, [
      {
        workspaceId: ws.id,
        action: "update",
        entity: "workspace",
        entityKey: ws.slug,
        before,
        after: set,
      },
    ]);
    return row;
  });
  ctx.dataChanged.emit(ws.id);
  return workspaceSettings(updated);
}
