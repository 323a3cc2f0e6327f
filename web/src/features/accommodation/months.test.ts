import { describe, expect, it } from "vitest";
import {
  defaultMonth,
  formatDay,
  formatMonth,
  monthsUpTo,
  pickerMonths,
  previousMonth,
  shiftMonth,
} from "./months.ts";

describe("months", () => {
  it("opens on the month before the running one, across the turn of the year", () => {
    expect(previousMonth(new Date(2026, 10, 24))).toBe("2026-10");
    expect(previousMonth(new Date(2027, 0, 3))).toBe("2026-12");
  });

  it("opens on the last month with records when the records end earlier", () => {
    expect(defaultMonth("2026-10", null)).toBe("2026-10");
    expect(defaultMonth("2026-10", { first: "2023-11", last: "2026-11" })).toBe("2026-10");
    expect(defaultMonth("2028-03", { first: "2023-11", last: "2026-10" })).toBe("2026-10");
  });

  it("offers no month before the first with records, newest first", () => {
    expect(pickerMonths("2026-10", { first: "2026-08", last: "2026-10" }, 48)).toEqual([
      "2026-10",
      "2026-09",
      "2026-08",
    ]);
    expect(pickerMonths("2026-10", null, 3)).toEqual(["2026-10", "2026-09", "2026-08"]);
  });

  it("shifts months and keeps a text that is no month", () => {
    expect(shiftMonth("2026-10", -1)).toBe("2026-09");
    expect(shiftMonth("2026-10", -12)).toBe("2025-10");
    expect(shiftMonth("2026-01", -1)).toBe("2025-12");
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
    expect(shiftMonth("2026-13", 1)).toBe("2026-13");
  });

  it("lists the months of a chart, oldest first", () => {
    expect(monthsUpTo("2026-02", 4)).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(monthsUpTo("2026-10", 24)).toHaveLength(24);
    expect(monthsUpTo("2026-10", 24)[0]).toBe("2024-11");
  });

  it("writes months and days in German and English", () => {
    expect(formatMonth("de-DE", "2026-10")).toBe("Oktober 2026");
    expect(formatMonth("en-GB", "2026-10")).toBe("October 2026");
    expect(formatDay("de-DE", "2026-10-31")).toBe("31.10.2026");
    expect(formatDay("de-DE", "kein Tag")).toBe("kein Tag");
  });
});
