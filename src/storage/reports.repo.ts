import { and, asc, desc, eq, max, sql } from "drizzle-orm";
import type { Orm } from "./db.ts";
import { report, reportTemplate, reportVersion } from "./schema.ts";

export type ReportTemplateRow = typeof reportTemplate.$inferSelect;
export type ReportRow = typeof report.$inferSelect;
export type ReportVersionRow = typeof reportVersion.$inferSelect;
export type ReportVersionMeta = Omit<
  ReportVersionRow,
  "document" | "html" | "pdf" | "docx" | "xlsx"
>;

/** Versions of one template (or one report) are numbered one at a time: an advisory lock. */
export async function lockReportKey(orm: Orm, workspaceId: number, key: string): Promise<void> {
  await orm.execute(
    sql`SELECT pg_advisory_xact_lock(${workspaceId}, hashtext(${"report:" + key}))`,
  );
}

/** The latest version of each stored template of a workspace. */
export async function listLatestTemplates(
  orm: Orm,
  workspaceId: number,
): Promise<ReportTemplateRow[]> {
  const rows = await orm
    .select()
    .from(reportTemplate)
    .where(eq(reportTemplate.workspaceId, workspaceId))
    .orderBy(asc(reportTemplate.code), desc(reportTemplate.version));
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.code) && seen.add(r.code));
}

export async function listTemplateVersions(
  orm: Orm,
  workspaceId: number,
  code: string,
): Promise<ReportTemplateRow[]> {
  return orm
    .select()
    .from(reportTemplate)
    .where(and(eq(reportTemplate.workspaceId, workspaceId), eq(reportTemplate.code, code)))
    .orderBy(desc(reportTemplate.version));
}

export async function latestTemplateVersion(
  orm: Orm,
  workspaceId: number,
  code: string,
): Promise<number> {
  const rows = await orm
    .select({ version: max(reportTemplate.version) })
    .from(reportTemplate)
    .where(and(eq(reportTemplate.workspaceId, workspaceId), eq(reportTemplate.code, code)));
  return rows[0]?.version ?? 0;
}

export async function insertTemplateVersion(
  orm: Orm,
  values: typeof reportTemplate.$inferInsert,
): Promise<ReportTemplateRow> {
  const rows = await orm.insert(reportTemplate).values(values).returning();
  return rows[0]!;
}

export async function listReports(orm: Orm, workspaceId: number): Promise<ReportRow[]> {
  return orm
    .select()
    .from(report)
    .where(eq(report.workspaceId, workspaceId))
    .orderBy(asc(report.code));
}

export async function findReport(
  orm: Orm,
  workspaceId: number,
  code: string,
): Promise<ReportRow | undefined> {
  const rows = await orm
    .select()
    .from(report)
    .where(and(eq(report.workspaceId, workspaceId), eq(report.code, code)));
  return rows[0];
}

export async function insertReport(
  orm: Orm,
  values: typeof report.$inferInsert,
): Promise<ReportRow> {
  const rows = await orm.insert(report).values(values).returning();
  return rows[0]!;
}

/** Deletes a report row; the database refuses it while versions refer to it. */
export async function deleteReportRow(orm: Orm, id: number): Promise<void> {
  await orm.delete(report).where(eq(report.id, id));
}

export async function setReportDecisions(orm: Orm, id: number, decisions: unknown): Promise<void> {
  await orm.update(report).set({ decisions, updatedAt: new Date() }).where(eq(report.id, id));
}

const META = {
  id: reportVersion.id,
  workspaceId: reportVersion.workspaceId,
  reportId: reportVersion.reportId,
  version: reportVersion.version,
  state: reportVersion.state,
  templateVersion: reportVersion.templateVersion,
  dataVersion: reportVersion.dataVersion,
  publishedBy: reportVersion.publishedBy,
  publishedAt: reportVersion.publishedAt,
};

/** The published versions of a report, newest first, without their files. */
export async function listReportVersions(orm: Orm, reportId: number): Promise<ReportVersionMeta[]> {
  return orm
    .select(META)
    .from(reportVersion)
    .where(eq(reportVersion.reportId, reportId))
    .orderBy(desc(reportVersion.version));
}

export async function findReportVersion(
  orm: Orm,
  reportId: number,
  version: number,
): Promise<ReportVersionRow | undefined> {
  const rows = await orm
    .select()
    .from(reportVersion)
    .where(and(eq(reportVersion.reportId, reportId), eq(reportVersion.version, version)));
  return rows[0];
}

export async function latestReportVersion(orm: Orm, reportId: number): Promise<number> {
  const rows = await orm
    .select({ version: max(reportVersion.version) })
    .from(reportVersion)
    .where(eq(reportVersion.reportId, reportId));
  return rows[0]?.version ?? 0;
}

export async function insertReportVersion(
  orm: Orm,
  values: typeof reportVersion.$inferInsert,
): Promise<ReportVersionMeta> {
  const rows = await orm.insert(reportVersion).values(values).returning(META);
  return rows[0]!;
}
