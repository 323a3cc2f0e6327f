/**
 * Doubtful values and their review: an import holds the figures its plausibility checks flag
 * ("zu prüfen"); planners confirm them (with a reason), correct them (a new revision, with a
 * reason), or mark them as of limited reliability `( )` or not reliable enough `/`. A single
 * value can be corrected and the correction undone without re-importing a file. Every decision
 * is a new row or revision — nothing is overwritten — and is audited in the same transaction.
 * Until a review is decided, the value and everything computed from it carry the mark `p`
 * (core/marks/value-mark.ts). Method: docs/methods/value-marks.md.
 */
import type { ImportIssue } from "../../core/data/import-issue.ts";
import { findCell } from "./cell-lookup.ts";
import { reviewTargetOf } from "../../imports/validate/plausibility.ts";
import { isVisibleTo, type Audience } from "../../core/publication/publication.ts";
import { listAreas } from "../../storage/areas.repo.ts";
import type { Orm } from "../../storage/db.ts";
import { listImportRuns } from "../../storage/imports.repo.ts";
import { listPeriods } from "../../storage/periods.repo.ts";
import { decideReview, findReview, holdForReview, listReviews, type Reliability, type ReviewCheck, type ReviewRow } from "../../storage/value-review.repo.ts";
import { listVariables } from "../../storage/variables.repo.ts";
import { bumpDataVersion, lockDataVersion } from "../../storage/workspaces.repo.ts";
import { AppError, notFound } from "../app-error.ts";
import { audit, type Actor } from "../audit.ts";
import type { ServiceContext } from "../context.ts";
import type { Workspace } from "../workspaces.ts";

/** Which plausibility finding holds a value for review, by the import issue's code. */
const CHECK_OF_ISSUE: Partial<Record<ImportIssue["code"], ReviewCheck>> = {
  implausible_jump: "implausible_jump",
  outlier: "outlier",
  children_exceed_parent: "sum_mismatch",
  unassigned_remainder: "sum_mismatch",
};

/**
 * Holds the cells an import's findings name for review, in the import's transaction (after
 * its figures are written, so the current revision is the imported one).
 */
export async function holdImportFindings(
  orm: Orm,
  workspaceId: number,
  importId: number,
  issues: readonly ImportIssue[],
  ids: {
    readonly variables: ReadonlyMap<string, number>;
    readonly areas: ReadonlyMap<string, number>;
    readonly periods: ReadonlyMap<string, number>;
  },
): Promise<number> {
  const targets = [];
  for (const i of issues) {
    const check = CHECK_OF_ISSUE[i.code];
    const t = check ? reviewTargetOf(i) : null;
    if (!check || !t) continue;
    const variableId = ids.variables.get(t.variableCode);
    const areaId = ids.areas.get(t.areaCode);
    const periodId = ids.periods.get(t.periodCode);
    if (variableId === undefined || areaId === undefined || periodId === undefined) continue;
    targets.push({ variableId, areaId, periodId, check, message: i.message });
  }
  return holdForReview(orm, workspaceId, importId, targets);
}

/** How many distinct cells an import's findings hold for review. */
export function countReviewCells(issues: readonly ImportIssue[]): number {
  const cells = new Set<string>();
  for (const i of issues) {
    const t = CHECK_OF_ISSUE[i.code] ? reviewTargetOf(i) : null;
    if (t) cells.add(`${t.variableCode}\u0000${t.areaCode}\u0000${t.periodCode}`);
  }
  return cells.size;
}

export interface CellKey {
  readonly variable: string;
  readonly area: string;
  readonly period: string;
}

/** The codes, names and ids a review needs, for the variables the audience sees. */
export async function catalogue(ctx: ServiceContext, ws: Workspace, audience: Audience) {
  const [variables, areas, periods, runs] = await Promise.all([
    listVariables(ctx.db.orm, ws.id),
    listAreas(ctx.db.orm, ws.id),
    listPeriods(ctx.db.orm, ws.id),
    listImportRuns(ctx.db.orm, ws.id, 100_000),
  ]);
  const visible = variables.filter((v) => isVisibleTo(v.publication, audience));
  return {
    variables: visible,
    variableById: new Map(visible.map((v) => [v.id, v])),
    areaById: new Map(areas.map((a) => [a.id, a])),
    periodById: new Map(periods.map((p) => [p.id, p])),
    runLabel: new Map(runs.map((r) => [r.id, r.label])),
    cell: (key: CellKey) => findCell(visible, areas, periods, key),
  };
}

export interface ReviewView {
  readonly id: number;
  readonly variable: string;
  readonly variableName: string;
  readonly unit: string;
  readonly area: string;
  readonly areaName: string;
  readonly period: string;
  readonly value: number | null;
  readonly revision: number;
  /** Whether the reviewed revision is still the current one. */
  readonly current: boolean;
  readonly check: ReviewCheck;
  readonly message: string;
  readonly importId: number | null;
  readonly importLabel: string | null;
  readonly state: ReviewRow["state"];
  readonly reliability: Reliability | null;
  readonly reason: string | null;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  readonly createdAt: string;
}

type Catalogue = Awaited<ReturnType<typeof catalogue>>;

export function reviewView(c: Catalogue, r: ReviewRow): ReviewView | null {
  const v = c.variableById.get(r.variableId);
  const a = c.areaById.get(r.areaId);
  const p = c.periodById.get(r.periodId);
  if (!v || !a || !p) return null;
  return {
    id: r.id,
    variable: v.code,
    variableName: v.name,
    unit: v.unit,
    area: a.code,
    areaName: a.name,
    period: p.code,
    value: r.value,
    revision: r.revision,
    current: r.current,
    check: r.check,
    message: r.message,
    importId: r.importId,
    importLabel: r.importId !== null ? (c.runLabel.get(r.importId) ?? null) : null,
    state: r.state,
    reliability: r.reliability,
    reason: r.reason,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

/** The review list: the values still to check ("open"), or every review with its decision. */
export async function getReviews(
  ctx: ServiceContext,
  ws: Workspace,
  q: { readonly state: "open" | "all" },
  audience: Audience,
): Promise<ReviewView[]> {
  const c = await catalogue(ctx, ws, audience);
  const rows = await listReviews(ctx.db.orm, ws.id, { open: q.state === "open" });
  return rows.map((r) => reviewView(c, r)).filter((r): r is ReviewView => r !== null);
}

export interface Decision {
  readonly action: "confirm" | "mark";
  readonly reliability?: Reliability | undefined;
  readonly reason: string;
}

const RELIABILITY_TEXT: Record<Reliability, string> = {
  limited: "eingeschränkt aussagefähig „( )“",
  unreliable: "nicht sicher genug „/“",
};

/**
 * Decides an open review: the value stands (confirmed) or carries a reliability mark. A
 * decided review or one of a value corrected since is refused (conflict), so two planners
 * deciding at once cannot both win.
 */
export async function decideOnReview(
  ctx: ServiceContext,
  ws: Workspace,
  actor: Actor,
  id: number,
  d: Decision,
  audience: Audience,
): Promise<ReviewView> {
  const reason = checkedReason(d.reason);
  if (d.action === "mark" && d.reliability === undefined) {
    throw new AppError(
      "invalid_input",
      "Kennzeichnung: bitte „eingeschränkt aussagefähig“ oder „nicht sicher genug“ wählen.",
      { field: "reliability" },
    );
  }
  const c = await catalogue(ctx, ws, audience);
  await ctx.db.transaction(async (tx) => {
    await lockDataVersion(tx.orm, ws.id);
    const r = await findReview(tx.orm, ws.id, id);
    if (!r || !c.variableById.has(r.variableId)) throw notFound("Prüffall", String(id));
    if (!r.current || r.state !== "open") {
      throw new AppError(
        "conflict",
        r.current
          ? "Dieser Wert wurde bereits geprüft; bitte die Liste neu laden."
          : "Dieser Wert wurde inzwischen korrigiert; bitte die Liste neu laden.",
      );
    }
    const at = ctx.now();
    const reliability = d.action === "mark" ? (d.reliability ?? null) : null;
    const state = d.action === "mark" ? "marked" : "confirmed";
    await decideReview(tx.orm, id, { state, reliability, reason, by: actor.label, at });
    await bumpDataVersion(tx.orm, ws.id);
    await audit(tx.orm, ctx, actor, [
      {
        workspaceId: ws.id,
        action: "update",
        entity: "value_review",
        entityKey: String(id),
        before: { state: "open", value: r.value, revision: r.revision, check: r.check },
        after: {
          state,
          reliability,
          reason,
          cell: cellLabel(c, r),
          ...(reliability ? { mark: RELIABILITY_TEXT[reliability] } : {}),
        },
      },
    ]);
  });
  ctx.dataChanged.emit(ws.id);
  const after = await listReviews(ctx.db.orm, ws.id, {});
  return reviewView(
    c,
    after.find((r) => r.id === id)!,
  )!;
}

export function cellLabel(c: Catalogue, r: { variableId: number; areaId: number; periodId: number }) {
  return {
    variable: c.variableById.get(r.variableId)?.code,
    area: c.areaById.get(r.areaId)?.code,
    period: c.periodById.get(r.periodId)?.code,
  };
}

export function checkedReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length < 3) {
    throw new AppError("invalid_input", "Begründung: bitte in ein paar Worten angeben.", {
      field: "reason",
    });
  }
  return trimmed;
}
