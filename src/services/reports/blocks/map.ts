/** A map block: one indicator's classified map of a level's areas. */
import { formatPeriod } from "../../../core/reports/format.ts";
import type { MapBlock } from "../../../core/reports/template.ts";
import { mapFigure } from "../figures.ts";
import type { BlockBuilder } from "./context.ts";

export const mapBuilder: BlockBuilder<MapBlock> = {
  indicators: (b) => [b.indicator],
  build(b, ctx, place) {
    const chosen = ctx.levelPeriod(b, place);
    if (!chosen) return [];
    const { period } = chosen;
    const r = ctx.row(b.indicator);
    const drawn = mapFigure(ctx.data, ctx.sources, {
      indicator: b.indicator,
      level: b.level,
      period,
      periodText: formatPeriod(period),
      highlight: ctx.area,
    });
    if (typeof drawn === "string") {
      ctx.problem(place, drawn);
      return [];
    }
    return [
      ctx.nextFigure({
        ...drawn,
        caption:
          b.caption ?? `${r.name} nach ${ctx.data.levelName(b.level)}, ${formatPeriod(period)}`,
        source: ctx.mapSourceOf([b.indicator]),
      }),
    ];
  },
};
