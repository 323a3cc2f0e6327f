/**
 * The import history of the Daten page: every import with its state, errors and time, and a
 * button that fetches its report.
 */
import type { ImportReportDto, ImportRunDto } from "@contracts/data-imports.ts";
import type { UseQueryResult } from "@tanstack/react-query";
import { api, wsPath } from "../../lib/api.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { Empty, ErrorState, Loading } from "../../ui/states.tsx";

export function ImportHistory({
  ws,
  runs,
  onReport,
  onError,
}: {
  readonly ws: string;
  readonly runs: UseQueryResult<ImportRunDto[]>;
  readonly onReport: (report: ImportReportDto) => void;
  readonly onError: (message: string | null) => void;
}) {
  const { t, locale } = useI18n();
  return (
    <>
      <h2>{t("data.history")}</h2>
      {runs.isPending && <Loading />}
      {runs.isError && <ErrorState error={runs.error} retry={() => void runs.refetch()} />}
      {runs.data && runs.data.length === 0 && <Empty>{t("overview.noImports")}</Empty>}
      {runs.data && runs.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t("data.number")}
              </th>
              <th scope="col">{t("overview.importLabel")}</th>
              <th scope="col">{t("overview.importStatus")}</th>
              <th scope="col" className="num">
                {t("data.errors")}
              </th>
              <th scope="col">{t("overview.importTime")}</th>
            </tr>
          </thead>
          <tbody>
            {runs.data.map((r) => (
              <tr key={r.id}>
                <td className="num">{r.id}</td>
                <td>
                  <button
                    type="button"
                    className="row-button"
                    onClick={() => {
                      onError(null);
                      api<ImportReportDto>(wsPath(`/api/imports/${r.id}`, ws))
                        .then((body) => {
                          onReport(body);
                          document.getElementById("report-title")?.scrollIntoView();
                        })
                        .catch((e: unknown) => onError(e instanceof Error ? e.message : String(e)));
                    }}
                    aria-label={t("data.showReport", { label: r.label })}
                  >
                    {r.label}
                  </button>
                </td>
                <td>{t(`import.${r.status}`)}</td>
                <td className="num">{String(r.summary["errors"] ?? 0)}</td>
                <td>{formatDateTime(locale, r.finishedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
