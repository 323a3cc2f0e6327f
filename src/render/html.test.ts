import { describe, expect, it } from "vitest";
import type { ReportDocument, Table } from "../core/reports/document.ts";
import { sanitizeSvg } from "../core/figures/sanitize-svg.ts";
import { cssString, headingId, renderHtml, titleFacts, tocEntries } from "./html.ts";
import { sampleDocument, sampleFigure, sampleTable } from "./sample-document.test-support.ts";

/** The sample document with some of its parts replaced. */
function docWith(overrides: Partial<ReportDocument>): ReportDocument {
  return { ...sampleDocument, ...overrides };
}

describe("renderHtml", () => {
  it("matches the golden file for the sample document (font data left out)", async () => {
    // `npx vitest run -u` rewrites the golden file after an intended change; review its diff.
    await expect(renderHtml(sampleDocument, { embedFonts: false })).toMatchFileSnapshot(
      "../../test/fixtures/reports/sample.html",
    );
  });

  it("is a standalone German document with the report font embedded", () => {
    const html = renderHtml(sampleDocument);
    expect(html).toMatch(/^<!doctype html>\n<html lang="de">/);
    expect(html).toContain("<title>Sozialbericht 2021</title>");
    // Four faces (400, 400 italic, 600, 700), each a real WOFF2 file of several kB.
    const faces = [...html.matchAll(/url\(data:font\/woff2;base64,([A-Za-z0-9+/=]+)\)/g)];
    expect(faces).toHaveLength(4);
    for (const face of faces) expect(face[1]?.length).toBeGreaterThan(10_000);
    // Nothing is loaded from elsewhere.
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    expect(html).not.toMatch(/url\((?!data:|#)/);
  });

  it("prints title page facts, the contents and the structure in order", () => {
    const html = renderHtml(sampleDocument, { embedFonts: false });
    expect(html).toContain("<dt>Datenstand</dt><dd>24.11.2026</dd>");
    expect(html).toContain("<dt>Bearbeitungsstand</dt><dd>Entwurf</dd>");
    const headings = [...html.matchAll(/<h([1-3])[^>]*>([^<]*)</g)].map((m) => [
      Number(m[1]),
      m[2],
    ]);
    expect(headings.slice(0, 4)).toEqual([
      [1, "Sozialbericht 2021"],
      [2, "Inhalt"],
      [1, "Schlüsselergebnisse"],
      [2, "Auf einen Blick"],
    ]);
    // No level is skipped on the way down.
    headings.forEach(([level], i) => {
      const before = i === 0 ? 0 : Number(headings[i - 1]?.[0]);
      expect(Number(level)).toBeLessThanOrEqual(before + 1);
    });
  });

  it("fills in the page numbers of the table of contents by heading id", () => {
    const entries = tocEntries(sampleDocument);
    expect(entries.map((e) => e.id)).toEqual([
      "kapitel-1",
      "kapitel-1-1",
      "kapitel-2",
      "kapitel-2-1",
      "kapitel-2-2",
      "kapitel-3",
      "kapitel-3-1",
    ]);
    const html = renderHtml(sampleDocument, {
      embedFonts: false,
      tocPages: new Map([
        [headingId(2), 12],
        [headingId(2, 0), 13],
      ]),
    });
    expect(html).toContain(
      '<a href="#kapitel-3"><span class="toc-text">Methodenanhang</span><span class="toc-punkte" aria-hidden="true"></span><span class="toc-seite">12</span></a>',
    );
    expect(html).toContain('<span class="toc-text">Einwohner</span>');
    expect(html).toContain('<span class="toc-seite">13</span>');
    expect(html).toContain('<h1 id="kapitel-3">Methodenanhang</h1>');
    // Entries without a known page keep their (empty) box, so the line does not change.
    expect(html).toContain(
      '<span class="toc-text">Schlüsselergebnisse</span><span class="toc-punkte" aria-hidden="true"></span><span class="toc-seite"></span>',
    );
  });

  it("escapes <, &, quotes and apostrophes in every text", () => {
    const nasty = `A <b>&amp; "B" 'C'`;
    const table: Table = {
      ...sampleTable,
      caption: nasty,
      source: nasty,
      notes: [nasty],
      columns: [
        { label: nasty, numeric: false },
        { label: "Wert", numeric: true },
      ],
      rows: [[{ text: nasty }, { number: 1, decimals: 0 }]],
    };
    const html = renderHtml(
      docWith({
        title: nasty,
        subtitle: nasty,
        publisher: nasty,
        chapters: [
          {
            title: nasty,
            sections: [
              {
                title: nasty,
                nodes: [
                  { kind: "paragraph", inlines: [{ text: nasty, strong: true }] },
                  { kind: "subheading", text: nasty },
                  { kind: "list", ordered: true, items: [[{ text: nasty }]] },
                  { kind: "findings", items: [{ id: "x", text: nasty }] },
                  table,
                  { ...sampleFigure, caption: nasty, source: nasty, alt: nasty },
                ],
              },
            ],
          },
        ],
      }),
      { embedFonts: false },
    );
    const escaped = "A &lt;b&gt;&amp;amp; &quot;B&quot; &#39;C&#39;";
    expect(html).not.toContain("<b>");
    expect(html).not.toContain('"B"');
    expect(html).toContain(`<title>${escaped}</title>`);
    expect(html).toContain(`<meta name="author" content="${escaped}">`);
    expect(html).toContain(`<strong>${escaped}</strong>`);
    expect(html).toContain(`<th scope="col">${escaped}</th>`);
    expect(html).toContain(`<th scope="row">${escaped}</th>`);
    expect(html).toContain(`aria-label="${escaped}"`);
    expect(html).toContain(`<span class="nummer">Tabelle 1:</span> ${escaped}</caption>`);
    // Title, contents entry, chapter and section heading, and the header's text all escaped.
    expect(html.split(escaped).length - 1).toBeGreaterThanOrEqual(16);
    // The running header is a CSS string inside the style element: nothing in it can end the
    // string or the element.
    expect(html).toContain(`@page{@top-right{content:"A \\3c b\\3e \\26 amp; \\"B\\" 'C'";`);
    expect(html.match(/<\/style>/g)).toHaveLength(1);
  });

  it("writes any title as a CSS string for the running header", () => {
    expect(cssString("Sozialbericht 2021")).toBe('"Sozialbericht 2021"');
    expect(cssString('a\\b"c')).toBe('"a\\\\b\\"c"');
    expect(cssString("x</style><script>")).toBe('"x\\3c /style\\3e \\3c script\\3e "');
    expect(cssString("Zeile\nzwei")).toBe('"Zeile\\a zwei"');
  });

  it("prints a withheld value as '.', other signs as they are, numbers German and right-aligned", () => {
    const html = renderHtml(sampleDocument, { embedFonts: false });
    expect(html).toContain(
      '<tr><th scope="row">Nordstadt</th><td class="zahl">.</td><td class="zahl">9,1</td><td class="zahl">–</td></tr>',
    );
    expect(html).toContain('<td class="zahl">−1,2</td>');
    expect(html).toContain('<td class="zahl">1.000</td>');
    expect(html).toContain('<th scope="col" class="zahl">2020 (%)</th>');
    const x = renderHtml(
      docWith({
        chapters: [
          {
            title: "K",
            sections: [
              {
                title: "A",
                nodes: [{ ...sampleTable, rows: [[{ text: "Nord" }, { sign: "x" }]] }],
              },
            ],
          },
        ],
      }),
      { embedFonts: false },
    );
    expect(x).toContain('<th scope="row">Nord</th><td class="zahl">x</td><td class="zahl"></td>');
  });

  it("shows figures as accessible inline SVG with numbered captions", () => {
    const html = renderHtml(sampleDocument, { embedFonts: false });
    expect(html).toContain(
      `<div class="grafik" role="img" aria-label="${sampleFigure.alt}" style="max-width:480px;aspect-ratio:480 / 200"><svg`,
    );
    expect(html).toContain(
      '<figcaption><span class="nummer">Abbildung 1:</span> SGB-II-Quote 2021 in sechs Stadtteilen<span class="quelle">Quelle: Stadt Flensburg, Sozialatlas 2022.</span></figcaption>',
    );
  });
});

describe("sanitizeSvg", () => {
  it("removes scripts, event handlers and javascript: links, and keeps the drawing", () => {
    const svg = `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)"><rect width="5" height="5" onclick='x()' fill="red"/></a><text x="1" y="9">online = ja</text></svg>`;
    const out = sanitizeSvg(svg, "abb1-", 10, 10);
    expect(out).not.toMatch(/script|alert|onload|onclick|javascript/i);
    expect(out).toContain('<rect width="5" height="5" fill="red"/>');
    // Text that merely looks like an attribute is left alone.
    expect(out).toContain(">online = ja</text>");
    expect(out).toMatch(/^<svg viewBox="0 0 10 10" xmlns=/);
  });

  it("gives every id a prefix per figure, with the references to it", () => {
    const svg = `<svg viewBox="0 0 10 10"><defs><pattern id="gesperrt"/></defs><rect fill="url(#gesperrt)"/><use href="#gesperrt"/></svg>`;
    expect(sanitizeSvg(svg, "abb2-", 10, 10)).toBe(
      `<svg viewBox="0 0 10 10"><defs><pattern id="abb2-gesperrt"/></defs><rect fill="url(#abb2-gesperrt)"/><use href="#abb2-gesperrt"/></svg>`,
    );
  });
});

describe("the title page's facts", () => {
  it("name the publisher and, when set, its address", () => {
    const doc = sampleDocument;
    expect(titleFacts(doc)[0]).toEqual(["Herausgeber", doc.publisher]);
    expect(titleFacts(doc).map(([k]) => k)).not.toContain("Anschrift");
    const withAddress = { ...doc, publisherAddress: "Rathausallee 50, 22846 Norderstedt" };
    expect(titleFacts(withAddress).slice(0, 2)).toEqual([
      ["Herausgeber", doc.publisher],
      ["Anschrift", "Rathausallee 50, 22846 Norderstedt"],
    ]);
    expect(renderHtml(withAddress, { embedFonts: false })).toContain(
      "<dd>Rathausallee 50, 22846 Norderstedt</dd>",
    );
  });
});

describe("the title page's logo", () => {
  it("stands above the publisher as an image with a text alternative, when there is one", () => {
    expect(renderHtml(sampleDocument, { embedFonts: false })).not.toContain('class="logo"');
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="4" height="4"/></svg>';
    const withLogo: ReportDocument = {
      ...sampleDocument,
      logo: { mediaType: "image/svg+xml", base64: Buffer.from(svg).toString("base64") },
    };
    const html = renderHtml(withLogo, { embedFonts: false });
    expect(html).toMatch(
      /<header class="titelblatt">\n<img class="logo" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="Logo: [^"]+">\n<p class="herausgeber">/,
    );
  });
});
