/**
 * Analysen: the social index of the social planning staff (docs/methods/social-index.md,
 * ADR 0005) and the typology of areas (docs/methods/typology.md). Choose a stored index or
 * define a new one, run it, read the class map with its status × dynamics legend, the result
 * table, the method and the comparison with the previous edition; group the areas into types by
 * chosen indicators. The address holds the index and run shown (/analysen?index=…&run=…), so
 * the dashboard's class-change alerts link here. For planners only: the index reads values
 * without disclosure control, and its classes can stigmatise neighbourhoods.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { api, ApiError, wsPath } from "../../lib/api.ts";
import { formatDateTime } from "../../lib/format.ts";
import {
  useAreaSystems,
  useAreas,
  useIndicators,
  usePeriods,
} from "../../lib/catalogue-queries.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useWorkspace } from "../../lib/session.tsx";
import { codeOptions } from "../../ui/SelectField.tsx";
import { Empty, ErrorState, Loading } from "../../ui/states.tsx";
import { analysesKeys, type IndexList } from "./social-index-api.ts";
import { newIndexForm } from "./index-form.ts";
import { IndexForm } from "./IndexForm.tsx";
import { IndexPanel } from "./IndexPanel.tsx";
import { TypologySection } from "./TypologySection.tsx";

/** What a member of another role reads here: the page exists, and whom it is for. */
function PlannersOnly() {
  const { t } = useI18n();
  return (
    <div className="notice" role="status">
      <p>{t("analyses.plannersOnly")}</p>
    </div>
  );
}

export function AnalysesPage() {
  const { t } = useI18n();
  const { membership } = useWorkspace();
  return (
    <>
      <h1>{t("nav.analyses")}</h1>
      {membership.role === "planner" ? (
        <PlannerAnalyses workspace={membership.workspace} workspaceName={membership.name} />
      ) : (
        <PlannersOnly />
      )}
    </>
  );
}

function PlannerAnalyses({
  workspace,
  workspaceName,
}: {
  readonly workspace: string;
  readonly workspaceName: string;
}) {
  const { t, locale } = useI18n();
  const client = useQueryClient();
  const [search, setSearch] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const indices = useQuery({
    queryKey: analysesKeys.indices(workspace),
    queryFn: () => api<IndexList>(wsPath("/api/analyses/indices", workspace)),
  });
  const indicators = useIndicators(workspace);
  const systems = useAreaSystems(workspace);
  const periods = usePeriods(workspace);
  const areas = useAreas(workspace);

  if (indices.isError && indices.error instanceof ApiError && indices.error.status === 403) {
    return <PlannersOnly />;
  }
  if (indices.isPending || indicators.isPending) return <Loading />;
  if (indices.isError) {
    return <ErrorState error={indices.error} retry={() => void indices.refetch()} />;
  }
  if (indicators.isError) {
    return <ErrorState error={indicators.error} retry={() => void indicators.refetch()} />;
  }

  const list = indices.data.indices;
  const code = search.get("index") ?? (creating ? null : (list[0]?.code ?? null));
  const runText = search.get("run");
  const runParam = runText !== null && /^\d+$/.test(runText) ? Number(runText) : null;
  const levels = codeOptions(
    [...(systems.data ?? []).flatMap((s) => s.levels)].sort((a, b) => b.depth - a.depth),
  );
  const levelName = (c: string) => levels.find((l) => l.value === c)?.label ?? c;
  const show = (next: { index: string; run?: number }) => {
    setCreating(false);
    setSearch(
      next.run === undefined ? { index: next.index } : { index: next.index, run: String(next.run) },
    );
  };

  return (
    <>
      <p className="intro">{t("analyses.intro")}</p>
      <section aria-labelledby="indices-title">
        <h2 id="indices-title">{t("analyses.indices")}</h2>
        {list.length === 0 ? (
          <Empty>{t("analyses.noIndices")}</Empty>
        ) : (
          <div
            className="scroll"
            role="region"
            aria-label={t("analyses.indicesCaption")}
            tabIndex={0}
          >
            <table className="indices-table">
              <caption className="sr-only">{t("analyses.indicesCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("analyses.index")}</th>
                  <th scope="col">{t("analyses.form.code")}</th>
                  <th scope="col" className="num">
                    {t("analyses.run.version")}
                  </th>
                  <th scope="col">{t("analyses.lastRun")}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((i) => (
                  <tr key={i.code} aria-selected={i.code === code}>
                    <th scope="row">
                      <button
                        type="button"
                        className="row-button"
                        aria-current={i.code === code ? "true" : undefined}
                        onClick={() => show({ index: i.code })}
                      >
                        {i.name}
                      </button>
                    </th>
                    <td>{i.code}</td>
                    <td className="num">{i.version}</td>
                    <td>
                      {i.lastRun
                        ? t("analyses.lastRunText", {
                            id: String(i.lastRun.id),
                            level: levelName(i.lastRun.level),
                            period: i.lastRun.period,
                            date: formatDateTime(locale, i.lastRun.createdAt),
                          })
                        : t("analyses.run.none")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div className="buttons">
          <button
            type="button"
            className="secondary"
            aria-expanded={creating && code === null}
            onClick={() => {
              setCreating(true);
              setSearch({});
            }}
          >
            {t("analyses.new")}
          </button>
        </div>
      </section>

      {code === null && creating && (
        <section aria-labelledby="new-index-title" className="index-panel">
          <h2 id="new-index-title">{t("analyses.newTitle")}</h2>
          <p className="note">{t("analyses.newHelp")}</p>
          <IndexForm
            workspace={workspace}
            isNew
            initial={newIndexForm()}
            indicators={indicators.data}
            areas={areas.data ?? []}
            onSaved={(saved) => {
              void client.invalidateQueries({ queryKey: analysesKeys.indices(workspace) });
              show({ index: saved.index.code });
            }}
          />
        </section>
      )}
      {code !== null && (
        <IndexPanel
          key={code}
          code={code}
          runParam={runParam}
          workspace={workspace}
          workspaceName={workspaceName}
          indicators={indicators.data}
          areas={areas.data ?? []}
          levels={levels}
          periods={periods.data ?? []}
          onShowRun={(run) => show({ index: code, run })}
        />
      )}

      <TypologySection
        workspace={workspace}
        workspaceName={workspaceName}
        indicators={indicators.data}
        levels={levels}
        periods={periods.data ?? []}
      />
    </>
  );
}
