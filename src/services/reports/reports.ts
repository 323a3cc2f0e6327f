/**
 * The report use cases: templates as versions per workspace (with the built-in ones), reports
 * (a template applied to a period, with the planner's decisions about the key findings), the
 * draft built from the current data, publishing a frozen snapshot with its rendered files,
 * and comparing two published versions. Every write is audited in its own transaction.
 */
import { parseReportTemplate } from "../../contracts/reports.ts";
import { canonicalJson } from "../../core/canonical-json.ts";
import { compareDocuments, type DocumentComparison } from "../../core/reports/compare.ts";
import type { ReportDocument } from "../../core/reports/document.ts";
import type { FindingDecision } from "../../core/reports/findings.ts";
import { findPlaceholders } from "../../core/reports/placeholders.ts";
import { blocksOf, placeText, type ReportTemplate } from "../../core/reports/template.ts";
import { parsePeriod } from "../../core/periods/period.ts";
import { AppError, notFound } from "../app-error.ts";
import { audit, type Actor } from "../audit.ts";
import type { ServiceContext } from "../context.ts";
import type { Workspace } from "../workspaces.ts";
import { listIndicators } from "../../storage/indicators.repo.ts";
import {
  findReport,
  findReportVersion,
  insertReport,
  deleteReportRow,
  insertReportVersion,
  insertTemplateVersion,
  latestReportVersion,
  latestTemplateVersion,
  listLatestTemplates,
  listReports as listReportRows,
  listReportVersions,
  listTemplateVersions,
  lockReportKey,
  setReportDecisions,
  type ReportRow,
  type ReportVersionMeta,
} from "../../storage/reports.repo.ts";
import { builtInTemplates } from "./built-in-templates.ts";
import { loadReportData } from "./report-data.ts";
import { formatPeriod } from "../../core/reports/format.ts";
import type { ReportProblem } from "./blocks/context.ts";
import { buildReport, indicatorsOf, type BuildResult } from "./build.ts";
import { renderDocx } from "../../render/docx.ts";
import { renderHtml } from "../../render/html.ts";
import { renderPdf } from "../../render/pdf.ts";
import { renderXlsx } from "../../render/xlsx.ts";

export interface TemplateSummary {
  readonly code: string;
  readonly title: string;
  readonly periodKind: ReportTemplate["periodKind"];
  readonly perArea: ReportTemplate["perArea"] | null;
  /** 0: the built-in template, not yet saved in this workspace. */
  readonly version: number;
  readonly builtIn: boolean;
  readonly createdBy: string | null;
  readonly createdAt: Date | null;
}

const summary = (
  t: ReportTemplate,
  version: number,
  row?: { createdBy: string; createdAt: Date },
): TemplateSummary => ({
  code: t.code,
  title: t.title,
  periodKind: t.periodKind,
  perArea: t.perArea ?? null,
  version,
  builtIn: builtInTemplates().has(t.code),
  createdBy: row?.createdBy ?? null,
  createdAt: row?.createdAt ?? null,
});

function storedTemplate(definition: unknown, code: string): ReportTemplate {
  const parsed = parseReportTemplate(definition);
  if (!parsed.ok) throw new Error(`stored template ${code} is invalid: ${parsed.error.join("; ")}`);
  return parsed.value;
}

/** The workspace's templates (latest versions) and the built-in ones it has not saved. */
export async function listTemplates(
  ctx: ServiceContext,
  ws: Workspace,
): Promise<TemplateSummary[]> {
  const stored = await listLatestTemplates(ctx.db.orm, ws.id);
  const out = stored.map((r) => summary(storedTemplate(r.definition, r.code), r.version, r));
  for (const [code, t] of builtInTemplates()) {
    if (!stored.some((r) => r.code === code)) out.push(summary(t, 0));
  }
  return out.sort((a, b) => a.code.localeCompare(b.code));
}

/** A template: a stored version (the latest by default) or the built-in one. */
export async function getTemplate(
  ctx: ServiceContext,
  ws: Workspace,
  code: string,
  version?: number,
): Promise<{ template: ReportTemplate; version: number; builtIn: boolean }> {
  const versions = await listTemplateVersions(ctx.db.orm, ws.id, code);
  const row = version === undefined ? versions[0] : versions.find((v) => v.version === version);
  if (row) {
    return {
      template: storedTemplate(row.definition, code),
      version: row.version,
      builtIn: builtInTemplates().has(code),
    };
  }
  const builtIn = builtInTemplates().get(code);
  if (builtIn && (version === undefined || version === 0))
    return { template: builtIn, version: 0, builtIn: true };
  throw notFound("Berichtsvorlage", version === undefined ? code : `${code}, Version ${version}`);
}

export async function templateVersions(ctx: ServiceContext, ws: Workspace, code: string) {
  const rows = await listTemplateVersions(ctx.db.orm, ws.id, code);
  if (rows.length === 0 && !builtInTemplates().has(code)) throw notFound("Berichtsvorlage", code);
  return rows.map((r) => ({
    version: r.version,
    title: r.title,
    comment: r.comment,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
  }));
}

/**
 * What stands in the way of a template, before any data is read: placeholders that cannot be
 * read, indicators that are not in the catalogue, levels that do not exist. Each with its place.
 */
export async function checkTemplate(
  ctx: ServiceContext,
  ws: Workspace,
  t: ReportTemplate,
): Promise<ReportProblem[]> {
  const problems: ReportProblem[] = [];
  const catalogue = new Set((await listIndicators(ctx.db.orm, ws.id)).map((i) => i.code));
  for (const { block, place } of blocksOf(t)) {
    const where = placeText(t, place);
    if (block.type === "text") {
      for (const use of findPlaceholders(block.markdown)) {
        if (use.error !== null) {
          problems.push({
            place: `${where}, Zeile ${use.line}, Spalte ${use.column}`,
            message: `${use.source}: ${use.error}`,
          });
        }
      }
    }
  }
  for (const code of indicatorsOf(t)) {
    if (!catalogue.has(code)) {
      const at = blocksOf(t).find(({ block }) => JSON.stringify(block).includes(code));
      problems.push({
        place: at ? placeText(t, at.place) : "Vorlage",
        message: `Indikator „${code}“ gibt es nicht im Katalog.`,
      });
    }
  }
  for (const [what, text] of [
    ["Titel", t.title],
    ["Untertitel", t.subtitle ?? ""],
  ] as const) {
    for (const use of findPlaceholders(text)) {
      if (use.error !== null)
        problems.push({ place: what, message: `${use.source}: ${use.error}` });
    }
  }
  return problems;
}

/** Saves a template as a new version when it differs from the latest; refused with every problem. */
export async function saveTemplate(
  ctx: ServiceContext,
  ws: Workspace,
  template: ReportTemplate,
  comment: string | undefined,
  actor: Actor,
): Promise<{ version: number; created: boolean }> {
  const problems = await checkTemplate(ctx, ws, template);
  if (problems.length > 0) {
    throw new AppError(
      "invalid_input",
      `Die Vorlage hat ${problems.length} Fehler: ${problems.map((p) => `${p.place}: ${p.message}`).join(" ")}`,
      { problems },
    );
  }
  return ctx.db.transaction(async (tx) => {
    await lockReportKey(tx.orm, ws.id, `template:${template.code}`);
    const latest = (await listTemplateVersions(tx.orm, ws.id, template.code))[0];
    const before = latest ? latest.definition : (builtInTemplates().get(template.code) ?? null);
    if (before !== null && canonicalJson(before) === canonicalJson(template)) {
      return { version: latest?.version ?? 0, created: false };
    }
    const version = (await latestTemplateVersion(tx.orm, ws.id, template.code)) + 1;
    await insertTemplateVersion(tx.orm, {
      workspaceId: ws.id,
      code: template.code,
      version,
      title: template.title,
      definition: template,
      comment: comment ?? null,
      createdBy: actor.label,
    });
    await audit(tx.orm, ctx, actor, [
      {
        workspaceId: ws.id,
        action: "create",
        entity: "report_template",
        entityKey: `${template.code}@${version}`,
        after: { comment },
      },
    ]);
    return { version, created: true };
  });
}

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

export async function listReports(ctx: ServiceContext, ws: Workspace): Promise<ReportView[]> {
  const rows = await listReportRows(ctx.db.orm, ws.id);
  return Promise.all(
    rows.map(async (r) => reportView(r, await listReportVersions(ctx.db.orm, r.id))),
  );
}

async function reportRow(ctx: ServiceContext, ws: Workspace, code: string): Promise<ReportRow> {
  const r = await findReport(ctx.db.orm, ws.id, code);
  if (!r) throw notFound("Bericht", code);
  return r;
}

export async function getReport(
  ctx: ServiceContext,
  ws: Workspace,
  code: string,
): Promise<ReportView> {
  const r = await reportRow(ctx, ws, code);
  return reportView(r, await listReportVersions(ctx.db.orm, r.id));
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
    const wanted = {
      year: "ein Jahr (2021)",
      half_year: "ein Halbjahr (2026-H1)",
      month: "ein Monat (2026-10)",
    }[template.periodKind];
    throw new AppError(
      "invalid_input",
      `„${req.period}“ passt nicht zur Vorlage „${template.title}“: sie braucht ${wanted}.`,
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
  return getReport(ctx, ws, code);
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
  });
  return { ...built, templateVersion: version };
}

export type RenderFormat = "html" | "pdf" | "docx" | "xlsx";

export const MEDIA_TYPES: Record<RenderFormat, string> = {
  html: "text/html; charset=utf-8",
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export async function renderDocument(
  doc: ReportDocument,
  format: RenderFormat,
): Promise<Uint8Array> {
  switch (format) {
    case "html":
      return new TextEncoder().encode(renderHtml(doc));
    case "pdf":
      return renderPdf(doc);
    case "docx":
      return renderDocx(doc);
    case "xlsx":
      return renderXlsx(doc);
  }
}

/** Refuses a build with problems as a whole, naming each with its place. */
export function documentOf(built: BuildResult): Extract<BuildResult, { ok: true }> {
  if (built.ok) return built;
  throw new AppError(
    "report_incomplete",
    `Der Bericht lässt sich nicht erstellen: ${built.problems.map((p) => `${p.place}: ${p.message}`).join(" ")}`,
    { problems: built.problems, warnings: built.warnings },
  );
}

/**
 * Publishes the report: builds it from the current data, renders every output, and stores the
 * snapshot that never changes. A public version may show only public indicators.
 */
export async function publishReport(
  ctx: ServiceContext,
  ws: Workspace,
  code: string,
  state: "internal" | "public",
  actor: Actor,
): Promise<VersionSummary> {
  const r = await reportRow(ctx, ws, code);
  const built = await buildDraft(ctx, ws, code, state === "public" ? "öffentlich" : "intern");
  const ok = documentOf(built);
  if (state === "public") {
    const rows = await listIndicators(ctx.db.orm, ws.id);
    const notPublic = ok.indicators.filter(
      (c) => rows.find((i) => i.code === c)?.publication !== "public",
    );
    if (notPublic.length > 0) {
      throw new AppError(
        "invalid_input",
        `Öffentlich nur mit öffentlichen Indikatoren; nicht öffentlich: ${notPublic.join(", ")}.`,
        { indicators: notPublic },
      );
    }
  }
  const doc = ok.document;
  const html = renderHtml(doc);
  const [pdf, docx, xlsx] = [await renderPdf(doc), await renderDocx(doc), await renderXlsx(doc)];
  return ctx.db.transaction(async (tx) => {
    await lockReportKey(tx.orm, ws.id, `report:${code}`);
    const version = (await latestReportVersion(tx.orm, r.id)) + 1;
    const meta = await insertReportVersion(tx.orm, {
      workspaceId: ws.id,
      reportId: r.id,
      version,
      state,
      templateVersion: built.templateVersion,
      dataVersion: ok.dataVersion,
      document: doc,
      html,
      pdf,
      docx,
      xlsx,
      publishedBy: actor.label,
    });
    await audit(tx.orm, ctx, actor, [
      {
        workspaceId: ws.id,
        action: "publish",
        entity: "report",
        entityKey: `${code}@${version}`,
        after: { state, templateVersion: built.templateVersion, dataVersion: ok.dataVersion },
      },
    ]);
    return versionSummary(meta);
  });
}

/** A published version's document or one of its files, exactly as published. */
export async function getVersion(
  ctx: ServiceContext,
  ws: Workspace,
  code: string,
  version: number,
) {
  const r = await reportRow(ctx, ws, code);
  const v = await findReportVersion(ctx.db.orm, r.id, version);
  if (!v) throw notFound("Berichtsversion", `${code}, Version ${version}`);
  return v;
}

export async function compareVersions(
  ctx: ServiceContext,
  ws: Workspace,
  code: string,
  a: number,
  b: number,
): Promise<DocumentComparison & { from: number; to: number }> {
  const [x, y] = await Promise.all([getVersion(ctx, ws, code, a), getVersion(ctx, ws, code, b)]);
  return {
    ...compareDocuments(x.document as ReportDocument, y.document as ReportDocument),
    from: a,
    to: b,
  };
}
