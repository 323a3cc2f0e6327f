/**
 * The profile of an area as a spine chart: for every rate indicator, how far the area lies
 * above or below the city, in percent of the city's value (the line in the middle is the city). Bars
 * are blue where the area fares better than the city and red where it fares worse, judged by
 * the indicator's polarity; grey for indicators without a reading. The numbers stand in the
 * table below; the chart is a picture of them.
 */
import { compareWithReference } from "@core/indicators/compare.ts";
import type { Value } from "@core/value.ts";
import type { IndicatorDto } from "@contracts/indicators.ts";
import { formatChange } from "../../lib/format.ts";

export interface ProfileRow {
  readonly indicator: IndicatorDto;
  readonly value: Value<number>;
  readonly city: Value<number>;
}

const NAME_WIDTH = 250;
const HALF = 170;
/** Room for the label of a long bar to the left. */
const GAP = 60;
const CENTRE = NAME_WIDTH + GAP + HALF;
const ROW = 22;
/** Bars end at ±100 %; larger deviations are drawn to the edge with their number beside. */
const LIMIT = 100;

/**
 * A count of one area (inhabitants) is not comparable with the city's count; rates are,
 * including rates published as such (no denominator, but a "%" or "je 1.000" unit).
 */
function isCount(indicator: IndicatorDto): boolean {
  return indicator.denominator === null && !/%|‰|^je /.test(indicator.unit.trim());
}

export function ProfileChart(props: {
  readonly rows: readonly ProfileRow[];
  readonly label: string;
  readonly locale: string;
}) {
  const bars = props.rows.flatMap((r) => {
    if (isCount(r.indicator)) return [];
    const c = compareWithReference(r.value, r.city);
    if (c.kind !== "known" || c.value.ratio.kind !== "known") return [];
    const deviation = (c.value.ratio.value - 1) * 100;
    const better =
      r.indicator.polarity === "neutral" || deviation === 0
        ? null
        : (r.indicator.polarity === "higher_is_better") === deviation > 0;
    return [{ name: r.indicator.name, deviation, better }];
  });
  const height = bars.length * ROW + 28;
  const width = CENTRE + HALF + 70;
  return (
    <svg
      className="profile-chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={props.label}
      data-testid="profile-chart"
    >
      <line x1={CENTRE} x2={CENTRE} y1={0} y2={height - 20} stroke="#1a1a1a" strokeWidth="1" />
      <text x={CENTRE} y={height - 6} textAnchor="middle" fontSize="12" fill="#1a1a1a">
        Stadt = 0 %
      </text>
      {bars.map((b, i) => {
        const y = i * ROW + 4;
        const length = (Math.min(Math.abs(b.deviation), LIMIT) / LIMIT) * HALF;
        const x = b.deviation >= 0 ? CENTRE : CENTRE - length;
        const fill = b.better === null ? "#878787" : b.better ? "#2166ac" : "#b2182b";
        const label = `${formatChange(props.locale, b.deviation, 0)} %`;
        return (
          <g key={b.name}>
            <text x={NAME_WIDTH} y={y + 13} textAnchor="end" fontSize="12" fill="#1a1a1a">
              {b.name.length > 38 ? `${b.name.slice(0, 37)}…` : b.name}
            </text>
            <rect x={x} y={y + 2} width={Math.max(length, 1)} height={ROW - 8} fill={fill} />
            <text
              x={b.deviation >= 0 ? CENTRE + length + 4 : CENTRE - length - 4}
              y={y + 13}
              textAnchor={b.deviation >= 0 ? "start" : "end"}
              fontSize="11"
              fill="#1a1a1a"
            >
              {label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
