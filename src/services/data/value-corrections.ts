/**
 * A planner's hand on a single value: a correction (a new revision, with a reason), its undoing,
 * a reliability mark `( )` or `/`, and the value's whole history. Every change runs the same
 * path — reason checked, one transaction with the data version locked, the change and its audit
 * event, a new data version — so no change is lost or left unaudited. Reviews held by imports
 * are in value-review.ts. Method: docs/methods/value-marks.md.
 */
import { type Audience } from "../../core/publication/publication.ts";
import type { AuditEntity } from "../../core/audit/actions.ts";
import type { Orm } from "../../storage/db.ts";
import { insertCorrection, listRevisions, supersedeObservations, type ObservationRevision } from "../../storage/observations.repo.ts";
import { decideReview, findCurrentReview, holdForReview, insertManualMark, listReviews, type Reliability } from "../../storage/value-review.repo.ts";
import { bumpDataVersion, lockDataVersion } from "../../storage/workspaces.repo.ts";
import { AppError, notFound } from "../app-error.ts";
import { audit, type Actor } from "../audit.ts";
import type { ServiceContext } from "../context.ts";
import type { Workspace } from "../workspaces.ts";

import { catalogue, checkedReason, reviewView, type CellKey, type ReviewView } from "./value-review.ts";

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
  ) => Promise<{ entity: AuditEntity; before: unknown; after: unknown }>,
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
