/**
 * The Berichte page's view of the report API (src/server/routes/reports.routes.ts). The routes
 * declare their answers as `unknown`, so the shapes are written here from the services
 * (src/reports/reports.ts) and the core's document, template and comparison types. Every query
 * key starts with "reports" and the workspace, so one invalidation refreshes the page.
 */
import type { DocumentComparison } from "@core/reports/compare.ts";
import type { ReportDocument } from "@core/reports/document.ts";
import type { ReportPeriodKind, ReportTemplate } from "@core/reports/template.ts";

/** A problem or warning of a build, with its place in the template in words. */
export interface ReportProblem {
  readonly place: string;
  readonly message: string;
}

export type PublicationState = "internal" | "public";

export interface ReportVersion {
  readonly version: number;
  readonly state: PublicationState;
  readonly templateVersion: number;
  readonly dataVersion: number;
  readonly publishedBy: string;
  readonly publishedAt: string;
}

/** What the planner decided about a generated key finding (by its id). */
export type FindingDecision = { readonly drop: true } | { readonly text: string };
export type DecisionChange = FindingDecision | { readonly keep: true };

export interface ReportSummary {
  readonly code: string;
  readonly title: string;
  readonly template: string;
  readonly period: string;
  readonly area: string | null;
  /** Planners only (the list of other roles leaves it out). */
  readonly decisions?: Readonly<Record<string, FindingDecision>>;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Newest first. */
  readonly versions: readonly ReportVersion[];
}

export interface ReportList {
  readonly reports: readonly ReportSummary[];
}

export interface TemplateSummary {
  readonly code: string;
  readonly title: string;
  readonly periodKind: ReportPeriodKind;
  readonly perArea: { readonly level: string } | null;
  /** 0: the built-in template, not yet saved in this workspace. */
  readonly version: number;
  readonly builtIn: boolean;
}

export interface TemplateList {
  readonly templates: readonly TemplateSummary[];
}

export interface TemplateDetail {
  readonly template: ReportTemplate;
  readonly version: number;
  readonly builtIn: boolean;
  readonly versions: readonly {
    readonly version: number;
    readonly comment: string | null;
    readonly createdBy: string;
    readonly createdAt: string;
  }[];
}

/** The draft or a preview: the document, the generated findings (before decisions), warnings. */
export interface BuiltReport {
  readonly document: ReportDocument;
  readonly findings: readonly { readonly id: string; readonly text: string }[];
  readonly warnings: readonly ReportProblem[];
}

export type VersionComparison = DocumentComparison & { readonly from: number; readonly to: number };

export interface SavedTemplate {
  readonly version: number;
  readonly created: boolean;
}

export type FileFormat = "pdf" | "docx" | "xlsx" | "html";
export const FILE_FORMATS: readonly FileFormat[] = ["pdf", "docx", "xlsx", "html"];

export const reportsKeys = {
  all: (ws: string) => ["reports", ws] as const,
  list: (ws: string) => ["reports", ws, "list"] as const,
  templates: (ws: string) => ["reports", ws, "templates"] as const,
  template: (ws: string, code: string) => ["reports", ws, "template", code] as const,
  report: (ws: string, code: string) => ["reports", ws, "report", code] as const,
  draft: (ws: string, code: string) => ["reports", ws, "draft", code] as const,
  comparison: (ws: string, code: string, from: number, to: number) =>
    ["reports", ws, "comparison", code, from, to] as const,
};

export const reportPath = (code: string, rest = "") =>
  `/api/reports/${encodeURIComponent(code)}${rest}`;
