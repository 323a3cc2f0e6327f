/**
 * Two indicators against each other across the areas of one level: each dot an area, named
 * where there is room (every area when they are few; otherwise the chosen ones and those that
 * stand out most), the city as a black cross. Areas lacking either value are left out and
 * counted under the chart.
 */
import { niceTicks } from "@core/statistics/scale.ts";
import { formatNumber } from "../../lib/format.ts";
import { Dot, FONT_SIZE, INK, linear, shorten, ValueAxisX, ValueAxisY } from "./axes.tsx";
import { CITY_COLOUR, NEUTRAL_COLOUR, SERIES_COLOURS } from "./chart-colours.ts";

export interface ScatterPoint {
  readonly code: string;
  readonly name: string;
  readonly x: number;
  readonly y: number;
}

const W = 640;
const LEFT = 64;
const RIGHT = 24;
const TOP = 16;
const PLOT = 320;
/** Up to this many areas every dot is named. */
const NAME_ALL = 20;
/** Otherwise the areas farthest from the middle (in standard deviations) are named. */
const NAME_OUTLIERS = 8;

/**
 * The points to name, most important first: the chosen areas, then the others by how far they
 * lie from the middle (in standard deviations on both axes); all of them when they are few,
 * else the most outlying `NAME_OUTLIERS`.
 */
export function pointsToName(
  points: readonly ScatterPoint[],
  chosen: ReadonlySet<string>,
): ScatterPoint[] {
  const stats = (vs: number[]) => {
    const m = vs.reduce((a, b) => a + b, 0) / vs.length;
    const sd = Math.sqrt(vs.reduce((a, b) => a + (b - m) ** 2, 0) / vs.length) || 1;
    return { m, sd };
  };
  const sx = stats(points.map((p) => p.x));
  const sy = stats(points.map((p) => p.y));
  const byDistance = points
    .filter((p) => !chosen.has(p.code))
    .map((p) => ({ p, d: Math.hypot((p.x - sx.m) / sx.sd, (p.y - sy.m) / sy.sd) }))
    .sort((a, b) => b.d - a.d)
    .map((e) => e.p);
  const first = points.filter((p) => chosen.has(p.code));
  return [
    ...first,
    ...(points.length <= NAME_ALL ? byDistance : byDistance.slice(0, NAME_OUTLIERS)),
  ];
}

/** Rough width of a label in user units (11 px sans-serif). */
const labelWidth = (text: string) => text.length * 6.2 + 4;

/**
 * Places labels right of their dot, else left, and leaves out a label that would overlap one
 * already placed or the city's (the name is still in the dot's tooltip and in the table).
 * Chosen areas and the most outlying come first, as `pointsToName` ordered them.
 */
function placeLabels(
  points: readonly ScatterPoint[],
  x: (v: number) => number,
  y: (v: number) => number,
  city: { readonly x: number; readonly y: number } | null,
): { p: ScatterPoint; lx: number; ly: number; anchor: "start" | "end" }[] {
  type Box = { x0: number; x1: number; y0: number; y1: number };
  const taken: Box[] = city
    ? [{ x0: city.x - 8, x1: city.x + 90, y0: city.y - 8, y1: city.y + 18 }]
    : [];
  const free = (b: Box) =>
    b.x0 >= 0 &&
    b.x1 <= W &&
    taken.every((t) => b.x1 < t.x0 || b.x0 > t.x1 || b.y1 < t.y0 || b.y0 > t.y1);
  const out: { p: ScatterPoint; lx: number; ly: number; anchor: "start" | "end" }[] = [];
  for (const p of points) {
    const px = x(p.x);
    const py = y(p.y);
    const w = labelWidth(shorten(p.name, 24));
    const ly = py - 5;
    const right: Box = { x0: px + 6, x1: px + 6 + w, y0: ly - 10, y1: ly + 2 };
    const left: Box = { x0: px - 6 - w, x1: px - 6, y0: ly - 10, y1: ly + 2 };
    if (free(right)) {
      taken.push(right);
      out.push({ p, lx: px + 7, ly, anchor: "start" });
    } else if (free(left)) {
      taken.push(left);
      out.push({ p, lx: px - 7, ly, anchor: "end" });
    }
  }
  return out;
}

export function ScatterChart(props: {
  readonly points: readonly ScatterPoint[];
  readonly city: { readonly name: string; readonly x: number; readonly y: number } | null;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xDecimals: number;
  readonly yDecimals: number;
  readonly chosen: ReadonlySet<string>;
  readonly locale: string;
  readonly label: string;
}) {
  const xs = props.points.map((p) => p.x);
  const ys = props.points.map((p) => p.y);
  if (props.city) {
    xs.push(props.city.x);
    ys.push(props.city.y);
  }
  const xTicks = niceTicks(Math.min(...xs), Math.max(...xs), 6);
  const yTicks = niceTicks(Math.min(...ys), Math.max(...ys), 5);
  const x = linear([xTicks[0]!, xTicks.at(-1)!], [LEFT, W - RIGHT]);
  const y = linear([yTicks[0]!, yTicks.at(-1)!], [TOP + PLOT, TOP]);
  const named = pointsToName(props.points, props.chosen);
  const height = TOP + PLOT + 44;
  const fmt = (p: ScatterPoint) =>
    `${p.name}: ${formatNumber(props.locale, p.x, props.xDecimals)} / ${formatNumber(props.locale, p.y, props.yDecimals)}`;
  return (
    <svg viewBox={`0 0 ${W} ${height}`} role="img" aria-label={props.label} className="chart">
      <ValueAxisY ticks={yTicks} y={y} x0={LEFT} x1={W - RIGHT} locale={props.locale} />
      <ValueAxisX ticks={xTicks} x={x} y0={TOP} y1={TOP + PLOT} locale={props.locale} />
      <text
        x={(LEFT + W - RIGHT) / 2}
        y={height - 4}
        textAnchor="middle"
        fontSize={FONT_SIZE}
        fill={INK}
      >
        {props.xLabel}
      </text>
      <text
        x={12}
        y={TOP + PLOT / 2}
        transform={`rotate(-90 12 ${TOP + PLOT / 2})`}
        textAnchor="middle"
        fontSize={FONT_SIZE}
        fill={INK}
      >
        {props.yLabel}
      </text>
      {props.points.map((p) => (
        <Dot
          key={p.code}
          shape="circle"
          x={x(p.x)}
          y={y(p.y)}
          r={props.chosen.has(p.code) ? 5 : 3.5}
          colour={props.chosen.has(p.code) ? SERIES_COLOURS[1] : NEUTRAL_COLOUR}
        >
          <title>{fmt(p)}</title>
        </Dot>
      ))}
      {placeLabels(named, x, y, props.city ? { x: x(props.city.x), y: y(props.city.y) } : null).map(
        ({ p, lx, ly, anchor }) => (
          <text
            key={`label-${p.code}`}
            x={lx}
            y={ly}
            textAnchor={anchor}
            fontSize={FONT_SIZE - 1}
            fill={INK}
            stroke="#ffffff"
            strokeWidth={3}
            paintOrder="stroke"
          >
            {shorten(p.name, 24)}
          </text>
        ),
      )}
      {props.city && (
        <g>
          <Dot shape="cross" x={x(props.city.x)} y={y(props.city.y)} r={6} colour={CITY_COLOUR}>
            <title>{props.city.name}</title>
          </Dot>
          <text
            x={x(props.city.x) + 9}
            y={y(props.city.y) + 15}
            fontSize={FONT_SIZE}
            fontWeight="bold"
            fill={INK}
            stroke="#ffffff"
            strokeWidth={3}
            paintOrder="stroke"
          >
            {props.city.name}
          </text>
        </g>
      )}
    </svg>
  );
}
