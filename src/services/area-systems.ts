/**
 * Area systems (Gebietsgliederungen) and their levels, edited in the browser: a new system with
 * its levels and its one top area (the city, the county), names changed, levels added below.
 * A level keeps its place once it exists, because areas, boundaries and data hang on it; a
 * level at the bottom that holds no areas may be removed. Every change is audited.
 */
import type { AreaSystemBody, AreaSystemUpdateBody } from "../contracts/areas.ts";
import {
  countAreasByLevel,
  deleteAreaLevel,
  insertArea,
  listAreaLevels,
  listAreaSystems,
  listAreas,
  upsertAreaLevel,
  upsertAreaSystem,
} from "../storage/areas.repo.ts";
import { countSetup } from "../storage/setup-progress.repo.ts";
import { listBoundariesAt } from "../storage/areas.repo.ts";
import { bumpDataVersion } from "../storage/workspaces.repo.ts";
import { AppError, notFound } from "./app-error.ts";
import { getAreaSystems, type AreaSystemView } from "./areas.ts";
import { audit, type Actor } from "./audit.ts";
import type { ServiceContext } from "./context.ts";
import type { Workspace } from "./workspaces.ts";

interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

function refuse(message: string, issues: FieldIssue[]): AppError {
  return new AppError("invalid_input", message, { issues });
}

/** Creates an area system with its levels (depth 0 first) and, if named, its top area. */
export async function createAreaSystem(
  ctx: ServiceContext,
  ws: Workspace,
  body: AreaSystemBody,
  actor: Actor,
): Promise<AreaSystemView> {
  const orm = ctx.db.orm;
  const systems = await listAreaSystems(orm, ws.id);
  if (systems.some((s) => s.code === body.code)) {
    throw new AppError("conflict", `Die Gebietsgliederung „${body.code}“ gibt es schon.`, {
      issues: [{ path: "code", message: `Code: „${body.code}“ ist schon vergeben.` }],
    });
  }
  const areaCodes = new Set((await listAreas(orm, ws.id)).map((a) => a.code));
  if (body.top && areaCodes.has(body.top.code)) {
    throw refuse("Das oberste Gebiet lässt sich so nicht anlegen.", [
      {
        path: "top.code",
        message: `Oberstes Gebiet, Code: „${body.top.code}“ ist schon vergeben.`,
      },
    ]);
  }
  await ctx.db.transaction(async (tx) => {
    const system = await upsertAreaSystem(tx.orm, {
      workspaceId: ws.id,
      code: body.code,
      name: body.name,
      description: body.description ?? null,
    });
    let topLevelId: number | null = null;
    for (const [depth, level] of body.levels.entries()) {
      const row = await upsertAreaLevel(tx.orm, {
        workspaceId: ws.id,
        areaSystemId: system.id,
        code: level.code,
        name: level.name,
        depth,
      });
      if (depth === 0) topLevelId = row.id;
    }
    if (body.top && topLevelId !== null) {
      await insertArea(tx.orm, {
        workspaceId: ws.id,
        areaSystemId: system.id,
        levelId: topLevelId,
        code: body.top.code,
        name: body.top.name,
        parentId: null,
      });
    }
    await bumpDataVersion(tx.orm, ws.id);
    await audit(tx.orm, ctx, actor, [
      {
        workspaceId: ws.id,
        action: "create",
        entity: "area_system",
        entityKey: body.code,
        after: body,
      },
    ]);
  });
  ctx.dataChanged.emit(ws.id);
  return (await getAreaSystems(ctx, ws)).find((s) => s.code === body.code)!;
}

/**
 * Changes a system's name and description, renames its levels and adds levels below. The
 * levels it has keep their order; one at the bottom may go while it holds no areas.
 */
export async function updateAreaSystem(
  ctx: ServiceContext,
  ws: Workspace,
  code: string,
  body: AreaSystemUpdateBody,
  actor: Actor,
): Promise<AreaSystemView> {
  const orm = ctx.db.orm;
  const system = (await listAreaSystems(orm, ws.id)).find((s) => s.code === code);
  if (!system) throw notFound("Gebietsgliederung", code);
  const levels = (await listAreaLevels(orm, ws.id))
    .filter((l) => l.areaSystemId === system.id)
    .sort((a, b) => a.depth - b.depth);
  const counts = await countAreasByLevel(orm, ws.id);
  const issues: FieldIssue[] = [];
  levels.forEach((existing, depth) => {
    const wanted = body.levels[depth];
    if (wanted === undefined) {
      const n = counts.get(existing.id) ?? 0;
      if (n > 0) {
        issues.push({
          path: "levels",
          message: `Ebenen: „${existing.name}“ (${existing.code}) hat ${n} Gebiete und bleibt.`,
        });
      }
    } else if (wanted.code !== existing.code) {
      issues.push({
        path: `levels.${depth}.code`,
        message: `Ebene ${depth + 1}, Code: an dieser Stelle steht „${existing.code}“; eine bestehende Ebene behält Code und Reihenfolge.`,
      });
    }
  });
  if (issues.length > 0) throw refuse("Die Ebenen lassen sich so nicht ändern.", issues);

  const before = {
    name: system.name,
    description: system.description,
    levels: levels.map((l) => ({ code: l.code, name: l.name })),
  };
  await ctx.db.transaction(async (tx) => {
    await upsertAreaSystem(tx.orm, {
      workspaceId: ws.id,
      code,
      name: body.name,
      description: body.description ?? null,
    });
    for (const removed of levels.slice(body.levels.length)) {
      await deleteAreaLevel(tx.orm, removed.id);
    }
    for (const [depth, level] of body.levels.entries()) {
      await upsertAreaLevel(tx.orm, {
        workspaceId: ws.id,
        areaSystemId: system.id,
        code: level.code,
        name: level.name,
        depth,
      });
    }
    await bumpDataVersion(tx.orm, ws.id);
    await audit(tx.orm, ctx, actor, [
      {
        workspaceId: ws.id,
        action: "update",
        entity: "area_system",
        entityKey: code,
        before,
        after: body,
      },
    ]);
  });
  ctx.dataChanged.emit(ws.id);
  return (await getAreaSystems(ctx, ws)).find((s) => s.code === code)!;
}

/** How far the workspace has come from empty to its first map, and which level to show. */
export async function setupProgress(ctx: ServiceContext, ws: Workspace) {
  const orm = ctx.db.orm;
  const today = ctx.now().toISOString().slice(0, 10);
  const [counts, levels, areas, boundaries] = await Promise.all([
    countSetup(orm, ws.id),
    listAreaLevels(orm, ws.id),
    listAreas(orm, ws.id),
    listBoundariesAt(orm, ws.id, today),
  ]);
  const withBoundary = new Set(boundaries.filter((b) => b.geometry !== null).map((b) => b.areaId));
  const mapped = areas.filter((a) => withBoundary.has(a.id));
  const deepest = [...levels]
    .sort((a, b) => b.depth - a.depth)
    .find((l) => mapped.some((a) => a.levelCode === l.code));
  return { ...counts, mapLevel: deepest?.code ?? null };
}
