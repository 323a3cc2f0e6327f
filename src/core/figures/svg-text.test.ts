import { describe, expect, it } from "vitest";
import { fitText, textWidth, wrapText, xmlText } from "./svg-text.ts";
import { xmlProblems } from "./xml-check.ts";

describe("xmlText", () => {
  it("escapes markup and quotes for text nodes and double-quoted attributes", () => {
    expect(xmlText('Nord & <Süd> "Mitte"')).toBe("Nord &amp; &lt;Süd&gt; &quot;Mitte&quot;");
    expect(xmlText("a&amp;b")).toBe("a&amp;amp;b");
  });

  it("drops characters XML does not allow, which would make the whole file unreadable", () => {
    expect(xmlText("Alt\u0000stadt\u0007 \ud800Nord")).toBe("Altstadt Nord");
    // Tab, line feed and a real surrogate pair (an emoji) are kept.
    expect(xmlText("a\tb\nc 🏠")).toBe("a\tb\nc 🏠");
  });
});

describe("xmlProblems", () => {
  it("accepts escaped text and finds what breaks a document", () => {
    expect(xmlProblems(`<svg a="1"><text>${xmlText("<&>")}</text><g/></svg>`)).toEqual([]);
    expect(xmlProblems("<svg><text>a < b</text></svg>")).not.toEqual([]);
    expect(xmlProblems("<svg><text>a & b</text></svg>")).not.toEqual([]);
    expect(xmlProblems("<svg><g></svg>")).not.toEqual([]);
    expect(xmlProblems("<svg/><svg/>")).toEqual(["2 root elements"]);
  });
});

describe("text measures", () => {
  it("estimates wider text as wider and grows with the font size", () => {
    expect(textWidth("Mürwik", 13)).toBeGreaterThan(textWidth("Illi", 13));
    expect(textWidth("Mürwik", 26)).toBeCloseTo(2 * textWidth("Mürwik", 13));
    expect(textWidth("", 13)).toBe(0);
  });

  it("cuts text with an ellipsis only where it does not fit", () => {
    expect(fitText("Altstadt", 200, 13)).toBe("Altstadt");
    const cut = fitText("Sehr langer Stadtteilname mit Zusatz", 120, 13);
    expect(cut.endsWith("…")).toBe(true);
    expect(textWidth(cut, 13)).toBeLessThanOrEqual(120);
  });

  it("wraps at spaces and ends the last allowed line with an ellipsis", () => {
    expect(wrapText("SGB-II-Quote in %", 300, 13)).toEqual(["SGB-II-Quote in %"]);
    const lines = wrapText(
      "Anteil der Leistungsberechtigten nach dem SGB II an der Bevölkerung",
      150,
      13,
      2,
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith("…")).toBe(true);
    for (const l of lines) expect(textWidth(l, 13)).toBeLessThanOrEqual(150);
  });
});
