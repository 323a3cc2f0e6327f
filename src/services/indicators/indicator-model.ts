/**
 * Loads what the indicator engine needs for one area system of a workspace: the area tree,
 * the periods, and an aggregated cube of the variables asked for. Pure computing happens in
 * src/core; this file only gathers the data.
 */
import { buildAreaTree, type AreaTree } from "../../core/areas/area-tree.ts";
import {
  aggregateCube,
  createCube,
  setObservation,
  withFlags,
  type Cube,
} from "../../core/indicators/cube.ts";
import { comparePeriods, type Period } from "../../core/periods/period.ts";
import { listAreaLevels, listAreas, type AreaRow } from "../../storage/areas.repo.ts";
import { loadObservationColumns } from "../../storage/observation-load.repo.ts";
import { listPeriods, type PeriodRow } from "../../storage/periods.repo.ts";
import { listVariables, type VariableRow } from "../../storage/variables.repo.ts";
import { AppError } from "../app-error.ts";
import type { ServiceContext } from "../context.ts";
import type { Workspace } from "../workspaces.ts";

export interface SystemModel {
  readonly system: string;
  readonly areas: readonly AreaRow[];
  readonly tree: AreaTree;
  /** Level codes by depth. */
  readonly levels: readonly { code: string; name: string; depth: number }[];
}

export interface CubeModel extends SystemModel {
  readonly periods: readonly Period[];
  readonly cube: Cube;
  readonly variables: readonly VariableRow[];
}

export function periodOfRow(p: PeriodRow): Period {
  return {
    code: p.code,
    kind: p.kind,
    start: p.startDate,
    end: p.endDate,
    referenceDate: p.referenceDate,
  };
}

function internalError(message: string): AppError {
  return new AppError("invalid_input", message);
}

/**
 * Area trees by workspace, data version and system. Areas change only with an import or a
 * catalogue, both of which bump the data version, so an entry is never stale; this process
 * also drops them at once.
 */
const systemModels = new WeakMap<ServiceContext, Map<string, Promise<SystemModel>>>();
const MAX_SYSTEM_MODELS = 32;

/** The area tree of one area system; areas are ordered parents first. */
export function loadSystemModel(
  ctx: ServiceContext,
  ws: Workspace,
  systemCode: string,
): Promise<SystemModel> {
  let cache = systemModels.get(ctx);
  if (!cache) {
    const fresh = new Map<string, Promise<SystemModel>>();
    ctx.dataChanged.subscribe(() => fresh.clear());
    systemModels.set(ctx, fresh);
    cache = fresh;
  }
  const key = `${ws.id}|${ws.dataVersion}|${systemCode}`;
  let model = cache.get(key);
  if (!model) {
    model = readSystemModel(ctx, ws, systemCode);
    cache.set(key, model);
    model.catch(() => cache.delete(key));
    while (cache.size > MAX_SYSTEM_MODELS) cache.delete(cache.keys().next().value!);
  }
  return model;
}

async function readSystemModel(
  ctx: ServiceContext,
  ws: Workspace,
  systemCode: string,
): Promise<SystemModel> {
  const [areas, levels] = await Promise.all([
    listAreas(ctx.db.orm, ws.id),
    listAreaLevels(ctx.db.orm, ws.id),
  ]);
  const inSystem = areas.filter((a) => a.systemCode === systemCode);
  const tree = buildAreaTree(
    inSystem.map((a) => ({ code: a.code, parentCode: a.parentCode, level: a.depth })),
  );
  if (!tree.ok) throw internalError(tree.error);
  const systemLevels = [...new Map(inSystem.map((a) => [a.levelCode, a.depth])).entries()].map(
    ([code, depth]) => ({
      code,
      depth,
      name: levels.find((l) => l.code === code)?.name ?? code,
    }),
  );
  systemLevels.sort((a, b) => a.depth - b.depth);
  return { system: systemCode, areas: inSystem, tree: tree.value, levels: systemLevels };
}

/**
 * The aggregated cube of `variableCodes` over every area of the system and every period of
 * the workspace (or only `periodCodes`), oldest period first.
 */
export async function loadCubeModel(
  ctx: ServiceContext,
  ws: Workspace,
  systemCode: string,
  variableCodes: readonly string[],
  periodCodes?: readonly string[],
): Promise<CubeModel> {
  const [system, allVariables, periodRows] = await Promise.all([
    loadSystemModel(ctx, ws, systemCode),
    listVariables(ctx.db.orm, ws.id),
    listPeriods(ctx.db.orm, ws.id),
  ]);
  const wanted = [...new Set(variableCodes)];
  const variables = wanted.map((code) => {
    const v = allVariables.find((x) => x.code === code);
    if (!v)
      throw new AppError("not_found", `Merkmal „${code}“ gibt es nicht.`, {
        what: "variable",
        key: code,
      });
    return v;
  });
  const periods = periodRows
    .filter((p) => periodCodes === undefined || periodCodes.includes(p.code))
    .map((p) => ({ id: p.id, period: periodOfRow(p) }))
    .sort((a, b) => comparePeriods(a.period, b.period));
  const created = createCube(
    system.tree,
    variables.map((v) => v.code),
    periods.map((p) => p.period),
  );
  if (!created.ok) throw internalError(created.error);
  const cube = created.value;

  const columns = await loadObservationColumns(
    ctx.db.orm,
    ws.id,
    variables.map((v) => v.id),
    periodCodes === undefined ? undefined : periods.map((p) => p.id),
  );
  const variableIndex = new Map(variables.map((v, i) => [v.id, i]));
  const periodIndex = new Map(periods.map((p, i) => [p.id, i]));
  const areaIndex = new Map(system.areas.map((a, i) => [a.id, i]));
  for (let i = 0; i < columns.length; i++) {
    const a = areaIndex.get(columns.areaId[i]!);
    if (a === undefined) continue; // an area of another system
    const v = variableIndex.get(columns.variableId[i]!)!;
    const p = periodIndex.get(columns.periodId[i]!)!;
    const x = columns.value[i]!;
    setObservation(cube, v, p, a, Number.isNaN(x) ? null : x);
  }
  // Provisional, estimated, revised, under review, marked: carried into every figure.
  const flaggedCube = withFlags(
    cube,
    columns.flagged.flatMap((f) => {
      const a = areaIndex.get(f.areaId);
      const v = variableIndex.get(f.variableId);
      const p = periodIndex.get(f.periodId);
      return a === undefined || v === undefined || p === undefined
        ? []
        : [{ v, p, a, flags: f.flags }];
    }),
  );
  const aggregated = aggregateCube(
    flaggedCube,
    variables.map((v) => v.aggregation),
  );
  if (!aggregated.ok) throw internalError(aggregated.error);
  return {
    ...system,
    periods: periods.map((p) => p.period),
    cube: aggregated.value,
    variables,
  };
}
