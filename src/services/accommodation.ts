/**
 * The accommodation module's use cases: facilities with their dated capacity, pseudonymous
 * records (households, persons, stays) written all or nothing after the plausibility check,
 * and the monthly occupancy statistic. Stays are personal data: who may read them is the
 * route's rule (occupancy staff and planners), and every read of stay records is audited.
 * Counting rules and methods: docs/methods/occupancy.md.
 */
import { addMonths, monthOf, monthOfDay, parseMonth } from "../core/accommodation/days.ts";
import { federalStatistic } from "../core/accommodation/federal-statistic.ts";
import { forecastPlaces } from "../core/accommodation/forecast.ts";
import type { Facility, Household, Person, Stay } from "../core/accommodation/model.ts";
import {
  HOUSEHOLD_TYPES,
  LEGAL_BASES,
  NATIONALITY_GROUPS,
  SEXES,
} from "../core/accommodation/model.ts";
import {
  monthlyStatistic,
  tableOfColumns,
  type CountingRules,
  type MonthlyStatistic,
  type StayTable,
} from "../core/accommodation/occupancy.ts";
import { checkRecords, type Finding } from "../core/accommodation/plausibility.ts";
import {
  deletePersonsHousedBefore,
  facilityIds,
  findOccupancyMonth,
  listOccupancyMonths,
  storeOccupancyMonths,
  insertAccommodationRecords,
  loadStayArrays,
  insertCapacity,
  insertFacility,
  listFacilities,
  loadAccommodationRecords,
  type FacilityCapacityRow,
  type FacilityRow,
} from "../storage/accommodation.repo.ts";
import { AppError } from "./app-error.ts";
import { audit, type Actor } from "./audit.ts";
import type { ServiceContext } from "./context.ts";
import type { Workspace } from "./workspaces.ts";

export interface FacilityView extends Facility {
  readonly address: string | null;
  readonly areaCode: string | null;
  readonly wheelchairAccess: boolean;
  readonly familyRooms: boolean;
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
  };
}

export async function getFacilities(ctx: ServiceContext, ws: Workspace): Promise<FacilityView[]> {
  return (await listFacilities(ctx.db.orm, ws.id)).map((r) => facilityView(r.facility, r.capacity));
}

export type NewFacility = Omit<FacilityView, "capacity"> & {
  readonly capacity: FacilityView["capacity"];
};

/** Adds facilities with their capacity; a code that exists is refused. */
export async function addFacilities(
  ctx: ServiceContext,
  ws: Workspace,
  facilities: readonly NewFacility[],
  actor: Actor,
): Promise<void> {
  const existing = new Set((await getFacilities(ctx, ws)).map((f) => f.code));
  const taken = facilities.filter((f) => existing.has(f.code)).map((f) => f.code);
  if (taken.length > 0) {
    throw new AppError("conflict", `Unterkunft „${taken.join("“, „")}“ gibt es schon.`, {
      codes: taken,
    });
  }
  await ctx.db.transaction(async (tx) => {
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
  const stored = await loadRecords(ctx, ws);
  const duplicates = [
    ...duplicatesOf(stored.households, records.households, "Haushalt"),
    ...duplicatesOf(stored.persons, records.persons, "Person"),
    ...duplicatesOf(stored.stays, records.stays, "Aufenthalt"),
  ];
  const findings = checkRecords(
    stored.facilities,
    [...stored.households, ...records.households],
    [...stored.persons, ...records.persons],
    [...stored.stays, ...records.stays],
  );
  const errors = [...duplicates, ...findings.filter((f) => f.severity === "error")];
  if (errors.length > 0) {
    throw new AppError(
      "invalid_input",
      "Die Belegungsdaten sind nicht schlüssig; nichts wurde gespeichert.",
      {
        findings: errors,
      },
    );
  }
  await ctx.db.transaction(async (tx) => {
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

/** The occupancy statistic of one month ("YYYY-MM") under the workspace's rules. */
export async function monthlyOccupancy(
  ctx: ServiceContext,
  ws: Workspace,
  month: string,
): Promise<MonthlyStatistic> {
  const m = parseMonth(month);
  if (!m) throw new AppError("invalid_input", `„${month}“ ist kein Monat (JJJJ-MM).`);
  const frozen = await findOccupancyMonth(ctx.db.orm, ws.id, m.code, ws.occupancyReferenceDay);
  if (frozen !== undefined) return frozen as MonthlyStatistic;
  return monthlyStatistic(await loadStayTable(ctx, ws), m, countingRulesOf(ws));
}

/** The statistics of every month from `from` to `to` ("YYYY-MM"), the records read once. */
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
  const [table, frozen] = await Promise.all([
    loadStayTable(ctx, ws),
    listOccupancyMonths(ctx.db.orm, ws.id, ws.occupancyReferenceDay),
  ]);
  const rules = countingRulesOf(ws);
  const out: MonthlyStatistic[] = [];
  for (let m = first; m.first <= last.first; m = addMonths(m, 1)) {
    out.push(
      (frozen.get(m.code) as MonthlyStatistic | undefined) ?? monthlyStatistic(table, m, rules),
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

/** The stored records as the statistic's table, read as arrays (no record per stay). */
async function loadStayTable(ctx: ServiceContext, ws: Workspace): Promise<StayTable> {
  const [facilities, ids, a] = await Promise.all([
    getFacilities(ctx, ws),
    facilityIds(ctx.db.orm, ws.id),
    loadStayArrays(ctx.db.orm, ws.id),
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
    previous: Int32Array.from(a.stays.movedFrom, (m) => (m === null ? -1 : stay.get(m)!)),
    entitled: Uint8Array.from(a.stays.entitled, (t) => (t ? 1 : 0)),
  });
}

/** The counting rules in words, printed with every statistic. */
export function rulesText(rules: CountingRules): string {
  const day =
    rules.referenceDay === "last"
      ? "letzter Tag des Monats"
      : `${rules.referenceDay}. Tag des Monats`;
  return `Stichtag: ${day}. Untergebracht am Stichtag ist, wer bis dahin eingezogen und noch nicht ausgezogen ist (Auszug nach dem Stichtag). Zu- und Abgänge: Personen mit Ein- oder Auszug im Monat; ein Umzug zwischen Unterkünften zählt nur bei den Unterkünften. Verweildauer seit dem ersten Einzug in eine städtische Unterkunft. Methode: docs/methods/occupancy.md.`;
}

/** The WoBerichtsG delivery of `year`; it reads person records, so the read is audited. */
export async function federalDelivery(
  ctx: ServiceContext,
  ws: Workspace,
  year: number,
  actor: Actor,
) {
  if (!ws.municipalityKey) {
    throw new AppError(
      "invalid_input",
      "Für die Bundesstatistik fehlt der Amtliche Gemeindeschlüssel des Arbeitsbereichs.",
    );
  }
  const r = await readRecords(ctx, ws, actor, `Bundesstatistik ${year}`);
  return federalStatistic(year, ws.municipalityKey, r.facilities, r.households, r.persons, r.stays);
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
 * period ago. The monthly statistics of every month up to the cutoff are stored first, so the
 * figures stay when the records go; both happen in one transaction, audited with the counts.
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
    await storeOccupancyMonths(tx.orm, ws.id, ws.occupancyReferenceDay, months);
    const deleted = await deletePersonsHousedBefore(tx.orm, ws.id, cutoff);
    await audit(tx.orm, ctx, actor, [
      {
        workspaceId: ws.id,
        action: "delete",
        entity: "stay",
        entityKey: "*",
        before: { retentionMonths: ws.stayRetentionMonths, cutoff },
        after: { ...deleted, frozenMonths: months.length },
      },
    ]);
    return { cutoff, ...deleted, months: months.length };
  });
}
