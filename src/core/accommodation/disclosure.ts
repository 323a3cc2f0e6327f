/**
 * The occupancy statistic for people who may not see the records (everyone but the
 * accommodation staff and the planners): counts of persons from 1 to below the workspace's
 * minimum are withheld, and in every breakdown whose total is shown one more cell is withheld
 * when only one is, so the withheld one cannot be worked out from the total (secondary
 * suppression). Places are not about persons and stay; a rate is withheld with its persons.
 * The composition and the lengths of stay are shown for the total and the types only.
 */
import type { MonthlyStatistic, OccupancyFigures } from "./occupancy.ts";

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
  /** Breakdown name → category → count; null where withheld. */
  readonly composition: Readonly<Record<string, Readonly<Record<string, Protected>>>> | null;
}

export interface ProtectedStatistic {
  readonly month: string;
  readonly referenceDate: string;
  readonly minCount: number;
  readonly total: ProtectedFigures;
  readonly byType: Readonly<Record<string, ProtectedFigures>>;
  readonly byFacility: readonly {
    readonly code: string;
    readonly name: string;
    readonly type: string;
    readonly figures: ProtectedFigures;
  }[];
}

const small = (n: number, min: number) => n > 0 && n < min;

/** Withholds small cells of a breakdown, and a second cell when only one is withheld. */
export function protectBreakdown(
  cells: Readonly<Record<string, number>>,
  minCount: number,
): Record<string, Protected> {
  const out: Record<string, Protected> = { ...cells };
  const withheld = Object.keys(cells).filter((k) => small(cells[k]!, minCount));
  for (const k of withheld) out[k] = null;
  if (withheld.length === 1) {
    // The smallest other non-zero cell goes too (zeros say nothing about anyone).
    const next = Object.keys(cells)
      .filter((k) => out[k] !== null && cells[k]! > 0)
      .sort((a, b) => cells[a]! - cells[b]!)[0];
    if (next !== undefined) out[next] = null;
  }
  return out;
}

function protectFigures(f: OccupancyFigures, minCount: number, detail: boolean): ProtectedFigures {
  const count = (n: number): Protected => (small(n, minCount) ? null : n);
  const persons = count(f.persons);
  return {
    persons,
    households: count(f.households),
    places: f.places,
    units: f.units,
    occupancyRate: persons === null ? null : f.occupancyRate,
    freePlaces: persons === null ? null : f.freePlaces,
    overOccupancy: persons === null ? null : count(f.overOccupancy),
    entries: count(f.entries),
    exits: count(f.exits),
    entitledToFlat: count(f.entitledToFlat.persons),
    meanLengthOfStay: detail && persons !== null ? f.lengthOfStay.mean : null,
    medianLengthOfStay: detail && persons !== null ? f.lengthOfStay.median : null,
    lengthClasses: detail ? protectBreakdown(f.lengthOfStay.classes, minCount) : null,
    completedStays: count(f.completedStays.count),
    composition: detail
      ? Object.fromEntries(
          Object.entries(f.composition).map(([name, cells]) => [
            name,
            protectBreakdown(cells as Record<string, number>, minCount),
          ]),
        )
      : null,
  };
}

/**
 * The statistic as a viewer may see it. `minCount` 0 and `facilityDetail` shows everything:
 * the shape the accommodation staff and planners get.
 */
export function protectStatistic(
  s: MonthlyStatistic,
  minCount: number,
  facilityDetail = false,
): ProtectedStatistic {
  return {
    month: s.month,
    referenceDate: s.referenceDate,
    minCount,
    total: protectFigures(s.total, minCount, true),
    byType: Object.fromEntries(
      Object.entries(s.byType).map(([t, f]) => [t, protectFigures(f, minCount, true)]),
    ),
    byFacility: s.byFacility.map((x) => ({
      code: x.code,
      name: x.name,
      type: x.type,
      figures: protectFigures(x.figures, minCount, facilityDetail),
    })),
  };
}
