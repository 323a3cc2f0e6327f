/**
 * The published versions of a report: number, state, who published it when, the template and
 * data version it was built from, and its files exactly as published. Two versions are
 * compared: the text that changed (before, after) and the figures in tables that differ.
 */
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api, wsPath } from "../../lib/api.ts";
import { formatDateTime } from "../../lib/format.ts";
import { Field } from "../../ui/TextField.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { ErrorState, Loading } from "../../ui/states.tsx";
import { DownloadLinks } from "./DownloadLinks.tsx";
import {
  reportPath,
  reportsKeys,
  type ReportSummary,
  type VersionComparison,
} from "./reports-api.ts";

export function VersionsSection(props: {
  readonly workspace: string;
  readonly report: ReportSummary;
}) {
  const { t, locale } = useI18n();
  const { report } = props;
  const versions = report.versions;
  return (
    <section aria-labelledby="report-versions" className="report-panel">
      <h3 id="report-versions" tabIndex={-1}>
        {t("reports.versions")}
      </h3>
      {versions.length === 0 ? (
        <p className="state">{t("reports.noVersionsYet")}</p>
      ) : (
        <div
          className="scroll"
          role="region"
          aria-labelledby="report-versions-caption"
          tabIndex={0}
        >
          <table className="versions-table">
            <caption id="report-versions-caption" className="sr-only">
              {t("reports.versionsCaption", { title: report.title })}
            </caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t("reports.version")}
                </th>
                <th scope="col">{t("reports.state")}</th>
                <th scope="col">{t("reports.publishedBy")}</th>
                <th scope="col">{t("reports.publishedAt")}</th>
                <th scope="col">{t("reports.files")}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version}>
                  <th scope="row" className="num">
                    {v.version}
                  </th>
                  <td>
                    <span className={`badge badge-${v.state}`}>
                      {t(`reports.state.${v.state}`)}
                    </span>
                  </td>
                  <td>{v.publishedBy}</td>
                  <td>
                    {formatDateTime(locale, v.publishedAt)}
                    <br />
                    <span className="note">
                      {v.templateVersion === 0
                        ? t("reports.builtFromBuiltIn", { data: String(v.dataVersion) })
                        : t("reports.builtFrom", {
                            template: String(v.templateVersion),
                            data: String(v.dataVersion),
                          })}
                    </span>
                  </td>
                  <td>
                    <DownloadLinks
                      className="compact"
                      path={reportPath(report.code, `/versions/${v.version}`)}
                      fallback={`${report.code}-v${v.version}`}
                      label={(_f, name) => (
                        <>
                          <span className="sr-only">
                            {t("reports.download.versionAs", { n: String(v.version) })}{" "}
                          </span>
                          {name}
                        </>
                      )}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {versions.length >= 2 && <Comparison workspace={props.workspace} report={report} />}
    </section>
  );
}

function Comparison(props: { readonly workspace: string; readonly report: ReportSummary }) {
  const { t } = useI18n();
  const numbers = props.report.versions.map((v) => v.version).sort((a, b) => a - b);
  const newest = numbers[numbers.length - 1]!;
  const [from, setFrom] = useState(numbers[numbers.length - 2]!);
  const [to, setTo] = useState(newest);
  const [asked, setAsked] = useState<{ from: number; to: number } | null>(null);
  const comparison = useQuery({
    enabled: asked !== null,
    queryKey: reportsKeys.comparison(
      props.workspace,
      props.report.code,
      asked?.from ?? 0,
      asked?.to ?? 0,
    ),
    queryFn: () =>
      api<VersionComparison>(
        wsPath(reportPath(props.report.code, "/comparison"), props.workspace, {
          from: String(asked!.from),
          to: String(asked!.to),
        }),
      ),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAsked({ from, to });
  };
  const options = numbers.map((n) => (
    <option key={n} value={n}>
      {t("reports.versionN", { n: String(n) })}
    </option>
  ));
  return (
    <div className="comparison">
      <h4 id="report-comparison">{t("reports.compare")}</h4>
      <form className="controls" aria-labelledby="report-comparison" onSubmit={submit}>
        <Field id="compare-from" label={t("reports.compareFrom")}>
          <select id="compare-from" value={from} onChange={(e) => setFrom(Number(e.target.value))}>
            {options}
          </select>
        </Field>
        <Field id="compare-to" label={t("reports.compareTo")}>
          <select id="compare-to" value={to} onChange={(e) => setTo(Number(e.target.value))}>
            {options}
          </select>
        </Field>
        <div className="control control-end">
          <button type="submit" className="secondary">
            {t("reports.compareButton")}
          </button>
        </div>
      </form>
      {asked === null ? null : comparison.isPending ? (
        <Loading />
      ) : comparison.isError ? (
        <ErrorState error={comparison.error} retry={() => void comparison.refetch()} />
      ) : (
        <ComparisonResult result={comparison.data} />
      )}
    </div>
  );
}

function ChangeTable(props: {
  readonly id: string;
  readonly caption: string;
  readonly rows: readonly { place: string; before: string | null; after: string | null }[];
}) {
  const { t } = useI18n();
  return (
    <div className="scroll" role="region" aria-labelledby={`${props.id}-caption`} tabIndex={0}>
      <table className="change-table">
        <caption id={`${props.id}-caption`}>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("reports.change.place")}</th>
            <th scope="col">{t("reports.change.before")}</th>
            <th scope="col">{t("reports.change.after")}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r, i) => (
            <tr key={i}>
              <th scope="row">{r.place}</th>
              <td className="change-text">
                {r.before ?? <span className="note">{t("reports.change.none")}</span>}
              </td>
              <td className="change-text">
                {r.after ?? <span className="note">{t("reports.change.none")}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ComparisonResult({ result }: { readonly result: VersionComparison }) {
  const { t } = useI18n();
  const from = String(result.from);
  const to = String(result.to);
  return (
    <div className="comparison-result" aria-live="polite">
      <p>
        {t("reports.change.summary", {
          from,
          to,
          text: String(result.text.length),
          figures: String(result.figures.length),
          unchanged: String(result.unchangedTables),
        })}
      </p>
      {result.text.length > 0 && (
        <ChangeTable
          id="changed-text"
          caption={t("reports.change.text", { from, to })}
          rows={result.text}
        />
      )}
      {result.figures.length > 0 && (
        <ChangeTable
          id="changed-figures"
          caption={t("reports.change.figures", { from, to })}
          rows={result.figures}
        />
      )}
    </div>
  );
}
