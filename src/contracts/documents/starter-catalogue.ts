/**
 * The starter catalogue ("Startkatalog"): a library of standard social planning indicators a
 * city picks from instead of defining them by hand. It holds the catalogue file's variable and
 * indicator entries (catalogue.ts), without areas and without a workspace, and asks more of
 * them: every variable names its source, every indicator carries a full sheet (definition,
 * interpretation, limits, source), codes are unique and every formula names only variables
 * of the library.
 */
import { z } from "zod";
import { err, ok, type Result } from "../../core/result.ts";
import { describeIssue } from "../validation-messages.ts";
import { catalogueIndicator, catalogueVariable } from "./catalogue.ts";

export const starterCatalogueSchema = z.strictObject({
  name: z.string().min(1).max(200),
  version: z.string().min(1).max(40),
  description: z.string().optional(),
  variables: z.array(catalogueVariable.required({ source: true })).min(1),
  indicators: z
    .array(catalogueIndicator.required({ interpretation: true, limits: true, source: true }))
    .min(1),
});

export type StarterCatalogue = z.infer<typeof starterCatalogueSchema>;
export type StarterIndicator = StarterCatalogue["indicators"][number];
export type StarterVariable = StarterCatalogue["variables"][number];

/**
 * Parses the library file, or returns every problem as a German sentence with its place:
 * schema issues, repeated codes, and formulas that name a variable the library lacks.
 */
export function parseStarterCatalogue(json: unknown): Result<StarterCatalogue, string[]> {
  const parsed = starterCatalogueSchema.safeParse(json);
  if (!parsed.success) {
    return err(
      parsed.error.issues.map((i) => {
        const at = i.path.length > 0 ? i.path.join(".") : "Startkatalog";
        return `${describeIssue(i, json).message} (Stelle: ${at})`;
      }),
    );
  }
  const lib = parsed.data;
  const problems: string[] = [];
  const repeated = (codes: readonly string[]) =>
    codes.filter((c, i) => codes.indexOf(c) !== i).filter((c, i, all) => all.indexOf(c) === i);
  for (const c of repeated(lib.variables.map((v) => v.code))) {
    problems.push(`Merkmal „${c}“ steht mehrfach im Startkatalog.`);
  }
  for (const c of repeated(lib.indicators.map((i) => i.code))) {
    problems.push(`Indikator „${c}“ steht mehrfach im Startkatalog.`);
  }
  const variables = new Set(lib.variables.map((v) => v.code));
  for (const ind of lib.indicators) {
    for (const c of [...ind.numerator, ...(ind.denominator ?? [])]) {
      if (!variables.has(c)) {
        problems.push(`Indikator „${ind.code}“: Merkmal „${c}“ fehlt im Startkatalog.`);
      }
    }
  }
  return problems.length > 0 ? err(problems) : ok(lib);
}

/** The variables an indicator's formula reads, numerator first, each once. */
export function variablesOf(indicator: StarterIndicator): string[] {
  return [...new Set([...indicator.numerator, ...(indicator.denominator ?? [])])];
}
