/**
 * The public side of the data: what the open-data files, the OGC API and the public atlas
 * serve. Only items in the state `public` appear, and every number has passed disclosure
 * control (minimum count of the workspace, secondary suppression) — there is no switch to
 * turn it off here. Withheld cells stay in the table as withheld, so the writers can mark
 * them with the dot of official tables.
 */
import { boundsOf } from "../../core/areas/bounds.ts";
import type { Geometry } from "geojson";
import { indicatorCell } from "../../core/indicators/indicator.ts";
import { isVisibleTo } from "../../core/publication/publication.ts";
import { markValue, type Marked } from "../../core/marks/value-mark.ts";
import { missing, type Value } from "../../core/value.ts";
import type { OpenDataset } from "../../exports/open-dataset.ts";
import { listAreaLevels, listAreaSystems, listBoundariesAt } from "../../storage/areas.repo.ts";
import { listIndicators, type IndicatorRow } from "../../storage/indicators.repo.ts";
import { notFound } from "../app-error.ts";
import type { ServiceContext } from "../context.ts";
import { loadCubeModel } from "../indicators/indicator-model.ts";
import { computeForModel, markOptionsFor, toDefinition } from "../indicators/indicator-values.ts";
import { getWorkspaces, type Workspace } from "../workspaces.ts";

/** One publishable table: a workspace's public indicators on one area level. */
export interface PublicLayerInfo {
  readonly workspace: Workspace;
  readonly system: string;
  readonly level: { readonly code: string; readonly name: string; readonly depth: number };
  readonly indicators: readonly IndicatorRow[];
}

/** A public dataset with the boundaries of its areas (WGS84) and their bounding box. */
export interface PublicDataset extends OpenDataset {
  readonly geometry: ReadonlyMap<string, Geometry>;
  /** [minLon, minLat, maxLon, maxLat] over all areas, or null without boundaries. */
  readonly bbox: readonly [number, number, number, number] | null;
  readonly dataVersion: number;
}

async function publicIndicators(ctx: ServiceContext, ws: Workspace): Promise<IndicatorRow[]> {
  return (await listIndicators(ctx.db.orm, ws.id)).filter((i) =>
    isVisibleTo(i.publication, "public"),
  );
}

/** The layers of one workspace: every area level below the city, if any indicator is public. */
export async function listPublicLayers(
  ctx: ServiceContext,
  ws: Workspace,
): Promise<PublicLayerInfo[]> {
  const indicators = await publicIndicators(ctx, ws);
  if (indicators.length === 0) return [];
  const levels = await listAreaLevels(ctx.db.orm, ws.id);
  const systems = new Map<number, string>();
  for (const s of await listAreaSystems(ctx.db.orm, ws.id)) systems.set(s.id, s.code);
  return levels.map((l) => ({
    workspace: ws,
    system: systems.get(l.areaSystemId) ?? "",
    level: { code: l.code, name: l.name, depth: l.depth },
    indicators,
  }));
}

/** The public layers of every workspace of the installation. */
export async function listAllPublicLayers(ctx: ServiceContext): Promise<PublicLayerInfo[]> {
  const out: PublicLayerInfo[] = [];
  for (const ws of await getWorkspaces(ctx)) out.push(...(await listPublicLayers(ctx, ws)));
  return out;
}

/**
 * The public indicators of a workspace on one level, for every period that has a value at
 * that level, after disclosure control.
 */
export async function loadPublicDataset(
  ctx: ServiceContext,
  ws: Workspace,
  levelCode: string,
  /**
   * Always on for anything served. Off only where the cost of protection is measured against
   * the same work without it (bench/ogc-items.bench.ts); no route or setting turns it off.
   */
  options: { readonly disclosure: boolean } = { disclosure: true },
): Promise<PublicDataset> {
  const layer = (await listPublicLayers(ctx, ws)).find((l) => l.level.code === levelCode);
  if (!layer) throw notFound("Ebene mit öffentlichen Daten", levelCode);
  const variables = [
    ...new Set(layer.indicators.flatMap((i) => [...i.numerator, ...(i.denominator ?? [])])),
  ];
  const model = await loadCubeModel(ctx, ws, layer.system, variables);
  const areaIndices = model.tree.indicesByLevel.get(layer.level.depth) ?? [];
  const results = layer.indicators.map((row) =>
    computeForModel(model, toDefinition(row), {
      apply: options.disclosure,
      minCount: ws.minCount,
    }),
  );
  // Periods without a single value on this level are left out.
  const slots = model.periods
    .map((_, slot) => slot)
    .filter((slot) =>
      results.some((r) =>
        areaIndices.some((a) => indicatorCell(r, slot, a).value.kind !== "missing"),
      ),
    );
  // Each cell with its marks for the public (core/marks): a value held back (under review in
  // a workspace that holds such values, or not reliable enough) leaves the cells as missing.
  const marks: Marked[][][] = results.map((r, i) => {
    const o = markOptionsFor(ws, "public", layer.indicators[i]!.decimals);
    return areaIndices.map((a) =>
      slots.map((slot) => {
        const cell = indicatorCell(r, slot, a);
        return markValue(cell.value, cell.flags.value, o);
      }),
    );
  });
  const cells: Value<number>[][][] = results.map((r, i) =>
    areaIndices.map((a, k) =>
      slots.map((slot, j) => {
        const v = indicatorCell(r, slot, a).value;
        const m = marks[i]![k]![j]!;
        return v.kind === "known" && m.value === null
          ? missing(m.sign === "/" ? "not_reliable" : "under_review")
          : v;
      }),
    ),
  );
  const at = ctx.now().toISOString().slice(0, 10);
  const boundaries = await listBoundariesAt(ctx.db.orm, ws.id, at);
  const byAreaId = new Map(boundaries.map((b) => [b.areaId, b.geometry]));
  const geometry = new Map<string, Geometry>();
  for (const a of areaIndices) {
    const g = byAreaId.get(model.areas[a]!.id);
    if (g) geometry.set(model.tree.codes[a]!, g);
  }
  return {
    title: `${ws.name} – Indikatoren nach ${layer.level.name}`,
    workspace: {
      slug: ws.slug,
      name: ws.name,
      municipalityKey: ws.municipalityKey,
      attribution: ws.attribution,
    },
    level: { code: layer.level.code, name: layer.level.name },
    areas: areaIndices.map((a) => ({ code: model.tree.codes[a]!, name: model.areas[a]!.name })),
    periods: slots.map((s) => {
      const p = model.periods[s]!;
      return { code: p.code, start: p.start, end: p.end };
    }),
    indicators: layer.indicators.map((i) => ({
      code: i.code,
      name: i.name,
      unit: i.unit,
      decimals: i.decimals,
      source: i.source,
      licence: null,
    })),
    cells,
    marks,
    generatedAt: ctx.now(),
    geometry,
    bbox: boundsOf(geometry.values()),
    dataVersion: ws.dataVersion,
  };
}

/** Bounding box of one geometry, for the OGC `bbox` filter. */
export function geometryBbox(g: Geometry): [number, number, number, number] | null {
  return boundsOf([g]);
}

/**
 * Public datasets, built once per workspace data version and level and shared by every public
 * endpoint (open-data files, OGC API). A change in this process clears it at once; a new data
 * version (a change made elsewhere) gives new keys, so nothing stale is served.
 */
export class PublicDatasetCache {
  private readonly entries = new Map<string, Promise<PublicDataset>>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly load: typeof loadPublicDataset = loadPublicDataset,
  ) {
    ctx.dataChanged.subscribe(() => this.entries.clear());
  }

  get(ws: Workspace, levelCode: string): Promise<PublicDataset> {
    const key = `${ws.id}|${ws.dataVersion}|${levelCode}`;
    let hit = this.entries.get(key);
    if (!hit) {
      if (this.entries.size >= 64) this.entries.delete(this.entries.keys().next().value!);
      hit = this.load(this.ctx, ws, levelCode);
      hit.catch(() => this.entries.delete(key));
      this.entries.set(key, hit);
    }
    return hit;
  }
}
