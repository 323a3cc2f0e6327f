/**
 * Applies a catalogue file (area systems, variables, indicators) to a workspace in one
 * transaction: everything is created or updated by code, or nothing is when any entry is bad.
 */
import {
  catalogueSchema,
  type Catalogue,
  type CatalogueIndicator,
  type CatalogueVariable,
} from "../../contracts/documents/catalogue.ts";
import type { AuditEntity } from "../../core/audit/actions.ts";
import { describeIssues } from "../../contracts/validation-messages.ts";
import {
  insertArea,
  listAreas,
  updateArea,
  upsertAreaLevel,
  upsertAreaSystem,
} from "../../storage/areas.repo.ts";
import { listVariables, upsertVariable, type VariableRow } from "../../storage/variables.repo.ts";
import { listIndicators, upsertIndicator, type IndicatorRow } from "../../storage/indicators.repo.ts";
import {
  findWorkspaceBySlug,
  upsertWorkspace,
  type WorkspaceRow,
} from "../../storage/workspaces.repo.ts";
import type { Orm } from "../../storage/db.ts";
import { AppError } from "../app-error.ts";
import type { Actor, AuditEntry } from "../audit.ts";
import { auditCatalogueChanges } from "../indicators/indicator-versions.ts";
import { bumpDataVersion } from "../../storage/workspaces.repo.ts";
import type { ServiceContext } from "../context.ts";

export interface CatalogueSummary {
  readonly workspace: string;
  readonly areaSystems: number;
  readonly areas: number;
  readonly variables: number;
  readonly indicators: number;
}

/** Parses untrusted JSON into a catalogue or throws `invalid_input` naming every bad field. */
export function parseCatalogue(json: unknown): Catalogue {
  const r = catalogueSchema.safeParse(json);
  if (!r.success) {
    const problems = describeIssues(r.error.issues, json);
    throw new AppError(
      "invalid_input",
      `Der Katalog ist ungültig: ${problems.map((p) => p.message).join("; ")}.`,
      { issues: problems.map((p) => ({ path: p.path, message: p.message })) },
    );
  }
  return r.data;
}

export async function applyCatalogue(
  ctx: ServiceContext,
  catalogue: Catalogue,
  actor: Actor,
): Promise<CatalogueSummary> {
  const existing = await findWorkspaceBySlug(ctx.db.orm, catalogue.workspace.slug);
  const knownVariables = new Set(catalogue.variables.map((v) => v.code));
  if (existing) {
    for (const v of await listVariables(ctx.db.orm, existing.id)) knownVariables.add(v.code);
  }
  const problems: string[] = [];
  for (const ind of catalogue.indicators) {
    for (const c of [...ind.numerator, ...(ind.denominator ?? [])]) {
      if (!knownVariables.has(c)) {
        problems.push(`Indikator „${ind.code}“: Merkmal „${c}“ ist unbekannt.`);
      }
    }
  }
  for (const sys of catalogue.areaSystems) {
    const levels = new Set(sys.levels.map((l) => l.code));
    for (const a of sys.areas) {
      if (!levels.has(a.level)) {
        problems.push(`Gebiet „${a.code}“: Ebene „${a.level}“ gibt es in „${sys.code}“ nicht.`);
      }
    }
  }
  if (problems.length > 0) {
    throw new AppError("invalid_input", "Der Katalog ist ungültig.", {
      issues: problems.map((message) => ({ path: "", message })),
    });
  }

  const applied = await ctx.db.transaction(async (tx) => {
    const wsBefore = existing ? workspaceFields(existing) : null;
    const areasBefore = existing ? await listAreas(tx.orm, existing.id) : [];
    const ws = await upsertWorkspace(tx.orm, {
      slug: catalogue.workspace.slug,
      name: catalogue.workspace.name,
      municipalityKey: catalogue.workspace.municipalityKey ?? null,
      attribution: catalogue.workspace.attribution ?? null,
      publisher: catalogue.workspace.publisher ?? null,
      publisherAddress: catalogue.workspace.publisherAddress ?? null,
      dcatContributorId: catalogue.workspace.dcatContributorId ?? null,
      contactEmail: catalogue.workspace.contactEmail ?? null,
      homepage: catalogue.workspace.homepage ?? null,
      licence: catalogue.workspace.licence ?? null,
      ...(catalogue.workspace.minCount !== undefined
        ? { minCount: catalogue.workspace.minCount }
        : {}),
      ...(catalogue.workspace.reviewInPublic !== undefined
        ? { reviewInPublic: catalogue.workspace.reviewInPublic }
        : {}),
    });
    let areaCount = 0;
    const areasByCode = new Map((await listAreas(tx.orm, ws.id)).map((a) => [a.code, a]));
    for (const sys of catalogue.areaSystems) {
      const system = await upsertAreaSystem(tx.orm, {
        workspaceId: ws.id,
        code: sys.code,
        name: sys.name,
        description: sys.description ?? null,
      });
      const levelIds = new Map<string, number>();
      for (const [depth, level] of sys.levels.entries()) {
        const row = await upsertAreaLevel(tx.orm, {
          workspaceId: ws.id,
          areaSystemId: system.id,
          code: level.code,
          name: level.name,
          depth,
        });
        levelIds.set(level.code, row.id);
      }
      for (const a of sys.areas) {
        const parentId = a.parent ? areasByCode.get(a.parent)?.id : null;
        if (parentId === undefined) {
          throw new AppError(
            "invalid_input",
            `Gebiet „${a.code}“: Obergebiet „${a.parent}“ ist unbekannt.`,
          );
        }
        const current = areasByCode.get(a.code);
        if (current) {
          await updateArea(tx.orm, current.id, { name: a.name, parentId });
        } else {
          const { id } = await insertArea(tx.orm, {
            workspaceId: ws.id,
            areaSystemId: system.id,
            levelId: levelIds.get(a.level)!,
            code: a.code,
            name: a.name,
            parentId,
          });
          areasByCode.set(a.code, {
            id,
            code: a.code,
            name: a.name,
            systemCode: sys.code,
            levelCode: a.level,
            depth: sys.levels.findIndex((l) => l.code === a.level),
            parentId,
            parentCode: a.parent ?? null,
          });
        }
        areaCount++;
      }
    }
    const entryChanges = await writeCatalogueEntries(
      tx.orm,
      ws.id,
      catalogue.variables,
      catalogue.indicators,
    );
    await auditCatalogueChanges(tx.orm, ctx, actor, [
      ...changes(ws.id, "workspace", new Map(wsBefore ? [[ws.slug, wsBefore]] : []), [
        [ws.slug, workspaceFields(ws)],
      ]),
      ...changes(
        ws.id,
        "area",
        new Map(areasBefore.map((a) => [a.code, areaFields(a)])),
        (await listAreas(tx.orm, ws.id)).map((a) => [a.code, areaFields(a)]),
      ),
      ...entryChanges,
    ]);
    // Formulas, areas and publication states may have changed: every cache of computed
    // values (keyed by the data version) must forget the old ones.
    await bumpDataVersion(tx.orm, ws.id);
    const summary = {
      workspace: ws.slug,
      areaSystems: catalogue.areaSystems.length,
      areas: areaCount,
      variables: catalogue.variables.length,
      indicators: catalogue.indicators.length,
    };
    return { wsId: ws.id, summary };
  });
  ctx.dataChanged.emit(applied.wsId);
  return applied.summary;
}

/**
 * Creates or updates variables and indicators of one workspace by code, inside the caller's
 * transaction, and returns the audit entries of what was created or changed. The catalogue
 * apply and the starter catalogue's picks both write through here, so an indicator is stored
 * the same way whichever path brought it. Indicators are ordered from `firstSortOrder` on, in
 * the order given.
 */
export async function writeCatalogueEntries(
  orm: Orm,
  workspaceId: number,
  variables: readonly CatalogueVariable[],
  indicators: readonly CatalogueIndicator[],
  firstSortOrder = 0,
): Promise<AuditEntry[]> {
  const variablesBefore = await listVariables(orm, workspaceId);
  const indicatorsBefore = await listIndicators(orm, workspaceId);
  for (const v of variables) {
    await upsertVariable(orm, {
      workspaceId,
      code: v.code,
      name: v.name,
      description: v.description ?? null,
      unit: v.unit,
      measure: v.measure,
      aggregation: v.aggregation,
      nonNegative: v.nonNegative,
      source: v.source ?? null,
      licence: v.licence ?? null,
      attribution: v.attribution ?? null,
      publication: v.publication,
    });
  }
  for (const [i, ind] of indicators.entries()) {
    await upsertIndicator(orm, {
      workspaceId,
      code: ind.code,
      name: ind.name,
      theme: ind.theme,
      numerator: ind.numerator,
      denominator: ind.denominator,
      factor: ind.factor,
      unit: ind.unit,
      decimals: ind.decimals,
      polarity: ind.polarity,
      definition: ind.definition,
      interpretation: ind.interpretation ?? null,
      limits: ind.limits ?? null,
      source: ind.source ?? null,
      sortOrder: firstSortOrder + i,
      publication: ind.publication,
    });
  }
  return [
    ...changes(
      workspaceId,
      "variable",
      new Map(variablesBefore.map((v) => [v.code, variableFields(v)])),
      (await listVariables(orm, workspaceId)).map((v) => [v.code, variableFields(v)]),
    ),
    ...changes(
      workspaceId,
      "indicator",
      new Map(indicatorsBefore.map((i) => [i.code, indicatorFields(i)])),
      (await listIndicators(orm, workspaceId)).map((i) => [i.code, indicatorFields(i)]),
    ),
  ];
}

// The fields of each entity the audit log compares and records (ids and timestamps left out).
const workspaceFields = ({ id: _id, createdAt: _c, dataVersion: _v, ...rest }: WorkspaceRow) =>
  rest;
const areaFields = (a: {
  name: string;
  parentCode: string | null;
  levelCode: string;
  systemCode: string;
}) => ({
  name: a.name,
  parent: a.parentCode,
  level: a.levelCode,
  system: a.systemCode,
});
const variableFields = ({ id: _id, workspaceId: _w, createdAt: _c, ...rest }: VariableRow) => rest;
const indicatorFields = ({ id: _id, workspaceId: _w, createdAt: _c, ...rest }: IndicatorRow) =>
  rest;

/** Audit entries for the entities that were created or changed (unchanged ones are left out). */
function changes(
  workspaceId: number,
  entity: AuditEntity,
  before: ReadonlyMap<string, object>,
  after: Iterable<readonly [string, object]>,
): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (const [key, now] of after) {
    const was = before.get(key);
    if (was && JSON.stringify(was) === JSON.stringify(now)) continue;
    out.push({
      workspaceId,
      action: was ? "update" : "create",
      entity,
      entityKey: key,
      before: was ?? null,
      after: now,
    });
  }
  return out;
}
