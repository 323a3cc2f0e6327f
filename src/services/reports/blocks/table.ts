/** A table block: indicators for areas (and the city), optionally with the change since a period. */
import type { Cell } from "../../../core/reports/document.ts";
import { formatPeriod } from "../../../core/reports/format.ts";
import type { TableBlock } from "../../../core/reports/template.ts";
import type { BlockBuilder } from "./context.ts";

export const tableBuilder: BlockBuilder<TableBlock> = {
  indicators: (b) => [...b.indicators],
  build(b, ctx, place) {
    const period = ctx.period(b.period, place);
    const since = b.changeSince === undefined ? null : ctx.period(b.changeSince, place);
    const areas = ctx.areas(b.areas, place);
    if (period === null || areas === null || (b.changeSince !== undefined && since === null))
      return [];
    const city = ctx.data.cityCode;
    const withCity =
      "reportArea" in b.areas || !areas.some((a) => a.code === city)
        ? [...areas, { code: city, name: ctx.data.areaName(city)! }]
        : areas;
    const columns = [{ label: ctx.levelLabel(b.areas), numeric: false }];
    for (const code of b.indicators) {
      const r = ctx.row(code);
      columns.push({ label: `${r.name} (${r.unit})`, numeric: true });
      if (since !== null)
        columns.push({ label: `Veränderung seit ${formatPeriod(since)}`, numeric: true });
    }
    const rows = withCity.map((a) => {
      const cells: Cell[] = [{ text: a.name }];
      for (const code of b.indicators) {
        cells.push(ctx.valueCell(code, a.code, period));
        if (since !== null) cells.push(ctx.changeCell(code, a.code, period, since));
      }
      return cells;
    });
    const names = b.indicators.map((c) => ctx.row(c).name).join(", ");
    return [
      ctx.nextTable({
        caption: b.caption ?? `${names} nach ${ctx.levelLabel(b.areas)}, ${formatPeriod(period)}`,
        source: ctx.sourceOf(b.indicators),
        columns,
        rows,
        notes: ctx.notes(rows, since !== null && b.indicators.some((c) => ctx.row(c).unit === "%")),
      }),
    ];
  },
};
