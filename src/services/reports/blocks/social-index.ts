/**
 * An index block: the latest run of a stored social index (for the report's period or
 * before) as a class map, a table of areas, the method in words and the class changes.
 */
import type { Cell, Node } from "../../../core/reports/document.ts";
import { formatPeriod } from "../../../core/reports/format.ts";
import type { IndexBlock } from "../../../core/reports/template.ts";
import type { IndexRunView } from "../../social-index/index-runs.ts";
import { indexMapFigure } from "../figures.ts";
import type { IndexSource } from "../report-sources.ts";
import { paragraph, SIGN, type BlockBuilder, type BuildContext } from "./context.ts";

export const socialIndexBuilder: BlockBuilder<IndexBlock> = {
  indicators: () => [],
  build(b, ctx, place) {
    const run = ctx.sources.indexRuns.get(b.index);
    if (run === undefined) {
      ctx.problem(
        place,
        `Den Sozialindex „${b.index}“ gibt es nicht, oder er wurde für den Zeitraum des Berichts und davor noch nicht berechnet.`,
      );
      return [];
    }
    const v = run.run;
    const levelName = ctx.data.levelName(v.level) ?? v.level;
    return b.parts.flatMap((part): Node[] => {
      switch (part) {
        case "map":
          return [
            ctx.nextFigure({
              ...indexMapFigure(ctx.data, ctx.sources, v),
              caption:
                b.caption ??
                `${v.index.name}: Status- und Dynamikklassen nach ${levelName}, ${formatPeriod(v.period)}`,
              source: ctx.indexSource(v, true),
            }),
          ];
        case "table":
          return [resultTable(ctx, v, levelName)];
        case "method":
          return methodNodes(v);
        case "changes":
          return changeNodes(run);
      }
    });
  },
};

function resultTable(ctx: BuildContext, v: IndexRunView, levelName: string): Node {
  const rows = v.areas.map((a): Cell[] => [
    { text: a.name },
    a.status ? { number: a.status.index, decimals: 2 } : SIGN.missing,
    { text: a.status?.classLabel ?? a.exclusion?.detail ?? "–" },
    a.dynamics ? { number: a.dynamics.index, decimals: 2 } : SIGN.missing,
    { text: a.dynamics?.classLabel ?? (a.exclusion ? "ausgeschlossen" : "–") },
  ]);
  return ctx.nextTable({
    caption: `${v.index.name}: Ergebnis je ${levelName}, ${formatPeriod(v.period)}`,
    source: ctx.indexSource(v, false),
    columns: [
      { label: levelName, numeric: false },
      { label: "Statusindex", numeric: true },
      { label: "Statusklasse", numeric: false },
      { label: "Dynamikindex", numeric: true },
      { label: "Dynamikklasse", numeric: false },
    ],
    rows,
    notes: v.excluded > 0 ? ["Ausgeschlossene Gebiete mit Grund statt Klasse."] : [],
  });
}

function methodNodes(v: IndexRunView): Node[] {
  return [
    { kind: "subheading", text: v.method.title },
    ...v.method.paragraphs.map(paragraph),
    {
      kind: "list",
      ordered: false,
      items: v.method.classes.map((c) => [{ text: `${c.label}: ${c.rule} (${c.areas} Gebiete)` }]),
    },
    { kind: "paragraph", inlines: [{ text: v.method.caution, emphasis: true }] },
  ];
}

function changeNodes(run: IndexSource): Node[] {
  const comparison = run.comparison;
  if (comparison === null) {
    return [
      paragraph(
        `Es gibt keine frühere Ausgabe zum Vergleich: Vor ${formatPeriod(run.run.period)} wurde der Index auf dieser Ebene nicht berechnet.`,
      ),
    ];
  }
  const changes = comparison.changes;
  const { periods, runs, caution } = comparison.editions;
  const out: Node[] = [
    paragraph(
      (changes.length === 0
        ? `Kein Gebiet hat ${periods} die Klasse gewechselt (${runs}).`
        : `${changes.length} Klassenwechsel ${periods} (${runs}):`) +
        (caution === null ? "" : ` ${caution}`),
    ),
  ];
  if (changes.length > 0) {
    out.push({
      kind: "list",
      ordered: false,
      items: changes.map((c) => [
        {
          text: `${c.name}: ${c.dimension === "status" ? "Status" : "Dynamik"} ${c.from ?? "nicht im Index"} → ${c.to ?? "nicht im Index"}`,
        },
      ]),
    });
  }
  return out;
}
