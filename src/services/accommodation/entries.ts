/**
 * The entry forms of the accommodation staff: a household moves in, out, or to another
 * facility. Each change is checked like a delivery; nothing is written while a problem remains.
 */
import { randomBytes } from "node:crypto";
import type { DayKind } from "../../core/accommodation/date-bounds.ts";
import type { Household, Person, Stay } from "../../core/accommodation/model.ts";
import { checkRecords, type Finding } from "../../core/accommodation/plausibility.ts";
import { setStayExits } from "../../storage/accommodation.repo.ts";
import { AppError, notFound } from "../app-error.ts";
import { audit, type Actor } from "../audit.ts";
import {
  bumpVersionChecked,
  loadChangeGuard,
  refuseClosedChanges,
  spanOf,
} from "./closed-period-guard.ts";
import type { ServiceContext } from "../context.ts";
import type { Workspace } from "../workspaces.ts";
import { loadRecords, storeRecords } from "./records.ts";
import { countingRulesOf } from "./statistic.ts";
import { refuseDaysOutOfBounds, duplicatesOf } from "./record-checks.ts";

/** A new pseudonymous key for a stay: never derived from a person. */
function newStayCode(): string {
  return `AU-${randomBytes(6).toString("hex")}`;
}

/**
 * One change of the records, checked like a delivery: the days entered must lie within their
 * bounds, the records after the change must hold no plausibility error, and no closed month or
 * delivered file may change; else nothing is written and every problem is named.
 */
async function changeRecords(
  ctx: ServiceContext,
  ws: Workspace,
  actor: Actor,
  change: {
    readonly households?: readonly Household[];
    readonly persons?: readonly Person[];
    readonly stays?: readonly Stay[];
    /** Stay code → exit day. */
    readonly exits?: ReadonlyMap<string, string>;
    /** The days entered, with the facility each concerns (by code). */
    readonly days: readonly {
      readonly day: string;
      readonly kind: DayKind;
      readonly facility: string;
    }[];
  },
  what: { readonly action: "create" | "update"; readonly key: string; readonly after: unknown },
): Promise<Finding[]> {
  const guard = await loadChangeGuard(ctx, ws);
  const stored = await loadRecords(ctx, ws);
  const facilityByCode = new Map(stored.facilities.map((f) => [f.code, f]));
  refuseDaysOutOfBounds(
    guard.limits,
    change.days.flatMap((d) => {
      const facility = facilityByCode.get(d.facility);
      return facility ? [{ day: d.day, kind: d.kind, facility }] : [];
    }),
  );
  const exits = change.exits ?? new Map<string, string>();
  const stays = [
    ...stored.stays.map((s) => (exits.has(s.id) ? { ...s, exit: exits.get(s.id)! } : s)),
    ...(change.stays ?? []),
  ];
  const households = [...stored.households, ...(change.households ?? [])];
  const persons = [...stored.persons, ...(change.persons ?? [])];
  const duplicates = [
    ...duplicatesOf(stored.households, change.households ?? [], "Haushalt"),
    ...duplicatesOf(stored.persons, change.persons ?? [], "Person"),
  ];
  const findings = checkRecords(stored.facilities, households, persons, stays);
  const errors = [...duplicates, ...findings.filter((f) => f.severity === "error")];
  if (errors.length > 0) {
    throw new AppError(
      "invalid_input",
      "Die Änderung ist nicht schlüssig; nichts wurde gespeichert.",
      {
        findings: errors,
      },
    );
  }
  // An exit set on an open stay changes every month from that day on.
  const span = spanOf([
    ...(change.stays ?? []).flatMap((s) => [s.entry, s.exit]),
    ...exits.values(),
    ...(exits.size > 0 ? [null] : []),
  ]);
  refuseClosedChanges(
    ws,
    countingRulesOf(ws),
    guard,
    stored,
    { facilities: stored.facilities, households, persons, stays },
    span,
  );
  await ctx.db.transaction(async (tx) => {
    await bumpVersionChecked(tx.orm, ws, guard);
    for (const [code, exit] of exits) await setStayExits(tx.orm, ws.id, [code], exit);
    await storeRecords(tx.orm, ws, {
      households: change.households ?? [],
      persons: change.persons ?? [],
      stays: change.stays ?? [],
    });
    await audit(tx.orm, ctx, actor, [
      {
        workspaceId: ws.id,
        action: what.action,
        entity: "stay",
        entityKey: what.key,
        after: what.after,
      },
    ]);
  });
  // Only the warnings the change brought: those about its own records.
  const touched = new Set([...exits.keys(), ...(change.stays ?? []).map((s) => s.id)]);
  return findings.filter(
    (f) => f.severity === "warning" && (touched.has(f.record) || f.code === "over_capacity"),
  );
}

/** The open stays of a household's persons. */
async function openStaysOf(ctx: ServiceContext, ws: Workspace, household: string) {
  const r = await loadRecords(ctx, ws);
  const members = new Set(r.persons.filter((p) => p.household === household).map((p) => p.id));
  if (members.size === 0) throw notFound("Haushalt", household);
  const open = r.stays.filter((s) => members.has(s.person) && s.exit === null);
  if (open.length === 0) {
    throw new AppError(
      "invalid_input",
      `Haushalt ${household} ist derzeit nirgends untergebracht.`,
    );
  }
  return open;
}

export interface MoveIn {
  /** A new household with its persons, or an existing one (persons then optional). */
  readonly household: Household;
  readonly persons: readonly Person[];
  readonly facility: string;
  readonly entry: string;
  readonly legalBasis: Stay["legalBasis"];
  readonly entitledToFlat: boolean;
}

/** A household moves in: new records where needed, one stay per person. */
export async function moveIn(ctx: ServiceContext, ws: Workspace, m: MoveIn, actor: Actor) {
  const stored = await loadRecords(ctx, ws);
  const knownHousehold = stored.households.some((h) => h.id === m.household.id);
  const knownPersons = new Set(stored.persons.map((p) => p.id));
  const members = knownHousehold
    ? [
        ...stored.persons.filter((p) => p.household === m.household.id),
        ...m.persons.filter((p) => !knownPersons.has(p.id)),
      ]
    : m.persons;
  if (members.length === 0) {
    throw new AppError("invalid_input", "Ein Einzug braucht mindestens eine Person.");
  }
  const stays = members.map((p): Stay => ({
    id: newStayCode(),
    person: p.id,
    facility: m.facility,
    legalBasis: m.legalBasis,
    entry: m.entry,
    exit: null,
    movedFrom: null,
    entitledToFlat: m.entitledToFlat,
  }));
  const warnings = await changeRecords(
    ctx,
    ws,
    actor,
    {
      households: knownHousehold ? [] : [m.household],
      persons: m.persons.filter((p) => !knownPersons.has(p.id)),
      stays,
      days: [{ day: m.entry, kind: "entry", facility: m.facility }],
    },
    {
      action: "create",
      key: m.household.id,
      after: { moveIn: m.facility, entry: m.entry, persons: stays.length },
    },
  );
  return { stays: stays.map((s) => s.id), warnings };
}

/** A household moves out on `exit`: every open stay of its persons ends. */
export async function moveOut(
  ctx: ServiceContext,
  ws: Workspace,
  household: string,
  exit: string,
  actor: Actor,
) {
  const open = await openStaysOf(ctx, ws, household);
  const warnings = await changeRecords(
    ctx,
    ws,
    actor,
    {
      exits: new Map(open.map((s) => [s.id, exit])),
      days: open.map((s) => ({ day: exit, kind: "exit" as const, facility: s.facility })),
    },
    { action: "update", key: household, after: { moveOut: exit, stays: open.length } },
  );
  return { stays: open.map((s) => s.id), warnings };
}

/** A household moves to another facility on `day`: its stays end and continue there. */
export async function moveHousehold(
  ctx: ServiceContext,
  ws: Workspace,
  household: string,
  to: string,
  day: string,
  actor: Actor,
) {
  const open = await openStaysOf(ctx, ws, household);
  if (open.every((s) => s.facility === to)) {
    throw new AppError("invalid_input", `Haushalt ${household} wohnt schon in ${to}.`);
  }
  const next = open.map((s): Stay => ({
    ...s,
    id: newStayCode(),
    facility: to,
    entry: day,
    exit: null,
    movedFrom: s.id,
  }));
  const warnings = await changeRecords(
    ctx,
    ws,
    actor,
    {
      exits: new Map(open.map((s) => [s.id, day])),
      stays: next,
      days: [
        ...open.map((s) => ({ day, kind: "move" as const, facility: s.facility })),
        { day, kind: "move", facility: to },
      ],
    },
    { action: "update", key: household, after: { move: { from: open[0]!.facility, to }, day } },
  );
  return { stays: next.map((s) => s.id), warnings };
}
