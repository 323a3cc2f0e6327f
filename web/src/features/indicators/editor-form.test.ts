import { describe, expect, it } from "vitest";
import { ApiError } from "../../lib/api.ts";
import { bodyOf, emptyForm, problemsByField } from "./editor-form.ts";

describe("bodyOf", () => {
  const form = {
    ...emptyForm("draft"),
    code: " kinder ",
    name: "Kinderanteil",
    theme: "Bevölkerung",
    numerator: ["children"],
    factor: "1.000",
    decimals: "2",
    definition: "Kinder je 1000",
  };

  it("reads German numbers and leaves an empty denominator out", () => {
    const r = bodyOf(form, true);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.body).toMatchObject({
      code: "kinder",
      factor: 1000,
      decimals: 2,
      denominator: null,
      publication: "draft",
      sheet: { definition: "Kinder je 1000", interpretation: null, source: null },
    });
  });

  it("sends no publication for those who may not set it", () => {
    const r = bodyOf(form, false);
    expect(r.ok && "publication" in r.body).toBe(false);
  });

  it("names a factor or decimals that are no number at their field", () => {
    const r = bodyOf({ ...form, factor: "viel", decimals: "1,5" }, true);
    expect(r).toEqual({
      ok: false,
      problems: {
        factor: ["Faktor: bitte eine Zahl eingeben, z. B. 100"],
        decimals: ["Nachkommastellen: bitte eine ganze Zahl von 0 bis 4 eingeben"],
      },
    });
  });
});

describe("problemsByField", () => {
  it("sorts the server's issues to the form's fields", () => {
    const error = new ApiError(400, "invalid_input", "Bitte prüfen", {
      issues: [
        { path: "numerator.1", message: "Zähler: das Merkmal „x“ gibt es nicht" },
        { path: "sheet.definition", message: "Definition: Angabe fehlt" },
        { path: "denominator", message: "Nenner: ist derselbe wie der Zähler" },
        { path: "", message: "Eingabe: ungültig" },
      ],
    });
    expect(problemsByField(error)).toEqual({
      fields: {
        numerator: ["Zähler: das Merkmal „x“ gibt es nicht"],
        definition: ["Definition: Angabe fehlt"],
        denominator: ["Nenner: ist derselbe wie der Zähler"],
      },
      general: ["Eingabe: ungültig"],
    });
  });

  it("puts a refusal that names one field there, and any other in general", () => {
    const forbidden = new ApiError(403, "forbidden", "Sozialplanung", { field: "publication" });
    expect(problemsByField(forbidden).fields.publication).toEqual(["Sozialplanung"]);
    expect(problemsByField(new Error("Netz")).general).toEqual(["Netz"]);
  });
});
