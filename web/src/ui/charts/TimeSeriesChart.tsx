/**
 * A time series: one line per area over the periods, the city as a dashed black line. Gaps
 * (withheld or missing values) stay gaps: the line is broken there, never drawn across.
 */
import { linePath } from "@core/figures/axes.ts";
import { niceTicks } from "@core/statistics/scale.ts";
import { Dot, FONT_SIZE, INK, linear, shorten, ValueAxisY } from "./axes.tsx";
import type { Shape } from "./chart-colours.ts";

export interface Series {
  readonly name: string;
  readonly colour: string;
  readonly shape: Shape;
  readonly dashed?: boolean;
  /** One value per period, null where there is none. */
  readonly values: readonly (number | null)[];
}

const W = 640;
const LEFT = 56;
// Room for half of the last period label ("2026-10") beyond the last point.
const RIGHT = 30;
const TOP = 12;
const PLOT = 240;

export function TimeSeriesChart(props: {
  readonly periods: readonly string[];
  readonly series: readonly Series[];
  readonly label: string;
  readonly locale: string;
}) {
  const known = props.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const ticks = niceTicks(Math.min(0, ...known), Math.max(...known, 0), 5);
  const y = linear([ticks[0]!, ticks.at(-1)!], [TOP + PLOT, TOP]);
  const n = props.periods.length;
  const x = (i: number) =>
    n <= 1 ? (LEFT + W - RIGHT) / 2 : LEFT + (i * (W - LEFT - RIGHT - 10)) / (n - 1) + 5;
  // Every period label when they fit, otherwise every k-th.
  const every = Math.max(1, Math.ceil(n / 10));
  const legendTop = TOP + PLOT + 34;
  const columns = 2;
  const height = legendTop + Math.ceil(props.series.length / columns) * 20 + 4;
  return (
    <svg viewBox={`0 0 ${W} ${height}`} role="img" aria-label={props.label} className="chart">
      <ValueAxisY ticks={ticks} y={y} x0={LEFT} x1={W - RIGHT} locale={props.locale} />
      {props.periods.map((p, i) =>
        // The last label always; a regular one only when it keeps clear of the last.
        (i % every === 0 && n - 1 - i >= every) || i === n - 1 ? (
          <text
            key={p}
            x={x(i)}
            y={TOP + PLOT + 18}
            textAnchor="middle"
            fontSize={FONT_SIZE}
            fill={INK}
          >
            {p}
          </text>
        ) : null,
      )}
      {props.series.map((s) => {
        return (
          <g key={s.name}>
            <path
              d={linePath(s.values, x, y)}
              fill="none"
              stroke={s.colour}
              strokeWidth={2}
              strokeDasharray={s.dashed ? "6 4" : undefined}
            />
            {s.values.map((v, i) =>
              v === null ? null : (
                <Dot key={i} shape={s.shape} x={x(i)} y={y(v)} colour={s.colour}>
                  <title>{`${s.name}, ${props.periods[i] ?? ""}`}</title>
                </Dot>
              ),
            )}
          </g>
        );
      })}
      {props.series.map((s, i) => {
        const lx = LEFT + (i % columns) * 290;
        const ly = legendTop + Math.floor(i / columns) * 20;
        return (
          <g key={s.name}>
            <line
              x1={lx}
              x2={lx + 28}
              y1={ly}
              y2={ly}
              stroke={s.colour}
              strokeWidth={2}
              strokeDasharray={s.dashed ? "6 4" : undefined}
            />
            <Dot shape={s.shape} x={lx + 14} y={ly} colour={s.colour} />
            <text x={lx + 36} y={ly + 4} fontSize={FONT_SIZE} fill={INK}>
              {shorten(s.name, 36)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
