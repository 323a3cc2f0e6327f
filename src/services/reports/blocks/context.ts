/**
 * What every block builder shares while one report is built: the template, the data and
 * sources read once, the report's period and area, the numbering of tables and figures, and
 * the problems and warnings collected with their place. The builders (one per block kind,
 * beside this file) ask it for periods, areas, cells, notes and source lines, so these read
 * the same in every block.
 */
import type { Cell, Figure, Node, Table } from "../../../core/reports/document.ts";
import type { FindingDecision } from "../../../core/reports/findings.ts";
import type { ControllingSnapshot } from "../../../core/reports/controlling-changes.ts";
import { formatPeriod, sourceLine } from "../../../core/reports/format.ts";
import { textBlock } from "../../../core/reports/markdown.ts";
import type { FigureLookup } from "../../../core/reports/placeholders.ts";
import {
  placeText,
  type AreaChoice,
  type Block,
  type BlockPlace,
  type PeriodRef,
  type ReportTemplate,
} from "../../../core/reports/template.ts";
import type { Period } from "../../../core/periods/period.ts";
import { known } from "../../../core/value.ts";
import {
  combineFlags,
  legendLines,
  marksUsed,
  type Marked,
} from "../../../core/marks/value-mark.ts";
import type { IndexRunView } from "../../social-index/index-runs.ts";
import type { LevelArea, ReportData } from "../report-data.ts";
import type { ReportSources } from "../report-sources.ts";
import { figureLookup, type LookupScope } from "./lookup.ts";

export interface ReportProblem {
  /** Where in the template, in words ("Kapitel 2 „…“, Abschnitt 1 „…“, Block 3, Zeile 4, Spalte 8"). */
  readonly place: string;
  readonly message: string;
}

/** A line and column inside a text block, added to the block's place. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** Signs of cells that are not an indicator's value (an index, a rank): unknown is ".". */
export const SIGN: Record<"missing" | "suppressed", Cell> = {
  missing: { sign: "." },
  suppressed: { sign: "." },
};

/** A value's cell as core/marks decides it: the sign, or the number with its marks. */
const markedCell = (m: Marked | undefined, decimals: number): Cell =>
  m === undefined
    ? { sign: "." }
    : m.value === null
      ? { sign: m.sign ?? "." }
      : m.limited || m.letters.length > 0 || m.sign !== null
        ? { number: m.value, decimals, mark: m }
        : { number: m.value, decimals };

/** A count as a cell: "." when withheld. */
export const countCell = (v: number | null): Cell =>
  v === null ? { sign: "." } : { number: v, decimals: 0 };

/** A paragraph of one plain text. */
export const paragraph = (text: string): Node => ({ kind: "paragraph", inlines: [{ text }] });

/** What one build is about: the template, what was read for it, its period and area. */
export interface BuildScope extends LookupScope {
  readonly template: ReportTemplate;
  /** Every indicator the template names, in order of first use. */
  readonly indicators: readonly string[];
  /** The planner's decisions about the key findings. */
  readonly decisions: Readonly<Record<string, FindingDecision>>;
}

/** The state of one build: counters for tables and figures, the lookups, the problems. */
export class BuildContext implements BuildScope {
  private tables = 0;
  private figures = 0;
  readonly generatedFindings: { id: string; text: string }[] = [];
  /** What a controlling block stated, frozen with a published version (document.controlling). */
  controllingSnapshot: ControllingSnapshot | null = null;
  /** Whether the report already said that its programme is example data. */
  exampleNoted = false;
  readonly template: ReportTemplate;
  readonly data: ReportData;
  readonly sources: ReportSources;
  readonly reportPeriod: Period;
  readonly dataPeriod: string;
  readonly area: string | null;
  readonly indicators: readonly string[];
  readonly decisions: Readonly<Record<string, FindingDecision>>;

  constructor(
    scope: BuildScope,
    /** Where the build collects what stands in its way, and what the planner should read. */
    private readonly problems: ReportProblem[],
    private readonly warnings: ReportProblem[],
  ) {
    this.template = scope.template;
    this.data = scope.data;
    this.sources = scope.sources;
    this.reportPeriod = scope.reportPeriod;
    this.dataPeriod = scope.dataPeriod;
    this.area = scope.area;
    this.indicators = scope.indicators;
    this.decisions = scope.decisions;
  }

  /** The source line naming the sources of the indicators shown (the workspace for one without). */
  sourceOf(indicators: readonly string[]): string {
    return sourceLine(
      indicators.map((c) => this.data.catalogue.get(c)?.source),
      this.data.workspace.name,
    );
  }

  /** The source of an index's figures: its status and dynamics indicators; a map adds the boundaries. */
  indexSource(v: IndexRunView, map: boolean): string {
    const d = v.index.definition;
    const codes = [...d.status.map((i) => i.code), ...d.dynamics.map((i) => i.of ?? i.code)];
    return map ? this.mapSourceOf(codes) : this.sourceOf(codes);
  }

  /** The accommodation statistic comes from the city's own records (example data in the demo). */
  get accommodationSource(): string {
    const example = this.sources.accommodationExample ? " (Beispieldaten)" : "";
    return `Quelle: Belegungsstatistik der städtischen Unterkünfte${example}, ${this.data.workspace.name}; Berechnung und Darstellung mit Sopla.`;
  }

  /** The same for a map, with the boundaries' origin. */
  mapSourceOf(indicators: readonly string[]): string {
    return `${this.sourceOf(indicators)} Gebietsgrenzen: ${this.data.workspace.name}.`;
  }

  /** A problem of the block at `place` (at a line and column of a text block). */
  problem(place: BlockPlace, message: string, at?: TextPosition): void {
    this.problems.push({ place: this.placeOf(place, at), message });
  }

  /** A warning about the block at `place`: the report is built, the planner reads it. */
  warn(place: BlockPlace, message: string, at?: TextPosition): void {
    this.warnings.push({ place: this.placeOf(place, at), message });
  }

  private placeOf(place: BlockPlace, at: TextPosition | undefined): string {
    const where = placeText(this.template, place);
    return at === undefined ? where : `${where}, Zeile ${at.line}, Spalte ${at.column}`;
  }

  /** A one-line text with placeholders (the title). */
  inline(text: string, place: string): string {
    const r = textBlock(text, this.lookup());
    for (const e of r.errors) this.problems.push({ place, message: e.message });
    const first = r.nodes[0];
    return first?.kind === "paragraph" ? first.inlines.map((i) => i.text).join("") : text;
  }

  /** The figures placeholders read, for the report's period and area. */
  lookup(): FigureLookup {
    return figureLookup(this);
  }

  /** The period a block refers to, or null (with a problem) when there is none with data. */
  period(ref: PeriodRef | undefined, place: BlockPlace): string | null {
    if (ref === undefined || ref === "report") return this.dataPeriod;
    if (typeof ref === "object") {
      if (!this.data.periods.some((p) => p.code === ref.code)) {
        this.problem(place, `Den Zeitraum „${ref.code}“ gibt es nicht.`);
        return null;
      }
      return ref.code;
    }
    const p = this.data.relativePeriod(this.dataPeriod, ref);
    if (p === null || !this.data.periods.some((x) => x.code === p)) {
      this.problem(
        place,
        `Vor ${formatPeriod(this.dataPeriod)} gibt es keinen Zeitraum mit Daten.`,
      );
      return null;
    }
    return p;
  }

  /**
   * A level block's period and the areas of its level, or null when either is missing (each
   * missing one noted as a problem).
   */
  levelPeriod(
    block: { readonly level: string; readonly period?: PeriodRef | undefined },
    place: BlockPlace,
  ): { period: string; areas: LevelArea[] } | null {
    const period = this.period(block.period, place);
    const areas = this.data.areasOfLevel(block.level);
    if (!areas) this.problem(place, `Die Ebene „${block.level}“ gibt es nicht.`);
    return period === null || !areas ? null : { period, areas };
  }

  /** The areas a block shows, or null (with a problem) when the choice names none that exist. */
  areas(choice: AreaChoice, place: BlockPlace): { code: string; name: string }[] | null {
    if ("level" in choice) {
      const list = this.data.areasOfLevel(choice.level);
      if (!list) {
        this.problem(place, `Die Ebene „${choice.level}“ gibt es nicht.`);
        return null;
      }
      return list;
    }
    if ("reportArea" in choice) {
      if (this.area === null) {
        this.problem(place, "Der Block zeigt das Gebiet des Berichts, aber der Bericht hat keins.");
        return null;
      }
      return [{ code: this.area, name: this.data.areaName(this.area)! }];
    }
    const out: { code: string; name: string }[] = [];
    for (const code of choice.codes) {
      const name = this.data.areaName(code);
      if (name === undefined) this.problem(place, `Gebiet „${code}“ gibt es nicht.`);
      else out.push({ code, name });
    }
    return out;
  }

  nextTable(t: Omit<Table, "kind" | "number">): Table {
    return { kind: "table", number: ++this.tables, ...t };
  }

  nextFigure(f: Omit<Figure, "kind" | "number">): Figure {
    return { kind: "figure", number: ++this.figures, ...f };
  }

  /** The catalogue row of an indicator the template names (checked before any block is built). */
  row(code: string) {
    return this.data.catalogue.get(code)!;
  }

  /** An indicator's value as a cell, with the marks core/marks gives it for the readers. */
  valueCell(code: string, area: string, period: string): Cell {
    return markedCell(this.data.mark(code, area, period), this.row(code).decimals);
  }

  /** The change of an indicator's value between two periods: it carries both values' marks. */
  changeCell(code: string, area: string, period: string, since: string): Cell {
    const d = this.data;
    const now = d.value(code, area, period);
    const before = d.value(code, area, since);
    if (now?.kind !== "known" || before?.kind !== "known") return { sign: "." };
    const decimals = this.row(code).decimals;
    const flags = combineFlags(d.flags(code, area, period), d.flags(code, area, since));
    return markedCell(d.markOf(known(now.value - before.value), flags, decimals), decimals);
  }

  levelLabel(choice: AreaChoice): string {
    if ("level" in choice) return this.data.levelName(choice.level) ?? "Gebiet";
    return "Gebiet";
  }

  /** The notes under a table: percentage points, and the legend of every mark it uses. */
  notes(rows: readonly (readonly Cell[])[], points: boolean): string[] {
    const used = new Set<string>();
    let review = false;
    for (const c of rows.flat()) {
      if ("sign" in c) used.add(c.sign);
      else if ("number" in c && c.mark) {
        for (const m of marksUsed([c.mark])) used.add(m);
        review ||= c.mark.review;
      }
    }
    const out: string[] = [];
    if (points) out.push("Veränderung von Anteilen in Prozentpunkten.");
    if (used.delete(".")) {
      out.push(
        `. = Zahlenwert unbekannt oder geheim zu halten (Geheimhaltung: Fallzahlen unter ${this.data.workspace.minCount} und was sie verraten würde)`,
      );
    }
    out.push(...legendLines(used, review));
    return out;
  }
}

/** How one kind of block is built (builders.ts holds one for every kind). */
export interface BlockBuilder<B extends Block> {
  /** The indicator codes the block names, in order (a text block's placeholders included). */
  indicators(block: B): readonly string[];
  /** The block's document nodes; a problem is recorded in `ctx`, and the block then gives none. */
  build(block: B, ctx: BuildContext, place: BlockPlace): Node[];
}
