import { describe, expect, it } from "vitest";
import { formulaWarnings, type FormulaVariable } from "./formula-warnings.ts";

const VARS = new Map<string, FormulaVariable>([
  ["population", { name: "Einwohner", unit: "Personen", measure: "stock" }],
  ["households", { name: "Haushalte", unit: "Haushalte", measure: "stock" }],
  ["births", { name: "Geburten", unit: "Personen", measure: "flow" }],
  ["moves_in", { name: "Zuzüge", unit: "Personen", measure: "flow" }],
  ["sgb2", { name: "Leistungsberechtigte", unit: "Personen", measure: "stock" }],
]);
const warn = (numerator: string[], denominator: string[] | null, factor = 100, unit = "%") =>
  formulaWarnings({ numerator, denominator, factor, unit }, VARS);

describe("doubtful formulas", () => {
  it("finds nothing in the common rates", () => {
    expect(warn(["sgb2"], ["population"])).toEqual([]);
    // Events per stock (births per 1,000 inhabitants) are what rates usually are.
    expect(warn(["births"], ["population"], 1000, "je 1.000 EW")).toEqual([]);
    expect(warn(["population"], null, 1, "Personen")).toEqual([]);
  });

  it("names a stock divided by a flow", () => {
    expect(warn(["population"], ["births"], 1, "EW je Geburt")).toEqual([
      "Ein Bestand („Einwohner“) wird durch Ereignisse im Zeitraum („Geburten“) geteilt; gemeint ist meist umgekehrt ein Ereignis je Bestand.",
    ]);
  });

  it("names sums of stocks and flows, and of different units", () => {
    expect(warn(["population", "births"], ["households"], 1, "je Haushalt")).toEqual([
      "Der Zähler zählt Bestände an einem Stichtag („Einwohner“) und Ereignisse im Zeitraum („Geburten“) zusammen.",
    ]);
    expect(warn(["sgb2"], ["population", "households"])).toEqual([
      "Der Nenner addiert verschiedene Einheiten (Personen, Haushalte).",
    ]);
  });

  it("names a percentage without the factor 100", () => {
    expect(warn(["sgb2"], ["population"], 1)).toEqual([
      "Die Einheit ist „%“, der Faktor aber 1: ein Anteil in Prozent braucht den Faktor 100.",
    ]);
    expect(warn(["sgb2"], ["population"], 0.5)[0]).toContain("Faktor aber 0,5");
  });

  it("passes over a variable it does not know", () => {
    expect(warn(["unknown"], ["population"])).toEqual([]);
  });
});
