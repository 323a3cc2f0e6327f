/** A comparison block: each area against the city and the range of its level, with its rank. */
import type { Cell, Node } from "../../../core/reports/document.ts";
import { formatPeriod } from "../../../core/reports/format.ts";
import type { ComparisonBlock } from "../../../core/reports/template.ts";
import { SIGN, type BlockBuilder } from "./context.ts";

export const comparisonBuilder: BlockBuilder<ComparisonBlock> = {
  indicators: (b) => [...b.indicators],
  build(b, ctx, place) {
    const period = ctx.period(b.period, place);
    const areas = ctx.areas(b.areas, place);
    if (period === null || areas === null) return [];
    const d = ctx.data;
    const out: Node[] = [];
    for (const a of areas) {
      const level = d.levelOfArea(a.code);
      const peers = level === undefined ? [] : (d.areasOfLevel(level) ?? []);
      const rows = b.indicators.map((code): Cell[] => {
        const r = ctx.row(code);
        const values = peers
          .map((p) => d.value(code, p.code, period))
          .flatMap((v) => (v?.kind === "known" ? [v.value] : []));
        const rank = d.rank(code, a.code, period);
        return [
          { text: `${r.name} (${r.unit})` },
          ctx.valueCell(code, a.code, period),
          ctx.valueCell(code, d.cityCode, period),
          values.length > 0 ? { number: Math.min(...values), decimals: r.decimals } : SIGN.missing,
          values.length > 0 ? { number: Math.max(...values), decimals: r.decimals } : SIGN.missing,
          rank === null ? SIGN.missing : { text: `${rank.rank} von ${rank.of}` },
        ];
      });
      const levelName = level === undefined ? "Gebiete" : (d.levelName(level) ?? "Gebiete");
      out.push(
        ctx.nextTable({
          caption: b.caption ?? `${a.name} im Vergleich mit der Stadt, ${formatPeriod(period)}`,
          source: ctx.sourceOf(b.indicators),
          columns: [
            { label: "Indikator", numeric: false },
            { label: a.name, numeric: true },
            { label: d.areaName(d.cityCode)!, numeric: true },
            { label: `Minimum ${levelName}`, numeric: true },
            { label: `Maximum ${levelName}`, numeric: true },
            { label: "Rang (höchster Wert = 1)", numeric: false },
          ],
          rows,
          notes: ctx.notes(rows, false),
        }),
      );
    }
    return out;
  },
};
