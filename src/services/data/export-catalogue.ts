/**
 * The whole catalogue of a workspace as one file, in the format `sopla catalogue apply` and
 * `POST /api/catalogue` read (docs/catalogue.md, JSON Schema docs/catalogue.schema.json): the
 * workspace's facts, its area systems with levels and areas (codes, names, parents; the
 * boundaries travel as GeoJSON), its variables and its indicators with their sheets. Applying
 * the file to an empty installation gives the same catalogue back.
 */
import type { Catalogue } from "../../contracts/documents/catalogue.ts";
import { listAreaLevels, listAreaSystems, listAreas } from "../../storage/areas.repo.ts";
import { listIndicators } from "../../storage/indicators.repo.ts";
import { listVariables } from "../../storage/variables.repo.ts";
import type { ServiceContext } from "../context.ts";
import type { Workspace } from "../workspaces.ts";

/** The keys of `o` whose value is neither null nor undefined. */
function present<T extends Record<string, unknown>>(o: T): { [K in keyof T]: NonNullable<T[K]> } {
  return Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== null && v !== undefined),
  ) as { [K in keyof T]: NonNullable<T[K]> };
}

export async function exportCatalogue(ctx: ServiceContext, ws: Workspace): Promise<Catalogue> {
  const orm = ctx.db.orm;
  const [systems, levels, areas, variables, indicators] = await Promise.all([
    listAreaSystems(orm, ws.id),
    listAreaLevels(orm, ws.id),
    listAreas(orm, ws.id),
    listVariables(orm, ws.id),
    listIndicators(orm, ws.id),
  ]);
  return {
    workspace: {
      slug: ws.slug,
      name: ws.name,
      ...present({
        municipalityKey: ws.municipalityKey,
        attribution: ws.attribution,
        publisher: ws.publisher,
        publisherAddress: ws.publisherAddress,
        dcatContributorId: ws.dcatContributorId,
        contactEmail: ws.contactEmail,
        homepage: ws.homepage,
        licence: ws.licence,
      }),
      minCount: ws.minCount,
      reviewInPublic: ws.reviewInPublic,
    },
    areaSystems: systems.map((s) => ({
      code: s.code,
      name: s.name,
      ...present({ description: s.description }),
      levels: levels
        .filter((l) => l.areaSystemId === s.id)
        .sort((a, b) => a.depth - b.depth)
        .map((l) => ({ code: l.code, name: l.name })),
      areas: areas
        .filter((a) => a.systemCode === s.code)
        .map((a) => ({
          code: a.code,
          name: a.name,
          level: a.levelCode,
          ...present({ parent: a.parentCode }),
        })),
    })),
    variables: variables.map((v) => ({
      code: v.code,
      name: v.name,
      ...present({ description: v.description }),
      unit: v.unit,
      measure: v.measure,
      aggregation: v.aggregation,
      nonNegative: v.nonNegative,
      ...present({ source: v.source, licence: v.licence, attribution: v.attribution }),
      publication: v.publication,
    })),
    indicators: indicators.map((i) => ({
      code: i.code,
      name: i.name,
      theme: i.theme,
      numerator: i.numerator,
      denominator: i.denominator,
      factor: i.factor,
      unit: i.unit,
      decimals: i.decimals,
      polarity: i.polarity,
      definition: i.definition,
      ...present({ interpretation: i.interpretation, limits: i.limits, source: i.source }),
      publication: i.publication,
    })),
  };
}
