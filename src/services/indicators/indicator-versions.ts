/**
 * The formula history (Formelverlauf): every change of an indicator's sheet is kept with the
 * full sheet before and after, who made it and when. Every path that changes indicators (the
 * editor, the catalogue file, the starter catalogue) hands its audit entries to
 * `auditCatalogueChanges`, which records them in the audit log and the indicator versions in
 * the same transaction.
 */
import { changedSheetFields } from "../../core/indicators/sheet-check.ts";
import type { Orm } from "../../storage/db.ts";
import {
  insertIndicatorVersions,
  type IndicatorVersionRow,
} from "../../storage/indicator-versions.repo.ts";
import { listIndicators, type IndicatorRow } from "../../storage/indicators.repo.ts";
import { audit, type Actor, type AuditEntry } from "../audit.ts";
import type { ServiceContext } from "../context.ts";
import { formulaText } from "../../core/indicators/formula-text.ts";

type Sheet = Readonly<Record<string, unknown>>;

/** The sheet of an indicator as a version keeps it (ids and timestamps left out). */
export const sheetOf = ({
  id: _id,
  workspaceId: _w,
  createdAt: _c,
  ...sheet
}: IndicatorRow): Sheet => sheet;

/**
 * Records the audit entries and, for each update of an indicator whose sheet changed (not
 * only its sort order or publication state), a version. Call it inside the transaction of
 * the change, after the indicators are written.
 */
export async function auditCatalogueChanges(
  orm: Orm,
  ctx: ServiceContext,
  actor: Actor,
  entries: readonly AuditEntry[],
): Promise<void> {
  await audit(orm, ctx, actor, entries);
  const updates = entries.filter(
    (e) =>
      e.entity === "indicator" &&
      e.action === "update" &&
      isSheet(e.before) &&
      isSheet(e.after) &&
      changedSheetFields(e.before, e.after).length > 0,
  );
  if (updates.length === 0) return;
  const at = ctx.now();
  const byWorkspace = new Map<number, Map<string, IndicatorRow>>();
  const rows = [];
  for (const e of updates) {
    if (e.workspaceId === null) continue;
    let indicators = byWorkspace.get(e.workspaceId);
    if (!indicators) {
      indicators = new Map((await listIndicators(orm, e.workspaceId)).map((i) => [i.code, i]));
      byWorkspace.set(e.workspaceId, indicators);
    }
    const row = indicators.get(e.entityKey);
    if (!row) continue;
    rows.push({
      workspaceId: e.workspaceId,
      indicatorId: row.id,
      before: e.before,
      after: e.after,
      actorUserId: actor.userId,
      actor: actor.label,
      changedAt: at,
    });
  }
  await insertIndicatorVersions(orm, rows);
}

function isSheet(v: unknown): v is Sheet {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** One version as the sheet and the history show it. */
export interface VersionView {
  readonly at: string;
  readonly actor: string;
  readonly formulaBefore: string;
  readonly formulaAfter: string;
  readonly changed: string[];
  readonly before: Record<string, unknown>;
  readonly after: Record<string, unknown>;
}

function formulaOf(sheet: Sheet): string {
  const codes = (v: unknown) =>
    Array.isArray(v) ? v.filter((c): c is string => typeof c === "string") : [];
  const denominator = codes(sheet.denominator);
  return formulaText({
    numerator: codes(sheet.numerator),
    denominator: denominator.length === 0 ? null : denominator,
    factor: typeof sheet.factor === "number" ? sheet.factor : 1,
  });
}

/** A stored version for reading: formulas in words and the changed fields named. */
export function versionView(v: IndicatorVersionRow): VersionView {
  const before = isSheet(v.before) ? v.before : {};
  const after = isSheet(v.after) ? v.after : {};
  return {
    at: v.changedAt.toISOString(),
    actor: v.actor,
    formulaBefore: formulaOf(before),
    formulaAfter: formulaOf(after),
    changed: changedSheetFields(before, after),
    before: { ...before },
    after: { ...after },
  };
}
