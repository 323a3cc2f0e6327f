import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contrastRatio, MIN_TEXT_CONTRAST, relativeLuminance, textColourOn } from "./contrast.ts";

describe("relativeLuminance and contrastRatio (WCAG 2.2)", () => {
  it("spans 0 to 1 and 1:1 to 21:1", () => {
    expect(relativeLuminance("#000000")).toBe(0);
    expect(relativeLuminance("#FFFFFF")).toBe(1);
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 10);
    expect(contrastRatio("#3182bd", "#3182bd")).toBe(1);
  });

  it("puts #767676 just above and #777777 just below 4.5:1 on white, as commonly cited", () => {
    expect(contrastRatio("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
    expect(contrastRatio("#777777", "#ffffff")).toBeLessThan(MIN_TEXT_CONTRAST);
  });

  it("weighs green most and blue least", () => {
    expect(relativeLuminance("#00ff00")).toBeCloseTo(0.7152, 4);
    expect(relativeLuminance("#ff0000")).toBeCloseTo(0.2126, 4);
    expect(relativeLuminance("#0000ff")).toBeCloseTo(0.0722, 4);
  });

  it("throws on anything but #rrggbb", () => {
    expect(() => relativeLuminance("#fff")).toThrow(RangeError);
    expect(() => relativeLuminance("red")).toThrow(RangeError);
  });
});

describe("textColourOn", () => {
  it.each<[string, string]>([
    ["#ffffff", "#000000"],
    ["#fee6ce", "#000000"],
    ["#000000", "#ffffff"],
    ["#08306b", "#ffffff"],
    ["#b2182b", "#ffffff"],
  ])("writes on %s in %s", (fill, text) => {
    expect(textColourOn(fill)).toBe(text);
  });

  it("property: reaches 4.5:1 on any fill", () => {
    const hex = fc
      .tuple(fc.nat(255), fc.nat(255), fc.nat(255))
      .map((rgb) => `#${rgb.map((c) => c.toString(16).padStart(2, "0")).join("")}`);
    fc.assert(
      fc.property(hex, (fill) => {
        expect(contrastRatio(fill, textColourOn(fill))).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
      }),
    );
  });
});
