/**
 * Changing an item's publication state (draft → internal → public, or back). A change is
 * audited with the state before and after, and bumps the workspace's data version so that
 * every cache of computed values — the map endpoint, the open-data files — forgets the old
 * state at once.
 */
import type { PublicationState } from "../core/publication/publication.ts";
import { listIndicators, setIndicatorPublication } from "../storage/indicators.repo.ts";
import { listVariables, setVariablePublication } from "../storage/variables.repo.ts";
import { bumpDataVersion } from "../storage/workspaces.repo.ts";
import { notFound } from "./app-error.ts";
import { audit, type Actor } from "./audit.ts";
import type { ServiceContext } from "./context.ts";
import type { Workspace } from "./workspaces.ts";

export type PublishableKind = "variable" | "indicator";

export async function setPublication(
  ctx: ServiceContext,
  ws: Workspace,
  kind: PublishableKind,
  code: string,
  state: PublicationState,
  actor: Actor,
): Promise<{ code: string; publication: PublicationState; changed: boolean }> {
  const changed = await ctx.db.transaction(async (tx) => {
    const rows =
      kind === "variable"
        ? await listVariables(tx.orm, ws.id)
        : await listIndicators(tx.orm, ws.id);
    const row = rows.find((r) => r.code === code);
    if (!row) throw notFound(kind === "variable" ? "Merkmal" : "Indikator", code);
    if (row.publication === state) return false;
    if (kind === "variable") await setVariablePublication(tx.orm, row.id, state);
    else await setIndicatorPublication(tx.orm, row.id, state);
    await bumpDataVersion(tx.orm, ws.id);
    await audit(tx.orm, ctx, actor, [
      {
        workspaceId: ws.id,
        action: "publish",
        entity: kind,
        entityKey: code,
        before: { publication: row.publication },
        after: { publication: state },
      },
    ]);
    return true;
  });
  if (changed) ctx.dataChanged.emit(ws.id);
  return { code, publication: state, changed };
}
