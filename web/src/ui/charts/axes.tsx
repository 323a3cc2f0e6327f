/**
 * The parts every chart shares: linear scales, a value axis with grid lines and German tick
 * labels, and dot shapes. Drawn with presentation attributes only, so an exported SVG looks
 * like the page.
 */
import {
  CROSS_STROKE,
  GRID,
  INK,
  linear,
  markerGeometry,
  tickDecimals,
} from "@core/figures/axes.ts";
import type { Shape } from "@core/figures/chart-colours.ts";
import { formatNumber } from "../../lib/format.ts";
import { CITY_COLOUR } from "./chart-colours.ts";

// The scales, colours and dot shapes are shared with the report figures (src/core/figures),
// so the page and a printed report draw the same chart; they are offered here as before.
export { GRID, INK, linear, tickDecimals };
export const FONT_SIZE = 12;

/** Horizontal grid lines with labels on the left (a vertical value axis). */
export function ValueAxisY(props: {
  readonly ticks: readonly number[];
  readonly y: (v: number) => number;
  readonly x0: number;
  readonly x1: number;
  readonly locale: string;
}) {
  const d = tickDecimals(props.ticks);
  return (
    <g>
      {props.ticks.map((t) => (
        <g key={t}>
          <line x1={props.x0} x2={props.x1} y1={props.y(t)} y2={props.y(t)} stroke={GRID} />
          <text
            x={props.x0 - 6}
            y={props.y(t) + 4}
            textAnchor="end"
            fontSize={FONT_SIZE}
            fill={INK}
          >
            {formatNumber(props.locale, t, d)}
          </text>
        </g>
      ))}
    </g>
  );
}

/** Vertical grid lines with labels underneath (a horizontal value axis). */
export function ValueAxisX(props: {
  readonly ticks: readonly number[];
  readonly x: (v: number) => number;
  readonly y0: number;
  readonly y1: number;
  readonly locale: string;
}) {
  const d = tickDecimals(props.ticks);
  return (
    <g>
      {props.ticks.map((t) => (
        <g key={t}>
          <line x1={props.x(t)} x2={props.x(t)} y1={props.y0} y2={props.y1} stroke={GRID} />
          <text
            x={props.x(t)}
            y={props.y1 + 16}
            textAnchor="middle"
            fontSize={FONT_SIZE}
            fill={INK}
          >
            {formatNumber(props.locale, t, d)}
          </text>
        </g>
      ))}
    </g>
  );
}

/** A dot of a series; the shape tells series apart without colour. */
export function Dot(props: {
  readonly shape: Shape;
  readonly x: number;
  readonly y: number;
  readonly colour: string;
  readonly r?: number;
  readonly children?: React.ReactNode;
}) {
  const g = markerGeometry(props.shape, props.x, props.y, props.r ?? 4);
  switch (g.element) {
    case "circle":
      return (
        <circle cx={g.cx} cy={g.cy} r={g.r} fill={props.colour}>
          {props.children}
        </circle>
      );
    case "rect":
      return (
        <rect x={g.x} y={g.y} width={g.width} height={g.height} fill={props.colour}>
          {props.children}
        </rect>
      );
    case "path":
      return g.stroked ? (
        <path d={g.d} fill="none" stroke={props.colour} strokeWidth={CROSS_STROKE}>
          {props.children}
        </path>
      ) : (
        <path d={g.d} fill={props.colour}>
          {props.children}
        </path>
      );
  }
}

/** Cuts a long name for a label; the full name is in the chart's table. */
export function shorten(name: string, max: number): string {
  return name.length > max ? `${name.slice(0, max - 1)}…` : name;
}

/** The city's value as a dashed line across the plot, labelled with its name and value below. */
export function ReferenceLine(props: {
  readonly x: number;
  readonly top: number;
  readonly bottom: number;
  readonly labelY: number;
  readonly label: string;
}) {
  return (
    <g>
      <line
        x1={props.x}
        x2={props.x}
        y1={props.top}
        y2={props.bottom}
        stroke={CITY_COLOUR}
        strokeWidth={2}
        strokeDasharray="6 4"
      />
      <text x={props.x} y={props.labelY} textAnchor="middle" fontSize={FONT_SIZE} fill={INK}>
        {props.label}
      </text>
    </g>
  );
}
