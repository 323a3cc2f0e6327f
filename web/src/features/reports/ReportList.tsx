/**
 * The reports of the workspace with their published versions (state, who, when). Planners
 * open a report by its title; other roles download the files of each version here.
 */
import { Link } from "react-router";
import { formatPeriod } from "@core/reports/format.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useAreas } from "../../lib/catalogue-queries.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useWorkspace } from "../../lib/session.tsx";
import { Empty } from "../../ui/states.tsx";
import { DownloadLinks } from "./DownloadLinks.tsx";
import { templateName } from "./new-report.ts";
import {
  reportPath,
  type ReportSummary,
  type ReportVersion,
  type TemplateSummary,
} from "./reports-api.ts";

/** "Version 2 · öffentlich · planung@… · 24.11.2026, 20:47". */
export function VersionText({ version }: { readonly version: ReportVersion }) {
  const { t, locale } = useI18n();
  return (
    <>
      {t("reports.versionLine", {
        n: String(version.version),
        state: t(`reports.state.${version.state}`),
        who: version.publishedBy,
        when: formatDateTime(locale, version.publishedAt),
      })}
    </>
  );
}

export function ReportList(props: {
  readonly reports: readonly ReportSummary[];
  readonly templates: readonly TemplateSummary[];
  readonly mode: "planner" | "reader";
}) {
  const { t, language } = useI18n();
  const { membership } = useWorkspace();
  const areas = useAreas(membership.workspace);
  const areaName = (code: string) => areas.data?.find((a) => a.code === code)?.name ?? code;
  const planner = props.mode === "planner";
  if (props.reports.length === 0) {
    return <Empty>{t(planner ? "reports.none" : "reports.nonePublished")}</Empty>;
  }
  const templateTitle = (code: string) => {
    const found = props.templates.find((x) => x.code === code);
    return found ? templateName(found.title) : code;
  };
  const period = (code: string) => (language === "de" ? formatPeriod(code) : code);
  return (
    <div className="scroll" role="region" aria-label={t("reports.listCaption")} tabIndex={0}>
      <table className="reports-table">
        <caption className="sr-only">{t("reports.listCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("reports.report")}</th>
            {planner && <th scope="col">{t("reports.template")}</th>}
            <th scope="col">{t("reports.period")}</th>
            <th scope="col">{t("reports.versions")}</th>
          </tr>
        </thead>
        <tbody>
          {props.reports.map((r) => (
            <tr key={r.code}>
              <th scope="row">
                {planner ? (
                  <Link to={`/berichte/${encodeURIComponent(r.code)}`}>{r.title}</Link>
                ) : (
                  r.title
                )}
                <span className="report-code">{r.code}</span>
              </th>
              {planner && <td>{templateTitle(r.template)}</td>}
              <td>
                {period(r.period)}
                {r.area !== null && (
                  <>
                    <br />
                    {areaName(r.area)}
                  </>
                )}
              </td>
              <td>
                {r.versions.length === 0 ? (
                  <span className="note">{t("reports.noVersions")}</span>
                ) : (
                  <ul className="plain version-list">
                    {r.versions.map((v) => (
                      <li key={v.version}>
                        <VersionText version={v} />
                        {!planner && (
                          <DownloadLinks
                            className="compact"
                            path={reportPath(r.code, `/versions/${v.version}`)}
                            fallback={`${r.code}-v${v.version}`}
                            label={(_f, name) => (
                              <>
                                <span className="sr-only">
                                  {t("reports.download.versionOf", {
                                    title: r.title,
                                    n: String(v.version),
                                  })}{" "}
                                </span>
                                {name}
                              </>
                            )}
                          />
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
