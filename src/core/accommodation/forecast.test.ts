import { describe, expect, it } from "vitest";
import { forecastPlaces, type MonthFigures } from "./forecast.ts";

const months = (n: number, f: (i: number) => Omit<MonthFigures, "month">): MonthFigures[] =>
  Array.from({ length: n }, (_, i) => {
    const y = 2024 + Math.floor(i / 12);
    return { month: `${y}-${String((i % 12) + 1).padStart(2, "0")}`, ...f(i) };
  });

describe("forecastPlaces", () => {
  it("stays level when entries and exits balance (steady state P = E / q)", () => {
    // 100 housed, 10 entries, exits 10 of (100 + 5) a month: q = 10/105, P* = 10/q = 105.
    const h = months(12, () => ({ persons: 100, entries: 10, exits: 10, places: 120 }));
    const f = forecastPlaces(h, 12);
    expect(f.exitShare.central).toBeCloseTo(10 / 105, 12);
    expect(f.months[0]!.persons).toBe(Math.round(100 * (1 - 10 / 105) + 10));
    expect(f.months.at(-1)!.persons).toBeLessThanOrEqual(105);
    expect(f.capacityRunsOut).toBeNull();
    // No swings in the past: the range is the central line.
    expect(f.months.every((m) => m.low === m.persons && m.high === m.persons)).toBe(true);
  });

  it("finds the month the places run out when entries exceed exits", () => {
    // 90 housed, 20 entries, 5 exits a month: the stock grows by about 15 a month.
    const h = months(12, (i) => ({ persons: 90 + 15 * i, entries: 20, exits: 5, places: 300 }));
    const f = forecastPlaces(h, 12);
    const first = f.months.find((m) => m.persons > 300)!;
    expect(f.capacityRunsOut).toBe(first.month);
    expect(first.shortfall).toBe(first.persons - 300);
  });

  it("takes planned places into account", () => {
    const h = months(12, () => ({ persons: 100, entries: 10, exits: 10, places: 120 }));
    const f = forecastPlaces(h, 6, new Map([["2025-03", 90]]));
    expect(f.months.map((m) => m.places)).toEqual([120, 120, 90, 90, 90, 90]);
    expect(f.capacityRunsOut).toBe("2025-03");
  });

  it("projects seasonal entries with two years of data, and a range around the swings", () => {
    // Winter months bring twice the entries.
    const winter = (i: number) => [0, 1, 10, 11].includes(i % 12);
    const h = months(24, (i) => ({
      persons: 100,
      entries: winter(i) ? 20 : 10,
      exits: winter(i) ? 15 : 12,
      places: 150,
    }));
    const f = forecastPlaces(h, 12);
    expect(f.seasonal).toBe(true);
    expect(f.months[0]!.month).toBe("2026-01");
    expect(f.months.every((m) => m.low <= m.persons && m.persons <= m.high)).toBe(true);
    expect(f.months.some((m) => m.high > m.low)).toBe(true);
  });

  it("needs six months of history", () => {
    expect(() =>
      forecastPlaces(
        months(5, () => ({ persons: 1, entries: 1, exits: 1, places: 1 })),
        6,
      ),
    ).toThrow();
  });
});
