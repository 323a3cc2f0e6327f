/**
 * The colours of the Analysen page's maps: a bivariate palette for the status × dynamics
 * matrix of a social index, its two edges for a map of one dimension, and categorical colours
 * for area types. Pure, so the palette's promises are tested without a browser.
 *
 * The matrix is drawn in a neutral, stigma-aware scheme: light grey-blue where both the status
 * and the dynamics call for the least attention, purple along the status, teal along the
 * dynamics, indigo where both call for the most. No red for "bad" and no green for "good"
 * neighbourhoods: a class calls for attention, it is no verdict (docs/methods/social-index.md).
 * Colour is never the only carrier: the legend names every cell and counts its areas, and the
 * table beside the map has every class in words.
 *
 * Contrast (WCAG 2.1, 1.4.11 non-text contrast, 1.4.3 text): every fill keeps at least 3:1
 * against the dark area outline (`AREA_OUTLINE`), so neighbouring areas stay apart whatever
 * their classes; text on a legend cell is black or white, whichever reaches 4.5:1.
 */
import { contrastRatio, textColourOn } from "../classify/contrast.ts";

/** The outline of every area on the analysis maps (and in their SVG export). */
export const AREA_OUTLINE = "#1a1a1a";

/** An area left out of the index (or of a typology): neutral grey, hatched on the map. */
export const EXCLUDED_FILL = "#c8c8c8";

/**
 * The four corners of the matrix, sRGB: [least status attention][least dynamics attention] …
 * Interpolated in CIELAB, so equal steps look equal. The 4 × 3 MSS matrix gets
 * `MSS_MATRIX` below (pinned by the tests).
 */
const CORNERS = {
  calm: "#eceff3", // status class 1, dynamics class 1 (hoch, positiv)
  status: "#a276c6", // last status class, dynamics class 1 (sehr niedrig, positiv)
  dynamics: "#3ea5a5", // status class 1, last dynamics class (hoch, negativ)
  both: "#5866a8", // last status class, last dynamics class (sehr niedrig, negativ)
} as const;

type Lab = readonly [number, number, number];

const HEX = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i;
const WHITE_X = 0.95047;
const WHITE_Z = 1.08883;
const EPSILON = 216 / 24389;
const KAPPA = 24389 / 27;

const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const gamma = (c: number) => (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);

/** CIELAB (D65) of an sRGB colour "#rrggbb". */
export function toLab(hex: string): Lab {
  const m = HEX.exec(hex);
  if (!m) throw new RangeError(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [m[1]!, m[2]!, m[3]!].map((h) => linear(parseInt(h, 16) / 255)) as [
    number,
    number,
    number,
  ];
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / WHITE_X;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / WHITE_Z;
  const f = (t: number) => (t > EPSILON ? Math.cbrt(t) : (KAPPA * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/** The sRGB colour "#rrggbb" nearest to a CIELAB colour (channels clipped to the gamut). */
export function fromLab([l, a, bStar]: Lab): string {
  const fy = (l + 16) / 116;
  const fx = fy + a / 500;
  const fz = fy - bStar / 200;
  const inverse = (t: number) => (t ** 3 > EPSILON ? t ** 3 : (116 * t - 16) / KAPPA);
  const x = inverse(fx) * WHITE_X;
  const y = inverse(fy);
  const z = inverse(fz) * WHITE_Z;
  const rgb = [
    3.2406 * x - 1.5372 * y - 0.4986 * z,
    -0.9689 * x + 1.8758 * y + 0.0415 * z,
    0.0557 * x - 0.204 * y + 1.057 * z,
  ];
  return `#${rgb
    .map((c) =>
      Math.round(Math.min(1, Math.max(0, gamma(c))) * 255)
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

/** Euclidean distance in CIELAB (ΔE*ab, CIE 1976): about 2.3 is just noticeable. */
export function deltaE(a: string, b: string): number {
  const p = toLab(a);
  const q = toLab(b);
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

const mix = (p: Lab, q: Lab, t: number): Lab => [
  p[0] + (q[0] - p[0]) * t,
  p[1] + (q[1] - p[1]) * t,
  p[2] + (q[2] - p[2]) * t,
];

const LAB = {
  calm: toLab(CORNERS.calm),
  status: toLab(CORNERS.status),
  dynamics: toLab(CORNERS.dynamics),
  both: toLab(CORNERS.both),
};

/**
 * The fill of one cell of a `statusClasses` × `dynamicsClasses` matrix; `status` and
 * `dynamics` are 0-based class positions (class number − 1). A higher position calls for more
 * attention and gets a darker, more saturated colour. With one class on an axis, that axis
 * stays at its calm end.
 */
export function matrixFill(
  status: number,
  dynamics: number,
  statusClasses: number,
  dynamicsClasses: number,
): string {
  const s = statusClasses > 1 ? clamp(status / (statusClasses - 1)) : 0;
  const d = dynamicsClasses > 1 ? clamp(dynamics / (dynamicsClasses - 1)) : 0;
  return fromLab(mix(mix(LAB.calm, LAB.dynamics, d), mix(LAB.status, LAB.both, d), s));
}

const clamp = (t: number) => Math.min(1, Math.max(0, t));

/** The whole matrix: rows are status classes, columns dynamics classes. */
export function matrixPalette(statusClasses: number, dynamicsClasses: number): string[][] {
  return Array.from({ length: statusClasses }, (_, s) =>
    Array.from({ length: dynamicsClasses }, (_, d) =>
      matrixFill(s, d, statusClasses, dynamicsClasses),
    ),
  );
}

/** The MSS matrix (4 status × 3 dynamics classes), as drawn. */
export const MSS_MATRIX: readonly (readonly string[])[] = matrixPalette(4, 3);

/** What the map colours: the matrix group, or one dimension alone. */
export type ColourMode = "groups" | "status" | "dynamics";

/** The part of an area's index result the colours depend on. */
export interface ClassedArea {
  readonly code: string;
  readonly status: { readonly classNumber: number } | null;
  readonly dynamics: { readonly classNumber: number } | null;
}

/**
 * The fill of an area: its matrix cell ("groups"), or the edge of the matrix for one
 * dimension — status alone runs from the calm corner to purple, dynamics alone to teal —
 * so a map of one dimension speaks the same colours as the matrix. An area without the
 * dimension's class (excluded, or an index without dynamics) gets `EXCLUDED_FILL`.
 */
export function areaFill(
  area: ClassedArea,
  mode: ColourMode,
  statusClasses: number,
  dynamicsClasses: number,
): string {
  const s = area.status ? area.status.classNumber - 1 : null;
  const d = area.dynamics ? area.dynamics.classNumber - 1 : null;
  switch (mode) {
    case "groups":
      if (s === null) return EXCLUDED_FILL;
      return matrixFill(s, d ?? 0, statusClasses, d === null ? 1 : dynamicsClasses);
    case "status":
      return s === null ? EXCLUDED_FILL : matrixFill(s, 0, statusClasses, dynamicsClasses);
    case "dynamics":
      return d === null ? EXCLUDED_FILL : matrixFill(0, d, statusClasses, dynamicsClasses);
  }
}

/** The fill of every area by its code. */
export function areaFills(
  areas: readonly ClassedArea[],
  mode: ColourMode,
  statusClasses: number,
  dynamicsClasses: number,
): Map<string, string> {
  return new Map(
    areas.map((a) => [a.code, areaFill(a, mode, statusClasses, dynamicsClasses)] as const),
  );
}

/**
 * The MSS group code of a matrix cell: the status class number and, for three dynamics
 * classes, "+", "+/-" or "-" ("2+/-" = status mittel, dynamics stabil); for another number
 * of dynamics classes ".n". Without dynamics, the status class number alone. The same codes
 * as src/core/social-index/compute.ts gives each area.
 */
export function groupCode(
  status: number,
  dynamics: number | null,
  dynamicsClasses: number,
): string {
  if (dynamics === null) return String(status + 1);
  const symbol = dynamicsClasses === 3 ? (["+", "+/-", "-"][dynamics] ?? "") : `.${dynamics + 1}`;
  return `${status + 1}${symbol}`;
}

/** One cell of the legend grid: where it sits, its colours, its group and its areas. */
export interface LegendCell {
  /** 0-based status class. */
  readonly status: number;
  /** 0-based dynamics class; null in a legend of one dimension. */
  readonly dynamics: number | null;
  readonly fill: string;
  /** Black or white, whichever contrasts more with the fill (≥ 4.5:1). */
  readonly text: "#000000" | "#ffffff";
  readonly group: string;
  readonly count: number;
}

/**
 * The legend of a run: for "groups" with dynamics, one row per status class and one cell per
 * dynamics class (statusClasses × dynamicsClasses cells); for one dimension (or an index
 * without dynamics) one cell per class of that dimension. Every cell counts the areas in it;
 * together they count the included areas.
 */
export function legendCells(
  areas: readonly ClassedArea[],
  mode: ColourMode,
  statusClasses: number,
  dynamicsClasses: number,
): LegendCell[][] {
  const cell = (status: number, dynamics: number | null, fill: string, count: number) => ({
    status,
    dynamics,
    fill,
    text: textColourOn(fill),
    group:
      dynamics === null || mode !== "groups"
        ? String((mode === "dynamics" ? (dynamics ?? 0) : status) + 1)
        : groupCode(status, dynamics, dynamicsClasses),
    count,
  });
  const hasDynamics = dynamicsClasses > 0 && areas.some((a) => a.dynamics !== null);
  if (mode === "dynamics" && hasDynamics) {
    return [
      Array.from({ length: dynamicsClasses }, (_, d) =>
        cell(
          0,
          d,
          matrixFill(0, d, statusClasses, dynamicsClasses),
          areas.filter((a) => a.dynamics?.classNumber === d + 1).length,
        ),
      ),
    ];
  }
  if (mode === "status" || !hasDynamics) {
    return Array.from({ length: statusClasses }, (_, s) => [
      cell(
        s,
        null,
        matrixFill(s, 0, statusClasses, hasDynamics ? dynamicsClasses : 1),
        areas.filter((a) => a.status?.classNumber === s + 1).length,
      ),
    ]);
  }
  return Array.from({ length: statusClasses }, (_, s) =>
    Array.from({ length: dynamicsClasses }, (_, d) =>
      cell(
        s,
        d,
        matrixFill(s, d, statusClasses, dynamicsClasses),
        areas.filter((a) => a.status?.classNumber === s + 1 && a.dynamics?.classNumber === d + 1)
          .length,
      ),
    ),
  );
}

/**
 * Colours of area types: the Okabe–Ito set (Okabe & Ito 2008, "Color Universal Design"),
 * which people with the common colour vision deficiencies tell apart, without its black;
 * then five of Paul Tol's "light" scheme for typologies of up to 12 types (there the type
 * numbers in legend and table carry the distinction). Types have no order and no reading.
 */
export const TYPE_COLOURS = [
  "#e69f00", // orange
  "#56b4e9", // sky blue
  "#009e73", // bluish green
  "#f0e442", // yellow
  "#0072b2", // blue
  "#d55e00", // vermillion
  "#cc79a7", // reddish purple
  "#77aadd", // light blue
  "#eedd88", // light yellow
  "#ffaabb", // pink
  "#44bb99", // mint
  "#bbcc33", // pear
] as const;

/** The colour of type `type` (1-based). */
export function typeColour(type: number): string {
  return TYPE_COLOURS[(type - 1) % TYPE_COLOURS.length]!;
}

/** Whether a fill keeps 3:1 against the area outline (WCAG 1.4.11). */
export function isOutlineVisible(fill: string): boolean {
  return contrastRatio(fill, AREA_OUTLINE) >= 3;
}
