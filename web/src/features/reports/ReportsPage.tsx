/**
 * Berichte: reports built from templates with the current data, kept and published as
 * versions that never change (src/reports/reports.ts). The social planning staff see every
 * report, create one (template, period, area for an area profile), open it in the address
 * (/berichte/<code>) to read the draft, decide about its key findings, download it, publish it
 * and compare its versions, and edit its template (/berichte/<code>/vorlage) with a live
 * preview. Everyone else reads the published versions and downloads their files.
 */
import { useQuery } from "@tanstack/react-query";
import { useLocation, useMatch, useParams } from "react-router";
import { api, wsPath } from "../../lib/api.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useWorkspace } from "../../lib/session.tsx";
import { ErrorState, Loading } from "../../ui/states.tsx";
import { NewReportForm } from "./NewReportForm.tsx";
import { ReportList } from "./ReportList.tsx";
import { reportsKeys, type ReportList as List, type TemplateList } from "./reports-api.ts";
import { ReportView } from "./ReportView.tsx";
import { TemplateEditorPage } from "./TemplateEditor.tsx";

export function ReportsPage() {
  const { t } = useI18n();
  const { membership } = useWorkspace();
  const { code } = useParams();
  const editing = useMatch("/berichte/:code/vorlage") !== null;
  const planner = membership.role === "planner";
  return (
    <>
      <h1>{t("nav.reports")}</h1>
      {!planner ? (
        <ReaderReports workspace={membership.workspace} />
      ) : code === undefined ? (
        <PlannerReports workspace={membership.workspace} />
      ) : editing ? (
        <TemplateEditorPage key={code} workspace={membership.workspace} code={code} />
      ) : (
        <ReportView key={code} workspace={membership.workspace} code={code} />
      )}
    </>
  );
}

function useReports(workspace: string) {
  return useQuery({
    queryKey: reportsKeys.list(workspace),
    queryFn: () => api<List>(wsPath("/api/reports", workspace)),
  });
}

function PlannerReports({ workspace }: { readonly workspace: string }) {
  const { t } = useI18n();
  const reports = useReports(workspace);
  // A report deleted on its own page says so here, where the planner lands.
  const deleted = (useLocation().state as { deleted?: string } | null)?.deleted;
  const templates = useQuery({
    queryKey: reportsKeys.templates(workspace),
    queryFn: () => api<TemplateList>(wsPath("/api/reports/templates", workspace)),
  });
  return (
    <>
      <p className="intro">{t("reports.intro")}</p>
      <p role="status" className="save-outcome">
        {deleted === undefined ? "" : t("reports.deleted", { title: deleted })}
      </p>
      <section aria-labelledby="reports-list-title">
        <h2 id="reports-list-title">{t("reports.list")}</h2>
        {reports.isPending ? (
          <Loading />
        ) : reports.isError ? (
          <ErrorState error={reports.error} retry={() => void reports.refetch()} />
        ) : (
          <ReportList
            reports={reports.data.reports}
            templates={templates.data?.templates ?? []}
            mode="planner"
          />
        )}
      </section>
      <section aria-labelledby="new-report-heading" className="report-panel">
        <h2 id="new-report-heading">{t("reports.new")}</h2>
        {templates.isPending ? (
          <Loading />
        ) : templates.isError ? (
          <ErrorState error={templates.error} retry={() => void templates.refetch()} />
        ) : (
          <NewReportForm workspace={workspace} templates={templates.data.templates} />
        )}
      </section>
    </>
  );
}

function ReaderReports({ workspace }: { readonly workspace: string }) {
  const { t } = useI18n();
  const reports = useReports(workspace);
  return (
    <>
      <p className="intro">{t("reports.readerIntro")}</p>
      <section aria-labelledby="reports-list-title">
        <h2 id="reports-list-title">{t("reports.published")}</h2>
        {reports.isPending ? (
          <Loading />
        ) : reports.isError ? (
          <ErrorState error={reports.error} retry={() => void reports.refetch()} />
        ) : (
          <ReportList reports={reports.data.reports} templates={[]} mode="reader" />
        )}
      </section>
    </>
  );
}
