/**
 * A report template: an ordered outline of chapters and sections, each section a list of
 * blocks. Text blocks are Markdown with placeholders for live figures (placeholders.ts);
 * the other blocks ask for a figure (map, chart), a table, an area comparison, the result of
 * a stored social index, a typology of areas, the accommodation statistic, generated key
 * findings, the indicator sheets of the method annex or the strategic programme's controlling. A template names no data itself: the report's period and area
 * fill it when it is built, so one template serves every year (or month) and every area.
 * The schema of template files and requests (src/contracts/reports.ts) is checked against
 * these types by the compiler, and src/services/reports/blocks/ has a builder for each kind.
 */

/** What a report is about in time: the kind of period it is built for. */
export type ReportPeriodKind = "year" | "half_year" | "month";

/** The kind of period in words, with an example, for a message that asks for one. */
export const PERIOD_KIND_TEXT: Record<ReportPeriodKind, string> = {
  year: "ein Jahr (2021)",
  half_year: "ein Halbjahr (2026-H1)",
  month: "ein Monat (2026-10)",
};

/**
 * A period relative to the report's: `report` (its own), `previous` (the one before, of the
 * same kind: the year before, the half-year before), `year_before` (the same period a year
 * earlier), or an explicit period code ("2016").
 */
export type PeriodRef = "report" | "previous" | "year_before" | { readonly code: string };

/** Areas of a block: every area of a level, the report's own area (profiles), or codes. */
export type AreaChoice =
  | { readonly level: string }
  | { readonly reportArea: true }
  | { readonly codes: readonly string[] };

interface BlockBase {
  /** A caption printed under the figure or table; a default is written when it is absent. */
  readonly caption?: string | undefined;
}

export interface TextBlock {
  readonly type: "text";
  readonly markdown: string;
}

export interface MapBlock extends BlockBase {
  readonly type: "map";
  readonly indicator: string;
  readonly level: string;
  readonly period?: PeriodRef | undefined;
}

export interface ChartBlock extends BlockBase {
  readonly type: "chart";
  /** One or more indicators over time for the city (and the report's area, in profiles). */
  readonly indicators: readonly string[];
  /** How many periods up to the report's; all with data when absent. */
  readonly periods?: number | undefined;
}

export interface TableBlock extends BlockBase {
  readonly type: "table";
  readonly indicators: readonly string[];
  readonly areas: AreaChoice;
  readonly period?: PeriodRef | undefined;
  /** A column with the change since this period for every indicator. */
  readonly changeSince?: PeriodRef | undefined;
}

export interface ComparisonBlock extends BlockBase {
  readonly type: "comparison";
  /** The report's area (or the areas given) against the city and the level's range. */
  readonly indicators: readonly string[];
  readonly areas: AreaChoice;
  readonly period?: PeriodRef | undefined;
}

export interface IndexBlock extends BlockBase {
  readonly type: "index";
  /** The code of a stored social index; its latest run is shown. */
  readonly index: string;
  /** Which parts: the class map, the table of areas, the method, the class changes. */
  readonly parts: readonly ("map" | "table" | "method" | "changes")[];
}

/**
 * A typology of the areas of a level: the indicators z-standardised and clustered (k-means
 * with a seed, or Ward), so the report reproduces the same types from the same data.
 */
export interface TypologyBlock extends BlockBase {
  readonly type: "typology";
  readonly indicators: readonly string[];
  readonly level: string;
  readonly period?: PeriodRef | undefined;
  /** k-means when absent. */
  readonly method?: "kmeans" | "ward" | undefined;
  /** The number of types; the k with the best silhouette width when absent. */
  readonly k?: number | undefined;
  /** The seed of k-means; 1 when absent. */
  readonly seed?: number | undefined;
  /** The type map, the profile of each type against the city, the areas with their type. */
  readonly parts: readonly ("map" | "profiles" | "areas")[];
}

export interface AccommodationBlock extends BlockBase {
  readonly type: "accommodation";
  /**
   * `summary` is a generated paragraph; without figures for the report's period it says so
   * (a city may keep its occupancy in Sopla only from some month on). The tables and the
   * chart need figures.
   */
  readonly parts: readonly ("summary" | "key_figures" | "by_type" | "by_facility" | "series")[];
}

export interface FindingsBlock {
  readonly type: "findings";
  /** At most this many findings (the strongest first). */
  readonly limit: number;
}

export interface IndicatorSheetsBlock {
  readonly type: "indicator_sheets";
}

/**
 * The strategic programme (Ziele & Maßnahmen) as the council reads it: what changed since
 * the report's last published version, the lights of every goal at a glance, per theme the
 * goals with their indicators and the measures with their performance measures, and the
 * resources.
 */
export interface ControllingBlock {
  readonly type: "controlling";
  readonly parts: readonly ("changes" | "overview" | "themes" | "resources")[];
}

export type Block =
  | TextBlock
  | MapBlock
  | ChartBlock
  | TableBlock
  | ComparisonBlock
  | IndexBlock
  | TypologyBlock
  | AccommodationBlock
  | FindingsBlock
  | IndicatorSheetsBlock
  | ControllingBlock;

export interface Section {
  readonly title: string;
  readonly blocks: readonly Block[];
}

export interface Chapter {
  readonly title: string;
  readonly sections: readonly Section[];
}

export interface ReportTemplate {
  readonly code: string;
  /** The title; may hold placeholders (`Sozialbericht {{zeitraum}}`). */
  readonly title: string;
  readonly subtitle?: string | undefined;
  readonly periodKind: ReportPeriodKind;
  /** One report per area of this level (Gebietsprofil); absent for a report of the city. */
  readonly perArea?: { readonly level: string } | undefined;
  readonly chapters: readonly Chapter[];
}

/** Where a block sits in a template, as the planner reads it: "Kapitel 2 › 1 › Block 3". */
export interface BlockPlace {
  readonly chapter: number;
  readonly section: number;
  readonly block: number;
}

export function placeText(t: ReportTemplate, p: BlockPlace): string {
  const chapter = t.chapters[p.chapter];
  const section = chapter?.sections[p.section];
  return `Kapitel ${p.chapter + 1} „${chapter?.title ?? "?"}“, Abschnitt ${p.section + 1} „${section?.title ?? "?"}“, Block ${p.block + 1}`;
}

/** Every block with its place, in reading order. */
export function blocksOf(t: ReportTemplate): { block: Block; place: BlockPlace }[] {
  return t.chapters.flatMap((c, chapter) =>
    c.sections.flatMap((s, section) =>
      s.blocks.map((block, i) => ({ block, place: { chapter, section, block: i } })),
    ),
  );
}
