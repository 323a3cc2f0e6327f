/**
 * How the areas' values spread: a histogram with round bin edges (Sturges' number of bins,
 * see docs/methods/correlation.md) and the city value as a dashed line.
 */
import type { Bin } from "@core/statistics/scale.ts";
import { niceTicks } from "@core/statistics/scale.ts";
import { formatNumber } from "../../lib/format.ts";
import { FONT_SIZE, INK, linear, tickDecimals, ValueAxisY, ReferenceLine } from "./axes.tsx";
import { NEUTRAL_COLOUR } from "./chart-colours.ts";

const W = 640;
const LEFT = 56;
const RIGHT = 16;
const TOP = 12;
const PLOT = 200;

export function HistogramChart(props: {
  readonly bins: readonly Bin[];
  readonly reference: { readonly name: string; readonly value: number } | null;
  readonly locale: string;
  readonly label: string;
  /** The indicator's decimals, for the city value. */
  readonly decimals: number;
  /** "Anzahl Gebiete" */
  readonly countLabel: string;
  /** The tooltip of a bar: "10 bis unter 15: 4 Gebiete". */
  readonly binLabel: (from: string, to: string, count: number) => string;
}) {
  const { bins } = props;
  const first = bins[0]!.from;
  const last = bins.at(-1)!.to;
  const lo = Math.min(first, props.reference?.value ?? first);
  const hi = Math.max(last, props.reference?.value ?? last);
  const x = linear([lo, hi], [LEFT, W - RIGHT]);
  const yTicks = niceTicks(0, Math.max(1, ...bins.map((b) => b.count)), 4).filter((t) =>
    Number.isInteger(t),
  );
  const y = linear([0, yTicks.at(-1)!], [TOP + PLOT, TOP]);
  const edges = [first, ...bins.map((b) => b.to)];
  const d = tickDecimals(edges);
  const every = Math.max(1, Math.ceil(edges.length / 9));
  const height = TOP + PLOT + 60;
  return (
    <svg viewBox={`0 0 ${W} ${height}`} role="img" aria-label={props.label} className="chart">
      <ValueAxisY ticks={yTicks} y={y} x0={LEFT} x1={W - RIGHT} locale={props.locale} />
      <text
        x={14}
        y={TOP + PLOT / 2}
        transform={`rotate(-90 14 ${TOP + PLOT / 2})`}
        textAnchor="middle"
        fontSize={FONT_SIZE}
        fill={INK}
      >
        {props.countLabel}
      </text>
      {bins.map((b) => (
        <rect
          key={b.from}
          x={x(b.from) + 1}
          y={y(b.count)}
          width={Math.max(1, x(b.to) - x(b.from) - 2)}
          height={TOP + PLOT - y(b.count)}
          fill={NEUTRAL_COLOUR}
        >
          <title>
            {props.binLabel(
              formatNumber(props.locale, b.from, d),
              formatNumber(props.locale, b.to, d),
              b.count,
            )}
          </title>
        </rect>
      ))}
      {edges.map((e, i) =>
        i % every === 0 || i === edges.length - 1 ? (
          <text
            key={e}
            x={x(e)}
            y={TOP + PLOT + 16}
            textAnchor="middle"
            fontSize={FONT_SIZE}
            fill={INK}
          >
            {formatNumber(props.locale, e, d)}
          </text>
        ) : null,
      )}
      {props.reference && (
        <ReferenceLine
          x={x(props.reference.value)}
          top={TOP}
          bottom={TOP + PLOT}
          labelY={TOP + PLOT + 40}
          label={`${props.reference.name}: ${formatNumber(props.locale, props.reference.value, props.decimals)}`}
        />
      )}
    </svg>
  );
}
