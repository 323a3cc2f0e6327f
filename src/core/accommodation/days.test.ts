import { describe, expect, it } from "vitest";
import { addMonths, dayNumber, isoDay, monthOfDay, monthsBetween, parseMonth } from "./days.ts";
import { ageGroupOf } from "./model.ts";

describe("days and months", () => {
  it("turns real calendar days into numbers and back, and refuses others", () => {
    expect(dayNumber("1970-01-02")).toBe(1);
    expect(isoDay(dayNumber("2024-02-29")!)).toBe("2024-02-29");
    expect(dayNumber("2026-02-29")).toBeNull();
    expect(dayNumber("2026-13-01")).toBeNull();
    expect(dayNumber("31.01.2026")).toBeNull();
  });

  it("knows each month's first and last day, across years", () => {
    const feb = parseMonth("2024-02")!;
    expect([isoDay(feb.first), isoDay(feb.last)]).toEqual(["2024-02-01", "2024-02-29"]);
    expect(addMonths(feb, -2).code).toBe("2023-12");
    expect(addMonths(feb, 11).code).toBe("2025-01");
    expect(monthOfDay(dayNumber("2025-12-31")!).code).toBe("2025-12");
    expect(parseMonth("2024-00")).toBeNull();
    expect(monthsBetween(parseMonth("2024-11")!, parseMonth("2025-02")!)).toBe(4);
    expect(monthsBetween(feb, feb)).toBe(1);
    expect(monthsBetween(feb, addMonths(feb, -1))).toBe(0);
  });

  it("groups ages by birth year at the reference year", () => {
    expect(ageGroupOf(2020, 2026)).toBe("6-17");
    expect(ageGroupOf(2021, 2026)).toBe("0-5");
    expect(ageGroupOf(1961, 2026)).toBe("65+");
    expect(ageGroupOf(null, 2026)).toBe("unknown");
    expect(ageGroupOf(2030, 2026)).toBe("unknown");
  });
});
