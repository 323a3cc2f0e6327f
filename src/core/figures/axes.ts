/**
 * The parts the figures share with each other and with the web app's charts: linear scales,
 * tick decimals, the geometry of the dot shapes, the axis title with its unit, and the frame
 * of a standalone SVG document. Pure: numbers and strings in, numbers and strings out.
 */
import type { Shape } from "./chart-colours.ts";
import { FONT_ATTRIBUTE, xmlText } from "./svg-text.ts";

/** Text colour: near black, 17:1 on white (WCAG AA asks 4.5:1). */
export const INK = "#1a1a1a";
/** Grid lines: light, so that they guide the eye without competing with the data. */
export const GRID = "#d0d5db";
/** Axis lines and swatch outlines: dark grey, 7:1 on white. */
export const AXIS = "#555555";

/** Maps [d0, d1] onto [r0, r1]. */
export function linear(
  [d0, d1]: readonly [number, number],
  [r0, r1]: readonly [number, number],
): (v: number) => number {
  const span = d1 - d0 || 1;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

/** Decimals that tell ticks apart: 0 for 5, 10 …; 1 for 0.5; 2 for 0.25. */
export function tickDecimals(ticks: readonly number[]): number {
  let decimals = 0;
  for (const t of ticks) {
    const text = String(t);
    const dot = text.indexOf(".");
    if (dot >= 0 && !text.includes("e")) decimals = Math.max(decimals, text.length - dot - 1);
  }
  return Math.min(decimals, 6);
}

/** A coordinate with one decimal: enough for print, and it keeps the files small. */
export function px(v: number): number {
  return Math.round(v * 10) / 10;
}

/**
 * The SVG path data of a line through the values at (x(i), y(value)), broken at every null: a
 * gap in the series stays a gap in the line, never bridged. `round` writes each coordinate
 * (`px` in files; the page draws them as they are). "" when no value is known.
 */
export function linePath(
  values: readonly (number | null)[],
  x: (index: number) => number,
  y: (value: number) => number,
  round: (coordinate: number) => number = (c) => c,
): string {
  const segments: string[] = [];
  let open = false;
  values.forEach((v, i) => {
    if (v === null) {
      open = false;
      return;
    }
    segments.push(`${open ? "L" : "M"}${round(x(i))} ${round(y(v))}`);
    open = true;
  });
  return segments.join("");
}

/**
 * The drawing of one dot of a series, as data, so that the React charts and the SVG strings
 * of the reports draw the same shapes. A cross is stroked, every other shape filled.
 */
export type MarkerGeometry =
  | { readonly element: "circle"; readonly cx: number; readonly cy: number; readonly r: number }
  | {
      readonly element: "rect";
      readonly x: number;
      readonly y: number;
      readonly width: number;
      readonly height: number;
    }
  | { readonly element: "path"; readonly d: string; readonly stroked: boolean };

/**
 * The dot of `shape` centred on (x, y) with radius `r`. The diamond and the triangle are drawn
 * a little larger than the circle, so that all shapes look about the same size.
 */
export function markerGeometry(shape: Shape, x: number, y: number, r = 4): MarkerGeometry {
  switch (shape) {
    case "circle":
      return { element: "circle", cx: x, cy: y, r };
    case "square":
      return { element: "rect", x: x - r, y: y - r, width: 2 * r, height: 2 * r };
    case "diamond":
      return {
        element: "path",
        d: `M${px(x)} ${px(y - r * 1.3)}L${px(x + r * 1.3)} ${px(y)}L${px(x)} ${px(y + r * 1.3)}L${px(x - r * 1.3)} ${px(y)}Z`,
        stroked: false,
      };
    case "triangle":
      return {
        element: "path",
        d: `M${px(x)} ${px(y - r * 1.3)}L${px(x + r * 1.2)} ${px(y + r)}L${px(x - r * 1.2)} ${px(y + r)}Z`,
        stroked: false,
      };
    case "cross":
      return {
        element: "path",
        d: `M${px(x - r)} ${px(y - r)}L${px(x + r)} ${px(y + r)}M${px(x - r)} ${px(y + r)}L${px(x + r)} ${px(y - r)}`,
        stroked: true,
      };
  }
}

/** The width of the stroke that draws a cross. */
export const CROSS_STROKE = 2.5;

/** A dot as SVG markup, with an optional tooltip (`title`, escaped here). */
export function markerSvg(
  shape: Shape,
  x: number,
  y: number,
  colour: string,
  r = 4,
  title?: string,
): string {
  const g = markerGeometry(shape, x, y, r);
  const inner = title === undefined ? "" : `<title>${xmlText(title)}</title>`;
  const close = inner === "" ? "/>" : `>${inner}</${g.element}>`;
  switch (g.element) {
    case "circle":
      return `<circle cx="${px(g.cx)}" cy="${px(g.cy)}" r="${g.r}" fill="${colour}"${close}`;
    case "rect":
      return `<rect x="${px(g.x)}" y="${px(g.y)}" width="${px(g.width)}" height="${px(g.height)}" fill="${colour}"${close}`;
    case "path":
      return g.stroked
        ? `<path d="${g.d}" fill="none" stroke="${colour}" stroke-width="${CROSS_STROKE}"${close}`
        : `<path d="${g.d}" fill="${colour}"${close}`;
  }
}

/**
 * The title of a value axis or legend: the indicator with its unit, "SGB-II-Quote in %".
 * A unit that reads as a relation ("je 1.000 Einwohner") follows without "in".
 */
export function axisTitle(label: string, unit: string): string {
  const u = unit.trim();
  if (u === "") return label;
  return /^(je|pro)\b/i.test(u) ? `${label} ${u}` : `${label} in ${u}`;
}

/** German "1 Gebiet" / "3 Gebiete". */
export function countText(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Names in German enumeration: "A", "A und B", "A, B und C". */
export function listText(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} und ${names[names.length - 1]!}`;
}

/** What every figure function returns. */
export interface Figure {
  /** A standalone SVG document. */
  readonly svg: string;
  /** Its size in user units; a report scales it to the column width. */
  readonly width: number;
  readonly height: number;
  /** One German sentence for readers who cannot see the figure. */
  readonly alt: string;
}

/**
 * A standalone SVG document around `body`: the namespace, its size in user units (which a
 * report scales to the column width), a white background, the figure's `title` as its
 * accessible name and `alt` as its description. There is no XML declaration, so the same
 * text can be written to a file or placed into an HTML page as it is.
 */
export function svgDocument(parts: {
  readonly width: number;
  readonly height: number;
  readonly title: string;
  readonly alt: string;
  readonly body: string;
}): string {
  const { width, height } = parts;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" ${FONT_ATTRIBUTE}>`,
    `<title>${xmlText(parts.title)}</title>`,
    `<desc>${xmlText(parts.alt)}</desc>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    parts.body,
    `</svg>`,
  ].join("\n");
}
