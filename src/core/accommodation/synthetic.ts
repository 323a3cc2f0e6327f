/**
 * A synthetic, deterministic and plausible history of a city's accommodation: facilities (one
 * opening during the span, one closing with its residents moved elsewhere), households arriving
 * by a seasonal rate (more in winter), persons with birth year, sex and nationality, stays with
 * lengths from weeks to years, entitlement to a flat after months in the system. The same seed
 * gives the same records. It is **example data** ("Beispieldaten"): no person in it exists.
 * Used for the demo (about 10 facilities, 3 years) and, scaled up, for the benchmark.
 */
import { seededRandom } from "../statistics/kmeans.ts";
import { dayNumber, isoDay } from "./days.ts";
import { FACILITY_PLANS } from "./synthetic-facilities.ts";
import type {
  Facility,
  Household,
  HouseholdType,
  LegalBasis,
  NationalityGroup,
  Person,
  Sex,
  Stay,
} from "./model.ts";

export interface SyntheticOptions {
  readonly seed: number;
  /** First day of the history (ISO). */
  readonly start: string;
  readonly months: number;
  /** Mean households arriving per month (before the seasonal factor). */
  readonly householdsPerMonth: number;
  /** Scales every facility's places (1: the demo's about 10 facilities with ~330 places). */
  readonly scale?: number;
}

export interface SyntheticAccommodation {
  readonly facilities: Facility[];
  readonly households: Household[];
  readonly persons: Person[];
  readonly stays: Stay[];
}

/** More arrivals in the cold months: a factor per calendar month, mean 1. */
const SEASON = [1.35, 1.25, 1.05, 0.9, 0.8, 0.75, 0.8, 0.85, 0.95, 1.05, 1.15, 1.1];

export function syntheticAccommodation(o: SyntheticOptions): SyntheticAccommodation {
  const random = seededRandom(o.seed);
  const pick = <T>(items: readonly (readonly [T, number])[]): T => {
    let r = random() * items.reduce((s, [, w]) => s + w, 0);
    for (const [item, w] of items) if ((r -= w) < 0) return item;
    return items.at(-1)![0];
  };
  const poisson = (mean: number): number => {
    // Knuth's method; the means here are small (arrivals per day).
    const limit = Math.exp(-mean);
    let k = 0;
    for (let p = random(); p > limit; p *= random()) k++;
    return k;
  };
  const scale = o.scale ?? 1;
  const start = dayNumber(o.start);
  if (start === null) throw new Error(`syntheticAccommodation: start „${o.start}“ is no date`);
  const monthStart = (m: number) => {
    const d = new Date(start * 86_400_000);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + m, 1) / 86_400_000;
  };
  const end = monthStart(o.months) - 1;

  const copies = Math.max(1, Math.round(scale));
  const facilities: (Facility & { openDay: number; closeDay: number })[] = [];
  for (let c = 0; c < copies; c++) {
    for (const p of FACILITY_PLANS) {
      const openDay = p.opensAfter === 0 ? start - 365 * 3 : monthStart(p.opensAfter);
      const closeDay = p.closesAfter === null ? Infinity : monthStart(p.closesAfter) - 1;
      facilities.push({
        code: copies === 1 ? p.code : `${p.code}-${c + 1}`,
        name: copies === 1 ? p.name : `${p.name} ${c + 1}`,
        type: p.type,
        operator: p.operator,
        provision: p.provision,
        opened: isoDay(openDay),
        closed: closeDay === Infinity ? null : isoDay(closeDay),
        capacity: [
          { from: isoDay(openDay), places: p.places, units: p.units },
          // One dated change: a shelter adds winter places from the second November.
          ...(p.code === "OU-AM" && o.months > 22
            ? [{ from: isoDay(monthStart(10)), places: p.places + 8, units: p.units + 3 }]
            : []),
        ],
        openDay,
        closeDay,
      });
    }
  }

  const households: Household[] = [];
  const persons: Person[] = [];
  const stays: Stay[] = [];
  /** Persons housed per facility now, and the changes planned for later days. */
  const occupancy = new Map<string, number>(facilities.map((f) => [f.code, 0]));
  const planned = new Map<number, [string, number][]>();
  const plan = (day: number, facility: string, delta: number) => {
    if (day === Infinity) return;
    planned.set(day, [...(planned.get(day) ?? []), [facility, delta]]);
  };
  const placesOn = (f: Facility, day: number) => {
    let places = 0;
    for (const c of f.capacity) if (dayNumber(c.from)! <= day) places = c.places;
    return places;
  };

  const newHousehold = (refugee: boolean): { household: Household; members: Person[] } => {
    const type: HouseholdType = refugee
      ? pick([
          ["single", 45],
          ["single_parent", 15],
          ["couple", 8],
          ["couple_with_children", 27],
          ["other", 5],
        ])
      : pick([
          ["single", 72],
          ["single_parent", 12],
          ["couple", 8],
          ["couple_with_children", 5],
          ["other", 3],
        ]);
    const children =
      type === "single_parent" || type === "couple_with_children"
        ? 1 + Math.floor(random() * 3)
        : 0;
    const adults =
      type === "couple" || type === "couple_with_children"
        ? 2
        : type === "other"
          ? 2 + Math.floor(random() * 2)
          : 1;
    const id = `HH${String(households.length + 1).padStart(5, "0")}`;
    const household: Household = { id, type, size: adults + children };
    const nationality: NationalityGroup = refugee
      ? pick([
          ["third_country", 82],
          ["stateless_unknown", 8],
          ["eu", 4],
          ["german", 6],
        ])
      : pick([
          ["german", 64],
          ["eu", 17],
          ["third_country", 17],
          ["stateless_unknown", 2],
        ]);
    const year = Number(o.start.slice(0, 4));
    const members: Person[] = [];
    for (let i = 0; i < adults + children; i++) {
      const child = i >= adults;
      const age = child
        ? Math.floor(random() * 17)
        : 19 + Math.floor(random() * (refugee ? 40 : 50));
      const sex: Sex =
        adults === 1 && !child && type === "single_parent"
          ? random() < 0.85
            ? "female"
            : "male"
          : pick([
              ["male", refugee ? 55 : 70],
              ["female", refugee ? 44 : 29],
              ["diverse", 0.5],
              ["unknown", 0.5],
            ]);
      members.push({
        id: `PS${String(persons.length + members.length + 1).padStart(6, "0")}`,
        household: id,
        birthYear: random() < 0.02 ? null : year - age,
        sex,
        nationality,
      });
    }
    households.push(household);
    persons.push(...members);
    return { household, members };
  };

  const freeIn = (type: Facility["type"] | null, day: number, size: number) =>
    facilities.filter(
      (f) =>
        (type === null || f.type === type) &&
        f.openDay <= day &&
        day < f.closeDay &&
        occupancy.get(f.code)! + size <= placesOn(f, day),
    );

  for (let day = start; day <= end; day++) {
    for (const [facility, delta] of planned.get(day) ?? []) {
      occupancy.set(facility, occupancy.get(facility)! + delta);
    }
    planned.delete(day);
    const month = new Date(day * 86_400_000).getUTCMonth();
    const arrivals = poisson((o.householdsPerMonth * SEASON[month]!) / 30.4);
    for (let a = 0; a < arrivals; a++) {
      const refugee = random() < 0.55;
      const { household, members } = newHousehold(refugee);
      const wanted: Facility["type"] = refugee
        ? "refugee_shared"
        : household.size > 2 && random() < 0.6
          ? "dispersed_flat"
          : random() < 0.9
            ? "homeless_shelter"
            : "other";
      const options = freeIn(wanted, day, household.size);
      const fallback = options.length > 0 ? options : freeIn(null, day, household.size);
      if (fallback.length === 0) continue; // full everywhere: the household is referred on
      const facility = fallback[Math.floor(random() * fallback.length)]!;
      const legalBasis: LegalBasis = refugee
        ? random() < 0.6
          ? "asylblg"
          : "sgb12"
        : random() < 0.9
          ? "public_order"
          : "other";
      // Lengths of stay: many short, a long tail (refugees longer).
      const los = Math.round(
        (refugee ? 240 : 120) * -Math.log(1 - random() * 0.995) * (0.3 + random()),
      );
      const exit = day + los > end ? Infinity : day + los;
      const entitled = legalBasis !== "asylblg" && los > 180 && random() < 0.45;
      // Residents of a closing facility move on its last day to another of the same type.
      const movesOut = exit > facility.closeDay;
      const firstExit = movesOut ? facility.closeDay : exit;
      const firstIds: string[] = [];
      for (const p of members) {
        const id = `ST${String(stays.length + 1).padStart(7, "0")}`;
        firstIds.push(id);
        stays.push({
          id,
          person: p.id,
          facility: facility.code,
          legalBasis,
          entry: isoDay(day),
          exit: firstExit === Infinity ? null : isoDay(firstExit),
          movedFrom: null,
          entitledToFlat: entitled,
        });
      }
      occupancy.set(facility.code, occupancy.get(facility.code)! + household.size);
      plan(firstExit, facility.code, -household.size);
      if (movesOut) {
        const target =
          facilities.find(
            (f) =>
              f.type === facility.type &&
              f.code !== facility.code &&
              f.openDay <= facility.closeDay &&
              f.closeDay === Infinity,
          ) ?? facilities.find((f) => f.closeDay === Infinity && f.code !== facility.code)!;
        members.forEach((p, i) => {
          stays.push({
            id: `ST${String(stays.length + 1).padStart(7, "0")}`,
            person: p.id,
            facility: target.code,
            legalBasis,
            entry: isoDay(facility.closeDay),
            exit: exit === Infinity ? null : isoDay(exit),
            movedFrom: firstIds[i]!,
            entitledToFlat: entitled,
          });
        });
        plan(facility.closeDay, target.code, household.size);
        plan(exit, target.code, -household.size);
      }
    }
  }
  return {
    facilities: facilities.map((f): Facility => ({
      code: f.code,
      name: f.name,
      type: f.type,
      operator: f.operator,
      provision: f.provision,
      opened: f.opened,
      closed: f.closed,
      capacity: f.capacity,
    })),
    households,
    persons,
    stays,
  };
}
