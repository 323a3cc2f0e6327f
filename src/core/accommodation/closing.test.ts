import { describe, expect, it } from "vitest";
import {
  closingRefusal,
  compareDeliveries,
  compareStatistics,
  describeChanges,
  monthList,
  monthsChangedBy,
  type ClosingState,
} from "./closing.ts";
import { dayNumber, parseMonth, type Month } from "./days.ts";
import { fullStatistic } from "./disclosure.ts";
import { federalStatistic } from "./federal-statistic.ts";
import type { Facility, Household, Person, Stay } from "./model.ts";
import { DEFAULT_COUNTING_RULES, monthlyStatistic } from "./occupancy.ts";
import { prepareStays } from "./stay-table.ts";

const facility = (code: string, name: string, places: number): Facility => ({
  code,
  name,
  type: "refugee_shared",
  operator: { name: "Stadt", kind: "municipality", association: null },
  provision: "residential",
  opened: "2020-01-01",
  closed: null,
  capacity: [{ from: "2020-01-01", places, units: 10 }],
});
const nord = facility("GU-NO", "Gemeinschaftsunterkunft Nord", 50);
const sued = facility("GU-SU", "Gemeinschaftsunterkunft Süd", 40);
const households: Household[] = [
  { id: "H1", type: "single", size: 1 },
  { id: "H2", type: "single", size: 1 },
];
const persons: Person[] = [
  { id: "P1", household: "H1", birthYear: 1980, sex: "male", nationality: "eu" },
  { id: "P2", household: "H2", birthYear: 1990, sex: "female", nationality: "german" },
];
const stay = (s: Partial<Stay> & Pick<Stay, "id" | "person" | "entry">): Stay => ({
  facility: "GU-NO",
  legalBasis: "sgb12",
  exit: null,
  movedFrom: null,
  entitledToFlat: false,
  ...s,
});
const stays = [stay({ id: "S1", person: "P1", entry: "2026-08-10" })];
const month = (code: string) => parseMonth(code)!;
const closed = ["2026-08", "2026-09", "2026-10"].map(month);
const tableOf = (f: readonly Facility[], s: readonly Stay[]) =>
  prepareStays(f, households, persons, s);
const before = tableOf([nord, sued], stays);
const touched = (f: readonly Facility[], s: readonly Stay[], months: readonly Month[] = closed) =>
  monthsChangedBy(before, tableOf(f, s), months, DEFAULT_COUNTING_RULES).map((m) => m.month);

describe("monthsChangedBy: which closed months a change would alter", () => {
  it("a capacity change touches every month whose reference date it covers", () => {
    const two = {
      ...nord,
      capacity: [...nord.capacity, { from: "2026-10-01", places: 2, units: 1 }],
    };
    expect(touched([two, sued], stays)).toEqual(["2026-10"]);
    const september = {
      ...nord,
      capacity: [...nord.capacity, { from: "2026-09-30", places: 2, units: 1 }],
    };
    expect(touched([september, sued], stays)).toEqual(["2026-09", "2026-10"]);
  });

  it("a capacity change superseded before the reference date touches nothing", () => {
    const superseded = {
      ...nord,
      capacity: [
        ...nord.capacity,
        { from: "2026-10-01", places: 2, units: 1 },
        { from: "2026-10-15", places: 50, units: 10 },
      ],
    };
    const base = tableOf(
      [
        { ...nord, capacity: [...nord.capacity, { from: "2026-10-15", places: 50, units: 10 }] },
        sued,
      ],
      stays,
    );
    expect(
      monthsChangedBy(base, tableOf([superseded, sued], stays), closed, DEFAULT_COUNTING_RULES),
    ).toEqual([]);
  });

  it("a stay touches the months of its entry and exit and those it runs over", () => {
    // Entry and exit in September: an entry and an exit there, nobody on a reference date.
    expect(
      touched(
        [nord, sued],
        [...stays, stay({ id: "S2", person: "P2", entry: "2026-09-03", exit: "2026-09-20" })],
      ),
    ).toEqual(["2026-09"]);
    // Backdated to August and still housed: every closed month from August on.
    expect(
      touched([nord, sued], [...stays, stay({ id: "S2", person: "P2", entry: "2026-08-20" })]),
    ).toEqual(["2026-08", "2026-09", "2026-10"]);
    // From November: no closed month.
    expect(
      touched([nord, sued], [...stays, stay({ id: "S2", person: "P2", entry: "2026-11-02" })]),
    ).toEqual([]);
  });

  it("a backdated move-out touches the months after it in which the person was counted", () => {
    const out = [stay({ id: "S1", person: "P1", entry: "2026-08-10", exit: "2026-09-15" })];
    expect(touched([nord, sued], out)).toEqual(["2026-09", "2026-10"]);
  });

  it("a new name or a facility without places before the month touches nothing", () => {
    const renamed = { ...nord, name: "GU Nord (neu)" };
    const later = {
      ...facility("GU-NEU", "Neu", 20),
      opened: "2026-11-01",
      capacity: [{ from: "2026-11-01", places: 20, units: 5 }],
    };
    expect(touched([renamed, sued, later], stays)).toEqual([]);
  });

  it("names what would change, from what to what", () => {
    const two = {
      ...nord,
      capacity: [...nord.capacity, { from: "2026-10-01", places: 2, units: 1 }],
    };
    const [october] = monthsChangedBy(
      before,
      tableOf([two, sued], stays),
      [month("2026-10")],
      DEFAULT_COUNTING_RULES,
    );
    const places = october!.changes.filter((c) => c.figure === "places");
    expect(places.map((c) => [c.unitName, c.before, c.after])).toEqual([
      ["Insgesamt", 90, 42],
      ["Gemeinschaftsunterkunft für Geflüchtete", 90, 42],
      ["Gemeinschaftsunterkunft Nord", 50, 2],
    ]);
    expect(describeChanges(places.slice(2))).toBe("Plätze (Gemeinschaftsunterkunft Nord): 50 → 2");
    const rate = october!.changes.find(
      (c) => c.unit === "facility:GU-NO" && c.figure === "occupancyRate",
    )!;
    expect(describeChanges([rate])).toBe(
      "Auslastung (Gemeinschaftsunterkunft Nord): 2,0 % → 50,0 %",
    );
  });
});

describe("compareStatistics", () => {
  const s = monthlyStatistic(before, month("2026-10"));
  it("finds nothing between a statistic and itself", () => {
    expect(compareStatistics(fullStatistic(s), fullStatistic(s))).toEqual([]);
  });
  it("shows a withheld value as null", () => {
    const full = fullStatistic(s);
    const withheld = { ...full, total: { ...full.total, persons: null } };
    expect(compareStatistics(full, withheld)).toEqual([
      expect.objectContaining({ unit: "total", figure: "persons", before: 1, after: null }),
    ]);
  });
});

describe("closingRefusal: months are closed in order", () => {
  const today = dayNumber("2026-12-07")!;
  const states = (entries: [string, Exclude<ClosingState, "open">][]) => new Map(entries);
  const refusal = (code: string, s: ReturnType<typeof states>, first: string | null = "2023-11") =>
    closingRefusal(month(code), today, s, first)?.message ?? null;

  it("closes a month only after it has ended", () => {
    expect(refusal("2026-12", states([]))).toMatch(/^Dezember 2026 ist noch nicht vorbei/);
    expect(refusal("2026-11", states([]))).toBeNull();
  });

  it("starts anywhere, then goes on only after the month before", () => {
    expect(refusal("2026-10", states([]))).toBeNull();
    const oct = states([["2026-10", "closed"]]);
    expect(refusal("2026-10", oct)).toBe("Oktober 2026 ist schon abgeschlossen.");
    expect(refusal("2026-11", oct)).toBeNull();
    // Backwards one month at a time.
    expect(refusal("2026-09", oct)).toBeNull();
    expect(refusal("2026-08", oct)).toMatch(/^Zuerst September 2026 abschließen/);
  });

  it("refuses a gap, and waits for a reopened month before it", () => {
    const run = states([
      ["2026-08", "closed"],
      ["2026-09", "reopened"],
    ]);
    expect(refusal("2026-10", run)).toMatch(/^Zuerst September 2026 wieder abschließen/);
    expect(refusal("2026-11", states([["2026-08", "closed"]]))).toMatch(
      /^Zuerst September 2026 abschließen/,
    );
    // Re-closing the reopened month itself: the month before is closed.
    expect(refusal("2026-09", run)).toBeNull();
  });

  it("treats a month before the first records as closed", () => {
    expect(refusal("2023-11", states([["2024-05", "closed"]]), "2023-11")).toBeNull();
  });
});

describe("compareDeliveries", () => {
  const all = [
    stay({ id: "S1", person: "P1", entry: "2025-12-01" }),
    stay({ id: "S2", person: "P2", entry: "2026-01-10" }),
  ];
  const a = federalStatistic(2026, "01001000", [nord], households, persons, all.slice(0, 1));
  const b = federalStatistic(2026, "01001000", [nord], households, persons, all);
  it("lists the persons added and the summary's figures that changed", () => {
    const c = compareDeliveries(a, b);
    expect(c.added).toEqual(["P2"]);
    expect(c.removed).toEqual([]);
    expect(c.figures).toContainEqual({
      figure: "persons",
      label: "Personen in der Lieferung",
      before: 1,
      after: 2,
    });
    expect(c.figures).toContainEqual(
      expect.objectContaining({ label: "Geschlecht: weiblich", before: 0, after: 1 }),
    );
  });
});

describe("monthList", () => {
  it("joins months in German", () => {
    expect(monthList(["2026-09", "2026-10", "2026-11"])).toBe(
      "September 2026, Oktober 2026 und November 2026",
    );
  });
});
