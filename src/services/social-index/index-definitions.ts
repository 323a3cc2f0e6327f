/**
 * Social index definitions kept per workspace as versions: a changed definition is a new
 * version, a version never changes, and every save is audited. Runs of a version are
 * index-runs.ts.
 */
import { canonicalJson } from "../../core/canonical-json.ts";
import type { Audience } from "../../core/publication/publication.ts";
import type { IndexDefinition } from "../../core/social-index/definition.ts";
import { parseIndexDefinition } from "../../contracts/documents/index-definition.ts";
import {
  findIndexDefinition,
  insertIndexDefinition,
  latestIndexVersion,
  listIndexDefinitions,
  lockIndexCode,
  type IndexDefinitionRow,
} from "../../storage/social-index.repo.ts";
import { AppError, notFound } from "../app-error.ts";
import { audit, type Actor } from "../audit.ts";
import { getIndicators } from "../indicators/catalogue-read.ts";
import type { ServiceContext } from "../context.ts";
import type { Workspace } from "../workspaces.ts";

/** A version without its definition, for lists. */
export interface IndexVersionMeta {
  readonly code: string;
  readonly version: number;
  readonly name: string;
  readonly populationIndicator: string;
  readonly comment: string | null;
  readonly createdBy: string;
  readonly createdAt: Date;
}

export interface IndexVersion extends IndexVersionMeta {
  readonly definition: IndexDefinition;
}

function metaOf(row: IndexDefinitionRow): IndexVersionMeta {
  return {
    code: row.code,
    version: row.version,
    name: row.name,
    populationIndicator: row.populationIndicator,
    comment: row.comment,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

export function versionView(row: IndexDefinitionRow): IndexVersion {
  const parsed = parseIndexDefinition(row.definition);
  // Stored definitions were parsed before saving; a failure here is a broken database.
  if (!parsed.ok) throw new Error(`index_definition ${row.id}: ${parsed.error.join("; ")}`);
  return { ...metaOf(row), definition: parsed.value };
}

/** The catalogue codes a definition reads; each must be an indicator the caller can see. */
async function checkIndicatorsExist(
  ctx: ServiceContext,
  ws: Workspace,
  definition: IndexDefinition,
  populationIndicator: string,
  audience: Audience,
): Promise<void> {
  const known = new Set((await getIndicators(ctx, ws, audience)).map((i) => i.code));
  const problems: string[] = [];
  const need = (code: string, at: string) => {
    if (!known.has(code)) problems.push(`${at}: Indikator „${code}“ gibt es nicht im Katalog.`);
  };
  definition.status.forEach((i, n) => need(i.code, `status.${n}.code`));
  definition.dynamics.forEach((i, n) =>
    i.of === undefined ? need(i.code, `dynamics.${n}.code`) : need(i.of, `dynamics.${n}.of`),
  );
  definition.context.forEach((c, n) => need(c, `context.${n}`));
  need(populationIndicator, "populationIndicator");
  if (problems.length > 0) {
    throw new AppError("invalid_input", "Die Indexdefinition nennt unbekannte Indikatoren.", {
      problems,
    });
  }
}

/** The latest version of every index of the workspace, with how many versions it has. */
export async function listIndices(
  ctx: ServiceContext,
  ws: Workspace,
): Promise<{ latest: IndexVersionMeta; versions: number }[]> {
  const rows = await listIndexDefinitions(ctx.db.orm, ws.id);
  const byCode = new Map<string, IndexDefinitionRow[]>();
  for (const r of rows) byCode.set(r.code, [...(byCode.get(r.code) ?? []), r]);
  return [...byCode.values()].map((versions) => ({
    latest: metaOf(versions[0]!),
    versions: versions.length,
  }));
}

/** One version of an index (the latest without `version`) and the list of all its versions. */
export async function getIndex(
  ctx: ServiceContext,
  ws: Workspace,
  code: string,
  version?: number,
): Promise<{ index: IndexVersion; versions: IndexVersionMeta[] }> {
  const row = await findIndexDefinition(ctx.db.orm, ws.id, code, version);
  if (!row) {
    throw notFound("Index", version === undefined ? code : `${code}, Version ${version}`);
  }
  const all = (await listIndexDefinitions(ctx.db.orm, ws.id)).filter((r) => r.code === code);
  return {
    index: versionView(row),
    versions: all.map(metaOf),
  };
}

/**
 * Saves a definition under its code: a new version when it differs from the latest (or the
 * index is new), nothing when it is the same. The definition must have been parsed.
 */
export async function saveIndexDefinition(
  ctx: ServiceContext,
  ws: Workspace,
  input: {
    /** The code the caller saves under (the address); the definition must carry it. */
    readonly code?: string | undefined;
    readonly definition: IndexDefinition;
    readonly populationIndicator: string;
    readonly comment?: string | undefined;
  },
  actor: Actor,
  audience: Audience,
): Promise<{ index: IndexVersion; created: boolean }> {
  const { definition, populationIndicator } = input;
  if (input.code !== undefined && definition.code !== input.code) {
    throw new AppError(
      "invalid_input",
      `Der Code der Definition („${definition.code}“) ist nicht der in der Adresse („${input.code}“).`,
    );
  }
  await checkIndicatorsExist(ctx, ws, definition, populationIndicator, audience);
  return ctx.db.transaction(async (tx) => {
    await lockIndexCode(tx.orm, ws.id, definition.code);
    const latest = await findIndexDefinition(tx.orm, ws.id, definition.code);
    if (
      latest &&
      canonicalJson(versionView(latest).definition) === canonicalJson(definition) &&
      latest.populationIndicator === populationIndicator
    ) {
      return { index: versionView(latest), created: false };
    }
    const version = (await latestIndexVersion(tx.orm, ws.id, definition.code)) + 1;
    const row = await insertIndexDefinition(tx.orm, {
      workspaceId: ws.id,
      code: definition.code,
      version,
      name: definition.name,
      definition,
      populationIndicator,
      comment: input.comment?.trim() || null,
      createdBy: actor.label,
      createdAt: ctx.now(),
    });
    await audit(tx.orm, ctx, actor, [
      {
        workspaceId: ws.id,
        action: latest ? "update" : "create",
        entity: "index_definition",
        entityKey: `${definition.code}@${version}`,
        before: latest ? { version: latest.version, definition: latest.definition } : null,
        after: { version, definition, populationIndicator },
      },
    ]);
    return { index: versionView(row), created: true };
  });
}
