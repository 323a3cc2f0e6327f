/**
 * The occupancy statistic for people who may not see the records (everyone but the
 * accommodation staff and the planners). What they get, for every month: the total and the
 * facility types, each with persons, households, entries, exits, persons entitled to a flat,
 * completed stays, lengths of stay by class and the composition by household type, age
 * group, sex, nationality and legal basis; places; and the rates that follow from persons
 * and places. No figure per facility.
 *
 * These cells are tied together: the total is the sum of the types, each breakdown adds up
 * to its persons (or households), completed stays are the total's exits, and — with the
 * last day of the month as reference date — persons(t) = persons(t − 1) + entries(t) −
 * exits(t) links every month to the one before. All months of the workspace are therefore
 * protected together (`protectHistory`): counts from 1 to below the minimum are withheld,
 * and further cells until no withheld one follows from the published ones through any
 * combination of these relations (`core/disclosure/linear-suppression.ts`). Method:
 * docs/methods/disclosure-control.md, section 8, and docs/methods/occupancy.md.
 */
import { CELL_FLAG } from "../disclosure/secondary-suppression.ts";
import {
  suppressLinked,
  sumRelation,
  type LinearRelation,
} from "../disclosure/linear-suppression.ts";
import {
  AGE_GROUPS,
  FACILITY_TYPES,
  HOUSEHOLD_TYPES,
  LEGAL_BASES,
  NATIONALITY_GROUPS,
  SEXES,
} from "./model.ts";
import { STAY_CLASSES, type MonthlyStatistic, type OccupancyFigures } from "./occupancy.ts";

/** A protected count: the number, or null when withheld. */
export type Protected = number | null;

export interface ProtectedFigures {
  readonly persons: Protected;
  readonly households: Protected;
  readonly places: number;
  readonly units: number;
  readonly occupancyRate: number | null;
  readonly freePlaces: Protected;
  readonly overOccupancy: Protected;
  readonly entries: Protected;
  readonly exits: Protected;
  readonly entitledToFlat: Protected;
  readonly meanLengthOfStay: number | null;
  readonly medianLengthOfStay: number | null;
  /** Persons by length-of-stay class; null where not shown. */
  readonly lengthClasses: Readonly<Record<string, Protected>> | null;
  readonly completedStays: Protected;
  /** Breakdown name → category → count; null where not shown. */
  readonly composition: Readonly<Record<string, Readonly<Record<string, Protected>>>> | null;
}

export interface ProtectedStatistic {
  readonly month: string;
  readonly referenceDate: string;
  /** 0: nothing withheld (the accommodation staff's and planners' view). */
  readonly minCount: number;
  readonly total: ProtectedFigures;
  readonly byType: Readonly<Record<string, ProtectedFigures>>;
  /** Per facility: only in the full view; empty after disclosure control. */
  readonly byFacility: readonly {
    readonly code: string;
    readonly name: string;
    readonly type: string;
    readonly figures: ProtectedFigures;
  }[];
}

/** The breakdowns of the composition, and the count each adds up to. */
const BREAKDOWNS = [
  { name: "householdType", keys: HOUSEHOLD_TYPES, of: "households" },
  { name: "ageGroup", keys: AGE_GROUPS, of: "persons" },
  { name: "sex", keys: SEXES, of: "persons" },
  { name: "nationality", keys: NATIONALITY_GROUPS, of: "persons" },
  { name: "legalBasis", keys: LEGAL_BASES, of: "persons" },
] as const;

type Breakdown = (typeof BREAKDOWNS)[number]["name"];

/** The count cells of one unit (the total or a type) in one month, in a fixed order. */
const FIELDS: readonly string[] = [
  "persons",
  "households",
  "entries",
  "exits",
  "entitledToFlat",
  "completedStays",
  ...STAY_CLASSES.map((c) => `length:${c.key}`),
  ...BREAKDOWNS.flatMap((b) => b.keys.map((k) => `${b.name}:${k}`)),
];
const FIELD = new Map(FIELDS.map((f, i) => [f, i]));
const field = (name: string): number => FIELD.get(name)!;
/** The units of a month: the total first, then the facility types. */
const UNITS = 1 + FACILITY_TYPES.length;

function countsOf(f: OccupancyFigures): number[] {
  const out = new Array<number>(FIELDS.length);
  out[field("persons")] = f.persons;
  out[field("households")] = f.households;
  out[field("entries")] = f.entries;
  out[field("exits")] = f.exits;
  out[field("entitledToFlat")] = f.entitledToFlat.persons;
  out[field("completedStays")] = f.completedStays.count;
  for (const c of STAY_CLASSES) out[field(`length:${c.key}`)] = f.lengthOfStay.classes[c.key];
  for (const b of BREAKDOWNS) {
    const cells = f.composition[b.name] as Readonly<Record<string, number>>;
    for (const k of b.keys) out[field(`${b.name}:${k}`)] = cells[k]!;
  }
  return out;
}

/**
 * Which cell goes first when one more must be withheld (lower first): later months before
 * earlier ones (a new month then rarely changes what was published for an old one); within a
 * month the details before the headline figures — composition and lengths of stay, then
 * entries and exits, then households, then persons — and each of them for the types before
 * the total.
 */
function rankOf(month: number, unit: number, name: string): number {
  const kind = name === "persons" ? 3 : name === "households" ? 2 : name.includes(":") ? 0 : 1;
  return -8 * month + 2 * kind + (unit === 0 ? 1 : 0);
}

export interface HistoryProtection {
  /** Counts from 1 to `minCount − 1` are withheld. */
  readonly minCount: number;
  /**
   * Whether persons(t) = persons(t − 1) + entries(t) − exits(t) holds, as it does when the
   * reference date is the last day of the month; then months are protected as a chain.
   */
  readonly chained: boolean;
  /** Whether nobody was housed before the first month given (the history starts there). */
  readonly startsEmpty: boolean;
}

export interface ProtectedHistory {
  readonly months: readonly ProtectedStatistic[];
  /** Cells withheld as small counts, and to protect them. */
  readonly primary: number;
  readonly secondary: number;
}

/**
 * Protects consecutive months (oldest first) together, as everyone but the accommodation
 * staff and the planners sees them. Give every month from the first with records on
 * (`startsEmpty`), so that a month shown alone and the same month in a series carry the same
 * marks; months later than the last given are not covered.
 */
export function protectHistory(
  months: readonly MonthlyStatistic[],
  options: HistoryProtection,
): ProtectedHistory {
  const F = FIELDS.length;
  const cell = (m: number, u: number, f: number) => (m * UNITS + u) * F + f;
  const unitsOf = (s: MonthlyStatistic): OccupancyFigures[] => [
    s.total,
    ...FACILITY_TYPES.map((t) => s.byType[t]),
  ];

  const n = months.length * UNITS * F;
  const values = new Float64Array(n);
  const rank = new Float64Array(n);
  for (const [m, s] of months.entries()) {
    for (const [u, figures] of unitsOf(s).entries()) {
      const counts = countsOf(figures);
      for (let f = 0; f < F; f++) {
        values[cell(m, u, f)] = counts[f]!;
        rank[cell(m, u, f)] = rankOf(m, u, FIELDS[f]!);
      }
    }
  }

  const relations: LinearRelation[] = [];
  const types = FACILITY_TYPES.map((_, t) => t + 1);
  for (let m = 0; m < months.length; m++) {
    // The total is the sum of the types: for every count. (Entries and exits differ by the
    // moves between types, and households split between types would count twice; a reader
    // who knows these is assumed, so the relations are kept exact in form.)
    for (let f = 0; f < F; f++) {
      if (f === field("completedStays")) continue;
      relations.push(
        sumRelation(
          cell(m, 0, f),
          types.map((u) => cell(m, u, f)),
        ),
      );
    }
    relations.push(sumRelation(cell(m, 0, field("completedStays")), [cell(m, 0, field("exits"))]));
    for (let u = 0; u < UNITS; u++) {
      relations.push(
        sumRelation(
          cell(m, u, field("persons")),
          STAY_CLASSES.map((c) => cell(m, u, field(`length:${c.key}`))),
        ),
      );
      for (const b of BREAKDOWNS) {
        relations.push(
          sumRelation(
            cell(m, u, field(b.of)),
            b.keys.map((k) => cell(m, u, field(`${b.name}:${k}`))),
          ),
        );
      }
      if (options.chained && (m > 0 || options.startsEmpty)) {
        const now = [
          cell(m, u, field("persons")),
          cell(m, u, field("entries")),
          cell(m, u, field("exits")),
        ];
        relations.push({
          cells: m > 0 ? [...now, cell(m - 1, u, field("persons"))] : now,
          coefficients: m > 0 ? [1, -1, 1, -1] : [1, -1, 1],
          additive: false,
        });
      }
    }
  }

  const result = suppressLinked({
    values,
    // Every cell counts persons or households.
    sensitive: new Array<boolean>(n).fill(true),
    relations,
    minCount: options.minCount,
    rank,
  });
  const shown = (m: number, u: number, name: string): Protected =>
    result.flags[cell(m, u, field(name))] === CELL_FLAG.PUBLISHED
      ? values[cell(m, u, field(name))]!
      : null;

  const protect = (m: number, u: number, f: OccupancyFigures): ProtectedFigures => {
    const persons = shown(m, u, "persons");
    const classes: Record<string, Protected> = {};
    for (const c of STAY_CLASSES) classes[c.key] = shown(m, u, `length:${c.key}`);
    const composition: Record<string, Record<string, Protected>> = {};
    for (const b of BREAKDOWNS) {
      const cells: Record<string, Protected> = {};
      for (const k of b.keys) cells[k] = shown(m, u, `${b.name}:${k}`);
      composition[b.name satisfies Breakdown] = cells;
    }
    return {
      persons,
      households: shown(m, u, "households"),
      places: f.places,
      units: f.units,
      // Rate, free places and over-occupancy follow from persons and places.
      occupancyRate: persons === null ? null : f.occupancyRate,
      freePlaces: persons === null ? null : f.freePlaces,
      overOccupancy: persons === null ? null : f.overOccupancy,
      entries: shown(m, u, "entries"),
      exits: shown(m, u, "exits"),
      entitledToFlat: shown(m, u, "entitledToFlat"),
      meanLengthOfStay: persons === null ? null : f.lengthOfStay.mean,
      medianLengthOfStay: persons === null ? null : f.lengthOfStay.median,
      lengthClasses: classes,
      completedStays: shown(m, u, "completedStays"),
      composition,
    };
  };

  return {
    months: months.map((s, m) => ({
      month: s.month,
      referenceDate: s.referenceDate,
      minCount: options.minCount,
      total: protect(m, 0, s.total),
      byType: Object.fromEntries(FACILITY_TYPES.map((t, i) => [t, protect(m, i + 1, s.byType[t])])),
      byFacility: [],
    })),
    primary: result.primaryCount,
    secondary: result.secondaryCount,
  };
}

function fullFigures(f: OccupancyFigures, detail: boolean): ProtectedFigures {
  return {
    persons: f.persons,
    households: f.households,
    places: f.places,
    units: f.units,
    occupancyRate: f.occupancyRate,
    freePlaces: f.freePlaces,
    overOccupancy: f.overOccupancy,
    entries: f.entries,
    exits: f.exits,
    entitledToFlat: f.entitledToFlat.persons,
    meanLengthOfStay: f.lengthOfStay.mean,
    medianLengthOfStay: f.lengthOfStay.median,
    lengthClasses: f.lengthOfStay.classes,
    completedStays: f.completedStays.count,
    composition: detail ? f.composition : null,
  };
}

/** The whole statistic, nothing withheld: what the accommodation staff and planners see. */
export function fullStatistic(s: MonthlyStatistic): ProtectedStatistic {
  return {
    month: s.month,
    referenceDate: s.referenceDate,
    minCount: 0,
    total: fullFigures(s.total, true),
    byType: Object.fromEntries(Object.entries(s.byType).map(([t, f]) => [t, fullFigures(f, true)])),
    byFacility: s.byFacility.map((x) => ({
      code: x.code,
      name: x.name,
      type: x.type,
      figures: fullFigures(x.figures, true),
    })),
  };
}
