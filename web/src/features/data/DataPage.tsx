/**
 * Daten: upload a table, check it against the catalogue (a dry run writes nothing), read every
 * finding with its line and column, commit the checked file, and see the import history with
 * each import's report. For planners and departments who deliver data.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { ImportReportDto, ImportRunDto } from "../../../../src/contracts/imports.ts";
import { api, apiUpload, wsPath } from "../../lib/api.ts";
import { formatDateTime, formatNumber } from "../../lib/format.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useWorkspace } from "../../lib/session.tsx";
import { Empty, ErrorState, Loading } from "../../ui/states.tsx";

/** A long table (area, variable, period, value), the layout most deliveries use. */
const EXAMPLE_MAPPING = JSON.stringify(
  {
    format: "csv",
    layout: "long",
    area: { column: "gebiet" },
    variable: { column: "merkmal" },
    period: { column: "jahr" },
    value: { column: "wert" },
  },
  null,
  2,
);

function Report({ report }: { readonly report: ImportReportDto }) {
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
                  <td>{i.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function DataPage() {
  const { t, locale } = useI18n();
  const { membership } = useWorkspace();
  const ws = membership.workspace;
  const client = useQueryClient();
  const mayImport = membership.role === "planner" || membership.role === "contributor";
  const [mapping, setMapping] = useState(EXAMPLE_MAPPING);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReportDto | null>(null);
  const [checked, setChecked] = useState<{ file: File; mapping: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const runs = useQuery({
    queryKey: ["imports", ws],
    enabled: mayImport,
    queryFn: () => api<ImportRunDto[]>(wsPath("/api/imports", ws)),
  });

  if (!mayImport) {
    return (
      <>
        <h1>{t("nav.data")}</h1>
        <Empty>{t("data.notAllowed")}</Empty>
      </>
    );
  }

  async function send(dryRun: boolean) {
    if (!file) {
      setError(t("data.noFile"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const form = new FormData();
      form.set("mapping", mapping);
      form.set("dryRun", String(dryRun));
      form.set("file", file, file.name);
      const { body } = await apiUpload<ImportReportDto>(wsPath("/api/imports", ws), form);
      setReport(body);
      setChecked(dryRun && body.counts.errors === 0 ? { file, mapping } : null);
      if (!dryRun) {
        // New data: every computed value of this workspace is stale.
        await client.invalidateQueries({ predicate: (q) => q.queryKey[1] === ws });
      }
    } catch (e) {
      setReport(null);
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  const canCommit = checked !== null && checked.file === file && checked.mapping === mapping;

  return (
    <>
      <h1>{t("nav.data")}</h1>
      <form
        className="upload"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void send(true);
        }}
      >
        <div className="field">
          <label htmlFor="upload-file">{t("data.file")}</label>
          <input
            id="upload-file"
            type="file"
            accept=".csv,.txt,.xlsx,.geojson,.json,.topojson"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setReport(null);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="upload-mapping">{t("data.mapping")}</label>
          <textarea
            id="upload-mapping"
            rows={9}
            spellCheck={false}
            value={mapping}
            onChange={(e) => setMapping(e.target.value)}
            aria-describedby="mapping-help"
          />
          <small id="mapping-help">{t("data.mappingHelp")}</small>
        </div>
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <div className="buttons">
          <button className="primary" type="submit" disabled={busy}>
            {t("data.check")}
          </button>
          <button
            className="primary"
            type="button"
            disabled={busy || !canCommit}
            onClick={() => void send(false)}
          >
            {t("data.commit")}
          </button>
        </div>
      </form>
      {report && <Report report={report} />}
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
                      setError(null);
                      api<ImportReportDto>(wsPath(`/api/imports/${r.id}`, ws))
                        .then((body) => {
                          setReport(body);
                          document.getElementById("report-title")?.scrollIntoView();
                        })
                        .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
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
