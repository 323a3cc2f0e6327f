import { formatNumber } from "../../core/format/number.ts";
import type { ImportIssue } from "../../core/data/import-issue.ts";
import type { ServiceContext } from "../context.ts";
import { sha256Hex } from "./file-fingerprint.ts";
import type { ImportRequest } from "./import-request.ts";

/** What an import run reports, dry or real, accepted or not. Stored with the run. */
export interface ImportReport {
  readonly importId: number | null;
  readonly kind: "observations" | "areas" | "crosswalk" | "budget";
  readonly status: "committed" | "rejected" | "checked";
  readonly dryRun: boolean;
  readonly label: string;
  readonly fileName: string;
  readonly fileSize: number;
  readonly fileSha256: string;
  readonly summary: Record<string, number | string | null>;
  readonly counts: { readonly errors: number; readonly warnings: number; readonly infos: number };
  readonly issues: ImportIssue[];
}

/** At most this many issues are kept per run; the counts always cover all of them. */
export const MAX_STORED_ISSUES = 100_000;

export function countIssues(issues: readonly ImportIssue[]): ImportReport["counts"] {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const i of issues) {
    if (i.severity === "error") errors++;
    else if (i.severity === "warning") warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}

/** Warnings and notes of one kind beyond this many are summarised; errors are always all listed. */
export const MAX_NOTES_PER_CODE = 1000;

/**
 * Keeps every error, and of each kind of warning or note the first `MAX_NOTES_PER_CODE`, with
 * one closing note that says how many more there were. The report's counts cover all issues.
 */
export function capNotes(issues: readonly ImportIssue[]): ImportIssue[] {
  const seen = new Map<string, number>();
  const kept: ImportIssue[] = [];
  for (const i of issues) {
    if (i.severity === "error") {
      kept.push(i);
      continue;
    }
    const k = `${i.severity}:${i.code}`;
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    if (n <= MAX_NOTES_PER_CODE) kept.push(i);
  }
  for (const [k, n] of seen) {
    if (n <= MAX_NOTES_PER_CODE) continue;
    const [severity, code] = k.split(":") as [ImportIssue["severity"], ImportIssue["code"]];
    kept.push({
      severity,
      code,
      row: null,
      column: null,
      message: `… und ${formatNumber(n - MAX_NOTES_PER_CODE, { max: 3 })} weitere Meldungen dieser Art (${code}).`,
      details: { omitted: n - MAX_NOTES_PER_CODE },
    });
  }
  return kept;
}

/** Orders issues for people: errors first, then warnings, then notes; each by line. */
export function sortIssues(issues: readonly ImportIssue[]): ImportIssue[] {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return [...issues].sort(
    (a, b) =>
      rank[a.severity] - rank[b.severity] ||
      (a.row ?? 0) - (b.row ?? 0) ||
      (a.column ?? "").localeCompare(b.column ?? ""),
  );
}

/** What an import found so far: its findings, the run's label and its summary figures. */
export interface ImportFindings {
  readonly issues: readonly ImportIssue[];
  readonly label: string;
  readonly summary: Record<string, number | string | null>;
}

/**
 * The two records every import ends with, for one request: the report the caller reads and the
 * row stored as the import run (with at most `MAX_STORED_ISSUES` findings). The clock starts
 * when this is called, so call it first.
 */
export function importOutcome(
  ctx: ServiceContext,
  req: Omit<ImportRequest, "onProgress">,
  kind: ImportReport["kind"],
) {
  const startedAt = ctx.now();
  const file = {
    fileName: req.fileName,
    fileSize: req.bytes.byteLength,
    fileSha256: sha256Hex(req.bytes),
  };
  return {
    report: (importId: number | null, status: ImportReport["status"], p: ImportFindings) =>
      ({
        importId,
        kind,
        status,
        dryRun: req.dryRun,
        label: p.label,
        ...file,
        summary: p.summary,
        counts: countIssues(p.issues),
        issues: sortIssues(capNotes(p.issues)),
      }) satisfies ImportReport,
    runRecord: (status: ImportReport["status"], p: ImportFindings) => ({
      workspaceId: req.workspace.id,
      kind,
      label: p.label,
      ...file,
      mapping: (req.mapping ?? null) as object,
      dryRun: req.dryRun,
      status,
      summary: { ...p.summary, ...countIssues(p.issues) },
      issues: sortIssues(capNotes(p.issues)).slice(0, MAX_STORED_ISSUES),
      startedAt,
      finishedAt: ctx.now(),
    }),
  };
}
