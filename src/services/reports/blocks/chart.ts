/** A chart block: indicators over time for the city (and the report's area, in profiles). */
import { formatPeriod } from "../../../core/reports/format.ts";
import type { ChartBlock } from "../../../core/reports/template.ts";
import { lineFigures } from "../figures.ts";
import { periodsUpTo } from "../report-data.ts";
import type { BlockBuilder } from "./context.ts";

export const chartBuilder: BlockBuilder<ChartBlock> = {
  indicators: (b) => [...b.indicators],
  build(b, ctx, place) {
    const periods = periodsUpTo(ctx.data, ctx.dataPeriod, b.periods);
    if (periods.length < 2) {
      ctx.problem(
        place,
        `Bis ${formatPeriod(ctx.dataPeriod)} gibt es keine zwei Zeiträume für einen Verlauf.`,
      );
      return [];
    }
    const areas = ctx.area === null ? [ctx.data.cityCode] : [ctx.area, ctx.data.cityCode];
    const span = `${formatPeriod(periods[0]!)} bis ${formatPeriod(periods.at(-1)!)}`;
    const where = ctx.area === null ? "" : `: ${ctx.data.areaName(ctx.area)} und Stadt`;
    return lineFigures(ctx.data, { indicators: b.indicators, areas, periods }).map((drawn) =>
      ctx.nextFigure({
        ...drawn.figure,
        caption: b.caption ?? `${drawn.names.join(", ")}, ${span}${where}`,
        source: ctx.sourceOf(drawn.codes),
      }),
    );
  },
};
