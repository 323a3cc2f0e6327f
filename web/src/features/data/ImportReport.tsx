/**
 * The report of an import or of its dry run: counts, every issue with its row and column, and
 * the values it would change.
 */
import type { ImportReportDto } from "@contracts/data-imports.ts";
import { formatDateTime, formatNumber } from "../../lib/format.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { ExportButtons } from "../../ui/ExportButtons.tsx";
import { NameChoices } from "./NameChoices.tsx";

export function Report({
  report,
  ws,
  onNameSaved,
}: {
  readonly report: ImportReportDto;
  readonly ws: string;
  /** Called when a name was saved for an unknown area or variable: check the file again. */
  readonly onNameSaved?: ((message: string) => void) | undefined;
}) {
  const { t, locale } = useI18n();
  const n = (x: number) => formatNumber(locale, x, 0);
  return (
    <section aria-labelledby="report-title" className="report">
      <h2 id="report-title">
        {t("data.report")}: {report.label} – {t(`import.${report.status}`)}
      </h2>
      <p role="status">
        {t("data.counts", {
          errors: n(report.counts.errors),
          warnings: n(report.counts.warnings),
          infos: n(report.counts.infos),
        })}
      </p>
      {report.issues.length > 0 && (
        <ExportButtons
          name={["importbericht", report.label]}
          table={() => ({
            title: `${t("data.report")}: ${report.label} – ${t(`import.${report.status}`)}`,
            source: t("data.counts", {
              errors: n(report.counts.errors),
              warnings: n(report.counts.warnings),
              infos: n(report.counts.infos),
            }),
            date: `${t("atlas.exported")} ${formatDateTime(locale, new Date().toISOString())}`,
            columns: [
              { label: t("data.severity") },
              { label: t("data.line"), decimals: 0 },
              { label: t("data.column") },
              { label: t("data.message") },
            ],
            rows: report.issues.map((i) => [
              t(`data.severity.${i.severity}`),
              i.row,
              i.column,
              i.message,
            ]),
          })}
        />
      )}
      {report.issues.length > 0 && (
        <div className="scroll" role="region" aria-label={t("data.findings")} tabIndex={0}>
          <table>
            <caption className="sr-only">{t("data.findings")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("data.severity")}</th>
                <th scope="col" className="num">
                  {t("data.line")}
                </th>
                <th scope="col">{t("data.column")}</th>
                <th scope="col">{t("data.message")}</th>
              </tr>
            </thead>
            <tbody>
              {report.issues.map((i, k) => (
                <tr key={k} className={`issue-${i.severity}`}>
                  <td>{t(`data.severity.${i.severity}`)}</td>
                  <td className="num">{i.row ?? ""}</td>
                  <td>{i.column ?? ""}</td>
                  <td>
                    {i.message}
                    {onNameSaved && <NameChoices ws={ws} issue={i} onSaved={onNameSaved} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
