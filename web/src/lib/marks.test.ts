import { describe, expect, it } from "vitest";
import { changeMark, markedCell, markedChange, markedNumber, markLegend, PLAIN } from "./marks.ts";

const HELD = { sign: null, limited: false, letters: ["p" as const], review: true };
const REVISED = { sign: null, limited: false, letters: ["r" as const], review: false };

describe("values with their marks in the web app", () => {
  it("formats a value like the core's markedText, in German", () => {
    expect(markedNumber("de-DE", { value: 0.65, mark: HELD }, 1)).toBe("0,7 p");
    expect(markedNumber("de-DE", { value: 1234.5, mark: PLAIN }, 1)).toBe("1.234,5");
    expect(
      markedNumber("de-DE", { value: 12.3, mark: { ...PLAIN, limited: true, letters: ["r"] } }, 1),
    ).toBe("(12,3) r");
    expect(markedNumber("de-DE", { value: null, mark: { ...PLAIN, sign: "." } }, 1)).toBe(".");
    expect(markedChange("de-DE", { value: 6.04, mark: HELD }, 1)).toBe("+6,0 p");
  });

  it("keeps plain numbers numeric in exports and writes marked ones as text", () => {
    expect(markedCell("de-DE", { value: 14.2, mark: PLAIN }, 1)).toBe(14.2);
    expect(markedCell("de-DE", { value: 0.65, mark: HELD }, 1)).toBe("0,7 p");
    expect(markedCell("de-DE", { value: null, mark: { ...PLAIN, sign: "." } }, 1)).toBe(".");
    expect(markedCell("de-DE", undefined, 1)).toBeNull();
  });

  it("marks a change with everything both values carry", () => {
    expect(changeMark(6, HELD, PLAIN, 1)).toEqual(HELD);
    expect(changeMark(6, REVISED, PLAIN, 1)).toEqual(REVISED);
    expect(changeMark(6, REVISED, HELD, 1).letters).toEqual(["p", "r"]);
    expect(changeMark(0, PLAIN, PLAIN, 1)).toEqual({ ...PLAIN, sign: "–" });
  });

  it("lists only the signs used, and what 'zu prüfen' means when a value is under review", () => {
    expect(markLegend([PLAIN, null, undefined])).toEqual([]);
    expect(markLegend([HELD, REVISED])).toEqual([
      "p = vorläufige Zahl",
      "r = berichtigte Zahl",
      "zu prüfen = von einer Plausibilitätsprüfung markiert, noch nicht entschieden",
    ]);
  });
});
