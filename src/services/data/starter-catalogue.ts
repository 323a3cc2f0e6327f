/**
 * The starter catalogue ("Startkatalog", catalogues/starter/catalogue.json): a library of
 * standard social planning indicators. A planner lists it against the workspace (which
 * indicators it already has, which variables each would add) and takes a set over: the
 * missing variables and the indicators are written in one transaction through the catalogue
 * apply's writer, audited. An indicator whose code the workspace already uses is refused, so
 * a city's own definition is never overwritten; variables it already has are used as they are.
 */
import { readFileSync } from "node:fs";
import {
  parseStarterCatalogue,
  variablesOf,
  type StarterCatalogue,
} from "../../contracts/documents/starter-catalogue.ts";
import type {
  StarterCatalogueDto,
  StarterPicksDto,
} from "../../contracts/data-starter-catalogue.ts";
import { listIndicators } from "../../storage/indicators.repo.ts";
import { listVariables } from "../../storage/variables.repo.ts";
import { bumpDataVersion } from "../../storage/workspaces.repo.ts";
import { AppError } from "../app-error.ts";
import type { Actor } from "../audit.ts";
import { auditCatalogueChanges } from "../indicators/indicator-versions.ts";
import type { ServiceContext } from "../context.ts";
import type { Workspace } from "../workspaces.ts";
import { writeCatalogueEntries } from "./apply-catalogue.ts";

export const STARTER_CATALOGUE_FILE = new URL(
  "../../../catalogues/starter/catalogue.json",
  import.meta.url,
);

let cache: StarterCatalogue | null = null;

/** The library, read and checked once per process; a broken file stops with every problem. */
export function starterCatalogue(): StarterCatalogue {
  if (cache) return cache;
  const parsed = parseStarterCatalogue(JSON.parse(readFileSync(STARTER_CATALOGUE_FILE, "utf8")));
  if (!parsed.ok) throw new Error(`The starter catalogue is invalid: ${parsed.error.join("; ")}`);
  cache = parsed.value;
  return cache;
}

/** The library as the workspace sees it: per indicator whether it is there and what it adds. */
export async function getStarterCatalogue(
  ctx: ServiceContext,
  ws: Workspace,
): Promise<StarterCatalogueDto> {
  const lib = starterCatalogue();
  const [variables, indicators] = await Promise.all([
    listVariables(ctx.db.orm, ws.id),
    listIndicators(ctx.db.orm, ws.id),
  ]);
  const haveVariable = new Set(variables.map((v) => v.code));
  const haveIndicator = new Set(indicators.map((i) => i.code));
  const libVariable = new Map(lib.variables.map((v) => [v.code, v]));
  return {
    name: lib.name,
    version: lib.version,
    indicators: lib.indicators.map((ind) => ({
      code: ind.code,
      name: ind.name,
      theme: ind.theme,
      numerator: ind.numerator,
      denominator: ind.denominator,
      factor: ind.factor,
      unit: ind.unit,
      polarity: ind.polarity,
      definition: ind.definition,
      interpretation: ind.interpretation,
      limits: ind.limits,
      source: ind.source,
      present: haveIndicator.has(ind.code),
      newVariables: variablesOf(ind)
        .filter((c) => !haveVariable.has(c))
        .map((c) => {
          const v = libVariable.get(c)!;
          return { code: v.code, name: v.name, unit: v.unit };
        }),
    })),
  };
}

const quoted = (codes: readonly string[]) => codes.map((c) => `„${c}“`).join(", ");

/**
 * Takes the indicators `codes` of the library over into the workspace, with the variables
 * their formulas need and the workspace lacks. Refuses unknown codes (`not_found`) and codes
 * the workspace already uses (`conflict`), naming them; then nothing is written.
 */
export async function pickStarterIndicators(
  ctx: ServiceContext,
  ws: Workspace,
  codes: readonly string[],
  actor: Actor,
): Promise<StarterPicksDto> {
  const lib = starterCatalogue();
  const wanted = [...new Set(codes)];
  const byCode = new Map(lib.indicators.map((i) => [i.code, i]));
  const unknown = wanted.filter((c) => !byCode.has(c));
  if (unknown.length > 0) {
    throw new AppError(
      "not_found",
      unknown.length === 1
        ? `Den Indikator ${quoted(unknown)} gibt es im Startkatalog nicht.`
        : `Diese Indikatoren gibt es im Startkatalog nicht: ${quoted(unknown)}.`,
      { field: "indicators", codes: unknown },
    );
  }
  // Library order, so the picked indicators stand in the workspace as they stand in the library.
  const picked = lib.indicators.filter((i) => wanted.includes(i.code));
  const libVariable = new Map(lib.variables.map((v) => [v.code, v]));
  const result = await ctx.db.transaction(async (tx) => {
    // Raising the data version first locks the workspace row: a second pick waits here and
    // then sees the indicators this one created.
    await bumpDataVersion(tx.orm, ws.id);
    const indicators = await listIndicators(tx.orm, ws.id);
    const taken = indicators.filter((i) => wanted.includes(i.code));
    if (taken.length > 0) {
      const names = taken.map((i) => `„${i.name}“ (${i.code})`).join(", ");
      throw new AppError(
        "conflict",
        taken.length === 1
          ? `Den Indikator ${names} gibt es in diesem Arbeitsbereich schon; es wurde nichts übernommen.`
          : `Diese Indikatoren gibt es in diesem Arbeitsbereich schon: ${names}; es wurde nichts übernommen.`,
        { field: "indicators", codes: taken.map((i) => i.code) },
      );
    }
    const have = new Set((await listVariables(tx.orm, ws.id)).map((v) => v.code));
    const newVariables = [...new Set(picked.flatMap(variablesOf))]
      .filter((c) => !have.has(c))
      .map((c) => libVariable.get(c)!);
    const firstSortOrder = Math.max(-1, ...indicators.map((i) => i.sortOrder)) + 1;
    const entries = await writeCatalogueEntries(
      tx.orm,
      ws.id,
      newVariables,
      picked,
      firstSortOrder,
    );
    await auditCatalogueChanges(tx.orm, ctx, actor, entries);
    return { indicators: picked.map((i) => i.code), variables: newVariables.map((v) => v.code) };
  });
  ctx.dataChanged.emit(ws.id);
  return result;
}
