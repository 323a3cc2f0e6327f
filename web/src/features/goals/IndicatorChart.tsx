/**
 * The chart of a goal indicator: its values as a line with the 95 % interval as a band around
 * it, the baseline as a ringed dot, and the target path (from the baseline to the target value
 * in the target year, or a limit line) dashed. Gaps stay gaps. A replaced target is drawn grey.
 * The legend below names every part in words; the numbers are in the table beside the chart.
 */
import { niceTicks } from "@core/statistics/scale.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { FONT_SIZE, INK, linear, ValueAxisY } from "../../ui/charts/axes.tsx";
import type { GoalIndicatorDto } from "./goals-api.ts";
import { chartSpan, chartValues, targetLines, timeOf } from "./goals-view.ts";

const W = 640;
const LEFT = 56;
const RIGHT = 24;
const TOP = 12;
const PLOT = 220;

export function IndicatorChart(props: {
  readonly indicator: GoalIndicatorDto;
  readonly label: string;
  readonly replaced: boolean;
}) {
  const { t, locale } = useI18n();
  const ind = props.indicator;
  const line = props.replaced ? "#6b6b6b" : "#0072b2";
  const band = props.replaced ? "#e3e3e3" : "#cfe3f3";
  const target = props.replaced ? "#6b6b6b" : "#c85200";
  const span = chartSpan(ind);
  const values = chartValues(ind);
  const ticks = niceTicks(Math.min(0, ...values), Math.max(1, ...values), 5);
  const y = linear([ticks[0]!, ticks.at(-1)!], [TOP + PLOT, TOP]);
  const x = linear([span.from, Math.max(span.to, span.from + 1)], [LEFT + 8, W - RIGHT - 8]);
  const points = ind.series.flatMap((s) => {
    const at = timeOf(s.period);
    return at === null ? [] : [{ ...s, at }];
  });
  // The band: one polygon per run of points that have both ends of the interval.
  const runs: (typeof points)[] = [];
  let run: typeof points = [];
  for (const p of points) {
    if (p.low !== null && p.high !== null) run.push(p);
    else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  let path = "";
  let open = false;
  for (const p of points) {
    if (p.value === null) {
      open = false;
      continue;
    }
    path += `${open ? "L" : "M"}${x(p.at)} ${y(p.value)}`;
    open = true;
  }
  const years: number[] = [];
  const every = Math.max(1, Math.ceil((span.to - span.from + 1) / 12));
  for (let v = span.from; v <= span.to; v += every) years.push(v);
  const lines = targetLines(ind, span);
  const legendTop = TOP + PLOT + 36;
  const legend: { key: string; text: string; draw: (lx: number, ly: number) => React.ReactNode }[] =
    [
      {
        key: "value",
        text: t("goals.chart.value"),
        draw: (lx, ly) => (
          <>
            <line x1={lx} x2={lx + 28} y1={ly} y2={ly} stroke={line} strokeWidth={2} />
            <circle cx={lx + 14} cy={ly} r={4} fill={line} />
          </>
        ),
      },
      {
        key: "band",
        text: t("goals.chart.band"),
        draw: (lx, ly) => (
          <rect
            x={lx}
            y={ly - 6}
            width={28}
            height={12}
            fill={band}
            stroke={line}
            strokeWidth={0.5}
          />
        ),
      },
      {
        key: "baseline",
        text: t("goals.chart.baseline", { year: String(ind.baselineYear) }),
        draw: (lx, ly) => (
          <circle cx={lx + 14} cy={ly} r={5} fill="#ffffff" stroke={INK} strokeWidth={2} />
        ),
      },
      ...(lines.length > 0
        ? [
            {
              key: "target",
              text: t(ind.targetKind === "limit" ? "goals.chart.limit" : "goals.chart.target"),
              draw: (lx: number, ly: number) => (
                <line
                  x1={lx}
                  x2={lx + 28}
                  y1={ly}
                  y2={ly}
                  stroke={target}
                  strokeWidth={2}
                  strokeDasharray="6 4"
                />
              ),
            },
          ]
        : []),
    ];
  const height = legendTop + Math.ceil(legend.length / 2) * 22 + 4;
  return (
    <svg viewBox={`0 0 ${W} ${height}`} role="img" aria-label={props.label} className="chart">
      <ValueAxisY ticks={ticks} y={y} x0={LEFT} x1={W - RIGHT} locale={locale} />
      {years.map((v) => (
        <text
          key={v}
          x={x(v)}
          y={TOP + PLOT + 18}
          textAnchor="middle"
          fontSize={FONT_SIZE}
          fill={INK}
        >
          {v}
        </text>
      ))}
      {runs.map((r, i) => (
        <path
          key={i}
          d={
            r.length === 1
              ? `M${x(r[0]!.at) - 4} ${y(r[0]!.high!)}H${x(r[0]!.at) + 4}V${y(r[0]!.low!)}H${x(r[0]!.at) - 4}Z`
              : `M${r.map((p) => `${x(p.at)} ${y(p.high!)}`).join("L")}L${[...r]
                  .reverse()
                  .map((p) => `${x(p.at)} ${y(p.low!)}`)
                  .join("L")}Z`
          }
          fill={band}
        />
      ))}
      {lines.map((l, i) => (
        <line
          key={i}
          x1={x(l.x0)}
          y1={y(l.y0)}
          x2={x(l.x1)}
          y2={y(l.y1)}
          stroke={target}
          strokeWidth={2}
          strokeDasharray="6 4"
        />
      ))}
      <path d={path} fill="none" stroke={line} strokeWidth={2} />
      {points.map((p) =>
        p.value === null ? null : (
          <circle key={p.period} cx={x(p.at)} cy={y(p.value)} r={3.5} fill={line}>
            <title>{`${p.period}`}</title>
          </circle>
        ),
      )}
      {ind.baselineValue !== null && (
        <circle
          cx={x(ind.baselineYear)}
          cy={y(ind.baselineValue)}
          r={5}
          fill="#ffffff"
          fillOpacity={0}
          stroke={INK}
          strokeWidth={2}
        />
      )}
      {legend.map((e, i) => {
        const lx = LEFT + (i % 2) * 290;
        const ly = legendTop + Math.floor(i / 2) * 22;
        return (
          <g key={e.key}>
            {e.draw(lx, ly)}
            <text x={lx + 36} y={ly + 4} fontSize={FONT_SIZE} fill={INK}>
              {e.text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
