import { describe, expect, it } from "vitest";
import { formatChange, formatPeriod, formatValue, sourceLine } from "./format.ts";
import { textBlock } from "./markdown.ts";
import { findPlaceholders, type FigureLookup, type LookedUp } from "./placeholders.ts";

/** Two periods, the city "0" and two districts; the SGB II rate is withheld in 02 in 2020. */
const values: Record<string, LookedUp> = {
  "quote|0|2021": { kind: "known", value: 10.25 },
  "quote|0|2020": { kind: "known", value: 11 },
  "quote|01|2021": { kind: "known", value: 14.5 },
  "quote|01|2020": { kind: "known", value: 13.2 },
  "quote|02|2021": { kind: "known", value: 6 },
  "quote|02|2020": { kind: "suppressed", reason: "weniger als 3 Fälle" },
  "einw|0|2021": { kind: "known", value: 91234 },
};

const lookup = (reportArea: string | null = null): FigureLookup => ({
  reportArea,
  periodText: () => "2021",
  period: (ref, purpose) => {
    if (ref === null)
      return { code: purpose === "since" ? "2020" : purpose === "month" ? "2026-10" : "2021" };
    if (ref === "vorjahr") return { code: "2020" };
    if (/^\d{4}(-\d{2})?$/.test(ref)) return { code: ref };
    return { error: `„${ref}“ ist kein Zeitraum.` };
  },
  indicator: (code) =>
    code === "quote"
      ? { label: "SGB-II-Quote", unit: "%", decimals: 1 }
      : code === "einw"
        ? { label: "Einwohner", unit: "Personen", decimals: 0 }
        : undefined,
  areaName: (code) => ({ "0": "Flensburg", "01": "Altstadt", "02": "Neustadt" })[code],
  cityArea: () => "0",
  value: (i, a, p) => values[`${i}|${a}|${p}`],
  rank: (i, a, p) => (i === "quote" && p === "2021" ? { rank: a === "01" ? 1 : 2, of: 2 } : null),
  accommodation: (month, figure) =>
    month === "2026-10"
      ? (({ persons: 112, occupancyRate: 0.337 } as Record<string, number>)[figure] ?? null)
      : undefined,
});

const render = (md: string, area: string | null = null) => {
  const r = textBlock(md, lookup(area));
  return {
    text: r.nodes
      .map((n) => (n.kind === "paragraph" ? n.inlines.map((i) => i.text).join("") : n.kind))
      .join("\n"),
    errors: r.errors.map((e) => `${e.line}:${e.column} ${e.message}`),
    warnings: r.warnings.map((e) => e.message),
  };
};

describe("formatting", () => {
  it("writes numbers, changes and periods the German way", () => {
    expect(formatValue(91234, "Personen", 0)).toBe("91.234 Personen");
    expect(formatValue(10.25, "%", 1)).toBe("10,3 %");
    expect(formatValue(-0.04, "%", 1)).toBe("0,0 %");
    expect(formatChange(1.3, "%", 1)).toBe("+1,3 Pp.");
    expect(formatChange(-5, "Personen", 0)).toBe("−5 Personen");
    expect(formatChange(0.01, "%", 1)).toBe("±0,0 Pp.");
    expect(formatPeriod("2021-H1")).toBe("1. Halbjahr 2021");
    expect(formatPeriod("2026-10")).toBe("Oktober 2026");
    expect(formatPeriod("2021-12-31")).toBe("31.12.2021");
  });

  it("names each source once, the workspace for an indicator without one", () => {
    const ws = "Flensburg";
    expect(
      sourceLine(
        ["Stadt Flensburg, Sozialatlas 2022.", null, "Stadt Flensburg, Sozialatlas 2022"],
        ws,
      ),
    ).toBe(
      "Quelle: Stadt Flensburg, Sozialatlas 2022; Flensburg; Berechnung und Darstellung mit Sopla.",
    );
    expect(sourceLine([], ws)).toBe("Quelle: Flensburg; Berechnung und Darstellung mit Sopla.");
    expect(sourceLine(["  "], ws)).toBe("Quelle: Flensburg; Berechnung und Darstellung mit Sopla.");
  });
});

describe("placeholders", () => {
  it("finds each placeholder with line and column, and what it asks for", () => {
    const found = findPlaceholders('Im Jahr {{zeitraum}}\nlag {{wert quote gebiet="01"}} vor.');
    expect(found.map((f) => [f.line, f.column, f.placeholder?.fn])).toEqual([
      [1, 9, "period"],
      [2, 5, "value"],
    ]);
    expect(found[1]!.placeholder).toEqual({
      fn: "value",
      indicator: "quote",
      area: "01",
      period: null,
    });
  });

  it("names what is wrong with a placeholder", () => {
    const errors = (text: string) => findPlaceholders(text).map((f) => f.error);
    expect(errors("{{wurst quote}}")[0]).toMatch(/„wurst“ ist kein Platzhalter/);
    expect(errors("{{wert}}")[0]).toBe("„wert“ braucht: Indikator.");
    expect(errors("{{wert quote bezirk=01}}")[0]).toMatch(/kennt den Parameter „bezirk“ nicht/);
    expect(errors("{{zeitraum x=1}}")[0]).toMatch(/kennt keine Parameter/);
    expect(errors("{{unterkunft betten}}")[0]).toMatch(/keine Kennzahl der Unterkünfte/);
    expect(errors("Text {{wert quote")[0]).toBe("„{{“ ohne „}}“ danach.");
    expect(errors("Text }} mehr")[0]).toBe("„}}“ ohne „{{“ davor.");
    expect(errors("{{wert quote gebiet=01 gebiet=02}}")[0]).toMatch(/zweimal/);
  });

  it("fills values, city values, changes, ranks, names and accommodation figures", () => {
    const r = render(
      [
        "{{gebiet}}: {{wert quote}} im Jahr {{zeitraum}}, {{veraenderung quote}} seit 2020.",
        "Die Altstadt: {{wert quote gebiet=01}}, Rang {{rang quote gebiet=01}}; Einwohner {{stadt einw}}.",
        "In den Unterkünften: {{unterkunft personen}} Personen, Auslastung {{unterkunft auslastung}}.",
      ].join("\n\n"),
    );
    expect(r.errors).toEqual([]);
    expect(r.text.split("\n")).toEqual([
      "Flensburg: 10,3 % im Jahr 2021, −0,8 Pp. seit 2020.",
      "Die Altstadt: 14,5 %, Rang 1. von 2; Einwohner 91.234 Personen.",
      "In den Unterkünften: 112 Personen, Auslastung 33,7 %.",
    ]);
  });

  it("takes the report's area when none is named (area profiles)", () => {
    expect(render("{{gebiet}}: {{wert quote}}, {{veraenderung quote}}", "01").text).toBe(
      "Altstadt: 14,5 %, +1,3 Pp.",
    );
  });

  it("reports an unknown indicator, a period without data and an unknown area with their place", () => {
    const r = render(
      "Erste Zeile.\n\nZweite {{wert armut}} und {{wert quote zeitraum=2019}}.\n{{gebiet 99}}",
    );
    expect(r.errors).toEqual([
      "3:8 {{wert armut}}: Indikator „armut“ gibt es nicht im Katalog.",
      "3:27 {{wert quote zeitraum=2019}}: SGB-II-Quote: für 2019 gibt es keine Daten.",
      "4:1 {{gebiet 99}}: Gebiet „99“ gibt es nicht.",
    ]);
  });

  it("prints a withheld value as withheld and warns", () => {
    const r = render("{{veraenderung quote gebiet=02}}");
    expect(r.text).toBe("(gesperrt)");
    expect(r.warnings[0]).toMatch(/Neustadt, 2020: gesperrt \(weniger als 3 Fälle\)/);
  });

  it("never lets a figure turn into markup", () => {
    const weird: FigureLookup = {
      ...lookup(),
      areaName: (c) => (c === "0" ? "*Stadt* <b>x</b>" : undefined),
    };
    const r = textBlock("{{gebiet}}", weird);
    expect(r.nodes).toEqual([{ kind: "paragraph", inlines: [{ text: "*Stadt* <b>x</b>" }] }]);
  });
});

describe("text blocks", () => {
  it("reads paragraphs, subheadings, lists and emphasis", () => {
    const r = textBlock(
      "### Lage\n\nDie **Quote** ist *gesunken*.\n\n- eins\n- zwei {{zeitraum}}\n",
      lookup(),
    );
    expect(r.errors).toEqual([]);
    expect(r.nodes).toEqual([
      { kind: "subheading", text: "Lage" },
      {
        kind: "paragraph",
        inlines: [
          { text: "Die " },
          { text: "Quote", strong: true },
          { text: " ist " },
          { text: "gesunken", emphasis: true },
          { text: "." },
        ],
      },
      { kind: "list", ordered: false, items: [[{ text: "eins" }], [{ text: "zwei 2021" }]] },
    ]);
  });

  it("refuses HTML, code and quotes with their line", () => {
    const r = textBlock("Absatz.\n\n<script>alert(1)</script>\n\n> Zitat\n", lookup());
    expect(r.nodes).toEqual([]);
    expect(r.errors.map((e) => [e.line, e.message])).toEqual([
      [3, "HTML gehört nicht in den Text eines Berichts."],
      [5, "Zitatblöcke (>) sind nicht vorgesehen."],
    ]);
  });
});
