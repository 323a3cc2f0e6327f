import { describe, expect, it } from "vitest";
import { formatChange, formatNumber, formatValue, numberFormat } from "./number.ts";

describe("formatNumber", () => {
  it.each<[number, Parameters<typeof formatNumber>[1], string]>([
    [1234.5, 1, "1.234,5"],
    [1234.5, 0, "1.235"],
    [1.5, 2, "1,50"],
    [1.5, { max: 2 }, "1,5"],
    [-3, 0, "−3"],
    [-1234.25, 2, "−1.234,25"],
    [-0.0001, 2, "0,00"],
    [-0, 0, "0"],
    [-0.04, { max: 1 }, "0"],
  ])("writes %s with %o decimals as %s", (value, decimals, text) => {
    expect(formatNumber(value, decimals)).toBe(text);
  });

  it("keeps the ASCII hyphen when asked, still without −0", () => {
    expect(formatNumber(-2, 1, { minus: "-" })).toBe("-2,0");
    expect(formatNumber(-0.01, 1, { minus: "-" })).toBe("0,0");
  });

  it("writes other locales", () => {
    expect(formatNumber(-1234.5, 1, { locale: "en-GB" })).toBe("−1,234.5");
  });

  it("caches one formatter per locale and decimals", () => {
    expect(numberFormat(2)).toBe(numberFormat(2, "de-DE"));
    expect(numberFormat(2)).not.toBe(numberFormat({ max: 2 }));
  });
});

describe("formatValue", () => {
  it("puts the unit after the number", () => {
    expect(formatValue(12.5, "%", 1)).toBe("12,5 %");
    expect(formatValue(1234, "Personen", 0)).toBe("1.234 Personen");
    expect(formatValue(17, "", 0)).toBe("17");
  });
});

describe("formatChange", () => {
  it.each<[number, string, number, string]>([
    [1.23, "%", 1, "+1,2 Pp."],
    [-0.44, "je 1.000", 1, "−0,4 je 1.000"],
    [0.04, "%", 1, "±0,0 Pp."],
    [-0.04, "", 1, "±0,0"],
    [12, "", 0, "+12"],
  ])("writes %s (%s, %s decimals) as %s", (change, unit, decimals, text) => {
    expect(formatChange(change, unit, decimals)).toBe(text);
  });
});
