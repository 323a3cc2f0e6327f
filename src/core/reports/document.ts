/**
 * A built report, ready for any output: the title page's facts, the chapters with their
 * sections, and in them paragraphs, lists, figures and tables with captions and sources.
 * Every renderer (web page, PDF, DOCX, XLSX) reads this and nothing else, so the outputs of
 * one report cannot disagree. Numbers in tables stay numbers (XLSX keeps them as numbers);
 * each cell says how to print itself.
 */
import { markedText, type Marked, type Sign } from "../marks/value-mark.ts";
import type { ControllingSnapshot } from "./controlling-changes.ts";
import { formatNumber } from "./format.ts";

/** A run of text with its emphasis. */
export interface Inline {
  readonly text: string;
  readonly strong?: boolean;
  readonly emphasis?: boolean;
}

export interface Paragraph {
  readonly kind: "paragraph";
  readonly inlines: readonly Inline[];
}

export interface List {
  readonly kind: "list";
  readonly ordered: boolean;
  readonly items: readonly (readonly Inline[])[];
}

/** A heading inside a section's text (### in Markdown): below the section's own title. */
export interface SubHeading {
  readonly kind: "subheading";
  readonly text: string;
}

/**
 * A table cell: a number (printed with `decimals`, with its marks where it carries any), a
 * text, or a sign instead of a number (core/marks: ".", "x", "/", "…", "–").
 */
export type Cell =
  | { readonly number: number; readonly decimals: number; readonly mark?: Marked }
  | { readonly text: string }
  | { readonly sign: Sign };

/** A cell as every format prints it: German numbers with their marks, signs and texts. */
export function cellText(cell: Cell): string {
  if ("number" in cell) {
    const format = (n: number) => formatNumber(n, cell.decimals);
    return cell.mark ? markedText(cell.mark, format) : format(cell.number);
  }
  if ("sign" in cell) return cell.sign;
  return cell.text;
}

export interface TableColumn {
  readonly label: string;
  readonly numeric: boolean;
}

export interface Table {
  readonly kind: "table";
  /** Numbered in the report ("Tabelle 3"); the name of its sheet in the XLSX. */
  readonly number: number;
  readonly caption: string;
  readonly source: string;
  readonly columns: readonly TableColumn[];
  readonly rows: readonly (readonly Cell[])[];
  /** Explanations of signs and withheld values, printed under the table. */
  readonly notes: readonly string[];
}

export interface Figure {
  readonly kind: "figure";
  readonly number: number;
  readonly caption: string;
  readonly source: string;
  /** A complete SVG document (vector in PDF and web, turned into a picture for DOCX). */
  readonly svg: string;
  readonly width: number;
  readonly height: number;
  /** A text alternative for screen readers. */
  readonly alt: string;
}

/** A generated key finding: kept, edited or dropped by the planner (by its id). */
export interface FindingItem {
  readonly id: string;
  readonly text: string;
}

export interface Findings {
  readonly kind: "findings";
  readonly items: readonly FindingItem[];
}

export type Node = Paragraph | List | SubHeading | Table | Figure | Findings;

export interface DocumentSection {
  readonly title: string;
  readonly nodes: readonly Node[];
}

export interface DocumentChapter {
  readonly title: string;
  readonly sections: readonly DocumentSection[];
}

/** A logo as a report carries it: its type and its bytes in Base64. */
export interface ReportLogo {
  readonly mediaType: "image/png" | "image/svg+xml";
  readonly base64: string;
}

export interface ReportDocument {
  readonly title: string;
  readonly subtitle: string | null;
  /** Who publishes the report: the office set in Verwaltung, else the workspace (city). */
  readonly publisher: string;
  /** The publisher's postal address, when set; reports made before it existed lack it. */
  readonly publisherAddress?: string;
  /** The workspace's logo for the title page, when it has one (checked when it was uploaded). */
  readonly logo?: ReportLogo;
  /** The report's period in words. */
  readonly period: string;
  /** The day the data were read, ISO. */
  readonly dataAsOf: string;
  /** "Entwurf", "intern" or "öffentlich", printed on the title page. */
  readonly state: string;
  readonly chapters: readonly DocumentChapter[];
  /**
   * The lights and measures a controlling report states, kept with a published version so the
   * next edition can say what changed since (controlling-changes.ts); no output prints it.
   */
  readonly controlling?: ControllingSnapshot;
}

/** Every table of a document, in order. */
export function tablesOf(doc: ReportDocument): Table[] {
  return doc.chapters.flatMap((c) =>
    c.sections.flatMap((s) => s.nodes.filter((n): n is Table => n.kind === "table")),
  );
}

/** Every figure of a document, in order. */
export function figuresOf(doc: ReportDocument): Figure[] {
  return doc.chapters.flatMap((c) =>
    c.sections.flatMap((s) => s.nodes.filter((n): n is Figure => n.kind === "figure")),
  );
}
