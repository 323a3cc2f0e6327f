/**
 * The accommodation module's use cases: facilities with their dated capacity, pseudonymous
 * records (households, persons, stays) written all or nothing after the plausibility check,
 * and the monthly occupancy statistic. Stays are personal data: who may read them is the
 * route's rule (occupancy staff and planners), and every read of stay records is audited.
 * Counting rules and methods: docs/methods/occupancy.md.
 */
import { formatDay } from "../../core/reports/format.ts";
import { randomBytes } from "node:crypto";
import {
  addMonths,
  isoDay as isoDayOf,
  monthOf,
  monthOfDay,
  parseMonth,
  type Month,
} from "../../core/accommodation/days.ts";
import {
  compareDeliveries,
  type Delivery,
  type DeliveryChanges,
} from "../../core/accommodation/closing.ts";
import {
  dayOutOfBounds,
  type DayKind,
  type DayLimits,
} from "../../core/accommodation/date-bounds.ts";
import { dayNumber } from "../../core/accommodation/days.ts";
import { federalStatistic } from "../../core/accommodation/federal-statistic.ts";
import { forecastPlaces } from "../../core/accommodation/forecast.ts";
import type { Facility, Household, Person, Stay } from "../../core/accommodation/model.ts";
import {
  HOUSEHOLD_TYPES,
  LEGAL_BASES,
  NATIONALITY_GROUPS,
  SEXES,
} from "../../core/accommodation/model.ts";
import {
  monthlyStatistic,
  tableOfColumns,
  type CountingRules,
  type MonthlyStatistic,
  type StayTable,
} from "../../core/accommodation/occupancy.ts";
import { checkRecords, type Finding } from "../../core/accommodation/plausibility.ts";
import {
  bumpAccommodationVersion,
  deletePersonsHousedBefore,
  facilityIds,
  findFacilityId,
  findOccupancyMonth,
  setStayExits,
  updateFacility,
  listOccupancyMonths,
  storeOccupancyMonths,
  insertAccommodationRecords,
  loadStayArrays,
  insertCapacity,
  insertFacility,
  listFacilities,
  recordMonthSpan,
  loadAccommodationRecords,
  type FacilityCapacityRow,
  type FacilityRow,
} from "../../storage/accommodation.repo.ts";
import { listAreas } from "../../storage/areas.repo.ts";
import {
  closedPeriodVersions,
  deleteDeliveredRecordsBefore,
  latestClosedPeriods,
} from "../../storage/closed-periods.repo.ts";
import { readStayTable, stayMappingSchema } from "../../imports/accommodation-table.ts";
import { issue } from "../../imports/issue.ts";
import { AppError, notFound } from "../app-error.ts";
import { audit, type Actor } from "../audit.ts";
import {
  bumpVersionChecked,
  loadChangeGuard,
  mayTouchClosed,
  refuseClosedChanges,
  spanOf,
  type ChangeGuard,
  type ChangeSpan,
} from "./closed-period-guard.ts";
import type { ServiceContext } from "../context.ts";
import type { Workspace } from "../workspaces.ts";

export interface FacilityView extends Facility {
  readonly address: string | null;
  readonly areaCode: string | null;
  readonly wheelchairAccess: boolean;
  readonly familyRooms: boolean;
  /** Made by the generator of example data ("Beispieldaten"), never by a person's entry. */
  readonly example: boolean;
}

function facilityView(f: FacilityRow, capacity: readonly FacilityCapacityRow[]): FacilityView {
  return {
    code: f.code,
    name: f.name,
    type: f.type,
    operator: { name: f.operatorName, kind: f.operatorKind, association: f.association },
    provision: f.provision,
    opened: f.opened,
    closed: f.closed,
    capacity: capacity.map((c) => ({ from: c.validFrom, places: c.places, units: c.units })),
    address: f.address,
    areaCode: f.areaCode,
    wheelchairAccess: f.wheelchairAccess,
    familyRooms: f.familyRooms,
    example: f.example,
  };
}

export async function getFacilities(ctx: ServiceContext, ws: Workspace): Promise<FacilityView[]> {
  return (await listFacilities(ctx.db.orm, ws.id)).map((r) => facilityView(r.facility, r.capacity));
}

/** The first and last month with records or stored figures; null for a workspace without any. */
export function recordSpan(ctx: ServiceContext, ws: Workspace) {
  return recordMonthSpan(ctx.db.orm, ws.id);
}

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

export interface AccommodationRecords {
  readonly facilities: FacilityView[];
  readonly households: Household[];
  readonly persons: Person[];
  readonly stays: Stay[];
}

/** Every record of the workspace, for computing (not audited: nothing leaves the service). */
async function loadRecords(ctx: ServiceContext, ws: Workspace): Promise<AccommodationRecords> {
  const [facilities, r] = await Promise.all([
    getFacilities(ctx, ws),
    loadAccommodationRecords(ctx.db.orm, ws.id),
  ]);
  return { facilities, households: r.households, persons: r.persons, stays: r.stays };
}

/** The records for a person with the right to see them; the read is audited. */
export async function readRecords(
  ctx: ServiceContext,
  ws: Workspace,
  actor: Actor,
  purpose: string,
): Promise<AccommodationRecords> {
  const records = await loadRecords(ctx, ws);
  await audit(ctx.db.orm, ctx, actor, [
    {
      workspaceId: ws.id,
      action: "read",
      entity: "stay",
      entityKey: "*",
      after: { purpose, stays: records.stays.length },
    },
  ]);
  return records;
}

/**
 * Adds households, persons and stays, all or nothing: the new records are checked together
 * with the stored ones; any error refuses the whole delivery with every finding.
 */
export async function addRecords(
  ctx: ServiceContext,
  ws: Workspace,
  records: {
    readonly households: readonly Household[];
    readonly persons: readonly Person[];
    readonly stays: readonly Stay[];
  },
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
    await insertAccommodationRecords(tx.orm, ws.id, {
      households: records.households.map((h) => ({ pseudonym: h.id, type: h.type, size: h.size })),
      persons: records.persons.map((p) => ({
        pseudonym: p.id,
        household: p.household,
        birthYear: p.birthYear,
        sex: p.sex,
        nationality: p.nationality,
      })),
      stays: records.stays.map((s) => ({ ...s, code: s.id })),
    });
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

/**
 * Every finding about new records checked with the stored ones: keys that exist, the
 * plausibility check of all records together, and the days of the new stays against their
 * facility's opening and closing and the days ahead.
 */
function checkDelivery(
  stored: AccommodationRecords,
  records: {
    readonly households: readonly Household[];
    readonly persons: readonly Person[];
    readonly stays: readonly Stay[];
  },
  guard: ChangeGuard,
): Finding[] {
  const persons = [...stored.persons, ...records.persons];
  const household = new Map(persons.map((p) => [p.id, p.household]));
  const facility = new Map(stored.facilities.map((f) => [f.code, f]));
  const days: Finding[] = [];
  for (const s of records.stays) {
    const f = facility.get(s.facility);
    if (!f) continue;
    const label = household.has(s.person)
      ? `Aufenthalt ${s.id} (Haushalt ${household.get(s.person)}, Person ${s.person})`
      : `Aufenthalt ${s.id}`;
    for (const [day, kind] of [
      [s.entry, "entry"],
      [s.exit, "exit"],
    ] as const) {
      if (day === null || dayNumber(day) === null) continue;
      const problem = dayOutOfBounds(day, kind, f, guard.limits);
      if (problem !== null) {
        days.push({
          severity: "error",
          code: "date_out_of_range",
          record: s.id,
          message: `${label}: ${problem}`,
        });
      }
    }
  }
  return [
    ...duplicatesOf(stored.households, records.households, "Haushalt"),
    ...duplicatesOf(stored.persons, records.persons, "Person"),
    ...duplicatesOf(stored.stays, records.stays, "Aufenthalt"),
    ...days,
    ...checkRecords(stored.facilities, [...stored.households, ...records.households], persons, [
      ...stored.stays,
      ...records.stays,
    ]),
  ];
}

/** Refuses new records that would change a closed month or a delivered file. */
function refuseDeliveryToClosed(
  ws: Workspace,
  guard: ChangeGuard,
  stored: AccommodationRecords,
  records: {
    readonly households: readonly Household[];
    readonly persons: readonly Person[];
    readonly stays: readonly Stay[];
  },
): void {
  refuseClosedChanges(
    ws,
    countingRulesOf(ws),
    guard,
    stored,
    {
      facilities: stored.facilities,
      households: [...stored.households, ...records.households],
      persons: [...stored.persons, ...records.persons],
      stays: [...stored.stays, ...records.stays],
    },
    spanOf(records.stays.flatMap((s) => [s.entry, s.exit])),
  );
}

/** A day a person entered, the field it was entered in, and the facility it concerns. */
interface EnteredDay {
  readonly day: string;
  readonly kind: DayKind;
  readonly facility: Pick<Facility, "name" | "opened" | "closed">;
}

/** Refuses days outside their bounds, each problem named (`error.details.problems`). */
function refuseDaysOutOfBounds(limits: DayLimits, days: readonly EnteredDay[]): void {
  const problems = [
    ...new Set(
      days.flatMap((d) => {
        const p = dayOutOfBounds(d.day, d.kind, d.facility, limits);
        return p === null ? [] : [p];
      }),
    ),
  ];
  if (problems.length > 0) {
    throw new AppError("invalid_input", problems.join(" "), { problems });
  }
}

function duplicatesOf(
  stored: readonly { id: string }[],
  added: readonly { id: string }[],
  what: string,
): Finding[] {
  const known = new Set(stored.map((x) => x.id));
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const x of added) {
    if (known.has(x.id) || seen.has(x.id)) {
      out.push({
        severity: "error",
        code: "unknown_stay",
        record: x.id,
        message: `${what} ${x.id} gibt es schon.`,
      });
    }
    seen.add(x.id);
  }
  return out;
}

/** The workspace's counting rules. */
export function countingRulesOf(ws: Workspace): CountingRules {
  const day = ws.occupancyReferenceDay;
  return { referenceDay: day === "last" ? "last" : Number(day) };
}

/**
 * The statistics of the closed months as they were closed (the latest version of each month
 * that is not reopened), by month: they are served as reported, whatever the records say.
 */
export async function closedMonthStatistics(
  ctx: ServiceContext,
  ws: Workspace,
): Promise<Map<string, MonthlyStatistic>> {
  const rows = await latestClosedPeriods(ctx.db.orm, ws.id, "month");
  return new Map(
    [...rows.values()]
      .filter((r) => r.reopenedAt === null)
      .map((r) => [r.period, r.content as MonthlyStatistic]),
  );
}

/**
 * The occupancy statistic of one month ("YYYY-MM") under the workspace's rules: a closed
 * month as it was closed, a month whose records were deleted as stored then, else computed.
 */
export async function monthlyOccupancy(
  ctx: ServiceContext,
  ws: Workspace,
  month: string,
): Promise<MonthlyStatistic> {
  const m = parseMonth(month);
  if (!m) throw new AppError("invalid_input", `„${month}“ ist kein Monat (JJJJ-MM).`);
  const closed = (await closedMonthStatistics(ctx, ws)).get(m.code);
  if (closed !== undefined) return closed;
  const frozen = await findOccupancyMonth(ctx.db.orm, ws.id, m.code, ws.occupancyReferenceDay);
  if (frozen !== undefined) return frozen as MonthlyStatistic;
  return monthlyStatistic(await loadStayTable(ctx, ws, m), m, countingRulesOf(ws));
}

/**
 * The statistics of every month from `from` to `to` ("YYYY-MM"), the records read once;
 * closed months and months whose records were deleted as stored (`monthlyOccupancy`).
 */
export async function occupancySeries(
  ctx: ServiceContext,
  ws: Workspace,
  from: string,
  to: string,
): Promise<MonthlyStatistic[]> {
  const first = parseMonth(from);
  const last = parseMonth(to);
  if (!first || !last) {
    throw new AppError("invalid_input", `„${first ? to : from}“ ist kein Monat (JJJJ-MM).`);
  }
  if (last.first < first.first) {
    throw new AppError("invalid_input", `Der Zeitraum ${from} bis ${to} ist leer.`);
  }
  const [table, frozen, closed] = await Promise.all([
    loadStayTable(ctx, ws),
    listOccupancyMonths(ctx.db.orm, ws.id, ws.occupancyReferenceDay),
    closedMonthStatistics(ctx, ws),
  ]);
  const rules = countingRulesOf(ws);
  const out: MonthlyStatistic[] = [];
  for (let m = first; m.first <= last.first; m = addMonths(m, 1)) {
    out.push(
      closed.get(m.code) ??
        (frozen.get(m.code) as MonthlyStatistic | undefined) ??
        monthlyStatistic(table, m, rules),
    );
  }
  return out;
}

/** Dense positions of database ids, in the order given. */
function positions(ids: readonly number[]): Map<number, number> {
  return new Map(ids.map((id, i) => [id, i]));
}

const codeIndex = <T extends string>(values: readonly T[]) =>
  new Map<string, number>(values.map((v, i) => [v, i]));

/**
 * The stored records as the statistic's table, read as arrays (no record per stay); with
 * `month` only the stays overlapping it (enough for that month's statistic: a move's other
 * half lies in the same month when it matters, and chain starts come from the database).
 */
async function loadStayTable(
  ctx: ServiceContext,
  ws: Workspace,
  month?: Month,
): Promise<StayTable> {
  const [facilities, ids, a] = await Promise.all([
    getFacilities(ctx, ws),
    facilityIds(ctx.db.orm, ws.id),
    loadStayArrays(
      ctx.db.orm,
      ws.id,
      month ? { first: isoDayOf(month.first), last: isoDayOf(month.last) } : undefined,
    ),
  ]);
  const facilityPosition = new Map(facilities.map((f, i) => [f.code, i]));
  const household = positions(a.households.id);
  const person = positions(a.persons.id);
  const stay = positions(a.stays.id);
  const typeOf = codeIndex(HOUSEHOLD_TYPES);
  const sexOf = codeIndex(SEXES);
  const nationalityOf = codeIndex(NATIONALITY_GROUPS);
  const legalOf = codeIndex(LEGAL_BASES);
  return tableOfColumns({
    facilities,
    householdType: Uint8Array.from(a.households.type, (t) => typeOf.get(t)!),
    personHousehold: Int32Array.from(a.persons.household, (h) => household.get(h)!),
    personBirthYear: Float64Array.from(a.persons.birthYear, (y) => y ?? Number.NaN),
    personSex: Uint8Array.from(a.persons.sex, (x) => sexOf.get(x)!),
    personNationality: Uint8Array.from(a.persons.nationality, (x) => nationalityOf.get(x)!),
    person: Int32Array.from(a.stays.person, (p) => person.get(p)!),
    facility: Int32Array.from(a.stays.facility, (f) => facilityPosition.get(ids.get(f)!)!),
    legalBasis: Uint8Array.from(a.stays.legalBasis, (l) => legalOf.get(l)!),
    entry: Float64Array.from(a.stays.entry),
    exit: Float64Array.from(a.stays.exit, (x) => x ?? Infinity),
    previous: Int32Array.from(a.stays.movedFrom, (m) => (m === null ? -1 : (stay.get(m) ?? -1))),
    chainStart: Float64Array.from(a.stays.chainStart),
    entitled: Uint8Array.from(a.stays.entitled, (t) => (t ? 1 : 0)),
  });
}

/**
 * The counting rules in words, printed with every statistic; with `referenceDate` (ISO day)
 * the reference date of one month is named too ("Stichtag: 31.10.2026, letzter Tag des Monats").
 */
export function rulesText(rules: CountingRules, referenceDate?: string): string {
  const day =
    rules.referenceDay === "last"
      ? "letzter Tag des Monats"
      : `${rules.referenceDay}. Tag des Monats`;
  const date = referenceDate === undefined ? "" : `${formatDay(referenceDate)}, `;
  return `Stichtag: ${date}${day}. Untergebracht am Stichtag ist, wer bis dahin eingezogen und noch nicht ausgezogen ist (Auszug nach dem Stichtag). Zu- und Abgänge: Personen mit Ein- oder Auszug im Monat; ein Umzug zwischen Unterkünften zählt nur bei den Unterkünften. Verweildauer seit dem ersten Einzug in eine städtische Unterkunft. Auslastung: Personen je Platz.`;
}

/** A delivery as stored when it was marked delivered (records removed after retention). */
export interface StoredDelivery extends Delivery {
  /** Set when the records were deleted under the retention rule (the summary stays). */
  readonly recordsDeletedOn?: string;
}

/** Where a year's WoBerichtsG delivery stands, for the accommodation staff and planners. */
export interface DeliveryState {
  readonly state: "open" | "delivered" | "reopened";
  /** The latest version marked delivered; 0 before the first. */
  readonly version: number;
  readonly deliveredAt: string | null;
  readonly deliveredBy: string | null;
  readonly reopenedAt: string | null;
  readonly reopenedBy: string | null;
  readonly reason: string | null;
  /** Delivered again after a reopening: the file is a revision ("r"). */
  readonly revised: boolean;
  /** The delivery the changes are against: the one before a revision, or the one delivered while reopened. */
  readonly comparedWith: { readonly version: number; readonly deliveredAt: string } | null;
  readonly changes: DeliveryChanges | null;
  /** The day the delivered records were deleted under the retention rule, if they were. */
  readonly recordsDeletedOn: string | null;
}

function requireMunicipalityKey(ws: Workspace): string {
  if (!ws.municipalityKey) {
    throw new AppError(
      "invalid_input",
      "Für die Bundesstatistik fehlt der Amtliche Gemeindeschlüssel des Arbeitsbereichs.",
    );
  }
  return ws.municipalityKey;
}

/** The delivery of `year` computed from the records now (not audited: it stays in the service). */
export async function liveFederalDelivery(
  ctx: ServiceContext,
  ws: Workspace,
  year: number,
): Promise<Delivery> {
  const key = requireMunicipalityKey(ws);
  const r = await loadRecords(ctx, ws);
  return federalStatistic(year, key, r.facilities, r.households, r.persons, r.stays);
}

/**
 * The WoBerichtsG delivery of `year` with its state: as delivered while it is marked
 * delivered, else computed from the records (while reopened: with the changes against the
 * delivered file). It holds person records, so the read is audited.
 */
export async function federalDelivery(
  ctx: ServiceContext,
  ws: Workspace,
  year: number,
  actor: Actor,
): Promise<Delivery & { readonly delivery: DeliveryState }> {
  const key = requireMunicipalityKey(ws);
  const versions = await closedPeriodVersions(ctx.db.orm, ws.id, "federal", String(year));
  const latest = versions.at(-1);
  const r = await readRecords(ctx, ws, actor, `Bundesstatistik ${year}`);
  const live = (): Delivery =>
    federalStatistic(year, key, r.facilities, r.households, r.persons, r.stays);
  const stored = (row: (typeof versions)[number]) => row.content as StoredDelivery;
  const base = {
    version: latest?.version ?? 0,
    deliveredAt: latest?.closedAt.toISOString() ?? null,
    deliveredBy: latest?.closedBy ?? null,
    reopenedAt: latest?.reopenedAt?.toISOString() ?? null,
    reopenedBy: latest?.reopenedBy ?? null,
    reason: latest?.reopenReason ?? null,
    recordsDeletedOn: latest ? (stored(latest).recordsDeletedOn ?? null) : null,
  };
  if (latest === undefined) {
    return {
      ...live(),
      delivery: { ...base, state: "open", revised: false, comparedWith: null, changes: null },
    };
  }
  if (latest.reopenedAt !== null) {
    const now = live();
    return {
      ...now,
      delivery: {
        ...base,
        state: "reopened",
        revised: false,
        comparedWith: { version: latest.version, deliveredAt: latest.closedAt.toISOString() },
        changes: compareDeliveries(stored(latest), now),
      },
    };
  }
  const before = versions.at(-2);
  const delivered = stored(latest);
  return {
    records: delivered.records,
    summary: delivered.summary,
    delivery: {
      ...base,
      state: "delivered",
      revised: before !== undefined,
      comparedWith: before
        ? { version: before.version, deliveredAt: before.closedAt.toISOString() }
        : null,
      changes: before ? compareDeliveries(stored(before), delivered) : null,
    },
  };
}

/**
 * The forecast of places for `horizon` months after `to` (default: the month before the
 * current one), from up to 36 months behind it.
 */
export async function placesForecast(
  ctx: ServiceContext,
  ws: Workspace,
  horizon: number,
  to?: string,
) {
  const now = ctx.now();
  const last = to ?? addMonths(monthOf(now.getUTCFullYear(), now.getUTCMonth() + 1), -1).code;
  const lastMonth = parseMonth(last);
  if (!lastMonth) throw new AppError("invalid_input", `„${last}“ ist kein Monat (JJJJ-MM).`);
  const series = await occupancySeries(ctx, ws, addMonths(lastMonth, -35).code, last);
  // The history starts with the first month anybody was housed.
  const first = series.findIndex((s) => s.total.persons > 0 || s.total.entries > 0);
  const history = (first < 0 ? [] : series.slice(first)).map((s) => ({
    month: s.month,
    persons: s.total.persons,
    entries: s.total.entries,
    exits: s.total.exits,
    places: s.total.places,
  }));
  if (history.length < 6) {
    throw new AppError(
      "invalid_input",
      `Für eine Vorausschätzung braucht es mindestens 6 Monate mit Belegung bis ${last}; es gibt ${history.length}.`,
    );
  }
  return forecastPlaces(history, horizon);
}

/**
 * Deletes the records of persons whose last stay ended more than the workspace's retention
 * period ago, and the person records of delivered WoBerichtsG files whose reference date lies
 * before the cutoff. The monthly statistics of every month up to the cutoff are stored first,
 * so the figures stay when the records go; all in one transaction, audited with the counts.
 */
export async function purgeExpiredRecords(
  ctx: ServiceContext,
  ws: Workspace,
  actor: Actor,
): Promise<{ cutoff: string; persons: number; stays: number; households: number; months: number }> {
  const today = ctx.now();
  const cutoffDate = new Date(
    Date.UTC(
      today.getUTCFullYear(),
      today.getUTCMonth() - ws.stayRetentionMonths,
      today.getUTCDate(),
    ),
  );
  const cutoff = cutoffDate.toISOString().slice(0, 10);
  const cutoffMonth = parseMonth(cutoff.slice(0, 7))!;
  const table = await loadStayTable(ctx, ws);
  let earliest = Infinity;
  for (let i = 0; i < table.size; i++) earliest = Math.min(earliest, table.entry[i]!);
  const months: { month: string; statistic: unknown }[] = [];
  if (earliest !== Infinity) {
    const rules = countingRulesOf(ws);
    // Every month whose figures the deleted records could have counted, up to the cutoff's.
    for (let m = monthOfDay(earliest); m.first <= cutoffMonth.first; m = addMonths(m, 1)) {
      months.push({ month: m.code, statistic: monthlyStatistic(table, m, rules) });
    }
  }
  return ctx.db.transaction(async (tx) => {
    await bumpAccommodationVersion(tx.orm, ws.id);
    await storeOccupancyMonths(tx.orm, ws.id, ws.occupancyReferenceDay, months);
    const deleted = await deletePersonsHousedBefore(tx.orm, ws.id, cutoff);
    // Delivered files hold the same persons: their records go too, the summaries stay.
    const deliveries = await deleteDeliveredRecordsBefore(tx.orm, ws.id, cutoff);
    await audit(tx.orm, ctx, actor, [
      {
        workspaceId: ws.id,
        action: "delete",
        entity: "stay",
        entityKey: "*",
        before: { retentionMonths: ws.stayRetentionMonths, cutoff },
        after: { ...deleted, frozenMonths: months.length, deliveriesEmptied: deliveries },
      },
    ]);
    return { cutoff, ...deleted, months: months.length };
  });
}

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
    await insertAccommodationRecords(tx.orm, ws.id, {
      households: (change.households ?? []).map((h) => ({
        pseudonym: h.id,
        type: h.type,
        size: h.size,
      })),
      persons: (change.persons ?? []).map((p) => ({
        pseudonym: p.id,
        household: p.household,
        birthYear: p.birthYear,
        sex: p.sex,
        nationality: p.nationality,
      })),
      stays: (change.stays ?? []).map((s) => ({ ...s, code: s.id })),
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

/**
 * The monthly check: every plausibility finding about a stay that touches the month or about
 * a facility, for the staff to look at before the figures go out.
 */
export async function monthlyCheck(ctx: ServiceContext, ws: Workspace, month: string) {
  const m = parseMonth(month);
  if (!m) throw new AppError("invalid_input", `„${month}“ ist kein Monat (JJJJ-MM).`);
  const r = await loadRecords(ctx, ws);
  const first = isoDayOf(m.first);
  const last = isoDayOf(m.last);
  const inMonth = new Set(
    r.stays.filter((s) => s.entry <= last && (s.exit === null || s.exit >= first)).map((s) => s.id),
  );
  const facilityCodes = new Set(r.facilities.map((f) => f.code));
  return checkRecords(r.facilities, r.households, r.persons, r.stays).filter(
    (f) =>
      inMonth.has(f.record) ||
      (facilityCodes.has(f.record) &&
        f.message.includes(`.${month.slice(5, 7)}.${month.slice(0, 4)}`)),
  );
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
