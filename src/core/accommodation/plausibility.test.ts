import { describe, expect, it } from "vitest";
import type { Facility, Household, Person, Stay } from "./model.ts";
import { checkRecords } from "./plausibility.ts";

const facilities: Facility[] = [
  {
    code: "OU1",
    name: "OU Nord",
    type: "homeless_shelter",
    operator: { name: "Stadt", kind: "municipality", association: null },
    provision: "short_term",
    opened: "2024-01-01",
    closed: null,
    capacity: [{ from: "2024-01-01", places: 2, units: 1 }],
  },
  {
    code: "GU1",
    name: "GU Süd",
    type: "refugee_shared",
    operator: { name: "Verein", kind: "free_provider", association: "drk" },
    provision: "other",
    opened: "2024-01-01",
    closed: "2025-06-30",
    capacity: [{ from: "2024-01-01", places: 10, units: 4 }],
  },
];
const households: Household[] = [
  { id: "H1", type: "single", size: 1 },
  { id: "H2", type: "couple", size: 3 },
];
const persons: Person[] = [
  { id: "P1", household: "H1", birthYear: 1980, sex: "male", nationality: "german" },
  { id: "P2", household: "H2", birthYear: 1985, sex: "female", nationality: "eu" },
  { id: "P3", household: "H2", birthYear: 1984, sex: "male", nationality: "eu" },
];
const stay = (s: Partial<Stay> & Pick<Stay, "id" | "person" | "facility" | "entry">): Stay => ({
  legalBasis: "public_order",
  exit: null,
  movedFrom: null,
  entitledToFlat: false,
  ...s,
});
const check = (stays: Stay[]) => checkRecords(facilities, households, persons, stays);
const codes = (stays: Stay[]) => check(stays).map((f) => `${f.severity} ${f.code} ${f.record}`);

describe("checkRecords", () => {
  it("accepts consistent records, a move on the day of the exit included", () => {
    expect(
      codes([
        stay({ id: "S1", person: "P1", facility: "GU1", entry: "2024-02-01", exit: "2024-05-01" }),
        stay({ id: "S2", person: "P1", facility: "OU1", entry: "2024-05-01", movedFrom: "S1" }),
      ]),
    ).toEqual(["warning household_size H2"]);
  });

  it("refuses an exit before the entry, unknown references and dates that do not exist", () => {
    const found = check([
      stay({ id: "S1", person: "P1", facility: "OU1", entry: "2024-03-10", exit: "2024-03-01" }),
      stay({ id: "S2", person: "P9", facility: "OU1", entry: "2024-03-10" }),
      stay({ id: "S3", person: "P1", facility: "XX", entry: "2024-03-10" }),
      stay({ id: "S4", person: "P1", facility: "OU1", entry: "2024-02-30" }),
    ]);
    expect(found.filter((f) => f.severity === "error").map((f) => f.code)).toEqual([
      "exit_before_entry",
      "unknown_person",
      "unknown_facility",
      "invalid_date",
    ]);
    expect(found.find((f) => f.code === "exit_before_entry")!.message).toBe(
      "Aufenthalt S1 (Haushalt H1, Person P1): Auszug 01.03.2024 liegt vor dem Einzug 10.03.2024.",
    );
  });

  it("refuses overlapping stays of one person, but not a same-day stay", () => {
    expect(
      codes([
        stay({ id: "S1", person: "P1", facility: "OU1", entry: "2024-03-01", exit: "2024-04-01" }),
        stay({ id: "S2", person: "P1", facility: "GU1", entry: "2024-03-15" }),
        stay({ id: "S3", person: "P1", facility: "GU1", entry: "2024-03-20", exit: "2024-03-20" }),
      ]).filter((c) => c.startsWith("error")),
    ).toEqual(["error overlapping_stays S2"]);
  });

  it("refuses a move that does not continue the same person's exit", () => {
    expect(
      codes([
        stay({ id: "S1", person: "P1", facility: "GU1", entry: "2024-02-01", exit: "2024-05-01" }),
        stay({ id: "S2", person: "P2", facility: "OU1", entry: "2024-05-01", movedFrom: "S1" }),
        stay({ id: "S3", person: "P3", facility: "OU1", entry: "2024-05-02", movedFrom: "S9" }),
      ]).filter((c) => c.startsWith("error")),
    ).toEqual(["error move_mismatch S2", "error unknown_stay S3"]);
  });

  it("warns of occupancy above capacity once per episode, and of stays open after closing", () => {
    const found = check([
      stay({ id: "S1", person: "P1", facility: "OU1", entry: "2024-03-01", exit: "2024-03-20" }),
      stay({ id: "S2", person: "P2", facility: "OU1", entry: "2024-03-05", exit: "2024-03-20" }),
      stay({ id: "S3", person: "P3", facility: "OU1", entry: "2024-03-10", exit: "2024-03-15" }),
      stay({ id: "S4", person: "P1", facility: "GU1", entry: "2025-01-01" }),
    ]);
    expect(found.filter((f) => f.code === "over_capacity").map((f) => f.message)).toEqual([
      "OU Nord: am 10.03.2024 3 Personen bei 2 Plätzen.",
    ]);
    expect(found.find((f) => f.code === "open_after_closing")).toMatchObject({
      severity: "warning",
      record: "S4",
      message:
        "Aufenthalt S4 (Haushalt H1, Person P1): ohne Auszug, obwohl GU Süd am 30.06.2025 geschlossen wurde.",
    });
  });
});
