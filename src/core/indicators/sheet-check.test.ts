import { describe, expect, it } from "vitest";
import { changedSheetFields, checkFormula } from "./sheet-check.ts";

const known = new Set(["pop", "pop_u18", "sgb2"]);

describe("checkFormula", () => {
  it.each([
    ["a valid rate", { numerator: ["sgb2"], denominator: ["pop"] }, []],
    ["a plain count", { numerator: ["sgb2"], denominator: null }, []],
    ["an empty denominator is none", { numerator: ["sgb2"], denominator: [] }, []],
    [
      "an unknown code, named at its place",
      { numerator: ["sgb2", "nope"], denominator: ["pop"] },
      [
        {
          path: "numerator.1",
          field: "Zähler",
          message: "Zähler: das Merkmal „nope“ gibt es nicht",
        },
      ],
    ],
    [
      "an unknown code in the denominator",
      { numerator: ["sgb2"], denominator: ["x"] },
      [
        {
          path: "denominator.0",
          field: "Nenner",
          message: "Nenner: das Merkmal „x“ gibt es nicht",
        },
      ],
    ],
    [
      "a code twice",
      { numerator: ["pop", "pop"], denominator: null },
      [
        {
          path: "numerator.1",
          field: "Zähler",
          message: "Zähler: das Merkmal „pop“ steht zweimal darin",
        },
      ],
    ],
  ])("%s", (_, formula, expected) => {
    expect(checkFormula(formula, known)).toEqual(expected);
  });

  it("refuses a denominator equal to the numerator, in any order", () => {
    const problems = checkFormula(
      { numerator: ["pop", "pop_u18"], denominator: ["pop_u18", "pop"] },
      known,
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe("denominator");
    expect(problems[0]!.message).toMatch(/^Nenner: ist derselbe wie der Zähler/);
  });

  it("accepts a denominator that only overlaps the numerator", () => {
    expect(
      checkFormula({ numerator: ["pop_u18"], denominator: ["pop_u18", "pop"] }, known),
    ).toEqual([]);
  });
});

describe("changedSheetFields", () => {
  const sheet = {
    name: "SGB-II-Quote",
    theme: "Armut",
    numerator: ["sgb2"],
    denominator: ["pop"],
    factor: 100,
    unit: "%",
    decimals: 1,
    polarity: "lower_is_better",
    definition: "Anteil",
    interpretation: null,
    limits: null,
    source: null,
    sortOrder: 1,
    publication: "internal",
  };

  it("names nothing when only sort order and publication differ", () => {
    expect(changedSheetFields(sheet, { ...sheet, sortOrder: 5, publication: "public" })).toEqual(
      [],
    );
  });

  it("names the changed fields in sheet order", () => {
    expect(
      changedSheetFields(sheet, { ...sheet, factor: 1000, denominator: ["pop", "x"], limits: "" }),
    ).toEqual(["Nenner", "Faktor", "Grenzen der Aussagekraft"]);
  });

  it("reads a missing field as null", () => {
    expect(changedSheetFields(sheet, { ...sheet, interpretation: undefined })).toEqual([]);
  });
});
