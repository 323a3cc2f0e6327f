import { describe, expect, it } from "vitest";
import { parseGermanNumber, parseNumber, parseNumberList } from "./parse.ts";

describe("numbers typed by people", () => {
  it.each([
    ["12,5", 12.5],
    ["12.5", 12.5],
    ["1.250,5", 1250.5],
    [" 10 ", 10],
    ["−3,5", -3.5],
    ["-2", -2],
  ])("reads %s as %d", (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });

  it.each(["", "abc", "1,2,3", "12e3", "1.2.3"])("does not read %j", (text) => {
    expect(parseNumber(text)).toBeNull();
  });

  it("reads a list separated by semicolons and names the bad entry", () => {
    expect(parseNumberList("10; 12,5;15")).toEqual({ ok: true, value: [10, 12.5, 15] });
    const bad = parseNumberList("10; zehn");
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/„zehn“ ist keine Zahl/);
    expect(parseNumberList(" ; ").ok).toBe(false);
  });
});

describe("parseGermanNumber", () => {
  it.each([
    ["6.250", 6250],
    ["1.234,5", 1234.5],
    ["12,5", 12.5],
    ["625", 625],
    ["−3", -3],
    ["12.5", 12.5],
    ["1 000", 1000],
  ])("reads %s as %d", (text, n) => {
    expect(parseGermanNumber(text)).toBe(n);
  });
  it.each(["", "viele", "1,2,3", "6.25.0"])("refuses %s", (text) => {
    expect(parseGermanNumber(text)).toBeNull();
  });
});
