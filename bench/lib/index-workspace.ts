/**
 * A workspace for the social index from stored values (src/services/social-index/social-index.ts): one area
 * system (a city and, below it, the areas of the index), per indicator of the definition one
 * variable and one indicator that reads it as published (numerator only, no aggregation: the
 * shares and changes as Berlin's MSS publishes them), and the population as a count with its
 * indicator. The values are the index input of each period (`IndexInputArea`); the catalogue
 * goes through the product, the observations through one raw COPY (bench-database.ts).
 */
import type { IndexInputArea } from "../../src/core/social-index/compute.ts";
import type { IndexDefinition } from "../../src/core/social-index/definition.ts";
import type { ServiceContext } from "../../src/services/context.ts";
import { resolveWorkspace, type Workspace } from "../../src/services/workspaces.ts";
import type { CatalogueFile } from "./berlin-dataset.ts";
import {
  applyCatalogueFile,
  buildCopyCsv,
  copyObservationRows,
  prepareDatasetIds,
  type CopyDataset,
} from "./bench-database.ts";
import { check } from "./report.ts";

/** The indicator with the inhabitants, as `computeStoredIndex` asks for it. */
export const POPULATION_INDICATOR = "population";
/** Its variable, a count. */
export const POPULATION_VARIABLE = "ew";
const CITY = "stadt";
/** Areas per application of the catalogue (see `loadIndexWorkspace`). */
const CATALOGUE_SLICE = 5_000;
const SOURCE = "Synthetische Benchmarkdaten (bench/lib/index-workspace.ts)";

export interface IndexWorkspaceSpec {
  readonly slug: string;
  readonly name: string;
  /** Code and name of the level of the index areas. */
  readonly level: { readonly code: string; readonly name: string };
  readonly definition: IndexDefinition;
  /** The index input per period code; the same areas in the same order in every period. */
  readonly periods: readonly { readonly code: string; readonly areas: readonly IndexInputArea[] }[];
}

/** The variable that holds an index indicator's values. */
const variableOf = (indicator: string): string => `v_${indicator.toLowerCase()}`;

/** Status and dynamics indicators stored as they are (a dynamics indicator with `of` is not). */
export function storedIndicators(definition: IndexDefinition): string[] {
  return [
    ...definition.status.map((i) => i.code),
    ...definition.dynamics.filter((i) => i.of === undefined).map((i) => i.code),
    ...definition.context,
  ];
}

/** The variable codes of the index indicators and of the population, in that order. */
export function indexVariables(definition: IndexDefinition): string[] {
  return [...storedIndicators(definition).map(variableOf), POPULATION_VARIABLE];
}

function indexCatalogue(spec: IndexWorkspaceSpec): CatalogueFile {
  const areas = spec.periods[0]?.areas ?? [];
  const dynamics = new Set(spec.definition.dynamics.map((i) => i.code));
  const published = storedIndicators(spec.definition).map((code) => {
    const change = dynamics.has(code);
    const name = `${change ? "Veränderung" : "Anteil"} ${code}`;
    const unit = change ? "Pp." : "%";
    return {
      variable: {
        code: variableOf(code),
        name,
        unit,
        measure: "stock" as const,
        aggregation: "none" as const,
        nonNegative: !change,
        source: SOURCE,
      },
      indicator: {
        code,
        name,
        theme: "Sozialindex",
        numerator: [variableOf(code)],
        unit,
        decimals: 2,
        polarity: "lower_is_better" as const,
        definition: `${name}, wie veröffentlicht.`,
        source: SOURCE,
      },
    };
  });
  return {
    workspace: { slug: spec.slug, name: spec.name },
    areaSystems: [
      {
        code: "index",
        name: "Gebiete des Sozialindex",
        levels: [{ code: "city", name: "Stadt" }, spec.level],
        areas: [
          { code: CITY, name: "Stadt", level: "city" },
          ...areas.map((a) => ({
            code: a.code,
            name: a.name,
            level: spec.level.code,
            parent: CITY,
          })),
        ],
      },
    ],
    variables: [
      {
        code: POPULATION_VARIABLE,
        name: "Einwohnerinnen und Einwohner",
        unit: "Personen",
        measure: "stock",
        aggregation: "sum",
        source: SOURCE,
      },
      ...published.map((p) => p.variable),
    ],
    indicators: [
      {
        code: POPULATION_INDICATOR,
        name: "Einwohnerinnen und Einwohner",
        theme: "Bevölkerung",
        numerator: [POPULATION_VARIABLE],
        unit: "Personen",
        decimals: 0,
        polarity: "neutral",
        definition: "Einwohnerinnen und Einwohner am Stichtag.",
      },
      ...published.map((p) => p.indicator),
    ],
  };
}

/** The values as the raw COPY takes them; null (unknown) becomes NaN, stored as null. */
function copyDataset(spec: IndexWorkspaceSpec): CopyDataset {
  const areas = spec.periods[0]?.areas ?? [];
  const codes = storedIndicators(spec.definition);
  const variableCodes = indexVariables(spec.definition);
  const n = areas.length;
  const values = new Float64Array(spec.periods.length * variableCodes.length * n);
  spec.periods.forEach((period, p) => {
    check(period.areas.length === n, `period ${period.code}: ${period.areas.length} areas`);
    period.areas.forEach((area, a) => {
      check(area.code === areas[a]!.code, `period ${period.code}: area ${a} is ${area.code}`);
      const row = (v: number) => (p * variableCodes.length + v) * n + a;
      codes.forEach((code, v) => (values[row(v)] = area.values[code] ?? Number.NaN));
      values[row(codes.length)] = area.population ?? Number.NaN;
    });
  });
  return {
    leafCodes: areas.map((a) => a.code),
    variableCodes,
    periodCodes: spec.periods.map((p) => p.code),
    values,
  };
}

/**
 * Fills a fresh database with the workspace: the catalogue through the product, the periods,
 * the observations by one raw COPY. Returns the workspace and the number of observations.
 */
export async function loadIndexWorkspace(
  ctx: ServiceContext,
  spec: IndexWorkspaceSpec,
  createdAt: Date,
): Promise<{ ws: Workspace; observations: number }> {
  // In slices of areas: applying 10,001 areas at once fails (the audit log writes them with
  // one INSERT of 9 parameters per area, beyond PostgreSQL's 65,535 bind parameters).
  const catalogue = indexCatalogue(spec);
  const [system] = catalogue.areaSystems!;
  const areas = system!.areas!;
  let ws = await applyCatalogueFile(ctx, { ...catalogue, areaSystems: [] });
  for (let i = 0; i < areas.length; i += CATALOGUE_SLICE) {
    const slice = { ...system!, areas: areas.slice(i, i + CATALOGUE_SLICE) };
    ws = await applyCatalogueFile(ctx, { ...catalogue, areaSystems: [slice] });
  }
  const ds = copyDataset(spec);
  const ids = await prepareDatasetIds(ctx, ws, ds);
  await copyObservationRows(ctx.db, buildCopyCsv(ds, ws, ids, createdAt));
  return { ws: await resolveWorkspace(ctx, spec.slug), observations: ds.values.length };
}
