/**
 * Records delivered in bulk, all or nothing: households, persons and stays as sent
 * (`addRecords`), or the export of an accommodation management system read through a mapping
 * (`importStays`). The new records are checked together with the stored ones.
 */
import type { Finding } from "../../core/accommodation/plausibility.ts";
import { readStayTable } from "../../imports/accommodation-table.ts";
import { stayMappingSchema } from "../../contracts/documents/stay-mapping.ts";
import { issue } from "../../core/data/import-issue.ts";
import { AppError } from "../app-error.ts";
import { audit, type Actor } from "../audit.ts";
import { bumpVersionChecked, loadChangeGuard } from "./closed-period-guard.ts";
import type { ServiceContext } from "../context.ts";
import type { Workspace } from "../workspaces.ts";
import { loadRecords, storeRecords, type RecordDelivery } from "./records.ts";
import { checkDelivery, refuseDeliveryToClosed, duplicatesOf } from "./record-checks.ts";

/**
 * Adds households, persons and stays, all or nothing: the new records are checked together
 * with the stored ones; any error refuses the whole delivery with every finding.
 */
export async function addRecords(
  ctx: ServiceContext,
  ws: Workspace,
  records: RecordDelivery,
  actor: Actor,
): Promise<{ households: number; persons: number; stays: number; warnings: Finding[] }> {
  const guard = await loadChangeGuard(ctx, ws);
  const stored = await loadRecords(ctx, ws);
  const findings = checkDelivery(stored, records, guard);
  const errors = findings.filter((f) => f.severity === "error");
  if (errors.length > 0) {
    throw new AppError(
      "invalid_input",
      "Die Belegungsdaten sind nicht schlüssig; nichts wurde gespeichert.",
      {
        findings: errors,
      },
    );
  }
  refuseDeliveryToClosed(ws, guard, stored, records);
  await ctx.db.transaction(async (tx) => {
    await bumpVersionChecked(tx.orm, ws, guard);
    await storeRecords(tx.orm, ws, records);
    await audit(tx.orm, ctx, actor, [
      {
        workspaceId: ws.id,
        action: "import",
        entity: "stay",
        entityKey: "*",
        after: {
          households: records.households.length,
          persons: records.persons.length,
          stays: records.stays.length,
        },
      },
    ]);
  });
  return {
    households: records.households.length,
    persons: records.persons.length,
    stays: records.stays.length,
    warnings: findings.filter((f) => f.severity === "warning"),
  };
}

export interface StayImportReport {
  readonly dryRun: boolean;
  readonly households: number;
  readonly persons: number;
  readonly stays: number;
  /** Warnings of the plausibility check, placed at their lines where a stay is named. */
  readonly warnings: readonly (Finding & { readonly line: number | null })[];
}

/**
 * Imports the export of an accommodation management system through a mapping: the table is
 * read (every bad cell and unknown word with line and column), facility keys must be known
 * (never guessed), and the records are checked with the stored ones. Any error: nothing is
 * written and every finding is in the error's details. `dryRun` stops after the checks.
 */
export async function importStays(
  ctx: ServiceContext,
  ws: Workspace,
  req: { readonly bytes: Uint8Array; readonly mapping: unknown; readonly dryRun: boolean },
  actor: Actor,
): Promise<StayImportReport> {
  const mapping = stayMappingSchema.safeParse(req.mapping);
  if (!mapping.success) {
    throw new AppError("invalid_mapping", "Die Zuordnung ist ungültig.", {
      issues: mapping.error.issues.map((i) => ({
        path: i.path.join("."),
        message: i.message,
      })),
    });
  }
  const read = await readStayTable(req.bytes, mapping.data);
  if (!read.ok) {
    throw new AppError(
      "import_rejected",
      "Die Datei lässt sich so nicht übernehmen; nichts wurde geschrieben.",
      {
        issues: read.error,
      },
    );
  }
  const t = read.value;
  const guard = await loadChangeGuard(ctx, ws);
  const stored = await loadRecords(ctx, ws);
  const known = new Set(stored.facilities.map((f) => f.code));
  const unknown = t.stays
    .filter((s) => !known.has(s.facility))
    .map((s) =>
      issue(
        "error",
        "unknown_status",
        `Zeile ${t.lineOfStay.get(s.id)}: Unterkunft „${s.facility}“ ist nicht bekannt (Zuordnung unter values.facility).`,
        { row: t.lineOfStay.get(s.id) ?? null, column: mapping.data.columns.facility },
      ),
    );
  const findings = (
    unknown.length > 0
      ? [
          ...duplicatesOf(stored.households, t.households, "Haushalt"),
          ...duplicatesOf(stored.persons, t.persons, "Person"),
          ...duplicatesOf(stored.stays, t.stays, "Aufenthalt"),
        ]
      : checkDelivery(stored, t, guard)
  ).map((f) => ({ ...f, line: t.lineOfStay.get(f.record) ?? null }));
  const errors = findings.filter((f) => f.severity === "error");
  if (unknown.length > 0 || errors.length > 0) {
    throw new AppError(
      "import_rejected",
      "Die Datei lässt sich so nicht übernehmen; nichts wurde geschrieben.",
      {
        issues: unknown,
        findings: errors,
      },
    );
  }
  // A file that would change a closed month is refused before it is written, in a dry run too.
  refuseDeliveryToClosed(ws, guard, stored, t);
  const warnings = findings.filter((f) => f.severity === "warning");
  if (!req.dryRun) await addRecords(ctx, ws, t, actor);
  return {
    dryRun: req.dryRun,
    households: t.households.length,
    persons: t.persons.length,
    stays: t.stays.length,
    warnings,
  };
}
