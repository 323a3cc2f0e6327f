import { describe, expect, it } from "vitest";
import { parseMonth } from "./days.ts";
import { protectBreakdown, protectStatistic } from "./disclosure.ts";
import { monthlyStatistic, prepareStays } from "./occupancy.ts";
import { syntheticAccommodation } from "./synthetic.ts";

describe("protectBreakdown", () => {
  it("withholds small cells and, when only one is, the next smallest", () => {
    expect(protectBreakdown({ a: 10, b: 2, c: 5, d: 0 }, 3)).toEqual({
      a: 10,
      b: null,
      c: null,
      d: 0,
    });
    expect(protectBreakdown({ a: 10, b: 2, c: 1 }, 3)).toEqual({ a: 10, b: null, c: null });
    expect(protectBreakdown({ a: 10, b: 7 }, 3)).toEqual({ a: 10, b: 7 });
  });
});

describe("protectStatistic", () => {
  const d = syntheticAccommodation({
    seed: 5,
    start: "2023-11-01",
    months: 36,
    householdsPerMonth: 10,
  });
  const table = prepareStays(d.facilities, d.households, d.persons, d.stays);
  const raw = monthlyStatistic(table, parseMonth("2025-02")!);
  const safe = protectStatistic(raw, 3);

  it("never shows a count of persons from 1 to 2", () => {
    const counts =
      JSON.stringify(safe).match(/"(persons|households|entries|exits|entitledToFlat)":(\d+)/g) ??
      [];
    for (const c of counts) {
      const n = Number(c.split(":")[1]);
      expect(n === 0 || n >= 3, c).toBe(true);
    }
    for (const breakdown of Object.values(safe.total.composition!)) {
      const withheld = Object.values(breakdown).filter((v) => v === null).length;
      expect(withheld === 0 || withheld >= 2).toBe(true);
      for (const v of Object.values(breakdown)) expect(v === null || v === 0 || v >= 3).toBe(true);
    }
  });

  it("keeps places, and no composition or lengths per facility", () => {
    expect(safe.total.places).toBe(raw.total.places);
    expect(safe.total.persons).toBe(raw.total.persons);
    expect(safe.byFacility.every((f) => f.figures.composition === null)).toBe(true);
    expect(safe.byFacility.every((f) => f.figures.meanLengthOfStay === null)).toBe(true);
  });
});
