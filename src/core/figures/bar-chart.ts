/**
 * Areas compared on one indicator for a report: one horizontal bar per area in the order
 * given, the area's name on the left and its value at the bar's end, and the city's value
 * as a dashed vertical line. A value that is withheld or missing is printed as "." without a
 * bar, the symbol German statistical tables use for both.
 */
import { formatNumber, formatValue } from "../reports/format.ts";
import { niceTicks } from "../statistics/scale.ts";
import {
  AXIS,
  axisTitle,
  countText,
  type Figure,
  GRID,
  INK,
  linear,
  px,
  svgDocument,
  tickDecimals,
} from "./axes.ts";
import { CITY_COLOUR, NEUTRAL_COLOUR, SERIES_COLOURS } from "./chart-colours.ts";
import { fitText, textWidth, xmlText } from "./svg-text.ts";

export interface BarRow {
  readonly name: string;
  /** `null` for a missing or withheld value: printed as "." without a bar. */
  readonly value: number | null;
  /** Withheld by disclosure control (only the description tells it from missing). */
  readonly withheld?: boolean;
  /** Drawn in the highlight colour, e.g. the areas a report section is about. */
  readonly highlight?: boolean;
}

export interface BarChartInput {
  /** In the order they are drawn, top to bottom. */
  readonly rows: readonly BarRow[];
  readonly label: string;
  readonly unit: string;
  readonly decimals: number;
  /** The period as the report writes it, for the title and description. */
  readonly period?: string;
  /** The kind of area in the singular, "Stadtteil"; "Gebiet" by default. */
  readonly level?: string;
  /** The city's value, drawn as a line labelled "Stadt: 10,3 %" (or the given name). */
  readonly reference?: { readonly name?: string; readonly value: number } | null;
  /** The figure's title (its accessible name); by default indicator, period and level. */
  readonly title?: string;
}

// 640 units printed 16 cm wide: a unit is 0.71 pt, the 13-unit text 9.2 pt.
const W = 640;
const FONT = 13;
const ROW = 22;
const BAR = 14;
/** Text drawn over a white outline, readable where it crosses the city's line or a grid line. */
const HALO = ` fill="${INK}" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"`;
/** The name column takes at most this share of the width; longer names are cut. */
const MAX_NAME_SHARE = 0.36;

/** The bar chart as a standalone SVG document with its size and a German description. */
export function barChartSvg(input: BarChartInput): Figure {
  const { label, unit, decimals } = input;
  const rows = input.rows.map((r) => ({
    ...r,
    // A withheld value is never drawn, even when the caller passed the number along.
    value: r.withheld === true || r.value === null || !Number.isFinite(r.value) ? null : r.value,
  }));
  const reference = input.reference ?? null;
  const refText =
    reference === null
      ? ""
      : `${reference.name ?? "Stadt"}: ${formatValue(reference.value, unit, decimals)}`;
  const values = rows.flatMap((r) => (r.value === null ? [] : [r.value]));
  const domain = reference === null ? values : [...values, reference.value];
  const ticks =
    domain.length === 0
      ? niceTicks(0, 1, 4)
      : niceTicks(Math.min(0, ...domain), Math.max(0, ...domain), 5);
  const d = tickDecimals(ticks);

  const valueText = rows.map((r) => (r.value === null ? "." : formatNumber(r.value, decimals)));
  const valueWidth = Math.max(0, ...valueText.map((t) => textWidth(t, FONT)));
  const nameWidth = Math.min(
    W * MAX_NAME_SHARE,
    Math.max(40, ...rows.map((r) => textWidth(r.name, FONT))),
  );
  const names = rows.map((r) => fitText(r.name, nameWidth, FONT));
  const plotLeft = Math.ceil(nameWidth + 12);
  // Room for the value beside the bar's end: on the right, and on the left for negative bars.
  const negative = values.some((v) => v < 0);
  const x0 = plotLeft + (negative ? valueWidth + 6 : 0);
  const x1 = W - valueWidth - 10;
  const x = linear([ticks[0]!, ticks[ticks.length - 1]!], [x0, x1]);
  const zero = x(Math.min(Math.max(0, ticks[0]!), ticks[ticks.length - 1]!));

  const top = reference === null ? 8 : 30;
  const bottom = top + rows.length * ROW;
  const parts: string[] = [];
  ticks.forEach((t) => {
    const tx = px(x(t));
    parts.push(
      `<line x1="${tx}" x2="${tx}" y1="${top}" y2="${bottom}" stroke="${GRID}" stroke-width="1"/>`,
      `<text x="${tx}" y="${bottom + 18}" text-anchor="middle" font-size="${FONT}" fill="${INK}">${xmlText(formatNumber(t, d))}</text>`,
    );
  });
  parts.push(
    `<line x1="${px(zero)}" x2="${px(zero)}" y1="${top}" y2="${bottom}" stroke="${AXIS}" stroke-width="1"/>`,
  );

  // Bars first, then the city's line over them, then the values. A value whose text would
  // sit on the line is moved to the line's far side, and every value has a white halo where
  // it crosses a grid line.
  const rx = reference === null ? null : x(reference.value);
  const labels: string[] = [];
  const placeValue = (text: string, at: number, toLeft: boolean, textY: number) => {
    const w = textWidth(text, FONT);
    let from = toLeft ? at - 5 - w : at + 5;
    if (rx !== null && from < rx + 4 && from + w > rx - 4) from = toLeft ? rx - 5 - w : rx + 5;
    labels.push(
      `<text x="${px(from)}" y="${textY}" font-size="${FONT}"${HALO}>${xmlText(text)}</text>`,
    );
  };
  rows.forEach((r, i) => {
    const y = top + i * ROW;
    const textY = px(y + ROW / 2 + FONT * 0.35);
    parts.push(
      `<text x="${plotLeft - 8}" y="${textY}" text-anchor="end" font-size="${FONT}" fill="${INK}">${xmlText(names[i]!)}</text>`,
    );
    if (r.value === null) {
      placeValue(".", zero, false, textY);
      return;
    }
    const end = x(r.value);
    const fill = r.highlight ? SERIES_COLOURS[1] : NEUTRAL_COLOUR;
    const tip = `${r.name}: ${formatValue(r.value, unit, decimals)}`;
    parts.push(
      `<rect x="${px(Math.min(zero, end))}" y="${px(y + (ROW - BAR) / 2)}" width="${px(Math.max(1, Math.abs(end - zero)))}" height="${BAR}" fill="${fill}"><title>${xmlText(tip)}</title></rect>`,
    );
    placeValue(valueText[i]!, end, r.value < 0, textY);
  });

  if (reference !== null && rx !== null) {
    // The label is centred over the line but kept inside the drawing.
    const half = textWidth(refText, FONT) / 2;
    const cx = Math.min(Math.max(rx, half + 2), W - half - 2);
    parts.push(
      `<line x1="${px(rx)}" x2="${px(rx)}" y1="${top - 8}" y2="${bottom}" stroke="${CITY_COLOUR}" stroke-width="2" stroke-dasharray="6 4"/>`,
      `<text x="${px(cx)}" y="${top - 13}" text-anchor="middle" font-size="${FONT}" font-weight="bold" fill="${INK}">${xmlText(refText)}</text>`,
    );
  }
  parts.push(...labels);

  let y = bottom + 40;
  parts.push(
    `<text x="${px((x0 + x1) / 2)}" y="${y}" text-anchor="middle" font-size="${FONT}" fill="${INK}">${xmlText(fitText(axisTitle(label, unit), W - 8, FONT))}</text>`,
  );
  const gaps = rows.filter((r) => r.value === null).length;
  if (gaps > 0) {
    y += 22;
    parts.push(
      `<text x="${plotLeft - 8}" y="${y}" text-anchor="end" font-size="${FONT}" fill="${INK}">.</text>`,
      `<text x="${plotLeft}" y="${y}" font-size="${FONT}" fill="${INK}">Zahlenwert unbekannt oder geheim zu halten</text>`,
    );
  }
  const height = y + 10;

  const level = input.level ?? "Gebiet";
  const period = input.period === undefined ? "" : ` ${input.period}`;
  const title = input.title ?? `${label}${period} nach ${level}`;
  const alt = describe(input, rows, refText, `${label}${period}`);
  return {
    svg: svgDocument({ width: W, height, title, alt, body: parts.join("\n") }),
    width: W,
    height,
    alt,
  };
}

/**
 * "Balkendiagramm: SGB-II-Quote 2021 für 12 Gebiete von 3,2 % (Altstadt) bis 21,9 %
 * (Neustadt); Stadt: 10,3 %; 1 Wert geheim gehalten."
 */
function describe(
  input: BarChartInput,
  rows: readonly {
    readonly name: string;
    readonly value: number | null;
    readonly withheld?: boolean;
  }[],
  refText: string,
  what: string,
): string {
  const { unit, decimals } = input;
  const shown = rows.filter((r): r is { name: string; value: number } => r.value !== null);
  const areas = countText(rows.length, "Gebiet", "Gebiete");
  const parts = [`Balkendiagramm: ${what} für ${areas}`];
  if (shown.length > 0) {
    const at = (pick: (a: number, b: number) => boolean) =>
      shown.reduce((best, r) => (pick(r.value, best.value) ? r : best));
    const low = at((a, b) => a < b);
    const high = at((a, b) => a > b);
    parts[0] +=
      low === high
        ? ` mit ${formatValue(low.value, unit, decimals)} (${low.name})`
        : ` von ${formatValue(low.value, unit, decimals)} (${low.name}) bis ${formatValue(high.value, unit, decimals)} (${high.name})`;
  }
  if (refText !== "") parts.push(refText);
  const withheld = rows.filter((r) => r.value === null && r.withheld === true).length;
  const missing = rows.filter((r) => r.value === null && r.withheld !== true).length;
  if (withheld > 0) parts.push(`${countText(withheld, "Wert", "Werte")} geheim gehalten`);
  if (missing > 0) parts.push(`${countText(missing, "Wert fehlt", "Werte fehlen")}`);
  return `${parts.join("; ")}.`;
}
