/**
 * The accommodation statistic after disclosure control, attacked by the independent solver
 * (test/support/disclosure-attack.ts) on synthetic histories, without a database: the demo's
 * shape and a city with many small facilities and few persons.
 */
import { describe, expect, it } from "vitest";
import { addMonths, parseMonth } from "../../src/core/accommodation/days.ts";
import { protectHistory } from "../../src/core/accommodation/disclosure.ts";
import { fullStatistic } from "../../src/core/accommodation/disclosure.ts";
import { monthlyStatistic } from "../../src/core/accommodation/occupancy.ts";
import { prepareStays } from "../../src/core/accommodation/stay-table.ts";
import { syntheticAccommodation } from "../../src/core/accommodation/synthetic.ts";
import { AccommodationReader, isCountKey, truthOf } from "../support/accommodation-attack.ts";
import { ReaderKnowledge } from "../support/disclosure-attack.ts";

function history(options: Parameters<typeof syntheticAccommodation>[0]) {
  const d = syntheticAccommodation(options);
  const table = prepareStays(d.facilities, d.households, d.persons, d.stays);
  const first = parseMonth(options.start.slice(0, 7))!;
  return Array.from({ length: options.months }, (_, i) =>
    monthlyStatistic(table, addMonths(first, i)),
  );
}

function attack(months: ReturnType<typeof history>, minCount: number) {
  const t0 = performance.now();
  const safe = protectHistory(months, { minCount, chained: true, startsEmpty: true });
  const ms = performance.now() - t0;
  const reader = new AccommodationReader(new ReaderKnowledge());
  // The month before the history: nobody housed, as the reader can see.
  const before = addMonths(parseMonth(months[0]!.month)!, -1);
  reader.statistic({
    month: before.code,
    referenceDate: new Date(Date.UTC(before.year, before.month, 0)).toISOString().slice(0, 10),
    total: { persons: 0, households: 0, places: 0, occupancyRate: null, entries: 0, exits: 0 },
    byFacility: [],
  });
  for (const s of safe.months) reader.statistic(s);
  reader.equations();
  const report = reader.knowledge.attack({
    minCount,
    sensitive: isCountKey,
    truth: truthOf(months.map(fullStatistic)),
  });
  return { safe, report, ms };
}

describe("the attacker", () => {
  it("recovers small counts that are withheld one by one (the method before)", () => {
    const months = history({ seed: 7, start: "2023-11-01", months: 36, householdsPerMonth: 10 });
    const reader = new AccommodationReader(new ReaderKnowledge());
    // Each small count withheld on its own, nothing else: what readers got before.
    const hide = (v: number | null) => (v !== null && v > 0 && v < 3 ? null : v);
    for (const s of months.map(fullStatistic)) {
      const figures = (f: (typeof s)["total"]) => ({
        ...f,
        persons: hide(f.persons),
        households: hide(f.households),
        entries: hide(f.entries),
        exits: hide(f.exits),
        entitledToFlat: hide(f.entitledToFlat),
        completedStays: hide(f.completedStays),
        occupancyRate: hide(f.persons) === null ? null : f.occupancyRate,
        freePlaces: null,
        overOccupancy: null,
        lengthClasses: null,
        composition: null,
      });
      reader.statistic({
        ...s,
        total: figures(s.total),
        byType: Object.fromEntries(Object.entries(s.byType).map(([t, f]) => [t, figures(f)])),
        byFacility: [],
      });
    }
    reader.equations();
    const report = reader.knowledge.attack({
      minCount: 3,
      sensitive: isCountKey,
      truth: truthOf(months.map(fullStatistic)),
    });
    expect(report.determined.length).toBeGreaterThan(20);
    for (const d of report.determined) expect(d.recovered).toBe(d.truth);
    expect(report.determined.every((d) => d.truth! >= 1 && d.truth! <= 2)).toBe(true);
  });
});

describe("accommodation history after disclosure control", () => {
  it("leaves no withheld cell of the demo-like history determined (36 months)", () => {
    const months = history({ seed: 7, start: "2023-11-01", months: 36, householdsPerMonth: 10 });
    const { safe, report } = attack(months, 3);
    expect(safe.primary).toBeGreaterThan(0);
    expect(report.withheld).toBeGreaterThan(0);
    expect(report.smallShown).toEqual([]);
    expect(report.conflicting).toEqual([]);
    expect(report.mixed).toEqual([]);
    expect(report.smallGroups).toEqual([]);
    expect(report.determined).toEqual([]);
  });

  it("holds for many small facilities with few persons (48 months)", () => {
    const months = history({
      seed: 11,
      start: "2022-01-01",
      months: 48,
      householdsPerMonth: 3,
      scale: 4,
    });
    const { report, ms } = attack(months, 3);
    expect(report.smallShown).toEqual([]);
    expect(report.conflicting).toEqual([]);
    expect(report.mixed).toEqual([]);
    expect(report.smallGroups).toEqual([]);
    expect(report.determined).toEqual([]);
    console.log(
      `protectHistory: ${ms.toFixed(0)} ms, ${report.withheld} withheld of ${report.cells}`,
    );
  });
});
