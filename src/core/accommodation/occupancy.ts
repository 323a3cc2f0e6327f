/**
 * The monthly occupancy statistic (Belegungsstatistik) of the city's accommodation: per
 * facility, per facility type and in total, for any month. Counting rules (stated on every
 * statistic, documented in docs/methods/occupancy.md):
 *
 * - **Reference date:** the last day of the month by default, or a fixed day of the month.
 * - **Housed on a day d:** entry ≤ d < exit (the person spends the night after d there). A
 *   person entering and leaving on the same day is housed on no reference date, but counts as
 *   an entry and an exit of the month.
 * - **Entries and exits** are persons (stays) whose entry or exit day lies in the month. A move
 *   between two facilities (a stay with `movedFrom`) is an exit of the one and an entry of the
 *   other, an entry or exit of a facility type only when the types differ, and never an entry
 *   or exit of the total.
 * - **Length of stay** (days) of the persons housed on the reference date: in a facility since
 *   entry into it; for a type and the total since the first entry into the city's
 *   accommodation (moves do not restart it). Completed stays: the persons leaving the city's
 *   accommodation in the month, with their whole length.
 * - **Places** are the capacity valid on the reference date (none before the first dated
 *   capacity or after closing). A facility's free places are places − persons, at least 0;
 *   its persons beyond the places are its over-occupancy. A type's and the total's free
 *   places and over-occupancy are the sums over their facilities, so a total always equals
 *   the sum of its rows (one facility's over-occupancy is not hidden by another's free
 *   places); free places − over-occupancy = places − persons still holds at every level.
 */
import { dayNumber, isoDay, type Month } from "./days.ts";
import {
  AGE_GROUPS,
  FACILITY_TYPES,
  HOUSEHOLD_TYPES,
  LEGAL_BASES,
  NATIONALITY_GROUPS,
  SEXES,
  ageGroupOf,
  type AgeGroup,
  type Facility,
  type FacilityType,
  type Household,
  type HouseholdType,
  type LegalBasis,
  type NationalityGroup,
  type Person,
  type Sex,
  type Stay,
} from "./model.ts";

export interface CountingRules {
  /** "last": the last day of the month (default); 1 … 28: that day of the month. */
  readonly referenceDay: "last" | number;
}

export const DEFAULT_COUNTING_RULES: CountingRules = { referenceDay: "last" };

/** Length-of-stay classes, in days: [from, to) — the last open-ended. */
export const STAY_CLASSES = [
  { key: "lt1m", label: "unter 1 Monat", upTo: 30 },
  { key: "1to3m", label: "1 bis unter 3 Monate", upTo: 91 },
  { key: "3to6m", label: "3 bis unter 6 Monate", upTo: 183 },
  { key: "6to12m", label: "6 bis unter 12 Monate", upTo: 365 },
  { key: "1to2y", label: "1 bis unter 2 Jahre", upTo: 730 },
  { key: "2yplus", label: "2 Jahre und länger", upTo: Infinity },
] as const;
export type StayClass = (typeof STAY_CLASSES)[number]["key"];

export interface LengthOfStay {
  readonly mean: number | null;
  readonly median: number | null;
  readonly classes: Readonly<Record<StayClass, number>>;
}

export interface OccupancyFigures {
  readonly persons: number;
  readonly households: number;
  readonly places: number;
  readonly units: number;
  /** persons / places; null without places. */
  readonly occupancyRate: number | null;
  /** A facility's places − persons, at least 0; of a type or the total: the facilities' sum. */
  readonly freePlaces: number;
  /** A facility's persons − places, at least 0; of a type or the total: the facilities' sum. */
  readonly overOccupancy: number;
  readonly entries: number;
  readonly exits: number;
  readonly householdEntries: number;
  readonly householdExits: number;
  readonly entitledToFlat: { readonly persons: number; readonly households: number };
  readonly lengthOfStay: LengthOfStay;
  readonly completedStays: {
    readonly count: number;
    readonly mean: number | null;
    readonly median: number | null;
  };
  readonly composition: {
    /** Households housed on the reference date by type. */
    readonly householdType: Readonly<Record<HouseholdType, number>>;
    /** Persons housed on the reference date by … */
    readonly ageGroup: Readonly<Record<AgeGroup, number>>;
    readonly sex: Readonly<Record<Sex, number>>;
    readonly nationality: Readonly<Record<NationalityGroup, number>>;
    readonly legalBasis: Readonly<Record<LegalBasis, number>>;
  };
}

export interface MonthlyStatistic {
  readonly month: string;
  readonly referenceDate: string;
  readonly total: OccupancyFigures;
  readonly byType: Readonly<Record<FacilityType, OccupancyFigures>>;
  readonly byFacility: readonly {
    readonly code: string;
    readonly name: string;
    readonly type: FacilityType;
    readonly figures: OccupancyFigures;
  }[];
}

/**
 * The records as columns of dense indices: what a database loader hands over without building
 * a record per stay. Days are day numbers (days.ts); an open exit is Infinity; codes of the
 * enumerations are their positions in the lists of model.ts.
 */
export interface StayColumns {
  readonly facilities: readonly Facility[];
  /** Per household. */
  readonly householdType: Uint8Array;
  /** Per person. */
  readonly personHousehold: Int32Array;
  /** NaN without a birth year. */
  readonly personBirthYear: Float64Array;
  readonly personSex: Uint8Array;
  readonly personNationality: Uint8Array;
  /** Per stay. */
  readonly person: Int32Array;
  readonly facility: Int32Array;
  readonly legalBasis: Uint8Array;
  readonly entry: Float64Array;
  readonly exit: Float64Array;
  /** The stay this one continues after a move, or −1 (also when that stay was not read). */
  readonly previous: Int32Array;
  /**
   * The entry day of the first stay of each stay's chain of moves, when the caller knows it
   * (a loader that reads only some stays); otherwise found by following `previous`.
   */
  readonly chainStart?: Float64Array | undefined;
  readonly entitled: Uint8Array;
}

/** The records in columns, prepared once for any number of months. */
export interface StayTable {
  readonly facilities: readonly Facility[];
  readonly facilityType: Uint8Array;
  /** Per facility: capacity changes sorted by day. */
  readonly capacity: readonly { day: number; places: number; units: number }[][];
  readonly facilityClosed: Float64Array;
  readonly size: number;
  readonly entry: Float64Array;
  /** Infinity while housed. */
  readonly exit: Float64Array;
  readonly facility: Int32Array;
  /** The person of each stay (an index into the persons). */
  readonly person: Int32Array;
  readonly household: Int32Array;
  readonly legalBasis: Uint8Array;
  readonly entitled: Uint8Array;
  /** Facility of the stay before (a move), or −1; facility of the stay after, or −1. */
  readonly previousFacility: Int32Array;
  readonly nextFacility: Int32Array;
  /** Entry day of the first stay of the chain of moves this stay belongs to. */
  readonly chainStart: Float64Array;
  readonly personBirthYear: Float64Array;
  readonly personSex: Uint8Array;
  readonly personNationality: Uint8Array;
  readonly householdType: Uint8Array;
  readonly householdCount: number;
}

const indexOf = <T extends string>(values: readonly T[]) =>
  new Map(values.map((v, i) => [v, i] as const));

const requireDay = (iso: string, what: string): number => {
  const d = dayNumber(iso);
  if (d === null) throw new Error(`prepareStays: ${what} „${iso}“ is no date`);
  return d;
};

/** Prepares columns for the statistic: households of stays, moves, chains of moves. */
export function tableOfColumns(c: StayColumns): StayTable {
  const n = c.entry.length;
  const household = new Int32Array(n);
  const previousFacility = new Int32Array(n).fill(-1);
  const nextFacility = new Int32Array(n).fill(-1);
  const chainStart = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    household[i] = c.personHousehold[c.person[i]!]!;
    const j = c.previous[i]!;
    if (j >= 0) {
      previousFacility[i] = c.facility[j]!;
      nextFacility[j] = c.facility[i]!;
    }
  }
  if (c.chainStart) chainStart.set(c.chainStart);
  else {
    for (let i = 0; i < n; i++) {
      let j = i;
      // A chain longer than the stays is a cycle: the plausibility check reports it.
      for (let steps = 0; c.previous[j]! >= 0 && steps < n; steps++) j = c.previous[j]!;
      chainStart[i] = c.entry[j]!;
    }
  }
  const typeIndex = indexOf(FACILITY_TYPES);
  return {
    facilities: c.facilities,
    facilityType: Uint8Array.from(c.facilities, (f) => typeIndex.get(f.type)!),
    capacity: c.facilities.map((f) =>
      f.capacity
        .map((x) => ({
          day: requireDay(x.from, "capacity date"),
          places: x.places,
          units: x.units,
        }))
        .sort((a, b) => a.day - b.day),
    ),
    facilityClosed: Float64Array.from(c.facilities, (f) =>
      f.closed === null ? Infinity : requireDay(f.closed, "closing date"),
    ),
    size: n,
    entry: c.entry,
    exit: c.exit,
    facility: c.facility,
    person: c.person,
    household,
    legalBasis: c.legalBasis,
    entitled: c.entitled,
    previousFacility,
    nextFacility,
    chainStart,
    personBirthYear: c.personBirthYear,
    personSex: c.personSex,
    personNationality: c.personNationality,
    householdType: c.householdType,
    householdCount: c.householdType.length,
  };
}

/** The facilities without any stay: the statistic of months before the first record. */
export function facilitiesOnly(facilities: readonly Facility[]): StayTable {
  return tableOfColumns({
    facilities,
    householdType: new Uint8Array(0),
    personHousehold: new Int32Array(0),
    personBirthYear: new Float64Array(0),
    personSex: new Uint8Array(0),
    personNationality: new Uint8Array(0),
    person: new Int32Array(0),
    facility: new Int32Array(0),
    legalBasis: new Uint8Array(0),
    entry: new Float64Array(0),
    exit: new Float64Array(0),
    previous: new Int32Array(0),
    entitled: new Uint8Array(0),
  });
}

/**
 * Prepares records for the statistic. The records must have passed the plausibility check's
 * errors (unknown references, unreadable dates); this throws on them.
 */
export function prepareStays(
  facilities: readonly Facility[],
  households: readonly Household[],
  persons: readonly Person[],
  stays: readonly Stay[],
): StayTable {
  const facilityIndex = new Map(facilities.map((f, i) => [f.code, i]));
  const householdIndex = new Map(households.map((h, i) => [h.id, i]));
  const personIndex = new Map(persons.map((p, i) => [p.id, i]));
  const stayIndex = new Map(stays.map((s, i) => [s.id, i]));
  const legalIndex = indexOf(LEGAL_BASES);
  const sexIndex = indexOf(SEXES);
  const nationalityIndex = indexOf(NATIONALITY_GROUPS);
  const householdTypeIndex = indexOf(HOUSEHOLD_TYPES);
  const lookup = (map: Map<string, number>, key: string, what: string): number => {
    const i = map.get(key);
    if (i === undefined) throw new Error(`prepareStays: unknown ${what} ${key}`);
    return i;
  };
  return tableOfColumns({
    facilities,
    householdType: Uint8Array.from(households, (h) => householdTypeIndex.get(h.type)!),
    personHousehold: Int32Array.from(persons, (p) =>
      lookup(householdIndex, p.household, "household"),
    ),
    personBirthYear: Float64Array.from(persons, (p) => p.birthYear ?? Number.NaN),
    personSex: Uint8Array.from(persons, (p) => sexIndex.get(p.sex)!),
    personNationality: Uint8Array.from(persons, (p) => nationalityIndex.get(p.nationality)!),
    person: Int32Array.from(stays, (s) => lookup(personIndex, s.person, "person")),
    facility: Int32Array.from(stays, (s) => lookup(facilityIndex, s.facility, "facility")),
    legalBasis: Uint8Array.from(stays, (s) => legalIndex.get(s.legalBasis)!),
    entry: Float64Array.from(stays, (s) => requireDay(s.entry, "entry")),
    exit: Float64Array.from(stays, (s) =>
      s.exit === null ? Infinity : requireDay(s.exit, "exit"),
    ),
    previous: Int32Array.from(stays, (s) =>
      s.movedFrom === null ? -1 : lookup(stayIndex, s.movedFrom, "stay"),
    ),
    entitled: Uint8Array.from(stays, (s) => (s.entitledToFlat ? 1 : 0)),
  });
}

/** The reference day of a month under the rules. */
export function referenceDayOf(month: Month, rules: CountingRules): number {
  if (rules.referenceDay === "last") return month.last;
  return month.first + Math.min(rules.referenceDay, 28) - 1;
}

/** Capacity of facility f on day d: places and units (0 when closed or before any). */
export function capacityOn(
  table: StayTable,
  f: number,
  d: number,
): { places: number; units: number } {
  if (d > table.facilityClosed[f]!) return { places: 0, units: 0 };
  let current = { places: 0, units: 0 };
  for (const c of table.capacity[f]!) {
    if (c.day > d) break;
    current = c;
  }
  return { places: current.places, units: current.units };
}

/** Mutable counters of one unit (a facility, a type, the total) during one month. */
class Accumulator {
  persons = 0;
  households = 0;
  places = 0;
  units = 0;
  entries = 0;
  exits = 0;
  householdEntries = 0;
  householdExits = 0;
  entitledPersons = 0;
  entitledHouseholds = 0;
  /** Of a type or the total: the sums of its facilities' free places and over-occupancy. */
  freeOfFacilities = 0;
  overOfFacilities = 0;
  readonly lengths: number[] = [];
  readonly completed: number[] = [];
  readonly householdType = new Array<number>(HOUSEHOLD_TYPES.length).fill(0);
  readonly ageGroup = new Array<number>(AGE_GROUPS.length).fill(0);
  readonly sex = new Array<number>(SEXES.length).fill(0);
  readonly nationality = new Array<number>(NATIONALITY_GROUPS.length).fill(0);
  readonly legalBasis = new Array<number>(LEGAL_BASES.length).fill(0);
  /** Households seen (present, entering, leaving, entitled) in this month, by stamp. */
  readonly seen = new Map<number, number>();
}

const PRESENT = 1;
const ENTERED = 2;
const LEFT = 4;
const ENTITLED = 8;

function mark(acc: Accumulator, household: number, flag: number): boolean {
  const before = acc.seen.get(household) ?? 0;
  if (before & flag) return false;
  acc.seen.set(household, before | flag);
  return true;
}

function median(sorted: readonly number[]): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  return n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

/**
 * The figures of a unit. A facility (`ofFacilities` false) has free places and
 * over-occupancy from its own persons and places; a type and the total sum their facilities'.
 */
function finish(acc: Accumulator, ofFacilities: boolean): OccupancyFigures {
  const lengths = acc.lengths.sort((a, b) => a - b);
  const completed = acc.completed.sort((a, b) => a - b);
  const classes = Object.fromEntries(STAY_CLASSES.map((c) => [c.key, 0])) as Record<
    StayClass,
    number
  >;
  let c = 0;
  for (const l of lengths) {
    while (l >= STAY_CLASSES[c]!.upTo) c++;
    classes[STAY_CLASSES[c]!.key]++;
  }
  const mean = (xs: readonly number[]) =>
    xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
  const record = <K extends string>(keys: readonly K[], counts: readonly number[]) =>
    Object.fromEntries(keys.map((k, i) => [k, counts[i]!])) as Record<K, number>;
  return {
    persons: acc.persons,
    households: acc.households,
    places: acc.places,
    units: acc.units,
    occupancyRate: acc.places > 0 ? acc.persons / acc.places : null,
    freePlaces: ofFacilities ? acc.freeOfFacilities : Math.max(0, acc.places - acc.persons),
    overOccupancy: ofFacilities ? acc.overOfFacilities : Math.max(0, acc.persons - acc.places),
    entries: acc.entries,
    exits: acc.exits,
    householdEntries: acc.householdEntries,
    householdExits: acc.householdExits,
    entitledToFlat: { persons: acc.entitledPersons, households: acc.entitledHouseholds },
    lengthOfStay: { mean: mean(lengths), median: median(lengths), classes },
    completedStays: { count: completed.length, mean: mean(completed), median: median(completed) },
    composition: {
      householdType: record(HOUSEHOLD_TYPES, acc.householdType),
      ageGroup: record(AGE_GROUPS, acc.ageGroup),
      sex: record(SEXES, acc.sex),
      nationality: record(NATIONALITY_GROUPS, acc.nationality),
      legalBasis: record(LEGAL_BASES, acc.legalBasis),
    },
  };
}

/** The statistic of one month. */
export function monthlyStatistic(
  table: StayTable,
  month: Month,
  rules: CountingRules = DEFAULT_COUNTING_RULES,
): MonthlyStatistic {
  const r = referenceDayOf(month, rules);
  const year = Number(isoDay(r).slice(0, 4));
  const facilityAcc = table.facilities.map(() => new Accumulator());
  const typeAcc = FACILITY_TYPES.map(() => new Accumulator());
  const total = new Accumulator();

  for (let f = 0; f < table.facilities.length; f++) {
    const { places, units } = capacityOn(table, f, r);
    for (const acc of [facilityAcc[f]!, typeAcc[table.facilityType[f]!]!, total]) {
      acc.places += places;
      acc.units += units;
    }
  }

  for (let i = 0; i < table.size; i++) {
    const entry = table.entry[i]!;
    const exit = table.exit[i]!;
    if (entry > month.last || exit < month.first) continue;
    const f = table.facility[i]!;
    const type = table.facilityType[f]!;
    const h = table.household[i]!;
    const fa = facilityAcc[f]!;
    const ta = typeAcc[type]!;
    const prev = table.previousFacility[i]!;
    const next = table.nextFacility[i]!;

    if (entry >= month.first) {
      // An entry of the facility always; of the type if the move came from another type;
      // of the total only without a move.
      const levels = [fa];
      if (prev < 0 || table.facilityType[prev] !== type) levels.push(ta);
      if (prev < 0) levels.push(total);
      for (const acc of levels) {
        acc.entries++;
        if (mark(acc, h, ENTERED)) acc.householdEntries++;
      }
    }
    if (exit <= month.last) {
      const levels = [fa];
      if (next < 0 || table.facilityType[next] !== type) levels.push(ta);
      if (next < 0) {
        levels.push(total);
        total.completed.push(exit - table.chainStart[i]!);
      }
      for (const acc of levels) {
        acc.exits++;
        if (mark(acc, h, LEFT)) acc.householdExits++;
      }
    }
    if (entry <= r && r < exit) {
      const p = table.person[i]!;
      const age = ageGroupOf(
        Number.isNaN(table.personBirthYear[p]!) ? null : table.personBirthYear[p]!,
        year,
      );
      const ageIndex = AGE_GROUPS.indexOf(age);
      for (const acc of [fa, ta, total]) {
        acc.persons++;
        acc.ageGroup[ageIndex]!++;
        acc.sex[table.personSex[p]!]!++;
        acc.nationality[table.personNationality[p]!]!++;
        acc.legalBasis[table.legalBasis[i]!]!++;
        if (mark(acc, h, PRESENT)) {
          acc.households++;
          acc.householdType[table.householdType[h]!]!++;
        }
        if (table.entitled[i]) {
          acc.entitledPersons++;
          if (mark(acc, h, ENTITLED)) acc.entitledHouseholds++;
        }
      }
      fa.lengths.push(r - entry);
      ta.lengths.push(r - table.chainStart[i]!);
      total.lengths.push(r - table.chainStart[i]!);
    }
  }

  const byFacility = table.facilities.map((f, i) => ({
    code: f.code,
    name: f.name,
    type: f.type,
    figures: finish(facilityAcc[i]!, false),
  }));
  for (const [f, x] of byFacility.entries()) {
    for (const acc of [typeAcc[table.facilityType[f]!]!, total]) {
      acc.freeOfFacilities += x.figures.freePlaces;
      acc.overOfFacilities += x.figures.overOccupancy;
    }
  }
  return {
    month: month.code,
    referenceDate: isoDay(r),
    total: finish(total, true),
    byType: Object.fromEntries(
      FACILITY_TYPES.map((t, i) => [t, finish(typeAcc[i]!, true)]),
    ) as Record<FacilityType, OccupancyFigures>,
    byFacility,
  };
}

/** The figures of a unit with nobody housed and no places: a facility absent from a month. */
export function noFigures(): OccupancyFigures {
  return finish(new Accumulator(), false);
}
