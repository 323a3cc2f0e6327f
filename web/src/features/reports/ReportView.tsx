/**
 * One report for the social planning staff: the key findings to keep, change or drop, the
 * draft built with the current data (in the page and as PDF, DOCX, XLSX, HTML), publishing it
 * as a version (intern or öffentlich) and the versions with their files and comparison. A
 * draft that cannot be built shows every problem with its place in the template and nothing
 * else of the draft — never a half report.
 */
import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { Link } from "react-router";
import { formatPeriod } from "@core/reports/format.ts";
import { api, ApiError, wsPath } from "../../lib/api.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useAreas } from "../../lib/catalogue-queries.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { ErrorState, Loading } from "../../ui/states.tsx";
import { DeleteSection } from "./DeleteSection.tsx";
import { DocumentView } from "./DocumentView.tsx";
import { DownloadLinks } from "./DownloadLinks.tsx";
import { FindingsSection } from "./FindingsSection.tsx";
import { templateName } from "./new-report.ts";
import { ProblemList, Warnings } from "../../ui/ProblemList.tsx";
import { PublishSection } from "./PublishSection.tsx";
import { reportProblemsOf } from "./report-format.ts";
import {
  reportPath,
  reportsKeys,
  type BuiltReport,
  type ReportList,
  type ReportSummary,
  type TemplateList,
} from "./reports-api.ts";
import { usePathWords } from "./use-path-words.ts";
import { VersionsSection } from "./VersionsSection.tsx";

/** A draft that cannot be built (422) is an answer, not a hiccup: it is not asked again. */
const noRetryOn4xx = (count: number, error: unknown) =>
  !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 1;

export function ReportView({
  workspace,
  code,
}: {
  readonly workspace: string;
  readonly code: string;
}) {
  const { t, locale, language } = useI18n();
  const client = useQueryClient();
  const words = usePathWords();
  const heading = useRef<HTMLHeadingElement>(null);
  const report = useQuery({
    queryKey: reportsKeys.report(workspace, code),
    queryFn: () => api<ReportSummary>(wsPath(reportPath(code), workspace)),
    retry: noRetryOn4xx,
  });
  const draft = useQuery({
    queryKey: reportsKeys.draft(workspace, code),
    queryFn: () =>
      api<BuiltReport>(wsPath(reportPath(code, "/draft"), workspace, { format: "json" })),
    retry: noRetryOn4xx,
  });
  const templates = useQuery({
    queryKey: reportsKeys.templates(workspace),
    queryFn: () => api<TemplateList>(wsPath("/api/reports/templates", workspace)),
  });
  const areas = useAreas(workspace);
  const loaded = report.data !== undefined;
  useEffect(() => {
    // The report opened: its heading takes the focus, so a screen reader starts there.
    if (loaded) heading.current?.focus();
  }, [loaded]);

  const back = (
    <p className="back-link">
      <Link to="/berichte">{t("reports.back")}</Link>
    </p>
  );
  if (report.isPending)
    return (
      <>
        {back}
        <Loading />
      </>
    );
  if (report.isError) {
    return (
      <>
        {back}
        <ErrorState error={report.error} retry={() => void report.refetch()} />
      </>
    );
  }
  const r = report.data;
  const template = templates.data?.templates.find((x) => x.code === r.template);
  const areaName =
    r.area === null ? null : (areas.data?.find((a) => a.code === r.area)?.name ?? r.area);
  const refresh = () => client.invalidateQueries({ queryKey: reportsKeys.all(workspace) });
  const draftProblems =
    draft.isError && draft.error instanceof ApiError && draft.error.status === 422
      ? reportProblemsOf(draft.error, words)
      : null;
  const draftWarnings =
    draft.isError && draft.error instanceof ApiError
      ? ((draft.error.details as { warnings?: { place: string; message: string }[] } | undefined)
          ?.warnings ?? [])
      : [];

  return (
    <>
      {back}
      <h2 ref={heading} tabIndex={-1} className="report-heading">
        {r.title}
      </h2>
      <dl className="report-meta">
        <div>
          <dt>{t("reports.template")}</dt>
          <dd>
            {template ? templateName(template.title) : r.template}{" "}
            {template &&
              (template.version === 0
                ? t("reports.templateBuiltIn")
                : t("reports.templateVersion", { n: String(template.version) }))}
          </dd>
        </div>
        <div>
          <dt>{t("reports.period")}</dt>
          <dd>{language === "de" ? formatPeriod(r.period) : r.period}</dd>
        </div>
        {areaName !== null && (
          <div>
            <dt>{t("reports.area")}</dt>
            <dd>{areaName}</dd>
          </div>
        )}
        <div>
          <dt>{t("reports.created")}</dt>
          <dd>
            {t("reports.createdBy", {
              who: r.createdBy,
              when: formatDateTime(locale, r.createdAt),
            })}
          </dd>
        </div>
      </dl>
      <nav className="in-page" aria-label={t("reports.onThisPage")}>
        {draft.isSuccess && <a href="#report-findings">{t("reports.findings")}</a>}
        <a href="#report-draft">{t("reports.draft")}</a>
        {draft.isSuccess && <a href="#report-publish">{t("reports.publish")}</a>}
        <a href="#report-versions">{t("reports.versions")}</a>
        <Link to={`/berichte/${encodeURIComponent(code)}/vorlage`}>
          {t("reports.editTemplate")}
        </Link>
      </nav>

      {draft.isPending ? (
        <Loading />
      ) : draftProblems !== null ? (
        <section aria-labelledby="report-draft" className="report-panel">
          <h3 id="report-draft">{t("reports.draft")}</h3>
          <ProblemList
            className="report-problems"
            title={t("reports.draftFailed")}
            problems={draftProblems}
          />
          <Warnings title={t("reports.warnings")} warnings={draftWarnings} />
          <p>
            <Link to={`/berichte/${encodeURIComponent(code)}/vorlage`}>
              {t("reports.editTemplateToFix")}
            </Link>
          </p>
        </section>
      ) : draft.isError ? (
        <ErrorState error={draft.error} retry={() => void draft.refetch()} />
      ) : (
        <>
          <FindingsSection
            workspace={workspace}
            report={r}
            generated={draft.data.findings}
            onDecided={(next) => {
              client.setQueryData(reportsKeys.report(workspace, code), next);
              void client.invalidateQueries({ queryKey: reportsKeys.draft(workspace, code) });
              void client.invalidateQueries({ queryKey: reportsKeys.list(workspace) });
            }}
            rebuilding={draft.isFetching}
          />
          <section aria-labelledby="report-draft" className="report-panel">
            <h3 id="report-draft">{t("reports.draft")}</h3>
            <p className="note">{t("reports.draftHelp")}</p>
            <DownloadLinks
              path={reportPath(code, "/draft")}
              fallback={`${code}-entwurf`}
              label={(_f, name) => t("reports.download.draftAs", { format: name })}
            />
            <Warnings title={t("reports.warnings")} warnings={draft.data.warnings} />
            <div className="report-paper" aria-busy={draft.isFetching}>
              <DocumentView doc={draft.data.document} level={4} id="draft" />
            </div>
          </section>
          <PublishSection
            workspace={workspace}
            code={code}
            next={(r.versions[0]?.version ?? 0) + 1}
            onPublished={refresh}
          />
        </>
      )}
      <VersionsSection workspace={workspace} report={r} />
      {r.versions.length === 0 && (
        <DeleteSection
          workspace={workspace}
          code={code}
          title={r.title}
          onDeleted={() => forgetReport(client, workspace, code)}
        />
      )}
    </>
  );
}

/**
 * A deleted report leaves the cached list at once: the list page opens next and must not show
 * it while it asks the server again. Its own queries are left alone (refetched, they would
 * answer 404 on the page being left) and expire unused.
 */
async function forgetReport(client: QueryClient, workspace: string, code: string) {
  client.setQueryData<ReportList>(reportsKeys.list(workspace), (list) =>
    list === undefined ? list : { reports: list.reports.filter((x) => x.code !== code) },
  );
  await client.invalidateQueries({ queryKey: reportsKeys.list(workspace) });
}
