import { describe, expect, it } from "vitest";
import { federalStatistic } from "./federal-statistic.ts";
import type { Facility, Household, Person, Stay } from "./model.ts";

const facilities: Facility[] = [
  {
    code: "OU1",
    name: "OU Nord",
    type: "homeless_shelter",
    operator: { name: "Stadt Norderstedt", kind: "municipality", association: null },
    provision: "short_term",
    opened: "2020-01-01",
    closed: null,
    capacity: [{ from: "2020-01-01", places: 30, units: 10 }],
  },
  {
    code: "GU1",
    name: "GU Süd",
    type: "refugee_shared",
    operator: { name: "DRK Kreisverband", kind: "free_provider", association: "drk" },
    provision: "other",
    opened: "2020-01-01",
    closed: null,
    capacity: [{ from: "2020-01-01", places: 50, units: 12 }],
  },
];
const households: Household[] = [
  { id: "H1", type: "single", size: 1 },
  { id: "H2", type: "single_parent", size: 2 },
  { id: "H3", type: "couple", size: 2 },
];
const persons: Person[] = [
  { id: "P1", household: "H1", birthYear: 1970, sex: "male", nationality: "german" },
  { id: "P2", household: "H2", birthYear: 1995, sex: "female", nationality: "third_country" },
  { id: "P3", household: "H2", birthYear: 2019, sex: "female", nationality: "third_country" },
  { id: "P4", household: "H3", birthYear: null, sex: "unknown", nationality: "stateless_unknown" },
  { id: "P5", household: "H3", birthYear: 1990, sex: "male", nationality: "stateless_unknown" },
];
const stay = (s: Partial<Stay> & Pick<Stay, "id" | "person" | "facility" | "entry">): Stay => ({
  legalBasis: "public_order",
  exit: null,
  movedFrom: null,
  entitledToFlat: false,
  ...s,
});

describe("federalStatistic", () => {
  const { records, summary } = federalStatistic(2026, "01060063", facilities, households, persons, [
    stay({ id: "S1", person: "P1", facility: "OU1", entry: "2025-11-03" }),
    // Recognised refugees housed to prevent homelessness: counted.
    stay({ id: "S2", person: "P2", facility: "GU1", entry: "2024-06-01", legalBasis: "sgb12" }),
    stay({ id: "S3", person: "P3", facility: "GU1", entry: "2024-06-01", legalBasis: "sgb12" }),
    // Under the AsylbLG: outside the law's scope.
    stay({ id: "S4", person: "P4", facility: "GU1", entry: "2025-12-01", legalBasis: "asylblg" }),
    // Left on 31 January: not housed in the night to 1 February.
    stay({ id: "S5", person: "P5", facility: "OU1", entry: "2026-01-02", exit: "2026-01-31" }),
    // Entered on 31 January: housed that night.
    stay({ id: "S6", person: "P5", facility: "OU1", entry: "2026-01-31" }),
  ]);

  it("takes the persons housed in the night of 31 January, without AsylbLG placements", () => {
    expect(records.map((r) => r.person)).toEqual(["P1", "P2", "P3", "P5"]);
    expect(summary).toMatchObject({
      referenceDate: "2026-01-31",
      persons: 4,
      households: 3,
      excludedAsylum: 1,
    });
  });

  it("carries the characteristics of § 4 WoBerichtsG", () => {
    expect(records[1]).toEqual({
      municipalityKey: "01060063",
      person: "P2",
      sex: "female",
      age: 30,
      nationality: "third_country",
      householdType: "single_parent",
      householdSize: 2,
      provision: "other",
      operatorKind: "free_provider",
      association: "drk",
      since: "2024-06-01",
    });
    expect(records[0]).toMatchObject({ age: 55, operatorKind: "municipality", association: null });
    expect(records[3]).toMatchObject({ since: "2026-01-31" });
  });

  it("sums up what it sends and says what is missing", () => {
    expect(summary.bySex).toEqual({ female: 2, male: 2, diverse: 0, unknown: 0 });
    expect(summary.byAge).toMatchObject({ under18: 1, "25-49": 2, "50-64": 1 });
    expect(summary.byProvision).toMatchObject({ short_term: 2, other: 2 });
    expect(summary.notes).toEqual([
      "1 Person staatenlos oder mit ungeklärter Staatsangehörigkeit.",
      "1 Person am Stichtag nach dem AsylbLG untergebracht: nicht Teil der Erhebung, nicht enthalten.",
    ]);
  });
});
