/**
 * The look of the Word report: the page (A4 and its margins), the font and its description for
 * Word, the colours, Word's built-in styles set up for the report and the report's own (German
 * names), and the numbering of bulleted and numbered lists.
 */
import { AlignmentType, LevelFormat, LineRuleType } from "docx";

/** The report font; Word substitutes a similar sans-serif (Calibri, Arial) where it is missing. */
const FONT = "Source Sans 3";
/**
 * The font table, written by us because docx leaves it empty: it tells Word what kind of font
 * Source Sans 3 is (a proportional sans-serif, by its PANOSE numbers) and names Calibri as its
 * alternative, so a PC without the font shows a similar sans-serif rather than Times New Roman.
 * The fonts are only described, never embedded.
 */
export const FONT_TABLE =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
  `<w:font w:name="${FONT}"><w:altName w:val="Calibri"/><w:panose1 w:val="020B0303030403020204"/><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>` +
  '<w:font w:name="Calibri"><w:panose1 w:val="020F0502020204030204"/><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>' +
  '<w:font w:name="Arial"><w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>' +
  "</w:fonts>";
const LANGUAGE = { value: "de-DE" } as const;
export const TEXT_COLOUR = "1A1A1A";
const ACCENT = "1F3A5F";
export const MUTED = "595959";

/** A4 in twips (1/1440 in), with margins of 2.5 cm left and top and 2 cm right and bottom. */
export const PAGE = { width: 11906, height: 16838 } as const;
export const MARGIN = {
  top: 1418,
  right: 1134,
  bottom: 1134,
  left: 1418,
  header: 709,
  footer: 567,
};
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
/** The text width in pixels at 96 dpi, the unit docx takes for picture sizes. */
export const TEXT_WIDTH_PX = Math.floor((TEXT_WIDTH / 1440) * 96);

export const BULLETS = "sopla-aufzaehlung";
export const NUMBERS = "sopla-nummerierung";

/** Custom paragraph styles (ids without spaces, German display names). */
export const STYLE = {
  titlePage: "Titelblatt",
  subtitle: "Untertitel",
  titleFacts: "TitelblattAngaben",
  tocHeading: "TOCHeading",
  tableText: "Tabelleninhalt",
  tableHeader: "Tabellenkopf",
  source: "Quellenangabe",
  figure: "Abbildungsbild",
} as const;

/** The list numberings: bullets, and decimal numbers (each numbered list starts again at 1). */
export const LIST_NUMBERING = {
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
};

/** Word's built-in styles set up for the report, and the report's own, all German. */
export function styles() {
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
