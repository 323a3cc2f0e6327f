/**
 * One stored index: its versions and definition (in a form to edit: saving makes a new
 * version), the runs kept of it, a new run on a chosen level and period, and the run shown
 * (IndexRunView). The run shown is in the address (?index=…&run=…), so a link opens it.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { AreaDto } from "@contracts/areas.ts";
import type { PeriodDto } from "@contracts/data.ts";
import type { IndicatorDto } from "@contracts/indicators.ts";
import { currentRunOf } from "@core/social-index/editions.ts";
import { api, problemsOf, wsPath } from "../../lib/api.ts";
import { formatDateTime } from "../../lib/format.ts";
import { LevelPeriodFields } from "./LevelPeriodFields.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { SelectField, type SelectOption } from "../../ui/SelectField.tsx";
import { Empty, ErrorState, Loading } from "../../ui/states.tsx";
import {
  analysesKeys,
  type IndexDetail,
  type IndexRun,
  type RunSummary,
} from "./social-index-api.ts";
import { formFromDefinition } from "./index-form.ts";
import { IndexForm } from "./IndexForm.tsx";
import { IndexRunView } from "./IndexRunView.tsx";

export function IndexPanel({
  code,
  runParam,
  workspace,
  workspaceName,
  indicators,
  areas,
  levels,
  periods,
  onShowRun,
}: {
  readonly code: string;
  /** The run in the address; null for the latest. */
  readonly runParam: number | null;
  readonly workspace: string;
  readonly workspaceName: string;
  readonly indicators: readonly IndicatorDto[];
  readonly areas: readonly AreaDto[];
  readonly levels: readonly SelectOption[];
  readonly periods: readonly PeriodDto[];
  readonly onShowRun: (id: number) => void;
}) {
  const { t, locale } = useI18n();
  const client = useQueryClient();
  const [version, setVersion] = useState("");
  const [level, setLevel] = useState("");
  const [period, setPeriod] = useState("");
  const [runProblems, setRunProblems] = useState<readonly string[]>([]);
  const detail = useQuery({
    queryKey: analysesKeys.index(workspace, code),
    queryFn: () =>
      api<IndexDetail>(wsPath(`/api/analyses/indices/${encodeURIComponent(code)}`, workspace)),
  });
  const runs = useQuery({
    queryKey: analysesKeys.runs(workspace, code),
    queryFn: () =>
      api<{ runs: RunSummary[] }>(
        wsPath(`/api/analyses/indices/${encodeURIComponent(code)}/runs`, workspace),
      ),
  });

  const levelName = (c: string) => levels.find((l) => l.value === c)?.label ?? c;
  const runName = (r: RunSummary) =>
    t("analyses.runName", {
      id: String(r.id),
      version: String(r.version),
      level: levelName(r.level),
      period: r.period,
    });

  const run = useMutation({
    mutationFn: (body: { version?: number; level?: string; period?: string }) =>
      api<IndexRun>(wsPath(`/api/analyses/indices/${encodeURIComponent(code)}/runs`, workspace), {
        method: "POST",
        body,
      }),
    onMutate: () => setRunProblems([]),
    onSuccess: async (started) => {
      client.setQueryData(analysesKeys.run(workspace, started.id), started);
      await Promise.all([
        client.invalidateQueries({ queryKey: analysesKeys.runs(workspace, code) }),
        client.invalidateQueries({ queryKey: analysesKeys.indices(workspace) }),
      ]);
      onShowRun(started.id);
    },
    onError: (error) => setRunProblems(problemsOf(error)),
  });
  const busy = run.isPending;
  const startRun = run.mutate;

  if (detail.isPending) return <Loading />;
  if (detail.isError) {
    return <ErrorState error={detail.error} retry={() => void detail.refetch()} />;
  }
  const index = detail.data.index;
  const list = runs.data?.runs ?? [];
  const shownId = runParam ?? list[0]?.id ?? null;

  return (
    <section aria-labelledby="index-title" className="index-panel">
      <h2 id="index-title">{index.name}</h2>
      <p className="note">
        {t("analyses.index.meta", {
          code: index.code,
          version: String(index.version),
          user: index.createdBy,
          date: formatDateTime(locale, index.createdAt),
        })}
        {index.comment ? ` ${t("analyses.index.comment", { comment: index.comment })}` : ""}
      </p>

      <details className="definition">
        <summary>{t("analyses.definition", { version: String(index.version) })}</summary>
        <h3>{t("analyses.versions")}</h3>
        <ul className="versions">
          {detail.data.versions.map((v) => (
            <li key={v.version}>
              {t("analyses.versionLine", {
                version: String(v.version),
                user: v.createdBy,
                date: formatDateTime(locale, v.createdAt),
              })}
              {v.comment ? `: ${v.comment}` : ""}
            </li>
          ))}
        </ul>
        <h3>{t("analyses.definitionForm")}</h3>
        <IndexForm
          key={code}
          workspace={workspace}
          isNew={false}
          initial={formFromDefinition(index.definition, index.populationIndicator)}
          indicators={indicators}
          areas={areas}
          onSaved={() => {
            void client.invalidateQueries({ queryKey: analysesKeys.index(workspace, code) });
            void client.invalidateQueries({ queryKey: analysesKeys.indices(workspace) });
          }}
        />
      </details>

      <section aria-labelledby="runs-title">
        <h3 id="runs-title">{t("analyses.runs")}</h3>
        <form
          className="controls run-controls"
          onSubmit={(e) => {
            e.preventDefault();
            startRun({
              ...(version !== "" ? { version: Number(version) } : {}),
              ...(level !== "" ? { level } : {}),
              ...(period !== "" ? { period } : {}),
            });
          }}
        >
          <SelectField
            id="run-version"
            label={t("analyses.run.version")}
            value={version}
            options={[
              { value: "", label: t("analyses.run.latest", { version: String(index.version) }) },
              ...detail.data.versions.map((v) => ({
                value: String(v.version),
                label: t("analyses.version", { version: String(v.version) }),
              })),
            ]}
            onChange={setVersion}
          />
          <LevelPeriodFields
            prefix="run"
            levels={levels}
            level={level}
            onLevel={setLevel}
            periods={periods}
            period={period}
            onPeriod={setPeriod}
          />
          <div className="control control-end">
            <button type="submit" className="primary" disabled={busy}>
              {t("analyses.run.start")}
            </button>
          </div>
        </form>
        {busy && (
          <p role="status" className="state">
            {t("analyses.run.busy")}
          </p>
        )}
        {runProblems.length > 0 && (
          <div role="alert" className="problems">
            <p className="form-error">{t("analyses.run.failed")}</p>
            <ul>
              {runProblems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          </div>
        )}
        {runs.isPending && <Loading />}
        {runs.isError && <ErrorState error={runs.error} retry={() => void runs.refetch()} />}
        {runs.data && list.length === 0 && <Empty>{t("analyses.run.none")}</Empty>}
        {list.length > 0 && (
          <div
            className="scroll"
            role="region"
            aria-label={t("analyses.runsCaption", { name: index.name })}
            tabIndex={0}
          >
            <table className="runs-table">
              <caption className="sr-only">
                {t("analyses.runsCaption", { name: index.name })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("analyses.run")}</th>
                  <th scope="col">{t("atlas.level")}</th>
                  <th scope="col">{t("atlas.period")}</th>
                  <th scope="col">{t("analyses.run.edition")}</th>
                  <th scope="col" className="num">
                    {t("analyses.run.included")}
                  </th>
                  <th scope="col">{t("analyses.run.when")}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((r) => {
                  const current = currentRunOf(list, r);
                  return (
                    <tr key={r.id} aria-selected={r.id === shownId}>
                      <th scope="row">
                        <button
                          type="button"
                          className="row-button"
                          aria-current={r.id === shownId ? "true" : undefined}
                          onClick={() => onShowRun(r.id)}
                        >
                          {t("analyses.runShort", { id: String(r.id), version: String(r.version) })}
                        </button>
                      </th>
                      <td>{levelName(r.level)}</td>
                      <td>{r.period}</td>
                      <td>
                        {current === null || current.id === r.id
                          ? t("analyses.run.current", { period: r.period })
                          : t("analyses.run.replaced", { id: String(current.id) })}
                      </td>
                      <td className="num">{r.included}</td>
                      <td>
                        {formatDateTime(locale, r.createdAt)} ({r.createdBy})
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {shownId !== null && (
        <IndexRunView
          key={shownId}
          runId={shownId}
          runs={list}
          workspace={workspace}
          workspaceName={workspaceName}
          indicators={indicators}
          levelName={levelName}
          runName={runName}
          busy={busy}
          onRunAgain={(run) =>
            startRun({ version: run.version, level: run.level, period: run.period })
          }
          onShowRun={onShowRun}
        />
      )}
    </section>
  );
}
