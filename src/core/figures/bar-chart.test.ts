import { describe, expect, it } from "vitest";
import { barChartSvg, type BarChartInput } from "./bar-chart.ts";
import { CITY_COLOUR, NEUTRAL_COLOUR, SERIES_COLOURS } from "./chart-colours.ts";
import { xmlProblems } from "./xml-check.ts";

const base: BarChartInput = {
  rows: [
    { name: "Neustadt", value: 21.9 },
    { name: 'Nord & <Süd> "Mitte"', value: 15.25, highlight: true },
    { name: "Fruerlund", value: null, withheld: true },
    { name: "Altstadt", value: 9.8 },
    { name: "Engelsby", value: null },
    { name: "Mürwik", value: 3.2 },
  ],
  label: "SGB-II-Quote",
  unit: "%",
  decimals: 1,
  period: "2021",
  level: "Stadtteil",
  reference: { value: 10.3 },
};

const bars = (svg: string) =>
  [
    ...svg.matchAll(
      /<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="14" fill="([^"]+)"><title>([^<]*)<\/title>/g,
    ),
  ].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    width: Number(m[3]),
    fill: m[4]!,
    title: m[5]!,
  }));
const texts = (svg: string) => [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);

describe("barChartSvg", () => {
  it("is a well-formed standalone SVG with title and size", () => {
    const fig = barChartSvg(base);
    expect(xmlProblems(fig.svg)).toEqual([]);
    expect(fig.svg).toContain(`width="640" height="${fig.height}" viewBox="0 0 640 ${fig.height}"`);
    expect(fig.svg).toContain("<title>SGB-II-Quote 2021 nach Stadtteil</title>");
  });

  it("draws a bar for each known value in the given order, none for a gap", () => {
    const b = bars(barChartSvg(base).svg);
    expect(b.map((x) => x.title)).toEqual([
      "Neustadt: 21,9 %",
      "Nord &amp; &lt;Süd&gt; &quot;Mitte&quot;: 15,3 %",
      "Altstadt: 9,8 %",
      "Mürwik: 3,2 %",
    ]);
    // Top to bottom, longer for larger values, all from the same zero line.
    for (let i = 1; i < b.length; i++) expect(b[i]!.y).toBeGreaterThan(b[i - 1]!.y);
    expect(b[0]!.width).toBeGreaterThan(b[2]!.width);
    expect(new Set(b.map((x) => x.x)).size).toBe(1);
    expect(b.map((x) => x.fill)).toEqual([
      NEUTRAL_COLOUR,
      SERIES_COLOURS[1],
      NEUTRAL_COLOUR,
      NEUTRAL_COLOUR,
    ]);
  });

  it("writes names on the left, German values at the bars and '.' for the gaps", () => {
    const t = texts(barChartSvg(base).svg);
    expect(t).toEqual(
      expect.arrayContaining([
        "Neustadt",
        "Nord &amp; &lt;Süd&gt; &quot;Mitte&quot;",
        "Fruerlund",
        "Engelsby",
      ]),
    );
    expect(t).toEqual(expect.arrayContaining(["21,9", "15,3", "9,8", "3,2"]));
    expect(t.filter((x) => x === ".")).toHaveLength(3); // two rows and the footnote
    expect(t).toContain("Zahlenwert unbekannt oder geheim zu halten");
    expect(t).toContain("SGB-II-Quote in %");
  });

  it("draws the city's value as a labelled dashed line", () => {
    const fig = barChartSvg(base);
    expect(fig.svg).toMatch(
      new RegExp(`<line [^>]*stroke="${CITY_COLOUR}" stroke-width="2" stroke-dasharray="6 4"/>`),
    );
    expect(texts(fig.svg)).toContain("Stadt: 10,3 %");
    expect(
      texts(barChartSvg({ ...base, reference: { name: "Kreis", value: 1234.5 } }).svg),
    ).toContain("Kreis: 1.234,5 %");
  });

  it("never draws a withheld value, even when the number was passed along", () => {
    const fig = barChartSvg({
      ...base,
      rows: [
        { name: "A", value: 42.4, withheld: true },
        { name: "B", value: 1 },
      ],
    });
    expect(bars(fig.svg)).toHaveLength(1);
    expect(fig.svg).not.toContain("42,4");
  });

  it("draws negative values to the left of zero", () => {
    const fig = barChartSvg({
      ...base,
      rows: [
        { name: "A", value: 2.4 },
        { name: "B", value: -3.6 },
      ],
      reference: null,
    });
    const [a, b] = bars(fig.svg);
    expect(b!.x + b!.width).toBeCloseTo(a!.x, 0);
    expect(texts(fig.svg)).toContain("−3,6");
    expect(fig.svg).not.toContain("stroke-dasharray");
  });

  it("cuts long names to their column", () => {
    const fig = barChartSvg({
      ...base,
      rows: [
        {
          name: "Ein sehr langer Name eines Stadtteils mit einem Zusatz in Klammern (Nord)",
          value: 1,
        },
      ],
    });
    expect(texts(fig.svg).some((t) => t.startsWith("Ein sehr langer") && t.endsWith("…"))).toBe(
      true,
    );
  });

  it("describes the chart in one German sentence", () => {
    expect(barChartSvg(base).alt).toBe(
      "Balkendiagramm: SGB-II-Quote 2021 für 6 Gebiete von 3,2 % (Mürwik) bis 21,9 % (Neustadt); Stadt: 10,3 %; 1 Wert geheim gehalten; 1 Wert fehlt.",
    );
    const none = barChartSvg({ ...base, rows: [{ name: "A", value: null }], reference: null });
    expect(none.alt).toBe("Balkendiagramm: SGB-II-Quote 2021 für 1 Gebiet; 1 Wert fehlt.");
    expect(xmlProblems(none.svg)).toEqual([]);
  });
});
