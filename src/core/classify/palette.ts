import type { Polarity } from "../indicators/indicator.ts";
import type { Audience } from "../publication/publication.ts";
import type { Value } from "../value.ts";
import type { Classification } from "./classify.ts";
import { fromLab, toLab } from "../figures/bivariate-colours.ts";
import { textColourOn } from "./contrast.ts";

/*
 * Colour schemes from ColorBrewer 2.0 (colorbrewer2.org) by Cynthia A. Brewer, Mark
 * Harrower and The Pennsylvania State University, Apache License 2.0: "This product includes
 * color specifications and designs developed by Cynthia Brewer (http://colorbrewer.org/)."
 * Values as published in the tool's scheme file (axismaps/colorbrewer,
 * colorbrewer_schemes.js, RGB) and converted to hex. All five schemes are marked
 * colour-blind safe for every number of classes they are published with there (sequential
 * 3 to 9, diverging 3 to 11). More steps (up to 12 classes) are interpolated in CIELAB along
 * the largest published scheme, evenly by perceived distance (`schemeColours`); the tests
 * check that neighbouring steps stay apart also under simulated colour-vision deficiencies.
 * Method and testing:
 * Harrower & Brewer (2003), "ColorBrewer.org: An Online Tool for Selecting Colour Schemes
 * for Maps", The Cartographic Journal 40(1), 27–37.
 * The file is long because it holds the published colour tables themselves, one line per
 * step; the code that uses them is short and stays beside them.
 */

/** Single- and multi-hue sequential schemes: lightest (lowest) first. */
export type SequentialScheme = "Blues" | "YlGnBu" | "Oranges";
/** Diverging schemes: warm end first (red, orange), neutral light grey in the middle. */
export type DivergingScheme = "RdBu" | "PuOr";
export type SchemeName = SequentialScheme | DivergingScheme;

/** The numbers of classes ColorBrewer publishes for the sequential schemes (3 to 9). */
export const MIN_SCHEME_CLASSES = 3;
export const MAX_SCHEME_CLASSES = 9;
/** ColorBrewer publishes its diverging schemes up to 11 classes. */
export const MAX_DIVERGING_SCHEME_CLASSES = 11;
/** The most colours `schemeColours` gives: the most classes a map may have. */
export const MAX_COLOURS = 12;

type SchemeTable = Readonly<
  Record<3 | 4 | 5 | 6 | 7 | 8 | 9, readonly string[]> & Partial<Record<10 | 11, readonly string[]>>
>;

const BREWER: Readonly<Record<SchemeName, SchemeTable>> = {
  Blues: {
    3: ["#deebf7", "#9ecae1", "#3182bd"],
    4: ["#eff3ff", "#bdd7e7", "#6baed6", "#2171b5"],
    5: ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"],
    6: ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"],
    7: ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"],
    8: ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"],
    9: [
      "#f7fbff",
      "#deebf7",
      "#c6dbef",
      "#9ecae1",
      "#6baed6",
      "#4292c6",
      "#2171b5",
      "#08519c",
      "#08306b",
    ],
  },
  YlGnBu: {
    3: ["#edf8b1", "#7fcdbb", "#2c7fb8"],
    4: ["#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"],
    5: ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"],
    6: ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"],
    7: ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"],
    8: ["#ffffd9", "#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"],
    9: [
      "#ffffd9",
      "#edf8b1",
      "#c7e9b4",
      "#7fcdbb",
      "#41b6c4",
      "#1d91c0",
      "#225ea8",
      "#253494",
      "#081d58",
    ],
  },
  Oranges: {
    3: ["#fee6ce", "#fdae6b", "#e6550d"],
    4: ["#feedde", "#fdbe85", "#fd8d3c", "#d94701"],
    5: ["#feedde", "#fdbe85", "#fd8d3c", "#e6550d", "#a63603"],
    6: ["#feedde", "#fdd0a2", "#fdae6b", "#fd8d3c", "#e6550d", "#a63603"],
    7: ["#feedde", "#fdd0a2", "#fdae6b", "#fd8d3c", "#f16913", "#d94801", "#8c2d04"],
    8: ["#fff5eb", "#fee6ce", "#fdd0a2", "#fdae6b", "#fd8d3c", "#f16913", "#d94801", "#8c2d04"],
    9: [
      "#fff5eb",
      "#fee6ce",
      "#fdd0a2",
      "#fdae6b",
      "#fd8d3c",
      "#f16913",
      "#d94801",
      "#a63603",
      "#7f2704",
    ],
  },
  RdBu: {
    3: ["#ef8a62", "#f7f7f7", "#67a9cf"],
    4: ["#ca0020", "#f4a582", "#92c5de", "#0571b0"],
    5: ["#ca0020", "#f4a582", "#f7f7f7", "#92c5de", "#0571b0"],
    6: ["#b2182b", "#ef8a62", "#fddbc7", "#d1e5f0", "#67a9cf", "#2166ac"],
    7: ["#b2182b", "#ef8a62", "#fddbc7", "#f7f7f7", "#d1e5f0", "#67a9cf", "#2166ac"],
    8: ["#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#d1e5f0", "#92c5de", "#4393c3", "#2166ac"],
    9: [
      "#b2182b",
      "#d6604d",
      "#f4a582",
      "#fddbc7",
      "#f7f7f7",
      "#d1e5f0",
      "#92c5de",
      "#4393c3",
      "#2166ac",
    ],
    10: [
      "#67001f",
      "#b2182b",
      "#d6604d",
      "#f4a582",
      "#fddbc7",
      "#d1e5f0",
      "#92c5de",
      "#4393c3",
      "#2166ac",
      "#053061",
    ],
    11: [
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
    ],
  },
  PuOr: {
    3: ["#f1a340", "#f7f7f7", "#998ec3"],
    4: ["#e66101", "#fdb863", "#b2abd2", "#5e3c99"],
    5: ["#e66101", "#fdb863", "#f7f7f7", "#b2abd2", "#5e3c99"],
    6: ["#b35806", "#f1a340", "#fee0b6", "#d8daeb", "#998ec3", "#542788"],
    7: ["#b35806", "#f1a340", "#fee0b6", "#f7f7f7", "#d8daeb", "#998ec3", "#542788"],
    8: ["#b35806", "#e08214", "#fdb863", "#fee0b6", "#d8daeb", "#b2abd2", "#8073ac", "#542788"],
    9: [
      "#b35806",
      "#e08214",
      "#fdb863",
      "#fee0b6",
      "#f7f7f7",
      "#d8daeb",
      "#b2abd2",
      "#8073ac",
      "#542788",
    ],
    10: [
      "#7f3b08",
      "#b35806",
      "#e08214",
      "#fdb863",
      "#fee0b6",
      "#d8daeb",
      "#b2abd2",
      "#8073ac",
      "#542788",
      "#2d004b",
    ],
    11: [
      "#7f3b08",
      "#b35806",
      "#e08214",
      "#fdb863",
      "#fee0b6",
      "#f7f7f7",
      "#d8daeb",
      "#b2abd2",
      "#8073ac",
      "#542788",
      "#2d004b",
    ],
  },
};

export const SEQUENTIAL_SCHEMES: readonly SequentialScheme[] = ["Blues", "YlGnBu", "Oranges"];
export const DIVERGING_SCHEMES: readonly DivergingScheme[] = ["RdBu", "PuOr"];

const isDiverging = (scheme: SchemeName): scheme is DivergingScheme =>
  (DIVERGING_SCHEMES as readonly SchemeName[]).includes(scheme);

/**
 * The `count` colours of a ColorBrewer scheme exactly as published (sequential 3–9,
 * diverging 3–11), or `null` for another count: sequential schemes lightest first,
 * diverging ones warm end first.
 */
export function brewerColours(scheme: SchemeName, count: number): readonly string[] | null {
  const most = isDiverging(scheme) ? MAX_DIVERGING_SCHEME_CLASSES : MAX_SCHEME_CLASSES;
  if (!Number.isInteger(count) || count < MIN_SCHEME_CLASSES || count > most) return null;
  return BREWER[scheme][count as keyof SchemeTable] ?? null;
}

/**
 * `count` colours (3–12) of a scheme: as published where ColorBrewer has them, otherwise
 * interpolated in CIELAB along the largest published scheme, at equal perceived distances
 * (equal steps of ΔE*ab along the path through the published colours), so that the ends
 * stay the published ends. A diverging scheme is interpolated on each side of its neutral
 * middle, so an odd count keeps the neutral grey in the middle. `null` outside 3–12.
 */
export function schemeColours(scheme: SchemeName, count: number): readonly string[] | null {
  if (!Number.isInteger(count) || count < MIN_SCHEME_CLASSES || count > MAX_COLOURS) return null;
  return coloursOf(scheme, count);
}

/** `schemeColours` without the upper limit (a diverging side may need more steps). */
function coloursOf(scheme: SchemeName, count: number): readonly string[] {
  const published = brewerColours(scheme, count);
  if (published !== null) return published;
  if (!isDiverging(scheme)) return interpolateColours(BREWER[scheme][MAX_SCHEME_CLASSES], count);
  const widest = BREWER[scheme][MAX_DIVERGING_SCHEME_CLASSES]!;
  const middle = (MAX_DIVERGING_SCHEME_CLASSES - 1) / 2;
  // Odd: the neutral middle and (count − 1) / 2 steps on each side; even: count / 2 steps on
  // each side, from the light ends next to the middle.
  const warm = widest.slice(0, middle + 1);
  const cool = widest.slice(middle);
  if (count % 2 === 1) {
    const side = (count - 1) / 2 + 1;
    return [...interpolateColours(warm, side), ...interpolateColours(cool, side).slice(1)];
  }
  const side = count / 2;
  return [
    ...interpolateColours(warm.slice(0, -1), side),
    ...interpolateColours(cool.slice(1), side),
  ];
}

/** `count` colours at equal CIELAB distances along the path through `colours`. */
function interpolateColours(colours: readonly string[], count: number): string[] {
  const labs = colours.map(toLab);
  const lengths = [0];
  for (let i = 1; i < labs.length; i++) {
    const [p, q] = [labs[i - 1]!, labs[i]!];
    lengths.push(lengths[i - 1]! + Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]));
  }
  const total = lengths[lengths.length - 1]!;
  return Array.from({ length: count }, (_, j) => {
    if (j === 0) return colours[0]!;
    if (j === count - 1) return colours[colours.length - 1]!;
    const at = (total * j) / (count - 1);
    let i = 1;
    while (i < lengths.length - 1 && lengths[i]! < at) i++;
    const [from, to] = [lengths[i - 1]!, lengths[i]!];
    const t = to === from ? 0 : (at - from) / (to - from);
    const [p, q] = [labs[i - 1]!, labs[i]!];
    return fromLab([p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t, p[2] + (q[2] - p[2]) * t]);
  });
}

/** The fill of every class of a map, with what was chosen and why. */
export interface ClassColours {
  /** Diverging for classes around a centre (`std_dev`), sequential otherwise. */
  readonly kind: "sequential" | "diverging";
  readonly scheme: SchemeName;
  /** Whether the scheme runs against its published order, so the bad end gets the strong colour. */
  readonly reversed: boolean;
  /** Fill per class, "#rrggbb", in class order (lowest values first). */
  readonly fills: readonly string[];
  /** Black or white per class, for labels on the fill (contrast ≥ 4.5:1, see `textColourOn`). */
  readonly textColours: readonly ("#000000" | "#ffffff")[];
}

/** Which schemes to use instead of the defaults. */
export interface ClassColourOptions {
  readonly sequentialScheme?: SequentialScheme;
  readonly divergingScheme?: DivergingScheme;
}

/**
 * Colours for the classes of `classification`, chosen by the indicator's polarity.
 *
 * Classes around a centre (`std_dev`) get a diverging scheme with the neutral light grey on
 * the class that holds the mean and as many steps on each side as that side needs (a side
 * may be shorter when the data are skewed); all other classifications a sequential one.
 * The bad end is the strong end: for `lower_is_better` high values are bad, for
 * `higher_is_better` low values are bad (the scheme is reversed).
 *
 * - sequential: `Oranges` for an indicator with a polarity (the bad end darkest), `Blues`
 *   for `neutral` (darkest = highest, no judgement);
 * - diverging: `RdBu` for an indicator with a polarity (the bad side red, the good side
 *   blue), `PuOr` for `neutral` (orange below the mean, purple above, no judgement).
 *
 * ColorBrewer starts at 3 classes; 2 classes take the two ends of the 3-class scheme and 1
 * class its middle colour. Up to 12 classes get colours (`schemeColours`): published up to 9
 * (sequential) or 11 (diverging), interpolated beyond.
 */
export function classColours(
  classification: Pick<Classification, "breaks" | "centre">,
  polarity: Polarity,
  options: ClassColourOptions = {},
): ClassColours {
  const count = classification.breaks.length;
  const centre = classification.centre;
  if (centre !== null) {
    const scheme = options.divergingScheme ?? (polarity === "neutral" ? "PuOr" : "RdBu");
    const reversed = polarity === "lower_is_better";
    const below = centre.classIndex;
    const above = count - 1 - centre.classIndex;
    // Odd, symmetric scheme with the neutral colour in the middle.
    const half = Math.max(below, above);
    const symmetric = half === 0 ? ["#f7f7f7"] : coloursOf(scheme, 2 * half + 1);
    const ordered = reversed ? [...symmetric].reverse() : symmetric;
    const fills = Array.from({ length: count }, (_, i) => {
      const offset = Math.max(-half, Math.min(half, i - centre.classIndex));
      return ordered[half + offset]!;
    });
    return withText({ kind: "diverging", scheme, reversed, fills });
  }
  const scheme = options.sequentialScheme ?? (polarity === "neutral" ? "Blues" : "Oranges");
  const reversed = polarity === "higher_is_better";
  const three = BREWER[scheme][3];
  const colours =
    count >= MIN_SCHEME_CLASSES
      ? schemeColours(scheme, Math.min(count, MAX_COLOURS))!
      : count === 2
        ? [three[0]!, three[2]!]
        : [three[1]!];
  const fills = reversed ? [...colours].reverse() : [...colours];
  return withText({ kind: "sequential", scheme, reversed, fills });
}

function withText(colours: Omit<ClassColours, "textColours">): ClassColours {
  return { ...colours, textColours: colours.fills.map(textColourOn) };
}

/** Parallel lines over a fill, for areas that have no class. */
export interface HatchPattern {
  readonly kind: "hatch";
  /** Direction of the lines in degrees, counter-clockwise from the horizontal. */
  readonly angleDegrees: number;
  /** Colour of the lines, "#rrggbb". */
  readonly colour: string;
  /** Distance between the lines' centres, in CSS pixels (SVG user units) at scale 1. */
  readonly spacingPx: number;
  /** Width of each line, in CSS pixels. */
  readonly lineWidthPx: number;
}

/** How an area without a class is drawn, and its legend entry. */
export interface SpecialStyle {
  /**
   * `withheld`: suppressed by disclosure control; `no_data`: missing for any reason;
   * `not_published`: either, where the two must not be told apart (see `areaFills`).
   */
  readonly kind: "withheld" | "no_data" | "not_published";
  readonly fill: string;
  readonly pattern: HatchPattern | null;
  readonly textColour: "#000000" | "#ffffff";
  /** Legend text in German. */
  readonly label: string;
}

const HATCH: HatchPattern = Object.freeze({
  kind: "hatch",
  angleDegrees: 45,
  colour: "#636363",
  spacingPx: 6,
  lineWidthPx: 1.5,
});

/**
 * Withheld by disclosure control: light grey with dark diagonal hatching, so it reads as
 * "there is a value, it is not shown" and differs from every class colour by its pattern,
 * not by colour alone (WCAG 1.4.1).
 */
export const WITHHELD_STYLE: SpecialStyle = Object.freeze({
  kind: "withheld",
  fill: "#f0f0f0",
  pattern: HATCH,
  textColour: textColourOn("#f0f0f0"),
  label: "Gesperrt (Geheimhaltung)",
});

/**
 * No data: plain mid grey, darker than the light ends of the schemes and the neutral middle
 * of the diverging ones (#f7f7f7), and without hue, so it is not read as a class.
 */
export const NO_DATA_STYLE: SpecialStyle = Object.freeze({
  kind: "no_data",
  fill: "#bdbdbd",
  pattern: null,
  textColour: textColourOn("#bdbdbd"),
  label: "Keine Daten",
});

/**
 * For readers outside the planning team: withheld and missing look the same, as "." stands
 * for both in published tables (`tableSymbol`), so the map does not tell a hidden small
 * count from an unknown one.
 */
export const NOT_PUBLISHED_STYLE: SpecialStyle = Object.freeze({
  kind: "not_published",
  fill: "#f0f0f0",
  pattern: HATCH,
  textColour: textColourOn("#f0f0f0"),
  label: "Keine Angabe",
});

/** The drawing of one area: its class colour, or the style of an area without a class. */
export type AreaFill =
  | {
      readonly kind: "class";
      readonly classIndex: number;
      readonly fill: string;
      readonly pattern: null;
      readonly textColour: "#000000" | "#ffffff";
    }
  | SpecialStyle;

/**
 * How to draw each area: `values` are the values `classification` was made from, in the
 * same order. An area with a class gets its class colour. Without a class, the planning
 * audience (which may see values before disclosure control) sees withheld and missing
 * apart; every other audience sees `NOT_PUBLISHED_STYLE` for both, so the map reveals no
 * more than a published table. Throws a `RangeError` when the lengths differ.
 */
export function areaFills(
  values: readonly Value<number>[],
  classification: Pick<Classification, "classOf">,
  colours: Pick<ClassColours, "fills" | "textColours">,
  audience: Audience = "planning",
): AreaFill[] {
  if (values.length !== classification.classOf.length) {
    throw new RangeError(
      `areaFills: ${values.length} values for ${classification.classOf.length} classified areas`,
    );
  }
  return values.map((v, i) => {
    const c = classification.classOf[i];
    if (c !== null && c !== undefined) {
      return {
        kind: "class",
        classIndex: c,
        fill: colours.fills[c]!,
        pattern: null,
        textColour: colours.textColours[c]!,
      };
    }
    if (audience !== "planning") return NOT_PUBLISHED_STYLE;
    return v.kind === "suppressed" ? WITHHELD_STYLE : NO_DATA_STYLE;
  });
}
