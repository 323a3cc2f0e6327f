import { describe, expect, it } from "vitest";
import { CITY_COLOUR, SERIES_COLOURS } from "./chart-colours.ts";
import { lineChartSvg, type LineChartInput } from "./line-chart.ts";
import { textWidth } from "./svg-text.ts";
import { xmlProblems } from "./xml-check.ts";

const base: LineChartInput = {
  periods: ["2017", "2018", "2019", "2020", "2021"],
  label: "SGB-II-Quote",
  unit: "%",
  decimals: 1,
  series: [
    {
      name: "Stadt",
      values: [11.2, 10.9, 10.5, 10.6, 10.3],
      colour: CITY_COLOUR,
      dashed: true,
      marker: "none",
    },
    { name: "Neustadt", values: [23.8, null, 22.0, 22.4, 21.9] },
    { name: 'Nord & <Süd> "Mitte"', values: [null, 6.1, null, 5.6, 5.5] },
  ],
};

/** The d attribute of each series line (stroke-width 2.5, no fill). */
const lines = (svg: string) =>
  [...svg.matchAll(/<path d="([^"]*)" fill="none" stroke="([^"]+)" stroke-width="2.5"/g)].map(
    (m) => ({ d: m[1]!, colour: m[2]! }),
  );
const texts = (svg: string) => [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);

describe("lineChartSvg", () => {
  it("is a well-formed standalone SVG with title and size", () => {
    const fig = lineChartSvg(base);
    expect(xmlProblems(fig.svg)).toEqual([]);
    expect(fig.svg).toContain(`width="640" height="${fig.height}" viewBox="0 0 640 ${fig.height}"`);
    expect(fig.svg).toContain("<title>SGB-II-Quote, 2017 bis 2021</title>");
    expect(fig.svg).toContain(`font-family="'Source Sans 3', 'DejaVu Sans', sans-serif"`);
  });

  it("draws one line per series, broken at every gap, never across it", () => {
    const [city, neustadt, nord] = lines(lineChartSvg(base).svg);
    expect(city!.d.match(/M/g)).toHaveLength(1);
    expect(city!.d.match(/L/g)).toHaveLength(4);
    // 23.8 | gap | 22.0 → 22.4 → 21.9: two runs, the first a single point.
    expect(neustadt!.d.match(/M/g)).toHaveLength(2);
    expect(neustadt!.d.match(/L/g)).toHaveLength(2);
    // gap, 6.1, gap, 5.6 → 5.5
    expect(nord!.d.match(/M/g)).toHaveLength(2);
    expect(nord!.d.match(/L/g)).toHaveLength(1);
  });

  it("uses the given or the default colours, the city dashed", () => {
    const fig = lineChartSvg(base);
    expect(lines(fig.svg).map((l) => l.colour)).toEqual([
      CITY_COLOUR,
      SERIES_COLOURS[1],
      SERIES_COLOURS[2],
    ]);
    expect(fig.svg).toMatch(
      new RegExp(
        `stroke="${CITY_COLOUR}" stroke-width="2.5" stroke-linejoin="round" stroke-dasharray`,
      ),
    );
  });

  it("marks every known value of a series with its shape, and none for the city", () => {
    const fig = lineChartSvg(base);
    // Neustadt: squares, 4 values + 1 in the legend; the other series diamonds, 3 + 1.
    const squares = fig.svg.match(new RegExp(`<rect [^>]*fill="${SERIES_COLOURS[1]}"`, "g"));
    expect(squares).toHaveLength(5);
    const marks = fig.svg.match(/<title>[^<]*<\/title>/g)!.slice(1);
    expect(marks).toContain("<title>Neustadt, 2019: 22,0 %</title>");
    expect(marks).toContain("<title>Nord &amp; &lt;Süd&gt; &quot;Mitte&quot;, 2018: 6,1 %</title>");
    expect(marks.filter((t) => t.startsWith("<title>Stadt,"))).toEqual([]);
  });

  it("gives a lone point of a series without markers a dot, so it does not vanish", () => {
    const fig = lineChartSvg({
      ...base,
      series: [{ name: "Stadt", values: [1, null, 2, 3, null], marker: "none" }],
    });
    expect(fig.svg.match(/<circle /g)).toHaveLength(1);
  });

  it("labels the y axis with round German ticks from zero and the unit in the title", () => {
    const t = texts(lineChartSvg(base).svg);
    expect(t).toEqual(expect.arrayContaining(["0", "5", "10", "15", "20", "25"]));
    expect(t).toContain("SGB-II-Quote in %");
    const small = texts(
      lineChartSvg({ ...base, series: [{ name: "A", values: [0.1, 0.2, 0.35, 0.3, 0.25] }] }).svg,
    );
    expect(small).toEqual(expect.arrayContaining(["0,0", "0,1", "0,2", "0,3", "0,4"]));
    const big = texts(
      lineChartSvg({
        ...base,
        unit: "",
        series: [{ name: "A", values: [1200, 2500, 3000, 4100, 5000] }],
      }).svg,
    );
    expect(big).toContain("5.000");
  });

  it("lists every series in the legend below the plot", () => {
    const fig = lineChartSvg(base);
    const t = texts(fig.svg);
    expect(t.slice(-3)).toEqual(["Stadt", "Neustadt", "Nord &amp; &lt;Süd&gt; &quot;Mitte&quot;"]);
  });

  it("keeps the last period's label inside the drawing and thins crowded labels", () => {
    const periods = Array.from(
      { length: 30 },
      (_, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`,
    );
    const fig = lineChartSvg({
      ...base,
      periods,
      series: [{ name: "A", values: periods.map((_, i) => i) }],
    });
    const labels = [
      ...fig.svg.matchAll(
        /<text x="([\d.]+)" y="[\d.]+" text-anchor="middle" font-size="13" fill="#1a1a1a">(\d{4}-\d\d)<\/text>/g,
      ),
    ];
    expect(labels.length).toBeLessThan(periods.length);
    const last = labels.at(-1)!;
    expect(last[2]).toBe("2026-06");
    expect(Number(last[1]) + textWidth("2026-06", 13) / 2).toBeLessThanOrEqual(fig.width);
    // No two labels overlap.
    for (let i = 1; i < labels.length; i++) {
      expect(Number(labels[i]![1]) - Number(labels[i - 1]![1])).toBeGreaterThan(
        textWidth("2026-06", 13),
      );
    }
  });

  it("describes the chart in one German sentence", () => {
    expect(lineChartSvg(base).alt).toBe(
      'Liniendiagramm: SGB-II-Quote in % von 2017 bis 2021 für Stadt, Neustadt und Nord & <Süd> "Mitte"; zuletzt (2021) höchster Wert Neustadt mit 21,9 %; Lücken stehen für fehlende oder geheim gehaltene Werte.',
    );
    const none = lineChartSvg({
      ...base,
      series: [{ name: "A", values: [null, null, null, null, null] }],
    });
    expect(none.alt).toBe(
      "Liniendiagramm: SGB-II-Quote in % von 2017 bis 2021 für A: keine Werte.",
    );
    expect(xmlProblems(none.svg)).toEqual([]);
  });

  it("refuses a series without one value per period", () => {
    expect(() => lineChartSvg({ ...base, series: [{ name: "A", values: [1, 2] }] })).toThrow(
      RangeError,
    );
  });
});

describe("an interval band", () => {
  const band = {
    name: "95-%-Intervall",
    low: [10.0, 9.8, null, 10.1, 9.9],
    high: [12.4, 12.0, null, 11.2, 30.0],
  };

  it("is shaded behind the lines in one polygon per run of known intervals, named in the legend", () => {
    const svg = lineChartSvg({ ...base, band }).svg;
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg.match(/<polygon /g)).toHaveLength(2);
    expect(svg.indexOf("<polygon")).toBeLessThan(svg.indexOf('stroke-width="2.5"'));
    expect(texts(svg)).toContain("95-%-Intervall");
    // The axis reaches the band's highest end, not only the lines'.
    expect(texts(svg)).toContain("30");
  });

  it("refuses a band without one interval per period", () => {
    expect(() => lineChartSvg({ ...base, band: { ...band, low: [1] } })).toThrow(RangeError);
  });
});
