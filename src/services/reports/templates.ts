/**
 * Report templates as versions per workspace, beside the built-in ones: listing, reading,
 * checking before any data is read, saving (a changed template becomes a new version, audited)
 * and the editor's preview with the current data. Versions never change (ADR 0006).
 */
import { parseReportTemplate } from "../../contracts/documents/report-template.ts";
import { canonicalJson } from "../../core/canonical-json.ts";
import { findPlaceholders } from "../../core/reports/placeholders.ts";
import { blocksOf, placeText, type ReportTemplate } from "../../core/reports/template.ts";
import { AppError, notFound } from "../app-error.ts";
import { audit, type Actor } from "../audit.ts";
import type { ServiceContext } from "../context.ts";
import type { Workspace } from "../workspaces.ts";
import { listIndicators } from "../../storage/indicators.repo.ts";
import {
  insertTemplateVersion,
  latestTemplateVersion,
  listLatestTemplates,
  listTemplateVersions,
  lockReportKey,
} from "../../storage/reports.repo.ts";
import type { ReportProblem } from "./blocks/context.ts";
import { buildReport, documentOf, indicatorsOf, type BuiltReport } from "./build.ts";
import { builtInTemplates } from "./built-in-templates.ts";

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

/**
 * Saves a template under its code as a new version when it differs from the latest; refused
 * with every problem, and when the template names another code.
 */
export async function saveTemplate(
  ctx: ServiceContext,
  ws: Workspace,
  code: string,
  template: ReportTemplate,
  comment: string | undefined,
  actor: Actor,
): Promise<{ version: number; created: boolean }> {
  if (template.code !== code) {
    throw new AppError(
      "invalid_input",
      `Der Code der Vorlage („${template.code}“) passt nicht zur Adresse („${code}“).`,
    );
  }
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

/** The editor's preview: the template checked, then built with the current data; nothing is stored. */
export async function previewTemplate(
  ctx: ServiceContext,
  ws: Workspace,
  req: { template: ReportTemplate; period: string; area?: string | undefined },
): Promise<BuiltReport> {
  const problems = await checkTemplate(ctx, ws, req.template);
  if (problems.length > 0) {
    throw new AppError("report_incomplete", "Die Vorlage hat Fehler.", { problems, warnings: [] });
  }
  return documentOf(
    await buildReport(ctx, ws, {
      template: req.template,
      period: req.period,
      area: req.area,
      state: "Vorschau",
    }),
  );
}
