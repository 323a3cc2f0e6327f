import { describe, expect, it } from "vitest";
import {
  newFacilityForm,
  newMoveInForm,
  newPerson,
  readCapacityForm,
  readCloseForm,
  readMoveForm,
  readMoveInForm,
  readMoveOutForm,
  readNewFacilityForm,
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

describe("new facility form", () => {
  const filled = {
    ...newFacilityForm("2026-11-01"),
    code: " NU-NORD ",
    name: " Notunterkunft Nord ",
    operatorName: "Diakonisches Werk",
    operatorKind: "free_provider" as const,
    association: "diakonie" as const,
    places: "24",
    units: "10",
  };

  it("opens the facility with one capacity entry from the opening day", () => {
    expect(readNewFacilityForm({ ...filled, areaCode: "D-01", familyRooms: true }, tDe)).toEqual({
      ok: true,
      body: {
        code: "NU-NORD",
        name: "Notunterkunft Nord",
        type: "homeless_shelter",
        operator: { name: "Diakonisches Werk", kind: "free_provider", association: "diakonie" },
        provision: "short_term",
        opened: "2026-11-01",
        closed: null,
        capacity: [{ from: "2026-11-01", places: 24, units: 10 }],
        address: null,
        areaCode: "D-01",
        wheelchairAccess: false,
        familyRooms: true,
      },
    });
  });

  it("sends a welfare association only for a free provider, an address when given", () => {
    const r = readNewFacilityForm(
      { ...filled, operatorKind: "municipality", address: " Norderstraße 1 " },
      tDe,
    );
    if (!r.ok) throw new Error("refused");
    expect(r.body.operator.association).toBeNull();
    expect(r.body.address).toBe("Norderstraße 1");
    expect(r.body.areaCode).toBeNull();
    const none = readNewFacilityForm({ ...filled, association: "" }, tDe);
    expect(none.ok && none.body.operator.association).toBeNull();
  });

  it("names every problem it can see in German", () => {
    const form = { ...newFacilityForm(""), code: "  ", places: "1,5", units: "-2" };
    expect(readNewFacilityForm(form, tDe)).toEqual({
      ok: false,
      problems: [
        "Bitte ein Kürzel für die Unterkunft angeben.",
        "Bitte einen Namen für die Unterkunft angeben.",
        "Bitte den Namen des Trägers angeben.",
        "Eröffnungsdatum: bitte ein Datum angeben.",
        "Plätze: „1,5“ ist keine ganze Zahl ab 0.",
        "Wohneinheiten: „-2“ ist keine ganze Zahl ab 0.",
      ],
    });
    expect(readNewFacilityForm({ ...filled, places: "" }, tDe)).toEqual({
      ok: false,
      problems: ["Plätze: bitte die Zahl der Plätze angeben."],
    });
  });
});

describe("closing form", () => {
  it("sends the last day, or names what is missing", () => {
    expect(readCloseForm({ facility: "OU-AM", closed: "2026-12-31" }, tDe)).toEqual({
      ok: true,
      body: { closed: "2026-12-31" },
    });
    expect(readCloseForm({ facility: "", closed: "" }, tDe)).toEqual({
      ok: false,
      problems: ["Bitte eine Unterkunft wählen.", "Letzter Öffnungstag: bitte ein Datum angeben."],
    });
  });
});
