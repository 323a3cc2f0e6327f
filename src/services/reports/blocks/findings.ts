/**
 * A findings block: key findings by stated rules (core/reports/findings.ts) from the
 * indicators, the first index's class changes and the accommodation series, after the
 * planner's decisions; the generated ones are kept in the context for the editor.
 */
import {
  applyDecisions,
  keyFindings,
  type FindingIndicator,
} from "../../../core/reports/findings.ts";
import { formatPeriod } from "../../../core/reports/format.ts";
import type { FindingsBlock } from "../../../core/reports/template.ts";
import { isFirm } from "../../../core/marks/value-mark.ts";
import type { BlockBuilder, BuildContext } from "./context.ts";

export const findingsBuilder: BlockBuilder<FindingsBlock> = {
  indicators: () => [],
  build(b, ctx) {
    const found = findingsOf(ctx);
    ctx.generatedFindings.push(...found.map((f) => ({ id: f.id, text: f.text })));
    const printed = applyDecisions(found, ctx.decisions).slice(0, b.limit);
    return printed.length === 0
      ? [
          {
            kind: "paragraph",
            inlines: [
              {
                text: "Nach den festen Regeln für Schlüsselergebnisse (größte Veränderungen der Stadt, größter Abstand eines Gebiets zur Stadt, Klassenwechsel im Sozialindex, Höchst- und Tiefstwerte der Unterbringung) gibt es in diesem Zeitraum keine auffälligen Veränderungen.",
              },
            ],
          },
        ]
      : [{ kind: "findings", items: printed.map((p) => ({ id: p.id, text: p.text })) }];
  },
};

function findingsOf(ctx: BuildContext) {
  const d = ctx.data;
  const sources = ctx.sources;
  const previous = d.relativePeriod(
    ctx.dataPeriod,
    ctx.reportPeriod.kind === "year" ? "previous" : "year_before",
  );
  const level = ctx.template.perArea?.level ?? d.model.levels[1]?.code ?? d.model.levels[0]!.code;
  const indicators: FindingIndicator[] = [...d.indicators.values()].map((i) => {
    // A key finding states a fact: a value under review or not reliable enough is left out.
    const v = (area: string, p: string | null) => {
      const x = p === null ? undefined : d.value(i.row.code, area, p);
      return x?.kind === "known" && isFirm(d.flags(i.row.code, area, p!)) ? x.value : null;
    };
    return {
      code: i.row.code,
      label: i.row.name,
      unit: i.row.unit,
      decimals: i.row.decimals,
      isRate: i.isRate,
      city: { now: v(d.cityCode, ctx.dataPeriod), before: v(d.cityCode, previous) },
      areas: (d.areasOfLevel(level) ?? []).map((a) => ({
        code: a.code,
        name: a.name,
        value: v(a.code, ctx.dataPeriod),
      })),
    };
  });
  const firstIndex = [...sources.indexRuns.values()][0];
  return keyFindings({
    nowText: formatPeriod(ctx.dataPeriod),
    beforeText: previous === null ? "" : formatPeriod(previous),
    levelName: d.levelName(level) ?? "Gebiet",
    indicators: previous === null ? [] : indicators,
    index:
      firstIndex?.comparison == null
        ? undefined
        : {
            name: firstIndex.run.index.name,
            ...firstIndex.comparison.editions,
            changes: firstIndex.comparison.changes.map((c) => ({
              area: c.name,
              dimension: c.dimension === "status" ? "Status" : "Dynamik",
              from: c.from ?? "nicht im Index",
              to: c.to ?? "nicht im Index",
            })),
          },
    // A record needs every month's persons: a withheld month could hold a higher number.
    accommodation:
      sources.accommodationMonth === null ||
      sources.accommodationSeries.some((m) => m.total.persons === null)
        ? undefined
        : {
            reportMonth: sources.accommodationMonth,
            example: sources.accommodationExample,
            months: sources.accommodationSeries.flatMap((m) =>
              m.total.persons === null
                ? []
                : [{ month: m.month, text: formatPeriod(m.month), persons: m.total.persons }],
            ),
          },
  });
}
