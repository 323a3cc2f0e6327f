/**
 * An XmR chart as the API shows it (docs/methods/spc-xmr.md): the series in time order, its
 * limits, each flagged point with its reasons, the verdict against a target. Used for monthly
 * and quarterly performance measures and for the accommodation's monthly occupancy rate. A
 * month without a value ends the series there: the chart reads only the months after the last
 * gap, so no limit bridges a break.
 */
import type { z } from "zod";
import type { spcChartDto } from "../../contracts/controlling.ts";
import { computeXmrChart, type SpcOptions } from "../../core/controlling/spc.ts";

export type SpcChartView = z.infer<typeof spcChartDto>;

export function spcChartView(
  series: readonly { period: string; value: number | null }[],
  options: SpcOptions,
): SpcChartView {
  const lastGap = series.findLastIndex((p) => p.value === null);
  const run = series.slice(lastGap + 1).map((p) => ({ period: p.period, value: p.value! }));
  const chart = computeXmrChart(run, options);
  return {
    limits: chart.limits && {
      mean: chart.limits.mean,
      lower: chart.limits.lower,
      upper: chart.limits.upper,
      nearLower: chart.limits.nearLower,
      nearUpper: chart.limits.nearUpper,
      baselinePoints: chart.limits.baselinePoints,
    },
    points: chart.points.map((p) => ({
      period: p.period,
      value: p.value,
      signal: p.signal,
      reasons: [...p.reasons],
    })),
    assurance: chart.assurance,
    reason:
      lastGap >= 0 && run.length < series.length
        ? `${chart.reason} Ab ${run[0]?.period ?? "–"}: davor fehlt ein Wert.`
        : chart.reason,
  };
}
