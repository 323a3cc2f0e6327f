/**
 * A report as one standalone German HTML page: the web version of the report and the source the
 * PDF is printed from. Everything is inside the file (the report font as data URLs, the figures
 * as inline SVG), so it opens offline, can be mailed as one file and prints the same anywhere.
 * The print style sets A4 pages with a title page, a table of contents whose page numbers the
 * PDF renderer fills in (`tocPages`), and one new page per chapter.
 */
import { sanitizeSvg } from "../core/figures/sanitize-svg.ts";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type {
  Figure,
  Inline,
  List,
  Node,
  ReportDocument,
  Table,
} from "../core/reports/document.ts";
import { cellText } from "../core/reports/document.ts";
import { formatDay } from "../core/reports/format.ts";

export interface HtmlOptions {
  /** Printed page numbers of the chapters and sections, keyed by their heading ids. */
  readonly tocPages?: ReadonlyMap<string, number>;
  /**
   * `false` writes a short marker instead of the font data: only for the golden file, which
   * would otherwise hold a quarter of a megabyte of base64.
   */
  readonly embedFonts?: boolean;
}

/** A chapter or section as the table of contents lists it. */
export interface TocEntry {
  /** The heading's id in the page, stable for a document: `kapitel-2`, `kapitel-2-3`. */
  readonly id: string;
  readonly title: string;
  readonly level: 1 | 2;
}

/** The id of chapter `chapter` (from 0), or of its section `section` (from 0). */
export function headingId(chapter: number, section?: number): string {
  return section === undefined ? `kapitel-${chapter + 1}` : `kapitel-${chapter + 1}-${section + 1}`;
}

/** The chapters and sections in document order: what the table of contents shows. */
export function tocEntries(doc: ReportDocument): TocEntry[] {
  return doc.chapters.flatMap((chapter, c) => [
    { id: headingId(c), title: chapter.title, level: 1 as const },
    ...chapter.sections.map((section, s) => ({
      id: headingId(c, s),
      title: section.title,
      level: 2 as const,
    })),
  ]);
}

/** The report as a complete HTML document. */
export function renderHtml(doc: ReportDocument, options: HtmlOptions = {}): string {
  const tocPages = options.tocPages ?? new Map<string, number>();
  const body = [titlePage(doc), contents(doc, tocPages), ...doc.chapters.map(chapterHtml)].join(
    "\n",
  );
  const description = [doc.subtitle, `${doc.publisher}, ${doc.period}`]
    .filter((s) => s !== null)
    .join(" – ");
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.title)}</title>
<meta name="author" content="${esc(doc.publisher)}">
<meta name="description" content="${esc(description)}">
<meta name="generator" content="Sopla">
<style>
${fontFaces(options.embedFonts !== false)}
${STYLE}
${pageMargins(doc.title)}
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/**
 * The running header (the report's title, right, over a thin rule) and footer ("Seite N von M")
 * as page-margin boxes, on every page but the title page. Printed by Chromium for the PDF, and
 * by any browser that prints the standalone HTML.
 */
function pageMargins(title: string): string {
  const box = `font-family:"Source Sans 3","DejaVu Sans",sans-serif;font-size:8.5pt;color:#595959`;
  return `@page{@top-right{content:${cssString(title)};${box};vertical-align:bottom;border-bottom:0.5pt solid #bfbfbf;padding-bottom:2pt;margin-bottom:6mm}
@bottom-right{content:"Seite " counter(page) " von " counter(pages);${box};vertical-align:top;padding-top:5mm}}
@page:first{@top-right{content:none;border:none}@bottom-right{content:none}}`;
}

/**
 * A CSS string: quotes and backslashes escaped, and every character that could end the style
 * element or a line (`<`, `>`, `&`, line breaks) written as a CSS escape.
 */
export function cssString(text: string): string {
  const escaped = [...text]
    .map((ch) =>
      ch === "\\" || ch === '"'
        ? `\\${ch}`
        : /[<>&\n\r\f]/.test(ch)
          ? `\\${ch.codePointAt(0)!.toString(16)} `
          : ch,
    )
    .join("");
  return `"${escaped}"`;
}

/** Text and attribute values with the five characters that HTML could read as markup escaped. */
export function esc(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** The facts of the title page, the same in every output: publisher, period, state, data. */
export function titleFacts(doc: ReportDocument): [string, string][] {
  return [
    ["Herausgeber", doc.publisher],
    ...(doc.publisherAddress ? [["Anschrift", doc.publisherAddress] as [string, string]] : []),
    ["Berichtszeitraum", doc.period],
    ["Bearbeitungsstand", doc.state],
    ["Datenstand", formatDay(doc.dataAsOf)],
  ];
}

function titlePage(doc: ReportDocument): string {
  const facts = titleFacts(doc);
  const subtitle = doc.subtitle === null ? "" : `\n<p class="untertitel">${esc(doc.subtitle)}</p>`;
  const logo = doc.logo
    ? `<img class="logo" src="data:${doc.logo.mediaType};base64,${doc.logo.base64}" alt="Logo: ${esc(doc.publisher)}">\n`
    : "";
  return `<header class="titelblatt">
${logo}<p class="herausgeber">${esc(doc.publisher)}</p>
<div class="titelblock">
<h1 class="titel">${esc(doc.title)}</h1>${subtitle}
</div>
<dl class="angaben">
${facts.map(([label, value]) => `<div><dt>${label}</dt><dd>${esc(value)}</dd></div>`).join("\n")}
</dl>
</header>`;
}

/**
 * The table of contents. Every entry links to its heading (in the PDF, too). The page number
 * sits in a box of fixed width at the end of the line, so filling the numbers in after the first
 * print moves nothing, and the dotted leader is a border rather than text, so copied or
 * extracted text reads "Methodenanhang 12" and not a row of dots.
 */
function contents(doc: ReportDocument, tocPages: ReadonlyMap<string, number>): string {
  const entry = (e: TocEntry) => {
    const page = tocPages.get(e.id);
    return `<a href="#${e.id}"><span class="toc-text">${esc(e.title)}</span><span class="toc-punkte" aria-hidden="true"></span><span class="toc-seite">${page === undefined ? "" : String(page)}</span></a>`;
  };
  const chapters = doc.chapters.map((chapter, c) => {
    const sections = chapter.sections.map(
      (section, s) =>
        `<li class="toc-abschnitt">${entry({ id: headingId(c, s), title: section.title, level: 2 })}</li>`,
    );
    const list = sections.length === 0 ? "" : `\n<ol>\n${sections.join("\n")}\n</ol>\n`;
    return `<li class="toc-kapitel">${entry({ id: headingId(c), title: chapter.title, level: 1 })}${list}</li>`;
  });
  return `<nav class="inhalt" aria-label="Inhalt">
<h2>Inhalt</h2>
<ol class="toc">
${chapters.join("\n")}
</ol>
</nav>`;
}

function chapterHtml(chapter: ReportDocument["chapters"][number], c: number): string {
  const sections = chapter.sections.map((section, s) => {
    const nodes = section.nodes.map(nodeHtml).join("\n");
    return `<section class="abschnitt">
<h2 id="${headingId(c, s)}">${esc(section.title)}</h2>
${nodes}
</section>`;
  });
  return `<section class="kapitel">
<h1 id="${headingId(c)}">${esc(chapter.title)}</h1>
${sections.join("\n")}
</section>`;
}

function nodeHtml(node: Node): string {
  switch (node.kind) {
    case "paragraph":
      return `<p>${inlines(node.inlines)}</p>`;
    case "subheading":
      return `<h3>${esc(node.text)}</h3>`;
    case "list":
      return listHtml(node);
    case "findings":
      return `<ul class="kernaussagen">\n${node.items.map((f) => `<li>${keepUnits(esc(f.text))}</li>`).join("\n")}\n</ul>`;
    case "table":
      return tableHtml(node);
    case "figure":
      return figureHtml(node);
  }
}

function inlines(runs: readonly Inline[]): string {
  return runs
    .map((run) => {
      let html = keepUnits(esc(run.text));
      if (run.emphasis === true) html = `<em>${html}</em>`;
      if (run.strong === true) html = `<strong>${html}</strong>`;
      return html;
    })
    .join("");
}

/** Lists up to this many items stay on one page. */
const SHORT_LIST_ITEMS = 6;

/**
 * A number and its unit ("10,3 %", "−0,6 Pp.") never split over two lines. A span that does
 * not wrap rather than a no-break space: the text stays as written, so searching the PDF for
 * "10,3 %" with an ordinary space still finds it.
 */
function keepUnits(html: string): string {
  return html.replace(/[−+±]?\d[\d.]*(?:,\d+)? (?:%|Pp\.)/g, (m) => `<span class="nb">${m}</span>`);
}

function listHtml(node: List): string {
  const tag = node.ordered ? "ol" : "ul";
  const items = node.items.map((item) => `<li>${inlines(item)}</li>`).join("\n");
  const cls = node.items.length <= SHORT_LIST_ITEMS ? ' class="kurz"' : "";
  return `<${tag}${cls}>\n${items}\n</${tag}>`;
}

/** Tables up to this many rows stay on one page; longer ones break, the header repeated. */
const SMALL_TABLE_ROWS = 20;

function tableHtml(node: Table): string {
  // A first column of names (districts, years as words) heads its row for screen readers.
  const rowHeaders = node.columns[0]?.numeric === false;
  const head = node.columns
    .map((c) => `<th scope="col"${c.numeric ? ' class="zahl"' : ""}>${esc(c.label)}</th>`)
    .join("");
  const rows = node.rows.map((row) => {
    const cells = node.columns.map((column, i) => {
      const cell = row[i];
      const numeric = column.numeric || (cell !== undefined && !("text" in cell));
      const cls = numeric ? ' class="zahl"' : "";
      const text = cell === undefined ? "" : esc(cellText(cell));
      return i === 0 && rowHeaders
        ? `<th scope="row"${cls}>${text}</th>`
        : `<td${cls}>${text}</td>`;
    });
    return `<tr>${cells.join("")}</tr>`;
  });
  const small = node.rows.length <= SMALL_TABLE_ROWS ? " klein" : "";
  const notes = node.notes.map((n) => `<p class="anmerkung">${esc(n)}</p>`).join("\n");
  return `<div class="tabelle${small}">
<table>
<caption><span class="nummer">Tabelle ${node.number}:</span> ${esc(node.caption)}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>
${notes === "" ? "" : `${notes}\n`}<p class="quelle">${esc(node.source)}</p>
</div>`;
}

function figureHtml(node: Figure): string {
  const width = Math.max(1, Math.round(node.width));
  const height = Math.max(1, Math.round(node.height));
  // The drawing keeps its own size unless the text column is narrower; the box has the
  // drawing's proportions, so nothing jumps while it lays out.
  const box = `max-width:${width}px;aspect-ratio:${width} / ${height}`;
  return `<figure class="abbildung">
<div class="grafik" role="img" aria-label="${esc(node.alt)}" style="${box}">${sanitizeSvg(node.svg, `abb${node.number}-`, width, height)}</div>
<figcaption><span class="nummer">Abbildung ${node.number}:</span> ${esc(node.caption)}<span class="quelle">${esc(node.source)}</span></figcaption>
</figure>`;
}

/** The report font, as Fontsource ships it (Latin subset: German, dashes, the minus sign). */
const FACES: readonly { readonly weight: number; readonly style: "normal" | "italic" }[] = [
  { weight: 400, style: "normal" },
  { weight: 400, style: "italic" },
  { weight: 600, style: "normal" },
  { weight: 700, style: "normal" },
];

const fontData = new Map<string, string>();

/** The @font-face rules, the font files read once per process. */
function fontFaces(embed: boolean): string {
  const require = createRequire(import.meta.url);
  return FACES.map(({ weight, style }) => {
    const name = `source-sans-3-latin-${weight}-${style}.woff2`;
    let data = embed ? fontData.get(name) : "SCHRIFTDATEN-AUSGELASSEN";
    if (data === undefined) {
      data = readFileSync(require.resolve(`@fontsource/source-sans-3/files/${name}`)).toString(
        "base64",
      );
      fontData.set(name, data);
    }
    return `@font-face{font-family:"Source Sans 3";font-style:${style};font-weight:${weight};font-display:block;src:url(data:font/woff2;base64,${data}) format("woff2")}`;
  }).join("\n");
}

/**
 * The look: sober, like a city's printed report. Dark text, one dark blue for headings and
 * rules, tables with horizontal rules only, small grey sources. Print sets A4 pages with the
 * margins of the Word version (2.5 cm left and top, 2 cm right and bottom); the screen shows the
 * same text as one column.
 */
const STYLE = `:root{--text:#1a1a1a;--akzent:#1f3a5f;--grau:#595959;--linie:#d0d0d0;--flaeche:#e8edf3}
@page{size:A4;margin:25mm 20mm 20mm 25mm}
html{font-family:"Source Sans 3","DejaVu Sans",sans-serif;font-size:10.5pt;line-height:1.45;color:var(--text);background:#fff;-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0}
h1,h2,h3{color:var(--akzent);line-height:1.2;padding-top:2pt;break-after:avoid;break-inside:avoid}
h1{font-size:20pt;font-weight:700;margin:0 0 14pt}
h2{font-size:14pt;font-weight:600;margin:18pt 0 6pt}
h3{font-size:11.5pt;font-weight:600;color:var(--text);margin:12pt 0 4pt}
p{margin:0 0 7pt;orphans:3;widows:3}
ul,ol{margin:0 0 8pt;padding-left:1.6em}
li{margin:0 0 2pt}
ul.kurz,ol.kurz{break-inside:avoid}
.nb{white-space:nowrap}
strong{font-weight:700}
a{color:inherit;text-decoration:none}
.kapitel{break-before:page}
.kapitel>.abschnitt:first-of-type>h2{margin-top:0}
.titelblatt{display:flex;flex-direction:column;min-height:245mm;break-after:page}
.titelblatt .herausgeber{font-size:13pt;font-weight:600;color:var(--akzent);margin:0;padding-bottom:6pt;border-bottom:1.5pt solid var(--akzent)}
.titelblatt .logo{max-height:22mm;max-width:70mm;align-self:flex-start;margin:0 0 6pt}
.titelblatt .titelblock{margin-top:55mm}
.titelblatt .titel{font-size:28pt;margin:0 0 12pt}
.titelblatt .untertitel{font-size:16pt;color:var(--grau);margin:0;line-height:1.3}
.titelblatt .angaben{margin:auto 0 0;padding-top:8pt;border-top:0.75pt solid var(--linie);font-size:11pt}
.titelblatt .angaben div{display:flex;margin:0 0 3pt}
.titelblatt dt{font-weight:600;width:45mm;flex:none}
.titelblatt dd{margin:0}
.inhalt h2{font-size:20pt;font-weight:700;margin:0 0 14pt}
.toc,.toc ol{list-style:none;margin:0;padding:0}
.toc-kapitel{margin:9pt 0 0;font-weight:600}
.toc-abschnitt{margin:2pt 0 0 1.5em;font-weight:400}
.toc a{display:flex;align-items:flex-end}
.toc-text{flex:0 1 auto}
.toc-punkte{flex:1 1 1.5em;min-width:1.5em;margin:0 0.3em 0.32em;border-bottom:1.3pt dotted #8c8c8c}
.toc-seite{flex:0 0 2.2em;text-align:right;font-variant-numeric:tabular-nums}
.kernaussagen{list-style:none;margin:4pt 0 12pt;padding:8pt 12pt;background:var(--flaeche);border-left:3pt solid var(--akzent);break-inside:avoid}
.kernaussagen li{position:relative;padding-left:1.1em;margin:0 0 4pt}
.kernaussagen li:last-child{margin-bottom:0}
.kernaussagen li::before{content:"";position:absolute;left:0.15em;top:0.5em;width:0.42em;height:0.42em;background:var(--akzent)}
.tabelle{margin:12pt 0 14pt}
.tabelle.klein{break-inside:avoid}
table{border-collapse:collapse;width:100%;font-size:9.5pt;line-height:1.3}
caption{caption-side:top;text-align:left;font-weight:600;font-size:10pt;padding:0 0 4pt;break-after:avoid}
.nummer{font-weight:700}
thead{display:table-header-group}
thead th{background:var(--flaeche);border-top:1pt solid var(--text);border-bottom:1pt solid var(--text);font-weight:600;vertical-align:bottom}
th,td{padding:2.5pt 5pt;text-align:left;vertical-align:top}
tbody th{font-weight:400}
tbody tr{border-bottom:0.5pt solid var(--linie);break-inside:avoid}
tbody tr:last-child{border-bottom:1pt solid var(--text)}
.zahl{text-align:right;font-variant-numeric:tabular-nums}
td.zahl{white-space:nowrap}
.anmerkung,.quelle{font-size:8.5pt;color:var(--grau);margin:3pt 0 0;line-height:1.3;break-before:avoid}
.abbildung{margin:14pt 0;break-inside:avoid}
.grafik{width:100%}
.grafik svg{display:block;width:100%;height:100%}
figcaption{font-size:10pt;font-weight:600;margin-top:6pt}
figcaption .quelle{display:block;font-weight:400}
@media screen{
body{max-width:46rem;margin:0 auto;padding:2rem 1.5rem 4rem}
.titelblatt{height:auto;min-height:24rem;margin-bottom:3rem}
.titelblatt .titelblock{margin:4rem 0 3rem}
.inhalt,.kapitel{margin-top:3rem}
.toc a:has(.toc-seite:empty) .toc-punkte{visibility:hidden}
}`;
