import { describe, expect, it } from "vitest";
import { known } from "../value.ts";
import { classify } from "./classify.ts";
import { legendLabels } from "./legend.ts";

describe("legendLabels", () => {
  it("reads 'a bis b' for the first class and 'über a bis b' for the others, with decimal commas", () => {
    expect(legendLabels({ lower: 2, breaks: [12.5, 15, 31.74] }, 1)).toEqual([
      "2,0 bis 12,5",
      "über 12,5 bis 15,0",
      "über 15,0 bis 31,7",
    ]);
  });

  it("groups thousands and keeps the indicator's decimals", () => {
    expect(legendLabels({ lower: 980, breaks: [1234.5, 20000] }, 2)).toEqual([
      "980,00 bis 1.234,50",
      "über 1.234,50 bis 20.000,00",
    ]);
    expect(legendLabels({ lower: -3, breaks: [0, 7] }, 0)).toEqual(["-3 bis 0", "über 0 bis 7"]);
  });

  it("shows a first class of one value as that value, and one class of equal values as one", () => {
    expect(legendLabels({ lower: 1, breaks: [1, 3] }, 1)).toEqual(["1,0", "über 1,0 bis 3,0"]);
    expect(legendLabels({ lower: 4.5, breaks: [4.5] }, 1)).toEqual(["4,5"]);
  });

  it("uses English words and number format for an English locale", () => {
    expect(legendLabels({ lower: 2, breaks: [1234.5, 2000] }, 1, "en-GB")).toEqual([
      "2.0 to 1,234.5",
      "over 1,234.5 to 2,000.0",
    ]);
  });

  it("matches the classes: a value shown as a break's number is in the class up to it", () => {
    // Shown with one decimal: 0, 3.3, 3.4, 6.6, 6.7, 10; exact breaks 3.33…, 6.66….
    const r = classify([0, 3.33, 3.36, 6.6, 6.66, 10].map(known), { kind: "equal_interval" }, 3, {
      decimals: 1,
    });
    if (!r.ok) throw new Error(r.error);
    expect(legendLabels(r.value, 1)).toEqual([
      "0,0 bis 3,3",
      "über 3,3 bis 6,7",
      "über 6,7 bis 10,0",
    ]);
    expect(r.value.classOf).toEqual([0, 0, 1, 1, 1, 2]);
  });
});
