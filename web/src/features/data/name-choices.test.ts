import { describe, expect, it } from "vitest";
import { nameChoices } from "./import-helpers.ts";

const base = { severity: "error" as const, row: 3, column: "Stadtteil", message: "…" };

describe("the names a finding offers to map", () => {
  it("offers the suggestions of an unknown area", () => {
    expect(
      nameChoices({
        ...base,
        code: "unknown_area",
        details: { code: "Rotherbum", suggestions: [{ code: "302", name: "Rotherbaum" }] },
      }),
    ).toEqual({ kind: "area", text: "Rotherbum", choices: [{ code: "302", name: "Rotherbaum" }] });
  });

  it("offers the candidates of an ambiguous variable", () => {
    expect(
      nameChoices({
        ...base,
        code: "ambiguous_variable",
        details: {
          text: "Einwohner",
          candidates: [
            { code: "pop", name: "Einwohner" },
            { code: "pop_main", name: "Einwohner" },
          ],
        },
      }),
    ).toMatchObject({ kind: "variable", text: "Einwohner", choices: [{ code: "pop" }, { code: "pop_main" }] });
  });

  it("offers nothing for other findings, or without suggestions", () => {
    expect(nameChoices({ ...base, code: "not_a_number", details: { code: "x" } })).toBeNull();
    expect(nameChoices({ ...base, code: "unknown_area", details: { code: "x" } })).toBeNull();
    expect(
      nameChoices({ ...base, code: "unknown_area", details: { code: "x", suggestions: [] } }),
    ).toBeNull();
    expect(
      nameChoices({ ...base, code: "unknown_area", details: { code: "x", suggestions: [{ code: 1 }] } }),
    ).toBeNull();
  });
});
