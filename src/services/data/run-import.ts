/**
 * One entry point for every import: the mapping's `kind` says whether the file holds areas
 * (geodata), budget lines (a finance export) or observations (tables).
 */
import type { ServiceContext } from "../context.ts";
import { importBudget, isBudgetMapping } from "../controlling/budget-import.ts";
import { importAreas } from "./import-areas.ts";
import { importObservations } from "./import-observations.ts";
import type { ImportReport } from "./import-report.ts";
import type { ImportRequest } from "./import-request.ts";

export function isAreaMapping(mapping: unknown): boolean {
  return (
    typeof mapping === "object" && mapping !== null && "kind" in mapping && mapping.kind === "areas"
  );
}

export async function runImport(ctx: ServiceContext, req: ImportRequest): Promise<ImportReport> {
  if (isBudgetMapping(req.mapping)) return importBudget(ctx, req);
  return isAreaMapping(req.mapping) ? importAreas(ctx, req) : importObservations(ctx, req);
}
