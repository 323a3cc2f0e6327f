/**
 * The parts every chart shares: linear scales, a value axis with grid lines and German tick
 * labels, and dot shapes. Drawn with presentation attributes only, so an exported SVG looks
 * like the page.
 */
import { formatNumber } from "../../lib/format.ts";
import type { Shape } from "./chart-colours.ts";

export const INK = "#1a1a1a";
export const GRID = "#d0d5db";
export const FONT_SIZE = 12;

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
  const r = props.r ?? 4;
  const { x, y, colour } = props;
  switch (props.shape) {
    case "circle":
      return (
        <circle cx={x} cy={y} r={r} fill={colour}>
          {props.children}
        </circle>
      );
    case "square":
      return (
        <rect x={x - r} y={y - r} width={2 * r} height={2 * r} fill={colour}>
          {props.children}
        </rect>
      );
    case "diamond":
      return (
        <path
          d={`M${x} ${y - r * 1.3}L${x + r * 1.3} ${y}L${x} ${y + r * 1.3}L${x - r * 1.3} ${y}Z`}
          fill={colour}
        >
          {props.children}
        </path>
      );
    case "triangle":
      return (
        <path
          d={`M${x} ${y - r * 1.3}L${x + r * 1.2} ${y + r}L${x - r * 1.2} ${y + r}Z`}
          fill={colour}
        >
          {props.children}
        </path>
      );
    case "cross":
      return (
        <path
          d={`M${x - r} ${y - r}L${x + r} ${y + r}M${x - r} ${y + r}L${x + r} ${y - r}`}
          stroke={colour}
          strokeWidth={2.5}
        >
          {props.children}
        </path>
      );
  }
}

/** Cuts a long name for a label; the full name is in the chart's table. */
export function shorten(name: string, max: number): string {
  return name.length > max ? `${name.slice(0, max - 1)}…` : name;
}
