import { findCell } from "./cell-lookup.ts";
import { isVisibleTo, type Audience } from "../../core/publication/publication.ts";
import { listAreas } from "../../storage/areas.repo.ts";
import {
  pageCurrentObservations,
  listRevisions,
  type ObservationStatus,
} from "../../storage/observations.repo.ts";
import { listPeriods } from "../../storage/periods.repo.ts";
import { listVariables } from "../../storage/variables.repo.ts";
import { notFound } from "../app-error.ts";
import type { ServiceContext } from "../context.ts";
import type { Workspace } from "../workspaces.ts";

export interface ObservationView {
  readonly variable: string;
  readonly area: string;
  readonly period: string;
  readonly value: number | null;
  readonly status: ObservationStatus;
  readonly revision: number;
  readonly importId: number | null;
}

export interface ObservationQuery {
  readonly variable?: string | undefined;
  readonly area?: string | undefined;
  readonly period?: string | undefined;
  readonly level?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

/**
 * The variables the audience sees (a draft only the planners; README, "Who may do what"), the
 * areas and the periods. A variable the audience may not see is "not found", like one that does
 * not exist.
 */
async function lookups(ctx: ServiceContext, ws: Workspace, audience: Audience) {
  const [variables, areas, periods] = await Promise.all([
    listVariables(ctx.db.orm, ws.id),
    listAreas(ctx.db.orm, ws.id),
    listPeriods(ctx.db.orm, ws.id),
  ]);
  return {
    variables: variables.filter((v) => isVisibleTo(v.publication, audience)),
    areas,
    periods,
  };
}

/**
 * Current observations of the variables the audience sees, filtered by codes, in a stable
 * order, one page at a time.
 */
export async function getObservations(
  ctx: ServiceContext,
  ws: Workspace,
  q: ObservationQuery,
  audience: Audience,
): Promise<{ total: number; items: ObservationView[] }> {
  const { variables, areas, periods } = await lookups(ctx, ws, audience);
  const pick = <T extends { code: string; id: number }>(
    rows: T[],
    code: string | undefined,
    what: string,
  ) => {
    if (code === undefined) return undefined;
    const row = rows.find((r) => r.code === code);
    if (!row) throw notFound(what, code);
    return [row.id];
  };
  const variableIds = pick(variables, q.variable, "Merkmal") ?? variables.map((v) => v.id);
  if (variableIds.length === 0) return { total: 0, items: [] };
  const periodIds = pick(periods, q.period, "Zeitraum");
  let areaIds = pick(areas, q.area, "Gebiet");
  if (q.level !== undefined) {
    const inLevel = areas.filter((a) => a.levelCode === q.level).map((a) => a.id);
    areaIds = areaIds ? areaIds.filter((id) => inLevel.includes(id)) : inLevel;
  }
  const { total, rows } = await pageCurrentObservations(
    ctx.db.orm,
    ws.id,
    {
      variableIds,
      ...(periodIds ? { periodIds } : {}),
      ...(areaIds ? { areaIds } : {}),
    },
    q.limit,
    q.offset,
  );
  const vCode = new Map(variables.map((v) => [v.id, v.code]));
  const aCode = new Map(areas.map((a) => [a.id, a.code]));
  const pCode = new Map(periods.map((p) => [p.id, p.code]));
  const items = rows.map((r) => ({
    variable: vCode.get(r.variableId) ?? "?",
    area: aCode.get(r.areaId) ?? "?",
    period: pCode.get(r.periodId) ?? "?",
    value: r.value,
    status: r.status,
    revision: r.revision,
    importId: r.importId,
  }));
  return { total, items };
}

/** Every revision of one cell: what was stored, when, by which import, until when. */
export async function getObservationHistory(
  ctx: ServiceContext,
  ws: Workspace,
  key: { variable: string; area: string; period: string },
  audience: Audience,
) {
  const { variables, areas, periods } = await lookups(ctx, ws, audience);
  const cell = findCell(variables, areas, periods, key);
  const revisions = await listRevisions(ctx.db.orm, {
    variableId: cell.variable.id,
    areaId: cell.area.id,
    periodId: cell.period.id,
  });
  return revisions.map((r) => ({
    revision: r.revision,
    value: r.value,
    status: r.status,
    importId: r.importId,
    createdAt: r.createdAt.toISOString(),
    supersededAt: r.supersededAt ? r.supersededAt.toISOString() : null,
  }));
}
