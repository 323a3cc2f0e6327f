import { describe, expect, it } from "vitest";
import { addMonths, parseMonth } from "./days.ts";
import { fullStatistic, protectHistory } from "./disclosure.ts";
import { monthlyStatistic, type MonthlyStatistic } from "./occupancy.ts";
import { prepareStays } from "./stay-table.ts";
import { syntheticAccommodation } from "./synthetic.ts";

const d = syntheticAccommodation({
  seed: 5,
  start: "2023-11-01",
  months: 36,
  householdsPerMonth: 10,
});
const table = prepareStays(d.facilities, d.households, d.persons, d.stays);
const first = parseMonth("2023-11")!;
const months: MonthlyStatistic[] = Array.from({ length: 36 }, (_, i) =>
  monthlyStatistic(table, addMonths(first, i)),
);
const safe = protectHistory(months, { minCount: 3, chained: true, startsEmpty: true });

describe("protectHistory", () => {
  it("never shows a count of persons or households from 1 to 2", () => {
    const counts =
      JSON.stringify(safe.months).match(
        /"(persons|households|entries|exits|entitledToFlat|completedStays|[a-z0-9_+-]+)":(\d+)/g,
      ) ?? [];
    const places = /"(places|units)":/;
    for (const c of counts) {
      if (places.test(c)) continue;
      const n = Number(c.split(":")[1]);
      expect(n === 0 || n >= 3, c).toBe(true);
    }
    expect(safe.primary).toBeGreaterThan(0);
    expect(safe.secondary).toBeGreaterThan(0);
  });

  it("shows no facility, keeps places, and withholds what follows from withheld persons", () => {
    for (const [i, s] of safe.months.entries()) {
      expect(s.byFacility).toEqual([]);
      expect(s.total.places).toBe(months[i]!.total.places);
      for (const f of [s.total, ...Object.values(s.byType)]) {
        if (f.persons !== null) continue;
        expect(f.occupancyRate).toBeNull();
        expect(f.freePlaces).toBeNull();
        expect(f.overOccupancy).toBeNull();
        expect(f.meanLengthOfStay).toBeNull();
        expect(f.medianLengthOfStay).toBeNull();
      }
    }
  });

  it("never leaves exactly one withheld cell in a breakdown", () => {
    for (const s of safe.months) {
      for (const f of [s.total, ...Object.values(s.byType)]) {
        for (const cells of [...Object.values(f.composition!), f.lengthClasses!]) {
          const withheld = Object.values(cells).filter((v) => v === null).length;
          // One withheld cell is only safe when the breakdown's own total is withheld too.
          if (withheld === 1) expect(f.persons === null || f.households === null).toBe(true);
        }
      }
    }
  });

  it("protects a flow that the month before and after would give away", () => {
    // Persons 10 → 11 with 1 entry and 0 exits: the entry is small, and persons(t) −
    // persons(t − 1) + exits(t) would give it back, so a second cell of that chain goes too.
    const base = months[5]!;
    const bump = (s: MonthlyStatistic, persons: number, entries: number, exits: number) => ({
      ...s,
      total: { ...s.total, persons, entries, exits },
    });
    const pair = [bump(base, 10, 10, 0), bump(months[6]!, 11, 1, 0)];
    const p = protectHistory(pair, { minCount: 3, chained: true, startsEmpty: false });
    const t = p.months[1]!.total;
    expect(t.entries).toBeNull();
    const others = [t.persons, t.exits, p.months[0]!.total.persons];
    expect(others.filter((v) => v === null).length).toBeGreaterThanOrEqual(1);
  });

  it("gives the same marks for the same records", () => {
    const again = protectHistory(months, { minCount: 3, chained: true, startsEmpty: true });
    expect(again.months).toEqual(safe.months);
  });
});

describe("fullStatistic", () => {
  it("shows everything, per facility too", () => {
    const s = fullStatistic(months[20]!);
    expect(s.minCount).toBe(0);
    expect(s.byFacility.length).toBe(months[20]!.byFacility.length);
    expect(s.total.persons).toBe(months[20]!.total.persons);
    expect(s.byFacility[0]!.figures.composition).not.toBeNull();
  });
});
