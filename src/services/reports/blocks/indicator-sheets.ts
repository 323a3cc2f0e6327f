/** The indicator sheets of the method annex: every indicator the template names, defined. */
import type { Node } from "../../../core/reports/document.ts";
import type { IndicatorSheetsBlock } from "../../../core/reports/template.ts";
import type { BlockBuilder } from "./context.ts";

const POLARITY = {
  higher_is_better: "ein hoher Wert ist günstig",
  lower_is_better: "ein hoher Wert ist ungünstig",
  neutral: "ohne Wertung",
} as const;

export const indicatorSheetsBuilder: BlockBuilder<IndicatorSheetsBlock> = {
  indicators: () => [],
  build(_b, ctx) {
    const out: Node[] = [];
    for (const code of ctx.indicators) {
      const r = ctx.data.catalogue.get(code);
      if (!r) continue;
      const variable = (c: string) => ctx.data.model.variables.find((v) => v.code === c)?.name ?? c;
      const formula =
        r.denominator === null
          ? `${r.numerator.map(variable).join(" + ")}${r.factor === 1 ? "" : ` × ${r.factor.toLocaleString("de-DE")}`}`
          : `(${r.numerator.map(variable).join(" + ")}) / (${r.denominator.map(variable).join(" + ")}) × ${r.factor.toLocaleString("de-DE")}`;
      out.push({ kind: "subheading", text: r.name });
      out.push({
        kind: "list",
        ordered: false,
        items: [
          [{ text: "Definition: ", strong: true }, { text: r.definition }],
          [
            { text: "Berechnung: ", strong: true },
            { text: `${formula} (Einheit: ${r.unit}, ${r.decimals} Nachkommastellen)` },
          ],
          [{ text: "Lesart: ", strong: true }, { text: POLARITY[r.polarity] }],
          ...(r.interpretation
            ? [[{ text: "Interpretation: ", strong: true }, { text: r.interpretation }]]
            : []),
          ...(r.limits ? [[{ text: "Grenzen: ", strong: true }, { text: r.limits }]] : []),
          [{ text: "Quelle: ", strong: true }, { text: r.source ?? ctx.data.workspace.name }],
        ],
      });
    }
    return out;
  },
};
