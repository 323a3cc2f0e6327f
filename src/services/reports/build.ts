/**
 * Builds a report: a template, a period (and for an area profile, an area) and the current
 * data become one document (src/core/reports/document.ts) that every output renders. Every
 * problem — an unknown indicator, a period without data, a placeholder that cannot be
 * resolved — is collected with its place in the template, and then no document is made: a
 * report is whole or it is not built.
 */
import type { DocumentChapter, ReportDocument } from "../../core/reports/document.ts";
import type { FindingDecision } from "../../core/reports/findings.ts";
import { formatPeriod } from "../../core/reports/format.ts";
import {
  blocksOf,
  placeText,
  PERIOD_KIND_TEXT,
  type Block,
  type ReportTemplate,
} from "../../core/reports/template.ts";
import { parsePeriod, type Period } from "../../core/periods/period.ts";
import { AppError } from "../app-error.ts";
import { workspaceLogo } from "../workspace-logo.ts";
import type { ServiceContext } from "../context.ts";
import type { Workspace } from "../workspaces.ts";
import { builderOf } from "./blocks/builders.ts";
import { BuildContext, type ReportProblem } from "./blocks/context.ts";
import { loadReportData, type ReportData } from "./report-data.ts";
import { loadReportSources, type ReportSources } from "./report-sources.ts";

export interface BuildRequest {
  readonly template: ReportTemplate;
  /** The report's period ("2021", "2026-H1", "2026-10"). */
  readonly period: string;
  /** The area of an area profile. */
  readonly area?: string | undefined;
  readonly decisions?: Readonly<Record<string, FindingDecision>> | undefined;
  /** Printed on the title page: "Entwurf", "intern", "öffentlich". */
  readonly state: string;
  /** The report (its code) being built, whose published versions a controlling block reads. */
  readonly report?: string | undefined;
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

/** A report that was built. */
export type BuiltReport = Extract<BuildResult, { ok: true }>;

/** Refuses a build with problems as a whole, naming each with its place. */
export function documentOf(built: BuildResult): BuiltReport {
  if (built.ok) return built;
  throw new AppError(
    "report_incomplete",
    `Der Bericht lässt sich nicht erstellen: ${built.problems.map((p) => `${p.place}: ${p.message}`).join(" ")}`,
    { problems: built.problems, warnings: built.warnings },
  );
}

/** Every indicator code a template names, in order of first use (placeholders included). */
export function indicatorsOf(t: ReportTemplate): string[] {
  return [...new Set(blocksOf(t).flatMap(({ block }) => indicatorsIn(block)))];
}

/** The indicator codes one block names, as its builder reads them. */
function indicatorsIn(block: Block): readonly string[] {
  return builderOf(block.type).indicators(block);
}

const parseReportPeriod = (t: ReportTemplate, code: string): Period | string => {
  const p = parsePeriod(code);
  if (!p.ok) return `„${code}“ ist kein Zeitraum.`;
  if (p.value.kind !== t.periodKind) {
    return `Die Vorlage „${t.title}“ braucht als Zeitraum ${PERIOD_KIND_TEXT[t.periodKind]}, nicht „${code}“.`;
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
        loadReportSources(ctx, ws, t, reportPeriod, req.report),
      ]);
  for (const c of codes) {
    if (!data.catalogue.has(c)) {
      const where = blocksOf(t).find(({ block }) => indicatorsIn(block).includes(c));
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
    {
      template: t,
      data,
      sources,
      reportPeriod,
      dataPeriod: dataPeriod ?? reportPeriod.code,
      area,
      indicators: codes,
      decisions: req.decisions ?? {},
    },
    problems,
    warnings,
  );
  const chapters: DocumentChapter[] = t.chapters.map((c, ci) => ({
    title: c.title,
    sections: c.sections.map((s, si) => ({
      title: s.title,
      nodes: s.blocks.flatMap((b, bi) =>
        builderOf(b.type).build(b, ctxt, { chapter: ci, section: si, block: bi }),
      ),
    })),
  }));
  const title = ctxt.inline(t.title, "Titel");
  const subtitle = t.subtitle === undefined ? null : ctxt.inline(t.subtitle, "Untertitel");
  if (problems.length > 0) return { ok: false, problems, warnings };
  const logo = await workspaceLogo(ctx, ws);
  return {
    ok: true,
    document: {
      title: area === null ? title : `${title}: ${data.areaName(area)}`,
      subtitle,
      publisher: ws.publisher ?? ws.name,
      ...(ws.publisherAddress ? { publisherAddress: ws.publisherAddress } : {}),
      ...(logo
        ? {
            logo: {
              mediaType: logo.mediaType,
              base64: Buffer.from(logo.content).toString("base64"),
            },
          }
        : {}),
      period: formatPeriod(reportPeriod.code),
      dataAsOf: ctx.now().toISOString().slice(0, 10),
      state: req.state,
      chapters,
      ...(ctxt.controllingSnapshot ? { controlling: ctxt.controllingSnapshot } : {}),
    },
    warnings,
    findings: ctxt.generatedFindings,
    indicators: codes,
    dataVersion: ws.dataVersion,
  };
}

/** Whether the data period lies in the report's period (a year's data in a year's report). */
function periodCovers(report: Period, dataPeriod: string): boolean {
  const p = parsePeriod(dataPeriod);
  return p.ok && p.value.end >= report.start && p.value.end <= report.end;
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
  let first: BuiltReport | null = null;
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
