/**
 * Published versions of a report: publishing (the report built from the current data, every
 * output rendered, stored as a snapshot that never changes), reading one exactly as published,
 * and comparing two. Every publication is audited in its own transaction (ADR 0006).
 */
import { compareDocuments, type DocumentComparison } from "../../core/reports/compare.ts";
import type { ReportDocument } from "../../core/reports/document.ts";
import { AppError, notFound } from "../app-error.ts";
import { audit, type Actor } from "../audit.ts";
import type { ServiceContext } from "../context.ts";
import type { Workspace } from "../workspaces.ts";
import { getProgramme } from "../controlling/programme-read.ts";
import { listIndicators } from "../../storage/indicators.repo.ts";
import {
  findReportVersion,
  insertReportVersion,
  latestReportVersion,
  lockReportKey,
} from "../../storage/reports.repo.ts";
import { renderDocx } from "../../render/docx.ts";
import { renderHtml } from "../../render/html.ts";
import { renderPdf } from "../../render/pdf.ts";
import { renderXlsx } from "../../render/xlsx.ts";
import { documentOf } from "./build.ts";
import { buildDraft, reportRow, versionSummary, type VersionSummary } from "./reports.ts";

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
    // A controlling block shows the catalogue indicators its released goals rest on.
    const goalIndicators =
      ok.document.controlling === undefined
        ? []
        : (await getProgramme(ctx, ws, { role: "viewer", userId: null })).goals.flatMap((g) =>
            g.indicators.flatMap((i) => (i.indicator === null ? [] : [i.indicator])),
          );
    const notPublic = [...new Set([...ok.indicators, ...goalIndicators])].filter(
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
