/**
 * A time series for a report: periods along the x axis, one line per series, gaps where a
 * value is missing or withheld (the line is broken there, never drawn across), round y ticks
 * in German, and the legend below. The colours and dot shapes are those of the web app's
 * charts, so that series keep apart without colour too (shape, and a dashed line for the city).
 */
import { formatNumber, formatValue } from "../format/number.ts";
import { niceTicks } from "../statistics/scale.ts";
import {
  AXIS,
  axisTitle,
  type Figure,
  GRID,
  INK,
  linear,
  linePath,
  listText,
  markerSvg,
  px,
  svgDocument,
  tickDecimals,
} from "./axes.ts";
import { SERIES_COLOURS, SERIES_SHAPES, type Shape } from "./chart-colours.ts";
import { fitText, textWidth, xmlText } from "./svg-text.ts";

export interface LineSeries {
  readonly name: string;
  /** One value per period, `null` where there is none (missing or withheld): a gap. */
  readonly values: readonly (number | null)[];
  /** By default the series colours in order (Okabe–Ito); the city is usually `CITY_COLOUR`. */
  readonly colour?: string;
  readonly dashed?: boolean;
  /** By default the series shapes in order; "none" draws the line only. */
  readonly marker?: Shape | "none";
}

export interface LineChartInput {
  /** The x labels in order, as they are printed: "2021", "2021-H1", "Okt. 2026". */
  readonly periods: readonly string[];
  readonly series: readonly LineSeries[];
  /** The indicator; with the unit it is the title of the y axis. */
  readonly label: string;
  readonly unit: string;
  /** The decimals of the indicator, for the values in the description and the tooltips. */
  readonly decimals: number;
  /** The figure's title (its accessible name); by default the indicator and the periods. */
  readonly title?: string;
  /**
   * An interval per period (a 95 % confidence interval), shaded behind the lines and named in
   * the legend; a period without both ends leaves a gap in the band.
   */
  readonly band?: {
    readonly name: string;
    readonly low: readonly (number | null)[];
    readonly high: readonly (number | null)[];
  };
}

/** The band's fill: a light grey-blue that every line stays readable on. */
const BAND_FILL = "#c6d4e1";

// 640 units printed 16 cm wide: a unit is 0.71 pt, the 13-unit text 9.2 pt.
const W = 640;
const FONT = 13;
const TOP = 34;
const PLOT = 250;
const LEGEND_ROW = 22;
const R = 4;

/**
 * The line chart as a standalone SVG document with its size and a German description.
 * Throws a `RangeError` when a series has not one value per period (a programming error).
 */
export function lineChartSvg(input: LineChartInput): Figure {
  const { periods, label, unit, decimals } = input;
  const n = periods.length;
  input.series.forEach((s) => {
    if (s.values.length !== n) {
      throw new RangeError(
        `lineChartSvg: series "${s.name}" has ${s.values.length} values for ${n} periods`,
      );
    }
  });
  const series = input.series.map((s, i) => ({
    name: s.name,
    values: s.values.map((v) => (v === null || !Number.isFinite(v) ? null : v)),
    colour: s.colour ?? SERIES_COLOURS[i % SERIES_COLOURS.length]!,
    dashed: s.dashed ?? false,
    marker: s.marker ?? SERIES_SHAPES[i % SERIES_SHAPES.length]!,
  }));
  const band = input.band;
  if (band && (band.low.length !== n || band.high.length !== n)) {
    throw new RangeError(`lineChartSvg: band "${band.name}" has not one interval per period`);
  }
  const isKnown = (v: number | null): v is number => v !== null && Number.isFinite(v);
  const known = [
    ...series.flatMap((s) => s.values.filter(isKnown)),
    ...(band ? [...band.low.filter(isKnown), ...band.high.filter(isKnown)] : []),
  ];

  // The axis starts at zero for positive data, so that lines do not exaggerate a change.
  const ticks =
    known.length === 0
      ? niceTicks(0, 1, 5)
      : niceTicks(Math.min(0, ...known), Math.max(0, ...known), 5);
  const d = tickDecimals(ticks);
  const tickText = ticks.map((t) => formatNumber(t, d));
  const left = Math.ceil(Math.max(...tickText.map((t) => textWidth(t, FONT))) + 14);

  // Room on the right for half the last period's label, so it stays inside the drawing.
  const labelWidths = periods.map((p) => textWidth(p, FONT));
  const right = Math.ceil(Math.max(16, (labelWidths[n - 1] ?? 0) / 2 + 6));
  const x0 = left + 8;
  const x1 = W - right;
  const x = (i: number) => (n <= 1 ? (x0 + x1) / 2 : x0 + (i * (x1 - x0)) / (n - 1));
  const y = linear([ticks[0]!, ticks[ticks.length - 1]!], [TOP + PLOT, TOP]);
  const bottom = TOP + PLOT;

  const parts: string[] = [];
  parts.push(
    `<text x="${left - 8}" y="${TOP - 16}" font-size="${FONT}" font-weight="bold" fill="${INK}">${xmlText(fitText(axisTitle(label, unit), W - left, FONT))}</text>`,
  );
  ticks.forEach((t, i) => {
    const ty = px(y(t));
    parts.push(
      `<line x1="${left}" x2="${x1}" y1="${ty}" y2="${ty}" stroke="${i === 0 ? AXIS : GRID}" stroke-width="1"/>`,
      `<text x="${left - 6}" y="${px(ty + FONT * 0.35)}" text-anchor="end" font-size="${FONT}" fill="${INK}">${xmlText(tickText[i]!)}</text>`,
    );
  });

  // Every label when they fit, otherwise every k-th, and the last always. A label is centred
  // on its period but never reaches past either edge of the drawing; a regular label that
  // would touch the last one (moved left to stay inside) is left out.
  const widest = Math.max(0, ...labelWidths);
  const spacing = n <= 1 ? Infinity : (x1 - x0) / (n - 1);
  const every = Math.max(1, Math.ceil((widest + 10) / spacing));
  const centre = (i: number) => {
    const half = labelWidths[i]! / 2;
    return Math.min(Math.max(x(i), half + 2), W - half - 2);
  };
  const lastLeft = n === 0 ? Infinity : centre(n - 1) - labelWidths[n - 1]! / 2;
  periods.forEach((p, i) => {
    const last = i === n - 1;
    if (!last && (i % every !== 0 || centre(i) + labelWidths[i]! / 2 + 10 > lastLeft)) return;
    parts.push(
      `<line x1="${px(x(i))}" x2="${px(x(i))}" y1="${bottom}" y2="${bottom + 5}" stroke="${AXIS}" stroke-width="1"/>`,
      `<text x="${px(centre(i))}" y="${bottom + 20}" text-anchor="middle" font-size="${FONT}" fill="${INK}">${xmlText(p)}</text>`,
    );
  });

  if (band) parts.push(bandSvg(band, x, y));
  for (const s of series) {
    const dash = s.dashed ? ` stroke-dasharray="7 4"` : "";
    const points = s.values.map((v, i) => {
      if (v === null) return "";
      const tip = `${s.name}, ${periods[i] ?? ""}: ${formatValue(v, unit, decimals)}`;
      // A point between two gaps has no line: without a marker of its own it would vanish.
      const alone = (s.values[i - 1] ?? null) === null && (s.values[i + 1] ?? null) === null;
      const shape: Shape | null = s.marker === "none" ? (alone ? "circle" : null) : s.marker;
      return shape === null ? "" : markerSvg(shape, x(i), y(v), s.colour, R, tip);
    });
    parts.push(
      `<g><path d="${linePath(s.values, x, y, px)}" fill="none" stroke="${s.colour}" stroke-width="2.5" stroke-linejoin="round"${dash}/>${points.join("")}</g>`,
    );
  }

  // The legend below the plot, entries side by side, wrapping onto further rows.
  const legendTop = bottom + 46;
  let lx = left;
  let row = 0;
  const legend: string[] = [];
  const entries = band ? [{ name: band.name, band: true as const }, ...series] : series;
  for (const s of entries) {
    const name = fitText(s.name, W - left - 44, FONT);
    const entry = 36 + textWidth(name, FONT) + 20;
    if (lx > left && lx + entry > W) {
      row++;
      lx = left;
    }
    const ly = legendTop + row * LEGEND_ROW;
    if ("band" in s) {
      legend.push(
        `<rect x="${lx}" y="${ly - 6}" width="28" height="12" fill="${BAND_FILL}" stroke="${AXIS}" stroke-width="0.5"/>`,
        `<text x="${lx + 36}" y="${px(ly + FONT * 0.35)}" font-size="${FONT}" fill="${INK}">${xmlText(name)}</text>`,
      );
      lx += entry;
      continue;
    }
    const dash = s.dashed ? ` stroke-dasharray="7 4"` : "";
    legend.push(
      `<line x1="${lx}" x2="${lx + 28}" y1="${ly}" y2="${ly}" stroke="${s.colour}" stroke-width="2.5"${dash}/>`,
      s.marker === "none" ? "" : markerSvg(s.marker, lx + 14, ly, s.colour, R),
      `<text x="${lx + 36}" y="${px(ly + FONT * 0.35)}" font-size="${FONT}" fill="${INK}">${xmlText(name)}</text>`,
    );
    lx += entry;
  }
  parts.push(`<g>${legend.join("")}</g>`);
  const height = Math.ceil(legendTop + (entries.length === 0 ? 0 : row * LEGEND_ROW) + 14);

  const span = n === 0 ? "" : n === 1 ? periods[0]! : `${periods[0]!} bis ${periods[n - 1]!}`;
  const title = input.title ?? `${label}${span === "" ? "" : `, ${span}`}`;
  const alt = describe(input, series, span);
  return {
    svg: svgDocument({ width: W, height, title, alt, body: parts.join("\n") }),
    width: W,
    height,
    alt,
  };
}

/** The band as filled polygons, one per run of periods with both ends known. */
function bandSvg(
  band: NonNullable<LineChartInput["band"]>,
  x: (i: number) => number,
  y: (v: number) => number,
): string {
  const runs: number[][] = [];
  let run: number[] = [];
  band.low.forEach((low, i) => {
    const high = band.high[i] ?? null;
    if (low !== null && high !== null && Number.isFinite(low) && Number.isFinite(high)) {
      run.push(i);
    } else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  });
  if (run.length > 0) runs.push(run);
  const shapes = runs.map((r) => {
    // A single period is drawn as a short bar, so that its interval does not vanish.
    const idx = r.length === 1 ? [r[0]!, r[0]!] : r;
    const dx = r.length === 1 ? 4 : 0;
    const top = idx.map((i, k) => `${px(x(i) + (k === 0 ? -dx : dx))},${px(y(band.high[i]!))}`);
    const bottom = [...idx]
      .reverse()
      .map((i, k) => `${px(x(i) + (k === 0 ? dx : -dx))},${px(y(band.low[i]!))}`);
    return `<polygon points="${[...top, ...bottom].join(" ")}" fill="${BAND_FILL}" fill-opacity="0.8" stroke="none"/>`;
  });
  return `<g>${shapes.join("")}</g>`;
}

/**
 * "Liniendiagramm: SGB-II-Quote in % von 2015 bis 2021 für Stadt und Neustadt; zuletzt
 * (2021) höchster Wert Neustadt mit 21,9 %."
 */
function describe(
  input: LineChartInput,
  series: readonly { readonly name: string; readonly values: readonly (number | null)[] }[],
  span: string,
): string {
  const what = axisTitle(input.label, input.unit);
  const names =
    series.length <= 5 ? listText(series.map((s) => s.name)) : `${series.length} Reihen`;
  const head = `Liniendiagramm: ${what}${span === "" ? "" : ` ${span.includes(" bis ") ? "von " : ""}${span}`}${names === "" ? "" : ` für ${names}`}`;
  // The last period in which any series has a value, and who is highest there.
  let last = -1;
  for (let i = input.periods.length - 1; i >= 0 && last < 0; i--) {
    if (series.some((s) => s.values[i] !== null)) last = i;
  }
  if (last < 0) return `${head}: keine Werte.`;
  const at = series
    .filter((s) => s.values[last] !== null)
    .map((s) => ({
      name: s.name,
      shown: formatValue(s.values[last]!, input.unit, input.decimals),
      v: s.values[last]!,
    }));
  const max = Math.max(...at.map((a) => a.v));
  const top = at.filter(
    (a) =>
      formatValue(a.v, input.unit, input.decimals) === formatValue(max, input.unit, input.decimals),
  );
  const gaps = series.some((s) => s.values.some((v) => v === null));
  const latest =
    at.length === 1
      ? `zuletzt (${input.periods[last]!}) ${at[0]!.shown}`
      : `zuletzt (${input.periods[last]!}) höchster Wert ${listText(top.map((a) => a.name))} mit ${top[0]!.shown}`;
  return `${head}; ${latest}${gaps ? "; Lücken stehen für fehlende oder geheim gehaltene Werte" : ""}.`;
}
