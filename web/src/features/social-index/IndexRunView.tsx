/**
 * One stored run of an index, as it was computed (ADR 0005): who ran which version on which
 * level and period, a notice when a newer run of its period has replaced it (comparisons,
 * alerts and reports use the current run) or when the data have changed since (with a way to
 * run it again), the class map with its legend, the result table, the method and the
 * comparison with the previous edition. Every part exports with title, source and date.
 */
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { IndicatorDto } from "@contracts/indicators.ts";
import { currentRunOf } from "@core/social-index/editions.ts";
import { api, wsPath } from "../../lib/api.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useI18n } from "../../lib/i18n.tsx";
import type { FileMeta } from "../../lib/svg-export.ts";
import { ErrorState, Loading } from "../../ui/states.tsx";
import { analysesKeys, type IndexRun, type RunSummary } from "./social-index-api.ts";
import { MethodBlock } from "./MethodBlock.tsx";
import { ResultTable } from "./ResultTable.tsx";
import { resultColumns, type ResultTexts } from "./run-table.ts";
import { RunComparison } from "./RunComparison.tsx";
import { RunMap } from "./RunMap.tsx";

export function IndexRunView({
  runId,
  runs,
  workspace,
  workspaceName,
  indicators,
  levelName,
  runName,
  onRunAgain,
  onShowRun,
  busy,
}: {
  readonly runId: number;
  readonly runs: readonly RunSummary[];
  readonly workspace: string;
  readonly workspaceName: string;
  readonly indicators: readonly IndicatorDto[];
  readonly levelName: (code: string) => string;
  readonly runName: (r: RunSummary) => string;
  /** Runs the same version, level and period again (after the data changed). */
  readonly onRunAgain: (run: IndexRun) => void;
  readonly onShowRun: (id: number) => void;
  readonly busy: boolean;
}) {
  const { t, locale } = useI18n();
  const run = useQuery({
    queryKey: analysesKeys.run(workspace, runId),
    queryFn: () => api<IndexRun>(wsPath(`/api/analyses/runs/${runId}`, workspace)),
  });
  const texts: ResultTexts = useMemo(
    () => ({
      area: t("atlas.area"),
      code: t("atlas.areaCode"),
      population: t("analyses.population"),
      statusIndex: t("analyses.statusIndex"),
      statusClass: t("analyses.statusClass"),
      dynamicsIndex: t("analyses.dynamicsIndex"),
      dynamicsClass: t("analyses.dynamicsClass"),
      group: t("analyses.group"),
      exclusion: t("analyses.exclusion"),
      reasons: {
        manual: t("analyses.exclusion.manual"),
        population_below_minimum: t("analyses.exclusion.population_below_minimum"),
        missing_value: t("analyses.exclusion.missing_value"),
      },
    }),
    [t],
  );
  const columns = useMemo(() => {
    if (!run.data) return [];
    const byCode = new Map(indicators.map((i) => [i.code, i]));
    return resultColumns(
      run.data,
      texts,
      (code) => byCode.get(code)?.decimals ?? 2,
      (code) => byCode.get(code)?.name,
    );
  }, [run.data, texts, indicators]);

  if (run.isPending) return <Loading />;
  if (run.isError) return <ErrorState error={run.error} retry={() => void run.refetch()} />;
  const r = run.data;
  const name = runName(r);
  const source = `${t("indicators.source")}: ${workspaceName}; ${r.index.name}, ${name}`;
  const meta = (): FileMeta => ({
    title: `${r.index.name}, ${levelName(r.level)} ${r.period}`,
    source,
    date: `${t("atlas.exported")} ${formatDateTime(locale, new Date().toISOString())}`,
  });
  const fileParts = [workspace, r.index.code, `v${r.version}`, `lauf${r.id}`];
  const current = currentRunOf(runs, r);

  return (
    <div className="run-view">
      <p className="run-meta" role="status">
        {t("analyses.run.shown", {
          run: name,
          user: r.createdBy,
          date: formatDateTime(locale, r.createdAt),
          included: String(r.included),
          excluded: String(r.excluded),
        })}
      </p>
      {current !== null && current.id !== r.id && (
        <div className="notice" role="note">
          <p>
            {t("analyses.run.notCurrent", {
              id: String(r.id),
              period: r.period,
              current: String(current.id),
            })}
          </p>
          <button type="button" className="secondary" onClick={() => onShowRun(current.id)}>
            {t("analyses.run.showCurrent", { current: String(current.id) })}
          </button>
        </div>
      )}
      {r.outdated && (
        <div className="notice" role="alert">
          <p>{t("analyses.run.outdated")}</p>
          <button type="button" className="secondary" disabled={busy} onClick={() => onRunAgain(r)}>
            {t("analyses.run.again")}
          </button>
        </div>
      )}
      <nav className="in-page" aria-label={t("analyses.run.parts")}>
        <a href="#run-map-title">{t("analyses.run.map")}</a>
        <a href="#run-table-title">{t("analyses.table")}</a>
        <a href="#run-method-title">{t("analyses.run.method")}</a>
        <a href="#run-comparison-title">{t("analyses.comparison")}</a>
      </nav>
      <RunMap
        run={r}
        workspace={workspace}
        levelName={levelName(r.level)}
        texts={texts}
        meta={meta}
        fileParts={fileParts}
      />
      <ResultTable
        run={r}
        workspace={workspace}
        columns={columns}
        meta={meta}
        fileParts={fileParts}
      />
      <MethodBlock
        run={r}
        source={source}
        fileParts={fileParts}
        nameOf={(code) => indicators.find((i) => i.code === code)?.name}
      />
      <RunComparison
        run={r}
        runs={runs}
        workspace={workspace}
        runName={runName}
        source={source}
        fileParts={fileParts}
      />
    </div>
  );
}
