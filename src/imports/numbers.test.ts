import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatNumber,
  GERMAN_NUMBERS,
  parseCell,
  parseNumber,
  type NumberFormat,
  type NumberParse,
} from "./numbers.ts";

const de = GERMAN_NUMBERS;
const en: NumberFormat = { decimal: ".", thousands: "," };
const num = (value: number, percent = false): NumberParse => ({ kind: "number", value, percent });
const bad = (reason: string): NumberParse => ({ kind: "invalid", reason });

describe("parseNumber", () => {
  it.each<[string, NumberFormat, NumberParse]>([
    ["1374", de, num(1374)],
    ["1.374", de, num(1374)],
    ["1.374.000", de, num(1374000)],
    ["1.000,5", de, num(1000.5)],
    ["15,8", de, num(15.8)],
    ["  42 ", de, num(42)],
    ["\u00a01.374\u00a0", de, num(1374)],
    ["0", de, num(0)],
    [",5", de, num(0.5)],
    ["-3", de, num(-3)],
    ["−3,5", de, num(-3.5)],
    ["+7", de, num(7)],
    ["- 7", de, num(-7)],
    ["-0", de, num(0)],
    ["53,40%", de, num(53.4, true)],
    ["45%", de, num(45, true)],
    ["9,7 %", de, num(9.7, true)],
    ["-1,5%", de, num(-1.5, true)],
    ["1,234.5", en, num(1234.5)],
    ["0.25", en, num(0.25)],
    ["1 234 567,8", { decimal: ",", thousands: " " }, num(1234567.8)],
    ["1\u202f234", { decimal: ",", thousands: " " }, num(1234)],
    ["1234,5", { decimal: ",", thousands: "" }, num(1234.5)],
    ["", de, { kind: "empty" }],
    ["   ", de, { kind: "empty" }],
    ["-", de, { kind: "symbol", symbol: "-", meaning: "zero" }],
    ["–", de, { kind: "symbol", symbol: "–", meaning: "zero" }],
    ["—", de, { kind: "symbol", symbol: "—", meaning: "zero" }],
    [".", de, { kind: "symbol", symbol: ".", meaning: "withheld" }],
    [" x ", de, { kind: "symbol", symbol: "x", meaning: "withheld" }],
    ["X", de, { kind: "symbol", symbol: "X", meaning: "withheld" }],
    ["/", de, { kind: "symbol", symbol: "/", meaning: "withheld" }],
    ["*", de, { kind: "symbol", symbol: "*", meaning: "withheld" }],
    ["…", de, { kind: "symbol", symbol: "…", meaning: "withheld" }],
    ["...", de, { kind: "symbol", symbol: "...", meaning: "withheld" }],
    // The Flensburg transcription defects: digits after a thousands dot that are not a group.
    ["1.3066", de, bad("Tausenderpunkt an falscher Stelle")],
    ["1.4131", de, bad("Tausenderpunkt an falscher Stelle")],
    ["1.64", de, bad("Tausenderpunkt an falscher Stelle")],
    ["1.69", de, bad("Tausenderpunkt an falscher Stelle")],
    ["12.5", de, bad("Tausenderpunkt an falscher Stelle")],
    [".374", de, bad("Tausenderpunkt an falscher Stelle")],
    ["1..374", de, bad("Tausenderpunkt an falscher Stelle")],
    ["1,23,456", en, bad("Tausenderkomma an falscher Stelle")],
    ["857°", de, bad("unerwartetes Zeichen „°“")],
    ["abc", de, bad("unerwartetes Zeichen „a“")],
    ["12a", de, bad("unerwartetes Zeichen „a“")],
    ["12abc", de, bad("unerwartetes Zeichen „a“")],
    ["1e5", de, bad("unerwartetes Zeichen „e“")],
    ["0x10", de, bad("unerwartetes Zeichen „x“")],
    ["1,5,5", de, bad("mehr als ein Dezimalkomma")],
    ["1,5.000", de, bad("Tausenderpunkt nach dem Dezimaltrennzeichen")],
    ["12,", de, bad("keine Ziffern nach dem Dezimaltrennzeichen")],
    ["1 234", de, bad("Leerzeichen ist hier kein gültiges Trennzeichen (Dezimalkomma erwartet)")],
    [
      "1.5",
      { decimal: ",", thousands: "" },
      bad("Punkt ist hier kein gültiges Trennzeichen (Dezimalkomma erwartet)"),
    ],
    ["+", de, bad("keine Ziffern")],
    ["%", de, bad("keine Ziffern")],
    ["--5", de, bad("unerwartetes Zeichen „-“")],
  ])("%j → %j", (raw, opts, expected) => {
    expect(parseNumber(raw, opts)).toEqual(expected);
  });
});

describe("parseCell", () => {
  it.each<[string | number | null, NumberParse]>([
    [1374, num(1374)],
    [0.534, num(0.534)],
    [-2, num(-2)],
    [null, { kind: "empty" }],
    ["1.374", num(1374)],
    [Number.NaN, bad("keine endliche Zahl")],
    [Number.POSITIVE_INFINITY, bad("keine endliche Zahl")],
  ])("%j → %j", (cell, expected) => {
    expect(parseCell(cell, de)).toEqual(expected);
  });
});

describe("formatNumber", () => {
  it.each<[number, NumberFormat, string]>([
    [1374, de, "1.374"],
    [-1234567.891, de, "-1.234.567,891"],
    [0.5, de, "0,5"],
    [1e21, de, "1.000.000.000.000.000.000.000"],
    [5e-7, de, "0,0000005"],
    [1234.5, en, "1,234.5"],
    [1234.5, { decimal: ",", thousands: "" }, "1234,5"],
  ])("%d → %s", (value, opts, text) => {
    expect(formatNumber(value, opts)).toBe(text);
  });
});

describe("number properties", () => {
  const formats = fc.constantFrom<NumberFormat>(
    de,
    en,
    { decimal: ",", thousands: " " },
    { decimal: ",", thousands: "" },
    { decimal: ".", thousands: "" },
    { decimal: ".", thousands: " " },
  );

  it("parses back any finite number formatted the German (or another consistent) way", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), formats, (value, opts) => {
        const r = parseNumber(formatNumber(value, opts), opts);
        expect(r.kind).toBe("number");
        if (r.kind === "number")
          expect(r.value === value || (r.value === 0 && value === 0)).toBe(true);
      }),
    );
  });

  it("keeps the value and sets the flag for a trailing percent sign", () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (hundredths) => {
        const value = hundredths / 100;
        const r = parseNumber(`${formatNumber(value)}%`, de);
        expect(r).toEqual({ kind: "number", value, percent: true });
      }),
    );
  });

  it("never turns text with a letter into a number", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9.,]{0,6}[a-zA-Z°][0-9a-z]{0,4}$/),
        formats,
        (raw, opts) => {
          if (raw.trim() === "x" || raw.trim() === "X") return;
          expect(["invalid", "symbol"]).toContain(parseNumber(raw, opts).kind);
        },
      ),
    );
  });

  it("rejects a thousands dot followed by anything but a group of three digits", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999 }),
        fc.stringMatching(/^[0-9]{1,6}$/).filter((g) => g.length !== 3),
        (head, group) => {
          expect(parseNumber(`${head}.${group}`, de)).toEqual(
            bad("Tausenderpunkt an falscher Stelle"),
          );
        },
      ),
    );
  });
});
