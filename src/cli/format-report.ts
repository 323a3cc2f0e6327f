import type { ImportReport } from "../services/data/import-report.ts";

const STATUS_TEXT: Record<ImportReport["status"], string> = {
  committed: "übernommen",
  rejected: "abgelehnt – nichts wurde geschrieben",
  checked: "geprüft (Probelauf) – nichts wurde geschrieben",
};

const SEVERITY_TEXT = { error: "Fehler", warning: "Warnung", info: "Hinweis" } as const;

/** The import report as a person reads it in a terminal (German). */
export function formatReport(report: ImportReport, maxIssues = 50): string {
  const nf = new Intl.NumberFormat("de-DE");
  const lines = [
    `Import ${report.importId !== null ? `#${report.importId} ` : ""}„${report.label}“ (${report.fileName}, ${nf.format(report.fileSize)} Bytes): ${STATUS_TEXT[report.status]}`,
    `  ${nf.format(report.counts.errors)} Fehler, ${nf.format(report.counts.warnings)} Warnungen, ${nf.format(report.counts.infos)} Hinweise`,
  ];
  const summary = Object.entries(report.summary)
    .map(([k, v]) => `${k}=${typeof v === "number" ? nf.format(v) : String(v)}`)
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
      `  Zu prüfen: ${nf.format(toReview)} ${verb} auffällig und bis zur Prüfung mit „p“ gekennzeichnet (Daten → Werte).`,
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
      `  … und ${nf.format(report.issues.length - maxIssues)} weitere (vollständig mit --json)`,
    );
  }
  return lines.join("\n");
}
