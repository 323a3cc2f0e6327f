/**
 * The accommodation records as the occupancy statistic reads them: columns of dense indices
 * (a typed array per field, no object per stay), with each stay's household, the facilities
 * before and after a move, and the first entry of its chain of moves worked out once, so any
 * number of months are counted from one table (occupancy.ts).
 */
import { dayNumber } from "./days.ts";
import {
  FACILITY_TYPES,
  HOUSEHOLD_TYPES,
  LEGAL_BASES,
  NATIONALITY_GROUPS,
  SEXES,
  type Facility,
  type Household,
  type Person,
  type Stay,
} from "./model.ts";

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
