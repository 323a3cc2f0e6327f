/**
 * The XmR chart of a monthly or quarterly performance measure (docs/methods/spc-xmr.md): the
 * values as a line, the mean, the natural process limits dashed, the bands near the limits
 * shaded, and each flagged point drawn larger in the shape of its signal (improvement: a
 * triangle, concern: a square, otherwise a diamond) with its reasons in the table and legend.
 */
import { niceTicks } from "@core/statistics/scale.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { Dot, FONT_SIZE, INK, linear, ValueAxisY } from "../../ui/charts/axes.tsx";
import type { SpcChart } from "./goals-api.ts";

const W = 640;
const LEFT = 56;
const RIGHT = 24;
const TOP = 12;
const PLOT = 220;
const LINE = "#0072b2";
const LIMIT = "#4a4a4a";
const NEAR = "#f3e6cc";
const SIGNAL_COLOUR = { improvement: "#007a5a", concern: "#a4000f", neutral: "#8a6d00" } as const;
const SIGNAL_SHAPE = { improvement: "triangle", concern: "square", neutral: "diamond" } as const;

export function XmrChart(props: { readonly chart: SpcChart; readonly label: string }) {
  const { t, locale } = useI18n();
  const { chart } = props;
  const lim = chart.limits;
  const known = [...chart.points.map((p) => p.value), ...(lim ? [lim.lower, lim.upper] : [])];
  const ticks = niceTicks(Math.min(0, ...known), Math.max(1, ...known), 5);
  const y = linear([ticks[0]!, ticks.at(-1)!], [TOP + PLOT, TOP]);
  const n = chart.points.length;
  const x = (i: number) =>
    n <= 1 ? (LEFT + W - RIGHT) / 2 : LEFT + 10 + (i * (W - LEFT - RIGHT - 20)) / (n - 1);
  const every = Math.max(1, Math.ceil(n / 8));
  const x0 = LEFT;
  const x1 = W - RIGHT;
  const path = chart.points.map((p, i) => `${i === 0 ? "M" : "L"}${x(i)} ${y(p.value)}`).join("");
  const signals = [...new Set(chart.points.flatMap((p) => (p.signal ? [p.signal] : [])))];
  const legend: { key: string; text: string; draw: (lx: number, ly: number) => React.ReactNode }[] =
    [
      {
        key: "value",
        text: t("goals.xmr.values"),
        draw: (lx, ly) => (
          <line x1={lx} x2={lx + 28} y1={ly} y2={ly} stroke={LINE} strokeWidth={2} />
        ),
      },
      ...(lim
        ? [
            {
              key: "mean",
              text: t("goals.xmr.mean"),
              draw: (lx: number, ly: number) => (
                <line x1={lx} x2={lx + 28} y1={ly} y2={ly} stroke={INK} strokeWidth={1.5} />
              ),
            },
            {
              key: "limits",
              text: t("goals.xmr.limits"),
              draw: (lx: number, ly: number) => (
                <line
                  x1={lx}
                  x2={lx + 28}
                  y1={ly}
                  y2={ly}
                  stroke={LIMIT}
                  strokeWidth={1.5}
                  strokeDasharray="5 4"
                />
              ),
            },
            {
              key: "near",
              text: t("goals.xmr.near"),
              draw: (lx: number, ly: number) => (
                <rect
                  x={lx}
                  y={ly - 6}
                  width={28}
                  height={12}
                  fill={NEAR}
                  stroke={LIMIT}
                  strokeWidth={0.5}
                />
              ),
            },
          ]
        : []),
      ...signals.map((s) => ({
        key: s,
        text: t(`goals.signal.${s}`),
        draw: (lx: number, ly: number) => (
          <Dot shape={SIGNAL_SHAPE[s]} x={lx + 14} y={ly} r={6} colour={SIGNAL_COLOUR[s]} />
        ),
      })),
    ];
  const legendTop = TOP + PLOT + 36;
  const height = legendTop + Math.ceil(legend.length / 2) * 22 + 4;
  return (
    <svg viewBox={`0 0 ${W} ${height}`} role="img" aria-label={props.label} className="chart">
      {lim && (
        <>
          <rect
            x={x0}
            y={y(lim.upper)}
            width={x1 - x0}
            height={Math.max(0, y(lim.nearUpper) - y(lim.upper))}
            fill={NEAR}
          />
          <rect
            x={x0}
            y={y(lim.nearLower)}
            width={x1 - x0}
            height={Math.max(0, y(lim.lower) - y(lim.nearLower))}
            fill={NEAR}
          />
        </>
      )}
      <ValueAxisY ticks={ticks} y={y} x0={x0} x1={x1} locale={locale} />
      {lim && (
        <>
          <line x1={x0} x2={x1} y1={y(lim.mean)} y2={y(lim.mean)} stroke={INK} strokeWidth={1.5} />
          <line
            x1={x0}
            x2={x1}
            y1={y(lim.upper)}
            y2={y(lim.upper)}
            stroke={LIMIT}
            strokeWidth={1.5}
            strokeDasharray="5 4"
          />
          <line
            x1={x0}
            x2={x1}
            y1={y(lim.lower)}
            y2={y(lim.lower)}
            stroke={LIMIT}
            strokeWidth={1.5}
            strokeDasharray="5 4"
          />
        </>
      )}
      {chart.points.map((p, i) =>
        (i % every === 0 && n - 1 - i >= every) || i === n - 1 ? (
          <text
            key={p.period}
            x={x(i)}
            y={TOP + PLOT + 18}
            textAnchor="middle"
            fontSize={FONT_SIZE}
            fill={INK}
          >
            {p.period}
          </text>
        ) : null,
      )}
      <path d={path} fill="none" stroke={LINE} strokeWidth={2} />
      {chart.points.map((p, i) =>
        p.signal === null ? (
          <circle key={p.period} cx={x(i)} cy={y(p.value)} r={3} fill={LINE}>
            <title>{p.period}</title>
          </circle>
        ) : (
          <Dot
            key={p.period}
            shape={SIGNAL_SHAPE[p.signal]}
            x={x(i)}
            y={y(p.value)}
            r={7}
            colour={SIGNAL_COLOUR[p.signal]}
          >
            <title>{`${p.period}: ${t(`goals.signal.${p.signal}`)} – ${p.reasons.join(" ")}`}</title>
          </Dot>
        ),
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
