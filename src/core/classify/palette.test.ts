import { describe, expect, it } from "vitest";
import { known, missing, suppressed, type Value } from "../value.ts";
import { classify, type ClassMethod, type Classification } from "./classify.ts";
import { contrastRatio, MIN_TEXT_CONTRAST, relativeLuminance, textColourOn } from "./contrast.ts";
import { toLab } from "../figures/bivariate-colours.ts";
import {
  areaFills,
  brewerColours,
  MAX_COLOURS,
  schemeColours,
  classColours,
  DIVERGING_SCHEMES,
  MAX_SCHEME_CLASSES,
  MIN_SCHEME_CLASSES,
  NO_DATA_STYLE,
  NOT_PUBLISHED_STYLE,
  SEQUENTIAL_SCHEMES,
  WITHHELD_STYLE,
  type SchemeName,
} from "./palette.ts";

const SCHEMES: readonly SchemeName[] = [...SEQUENTIAL_SCHEMES, ...DIVERGING_SCHEMES];
const COUNTS = [3, 4, 5, 6, 7, 8, 9];

function classified(xs: readonly number[], method: ClassMethod, classes: number): Classification {
  const r = classify(xs.map(known), method, classes);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/*
 * Colour-vision deficiencies simulated with the matrices of Machado, Oliveira & Fernandes
 * (2009), "A Physiologically-based Model for Simulation of Color Vision Deficiency", IEEE
 * TVCG 15(6), severity 1.0 (dichromacy), applied to linear sRGB.
 */
type Matrix = readonly [readonly number[], readonly number[], readonly number[]];
const VISION: Readonly<Record<string, Matrix | null>> = {
  normal: null,
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

function simulate(hex: string, m: Matrix | null): string {
  if (m === null) return hex;
  const lin = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return `#${m
    .map((row) => {
      const v = Math.min(1, Math.max(0, row[0]! * lin[0]! + row[1]! * lin[1]! + row[2]! * lin[2]!));
      const g = v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055;
      return Math.round(g * 255)
        .toString(16)
        .padStart(2, "0");
    })
    .join("")}`;
}

const distance = (a: string, b: string) => {
  const [p, q] = [toLab(a), toLab(b)];
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
};

const red = (hex: string) => parseInt(hex.slice(1, 3), 16);
const blue = (hex: string) => parseInt(hex.slice(5, 7), 16);

describe("brewerColours", () => {
  it("has the published 3 to 9 (diverging: 11) colours of every scheme, nothing beyond", () => {
    for (const scheme of SCHEMES) {
      const most = (DIVERGING_SCHEMES as readonly SchemeName[]).includes(scheme) ? 11 : 9;
      for (let n = MIN_SCHEME_CLASSES; n <= most; n++) {
        const colours = brewerColours(scheme, n);
        expect(colours).toHaveLength(n);
        for (const c of colours!) expect(c).toMatch(/^#[0-9a-f]{6}$/);
        expect(new Set(colours).size).toBe(n);
      }
      expect(brewerColours(scheme, MIN_SCHEME_CLASSES - 1)).toBeNull();
      expect(brewerColours(scheme, most + 1)).toBeNull();
      expect(brewerColours(scheme, 4.5)).toBeNull();
    }
    expect(MAX_SCHEME_CLASSES).toBe(9);
    // The 11-class schemes as published (colorbrewer2.org).
    expect(brewerColours("RdBu", 11)).toEqual([
      "#67001f",
      "#b2182b",
      "#d6604d",
      "#f4a582",
      "#fddbc7",
      "#f7f7f7",
      "#d1e5f0",
      "#92c5de",
      "#4393c3",
      "#2166ac",
      "#053061",
    ]);
  });

  it("keeps published values (spot checks against colorbrewer2.org)", () => {
    expect(brewerColours("Blues", 9)).toEqual([
      "#f7fbff",
      "#deebf7",
      "#c6dbef",
      "#9ecae1",
      "#6baed6",
      "#4292c6",
      "#2171b5",
      "#08519c",
      "#08306b",
    ]);
    expect(brewerColours("Oranges", 5)).toEqual([
      "#feedde",
      "#fdbe85",
      "#fd8d3c",
      "#e6550d",
      "#a63603",
    ]);
    expect(brewerColours("YlGnBu", 3)).toEqual(["#edf8b1", "#7fcdbb", "#2c7fb8"]);
    expect(brewerColours("RdBu", 5)).toEqual([
      "#ca0020",
      "#f4a582",
      "#f7f7f7",
      "#92c5de",
      "#0571b0",
    ]);
    expect(brewerColours("PuOr", 3)).toEqual(["#f1a340", "#f7f7f7", "#998ec3"]);
  });

  it("runs sequential schemes from light to dark", () => {
    for (const scheme of SEQUENTIAL_SCHEMES) {
      for (const n of COUNTS) {
        const l = brewerColours(scheme, n)!.map(relativeLuminance);
        for (let i = 1; i < n; i++) expect(l[i]!).toBeLessThan(l[i - 1]!);
      }
    }
  });

  it("runs diverging schemes from a warm dark end through light to a cool dark end", () => {
    for (const scheme of DIVERGING_SCHEMES) {
      for (const n of COUNTS) {
        const colours = brewerColours(scheme, n)!;
        const l = colours.map(relativeLuminance);
        const mid = (n - 1) / 2;
        for (let i = 1; i < n; i++) {
          if (i <= mid) expect(l[i]!).toBeGreaterThan(l[i - 1]!);
          else if (i - 1 >= mid) expect(l[i]!).toBeLessThan(l[i - 1]!);
        }
        if (n % 2 === 1) expect(colours[mid]).toBe("#f7f7f7");
        expect(red(colours[0]!)).toBeGreaterThan(blue(colours[0]!));
        expect(blue(colours[n - 1]!)).toBeGreaterThan(red(colours[n - 1]!));
      }
    }
  });
});

describe("classColours: sequential", () => {
  const fiveClasses = classified([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { kind: "quantile" }, 5);

  it("darkens towards high values when low is better", () => {
    const c = classColours(fiveClasses, "lower_is_better");
    expect(c).toMatchObject({ kind: "sequential", scheme: "Oranges", reversed: false });
    expect(c.fills).toEqual(brewerColours("Oranges", 5));
  });

  it("darkens towards low values when high is better", () => {
    const c = classColours(fiveClasses, "higher_is_better");
    expect(c).toMatchObject({ kind: "sequential", scheme: "Oranges", reversed: true });
    expect(c.fills).toEqual([...brewerColours("Oranges", 5)!].reverse());
    expect(relativeLuminance(c.fills[0]!)).toBeLessThan(relativeLuminance(c.fills[4]!));
  });

  it("uses blue, darkest for the highest values, for a neutral indicator", () => {
    const c = classColours(fiveClasses, "neutral");
    expect(c).toMatchObject({ scheme: "Blues", reversed: false });
    expect(c.fills).toEqual(brewerColours("Blues", 5));
  });

  it("takes another sequential scheme on request", () => {
    expect(classColours(fiveClasses, "neutral", { sequentialScheme: "YlGnBu" }).fills).toEqual(
      brewerColours("YlGnBu", 5),
    );
  });

  it("covers 1 and 2 classes from the 3-class scheme", () => {
    expect(classColours({ breaks: [1], centre: null }, "neutral").fills).toEqual(["#9ecae1"]);
    expect(classColours({ breaks: [1, 2], centre: null }, "neutral").fills).toEqual([
      "#deebf7",
      "#3182bd",
    ]);
    expect(classColours({ breaks: [1, 2], centre: null }, "higher_is_better").fills).toEqual([
      "#e6550d",
      "#fee6ce",
    ]);
  });
});

describe("classColours: diverging (standard deviations)", () => {
  // Mean 5, sd 2: five classes, the mean in the middle one.
  const symmetric = classified([2, 4, 4, 4, 5, 5, 7, 9], { kind: "std_dev" }, 5);
  // Mean 10, sd 30: four classes, the mean in the lowest.
  const skewed = classified([0, 0, 0, 0, 0, 0, 0, 0, 0, 100], { kind: "std_dev" }, 9);

  it("puts red on the low side when high is better, neutral grey on the mean", () => {
    const c = classColours(symmetric, "higher_is_better");
    expect(c).toMatchObject({ kind: "diverging", scheme: "RdBu", reversed: false });
    expect(c.fills).toEqual(["#ca0020", "#f4a582", "#f7f7f7", "#92c5de", "#0571b0"]);
  });

  it("puts red on the high side when low is better", () => {
    const c = classColours(symmetric, "lower_is_better");
    expect(c).toMatchObject({ scheme: "RdBu", reversed: true });
    expect(c.fills).toEqual(["#0571b0", "#92c5de", "#f7f7f7", "#f4a582", "#ca0020"]);
  });

  it("uses purple and orange without judgement for a neutral indicator", () => {
    expect(classColours(symmetric, "neutral")).toMatchObject({ scheme: "PuOr", reversed: false });
  });

  it("keeps the neutral colour on the mean's class when one side is longer", () => {
    // Three classes above the mean: the 7-class scheme from its middle upwards.
    expect(classColours(skewed, "lower_is_better").fills).toEqual([
      "#f7f7f7",
      "#fddbc7",
      "#ef8a62",
      "#b2182b",
    ]);
    expect(classColours(skewed, "higher_is_better").fills).toEqual([
      "#f7f7f7",
      "#d1e5f0",
      "#67a9cf",
      "#2166ac",
    ]);
  });

  it("gives one class of equal values the neutral colour", () => {
    const c = classColours(classified([3, 3], { kind: "std_dev" }, 5), "lower_is_better");
    expect(c.fills).toEqual(["#f7f7f7"]);
  });
});

describe("text colours and special styles", () => {
  it("gives every colour of every scheme a text colour with contrast ≥ 4.5:1", () => {
    for (const scheme of SCHEMES) {
      for (const n of COUNTS) {
        for (const fill of brewerColours(scheme, n)!) {
          expect(contrastRatio(fill, textColourOn(fill))).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
        }
      }
    }
    for (const style of [WITHHELD_STYLE, NO_DATA_STYLE, NOT_PUBLISHED_STYLE]) {
      expect(contrastRatio(style.fill, style.textColour)).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    }
  });

  it("hands the text colour of each class along with its fill", () => {
    for (const polarity of ["higher_is_better", "lower_is_better", "neutral"] as const) {
      for (let n = 1; n <= 9; n++) {
        const c = classColours(
          { breaks: Array.from({ length: n }, (_, i) => i), centre: null },
          polarity,
        );
        expect(c.fills).toHaveLength(n);
        expect(c.textColours).toEqual(c.fills.map(textColourOn));
      }
    }
    // The darkest blue takes white text, the lightest black.
    const nine = classColours({ breaks: [1, 2, 3, 4, 5, 6, 7, 8, 9], centre: null }, "neutral");
    expect([nine.textColours[0], nine.textColours[8]]).toEqual(["#000000", "#ffffff"]);
  });

  it("draws withheld and no-data areas in colours no class uses, withheld hatched", () => {
    const used = new Set(SCHEMES.flatMap((s) => COUNTS.flatMap((n) => brewerColours(s, n)!)));
    expect(used.has(WITHHELD_STYLE.fill)).toBe(false);
    expect(used.has(NO_DATA_STYLE.fill)).toBe(false);
    expect(WITHHELD_STYLE.pattern).toMatchObject({ kind: "hatch", angleDegrees: 45 });
    expect(NO_DATA_STYLE.pattern).toBeNull();
    // No data stays clearly darker than the light grey middle of the diverging schemes.
    expect(contrastRatio(NO_DATA_STYLE.fill, "#f7f7f7")).toBeGreaterThan(1.5);
  });
});

describe("areaFills", () => {
  const values: Value<number>[] = [
    known(1),
    suppressed("small_count"),
    missing("no_data"),
    known(9),
    known(Number.NaN),
  ];
  const r = classify(values, { kind: "equal_interval" }, 2);
  if (!r.ok) throw new Error(r.error);
  const colours = classColours(r.value, "lower_is_better");

  it("tells withheld from missing for planners", () => {
    const fills = areaFills(values, r.value, colours, "planning");
    expect(fills.map((f) => f.kind)).toEqual(["class", "withheld", "no_data", "class", "no_data"]);
    expect(fills[0]).toEqual({
      kind: "class",
      classIndex: 0,
      fill: colours.fills[0],
      pattern: null,
      textColour: colours.textColours[0],
    });
    expect(fills[1]).toBe(WITHHELD_STYLE);
  });

  it.each(["internal", "public"] as const)("shows both alike to the %s audience", (audience) => {
    const fills = areaFills(values, r.value, colours, audience);
    expect(fills.map((f) => f.kind)).toEqual([
      "class",
      "not_published",
      "not_published",
      "class",
      "not_published",
    ]);
  });

  it("refuses values that do not belong to the classification", () => {
    expect(() => areaFills(values.slice(1), r.value, colours)).toThrow(RangeError);
  });
});

describe("palettes for up to 12 classes", () => {
  it("gives 3 to 12 colours of every scheme: published where there are, interpolated beyond", () => {
    for (const scheme of SCHEMES) {
      for (let n = MIN_SCHEME_CLASSES; n <= MAX_COLOURS; n++) {
        const colours = schemeColours(scheme, n)!;
        expect(colours).toHaveLength(n);
        expect(new Set(colours).size).toBe(n);
        const published = brewerColours(scheme, n);
        if (published !== null) expect(colours).toEqual(published);
        // The interpolated schemes keep the published ends.
        const widest = brewerColours(scheme, 9)!;
        if (published === null && !(DIVERGING_SCHEMES as readonly string[]).includes(scheme)) {
          expect([colours[0], colours[n - 1]]).toEqual([widest[0], widest[8]]);
        }
      }
      expect(schemeColours(scheme, MAX_COLOURS + 1)).toBeNull();
    }
    // A diverging scheme of an odd count keeps its neutral middle.
    expect(schemeColours("RdBu", 11)![5]).toBe("#f7f7f7");
  });

  it("property: every map of 1 to 12 classes, every polarity, keeps neighbouring classes apart, also for colour-blind readers", () => {
    // Deciles and more: ≥ 3 ΔE*ab between neighbouring classes (2.3 is just noticeable) in
    // normal vision and under simulated protanopia, deuteranopia and tritanopia; sequential
    // classes also get darker step by step (the order does not rest on hue).
    const polarities = ["lower_is_better", "higher_is_better", "neutral"] as const;
    let smallest = Infinity;
    for (let n = 1; n <= MAX_COLOURS; n++) {
      const values = Array.from({ length: 60 }, (_, i) => i * i);
      const sequential = classified(values, { kind: "quantile" }, n);
      const centre = Math.floor((n - 1) / 2);
      const diverging = {
        breaks: Array.from({ length: n }, (_, i) => i),
        centre: { mean: centre, standardDeviation: 1, classIndex: centre },
      };
      for (const polarity of polarities) {
        for (const c of [sequential, diverging]) {
          const { fills, kind } = classColours(c, polarity);
          expect(fills).toHaveLength(n);
          expect(new Set(fills).size).toBe(n);
          for (const [vision, matrix] of Object.entries(VISION)) {
            const seen = fills.map((f) => simulate(f, matrix));
            for (let i = 1; i < n; i++) {
              const d = distance(seen[i - 1]!, seen[i]!);
              smallest = Math.min(smallest, d);
              expect(d, `${kind} ${polarity} ${n} ${vision} ${i}`).toBeGreaterThanOrEqual(3);
            }
          }
          if (kind === "sequential") {
            const lightness = fills.map((f) => toLab(f)[0]);
            const steps = lightness.slice(1).map((l, i) => l - lightness[i]!);
            expect(steps.every((d) => d < 0) || steps.every((d) => d > 0)).toBe(true);
          }
        }
      }
    }
    expect(smallest).toBeGreaterThan(3);
  });
});
