import type { AreaGeometry as Geometry } from "../storage/schema.ts";
import {
  listAreaLevels,
  listAreaSystems,
  listAreas,
  listBoundariesAt,
  listBoundaryVersions,
  type AreaRow,
} from "../storage/areas.repo.ts";
import { notFound } from "./app-error.ts";
import type { ServiceContext } from "./context.ts";
import type { Workspace } from "./workspaces.ts";

export interface AreaSystemView {
  readonly code: string;
  readonly name: string;
  readonly description: string | null;
  readonly levels: { code: string; name: string; depth: number }[];
}

export async function getAreaSystems(
  ctx: ServiceContext,
  ws: Workspace,
): Promise<AreaSystemView[]> {
  const [systems, levels] = await Promise.all([
    listAreaSystems(ctx.db.orm, ws.id),
    listAreaLevels(ctx.db.orm, ws.id),
  ]);
  return systems.map((s) => ({
    code: s.code,
    name: s.name,
    description: s.description,
    levels: levels
      .filter((l) => l.areaSystemId === s.id)
      .map((l) => ({ code: l.code, name: l.name, depth: l.depth })),
  }));
}

export interface AreaView {
  readonly code: string;
  readonly name: string;
  readonly system: string;
  readonly level: string;
  readonly depth: number;
  readonly parent: string | null;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly geometry?: Geometry | null;
}

export interface AreaFilter {
  readonly system?: string | undefined;
  readonly level?: string | undefined;
  readonly parent?: string | undefined;
  /** ISO date of the boundary version; default: today. */
  readonly at?: string | undefined;
  readonly geometry: boolean;
}

function toView(a: AreaRow): AreaView {
  return {
    code: a.code,
    name: a.name,
    system: a.systemCode,
    level: a.levelCode,
    depth: a.depth,
    parent: a.parentCode,
    validFrom: null,
    validTo: null,
  };
}

/** Areas of a workspace with the boundary version valid at the given date. */
export async function getAreas(
  ctx: ServiceContext,
  ws: Workspace,
  filter: AreaFilter,
): Promise<AreaView[]> {
  const at = filter.at ?? ctx.now().toISOString().slice(0, 10);
  const [areas, boundaries] = await Promise.all([
    listAreas(ctx.db.orm, ws.id),
    listBoundariesAt(ctx.db.orm, ws.id, at),
  ]);
  const byArea = new Map(boundaries.map((b) => [b.areaId, b]));
  return areas
    .filter(
      (a) =>
        (filter.system === undefined || a.systemCode === filter.system) &&
        (filter.level === undefined || a.levelCode === filter.level) &&
        (filter.parent === undefined || a.parentCode === filter.parent),
    )
    .map((a) => {
      const b = byArea.get(a.id);
      const view = { ...toView(a), validFrom: b?.validFrom ?? null, validTo: b?.validTo ?? null };
      return filter.geometry ? { ...view, geometry: b?.geometry ?? null } : view;
    });
}

/** One area with every boundary version it has had. */
export async function getArea(ctx: ServiceContext, ws: Workspace, code: string) {
  const a = (await listAreas(ctx.db.orm, ws.id)).find((x) => x.code === code);
  if (!a) throw notFound("Gebiet", code);
  const versions = await listBoundaryVersions(ctx.db.orm, a.id);
  const current = versions.find((v) => v.validTo === null) ?? versions.at(-1);
  return {
    ...toView(a),
    validFrom: current?.validFrom ?? null,
    validTo: current?.validTo ?? null,
    geometry: current?.geometry ?? null,
    boundaries: versions.map((v) => ({
      validFrom: v.validFrom,
      validTo: v.validTo,
      geometry: v.geometry,
    })),
  };
}
