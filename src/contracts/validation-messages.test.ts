import { z } from "zod";
import { describe, expect, it } from "vitest";
import "./common.ts";
import { fieldLabel } from "./field-labels.ts";
import { describeIssues, summariseProblems } from "./validation-messages.ts";

const facility = z.strictObject({
  code: z.string().regex(/^[a-z0-9-]+$/, "nur Kleinbuchstaben, Ziffern und Bindestriche"),
  name: z.string().trim().min(1).max(200),
  places: z.int().min(0).max(100_000),
  opened: z.iso.date(),
  provision: z.enum(["communal", "flat"]),
  capacity: z.array(z.object({ from: z.string(), places: z.int().max(100_000) })).min(1),
  email: z.email().optional(),
  weight: z.number().gt(0).optional(),
});

function messages(input: unknown): string[] {
  const r = facility.safeParse(input);
  if (r.success) return [];
  return describeIssues(r.error.issues, input).map((p) => p.message);
}

const valid = {
  code: "haus-1",
  name: "Haus am See",
  places: 40,
  opened: "2020-01-01",
  provision: "communal",
  capacity: [{ from: "2020-01-01", places: 40 }],
};

describe("validation issues in German, naming the field", () => {
  it.each<[string, Record<string, unknown>, string]>([
    ["too large a number", { places: 250_000 }, "Plätze: höchstens 100.000"],
    ["a negative number", { places: -1 }, "Plätze: mindestens 0"],
    ["not a whole number", { places: 1.5 }, "Plätze: muss eine ganze Zahl sein"],
    ["text for a number", { places: "viele" }, "Plätze: muss eine Zahl sein"],
    ["an empty text", { name: "" }, "Name: darf nicht leer sein"],
    ["a blank text", { name: "   " }, "Name: darf nicht leer sein"],
    ["too long a text", { name: "x".repeat(201) }, "Name: höchstens 200 Zeichen"],
    ["an own message", { code: "Haus 1" }, "Kürzel: nur Kleinbuchstaben, Ziffern und Bindestriche"],
    [
      "an impossible date",
      { opened: "2021-02-30" },
      "Eröffnungsdatum: ist kein gültiges Datum (JJJJ-MM-TT)",
    ],
    [
      "an unknown choice",
      { provision: "zelt" },
      "Form der Unterbringung: erlaubt sind „communal“ und „flat“",
    ],
    ["an empty list", { capacity: [] }, "Kapazität: braucht mindestens einen Eintrag"],
    [
      "a field in a list",
      { capacity: [valid.capacity[0], { from: "2021-01-01", places: 1e9 }] },
      "Plätze (Kapazität 2): höchstens 100.000",
    ],
    [
      "a bad e-mail address",
      { email: "<script>alert(1)</script>" },
      "E-Mail-Adresse: ist keine gültige E-Mail-Adresse",
    ],
    ["zero where more is needed", { weight: 0 }, "Gewicht: muss größer als 0 sein"],
    ["an unknown field", { places: 3, platz: 4 }, "Eingabe: die Angabe „platz“ gibt es hier nicht"],
  ])("%s", (_, change, expected) => {
    expect(messages({ ...valid, ...change })).toEqual([expected]);
  });

  it("says a missing field is missing, and null is empty", () => {
    const rest: Partial<typeof valid> = { ...valid };
    delete rest.name;
    expect(messages(rest)).toEqual(["Name: Angabe fehlt"]);
    expect(messages({ ...valid, name: null })).toEqual(["Name: darf nicht leer sein"]);
  });

  it("keeps no validator wording: no English, no type names, no comparison signs", () => {
    const all = messages({ places: "x", name: 3, capacity: "y", code: null, opened: 1 });
    expect(all.length).toBeGreaterThan(3);
    for (const m of all) {
      expect(m).not.toMatch(/expected|received|number|string|<=|>=|Zu groß|Ungültig|erwartet/);
    }
  });

  it("sums the problems up in one sentence for the envelope", () => {
    expect(summariseProblems([])).toBe("Die Anfrage ist ungültig.");
    const one = describeIssues(facility.safeParse({ ...valid, places: 1e6 }).error!.issues);
    expect(summariseProblems(one)).toBe("Bitte prüfen: Plätze: höchstens 100.000.");
  });
});

describe("fieldLabel", () => {
  it.each<[PropertyKey[], string]>([
    [[], "Eingabe"],
    [["places"], "Plätze"],
    [["operator", "name"], "Name des Trägers"],
    [["persons", 1, "birthYear"], "Geburtsjahr (Person 2)"],
    [["definition", "status", 0, "weight"], "Gewicht (Statusindikator 1)"],
    [["context", 2], "Kontextindikatoren, Eintrag 3"],
    [["unbekannt"], "„unbekannt“"],
  ])("%j → %s", (path, label) => {
    expect(fieldLabel(path)).toBe(label);
  });
});
