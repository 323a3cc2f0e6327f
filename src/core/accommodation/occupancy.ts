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
import { isoDay, type Month } from "./days.ts";
import {
  AGE_GROUPS,
  FACILITY_TYPES,
  HOUSEHOLD_TYPES,
  LEGAL_BASES,
  NATIONALITY_GROUPS,
  SEXES,
  ageGroupOf,
  type AgeGroup,
  type FacilityType,
  type HouseholdType,
  type LegalBasis,
  type NationalityGroup,
  type Sex,
} from "./model.ts";
import type { StayTable } from "./stay-table.ts";

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
