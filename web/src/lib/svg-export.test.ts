import { describe, expect, it } from "vitest";
import { frameSvg, xmlText } from "./svg-export.ts";

describe("frameSvg", () => {
  it("frames a drawing with title, source and date, all escaped", () => {
    const file = frameSvg(
      '<rect width="10" height="10"/>',
      { width: 600, height: 300 },
      {
        title: "Anteil <18 & älter",
        source: "Quelle: Stadt „Flensburg“",
        date: "Stand: 24.11.2026",
      },
    );
    expect(file.width).toBe(632);
    expect(file.height).toBe(392);
    expect(file.svg).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="632" height="392"/,
    );
    expect(file.svg).toContain("<title>Anteil &lt;18 &amp; älter</title>");
    expect(file.svg).toContain(">Quelle: Stadt „Flensburg“</text>");
    expect(file.svg).toContain(">Stand: 24.11.2026</text>");
    expect(file.svg).toContain(
      '<g transform="translate(16 44)"><rect width="10" height="10"/></g>',
    );
  });

  it("escapes quotes for attributes", () => {
    expect(xmlText('a"b')).toBe("a&quot;b");
  });
});
