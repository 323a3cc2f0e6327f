/**
 * Facilities of the city's accommodation: added with their capacity, changed in their
 * description, closed, and given dated changes of places and units. Each write is checked
 * like a delivery of records: days within their bounds, no change to a closed month.
 */
import { checkRecords, type Finding } from "../../core/accommodation/plausibility.ts";
import {
  findFacilityId,
  updateFacility,
  insertCapacity,
  insertFacility,
} from "../../storage/accommodation.repo.ts";
import { listAreas } from "../../storage/areas.repo.ts";
import { AppError, notFound } from "../app-error.ts";
import { audit, type Actor } from "../audit.ts";
import {
  bumpVersionChecked,
  loadChangeGuard,
  mayTouchClosed,
  refuseClosedChanges,
  spanOf,
  type ChangeSpan,
} from "./closed-period-guard.ts";
import type { ServiceContext } from "../context.ts";
import type { Workspace } from "../workspaces.ts";
import { getFacilities, loadRecords, type FacilityView } from "./records.ts";
import { countingRulesOf } from "./statistic.ts";
import { refuseDaysOutOfBounds } from "./record-checks.ts";

export type NewFacility = Omit<FacilityView, "capacity" | "example"> & {
  readonly capacity: FacilityView["capacity"];
  readonly example?: boolean;
};

/**
 * Facts of facilities the database cannot check by itself: the area a facility lies in must
 * exist, and only a free provider belongs to a welfare association. All problems at once.
 */
async function checkFacilityFacts(
  ctx: ServiceContext,
  ws: Workspace,
  facilities: readonly {
    readonly code: string;
    readonly areaCode: string | null;
    readonly operator?: FacilityView["operator"];
  }[],
): Promise<void> {
  const problems: string[] = [];
  const needsAreas = facilities.some((f) => f.areaCode !== null);
  const areas = needsAreas
    ? new Set((await listAreas(ctx.db.orm, ws.id)).map((a) => a.code))
    : null;
  for (const f of facilities) {
    if (f.areaCode !== null && !areas!.has(f.areaCode)) {
      problems.push(`Unterkunft ${f.code}: Gebiet „${f.areaCode}“ gibt es nicht.`);
    }
    if (f.operator && f.operator.association !== null && f.operator.kind !== "free_provider") {
      problems.push(
        `Unterkunft ${f.code}: ein Wohlfahrtsverband gehört nur zu einem freien Träger.`,
      );
    }
  }
  if (problems.length > 0) throw new AppError("invalid_input", problems.join(" "), { problems });
}

/** Adds facilities with their capacity; a code that exists is refused. */
export async function addFacilities(
  ctx: ServiceContext,
  ws: Workspace,
  facilities: readonly NewFacility[],
  actor: Actor,
): Promise<void> {
  await checkFacilityFacts(ctx, ws, facilities);
  const guard = await loadChangeGuard(ctx, ws);
  const stored = await getFacilities(ctx, ws);
  const existing = new Set(stored.map((f) => f.code));
  const taken = facilities.filter((f) => existing.has(f.code)).map((f) => f.code);
  if (taken.length > 0) {
    throw new AppError("conflict", `Unterkunft „${taken.join("“, „")}“ gibt es schon.`, {
      codes: taken,
    });
  }
  refuseDaysOutOfBounds(
    guard.limits,
    facilities.flatMap((f) => [
      { day: f.opened, kind: "opening" as const, facility: f },
      ...(f.closed === null ? [] : [{ day: f.closed, kind: "closing" as const, facility: f }]),
      ...f.capacity.map((c) => ({ day: c.from, kind: "capacity" as const, facility: f })),
    ]),
  );
  const span = spanOf([
    ...facilities.flatMap((f) => [f.opened, ...f.capacity.map((c) => c.from)]),
    null,
  ]);
  if (mayTouchClosed(guard, span)) {
    const before = await loadRecords(ctx, ws);
    const after = { ...before, facilities: [...before.facilities, ...facilities] };
    refuseClosedChanges(ws, countingRulesOf(ws), guard, before, after, span);
  }
  await ctx.db.transaction(async (tx) => {
    await bumpVersionChecked(tx.orm, ws, guard);
    for (const f of facilities) {
      const row = await insertFacility(tx.orm, {
        workspaceId: ws.id,
        code: f.code,
        name: f.name,
        type: f.type,
        operatorName: f.operator.name,
        operatorKind: f.operator.kind,
        association: f.operator.association,
        provision: f.provision,
        address: f.address,
        areaCode: f.areaCode,
        opened: f.opened,
        closed: f.closed,
        wheelchairAccess: f.wheelchairAccess,
        familyRooms: f.familyRooms,
        example: f.example ?? false,
      });
      for (const c of f.capacity) {
        await insertCapacity(tx.orm, {
          facilityId: row.id,
          validFrom: c.from,
          places: c.places,
          units: c.units,
        });
      }
    }
    await audit(
      tx.orm,
      ctx,
      actor,
      facilities.map((f) => ({
        workspaceId: ws.id,
        action: "create" as const,
        entity: "facility",
        entityKey: f.code,
        after: f,
      })),
    );
  });
}

/**
 * A dated change of a facility's places and units (the earlier ones stay). The day lies from
 * the opening to the closing and not too far ahead; a change that would alter a closed month
 * (dated on or before its reference date) is refused until the month is reopened.
 */
export async function changeCapacity(
  ctx: ServiceContext,
  ws: Workspace,
  code: string,
  change: { readonly from: string; readonly places: number; readonly units: number },
  actor: Actor,
) {
  const guard = await loadChangeGuard(ctx, ws);
  const facilities = await getFacilities(ctx, ws);
  const f = facilities.find((x) => x.code === code);
  if (!f) throw notFound("Unterkunft", code);
  if (f.capacity.some((c) => c.from === change.from)) {
    throw new AppError(
      "conflict",
      `${f.name} hat schon eine Kapazität ab ${change.from.split("-").reverse().join(".")}.`,
    );
  }
  refuseDaysOutOfBounds(guard.limits, [{ day: change.from, kind: "capacity", facility: f }]);
  const span: ChangeSpan = { from: change.from, to: null };
  const changed: FacilityView = { ...f, capacity: [...f.capacity, change] };
  if (mayTouchClosed(guard, span)) {
    const before = await loadRecords(ctx, ws);
    const after = {
      ...before,
      facilities: before.facilities.map((x) => (x.code === code ? changed : x)),
    };
    refuseClosedChanges(ws, countingRulesOf(ws), guard, before, after, span);
  }
  await ctx.db.transaction(async (tx) => {
    await bumpVersionChecked(tx.orm, ws, guard);
    const id = (await findFacilityId(tx.orm, ws.id, code))!;
    await insertCapacity(tx.orm, {
      facilityId: id,
      validFrom: change.from,
      places: change.places,
      units: change.units,
    });
    await audit(tx.orm, ctx, actor, [
      {
        workspaceId: ws.id,
        action: "update",
        entity: "facility",
        entityKey: code,
        before: { capacity: f.capacity },
        after: { capacity: changed.capacity },
      },
    ]);
  });
}

export interface FacilityChange {
  readonly name?: string | undefined;
  readonly closed?: string | null | undefined;
  readonly address?: string | null | undefined;
  readonly areaCode?: string | null | undefined;
  readonly wheelchairAccess?: boolean | undefined;
  readonly familyRooms?: boolean | undefined;
}

/**
 * Changes a facility's description or closes it. Closing while people are still housed there
 * is allowed (they may move on the closing day) but returned as warnings to act on.
 */
export async function updateFacilityDetails(
  ctx: ServiceContext,
  ws: Workspace,
  code: string,
  change: FacilityChange,
  actor: Actor,
): Promise<{ warnings: Finding[] }> {
  const guard = await loadChangeGuard(ctx, ws);
  const r = await loadRecords(ctx, ws);
  const before = r.facilities.find((f) => f.code === code);
  if (!before) throw notFound("Unterkunft", code);
  if (change.closed != null && change.closed < before.opened) {
    throw new AppError(
      "invalid_input",
      `${before.name} kann nicht vor ihrer Eröffnung (${before.opened.split("-").reverse().join(".")}) schließen.`,
    );
  }
  if (change.closed != null) {
    refuseDaysOutOfBounds(guard.limits, [
      { day: change.closed, kind: "closing", facility: before },
    ]);
  }
  const after: FacilityView = {
    ...before,
    ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)),
  };
  if (after.areaCode !== before.areaCode) await checkFacilityFacts(ctx, ws, [after]);
  // Only the closing day changes figures: from the earlier of the two days on.
  if (after.closed !== before.closed) {
    refuseClosedChanges(
      ws,
      countingRulesOf(ws),
      guard,
      r,
      { ...r, facilities: r.facilities.map((f) => (f.code === code ? after : f)) },
      spanOf([...[before.closed, after.closed].filter((d) => d !== null), null]),
    );
  }
  await ctx.db.transaction(async (tx) => {
    await bumpVersionChecked(tx.orm, ws, guard);
    await updateFacility(tx.orm, ws.id, code, {
      name: after.name,
      closed: after.closed,
      address: after.address,
      areaCode: after.areaCode,
      wheelchairAccess: after.wheelchairAccess,
      familyRooms: after.familyRooms,
    });
    await audit(tx.orm, ctx, actor, [
      { workspaceId: ws.id, action: "update", entity: "facility", entityKey: code, before, after },
    ]);
  });
  const facilities = r.facilities.map((f) => (f.code === code ? after : f));
  const warnings = checkRecords(facilities, r.households, r.persons, r.stays).filter(
    (f) =>
      f.code === "open_after_closing" &&
      r.stays.some((s) => s.id === f.record && s.facility === code),
  );
  return { warnings };
}
