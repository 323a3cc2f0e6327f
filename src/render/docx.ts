/**
 * A report as a Word document the planner keeps editing: real heading styles (so Word's
 * navigation pane and table of contents work), a table of contents field, real lists and
 * tables, captions in Word's "Caption" style numbered by SEQ fields (so captions inserted later
 * in Word continue the count), figures as pictures with alt text, and page numbers as fields.
 * Everything is German (de-DE), so Word's spelling check and hyphenation use German.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  SimpleField,
  ShadingType,
  Table as DocxTable,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
  type ParagraphChild,
} from "docx";
import { estimatePageNumbersWith } from "docx/layout";
import {
  figuresOf,
  tablesOf,
  type Cell,
  type Figure,
  type Inline,
  type List,
  type Node,
  type ReportDocument,
  type Table,
  cellText,
} from "../core/reports/document.ts";
import { formatDay } from "../core/reports/format.ts";
import { rasterizeAll } from "./rasterize.ts";

/** The report font; Word substitutes a similar sans-serif (Calibri, Arial) where it is missing. */
const FONT = "Source Sans 3";
/**
 * The font table, written by us because docx leaves it empty: it tells Word what kind of font
 * Source Sans 3 is (a proportional sans-serif, by its PANOSE numbers) and names Calibri as its
 * alternative, so a PC without the font shows a similar sans-serif rather than Times New Roman.
 * The fonts are only described, never embedded.
 */
const FONT_TABLE =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
  `<w:font w:name="${FONT}"><w:altName w:val="Calibri"/><w:panose1 w:val="020B0303030403020204"/><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>` +
  '<w:font w:name="Calibri"><w:panose1 w:val="020F0502020204030204"/><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>' +
  '<w:font w:name="Arial"><w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>' +
  "</w:fonts>";
const LANGUAGE = { value: "de-DE" } as const;
const TEXT_COLOUR = "1A1A1A";
const ACCENT = "1F3A5F";
const MUTED = "595959";

/** A4 in twips (1/1440 in), with margins of 2.5 cm left and top and 2 cm right and bottom. */
const PAGE = { width: 11906, height: 16838 } as const;
const MARGIN = { top: 1418, right: 1134, bottom: 1134, left: 1418, header: 709, footer: 567 };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
/** The text width in pixels at 96 dpi, the unit docx takes for picture sizes. */
const TEXT_WIDTH_PX = Math.floor((TEXT_WIDTH / 1440) * 96);

const BULLETS = "sopla-aufzaehlung";
const NUMBERS = "sopla-nummerierung";

/** Custom paragraph styles (ids without spaces, German display names). */
const STYLE = {
  titlePage: "Titelblatt",
  subtitle: "Untertitel",
  titleFacts: "TitelblattAngaben",
  tocHeading: "TOCHeading",
  tableText: "Tabelleninhalt",
  tableHeader: "Tabellenkopf",
  source: "Quellenangabe",
  figure: "Abbildungsbild",
} as const;

/**
 * The report as DOCX bytes. Figures are drawn to PNG by the report's Chromium (all in one
 * browser page) and embedded together with their SVG, which current Word shows sharply while
 * older Word and LibreOffice fall back to the PNG.
 */
export async function renderDocx(doc: ReportDocument): Promise<Uint8Array> {
  const figures = figuresOf(doc);
  const pngs = await rasterizeAll(figures);
  const pictures = new Map<Figure, Uint8Array>();
  figures.forEach((f, i) => {
    const png = pngs[i];
    if (png) pictures.set(f, png);
  });
  const buffer = await Packer.toBuffer(buildDocx(doc, pictures), false, [
    { path: "word/fontTable.xml", data: FONT_TABLE },
  ]);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** The Word document for `doc`, given each figure's PNG (pure apart from docx's id counters). */
export function buildDocx(
  doc: ReportDocument,
  pictures: ReadonlyMap<Figure, Uint8Array>,
): Document {
  const context: Context = {
    pictures,
    // SEQ fields count in document order; they only replace the model's numbers when both agree,
    // so a document that numbers its tables otherwise keeps its own numbers.
    seqTables: tablesOf(doc).every((t, i) => t.number === i + 1),
    seqFigures: figuresOf(doc).every((f, i) => f.number === i + 1),
    nextList: 1,
  };
  const children: FileChild[] = [...titlePage(doc), ...contents()];
  for (const chapter of doc.chapters) {
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        pageBreakBefore: true,
        text: chapter.title,
      }),
    );
    for (const section of chapter.sections) {
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, text: section.title }));
      for (const node of section.nodes) children.push(...renderNode(node, context));
    }
  }

  return new Document({
    title: doc.title,
    ...(doc.subtitle === null ? {} : { subject: doc.subtitle }),
    description: `${doc.publisher}, ${doc.period}`,
    creator: "Sopla",
    lastModifiedBy: "Sopla",
    // Word recomputes the table of contents, the caption numbers and the page count on opening
    // (after asking), so the document is right however the planner's fonts lay it out.
    features: { updateFields: true },
    // German hyphenation, so a long word in a narrow table column breaks at a syllable.
    hyphenation: { autoHyphenation: true, consecutiveHyphenLimit: 2 },
    // Until then, and in programs that never update fields (LibreOffice, previews), the
    // contents show estimated page numbers and the captions their numbers. The estimate lays
    // the pages out with a font like Source Sans 3 ("guess"), so it may be off by a page.
    pageNumbers: estimatePageNumbersWith({ guess: true }),
    styles: styles(),
    numbering: {
      config: [
        {
          reference: BULLETS,
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: "•",
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 357, hanging: 357 } } },
            },
          ],
        },
        {
          reference: NUMBERS,
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: "%1.",
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 357, hanging: 357 } } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        properties: {
          page: { size: PAGE, margin: MARGIN },
          // The title page has its own (empty) header and footer.
          titlePage: true,
        },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                border: {
                  bottom: { style: BorderStyle.SINGLE, size: 4, color: "BFBFBF", space: 4 },
                },
                children: [new TextRun({ text: doc.title, size: 18, color: MUTED })],
              }),
            ],
          }),
          first: new Header({ children: [new Paragraph({})] }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({
                    size: 18,
                    color: MUTED,
                    children: ["Seite ", PageNumber.CURRENT, " von ", PageNumber.TOTAL_PAGES],
                  }),
                ],
              }),
            ],
          }),
          first: new Footer({ children: [new Paragraph({})] }),
        },
        children,
      },
    ],
  });
}

interface Context {
  readonly pictures: ReadonlyMap<Figure, Uint8Array>;
  readonly seqTables: boolean;
  readonly seqFigures: boolean;
  /** The next list instance: every numbered list starts again at 1. */
  nextList: number;
}

function titlePage(doc: ReportDocument): Paragraph[] {
  const facts: [string, string][] = [
    ["Herausgeber", doc.publisher],
    ["Berichtszeitraum", doc.period],
    ["Bearbeitungsstand", doc.state],
    ["Datenstand", formatDay(doc.dataAsOf)],
  ];
  return [
    new Paragraph({ style: STYLE.titlePage, text: doc.title }),
    ...(doc.subtitle === null
      ? []
      : [new Paragraph({ style: STYLE.subtitle, text: doc.subtitle })]),
    ...facts.map(
      ([label, value]) =>
        new Paragraph({
          style: STYLE.titleFacts,
          children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)],
        }),
    ),
  ];
}

/** The contents page: Word's TOC field over Heading 1–2, filled in by Word on opening. */
function contents(): FileChild[] {
  return [
    new Paragraph({ style: STYLE.tocHeading, pageBreakBefore: true, text: "Inhalt" }),
    new TableOfContents("Inhaltsverzeichnis", { hyperlink: true, headingStyleRange: "1-2" }),
  ];
}

function renderNode(node: Node, context: Context): FileChild[] {
  switch (node.kind) {
    case "paragraph":
      return [new Paragraph({ children: runs(node.inlines) })];
    case "subheading":
      return [new Paragraph({ heading: HeadingLevel.HEADING_3, text: node.text })];
    case "list":
      return list(node, context);
    case "findings":
      return list(
        { kind: "list", ordered: false, items: node.items.map((f) => [{ text: f.text }]) },
        context,
      );
    case "table":
      return table(node, context);
    case "figure":
      return figure(node, context);
  }
}

function runs(inlines: readonly Inline[]): TextRun[] {
  return inlines.map(
    (i) =>
      new TextRun({
        text: i.text,
        ...(i.strong === true ? { bold: true } : {}),
        ...(i.emphasis === true ? { italics: true } : {}),
      }),
  );
}

function list(node: List, context: Context): Paragraph[] {
  const instance = context.nextList++;
  return node.items.map(
    (item, i) =>
      new Paragraph({
        numbering: { reference: node.ordered ? NUMBERS : BULLETS, level: 0, instance },
        // The list's paragraphs sit close together; the last one keeps the normal gap after it.
        ...(i < node.items.length - 1 ? { spacing: { after: 60 } } : {}),
        children: runs(item),
      }),
  );
}

/**
 * "Tabelle 3: …" or "Abbildung 3: …", the number as a SEQ field where the numbers agree. The
 * field carries the model's number as its result, so programs that never update fields show it.
 */
function caption(label: string, number: number, text: string, seq: boolean): Paragraph {
  const children: ParagraphChild[] = [
    new TextRun(`${label} `),
    seq ? new SimpleField(`SEQ ${label} \\* ARABIC`, String(number)) : new TextRun(String(number)),
    new TextRun(`: ${text}`),
  ];
  return new Paragraph({ style: "Caption", keepNext: true, children });
}

function sourceLines(lines: readonly string[]): Paragraph[] {
  return lines.map(
    (text, i) =>
      new Paragraph({
        style: STYLE.source,
        // Notes and source stay together; the last line keeps a gap to the following text.
        ...(i < lines.length - 1 ? { keepNext: true } : { spacing: { after: 240 } }),
        text,
      }),
  );
}

function table(node: Table, context: Context): FileChild[] {
  const widths = columnWidths(node);
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: node.columns.map(
      (c, i) =>
        new TableCell({
          width: { size: widths[i] ?? 0, type: WidthType.DXA },
          shading: { type: ShadingType.CLEAR, fill: "E8EDF3", color: "auto" },
          borders: { bottom: { style: BorderStyle.SINGLE, size: 8, color: TEXT_COLOUR } },
          children: [
            new Paragraph({
              style: STYLE.tableHeader,
              alignment: c.numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
              text: c.label,
            }),
          ],
        }),
    ),
  });
  const rows = node.rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        children: node.columns.map((c, i) => {
          const cell = row[i];
          return new TableCell({
            width: { size: widths[i] ?? 0, type: WidthType.DXA },
            children: [
              new Paragraph({
                style: STYLE.tableText,
                alignment:
                  c.numeric || isNumberOrSign(cell) ? AlignmentType.RIGHT : AlignmentType.LEFT,
                text: cell === undefined ? "" : cellText(cell),
              }),
            ],
          });
        }),
      }),
  );
  const rule = { style: BorderStyle.SINGLE, size: 8, color: TEXT_COLOUR } as const;
  const none = { style: BorderStyle.NONE, size: 0, color: "auto" } as const;
  return [
    caption("Tabelle", node.number, node.caption, context.seqTables),
    new DocxTable({
      rows: [header, ...rows],
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      margins: { top: 30, bottom: 30, left: 100, right: 100 },
      borders: {
        top: rule,
        bottom: rule,
        left: none,
        right: none,
        insideHorizontal: { style: BorderStyle.SINGLE, size: 2, color: "D0D0D0" },
        insideVertical: none,
      },
    }),
    ...sourceLines([...node.notes, node.source]),
  ];
}

function isNumberOrSign(cell: Cell | undefined): boolean {
  return cell !== undefined && !("text" in cell);
}

/**
 * Column widths (twips) filling the text width, shared by the columns after their longest
 * content: a long district name gets more room than a two-digit number.
 */
function columnWidths(node: Table): number[] {
  const lengths = node.columns.map((c, i) => {
    const cells = node.rows.map((r) => {
      const cell = r[i];
      return cell === undefined ? 0 : cellText(cell).length;
    });
    // A header label wraps between its words, so it needs the room of its longest word (a word
    // broken in the middle is hard to read); the cells need their whole content.
    const word = Math.max(...c.label.split(/\s+/).map((w) => w.length));
    return Math.min(Math.max(word + 1, ...cells, 6), 60);
  });
  const total = lengths.reduce((a, b) => a + b, 0);
  const widths = lengths.map((l) => Math.floor((TEXT_WIDTH * l) / total));
  // Rounding leaves a few twips; the first column takes them so the table fills the width.
  const rest = TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  if (widths.length > 0) widths[0] = (widths[0] ?? 0) + rest;
  return widths;
}

function figure(node: Figure, context: Context): FileChild[] {
  const png = context.pictures.get(node);
  const scale = Math.min(1, TEXT_WIDTH_PX / node.width);
  const transformation = {
    width: Math.round(node.width * scale),
    height: Math.round(node.height * scale),
  };
  const altText = { name: `Abbildung ${node.number}`, title: node.caption, description: node.alt };
  const picture: ParagraphChild[] =
    png === undefined
      ? [new TextRun({ text: `[Abbildung ${node.number}: ${node.alt}]`, italics: true })]
      : [
          new ImageRun({
            type: "svg",
            data: Buffer.from(node.svg, "utf8"),
            fallback: { type: "png", data: png },
            transformation,
            altText,
          }),
        ];
  return [
    new Paragraph({ style: STYLE.figure, keepNext: true, children: picture }),
    caption("Abbildung", node.number, node.caption, context.seqFigures),
    ...sourceLines([node.source]),
  ];
}

/** Word's built-in styles set up for the report, and the report's own, all German. */
function styles() {
  const run = { font: FONT, color: TEXT_COLOUR, language: LANGUAGE };
  // Headings carry their outline level, so Word's navigation pane and TOC field find them.
  const heading = (
    size: number,
    before: number,
    after: number,
    level: number,
    colour = ACCENT,
  ) => ({
    run: { font: FONT, size, bold: true, color: colour, language: LANGUAGE },
    paragraph: { spacing: { before, after }, keepNext: true, keepLines: true, outlineLevel: level },
  });
  return {
    default: {
      document: {
        run: { ...run, size: 22 },
        paragraph: { spacing: { after: 140, line: 288, lineRule: LineRuleType.AUTO } },
      },
      heading1: heading(36, 0, 240, 0),
      heading2: heading(28, 360, 120, 1),
      heading3: heading(24, 240, 80, 2, TEXT_COLOUR),
      caption: {
        run: { ...run, size: 20, bold: true, italics: false },
        paragraph: { spacing: { before: 200, after: 80 }, keepNext: true },
      },
      listParagraph: { run: { ...run } },
    },
    paragraphStyles: [
      {
        id: STYLE.titlePage,
        name: "Titelblatt",
        basedOn: "Normal",
        next: STYLE.subtitle,
        run: { ...run, size: 56, bold: true, color: ACCENT },
        paragraph: { spacing: { before: 2400, after: 360 } },
      },
      {
        id: STYLE.subtitle,
        name: "Untertitel",
        basedOn: "Normal",
        run: { ...run, size: 32, color: MUTED },
        paragraph: { spacing: { after: 1200 } },
      },
      {
        id: STYLE.titleFacts,
        name: "Titelblatt Angaben",
        basedOn: "Normal",
        run: { ...run, size: 24 },
        paragraph: { spacing: { after: 80 } },
      },
      {
        id: STYLE.tocHeading,
        name: "TOC Heading",
        basedOn: "Normal",
        next: "Normal",
        run: { ...run, size: 36, bold: true, color: ACCENT },
        paragraph: { spacing: { after: 240 } },
      },
      // Word's own styles of the table of contents' entries (it keeps them when it updates the
      // field): chapters bold with some air above, sections indented.
      {
        id: "TOC1",
        name: "toc 1",
        basedOn: "Normal",
        next: "Normal",
        uiPriority: 39,
        unhideWhenUsed: true,
        run: { ...run, bold: true },
        paragraph: { spacing: { before: 160, after: 40 } },
      },
      {
        id: "TOC2",
        name: "toc 2",
        basedOn: "Normal",
        next: "Normal",
        uiPriority: 39,
        unhideWhenUsed: true,
        run: { ...run },
        paragraph: { indent: { left: 240 }, spacing: { after: 40 } },
      },
      {
        id: STYLE.tableText,
        name: "Tabelleninhalt",
        basedOn: "Normal",
        // 9 pt: a table of seven columns fits the text width without breaking its words.
        run: { ...run, size: 18 },
        paragraph: { spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } },
      },
      {
        id: STYLE.tableHeader,
        name: "Tabellenkopf",
        basedOn: STYLE.tableText,
        run: { ...run, size: 18, bold: true },
        paragraph: { keepNext: true },
      },
      {
        id: STYLE.source,
        name: "Quellenangabe",
        basedOn: "Normal",
        run: { ...run, size: 18, color: MUTED },
        paragraph: { spacing: { before: 40, after: 0, line: 240, lineRule: LineRuleType.AUTO } },
      },
      {
        id: STYLE.figure,
        name: "Abbildung",
        basedOn: "Normal",
        paragraph: { spacing: { before: 200, after: 60 }, keepNext: true },
      },
    ],
  };
}
