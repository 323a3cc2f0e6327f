/**
 * Budget lines from the finance system's export (CSV or XLSX), through the one import entry
 * point with a mapping of kind `budget`:
 *
 *     { "kind": "budget", "format": "csv", "columns": { "measure": "Maßnahme", … } }
 *
 * The export is the whole of its budget years: committing replaces every line of those years,
 * all or nothing. Every line names a measure of the workspace and a product of the product
 * framework (a municipality's own sub-product of a known group is a warning); every bad row is
 * named at once. Audited like every import.
 */
import { z } from "zod";
import { issue, type ImportIssue } from "../../core/data/import-issue.ts";
import {
  readBudgetFile,
  type BudgetColumns,
  type BudgetField,
} from "../../imports/controlling/budget-file.ts";
import { listMeasures, replaceBudgetYears } from "../../storage/controlling.repo.ts";
import { insertImportRun } from "../../storage/imports.repo.ts";
import type { ServiceContext } from "../context.ts";
import { auditImport } from "../data/import-audit.ts";
import { importOutcome, type ImportReport } from "../data/import-report.ts";
import type { ImportRequest } from "../data/import-request.ts";

const columnName = z.string().trim().min(1).max(200);

export const budgetMappingSchema = z
  .object({
    kind: z.literal("budget"),
    label: z.string().max(200).optional(),
    format: z.enum(["csv", "xlsx"]),
    csv: z
      .object({
        delimiter: z.enum([";", ",", "\t", "auto"]).optional(),
        encoding: z.enum(["utf-8", "windows-1252", "auto"]).optional(),
      })
      .strict()
      .optional(),
    xlsx: z
      .object({ sheet: z.union([z.string(), z.int().min(0)]).optional() })
      .strict()
      .optional(),
    skipRows: z.int().min(0).max(100).optional(),
    columns: z
      .object({
        measure: columnName,
        product: columnName,
        costCentre: columnName,
        account: columnName,
        year: columnName,
        planned: columnName,
        committed: columnName,
        spent: columnName,
      })
      .partial()
      .strict()
      .optional(),
  })
  .strict();

export function isBudgetMapping(mapping: unknown): boolean {
  return (
    typeof mapping === "object" &&
    mapping !== null &&
    "kind" in mapping &&
    mapping.kind === "budget"
  );
}

export async function importBudget(ctx: ServiceContext, req: ImportRequest): Promise<ImportReport> {
  const { report, runRecord } = importOutcome(ctx, req, "budget");
  const issues: ImportIssue[] = [];
  const ws = req.workspace;
  const parsed = budgetMappingSchema.safeParse(req.mapping);
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      issues.push(
        issue("error", "invalid_mapping", `Zuordnung, Feld „${i.path.join(".")}“: ${i.message}`, {
          column: i.path.join("."),
        }),
      );
    }
    return finish(req.label ?? req.fileName, { lines: 0 });
  }
  const mapping = parsed.data;
  const label = req.label ?? mapping.label ?? req.fileName;
  req.onProgress?.({ phase: "read" });
  const measures = new Map((await listMeasures(ctx.db.orm, ws.id)).map((m) => [m.code, m.id]));
  const read = await readBudgetFile(req.bytes, {
    format: mapping.format,
    ...(mapping.csv ? { csv: mapping.csv } : {}),
    ...(mapping.xlsx ? { xlsx: mapping.xlsx } : {}),
    ...(mapping.skipRows !== undefined ? { skipRows: mapping.skipRows } : {}),
    ...(mapping.columns ? { columns: definedColumns(mapping.columns) } : {}),
    measureKeys: new Set(measures.keys()),
    productRequired: true,
  });
  if (!read.ok) {
    issues.push(...read.error);
    return finish(label, { lines: 0 });
  }
  const { lines, warnings } = read.value;
  issues.push(...warnings);
  req.onProgress?.({ phase: "validate", records: lines.length });
  const years = [...new Set(lines.map((l) => l.year))].sort((a, b) => a - b);
  const summary = {
    lines: lines.length,
    years: years.join(", "),
    planned: lines.reduce((s, l) => s + l.planned, 0),
  };
  if (issues.some((i) => i.severity === "error") || req.dryRun) return finish(label, summary);
  req.onProgress?.({ phase: "write", records: lines.length });
  const run = await ctx.db.transaction(async (tx) => {
    const r = await insertImportRun(tx.orm, runRecord("committed", { issues, label, summary }));
    await replaceBudgetYears(
      tx.orm,
      ws.id,
      years,
      lines.map((l) => ({
        workspaceId: ws.id,
        measureId: measures.get(l.measureKey)!,
        year: l.year,
        productCode: l.productCode!,
        costCentre: l.costCentre,
        account: l.account,
        planned: l.planned,
        committed: l.committed,
        spent: l.spent,
        source: req.fileName,
        importRunId: r.id,
      })),
    );
    await auditImport(tx.orm, ctx, req, r);
    return r;
  });
  ctx.dataChanged.emit(ws.id);
  return report(run.id, "committed", { issues, label, summary });

  async function finish(
    runLabel: string,
    s: Record<string, number | string | null>,
  ): Promise<ImportReport> {
    if (req.dryRun) return report(null, "checked", { issues, label: runLabel, summary: s });
    const r = await ctx.db.transaction(async (tx) => {
      const row = await insertImportRun(
        tx.orm,
        runRecord("rejected", { issues, label: runLabel, summary: s }),
      );
      await auditImport(tx.orm, ctx, req, row);
      return row;
    });
    return report(r.id, "rejected", { issues, label: runLabel, summary: s });
  }
}

function definedColumns(c: Partial<Record<BudgetField, string | undefined>>): BudgetColumns {
  return Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined));
}
