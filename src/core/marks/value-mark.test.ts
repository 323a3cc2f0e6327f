import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { known, missing, suppressed, type Value } from "../value.ts";
import {
  FLAG,
  combineFlags,
  isFirm,
  legendLines,
  markCode,
  markValue,
  markedText,
  marksUsed,
  type MarkOptions,
} from "./value-mark.ts";

const internal: MarkOptions = { audience: "internal", reviewInPublic: "provisional", decimals: 1 };
const planning: MarkOptions = { ...internal, audience: "planning" };
const publicHold: MarkOptions = { audience: "public", reviewInPublic: "hold", decimals: 1 };
const german = (n: number) =>
  n.toLocaleString("de-DE", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const text = (v: Value<number>, flags: number, o: MarkOptions = internal) =>
  markedText(markValue(v, flags, o), german);

describe("markValue", () => {
  it.each<[string, Value<number>, number, MarkOptions, string, string]>([
    ["a plain number", known(12.34), 0, internal, "12,3", ""],
    ["exactly zero", known(0), 0, internal, "–", ""],
    ["less than half the last digit", known(0.04), 0, internal, "0,0", ""],
    ["withheld", suppressed("small_count"), 0, internal, ".", "."],
    ["unknown at source", missing("withheld_at_source"), 0, internal, ".", "."],
    ["a rate over nobody", missing("zero_denominator"), 0, internal, "x", "x"],
    ["provisional", known(5), FLAG.PROVISIONAL, internal, "5,0 p", "p"],
    ["revised and estimated", known(5), FLAG.REVISED | FLAG.ESTIMATED, internal, "5,0 r s", "r s"],
    ["limited reliability", known(5), FLAG.LIMITED, internal, "(5,0)", "( )"],
    [
      "limited and provisional",
      known(5),
      FLAG.LIMITED | FLAG.PROVISIONAL,
      internal,
      "(5,0) p",
      "( ) p",
    ],
    ["unreliable, for a council member", known(5), FLAG.UNRELIABLE, internal, "/", "/"],
    ["unreliable, for a planner", known(5), FLAG.UNRELIABLE, planning, "5,0 /", "/"],
    ["under review, inside", known(5), FLAG.REVIEW, internal, "5,0 p", "p"],
    ["under review, public, held back", known(5), FLAG.REVIEW, publicHold, "…", "…"],
    [
      "under review, public, provisional",
      known(5),
      FLAG.REVIEW,
      { ...publicHold, reviewInPublic: "provisional" },
      "5,0 p",
      "p",
    ],
  ])("%s", (_, v, flags, o, shown, code) => {
    const m = markValue(v, flags, o);
    expect(markedText(m, german)).toBe(shown);
    expect(markCode(m)).toBe(code);
  });

  it("says a value is under review to everyone but the public", () => {
    expect(markValue(known(1), FLAG.REVIEW, internal).review).toBe(true);
    expect(markValue(known(1), FLAG.REVIEW, planning).review).toBe(true);
    expect(
      markValue(known(1), FLAG.REVIEW, { ...publicHold, reviewInPublic: "provisional" }).review,
    ).toBe(false);
  });

  it("property: a flagged or withheld value never reads as a plain number", () => {
    const value = fc.oneof(
      fc.double({ noNaN: true, min: -1e6, max: 1e6 }).map((x) => known(x) as Value<number>),
      fc.constantFrom<Value<number>>(
        suppressed("small_count"),
        suppressed("secondary"),
        missing("no_data"),
        missing("zero_denominator"),
      ),
    );
    const options = fc.record({
      audience: fc.constantFrom<MarkOptions["audience"]>("planning", "internal", "public"),
      reviewInPublic: fc.constantFrom<MarkOptions["reviewInPublic"]>("provisional", "hold"),
      decimals: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 63 }), options, (v, flags, o) => {
        const m = markValue(v, flags, o);
        const shown = markedText(m, (n) => n.toFixed(o.decimals));
        const plain = v.kind === "known" ? v.value.toFixed(o.decimals) : null;
        if (v.kind !== "known") expect(m.value).toBeNull();
        if (flags !== 0 || v.kind !== "known") expect(shown === plain).toBe(false);
      }),
    );
  });
});

describe("helpers", () => {
  it("combines flags and says which figures may be stated as fact", () => {
    expect(combineFlags(FLAG.PROVISIONAL, FLAG.REVIEW)).toBe(FLAG.PROVISIONAL | FLAG.REVIEW);
    expect(isFirm(FLAG.PROVISIONAL | FLAG.REVISED)).toBe(true);
    expect(isFirm(FLAG.REVIEW)).toBe(false);
    expect(isFirm(FLAG.UNRELIABLE)).toBe(false);
  });

  it("gives the legend of the marks used, in the offices' order", () => {
    const used = marksUsed([
      markValue(known(5), FLAG.REVISED, internal),
      markValue(suppressed("small_count"), 0, internal),
      markValue(known(0), 0, internal),
    ]);
    expect(legendLines(used)).toEqual([
      "– = nichts vorhanden (genau null)",
      ". = Zahlenwert unbekannt oder geheim zu halten",
      "r = berichtigte Zahl",
    ]);
    expect(text(known(2), 0)).toBe("2,0");
  });
});
