/**
 * Doubtful values and their review: an import holds the figures its plausibility checks flag
 * ("zu prüfen"); planners confirm them (with a reason), correct them (a new revision, with a
 * reason), or mark them as of limited reliability `( )` or not reliable enough `/`. A single
 * value can be corrected and the correction undone without re-importing a file. Every decision
 * is a new row or revision — nothing is overwritten — and is audited in the same transaction.
 * Until a review is decided, the value and everything computed from it carry the mark `p`
 * (core/marks/value-mark.ts). Method: docs/methods/value-marks.md.
 */
import type { ImportIssue } from "../../imports/issue.ts";
import { reviewTargetOf } from "../../imports/validate/plausibility.ts";
import { isVisibleTo, type Audience } from "../../core/publication/publication.ts";
import { listAreas } from "../../storage/areas.repo.ts";
import type { Orm } from "../../storage/db.ts";
import { listImportRuns } from "../../storage/imports.repo.ts";
import {
  insertCorrection,
  listRevisions,
  supersedeObservations,
  type ObservationRevision,
} from "../../storage/observations.repo.ts";
import { listPeriods } from "../../storage/periods.repo.ts";
import {
  decideReview,
  findCurrentReview,
  findReview,
  holdForReview,
  insertManualMark,
  listReviews,
  type Reliability,
  type ReviewCheck,
  type ReviewRow,
} from "../../storage/value-review.repo.ts";
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
async function catalogue(ctx: ServiceContext, ws: Workspace, audience: Audience) {
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
    cell(key: CellKey) {
      const v = visible.find((x) => x.code === key.variable);
      if (!v) throw notFound("Merkmal", key.variable);
      const a = areas.find((x) => x.code === key.area);
      if (!a) throw notFound("Gebiet", key.area);
      const p = periods.find((x) => x.code === key.period);
      if (!p) throw notFound("Zeitraum", key.period);
      return { variable: v, area: a, period: p };
    },
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

function reviewView(c: Catalogue, r: ReviewRow): ReviewView | null {
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

function cellLabel(c: Catalogue, r: { variableId: number; areaId: number; periodId: number }) {
  return {
    variable: c.variableById.get(r.variableId)?.code,
    area: c.areaById.get(r.areaId)?.code,
    period: c.periodById.get(r.periodId)?.code,
  };
}

function checkedReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length < 3) {
    throw new AppError("invalid_input", "Begründung: bitte in ein paar Worten angeben.", {
      field: "reason",
    });
  }
  return trimmed;
}

export interface CorrectionInput extends CellKey {
  readonly value: number | null;
  readonly reason: string;
  /** The revision the planner saw; a newer one meanwhile refuses the correction. */
  readonly revision?: number | undefined;
}

/** What a change of one value sees, inside its transaction with the data version locked. */
interface ValueChange {
  readonly orm: Orm;
  readonly variable: { readonly name: string; readonly nonNegative: boolean };
  readonly key: { readonly variableId: number; readonly areaId: number; readonly periodId: number };
  /** Every revision of the value, oldest first, and the current one. */
  readonly revisions: readonly ObservationRevision[];
  readonly current: ObservationRevision | undefined;
  readonly at: Date;
}

/**
 * One change of one value, as every hand-made change runs: the reason checked, the cell found
 * among what the audience sees, one transaction with the data version locked, the change and
 * its audit event (`change` returns it), a new data version; then every cache is told and the
 * value's history returned.
 */
async function changeValue(
  ctx: ServiceContext,
  ws: Workspace,
  actor: Actor,
  input: CellKey & { readonly reason: string },
  audience: Audience,
  change: (
    c: ValueChange,
    reason: string,
  ) => Promise<{ entity: string; before: unknown; after: unknown }>,
) {
  const reason = checkedReason(input.reason);
  const { variable, area, period } = (await catalogue(ctx, ws, audience)).cell(input);
  const key = { variableId: variable.id, areaId: area.id, periodId: period.id };
  await ctx.db.transaction(async (tx) => {
    await lockDataVersion(tx.orm, ws.id);
    const revisions = await listRevisions(tx.orm, key);
    const current = revisions.find((r) => r.supersededAt === null);
    const event = await change(
      { orm: tx.orm, variable, key, revisions, current, at: ctx.now() },
      reason,
    );
    await bumpDataVersion(tx.orm, ws.id);
    await audit(tx.orm, ctx, actor, [
      {
        workspaceId: ws.id,
        action: "update",
        entity: event.entity,
        entityKey: `${variable.code}/${area.code}/${period.code}`,
        before: event.before,
        after: event.after,
      },
    ]);
  });
  ctx.dataChanged.emit(ws.id);
  return getValueHistory(ctx, ws, input, audience);
}

const NOTHING_STORED = (input: CellKey) =>
  notFound("Wert", `${input.variable}/${input.area}/${input.period}`);

/**
 * Corrects one value: a new revision with who and why; the old one stays in the history. An
 * open review of the value is closed as "corrected". A value that would not change, a negative
 * count or a revision that is no longer current is refused in German, and nothing changes.
 */
export async function correctValue(
  ctx: ServiceContext,
  ws: Workspace,
  actor: Actor,
  input: CorrectionInput,
  audience: Audience,
) {
  return changeValue(ctx, ws, actor, input, audience, async (c, reason) => {
    const { current, key, at } = c;
    if (input.value !== null && c.variable.nonNegative && input.value < 0) {
      throw new AppError("invalid_input", `Wert: „${c.variable.name}“ kann nicht negativ sein.`, {
        field: "value",
      });
    }
    if (!current) throw NOTHING_STORED(input);
    if (input.revision !== undefined && input.revision !== current.revision) {
      throw new AppError(
        "conflict",
        `Der Wert wurde inzwischen geändert (jetzt Revision ${current.revision}); bitte neu laden.`,
      );
    }
    if (current.value === input.value) {
      throw new AppError("invalid_input", "Wert: unverändert – es gibt nichts zu korrigieren.", {
        field: "value",
      });
    }
    const open = await findCurrentReview(c.orm, ws.id, key);
    await supersede(c.orm, current.id, at);
    await insertCorrection(c.orm, {
      ...key,
      workspaceId: ws.id,
      value: input.value,
      status:
        input.value === null ? "missing" : current.status === "missing" ? "final" : current.status,
      revision: current.revision + 1,
      changedBy: actor.label,
      reason,
      createdAt: at,
    });
    if (open?.state === "open") {
      await decideReview(c.orm, open.id, {
        state: "corrected",
        reliability: null,
        reason,
        by: actor.label,
        at,
      });
    }
    return {
      entity: "observation",
      before: { value: current.value, revision: current.revision },
      after: {
        value: input.value,
        revision: current.revision + 1,
        reason,
        ...(open?.state === "open" ? { review: open.id } : {}),
      },
    };
  });
}

/**
 * Undoes the current correction of a value: one more revision with the value before it (the
 * history keeps all three). If the restored value had been held for review, it is held again.
 */
export async function undoCorrection(
  ctx: ServiceContext,
  ws: Workspace,
  actor: Actor,
  input: CellKey & { readonly reason: string },
  audience: Audience,
) {
  return changeValue(ctx, ws, actor, input, audience, async (c, reason) => {
    const { current, key, at } = c;
    if (!current || current.changedBy === null || current.revision < 2) {
      throw new AppError(
        "conflict",
        "Der aktuelle Wert ist keine Korrektur von Hand; es gibt nichts rückgängig zu machen.",
      );
    }
    const before = c.revisions.find((r) => r.revision === current.revision - 1)!;
    await supersede(c.orm, current.id, at);
    const restoredId = await insertCorrection(c.orm, {
      ...key,
      workspaceId: ws.id,
      value: before.value,
      status: before.status,
      revision: current.revision + 1,
      changedBy: actor.label,
      reason: `Korrektur zurückgenommen: ${reason}`,
      createdAt: at,
    });
    const earlier = await listReviews(c.orm, ws.id, { cell: key });
    const held = earlier.find((r) => r.observationId === before.id && r.state === "corrected");
    if (held) {
      await holdForReview(c.orm, ws.id, held.importId, [
        { ...key, check: held.check, message: held.message },
      ]);
    }
    return {
      entity: "observation",
      before: { value: current.value, revision: current.revision },
      after: {
        value: before.value,
        revision: current.revision + 1,
        undoes: current.revision,
        reason,
        observation: restoredId,
        ...(held ? { heldForReview: true } : {}),
      },
    };
  });
}

/**
 * Marks a value by hand as of limited reliability or not reliable enough (no check found it),
 * or decides its open review that way.
 */
export async function markValueReliability(
  ctx: ServiceContext,
  ws: Workspace,
  actor: Actor,
  input: CellKey & { readonly reliability: Reliability | null; readonly reason: string },
  audience: Audience,
) {
  return changeValue(ctx, ws, actor, input, audience, async (c, reason) => {
    const { current, key, at } = c;
    if (!current) throw NOTHING_STORED(input);
    const review = await findCurrentReview(c.orm, ws.id, key);
    const state = input.reliability ? "marked" : "confirmed";
    if (review) {
      await decideReview(c.orm, review.id, {
        state,
        reliability: input.reliability,
        reason,
        by: actor.label,
        at,
      });
    } else if (input.reliability) {
      await insertManualMark(
        c.orm,
        ws.id,
        { ...key, observationId: current.id },
        { reliability: input.reliability, reason, by: actor.label, at },
      );
    } else {
      throw new AppError("invalid_input", "Kennzeichnung: der Wert trägt keine Kennzeichnung.", {
        field: "reliability",
      });
    }
    return {
      entity: "value_review",
      before: review ? { state: review.state, reliability: review.reliability } : null,
      after: { state, reliability: input.reliability, reason, revision: current.revision },
    };
  });
}

async function supersede(orm: Orm, id: number, at: Date): Promise<void> {
  await supersedeObservations(orm, [id], at);
}

/**
 * A value with its whole history: every revision (value, status, import or who corrected it,
 * when, why) and every review (what the check found, how it was decided, by whom, why).
 */
export async function getValueHistory(
  ctx: ServiceContext,
  ws: Workspace,
  key: CellKey,
  audience: Audience,
) {
  const c = await catalogue(ctx, ws, audience);
  const { variable, area, period } = c.cell(key);
  const ids = { variableId: variable.id, areaId: area.id, periodId: period.id };
  const [revisions, reviews] = await Promise.all([
    listRevisions(ctx.db.orm, ids),
    listReviews(ctx.db.orm, ws.id, { cell: ids }),
  ]);
  return {
    variable: variable.code,
    variableName: variable.name,
    unit: variable.unit,
    area: area.code,
    areaName: area.name,
    period: period.code,
    revisions: revisions.map((r) => ({
      revision: r.revision,
      value: r.value,
      status: r.status,
      importId: r.importId,
      importLabel: r.importId !== null ? (c.runLabel.get(r.importId) ?? null) : null,
      changedBy: r.changedBy,
      reason: r.reason,
      createdAt: r.createdAt.toISOString(),
      supersededAt: r.supersededAt ? r.supersededAt.toISOString() : null,
      reviews: reviews
        .filter((x) => x.observationId === r.id)
        .map((x) => reviewView(c, x))
        .filter((x): x is ReviewView => x !== null),
    })),
  };
}
