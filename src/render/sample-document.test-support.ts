/**
 * A report document for the renderers' tests: three chapters over several pages, with every
 * kind of node (paragraphs with emphasis, a list, a subheading, tables with withheld and missing
 * values, a figure, key findings), German characters and a long table that breaks across pages.
 */
import type { Cell, Figure, Node, ReportDocument, Table } from "../core/reports/document.ts";

const svg = (bars: readonly number[]) => {
  const w = 480;
  const h = 200;
  const rects = bars
    .map(
      (v, i) =>
        `<rect x="${40 + i * 70}" y="${180 - v * 1.6}" width="40" height="${v * 1.6}" fill="#3a6ea5"/><text x="${60 + i * 70}" y="196" font-size="12" text-anchor="middle">${["Nord", "Süd", "Mitte", "West", "Ost", "Weiche"][i]}</text>`,
    )
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"><title>Balken</title><line x1="30" y1="180" x2="470" y2="180" stroke="#333"/>${rects}</svg>`;
};

const paragraph = (text: string): Node => ({ kind: "paragraph", inlines: [{ text }] });

const filler = (topic: string, n: number): Node[] =>
  Array.from({ length: n }, (_, i) =>
    paragraph(
      `${topic}, Absatz ${i + 1}: Die Entwicklung in den Stadtteilen verläuft unterschiedlich. Während die Quote in der Altstadt gestiegen ist, ging sie in Weiche und Sandberg zurück; die Größenordnung bleibt über dem Durchschnitt der Städte in Schleswig-Holstein. Straßen, Plätze und Grünflächen prägen das Wohnumfeld.`,
    ),
  );

const num = (number: number, decimals = 1): Cell => ({ number, decimals });

export const sampleTable: Table = {
  kind: "table",
  number: 1,
  caption: "SGB-II-Quote nach Stadtteil, 2020 und 2021",
  source: "Quelle: Stadt Flensburg, Sozialatlas 2022; eigene Berechnung.",
  columns: [
    { label: "Stadtteil", numeric: false },
    { label: "2020 (%)", numeric: true },
    { label: "2021 (%)", numeric: true },
    { label: "Veränderung (Pp.)", numeric: true },
  ],
  rows: [
    [{ text: "Altstadt" }, num(14.2), num(14.5), num(0.3)],
    [{ text: "Neustadt" }, num(21.9), num(20.7), num(-1.2)],
    [{ text: "Nordstadt" }, { sign: "." }, num(9.1), { sign: "–" }],
    [{ text: "Jürgensby" }, num(8.0), num(7.5), num(-0.5)],
    [{ text: "Flensburg" }, num(10.9), num(10.3), num(-0.6)],
  ],
  notes: [". = gesperrt (Geheimhaltung)", "– = nichts vorhanden oder nicht berechenbar"],
};

const longTable: Table = {
  kind: "table",
  number: 2,
  caption: "Einwohner nach statistischem Bezirk, 2021",
  source: "Quelle: Stadt Flensburg, Sozialatlas 2022.",
  columns: [
    { label: "Bezirk", numeric: false },
    { label: "Einwohner", numeric: true },
  ],
  rows: Array.from({ length: 60 }, (_, i) => [
    { text: `Bezirk ${String(i + 1).padStart(2, "0")}` },
    num(1000 + i * 37, 0),
  ]),
  notes: [],
};

export const sampleFigure: Figure = {
  kind: "figure",
  number: 1,
  caption: "SGB-II-Quote 2021 in sechs Stadtteilen",
  source: "Quelle: Stadt Flensburg, Sozialatlas 2022.",
  svg: svg([60, 90, 40, 75, 100, 30]),
  width: 480,
  height: 200,
  alt: "Balkendiagramm der SGB-II-Quote 2021: Ost am höchsten, Weiche am niedrigsten.",
};

export const sampleDocument: ReportDocument = {
  title: "Sozialbericht 2021",
  subtitle: "Beispielbericht für die Prüfung der Ausgaben",
  publisher: "Stadt Flensburg",
  period: "2021",
  dataAsOf: "2026-11-24",
  state: "Entwurf",
  chapters: [
    {
      title: "Schlüsselergebnisse",
      sections: [
        {
          title: "Auf einen Blick",
          nodes: [
            {
              kind: "findings",
              items: [
                {
                  id: "change:quote",
                  text: "SGB-II-Quote: von 2020 bis 2021 um 0,6 Pp. gesunken, von 10,9 % auf 10,3 %.",
                },
                {
                  id: "area:quote:02",
                  text: "SGB-II-Quote: Stadtteil Neustadt liegt mit 20,7 % am weitesten über dem städtischen Wert von 10,3 % (2021).",
                },
              ],
            },
            {
              kind: "paragraph",
              inlines: [
                { text: "Die Lage hat sich " },
                { text: "leicht verbessert", strong: true },
                { text: "; die Unterschiede zwischen den Stadtteilen bleiben " },
                { text: "groß", emphasis: true },
                { text: "." },
              ],
            },
          ],
        },
      ],
    },
    {
      title: "Soziale Lage und Transferleistungen",
      sections: [
        {
          title: "SGB II",
          nodes: [
            ...filler("SGB II", 4),
            { kind: "subheading", text: "Nach Stadtteilen" },
            sampleTable,
            sampleFigure,
            {
              kind: "list",
              ordered: false,
              items: [[{ text: "Altstadt: gestiegen" }], [{ text: "Neustadt: gesunken" }]],
            },
            ...filler("Grundsicherung", 6),
          ],
        },
        { title: "Wohngeld", nodes: filler("Wohngeld", 5) },
      ],
    },
    {
      title: "Methodenanhang",
      sections: [
        {
          title: "Einwohner",
          nodes: [
            longTable,
            {
              kind: "list",
              ordered: true,
              items: [[{ text: "Zählung am 31.12." }], [{ text: "Hauptwohnsitz" }]],
            },
          ],
        },
      ],
    },
  ],
};
