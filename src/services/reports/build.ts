/**
 * Builds a report: a template, a period (and for an area profile, an area) and the current
 * data become one document (src/core/reports/document.ts) that every output renders. Every
 * problem — an unknown indicator, a period without data, a placeholder that cannot be
 * resolved — is collected with its place in the template, and then no document is made: a
 * report is whole or it is not built.
 */
import type { ProtectedFigures, ProtectedStatistic } from "../../core/accommodation/disclosure.ts";
import { FACILITY_TYPE_LABELS, type FacilityType } from "../../core/accommodation/model.ts";
import type {
  Cell,
  DocumentChapter,
  Figure,
  Node,
  ReportDocument,
  Table,
} from "../../core/reports/document.ts";
import {
  applyDecisions,
  keyFindings,
  type FindingDecision,
  type FindingIndicator,
} from "../../core/reports/findings.ts";
import { formatDay, formatNumber, formatPeriod, sourceLine } from "../../core/reports/format.ts";
import { textBlock } from "../../core/reports/markdown.ts";
import {
  findPlaceholders,
  type AccommodationFigure,
  type FigureLookup,
} from "../../core/reports/placeholders.ts";
import {
  blocksOf,
  placeText,
  type AreaChoice,
  type Block,
  type BlockPlace,
  type PeriodRef,
  type ReportTemplate,
} from "../../core/reports/template.ts";
import { parsePeriod, type Period } from "../../core/periods/period.ts";
import { known, type MissingReason } from "../../core/value.ts";
import {
  combineFlags,
  isFirm,
  legendLines,
  marksUsed,
  type Marked,
} from "../../core/marks/value-mark.ts";
import { addMonths, parseMonth } from "../../core/accommodation/days.ts";
import { typology } from "../../core/statistics/typology.ts";
import { countText, listText } from "../../core/figures/axes.ts";
import type { ServiceContext } from "../context.ts";
import { countingRulesOf, rulesText } from "../accommodation/statistic.ts";
import type { IndexRunView } from "../social-index/index-runs.ts";
import type { Workspace } from "../workspaces.ts";
import { loadReportData, periodsUpTo, type ReportData } from "./report-data.ts";
import { loadReportSources, type ReportSources } from "./report-sources.ts";
import {
  accommodationFigure,
  indexMapFigure,
  lineFigures,
  mapFigure,
  typologyMapFigure,
} from "./figures.ts";

export interface ReportProblem {
  /** Where in the template, in words ("Kapitel 2 „…“, Abschnitt 1 „…“, Block 3, Zeile 4, Spalte 8"). */
  readonly place: string;
  readonly message: string;
}

export interface BuildRequest {
  readonly template: ReportTemplate;
  /** The report's period ("2021", "2026-H1", "2026-10"). */
  readonly period: string;
  /** The area of an area profile. */
  readonly area?: string | undefined;
  readonly decisions?: Readonly<Record<string, FindingDecision>> | undefined;
  /** Printed on the title page: "Entwurf", "intern", "öffentlich". */
  readonly state: string;
}

export type BuildResult =
  | {
      readonly ok: true;
      readonly document: ReportDocument;
      readonly warnings: readonly ReportProblem[];
      /** The generated key findings before the planner's decisions, for the editor. */
      readonly findings: readonly { id: string; text: string }[];
      /** The indicators the report uses (for the check before publishing as public). */
      readonly indicators: readonly string[];
      readonly dataVersion: number;
    }
  | {
      readonly ok: false;
      readonly problems: readonly ReportProblem[];
      readonly warnings: readonly ReportProblem[];
    };

/** Signs of cells that are not an indicator's value (an index, a rank): unknown is ".". */
const SIGN: Record<"missing" | "suppressed", Cell> = {
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
const countCell = (v: number | null): Cell =>
  v === null ? { sign: "." } : { number: v, decimals: 0 };

/** Every indicator code a template names, in order of first use (placeholders included). */
export function indicatorsOf(t: ReportTemplate): string[] {
  return [...new Set(blocksOf(t).flatMap(({ block }) => indicatorsInBlock(block)))];
}

const parseReportPeriod = (t: ReportTemplate, code: string): Period | string => {
  const p = parsePeriod(code);
  if (!p.ok) return `„${code}“ ist kein Zeitraum.`;
  if (p.value.kind !== t.periodKind) {
    const wanted = {
      year: "ein Jahr (2021)",
      half_year: "ein Halbjahr (2026-H1)",
      month: "ein Monat (2026-10)",
    }[t.periodKind];
    return `Die Vorlage „${t.title}“ braucht als Zeitraum ${wanted}, nicht „${code}“.`;
  }
  return p.value;
};

/** Builds the report, or says everything that stands in the way. */
export async function buildReport(
  ctx: ServiceContext,
  ws: Workspace,
  req: BuildRequest,
  /** Data and sources already read for the same template and period (one per area profile). */
  loaded?: { readonly data: ReportData; readonly sources: ReportSources },
): Promise<BuildResult> {
  const t = req.template;
  const problems: ReportProblem[] = [];
  const warnings: ReportProblem[] = [];
  const reportPeriod = parseReportPeriod(t, req.period);
  if (typeof reportPeriod === "string") {
    return { ok: false, problems: [{ place: "Zeitraum", message: reportPeriod }], warnings };
  }
  const codes = indicatorsOf(t);
  const [data, sources] = loaded
    ? [loaded.data, loaded.sources]
    : await Promise.all([
        loadReportData(ctx, ws, codes),
        loadReportSources(ctx, ws, t, reportPeriod),
      ]);
  for (const c of codes) {
    if (!data.catalogue.has(c)) {
      const where = blocksOf(t).find(({ block }) => indicatorsInBlock(block).includes(c));
      problems.push({
        place: where ? placeText(t, where.place) : "Vorlage",
        message: `Indikator „${c}“ gibt es nicht im Katalog.`,
      });
    }
  }
  let area: string | null = null;
  if (t.perArea) {
    if (req.area === undefined) {
      problems.push({
        place: "Gebiet",
        message: `Die Vorlage „${t.title}“ ist ein Gebietsprofil: es fehlt das Gebiet.`,
      });
    } else if (data.levelOfArea(req.area) !== t.perArea.level) {
      problems.push({
        place: "Gebiet",
        message: `„${req.area}“ ist kein Gebiet der Ebene ${data.levelName(t.perArea.level) ?? t.perArea.level}.`,
      });
    } else area = req.area;
  }
  const dataPeriod = data.dataPeriod(reportPeriod);
  if (codes.length > 0 && dataPeriod === null) {
    problems.push({
      place: "Zeitraum",
      message: `Bis ${formatPeriod(reportPeriod.code)} gibt es keine Daten der Indikatoren dieser Vorlage.`,
    });
  }
  if (problems.length > 0) return { ok: false, problems, warnings };
  if (
    dataPeriod !== null &&
    parsePeriod(dataPeriod).ok &&
    !periodCovers(reportPeriod, dataPeriod)
  ) {
    warnings.push({
      place: "Zeitraum",
      message: `Die jüngsten Indikatordaten sind von ${formatPeriod(dataPeriod)}; der Bericht gilt ${formatPeriod(reportPeriod.code)}.`,
    });
  }

  const ctxt = new BuildContext(
    t,
    data,
    sources,
    reportPeriod,
    dataPeriod ?? reportPeriod.code,
    area,
    req,
    problems,
    warnings,
  );
  const chapters: DocumentChapter[] = t.chapters.map((c, ci) => ({
    title: c.title,
    sections: c.sections.map((s, si) => ({
      title: s.title,
      nodes: s.blocks.flatMap((b, bi) => ctxt.block(b, { chapter: ci, section: si, block: bi })),
    })),
  }));
  const title = ctxt.inline(t.title, "Titel");
  const subtitle = t.subtitle === undefined ? null : ctxt.inline(t.subtitle, "Untertitel");
  if (problems.length > 0) return { ok: false, problems, warnings };
  return {
    ok: true,
    document: {
      title: area === null ? title : `${title}: ${data.areaName(area)}`,
      subtitle,
      publisher: ws.name,
      period: formatPeriod(reportPeriod.code),
      dataAsOf: ctx.now().toISOString().slice(0, 10),
      state: req.state,
      chapters,
    },
    warnings,
    findings: ctxt.generatedFindings,
    indicators: codes,
    dataVersion: ws.dataVersion,
  };
}

/** A type's marks from its mean z-values (|z| ≥ 0,5 above or below the average of the areas). */
function typeTraits(profile: readonly { readonly z: number }[], names: readonly string[]): string {
  const high = names.filter((_, j) => profile[j]!.z >= 0.5);
  const low = names.filter((_, j) => profile[j]!.z <= -0.5);
  const parts = [
    ...(high.length > 0 ? [`über dem Durchschnitt bei ${listText(high)}`] : []),
    ...(low.length > 0 ? [`unter dem Durchschnitt bei ${listText(low)}`] : []),
  ];
  return parts.length > 0 ? parts.join("; ") : "nahe dem Durchschnitt bei allen Indikatoren";
}

/** Whether the data period lies in the report's period (a year's data in a year's report). */
function periodCovers(report: Period, dataPeriod: string): boolean {
  const p = parsePeriod(dataPeriod);
  return p.ok && p.value.end >= report.start && p.value.end <= report.end;
}

function indicatorsInBlock(b: Block): string[] {
  switch (b.type) {
    case "text":
      return findPlaceholders(b.markdown).flatMap((u) =>
        u.placeholder && "indicator" in u.placeholder ? [u.placeholder.indicator] : [],
      );
    case "map":
      return [b.indicator];
    case "chart":
    case "table":
    case "comparison":
      return [...b.indicators];
    case "typology":
      return [...b.indicators];
    case "index":
    case "accommodation":
    case "findings":
    case "indicator_sheets":
      return [];
  }
}

/** The state of one build: counters for tables and figures, the lookups, the problems. */
class BuildContext {
  private tables = 0;
  private figures = 0;
  readonly generatedFindings: { id: string; text: string }[] = [];
  constructor(
    private readonly t: ReportTemplate,
    private readonly data: ReportData,
    private readonly sources: ReportSources,
    private readonly reportPeriod: Period,
    /** The latest period with indicator data up to the report's. */
    private readonly dataPeriod: string,
    private readonly area: string | null,
    private readonly req: BuildRequest,
    private readonly problems: ReportProblem[],
    private readonly warnings: ReportProblem[],
  ) {}

  /** The source line naming the sources of the indicators shown (the workspace for one without). */
  private sourceOf(indicators: readonly string[]): string {
    return sourceLine(
      indicators.map((c) => this.data.catalogue.get(c)?.source),
      this.data.workspace.name,
    );
  }

  /** The source of an index's figures: its status and dynamics indicators; a map adds the boundaries. */
  private indexSource(v: IndexRunView, map: boolean): string {
    const d = v.index.definition;
    const codes = [...d.status.map((i) => i.code), ...d.dynamics.map((i) => i.of ?? i.code)];
    return map ? this.mapSourceOf(codes) : this.sourceOf(codes);
  }

  /** The accommodation statistic comes from the city's own records (example data in the demo). */
  private get accommodationSource(): string {
    const example = this.sources.accommodationExample ? " (Beispieldaten)" : "";
    return `Quelle: Belegungsstatistik der städtischen Unterkünfte${example}, ${this.data.workspace.name}; Berechnung und Darstellung mit Sopla.`;
  }

  /** The same for a map, with the boundaries' origin. */
  private mapSourceOf(indicators: readonly string[]): string {
    return `${this.sourceOf(indicators)} Gebietsgrenzen: ${this.data.workspace.name}.`;
  }

  private problem(place: BlockPlace, message: string) {
    this.problems.push({ place: placeText(this.t, place), message });
  }

  /** A one-line text with placeholders (the title). */
  inline(text: string, place: string): string {
    const r = textBlock(text, this.lookup());
    for (const e of r.errors) this.problems.push({ place, message: e.message });
    const first = r.nodes[0];
    return first?.kind === "paragraph" ? first.inlines.map((i) => i.text).join("") : text;
  }

  private period(ref: PeriodRef | undefined, place: BlockPlace): string | null {
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

  private areas(choice: AreaChoice, place: BlockPlace): { code: string; name: string }[] | null {
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

  lookup(): FigureLookup {
    const d = this.data;
    const lastMonth = this.sources.accommodationMonth;
    return {
      reportArea: this.area,
      periodText: () => formatPeriod(this.reportPeriod.code),
      period: (ref, purpose) => {
        if (purpose === "month") {
          if (ref === null)
            return lastMonth === null
              ? { error: "Es gibt keine Belegungsstatistik." }
              : { code: lastMonth };
          if (ref === "vormonat" && lastMonth !== null)
            return { code: addMonths(parseMonth(lastMonth)!, -1).code };
          if (ref === "vorjahr" && lastMonth !== null)
            return { code: addMonths(parseMonth(lastMonth)!, -12).code };
          return parseMonth(ref)
            ? { code: ref }
            : { error: `„${ref}“ ist kein Monat (JJJJ-MM, vormonat, vorjahr).` };
        }
        if (ref === null) {
          if (purpose === "value") return { code: this.dataPeriod };
          const p = d.relativePeriod(
            this.dataPeriod,
            this.reportPeriod.kind === "year" ? "previous" : "year_before",
          );
          return p === null
            ? { error: `Vor ${this.dataPeriod} gibt es keinen Zeitraum.` }
            : { code: p };
        }
        if (ref === "vorjahr" || ref === "vorperiode") {
          const p = d.relativePeriod(
            this.dataPeriod,
            ref === "vorjahr" ? "year_before" : "previous",
          );
          return p === null
            ? { error: `Vor ${this.dataPeriod} gibt es keinen Zeitraum.` }
            : { code: p };
        }
        const parsed = parsePeriod(ref);
        return parsed.ok ? { code: parsed.value.code } : { error: `„${ref}“ ist kein Zeitraum.` };
      },
      indicator: (code) => {
        const row = d.catalogue.get(code);
        return row && { label: row.name, unit: row.unit, decimals: row.decimals };
      },
      areaName: (code) => d.areaName(code),
      cityArea: () => d.cityCode,
      value: (indicator, area, period) => {
        const v = d.value(indicator, area, period);
        if (v === undefined) return undefined;
        if (v.kind === "known") return v;
        if (v.kind === "suppressed") return { kind: "suppressed", reason: "Geheimhaltung" };
        return v.reason === "no_data"
          ? undefined
          : { kind: "missing", reason: MISSING_TEXT[v.reason] };
      },
      rank: (indicator, area, period) => d.rank(indicator, area, period),
      accommodation: (month, figure) => {
        const s = this.sources.accommodation(month);
        return s === undefined ? undefined : figureOf(s.total, figure);
      },
    };
  }

  block(b: Block, place: BlockPlace): Node[] {
    switch (b.type) {
      case "text": {
        const r = textBlock(b.markdown, this.lookup());
        for (const e of r.errors) {
          this.problems.push({
            place: `${placeText(this.t, place)}, Zeile ${e.line}, Spalte ${e.column}`,
            message: e.message,
          });
        }
        for (const w of r.warnings) {
          this.warnings.push({
            place: `${placeText(this.t, place)}, Zeile ${w.line}, Spalte ${w.column}`,
            message: w.message,
          });
        }
        return [...r.nodes];
      }
      case "table":
        return this.table(b, place);
      case "comparison":
        return this.comparison(b, place);
      case "map":
        return this.map(b, place);
      case "chart":
        return this.chart(b, place);
      case "index":
        return this.index(b, place);
      case "typology":
        return this.typology(b, place);
      case "accommodation":
        return this.accommodation(b, place);
      case "findings":
        return this.findings(b.limit);
      case "indicator_sheets":
        return this.sheets();
    }
  }

  private nextTable(t: Omit<Table, "kind" | "number">): Table {
    return { kind: "table", number: ++this.tables, ...t };
  }

  private nextFigure(f: Omit<Figure, "kind" | "number">): Figure {
    return { kind: "figure", number: ++this.figures, ...f };
  }

  private row(code: string) {
    return this.data.catalogue.get(code)!;
  }

  private table(b: Extract<Block, { type: "table" }>, place: BlockPlace): Node[] {
    const period = this.period(b.period, place);
    const since = b.changeSince === undefined ? null : this.period(b.changeSince, place);
    const areas = this.areas(b.areas, place);
    if (period === null || areas === null || (b.changeSince !== undefined && since === null))
      return [];
    const withCity =
      "reportArea" in b.areas || !areas.some((a) => a.code === this.data.cityCode)
        ? [...areas, { code: this.data.cityCode, name: this.data.areaName(this.data.cityCode)! }]
        : areas;
    const columns = [{ label: this.levelLabel(b.areas), numeric: false }];
    for (const code of b.indicators) {
      const r = this.row(code);
      columns.push({ label: `${r.name} (${r.unit})`, numeric: true });
      if (since !== null)
        columns.push({ label: `Veränderung seit ${formatPeriod(since)}`, numeric: true });
    }
    const rows = withCity.map((a) => {
      const cells: Cell[] = [{ text: a.name }];
      for (const code of b.indicators) {
        cells.push(this.valueCell(code, a.code, period));
        if (since !== null) cells.push(this.changeCell(code, a.code, period, since));
      }
      return cells;
    });
    const names = b.indicators.map((c) => this.row(c).name).join(", ");
    return [
      this.nextTable({
        caption: b.caption ?? `${names} nach ${this.levelLabel(b.areas)}, ${formatPeriod(period)}`,
        source: this.sourceOf(b.indicators),
        columns,
        rows,
        notes: this.notes(
          rows,
          since !== null && b.indicators.some((c) => this.row(c).unit === "%"),
        ),
      }),
    ];
  }

  /** An indicator's value as a cell, with the marks core/marks gives it for the readers. */
  private valueCell(code: string, area: string, period: string): Cell {
    return markedCell(this.data.mark(code, area, period), this.row(code).decimals);
  }

  /** The change of an indicator's value between two periods: it carries both values' marks. */
  private changeCell(code: string, area: string, period: string, since: string): Cell {
    const d = this.data;
    const now = d.value(code, area, period);
    const before = d.value(code, area, since);
    if (now?.kind !== "known" || before?.kind !== "known") return { sign: "." };
    const decimals = this.row(code).decimals;
    const flags = combineFlags(d.flags(code, area, period), d.flags(code, area, since));
    return markedCell(d.markOf(known(now.value - before.value), flags, decimals), decimals);
  }

  private levelLabel(choice: AreaChoice): string {
    if ("level" in choice) return this.data.levelName(choice.level) ?? "Gebiet";
    return "Gebiet";
  }

  /** The notes under a table: percentage points, and the legend of every mark it uses. */
  private notes(rows: readonly (readonly Cell[])[], points: boolean): string[] {
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

  private comparison(b: Extract<Block, { type: "comparison" }>, place: BlockPlace): Node[] {
    const period = this.period(b.period, place);
    const areas = this.areas(b.areas, place);
    if (period === null || areas === null) return [];
    const out: Node[] = [];
    for (const a of areas) {
      const level = this.data.levelOfArea(a.code);
      const peers = level === undefined ? [] : (this.data.areasOfLevel(level) ?? []);
      const rows = b.indicators.map((code): Cell[] => {
        const r = this.row(code);
        const values = peers
          .map((p) => this.data.value(code, p.code, period))
          .flatMap((v) => (v?.kind === "known" ? [v.value] : []));
        const rank = this.data.rank(code, a.code, period);
        return [
          { text: `${r.name} (${r.unit})` },
          this.valueCell(code, a.code, period),
          this.valueCell(code, this.data.cityCode, period),
          values.length > 0 ? { number: Math.min(...values), decimals: r.decimals } : SIGN.missing,
          values.length > 0 ? { number: Math.max(...values), decimals: r.decimals } : SIGN.missing,
          rank === null ? SIGN.missing : { text: `${rank.rank} von ${rank.of}` },
        ];
      });
      const levelName = level === undefined ? "Gebiete" : (this.data.levelName(level) ?? "Gebiete");
      out.push(
        this.nextTable({
          caption: b.caption ?? `${a.name} im Vergleich mit der Stadt, ${formatPeriod(period)}`,
          source: this.sourceOf(b.indicators),
          columns: [
            { label: "Indikator", numeric: false },
            { label: a.name, numeric: true },
            { label: this.data.areaName(this.data.cityCode)!, numeric: true },
            { label: `Minimum ${levelName}`, numeric: true },
            { label: `Maximum ${levelName}`, numeric: true },
            { label: "Rang (höchster Wert = 1)", numeric: false },
          ],
          rows,
          notes: this.notes(rows, false),
        }),
      );
    }
    return out;
  }

  private map(b: Extract<Block, { type: "map" }>, place: BlockPlace): Node[] {
    const period = this.period(b.period, place);
    const areas = this.data.areasOfLevel(b.level);
    if (!areas) this.problem(place, `Die Ebene „${b.level}“ gibt es nicht.`);
    if (period === null || !areas) return [];
    const r = this.row(b.indicator);
    const drawn = mapFigure(this.data, this.sources, {
      indicator: b.indicator,
      level: b.level,
      period,
      periodText: formatPeriod(period),
      highlight: this.area,
    });
    if (typeof drawn === "string") {
      this.problem(place, drawn);
      return [];
    }
    return [
      this.nextFigure({
        ...drawn,
        caption:
          b.caption ?? `${r.name} nach ${this.data.levelName(b.level)}, ${formatPeriod(period)}`,
        source: this.mapSourceOf([b.indicator]),
      }),
    ];
  }

  private chart(b: Extract<Block, { type: "chart" }>, place: BlockPlace): Node[] {
    const periods = periodsUpTo(this.data, this.dataPeriod, b.periods);
    if (periods.length < 2) {
      this.problem(
        place,
        `Bis ${formatPeriod(this.dataPeriod)} gibt es keine zwei Zeiträume für einen Verlauf.`,
      );
      return [];
    }
    const areas = this.area === null ? [this.data.cityCode] : [this.area, this.data.cityCode];
    const span = `${formatPeriod(periods[0]!)} bis ${formatPeriod(periods.at(-1)!)}`;
    const where = this.area === null ? "" : `: ${this.data.areaName(this.area)} und Stadt`;
    return lineFigures(this.data, { indicators: b.indicators, areas, periods }).map((drawn) =>
      this.nextFigure({
        ...drawn.figure,
        caption: b.caption ?? `${drawn.names.join(", ")}, ${span}${where}`,
        source: this.sourceOf(drawn.codes),
      }),
    );
  }

  private index(b: Extract<Block, { type: "index" }>, place: BlockPlace): Node[] {
    const run = this.sources.indexRuns.get(b.index);
    if (run === undefined) {
      this.problem(
        place,
        `Den Sozialindex „${b.index}“ gibt es nicht, oder er wurde für den Zeitraum des Berichts und davor noch nicht berechnet.`,
      );
      return [];
    }
    const out: Node[] = [];
    const v = run.run;
    const levelName = this.data.levelName(v.level) ?? v.level;
    for (const part of b.parts) {
      if (part === "map") {
        out.push(
          this.nextFigure({
            ...indexMapFigure(this.data, this.sources, v),
            caption:
              b.caption ??
              `${v.index.name}: Status- und Dynamikklassen nach ${levelName}, ${formatPeriod(v.period)}`,
            source: this.indexSource(v, true),
          }),
        );
      } else if (part === "table") {
        const rows = v.areas.map((a): Cell[] => [
          { text: a.name },
          a.status ? { number: a.status.index, decimals: 2 } : SIGN.missing,
          { text: a.status?.classLabel ?? a.exclusion?.detail ?? "–" },
          a.dynamics ? { number: a.dynamics.index, decimals: 2 } : SIGN.missing,
          { text: a.dynamics?.classLabel ?? (a.exclusion ? "ausgeschlossen" : "–") },
        ]);
        out.push(
          this.nextTable({
            caption: `${v.index.name}: Ergebnis je ${levelName}, ${formatPeriod(v.period)}`,
            source: this.indexSource(v, false),
            columns: [
              { label: levelName, numeric: false },
              { label: "Statusindex", numeric: true },
              { label: "Statusklasse", numeric: false },
              { label: "Dynamikindex", numeric: true },
              { label: "Dynamikklasse", numeric: false },
            ],
            rows,
            notes: v.excluded > 0 ? ["Ausgeschlossene Gebiete mit Grund statt Klasse."] : [],
          }),
        );
      } else if (part === "method") {
        out.push({ kind: "subheading", text: v.method.title });
        for (const p of v.method.paragraphs)
          out.push({ kind: "paragraph", inlines: [{ text: p }] });
        out.push({
          kind: "list",
          ordered: false,
          items: v.method.classes.map((c) => [
            { text: `${c.label}: ${c.rule} (${c.areas} Gebiete)` },
          ]),
        });
        out.push({ kind: "paragraph", inlines: [{ text: v.method.caution, emphasis: true }] });
      } else {
        const comparison = run.comparison;
        if (comparison === null) {
          out.push(
            paragraph(
              `Es gibt keine frühere Ausgabe zum Vergleich: Vor ${formatPeriod(v.period)} wurde der Index auf dieser Ebene nicht berechnet.`,
            ),
          );
        } else {
          const changes = comparison.changes;
          const { periods, runs, caution } = comparison.editions;
          out.push(
            paragraph(
              (changes.length === 0
                ? `Kein Gebiet hat ${periods} die Klasse gewechselt (${runs}).`
                : `${changes.length} Klassenwechsel ${periods} (${runs}):`) +
                (caution === null ? "" : ` ${caution}`),
            ),
          );
          if (changes.length > 0) {
            out.push({
              kind: "list",
              ordered: false,
              items: changes.map((c) => [
                {
                  text: `${c.name}: ${c.dimension === "status" ? "Status" : "Dynamik"} ${c.from ?? "nicht im Index"} → ${c.to ?? "nicht im Index"}`,
                },
              ]),
            });
          }
        }
      }
    }
    return out;
  }

  private typology(b: Extract<Block, { type: "typology" }>, place: BlockPlace): Node[] {
    const period = this.period(b.period, place);
    const areas = this.data.areasOfLevel(b.level);
    if (!areas) this.problem(place, `Die Ebene „${b.level}“ gibt es nicht.`);
    if (period === null || !areas) return [];
    const known = (code: string, area: string): number | null => {
      const v = this.data.value(code, area, period);
      return v?.kind === "known" ? v.value : null;
    };
    const method = b.method ?? "kmeans";
    const seed = b.seed ?? 1;
    const r = typology(
      b.indicators,
      areas.map((a) => ({ ...a, values: b.indicators.map((c) => known(c, a.code)) })),
      b.indicators.map((c) => known(c, this.data.cityCode)),
      { method, k: b.k, seed },
    );
    if (!r.ok) {
      this.problem(place, `Typisierung ${formatPeriod(period)}: ${r.error}`);
      return [];
    }
    const ty = r.value;
    const levelName = this.data.levelName(b.level) ?? b.level;
    const rows = b.indicators.map((c) => this.row(c));
    const names = rows.map((x) => x.name);
    const typed = ty.areas.filter((a) => a.type !== null).length;
    const chosen = ty.silhouettes.find((s) => s.k === ty.k);
    const how =
      method === "ward"
        ? "Ward-Verfahren"
        : `k-means, beste von 10 Startlösungen mit Startwert ${seed}`;
    const kWhy =
      chosen === undefined
        ? ""
        : b.k === undefined
          ? ` Die Zahl der Typen hat unter k = 2 bis ${ty.silhouettes.at(-1)!.k} die höchste mittlere Silhouettenbreite (${formatNumber(chosen.width, 2)}).`
          : ` Mittlere Silhouettenbreite: ${formatNumber(chosen.width, 2)}.`;
    const out: Node[] = [
      {
        kind: "paragraph",
        inlines: [
          {
            text: `${typed} von ${ty.areas.length} Gebieten der Ebene ${levelName} sind nach ${listText(names)} (${formatPeriod(period)}, je Indikator z-standardisiert) in ${ty.k} Typen gruppiert (${how}).${kWhy}`,
          },
          ...(typed < ty.areas.length
            ? [
                {
                  text: ` ${ty.areas.length - typed} ${ty.areas.length - typed === 1 ? "Gebiet hat" : "Gebiete haben"} nicht alle Werte und ${ty.areas.length - typed === 1 ? "bleibt" : "bleiben"} ohne Typ.`,
                },
              ]
            : []),
        ],
      },
    ];
    const title = `Gebietstypen (${levelName}) nach ${listText(names)}, ${formatPeriod(period)}`;
    for (const part of b.parts) {
      if (part === "map") {
        const drawn = typologyMapFigure(this.data, this.sources, {
          level: b.level,
          title,
          areas: ty.areas,
          types: ty.types,
        });
        if (typeof drawn === "string") {
          this.problem(place, drawn);
          continue;
        }
        out.push(
          this.nextFigure({
            ...drawn,
            caption: b.caption ?? title,
            source: this.mapSourceOf(b.indicators),
          }),
        );
      } else if (part === "profiles") {
        const cityName = this.data.areaName(this.data.cityCode)!;
        out.push({
          kind: "list",
          ordered: false,
          items: ty.types.map((t) => {
            const members = ty.areas.filter((a) => a.type === t.type).map((a) => a.name);
            const who =
              members.length <= 8
                ? `${countText(t.areas, "Gebiet", "Gebiete")}: ${listText(members)}`
                : countText(t.areas, "Gebiet", "Gebiete");
            return [
              { text: `Typ ${t.type}`, strong: true },
              { text: ` (${who}): ${typeTraits(t.profile, names)}.` },
            ];
          }),
        });
        const profileRows = rows.map((x, j): Cell[] => [
          { text: `${x.name} (${x.unit})` },
          ...ty.types.map((t) => ({ number: t.profile[j]!.mean, decimals: x.decimals })),
          this.valueCell(x.code, this.data.cityCode, period),
        ]);
        out.push(
          this.nextTable({
            caption: `Profile der Typen: Mittelwerte der Gebiete je Typ und Wert der Stadt, ${formatPeriod(period)}`,
            source: this.sourceOf(b.indicators),
            columns: [
              { label: "Indikator", numeric: false },
              ...ty.types.map((t) => ({ label: `Typ ${t.type}`, numeric: true })),
              { label: cityName, numeric: true },
            ],
            rows: profileRows,
            notes: [
              "Mittelwerte ungewichtet über die Gebiete des Typs.",
              ...this.notes(profileRows, false),
            ],
          }),
        );
      } else {
        const byCode = new Map(ty.areas.map((a) => [a.code, a]));
        const body = areas.map((a): Cell[] => {
          const t = byCode.get(a.code)!;
          const lacking = b.indicators.filter((c) => known(c, a.code) === null);
          return [
            { text: a.name },
            t.type === null
              ? {
                  text: `ohne Typ: ${lacking.map((c) => this.row(c).name).join(", ")} fehlt oder ist gesperrt`,
                }
              : { text: `Typ ${t.type}` },
          ];
        });
        out.push(
          this.nextTable({
            caption: `Typ je ${levelName}, ${formatPeriod(period)}`,
            source: this.sourceOf(b.indicators),
            columns: [
              { label: levelName, numeric: false },
              { label: "Typ", numeric: false },
            ],
            rows: body,
            notes: [],
          }),
        );
      }
    }
    return out;
  }

  private accommodation(b: Extract<Block, { type: "accommodation" }>, place: BlockPlace): Node[] {
    const month = this.sources.accommodationMonth;
    const s = month === null ? undefined : this.sources.accommodation(month);
    if (month === null || s === undefined) {
      // A monthly accommodation report is about the figures; any other report says they are missing.
      if (this.t.periodKind === "month" || !b.parts.includes("summary")) {
        this.problem(place, "Für den Zeitraum des Berichts gibt es keine Belegungsstatistik.");
        return [];
      }
      const first = this.sources.accommodationFirst;
      const since = first === null ? "" : `; sie beginnen im ${formatPeriod(first)}`;
      return [
        {
          kind: "paragraph",
          inlines: [
            {
              text: `Für ${formatPeriod(this.reportPeriod.code)} liegen keine Belegungszahlen der städtischen Unterkünfte vor${since}.`,
            },
          ],
        },
      ];
    }
    const monthText = formatPeriod(month);
    const out: Node[] = [];
    const figuresRow = (label: string, f: ProtectedFigures): Cell[] => [
      { text: label },
      countCell(f.persons),
      countCell(f.households),
      { number: f.places, decimals: 0 },
      f.occupancyRate === null ? SIGN.missing : { number: f.occupancyRate * 100, decimals: 1 },
      countCell(f.freePlaces),
      countCell(f.entries),
      countCell(f.exits),
    ];
    const columns = (first: string) => [
      { label: first, numeric: false },
      { label: "Personen", numeric: true },
      { label: "Haushalte", numeric: true },
      { label: "Plätze", numeric: true },
      { label: "Auslastung (%)", numeric: true },
      { label: "Freie Plätze", numeric: true },
      { label: "Einzüge", numeric: true },
      { label: "Auszüge", numeric: true },
    ];
    const rulesNote = rulesText(countingRulesOf(this.data.workspace), s.referenceDate);
    if (this.sources.accommodationExample) {
      out.push({
        kind: "paragraph",
        inlines: [
          { text: "Beispieldaten: ", strong: true },
          {
            text: "Die Unterkünfte und Belegungen dieses Arbeitsbereichs sind synthetisch erzeugt; keine Person darin existiert.",
            emphasis: true,
          },
        ],
      });
    }
    for (const part of b.parts) {
      if (part === "summary") {
        out.push({ kind: "paragraph", inlines: [{ text: this.accommodationSummary(s) }] });
      } else if (part === "key_figures") {
        const prev = this.sources.accommodation(addMonths(parseMonth(month)!, -1).code);
        const year = this.sources.accommodation(addMonths(parseMonth(month)!, -12).code);
        const rows = [figuresRow(monthText, s.total)];
        if (prev) rows.push(figuresRow(`Vormonat (${formatPeriod(prev.month)})`, prev.total));
        if (year) rows.push(figuresRow(`Vorjahresmonat (${formatPeriod(year.month)})`, year.total));
        out.push(
          this.nextTable({
            caption: b.caption ?? `Belegung der städtischen Unterkünfte, ${monthText}`,
            source: this.accommodationSource,
            columns: columns("Monat"),
            rows,
            notes: [rulesNote, ...this.notes(rows, false)],
          }),
        );
      } else if (part === "by_type") {
        const rows = Object.entries(s.byType).map(([type, f]) =>
          figuresRow(FACILITY_TYPE_LABELS[type as FacilityType], f),
        );
        rows.push(figuresRow("Insgesamt", s.total));
        out.push(
          this.nextTable({
            caption: `Belegung nach Art der Unterkunft, ${monthText}`,
            source: this.accommodationSource,
            columns: columns("Art der Unterkunft"),
            rows,
            notes: [rulesNote, ...this.notes(rows, false)],
          }),
        );
      } else if (part === "by_facility") {
        // Figures per facility stay with the accommodation staff and the planners: a report
        // is read by the council and may be published (disclosure control, no facility).
        this.warnings.push({
          place: placeText(this.t, place),
          message:
            "Die Belegung je Unterkunft steht in keinem Bericht (Geheimhaltung); der Bericht nennt stattdessen die Arten der Unterkunft.",
        });
        out.push({
          kind: "paragraph",
          inlines: [
            {
              text: "Zahlen je Unterkunft werden in Berichten nicht veröffentlicht, damit keine Person über ihre Unterkunft erkennbar wird; die Übersicht nach Art der Unterkunft steht oben.",
              emphasis: true,
            },
          ],
        });
      } else {
        const series = this.sources.accommodationSeries;
        out.push(
          this.nextFigure({
            ...accommodationFigure(series),
            caption: `Personen am Stichtag und Plätze, ${formatPeriod(series[0]?.month ?? month)} bis ${monthText}`,
            source: this.accommodationSource,
          }),
        );
      }
    }
    return out;
  }

  /** The month's key figures in two or three sentences, with the changes to compare. */
  private accommodationSummary(s: ProtectedStatistic): string {
    const n = (v: number | null) => (v === null ? "(gesperrt)" : formatNumber(v, 0));
    const month = parseMonth(s.month)!;
    const change = (other: ProtectedStatistic | undefined, what: string) => {
      if (!other || other.total.persons === null || s.total.persons === null) return null;
      const d = s.total.persons - other.total.persons;
      return `${d === 0 ? "gleich viele wie" : `${formatNumber(Math.abs(d), 0)} ${d > 0 ? "mehr" : "weniger"} als`} ${what}`;
    };
    const changes = [
      change(this.sources.accommodation(addMonths(month, -1).code), "im Vormonat"),
      change(this.sources.accommodation(addMonths(month, -12).code), "ein Jahr zuvor"),
    ].filter((x): x is string => x !== null);
    const t = s.total;
    const rate =
      t.occupancyRate === null ? "" : ` (Auslastung ${formatNumber(t.occupancyRate * 100, 1)} %)`;
    return [
      `Am Stichtag ${formatDay(s.referenceDate)} waren ${n(t.persons)} Personen in ${n(t.households)} Haushalten in den städtischen Unterkünften untergebracht${changes.length > 0 ? `, ${changes.join(" und ")}` : ""}.`,
      `Von ${formatNumber(t.places, 0)} Plätzen waren ${n(t.freePlaces)} frei${rate}.`,
      `Im ${formatPeriod(s.month)} zogen ${n(t.entries)} Personen ein und ${n(t.exits)} aus; ${n(t.entitledToFlat)} Untergebrachte hätten Anspruch auf eine eigene Wohnung.`,
    ].join(" ");
  }

  private findings(limit: number): Node[] {
    const d = this.data;
    const previous = d.relativePeriod(
      this.dataPeriod,
      this.reportPeriod.kind === "year" ? "previous" : "year_before",
    );
    const level = this.t.perArea?.level ?? d.model.levels[1]?.code ?? d.model.levels[0]!.code;
    const indicators: FindingIndicator[] = [...d.indicators.values()].map((i) => {
      // A key finding states a fact: a value under review or not reliable enough is left out.
      const v = (area: string, p: string | null) => {
        const x = p === null ? undefined : d.value(i.row.code, area, p);
        return x?.kind === "known" && isFirm(d.flags(i.row.code, area, p!)) ? x.value : null;
      };
      return {
        code: i.row.code,
        label: i.row.name,
        unit: i.row.unit,
        decimals: i.row.decimals,
        isRate: i.isRate,
        city: { now: v(d.cityCode, this.dataPeriod), before: v(d.cityCode, previous) },
        areas: (d.areasOfLevel(level) ?? []).map((a) => ({
          code: a.code,
          name: a.name,
          value: v(a.code, this.dataPeriod),
        })),
      };
    });
    const firstIndex = [...this.sources.indexRuns.values()][0];
    const found = keyFindings({
      nowText: formatPeriod(this.dataPeriod),
      beforeText: previous === null ? "" : formatPeriod(previous),
      levelName: d.levelName(level) ?? "Gebiet",
      indicators: previous === null ? [] : indicators,
      index:
        firstIndex?.comparison == null
          ? undefined
          : {
              name: firstIndex.run.index.name,
              ...firstIndex.comparison.editions,
              changes: firstIndex.comparison.changes.map((c) => ({
                area: c.name,
                dimension: c.dimension === "status" ? "Status" : "Dynamik",
                from: c.from ?? "nicht im Index",
                to: c.to ?? "nicht im Index",
              })),
            },
      // A record needs every month's persons: a withheld month could hold a higher number.
      accommodation:
        this.sources.accommodationMonth === null ||
        this.sources.accommodationSeries.some((m) => m.total.persons === null)
          ? undefined
          : {
              reportMonth: this.sources.accommodationMonth,
              example: this.sources.accommodationExample,
              months: this.sources.accommodationSeries.flatMap((m) =>
                m.total.persons === null
                  ? []
                  : [{ month: m.month, text: formatPeriod(m.month), persons: m.total.persons }],
              ),
            },
    });
    this.generatedFindings.push(...found.map((f) => ({ id: f.id, text: f.text })));
    const printed = applyDecisions(found, this.req.decisions ?? {}).slice(0, limit);
    return printed.length === 0
      ? [
          {
            kind: "paragraph",
            inlines: [
              {
                text: "Nach den festen Regeln für Schlüsselergebnisse (größte Veränderungen der Stadt, größter Abstand eines Gebiets zur Stadt, Klassenwechsel im Sozialindex, Höchst- und Tiefstwerte der Unterbringung) gibt es in diesem Zeitraum keine auffälligen Veränderungen.",
              },
            ],
          },
        ]
      : [{ kind: "findings", items: printed.map((p) => ({ id: p.id, text: p.text })) }];
  }

  private sheets(): Node[] {
    const out: Node[] = [];
    for (const code of indicatorsOf(this.t)) {
      const r = this.data.catalogue.get(code);
      if (!r) continue;
      const variable = (c: string) =>
        this.data.model.variables.find((v) => v.code === c)?.name ?? c;
      const formula =
        r.denominator === null
          ? `${r.numerator.map(variable).join(" + ")}${r.factor === 1 ? "" : ` × ${r.factor.toLocaleString("de-DE")}`}`
          : `(${r.numerator.map(variable).join(" + ")}) / (${r.denominator.map(variable).join(" + ")}) × ${r.factor.toLocaleString("de-DE")}`;
      const polarity = {
        higher_is_better: "ein hoher Wert ist günstig",
        lower_is_better: "ein hoher Wert ist ungünstig",
        neutral: "ohne Wertung",
      }[r.polarity];
      out.push({ kind: "subheading", text: r.name });
      out.push({
        kind: "list",
        ordered: false,
        items: [
          [{ text: "Definition: ", strong: true }, { text: r.definition }],
          [
            { text: "Berechnung: ", strong: true },
            { text: `${formula} (Einheit: ${r.unit}, ${r.decimals} Nachkommastellen)` },
          ],
          [{ text: "Lesart: ", strong: true }, { text: polarity }],
          ...(r.interpretation
            ? [[{ text: "Interpretation: ", strong: true }, { text: r.interpretation }]]
            : []),
          ...(r.limits ? [[{ text: "Grenzen: ", strong: true }, { text: r.limits }]] : []),
          [{ text: "Quelle: ", strong: true }, { text: r.source ?? this.data.workspace.name }],
        ],
      });
    }
    return out;
  }
}

const MISSING_TEXT: Record<MissingReason, string> = {
  under_review: "wird noch geprüft",
  not_reliable: "nicht sicher genug",
  withheld_at_source: "von der Quelle nicht geliefert",
  zero_denominator: "Nenner null",
  incomplete_coverage: "nicht für alle Teilgebiete vorhanden",
  not_aggregable: "nicht summierbar",
  no_data: "keine Daten",
};

function figureOf(f: ProtectedFigures, figure: AccommodationFigure): number | null {
  return f[figure];
}

/**
 * The profiles of every area of the template's level in one document: one chapter per area
 * (its sections those of the profile), tables and figures numbered through. Any area's
 * problem stops the whole run, named with the area.
 */
export async function buildAreaProfiles(
  ctx: ServiceContext,
  ws: Workspace,
  req: Omit<BuildRequest, "area">,
): Promise<BuildResult> {
  const level = req.template.perArea?.level;
  if (level === undefined) {
    return {
      ok: false,
      problems: [{ place: "Vorlage", message: `„${req.template.title}“ ist kein Gebietsprofil.` }],
      warnings: [],
    };
  }
  const period = parseReportPeriod(req.template, req.period);
  if (typeof period === "string") {
    return { ok: false, problems: [{ place: "Zeitraum", message: period }], warnings: [] };
  }
  // Every profile reads the same indicators and outlines: read once.
  const [data, sources] = await Promise.all([
    loadReportData(ctx, ws, indicatorsOf(req.template)),
    loadReportSources(ctx, ws, req.template, period),
  ]);
  const areas = data.areasOfLevel(level) ?? [];
  const problems: ReportProblem[] = [];
  const warnings: ReportProblem[] = [];
  const chapters: DocumentChapter[] = [];
  const findings: { id: string; text: string }[] = [];
  let first: Extract<BuildResult, { ok: true }> | null = null;
  let tables = 0;
  let figures = 0;
  for (const area of areas) {
    const r = await buildReport(ctx, ws, { ...req, area: area.code }, { data, sources });
    const named = (p: ReportProblem) => ({ ...p, place: `${area.name}: ${p.place}` });
    if (!r.ok) {
      problems.push(...r.problems.map(named));
      continue;
    }
    warnings.push(...r.warnings.map(named));
    findings.push(
      ...r.findings.map((f) => ({ id: `${area.code}:${f.id}`, text: `${area.name}: ${f.text}` })),
    );
    first ??= r;
    chapters.push({
      title: area.name,
      sections: r.document.chapters.flatMap((c) =>
        c.sections.map((s) => ({
          title: s.title,
          nodes: s.nodes.map((n) =>
            n.kind === "table"
              ? { ...n, number: ++tables }
              : n.kind === "figure"
                ? { ...n, number: ++figures }
                : n,
          ),
        })),
      ),
    });
  }
  if (problems.length > 0 || first === null) {
    return {
      ok: false,
      problems:
        problems.length > 0
          ? problems
          : [{ place: "Ebene", message: `Die Ebene „${level}“ hat keine Gebiete.` }],
      warnings,
    };
  }
  const title = first.document.title.replace(/: [^:]*$/, "");
  return {
    ...first,
    document: {
      ...first.document,
      title: `${title.replace(/^Gebietsprofil\b/, "Gebietsprofile")}: alle ${areas.length} Gebiete der Ebene ${data.levelName(level) ?? level}`,
      chapters,
    },
    warnings,
    findings,
  };
}

function paragraph(text: string): Node {
  return { kind: "paragraph", inlines: [{ text }] };
}
