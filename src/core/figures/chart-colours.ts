/**
 * Colours of chart series: the Okabe–Ito set, which people with the common colour vision
 * deficiencies can tell apart, darkened where needed so that every line and dot keeps 3:1
 * contrast against white (WCAG 2.1, 1.4.11). The city is black and dashed, so it is told
 * apart without colour too; areas also differ in their dot shape.
 */
export const CITY_COLOUR = "#1a1a1a";

export const SERIES_COLOURS = [
  "#0072b2", // blue
  "#c85200", // vermillion, darkened
  "#007a5a", // bluish green, darkened
  "#a6458a", // reddish purple, darkened
  "#8a6d00", // yellow-orange, darkened
] as const;

/** Dot shapes in the order of SERIES_COLOURS. */
export const SERIES_SHAPES = ["circle", "square", "diamond", "triangle", "cross"] as const;
export type Shape = (typeof SERIES_SHAPES)[number];

/** A bar or dot that is not highlighted. */
export const NEUTRAL_COLOUR = "#4f6d8f";
