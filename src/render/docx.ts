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
import { titleFacts } from "./html.ts";
import {
  BULLETS,
  FONT_TABLE,
  LIST_NUMBERING,
  MARGIN,
  MUTED,
  NUMBERS,
  PAGE,
  STYLE,
  styles,
  TEXT_COLOUR,
  TEXT_WIDTH,
  TEXT_WIDTH_PX,
} from "./docx-styles.ts";
import { rasterizeAll } from "./rasterize.ts";

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
    numbering: LIST_NUMBERING,
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

/** Logo height on the DOCX title page, in pixels (at 96 dpi: about 16 mm). */
const LOGO_HEIGHT_PX = 60;

/**
 * The title page's logo: a PNG at its aspect ratio (read from its header). An SVG logo is left
 * out of the DOCX for now (Word needs a PNG fallback beside it); HTML and PDF show it.
 */
function titleLogo(doc: ReportDocument): Paragraph[] {
  if (doc.logo?.mediaType !== "image/png") return [];
  const data = Buffer.from(doc.logo.base64, "base64");
  if (data.byteLength < 24) return [];
  const width = data.readUInt32BE(16);
  const height = data.readUInt32BE(20);
  if (width === 0 || height === 0) return [];
  const scale = LOGO_HEIGHT_PX / height;
  return [
    new Paragraph({
      children: [
        new ImageRun({
          type: "png",
          data,
          transformation: { width: Math.max(1, Math.round(width * scale)), height: LOGO_HEIGHT_PX },
          altText: { name: "Logo", title: "Logo", description: `Logo: ${doc.publisher}` },
        }),
      ],
    }),
  ];
}

function titlePage(doc: ReportDocument): Paragraph[] {
  const facts = titleFacts(doc);
  return [
    ...titleLogo(doc),
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
