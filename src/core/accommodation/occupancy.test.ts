import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonths, dayNumber, parseMonth } from "./days.ts";
import type { Facility, Household, Person, Stay } from "./model.ts";
import { monthlyStatistic, referenceDayOf } from "./occupancy.ts";
import { prepareStays } from "./stay-table.ts";

// Two facilities: a shelter with 10 places (12 from 15 March), a shared refugee
// accommodation with 20 places that closes on 20 March.
const facilities: Facility[] = [
  {
    code: "OU1",
    name: "Obdachlosenunterkunft Nord",
    type: "homeless_shelter",
    operator: { name: "Stadt", kind: "municipality", association: null },
    provision: "short_term",
    opened: "2020-01-01",
    closed: null,
    capacity: [
      { from: "2020-01-01", places: 10, units: 5 },
      { from: "2026-03-15", places: 12, units: 6 },
    ],
  },
  {
    code: "GU1",
    name: "Gemeinschaftsunterkunft Süd",
    type: "refugee_shared",
    operator: { name: "Verein", kind: "free_provider", association: "drk" },
    provision: "other",
    opened: "2020-01-01",
    closed: "2026-03-20",
    capacity: [{ from: "2020-01-01", places: 20, units: 8 }],
  },
];
const households: Household[] = [
  { id: "H1", type: "single", size: 1 },
  { id: "H2", type: "single_parent", size: 2 },
  { id: "H3", type: "single", size: 1 },
  { id: "H4", type: "couple", size: 2 },
];
const persons: Person[] = [
  { id: "P1", household: "H1", birthYear: 1970, sex: "male", nationality: "german" },
  { id: "P2", household: "H2", birthYear: 1990, sex: "female", nationality: "third_country" },
  { id: "P3", household: "H2", birthYear: 2022, sex: "male", nationality: "third_country" },
  { id: "P4", household: "H3", birthYear: null, sex: "unknown", nationality: "eu" },
  { id: "P5", household: "H4", birthYear: 1960, sex: "female", nationality: "german" },
  { id: "P6", household: "H4", birthYear: 1958, sex: "male", nationality: "german" },
];
const stay = (s: Partial<Stay> & Pick<Stay, "id" | "person" | "facility" | "entry">): Stay => ({
  legalBasis: "public_order",
  exit: null,
  movedFrom: null,
  entitledToFlat: false,
  ...s,
});
const stays: Stay[] = [
  // P1: in OU1 since 10 Jan, crosses the month ends, entitled to a flat.
  stay({ id: "S1", person: "P1", facility: "OU1", entry: "2026-01-10", entitledToFlat: true }),
  // H2 in GU1 from 25 Feb; moves to OU1 on 20 March when GU1 closes.
  stay({
    id: "S2",
    person: "P2",
    facility: "GU1",
    entry: "2026-02-25",
    exit: "2026-03-20",
    legalBasis: "asylblg",
  }),
  stay({
    id: "S3",
    person: "P3",
    facility: "GU1",
    entry: "2026-02-25",
    exit: "2026-03-20",
    legalBasis: "asylblg",
  }),
  stay({
    id: "S4",
    person: "P2",
    facility: "OU1",
    entry: "2026-03-20",
    movedFrom: "S2",
    legalBasis: "sgb12",
  }),
  stay({
    id: "S5",
    person: "P3",
    facility: "OU1",
    entry: "2026-03-20",
    movedFrom: "S3",
    legalBasis: "sgb12",
  }),
  // P4: entry and exit on the same day in March.
  stay({ id: "S6", person: "P4", facility: "OU1", entry: "2026-03-05", exit: "2026-03-05" }),
  // H4: in OU1 from 1 March to 31 March: leaves on the reference date itself.
  stay({ id: "S7", person: "P5", facility: "OU1", entry: "2026-03-01", exit: "2026-03-31" }),
  stay({ id: "S8", person: "P6", facility: "OU1", entry: "2026-03-01", exit: "2026-03-31" }),
];
const table = prepareStays(facilities, households, persons, stays);
const march = parseMonth("2026-03")!;
const day = (iso: string) => dayNumber(iso)!;

describe("monthlyStatistic, by hand", () => {
  const s = monthlyStatistic(table, march);
  const ou1 = s.byFacility.find((f) => f.code === "OU1")!.figures;
  const gu1 = s.byFacility.find((f) => f.code === "GU1")!.figures;

  it("counts the persons housed on 31 March (entry ≤ d < exit)", () => {
    // P1, P2, P3 (moved in on the 20th); not H4 (left on the 31st), not P4 (same day).
    expect(s.referenceDate).toBe("2026-03-31");
    expect(ou1.persons).toBe(3);
    expect(ou1.households).toBe(2);
    expect(gu1.persons).toBe(0);
    expect(s.total.persons).toBe(3);
  });

  it("takes the places valid on the reference date; a closed facility has none", () => {
    expect(ou1.places).toBe(12);
    expect(gu1.places).toBe(0);
    expect(s.total.places).toBe(12);
    expect(s.total.occupancyRate).toBeCloseTo(3 / 12, 12);
    expect(s.total.freePlaces).toBe(9);
    expect(gu1.occupancyRate).toBeNull();
  });

  it("counts entries and exits: a move is one of the facility, not of the total", () => {
    // OU1: entries S4, S5 (moves), S6, S7, S8 = 5; exits S6, S7, S8 = 3.
    expect([ou1.entries, ou1.exits]).toEqual([5, 3]);
    // GU1: exits S2, S3 (moves out) = 2, no entries in March.
    expect([gu1.entries, gu1.exits]).toEqual([0, 2]);
    // Total: entries S6, S7, S8 = 3; exits S6, S7, S8 = 3.
    expect([s.total.entries, s.total.exits]).toEqual([3, 3]);
    expect([s.total.householdEntries, s.total.householdExits]).toEqual([2, 2]);
    // By type: the move GU (refugee) → OU (homeless) is an exit and an entry of the types.
    expect(s.byType.homeless_shelter.entries).toBe(5);
    expect(s.byType.refugee_shared.exits).toBe(2);
  });

  it("measures the length of stay since entry (facility) and since the first entry (total)", () => {
    const r = day("2026-03-31");
    // OU1: P1 since 10 Jan, P2 and P3 since 20 Mar.
    const inFacility = [r - day("2026-01-10"), r - day("2026-03-20"), r - day("2026-03-20")];
    expect(ou1.lengthOfStay.mean).toBeCloseTo((inFacility[0]! + 2 * inFacility[1]!) / 3, 12);
    expect(ou1.lengthOfStay.median).toBe(11);
    // Total: P2 and P3 since 25 Feb (moves do not restart the count).
    expect(s.total.lengthOfStay.median).toBe(r - day("2026-02-25"));
    expect(s.total.lengthOfStay.classes).toEqual({
      lt1m: 0,
      "1to3m": 3,
      "3to6m": 0,
      "6to12m": 0,
      "1to2y": 0,
      "2yplus": 0,
    });
    // Completed: P4 (0 days), P5 and P6 (30 days).
    expect(s.total.completedStays).toEqual({ count: 3, mean: 20, median: 30 });
  });

  it("describes who is housed: households, age, sex, nationality, legal basis, entitlement", () => {
    expect(s.total.composition.householdType).toMatchObject({ single: 1, single_parent: 1 });
    // Ages on 31 March 2026 by birth year: 56 (P1), 36 (P2), 4 (P3).
    expect(s.total.composition.ageGroup).toMatchObject({ "0-5": 1, "25-49": 1, "50-64": 1 });
    expect(s.total.composition.sex).toMatchObject({ male: 2, female: 1 });
    expect(s.total.composition.nationality).toMatchObject({ german: 1, third_country: 2 });
    expect(s.total.composition.legalBasis).toMatchObject({ public_order: 1, sgb12: 2 });
    expect(s.total.entitledToFlat).toEqual({ persons: 1, households: 1 });
  });

  it("uses another reference day when the rules say so", () => {
    const mid = monthlyStatistic(table, march, { referenceDay: 15 });
    expect(mid.referenceDate).toBe("2026-03-15");
    // On 15 March: P1 (OU1), H4 (OU1), H2 in GU1.
    expect(mid.byFacility.find((f) => f.code === "OU1")!.figures.persons).toBe(3);
    expect(mid.byFacility.find((f) => f.code === "GU1")!.figures.persons).toBe(2);
    expect(mid.total.places).toBe(32);
  });

  it("gives February its own figures (stays crossing the month end)", () => {
    const feb = monthlyStatistic(table, addMonths(march, -1));
    expect(feb.referenceDate).toBe("2026-02-28");
    expect(feb.total.persons).toBe(3);
    expect(feb.total.entries).toBe(2);
    expect(feb.total.places).toBe(30);
  });
});

describe("free places and over-occupancy", () => {
  // A second shelter of the same type with 2 places; the four persons of H2 and H4 live there
  // on 14 March while OU1 (10 places) has one: the type has 12 places and 5 persons.
  const small: Facility = {
    ...facilities[0]!,
    code: "OU2",
    name: "Notunterkunft Klein",
    capacity: [{ from: "2020-01-01", places: 2, units: 1 }],
  };
  const crowded = prepareStays([...facilities, small], households, persons, [
    stay({ id: "C1", person: "P1", facility: "OU1", entry: "2026-01-10" }),
    stay({ id: "C2", person: "P2", facility: "OU2", entry: "2026-03-01" }),
    stay({ id: "C3", person: "P3", facility: "OU2", entry: "2026-03-01" }),
    stay({ id: "C5", person: "P5", facility: "OU2", entry: "2026-03-01" }),
    stay({ id: "C6", person: "P6", facility: "OU2", entry: "2026-03-01" }),
  ]);
  const s = monthlyStatistic(crowded, march, { referenceDay: 14 });
  const row = (code: string) => s.byFacility.find((f) => f.code === code)!.figures;

  it("counts a facility's persons beyond its places as its over-occupancy", () => {
    expect([row("OU2").persons, row("OU2").places]).toEqual([4, 2]);
    expect([row("OU2").freePlaces, row("OU2").overOccupancy]).toEqual([0, 2]);
    expect([row("OU1").freePlaces, row("OU1").overOccupancy]).toEqual([9, 0]);
  });

  it("gives a type and the total the sums of their facilities' rows", () => {
    // Type: 12 places, 5 persons. At its own level it would show 7 free and no
    // over-occupancy, hiding the 2 persons too many in OU2.
    const type = s.byType.homeless_shelter;
    expect([type.places, type.persons]).toEqual([12, 5]);
    expect([type.freePlaces, type.overOccupancy]).toEqual([9, 2]);
    // Total: OU1 9 free, GU1 20 free (nobody housed), OU2 2 over.
    expect([s.total.freePlaces, s.total.overOccupancy]).toEqual([29, 2]);
    expect(s.total.freePlaces - s.total.overOccupancy).toBe(s.total.places - s.total.persons);
  });
});

describe("monthlyStatistic, properties", () => {
  const arbitraryStays = fc.array(
    fc.record({
      entry: fc.integer({ min: 0, max: 400 }),
      length: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
      facility: fc.constantFrom("OU1", "GU1"),
      person: fc.constantFrom(...persons.map((p) => p.id)),
    }),
    { maxLength: 60 },
  );
  const base = day("2025-06-01");
  const iso = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);

  it("never counts more persons than stays open on the reference date, and levels add up", () => {
    fc.assert(
      fc.property(arbitraryStays, fc.integer({ min: 0, max: 14 }), (raw, offset) => {
        const list: Stay[] = raw.map((r, i) =>
          stay({
            id: `X${i}`,
            person: r.person,
            facility: r.facility,
            entry: iso(base + r.entry),
            exit: r.length === null ? null : iso(base + r.entry + r.length),
          }),
        );
        const t = prepareStays(facilities, households, persons, list);
        const month = addMonths(parseMonth("2025-06")!, offset);
        const s = monthlyStatistic(t, month);
        const r = referenceDayOf(month, { referenceDay: "last" });
        const open = list.filter(
          (x) => day(x.entry) <= r && (x.exit === null || day(x.exit) > r),
        ).length;
        expect(s.total.persons).toBe(open);
        expect(s.byFacility.reduce((n, f) => n + f.figures.persons, 0)).toBe(s.total.persons);
        expect(s.total.households).toBeLessThanOrEqual(s.total.persons);
        expect(s.total.freePlaces - s.total.overOccupancy).toBe(s.total.places - s.total.persons);
        // Totals are the sums of their rows.
        const sum = (key: "freePlaces" | "overOccupancy", type?: string) =>
          s.byFacility
            .filter((f) => type === undefined || f.type === type)
            .reduce((n, f) => n + f.figures[key], 0);
        for (const key of ["freePlaces", "overOccupancy"] as const) {
          expect(s.total[key]).toBe(sum(key));
          for (const [type, f] of Object.entries(s.byType)) expect(f[key]).toBe(sum(key, type));
        }
        const classes = Object.values(s.total.lengthOfStay.classes).reduce((a, b) => a + b, 0);
        expect(classes).toBe(s.total.persons);
      }),
      { numRuns: 200 },
    );
  });
});
