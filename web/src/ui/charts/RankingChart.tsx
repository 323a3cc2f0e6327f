/**
 * A ranking: areas as horizontal bars, highest value first, with the city value as a dashed
 * line. Long lists show the first and the last `edge` areas and say how many lie between; the
 * whole list is in the table and its exports.
 */
import { niceTicks } from "@core/statistics/scale.ts";
import { formatNumber } from "../../lib/format.ts";
import { FONT_SIZE, INK, linear, shorten, ValueAxisX, ReferenceLine } from "./axes.tsx";
import { NEUTRAL_COLOUR, SERIES_COLOURS } from "./chart-colours.ts";

export interface RankedArea {
  readonly code: string;
  readonly name: string;
  readonly value: number;
}

const W = 640;
const NAME = 190;
const RIGHT = 56;
const ROW = 18;
const TOP = 8;

export function RankingChart(props: {
  /** Sorted, highest first. */
  readonly rows: readonly RankedArea[];
  readonly reference: { readonly name: string; readonly value: number } | null;
  readonly decimals: number;
  readonly locale: string;
  readonly label: string;
  /** Areas drawn in the highlight colour (those chosen for the time series). */
  readonly highlight: ReadonlySet<string>;
  /** With more rows than 2 × edge, only the first and last `edge` are drawn. */
  readonly edge?: number;
  /** "… {n} weitere Gebiete …" */
  readonly omittedText: (n: number) => string;
}) {
  const edge = props.edge ?? 20;
  const cut = props.rows.length > 2 * edge;
  const shown = cut
    ? [...props.rows.slice(0, edge), null, ...props.rows.slice(-edge)]
    : [...props.rows];
  const values = props.rows.map((r) => r.value);
  if (props.reference) values.push(props.reference.value);
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values), 5);
  const x = linear([ticks[0]!, ticks.at(-1)!], [NAME, W - RIGHT]);
  const plotBottom = TOP + shown.length * ROW;
  const height = plotBottom + 40;
  const zero = x(0);
  return (
    <svg viewBox={`0 0 ${W} ${height}`} role="img" aria-label={props.label} className="chart">
      <ValueAxisX ticks={ticks} x={x} y0={TOP} y1={plotBottom} locale={props.locale} />
      {shown.map((r, i) => {
        const y = TOP + i * ROW;
        if (r === null) {
          return (
            <text key="gap" x={NAME} y={y + 13} fontSize={FONT_SIZE} fill={INK} fontStyle="italic">
              {props.omittedText(props.rows.length - 2 * edge)}
            </text>
          );
        }
        const end = x(r.value);
        return (
          <g key={r.code}>
            <text x={NAME - 6} y={y + 13} textAnchor="end" fontSize={FONT_SIZE} fill={INK}>
              {shorten(r.name, 28)}
            </text>
            <rect
              x={Math.min(zero, end)}
              y={y + 3}
              width={Math.max(1, Math.abs(end - zero))}
              height={ROW - 6}
              fill={props.highlight.has(r.code) ? SERIES_COLOURS[1] : NEUTRAL_COLOUR}
            >
              <title>{`${r.name}: ${formatNumber(props.locale, r.value, props.decimals)}`}</title>
            </rect>
            <text x={Math.max(zero, end) + 4} y={y + 13} fontSize={FONT_SIZE - 1} fill={INK}>
              {formatNumber(props.locale, r.value, props.decimals)}
            </text>
          </g>
        );
      })}
      {props.reference && (
        <ReferenceLine
          x={x(props.reference.value)}
          top={TOP - 4}
          bottom={plotBottom}
          labelY={plotBottom + 34}
          label={`${props.reference.name}: ${formatNumber(props.locale, props.reference.value, props.decimals)}`}
        />
      )}
    </svg>
  );
}
