/**
 * Reports: a template applied to a period (and for an area profile, an area), with the
 * planner's decisions about the key findings; who sees which report; the draft built from the
 * current data with the latest template. Every write is audited in its own transaction.
 * Templates are in templates.ts, published versions in versions.ts.
 */
import type { FindingDecision } from "../../core/reports/findings.ts";
import { formatPeriod } from "../../core/reports/format.ts";
import { PERIOD_KIND_TEXT } from "../../core/reports/template.ts";
import { parsePeriod } from "../../core/periods/period.ts";
import type { Audience } from "../../core/publication/publication.ts";
import { AppError, notFound } from "../app-error.ts";
import { audit, type Actor } from "../audit.ts";
import type { ServiceContext } from "../context.ts";
import type { Workspace } from "../workspaces.ts";
import {
  findReport,
  insertReport,
  deleteReportRow,
  latestReportVersion,
  listReports as listReportRows,
  listReportVersions,
  lockReportKey,
  setReportDecisions,
  type ReportRow,
  type ReportVersionMeta,
} from "../../storage/reports.repo.ts";
import { loadReportData } from "./report-data.ts";
import { buildReport, type BuildResult } from "./build.ts";
import { getTemplate } from "./templates.ts";

export interface ReportView {
  readonly code: string;
  readonly title: string;
  readonly template: string;
  readonly period: string;
  readonly area: string | null;
  readonly decisions: Readonly<Record<string, FindingDecision>>;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly versions: readonly VersionSummary[];
}

/** A published version as the API shows it (without the database's internal ids). */
export interface VersionSummary {
  readonly version: number;
  readonly state: "internal" | "public";
  readonly templateVersion: number;
  readonly dataVersion: number;
  readonly publishedBy: string;
  readonly publishedAt: Date;
}

export const versionSummary = (v: ReportVersionMeta): VersionSummary => ({
  version: v.version,
  state: v.state,
  templateVersion: v.templateVersion,
  dataVersion: v.dataVersion,
  publishedBy: v.publishedBy,
  publishedAt: v.publishedAt,
});

const reportView = (r: ReportRow, versions: readonly ReportVersionMeta[]): ReportView => ({
  code: r.code,
  title: r.title,
  template: r.templateCode,
  period: r.period,
  area: r.areaCode,
  decisions: r.decisions as Record<string, FindingDecision>,
  createdBy: r.createdBy,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  versions: versions.map(versionSummary),
});

/** A report as readers other than planners see it: the decisions are the planners' work. */
export type ReportReading = ReportView | Omit<ReportView, "decisions">;

const withoutDecisions = ({ decisions: _d, ...r }: ReportView) => r;

/** The reports the audience sees: planners all with their decisions, others the published ones. */
export async function listReports(
  ctx: ServiceContext,
  ws: Workspace,
  audience: Audience,
): Promise<ReportReading[]> {
  const rows = await listReportRows(ctx.db.orm, ws.id);
  const all = await Promise.all(
    rows.map(async (r) => reportView(r, await listReportVersions(ctx.db.orm, r.id))),
  );
  return audience === "planning"
    ? all
    : all.filter((r) => r.versions.length > 0).map(withoutDecisions);
}

/** The stored row of a report; not_found when there is none. */
export async function reportRow(
  ctx: ServiceContext,
  ws: Workspace,
  code: string,
): Promise<ReportRow> {
  const r = await findReport(ctx.db.orm, ws.id, code);
  if (!r) throw notFound("Bericht", code);
  return r;
}

async function fullReport(ctx: ServiceContext, ws: Workspace, code: string): Promise<ReportView> {
  const r = await reportRow(ctx, ws, code);
  return reportView(r, await listReportVersions(ctx.db.orm, r.id));
}

/** A report as the audience sees it: to others than planners only a published one. */
export async function getReport(
  ctx: ServiceContext,
  ws: Workspace,
  code: string,
  audience: Audience,
): Promise<ReportReading> {
  const r = await fullReport(ctx, ws, code);
  if (audience === "planning") return r;
  if (r.versions.length === 0) throw new AppError("not_found", `Bericht „${code}“ gibt es nicht.`);
  return withoutDecisions(r);
}

/** Creates a report from a template for a period (and an area, for a profile). */
export async function createReport(
  ctx: ServiceContext,
  ws: Workspace,
  req: {
    code: string;
    title?: string | undefined;
    template: string;
    period: string;
    area?: string | undefined;
  },
  actor: Actor,
): Promise<ReportView> {
  const { template } = await getTemplate(ctx, ws, req.template);
  const period = parsePeriod(req.period);
  if (!period.ok || period.value.kind !== template.periodKind) {
    throw new AppError(
      "invalid_input",
      `„${req.period}“ passt nicht zur Vorlage „${template.title}“: sie braucht ${PERIOD_KIND_TEXT[template.periodKind]}.`,
    );
  }
  let areaName: string | null = null;
  if (template.perArea) {
    const data = await loadReportData(ctx, ws, []);
    const level = data.levelName(template.perArea.level) ?? template.perArea.level;
    if (req.area === undefined) {
      throw new AppError(
        "invalid_input",
        `„${template.title}“ ist ein Gebietsprofil: es braucht ein Gebiet der Ebene ${level}.`,
      );
    }
    if (data.levelOfArea(req.area) !== template.perArea.level) {
      throw new AppError("invalid_input", `„${req.area}“ ist kein Gebiet der Ebene ${level}.`);
    }
    areaName = data.areaName(req.area) ?? req.area;
  } else if (req.area !== undefined) {
    throw new AppError(
      "invalid_input",
      `„${template.title}“ ist kein Gebietsprofil; ein Gebiet passt nicht dazu.`,
    );
  }
  if (await findReport(ctx.db.orm, ws.id, req.code)) {
    throw new AppError("conflict", `Einen Bericht „${req.code}“ gibt es schon.`);
  }
  const defaultTitle = `${template.title.replaceAll("{{zeitraum}}", formatPeriod(period.value.code))}${areaName === null ? "" : `: ${areaName}`}`;
  const row = await ctx.db.transaction(async (tx) => {
    const r = await insertReport(tx.orm, {
      workspaceId: ws.id,
      code: req.code,
      title: req.title ?? defaultTitle,
      templateCode: req.template,
      period: period.value.code,
      areaCode: req.area ?? null,
      createdBy: actor.label,
    });
    await audit(tx.orm, ctx, actor, [
      { workspaceId: ws.id, action: "create", entity: "report", entityKey: req.code, after: req },
    ]);
    return r;
  });
  return reportView(row, []);
}

/** Keeps, edits or drops generated key findings ({ keep: true } forgets an earlier decision). */
export async function decideFindings(
  ctx: ServiceContext,
  ws: Workspace,
  code: string,
  decisions: Readonly<Record<string, FindingDecision | { keep: true }>>,
  actor: Actor,
): Promise<ReportView> {
  const r = await reportRow(ctx, ws, code);
  const before = r.decisions as Record<string, FindingDecision>;
  const after: Record<string, FindingDecision> = { ...before };
  for (const [id, d] of Object.entries(decisions)) {
    if ("keep" in d) delete after[id];
    else after[id] = d;
  }
  await ctx.db.transaction(async (tx) => {
    await setReportDecisions(tx.orm, r.id, after);
    await audit(tx.orm, ctx, actor, [
      {
        workspaceId: ws.id,
        action: "update",
        entity: "report",
        entityKey: code,
        before: { decisions: before },
        after: { decisions: after },
      },
    ]);
  });
  return fullReport(ctx, ws, code);
}

/**
 * Deletes a report that was never published, with its decisions. A published version is a
 * record of what the city sent out and is never deleted, so a report with one stays.
 */
export async function deleteReport(
  ctx: ServiceContext,
  ws: Workspace,
  code: string,
  actor: Actor,
): Promise<void> {
  const r = await reportRow(ctx, ws, code);
  await ctx.db.transaction(async (tx) => {
    // The lock of publishing: a version published meanwhile is seen here.
    await lockReportKey(tx.orm, ws.id, `report:${code}`);
    const published = await latestReportVersion(tx.orm, r.id);
    if (published > 0) {
      throw new AppError(
        "conflict",
        `Der Bericht „${code}“ hat ${published === 1 ? "eine veröffentlichte Version" : `${published} veröffentlichte Versionen`} und bleibt deshalb erhalten; veröffentlichte Versionen werden nie gelöscht.`,
      );
    }
    await deleteReportRow(tx.orm, r.id);
    await audit(tx.orm, ctx, actor, [
      {
        workspaceId: ws.id,
        action: "delete",
        entity: "report",
        entityKey: code,
        before: { title: r.title, template: r.templateCode, period: r.period, area: r.areaCode },
      },
    ]);
  });
}

/** The draft: the report built from the current data with the latest template. */
export async function buildDraft(
  ctx: ServiceContext,
  ws: Workspace,
  code: string,
  state = "Entwurf",
): Promise<BuildResult & { templateVersion: number }> {
  const r = await reportRow(ctx, ws, code);
  const { template, version } = await getTemplate(ctx, ws, r.templateCode);
  const built = await buildReport(ctx, ws, {
    template,
    period: r.period,
    area: r.areaCode ?? undefined,
    decisions: r.decisions as Record<string, FindingDecision>,
    state,
    report: r.code,
  });
  return { ...built, templateVersion: version };
}
