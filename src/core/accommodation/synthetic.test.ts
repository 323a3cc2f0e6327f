import { describe, expect, it } from "vitest";
import { addMonths, parseMonth } from "./days.ts";
import { monthlyStatistic } from "./occupancy.ts";
import { prepareStays } from "./stay-table.ts";
import { checkRecords } from "./plausibility.ts";
import { syntheticAccommodation } from "./synthetic.ts";

const options = { seed: 7, start: "2023-11-01", months: 36, householdsPerMonth: 10 };

describe("syntheticAccommodation", () => {
  const data = syntheticAccommodation(options);

  it("is deterministic", () => {
    expect(syntheticAccommodation(options)).toEqual(data);
    expect(syntheticAccommodation({ ...options, seed: 8 }).stays).not.toEqual(data.stays);
  });

  it("has about 10 facilities, one opening and one closing, and a few hundred households", () => {
    expect(data.facilities).toHaveLength(10);
    expect(data.facilities.filter((f) => f.closed !== null)).toHaveLength(1);
    expect(data.facilities.filter((f) => f.opened > options.start)).toHaveLength(1);
    expect(data.households.length).toBeGreaterThan(250);
    expect(data.households.length).toBeLessThan(500);
  });

  it("passes the plausibility check without errors", () => {
    const findings = checkRecords(data.facilities, data.households, data.persons, data.stays);
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("moves the residents of the closing facility and empties it", () => {
    const closing = data.facilities.find((f) => f.closed !== null)!;
    const moves = data.stays.filter((s) => s.movedFrom !== null);
    expect(moves.length).toBeGreaterThan(0);
    expect(moves.every((s) => s.entry === closing.closed)).toBe(true);
    const table = prepareStays(data.facilities, data.households, data.persons, data.stays);
    const after = monthlyStatistic(table, addMonths(parseMonth(closing.closed!.slice(0, 7))!, 1));
    expect(after.byFacility.find((f) => f.code === closing.code)!.figures.persons).toBe(0);
  });

  it("brings more households in winter than in summer", () => {
    const byMonth = new Array<number>(12).fill(0);
    for (const s of data.stays) {
      if (s.movedFrom === null) byMonth[Number(s.entry.slice(5, 7)) - 1]!++;
    }
    const winter = byMonth[0]! + byMonth[1]! + byMonth[11]!;
    const summer = byMonth[5]! + byMonth[6]! + byMonth[7]!;
    expect(winter).toBeGreaterThan(summer);
  });
});
