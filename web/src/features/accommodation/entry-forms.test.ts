import { describe, expect, it } from "vitest";
import {
  newMoveInForm,
  newPerson,
  readCapacityForm,
  readMoveForm,
  readMoveInForm,
  readMoveOutForm,
} from "./entry-forms.ts";
import { tDe } from "./test-translate.ts";

describe("move-in form", () => {
  it("makes the household with its size and pseudonyms for its persons", () => {
    const form = {
      ...newMoveInForm("OU-AM", "2026-10-15"),
      household: " H-17 ",
      householdType: "single_parent" as const,
      persons: [
        { birthYear: "1990", sex: "female" as const, nationality: "eu" as const },
        { ...newPerson(), birthYear: "" },
      ],
    };
    const r = readMoveInForm(form, tDe);
    expect(r).toEqual({
      ok: true,
      body: {
        household: { id: "H-17", type: "single_parent", size: 2 },
        persons: [
          { id: "H-17-P1", household: "H-17", birthYear: 1990, sex: "female", nationality: "eu" },
          {
            id: "H-17-P2",
            household: "H-17",
            birthYear: null,
            sex: "unknown",
            nationality: "german",
          },
        ],
        facility: "OU-AM",
        entry: "2026-10-15",
        legalBasis: "public_order",
        entitledToFlat: false,
      },
    });
  });

  it("names every problem it can see in German", () => {
    const form = {
      ...newMoveInForm("OU-AM", ""),
      persons: [{ ...newPerson(), birthYear: "19x0" }],
    };
    const r = readMoveInForm(form, tDe);
    expect(r).toEqual({
      ok: false,
      problems: [
        "Bitte ein Pseudonym für den Haushalt angeben.",
        "Einzugsdatum: bitte ein Datum angeben.",
        "Person 1: „19x0“ ist kein Geburtsjahr (1900 bis 2100).",
      ],
    });
  });
});

describe("other forms", () => {
  it("checks move-out, move and capacity", () => {
    expect(readMoveOutForm({ household: "H-1", exit: "2026-10-20" }, tDe)).toEqual({
      ok: true,
      body: { household: "H-1", exit: "2026-10-20" },
    });
    expect(readMoveForm({ household: "", to: "GU-NO", day: "2026-10-20" }, tDe)).toEqual({
      ok: false,
      problems: ["Bitte ein Pseudonym für den Haushalt angeben."],
    });
    expect(readCapacityForm({ from: "2026-10-20", places: "50", units: "20" }, tDe)).toEqual({
      ok: true,
      body: { from: "2026-10-20", places: 50, units: 20 },
    });
    expect(readCapacityForm({ from: "2026-10-20", places: "-1", units: "2,5" }, tDe)).toEqual({
      ok: false,
      problems: [
        "Plätze: „-1“ ist keine ganze Zahl ab 0.",
        "Wohneinheiten: „2,5“ ist keine ganze Zahl ab 0.",
      ],
    });
  });
});
