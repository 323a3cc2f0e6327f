import { describe, expect, it } from "vitest";
import { findPlaceholders } from "@core/reports/placeholders.ts";
import { buildPlaceholder, insertAt, offsetOf, takesArea } from "./placeholder.ts";

describe("building a placeholder from the picker's choices", () => {
  it("writes each function with its indicator and the area when one is chosen", () => {
    expect(buildPlaceholder({ fn: "wert", indicator: "sgb2_rate", area: "STGT01" })).toBe(
      "{{wert sgb2_rate gebiet=STGT01}}",
    );
    expect(buildPlaceholder({ fn: "wert", indicator: "sgb2_rate", area: "" })).toBe(
      "{{wert sgb2_rate}}",
    );
    expect(buildPlaceholder({ fn: "veraenderung", indicator: "population", area: "" })).toBe(
      "{{veraenderung population}}",
    );
    expect(buildPlaceholder({ fn: "rang", indicator: "sgb2_rate", area: "STGT13" })).toBe(
      "{{rang sgb2_rate gebiet=STGT13}}",
    );
  });

  it("leaves the area out of the city's value", () => {
    expect(takesArea("stadt")).toBe(false);
    expect(buildPlaceholder({ fn: "stadt", indicator: "population", area: "STGT01" })).toBe(
      "{{stadt population}}",
    );
  });

  it("quotes a value with a space and gives nothing without an indicator", () => {
    expect(buildPlaceholder({ fn: "wert", indicator: "x", area: "Gebiet 7" })).toBe(
      '{{wert x gebiet="Gebiet 7"}}',
    );
    expect(buildPlaceholder({ fn: "wert", indicator: " ", area: "" })).toBeNull();
  });

  it("writes only what the report's parser reads without a problem", () => {
    for (const fn of ["wert", "stadt", "veraenderung", "rang"] as const) {
      const text = buildPlaceholder({ fn, indicator: "share_65_plus", area: "Gebiet 7" })!;
      const [use] = findPlaceholders(`Der Wert ist ${text}.`);
      expect(use?.error, text).toBeNull();
      expect(use?.placeholder?.fn).toBe(
        { wert: "value", stadt: "city", veraenderung: "change", rang: "rank" }[fn],
      );
    }
  });
});

describe("inserting at the cursor", () => {
  it("puts the text at the cursor and the cursor after it", () => {
    expect(insertAt("Quote: .", 7, 7, "{{stadt sgb2_rate}}")).toEqual({
      text: "Quote: {{stadt sgb2_rate}}.",
      caret: 26,
    });
  });

  it("replaces a selection and keeps within the text", () => {
    expect(insertAt("a XX b", 2, 4, "{{zeitraum}}")).toEqual({
      text: "a {{zeitraum}} b",
      caret: 14,
    });
    expect(insertAt("abc", 10, 12, "!")).toEqual({ text: "abc!", caret: 4 });
    expect(insertAt("abc", 2, 1, "!")).toEqual({ text: "ab!c", caret: 3 });
  });

  it("finds the offset of a line and column as the server counts them", () => {
    const text = "Zeile eins\nDie Quote {{foo}} und\nEnde";
    expect(offsetOf(text, 1, 1)).toBe(0);
    expect(text.slice(offsetOf(text, 2, 11))).toMatch(/^\{\{foo\}\}/);
    expect(offsetOf(text, 3, 99)).toBe(text.length);
    expect(offsetOf(text, 9, 1)).toBe(text.length);
  });
});
