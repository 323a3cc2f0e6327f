import { formatNumber } from "../core/format/number.ts";
import type { ImportReport } from "../services/data/import-report.ts";

const STATUS_TEXT: Record<ImportReport["status"], string> = {
  committed: "übernommen",
  rejected: "abgelehnt – nichts wurde geschrieben",
  checked: "geprüft (Probelauf) – nichts wurde geschrieben",
};

/** A German number as `Intl.NumberFormat("de-DE")` writes it by default: up to 3 decimals. */
const count = (n: number): string => formatNumber(n, { max: 3 });

const SEVERITY_TEXT = { error: "Fehler", warning: "Warnung", info: "Hinweis" } as const;

/** The import report as a person reads it in a terminal (German). */
export function formatReport(report: ImportReport, maxIssues = 50): string {
  const lines = [
    `Import ${report.importId !== null ? `#${report.importId} ` : ""}„${report.label}“ (${report.fileName}, ${count(report.fileSize)} Bytes): ${STATUS_TEXT[report.status]}`,
    `  ${count(report.counts.errors)} Fehler, ${count(report.counts.warnings)} Warnungen, ${count(report.counts.infos)} Hinweise`,
  ];
  const summary = Object.entries(report.summary)
    .map(([k, v]) => `${k}=${typeof v === "number" ? count(v) : String(v)}`)
    .join(", ");
  if (summary) lines.push(`  ${summary}`);
  const toReview = report.summary["toReview"];
  if (typeof toReview === "number" && toReview > 0 && report.status !== "rejected") {
    const verb =
      report.status === "committed"
        ? toReview === 1
          ? "Wert ist"
          : "Werte sind"
        : toReview === 1
          ? "Wert wäre"
          : "Werte wären";
    lines.push(
      `  Zu prüfen: ${count(toReview)} ${verb} auffällig und bis zur Prüfung mit „p“ gekennzeichnet (Daten → Werte).`,
    );
  }
  for (const i of report.issues.slice(0, maxIssues)) {
    const where = [
      i.row !== null ? `Zeile ${i.row}` : null,
      i.column !== null ? `Spalte „${i.column}“` : null,
    ]
      .filter(Boolean)
      .join(", ");
    lines.push(
      `  ${SEVERITY_TEXT[i.severity]} [${i.code}]${where ? ` ${where}` : ""}: ${i.message}`,
    );
  }
  if (report.issues.length > maxIssues) {
    lines.push(
      `  … und ${count(report.issues.length - maxIssues)} weitere (vollständig mit --json)`,
    );
  }
  return lines.join("\n");
}
