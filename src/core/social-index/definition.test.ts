import { describe, expect, it } from "vitest";
import { unmatchedExclusions } from "./definition.ts";

const excluding = (...areas: string[]) => ({
  exclusions: { minPopulation: 0, manual: areas.map((area) => ({ area, reason: "Ausreißer" })) },
});

describe("unmatchedExclusions", () => {
  it("is empty when every excluded area is in the input", () => {
    expect(unmatchedExclusions(excluding("01100101"), ["01100101", "01100102"])).toEqual([]);
    expect(unmatchedExclusions(excluding(), [])).toEqual([]);
  });

  it("names an exclusion whose area is not in the input", () => {
    expect(unmatchedExclusions(excluding("99"), ["01", "02"])).toEqual([
      "Ausschluss von „99“ (Ausreißer): dieses Gebiet steht nicht in der Tabelle.",
    ]);
  });

  it("names the area meant when only leading zeros differ, either way", () => {
    expect(unmatchedExclusions(excluding("1100101"), ["01100101", "01100102"])).toEqual([
      "Ausschluss von „1100101“ (Ausreißer): dieses Gebiet steht nicht in der Tabelle; gemeint ist vielleicht „01100101“ (führende Nullen).",
    ]);
    expect(unmatchedExclusions(excluding("01100101"), ["1100101"])).toEqual([
      "Ausschluss von „01100101“ (Ausreißer): dieses Gebiet steht nicht in der Tabelle; gemeint ist vielleicht „1100101“ (führende Nullen).",
    ]);
    // "0" stays "0", not the empty code.
    expect(unmatchedExclusions(excluding("00"), ["0"])[0]).toContain("vielleicht „0“");
  });
});
