import { describe, expect, it } from "vitest";
import { dayOutOfBounds, latestDay } from "./date-bounds.ts";

const nord = { name: "Gemeinschaftsunterkunft Nord", opened: "2020-11-01", closed: null };
const limits = { today: "2026-12-07", daysAhead: 31 };

describe("dayOutOfBounds", () => {
  it("refuses a day before the facility opened", () => {
    expect(dayOutOfBounds("1900-01-01", "entry", nord, limits)).toBe(
      "Einzugsdatum 01.01.1900 liegt vor der Eröffnung von Gemeinschaftsunterkunft Nord (01.11.2020).",
    );
    expect(dayOutOfBounds("2020-10-31", "capacity", nord, limits)).toMatch(
      /^Kapazität gültig ab 31\.10\.2020 liegt vor der Eröffnung/,
    );
  });

  it("refuses a day more than the days ahead after today", () => {
    expect(latestDay(limits)).toBe("2027-01-07");
    expect(dayOutOfBounds("2027-01-07", "entry", nord, limits)).toBeNull();
    expect(dayOutOfBounds("2099-01-01", "entry", nord, limits)).toBe(
      "Einzugsdatum 01.01.2099 liegt mehr als 31 Tage in der Zukunft (spätestens 07.01.2027).",
    );
    expect(dayOutOfBounds("2027-01-08", "opening", nord, limits)).toMatch(/^Eröffnungsdatum/);
    expect(dayOutOfBounds("2026-12-20", "move", nord, { ...limits, daysAhead: 7 })).toMatch(
      /^Umzugsdatum 20\.12\.2026 liegt mehr als 7 Tage in der Zukunft/,
    );
  });

  it("refuses a day after the closing; the closing day itself is fine", () => {
    const closed = { ...nord, closed: "2026-10-20" };
    expect(dayOutOfBounds("2026-10-20", "exit", closed, limits)).toBeNull();
    expect(dayOutOfBounds("2026-10-21", "exit", closed, limits)).toBe(
      "Auszugsdatum 21.10.2026 liegt nach der Schließung von Gemeinschaftsunterkunft Nord (letzter Tag 20.10.2026).",
    );
  });

  it("bounds an opening or a closing only by the days ahead", () => {
    expect(dayOutOfBounds("1990-01-01", "opening", nord, limits)).toBeNull();
    expect(dayOutOfBounds("2026-12-31", "closing", nord, limits)).toBeNull();
  });
});
