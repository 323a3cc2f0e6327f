import { describe, expect, it } from "vitest";
import { compareDocuments } from "./compare.ts";
import type { ReportDocument, Table } from "./document.ts";

const table = (value: number): Table => ({
  kind: "table",
  number: 1,
  caption: "SGB-II-Quote nach Stadtteil, 2021",
  source: "Quelle",
  columns: [
    { label: "Stadtteil", numeric: false },
    { label: "SGB-II-Quote (%)", numeric: true },
  ],
  rows: [
    [{ text: "Altstadt" }, { number: value, decimals: 1 }],
    [{ text: "Neustadt" }, { sign: "." }],
  ],
  notes: [],
});

const doc = (paragraph: string, value: number): ReportDocument => ({
  title: "Sozialbericht 2021",
  subtitle: null,
  publisher: "Stadt",
  period: "2021",
  dataAsOf: "2026-11-24",
  state: "intern",
  chapters: [
    {
      title: "Soziale Lage",
      sections: [
        {
          title: "SGB II",
          nodes: [{ kind: "paragraph", inlines: [{ text: paragraph }] }, table(value)],
        },
      ],
    },
  ],
});

describe("comparing report versions", () => {
  it("names the changed text and each changed figure with its row and column", () => {
    const c = compareDocuments(doc("Die Quote sank.", 14.5), doc("Die Quote sank leicht.", 14.7));
    expect(c.text).toEqual([
      {
        place: "Soziale Lage › SGB II › 1",
        before: "Die Quote sank.",
        after: "Die Quote sank leicht.",
      },
    ]);
    expect(c.figures).toEqual([
      {
        place: "Tabelle: SGB-II-Quote nach Stadtteil, 2021 › Altstadt › SGB-II-Quote (%)",
        before: "14,5",
        after: "14,7",
      },
    ]);
  });

  it("finds nothing between equal versions", () => {
    const c = compareDocuments(doc("Gleich.", 14.5), doc("Gleich.", 14.5));
    expect(c).toEqual({ text: [], figures: [], unchangedTables: 1 });
  });
});
