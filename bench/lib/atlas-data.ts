/**
 * The workspace of the atlas benchmark: the Berlin data set (bench/lib/berlin-dataset.ts: LOR
 * 2021 hierarchy, 92 variables, 40 indicators, 20 half-years) with geometry for its 542
 * planning areas, plus a second area system of 10,990 synthetic hexagons (as many areas as
 * Germany has municipalities) with figures for two indicators.
 *
 * Planning-area geometry: the 542 LOR-2021 planning-area polygons are not in ../shared/data
 * (see its berlin-lor-geometry/PROVENANCE.md: "Missing"; lor_planungsraeume_2020 holds the 448
 * old planning areas with other codes). What is there: the real boundaries of the 58 LOR-2021
 * forecast areas (Prognoseräume, same codes as the key table) and the real area of every
 * planning area (LOR_2021.csv, "Fläche in qm"). Each forecast area is cut into its planning
 * areas, in code order, with axis-parallel cuts placed so that every piece has the real area
 * of its planning area (bench/lib/polygon-split.ts). The outline of every forecast area, the
 * number, codes, hierarchy and sizes of the areas are real; the inner boundaries are straight
 * lines, so the file has fewer vertices than the official one would (printed by the bench).
 * Read from ../shared/data at bench time (never by `npm test`); SOPLA_SHARED_DATA overrides.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import { applyCatalogue, parseCatalogue } from "../../src/services/data/apply-catalogue.ts";
import type { ServiceContext } from "../../src/services/context.ts";
import { runImport } from "../../src/services/data/run-import.ts";
import { resolveWorkspace, type Workspace } from "../../src/services/workspaces.ts";
import { listAreas } from "../../src/storage/areas.repo.ts";
import { listPeriods } from "../../src/storage/periods.repo.ts";
import { listVariables } from "../../src/storage/variables.repo.ts";
import {
  AREA_SYSTEM,
  PLANNING_AREA_LEVEL,
  WORKSPACE_SLUG,
  type BerlinDataset,
  type CatalogueFile,
} from "./berlin-dataset.ts";
import { copyObservationRows, prepareDatasetIds } from "./bench-database.ts";
import { partitionRegion, regionArea } from "./polygon-split.ts";
import { check } from "./report.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const SHARED_DATA = process.env["SOPLA_SHARED_DATA"] ?? join(ROOT, "..", "shared", "data");
const LOR_DIR = join(SHARED_DATA, "berlin-lor-geometry");

export const HEX_SYSTEM = "hexgrid";
export const HEX_LEVEL = "hex_cell";
export const HEX_COUNT = 10_990;
const HEX_ROOT = "hexstadt";
/** The periods the hexagons have figures for (the last two of the Berlin data set). */
const HEX_PERIODS = ["2024-H1", "2024-H2"] as const;
/** The variables of the two indicators the bench shows (sgb2_rate, unemployment_rate). */
const MAP_VARIABLES = ["pop_under_18", "pop_18_65", "pop_15_65", "sgb2_persons", "unemployed"];

export interface Layer {
  readonly geojson: string;
  readonly features: number;
  readonly vertices: number;
}

function sharedFile(name: string): string {
  const path = join(LOR_DIR, name);
  if (!existsSync(path)) {
    throw new Error(
      `The atlas bench needs ${path} (real Berlin boundaries, ../shared/data next to the ` +
        "repository; set SOPLA_SHARED_DATA to its folder if it lives elsewhere).",
    );
  }
  return path;
}

function countVertices(fc: FeatureCollection): number {
  let n = 0;
  for (const f of fc.features) {
    const g = f.geometry as Polygon | MultiPolygon;
    const polygons = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
    for (const p of polygons) for (const r of p) n += r.length;
  }
  return n;
}

/** The real area (m²) of every LOR-2021 planning area, with its forecast area. */
function planningAreaSizes(): Map<string, { pgr: string; m2: number }> {
  const text = readFileSync(sharedFile("LOR_2021.csv"), "utf8").replace(/^\uFEFF/, "");
  const [header, ...lines] = text.trimEnd().split(/\r?\n/);
  check(header?.split(",")[8] === "Fläche in qm", `LOR_2021.csv: unexpected header ${header}`);
  const out = new Map<string, { pgr: string; m2: number }>();
  for (const line of lines) {
    const cells = line.split(",");
    check(cells.length === 10, `LOR_2021.csv: bad line ${line}`);
    out.set(cells[1]!.trim(), { pgr: cells[5]!.trim(), m2: Number(cells[8]) });
  }
  return out;
}

/** The 542 planning areas as GeoJSON (code, name, parent district region), see above. */
export function berlinPlanningAreas(ds: BerlinDataset): Layer {
  const sizes = planningAreaSizes();
  const doc = JSON.parse(
    readFileSync(sharedFile("lor_prognoseraeume_2021_wgs84.geojson"), "utf8"),
  ) as FeatureCollection<MultiPolygon | Polygon, { PGR_ID: string }>;
  const byCode = new Map(ds.areas.map((a) => [a.code, a]));
  const plrs = ds.areas.filter((a) => a.level === PLANNING_AREA_LEVEL);
  const features: Feature<MultiPolygon>[] = [];
  for (const f of doc.features) {
    const pgr = f.properties.PGR_ID;
    const polygons =
      f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    check(
      polygons.every((p) => p.length === 1),
      `forecast area ${pgr} has holes; the split handles simple rings only`,
    );
    const region = polygons.map((p) => p[0]!.map(([x, y]) => [x!, y!] as [number, number]));
    const leaves = plrs
      .filter((p) => byCode.get(p.parent ?? "")?.parent === pgr)
      .map((p) => {
        const size = sizes.get(p.code);
        check(size !== undefined && size.pgr === pgr, `${p.code}: not in forecast area ${pgr}`);
        return { key: p, weight: size.m2 };
      });
    check(leaves.length > 0, `forecast area ${pgr} has no planning areas`);
    const lat = (region[0]![0]![1] * Math.PI) / 180;
    const pieces = partitionRegion(region, leaves, Math.cos(lat));
    const total = regionArea(region);
    let sum = 0;
    for (const [plr, rings] of pieces) {
      sum += regionArea(rings);
      features.push({
        type: "Feature",
        properties: { code: plr.code, name: plr.name, parent: plr.parent },
        geometry: { type: "MultiPolygon", coordinates: rings.map((r) => [r]) },
      });
    }
    check(Math.abs(sum - total) / total < 1e-9, `forecast area ${pgr}: pieces do not tile it`);
  }
  check(features.length === plrs.length, `${features.length} planning areas with geometry`);
  features.sort((a, b) =>
    String(a.properties!["code"]).localeCompare(String(b.properties!["code"])),
  );
  const fc: FeatureCollection = { type: "FeatureCollection", features };
  return { geojson: JSON.stringify(fc), features: features.length, vertices: countVertices(fc) };
}

/**
 * 10,990 pointy-top hexagons covering Berlin's area (891.1 km²) around its centre: the cells of
 * a hexagonal grid nearest to the centre, numbered row by row from the north-west. Coordinates
 * rounded to 6 decimals (about 0.1 m).
 */
export function hexGrid(): Layer {
  const lon0 = 13.405;
  const lat0 = 52.52;
  const mPerDegLat = 111_320;
  const mPerDegLon = 111_320 * Math.cos((lat0 * Math.PI) / 180);
  const cellArea = 891.1e6 / HEX_COUNT;
  const s = Math.sqrt((2 * cellArea) / (3 * Math.sqrt(3))); // circumradius in metres
  const w = Math.sqrt(3) * s;
  const range = Math.ceil(Math.sqrt(HEX_COUNT)) + 2;
  const cells: { x: number; y: number; row: number; d: number }[] = [];
  for (let r = -range; r <= range; r++) {
    for (let q = -range; q <= range; q++) {
      const x = w * (q + r / 2);
      const y = 1.5 * s * r;
      cells.push({ x, y, row: r, d: x * x + y * y });
    }
  }
  cells.sort((a, b) => a.d - b.d || a.y - b.y || a.x - b.x);
  const kept = cells.slice(0, HEX_COUNT).sort((a, b) => a.row - b.row || a.x - b.x);
  const round = (v: number): number => Math.round(v * 1e6) / 1e6;
  const features: Feature<Polygon>[] = kept.map((c, i) => {
    const ring: [number, number][] = [];
    for (let k = 0; k <= 6; k++) {
      const angle = ((30 + 60 * (k % 6)) * Math.PI) / 180; // counter-clockwise from east
      ring.push([
        round(lon0 + (c.x + s * Math.cos(angle)) / mPerDegLon),
        round(lat0 - (c.y - s * Math.sin(angle)) / mPerDegLat),
      ]);
    }
    return {
      type: "Feature",
      properties: { code: hexCode(i), name: `Rasterzelle ${i + 1}`, parent: HEX_ROOT },
      geometry: { type: "Polygon", coordinates: [ring] },
    };
  });
  const fc: FeatureCollection = { type: "FeatureCollection", features };
  return { geojson: JSON.stringify(fc), features: features.length, vertices: countVertices(fc) };
}

const hexCode = (i: number): string => `H${String(i + 1).padStart(5, "0")}`;

/** The data set's catalogue plus the hexagon area system (its city; the cells come by import). */
function catalogueWithHexagons(ds: BerlinDataset): CatalogueFile {
  return {
    ...ds.catalogue,
    areaSystems: [
      ...(ds.catalogue.areaSystems ?? []),
      {
        code: HEX_SYSTEM,
        name: "Sechseckraster (synthetisch)",
        description: `${HEX_COUNT} Sechsecke auf der Fläche Berlins`,
        levels: [
          { code: "hex_city", name: "Rasterstadt" },
          { code: HEX_LEVEL, name: "Rasterzelle" },
        ],
        areas: [{ code: HEX_ROOT, name: "Rasterstadt", level: "hex_city" }],
      },
    ],
  };
}

/** mulberry32, as in berlin-dataset.ts. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Counts per hexagon: a population that thins out from the centre, and SGB II and unemployment
 * shares that vary smoothly across the city (a dozen seeded bumps each) with noise per cell, so
 * the map shows neighbourhoods rather than salt and pepper. Sparse cells give small counts,
 * which disclosure control withholds as it would real ones.
 */
function hexCounts(layer: Layer, seed: number): Map<string, number[]>[] {
  const random = mulberry32(seed);
  const fc = JSON.parse(layer.geojson) as FeatureCollection<Polygon, { code: string }>;
  const centres = fc.features.map((f) => {
    const ring = f.geometry.coordinates[0]!;
    let x = 0;
    let y = 0;
    for (let k = 0; k < 6; k++) {
      x += ring[k]![0]!;
      y += ring[k]![1]!;
    }
    return [x / 6, y / 6] as const;
  });
  const bumps = (n: number) =>
    Array.from({ length: n }, () => ({
      x: 13.15 + random() * 0.5,
      y: 52.38 + random() * 0.28,
      r: 0.02 + random() * 0.06,
      a: random() * 2 - 0.6,
    }));
  const sgb2Field = bumps(12);
  const unemploymentField = bumps(12);
  const field = (b: ReturnType<typeof bumps>, x: number, y: number): number =>
    b.reduce((s, k) => s + k.a * Math.exp(-((x - k.x) ** 2 + (y - k.y) ** 2) / (k.r * k.r)), 0);
  const normal = (): number =>
    Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return HEX_PERIODS.map((_, p) => {
    const out = new Map<string, number[]>();
    fc.features.forEach((f, i) => {
      const [x, y] = centres[i]!;
      const d = Math.hypot((x - 13.405) * 0.61, y - 52.52);
      const pop = Math.max(
        0,
        650 * Math.exp(-d / 0.09) * Math.exp(0.6 * normal()) * (1 + 0.01 * p),
      );
      const under18 = Math.round(pop * 0.165 * (1 + 0.1 * normal()));
      const adults = Math.round(pop * 0.64);
      const workingAge = Math.round(pop * 0.665);
      const sgb2Share = Math.min(0.6, Math.max(0.01, 0.12 * Math.exp(field(sgb2Field, x, y))));
      const unemploymentShare = Math.min(
        0.4,
        Math.max(0.005, 0.06 * Math.exp(field(unemploymentField, x, y))),
      );
      const sgb2 = Math.round(adults * sgb2Share * (1 + 0.15 * normal()));
      const unemployed = Math.round(workingAge * unemploymentShare * (1 + 0.15 * normal()));
      out.set(f.properties.code, [
        Math.max(0, under18),
        adults,
        workingAge,
        Math.max(0, Math.min(sgb2, adults)),
        Math.max(0, Math.min(unemployed, workingAge)),
      ]);
    });
    return out;
  });
}

async function importLayer(
  ctx: ServiceContext,
  ws: Workspace,
  layer: Layer,
  system: string,
  level: string,
): Promise<void> {
  const report = await runImport(ctx, {
    workspace: ws,
    fileName: `${level}.geojson`,
    bytes: Buffer.from(layer.geojson, "utf8"),
    mapping: {
      kind: "areas",
      format: "geojson",
      system,
      level,
      code: "code",
      name: "name",
      parent: "parent",
      validFrom: "2021-01-01",
    },
    dryRun: false,
    actor: SYSTEM_ACTOR,
  });
  check(
    report.status === "committed",
    `area import ${level}: ${report.status}, ${report.issues
      .slice(0, 3)
      .map((i) => i.message)
      .join("; ")}`,
  );
}

/**
 * Fills a fresh database: the catalogue (all 40 indicators, so the indicator list is the full
 * one), the Berlin figures of the variables the two measured indicators use (all 20 half-years;
 * raw COPY), the planning areas' and the hexagons' geometry (the product's area import) and the
 * hexagons' figures (raw COPY). The other 87 variables are left out: the atlas never asks for
 * them, and they would add half a minute of COPY to every run.
 */
export async function loadAtlasWorkspace(
  ctx: ServiceContext,
  ds: BerlinDataset,
  berlin: Layer,
  hexagons: Layer,
  createdAt: Date,
): Promise<Workspace> {
  await applyCatalogue(ctx, parseCatalogue(catalogueWithHexagons(ds)), SYSTEM_ACTOR);
  let ws = await resolveWorkspace(ctx, WORKSPACE_SLUG);
  const ids = await prepareDatasetIds(ctx, ws, ds);
  const stamp = createdAt.toISOString();
  const n = ds.leafCodes.length;
  let berlinCsv = "";
  for (let p = 0; p < ds.periodCodes.length; p++) {
    for (const variable of MAP_VARIABLES) {
      const v = ds.variableCodes.indexOf(variable);
      check(v >= 0, `variable ${variable}`);
      const offset = (p * ds.variableCodes.length + v) * n;
      for (let a = 0; a < n; a++) {
        berlinCsv += `${ws.id},${ids.variables[v]!},${ids.areas[a]!},${ids.periods[p]!},${ds.values[offset + a]!},final,1,${stamp}\n`;
      }
    }
  }
  await copyObservationRows(ctx.db, berlinCsv);
  await importLayer(ctx, ws, berlin, AREA_SYSTEM, PLANNING_AREA_LEVEL);
  await importLayer(ctx, ws, hexagons, HEX_SYSTEM, HEX_LEVEL);

  const areaIds = new Map((await listAreas(ctx.db.orm, ws.id)).map((a) => [a.code, a.id]));
  const variableIds = new Map((await listVariables(ctx.db.orm, ws.id)).map((v) => [v.code, v.id]));
  const periodIds = new Map((await listPeriods(ctx.db.orm, ws.id)).map((p) => [p.code, p.id]));
  const counts = hexCounts(hexagons, ds.seed + 1);
  let csv = "";
  HEX_PERIODS.forEach((period, p) => {
    const periodId = periodIds.get(period);
    check(periodId !== undefined, `period ${period}`);
    for (const [code, values] of counts[p]!) {
      const areaId = areaIds.get(code);
      check(areaId !== undefined, `hexagon ${code}`);
      MAP_VARIABLES.forEach((variable, v) => {
        csv += `${ws.id},${variableIds.get(variable)!},${areaId},${periodId},${values[v]!},final,1,${stamp}\n`;
      });
    }
  });
  await copyObservationRows(ctx.db, csv);
  ws = await resolveWorkspace(ctx, WORKSPACE_SLUG);
  return ws;
}
