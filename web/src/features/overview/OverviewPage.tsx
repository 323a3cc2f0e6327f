/**
 * Übersicht: the city's key figures with their change against the previous period, and the
 * latest imports for those who import. Figures come from the API after disclosure control;
 * the change is computed by the same core function the server uses.
 */
import { useQueries, useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { changeOverPeriods } from "@core/indicators/compare.ts";
import { known, missing, type Value } from "@core/value.ts";
import type { ImportRunDto } from "@contracts/data-imports.ts";
import type {
  IndicatorDto,
  IndicatorValueSetDto,
  IndicatorSeriesDto,
} from "@contracts/indicators.ts";
import { api, wsPath } from "../../lib/api.ts";
import { formatDateTime } from "../../lib/format.ts";
import { changeMark, type Mark } from "../../lib/marks.ts";
import { MarkedValue, MarkLegend } from "../../ui/MarkedValue.tsx";
import { useIndicators } from "../../lib/catalogue-queries.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useWorkspace } from "../../lib/session.tsx";
import { Empty, ErrorState, Loading } from "../../ui/states.tsx";
import { Alerts } from "./Alerts.tsx";
import { leadIndicator, OverviewMap } from "./OverviewMap.tsx";

/**
 * The change of a series between its last two periods with a value, marked by what both
 * values carry (a change built on a value under review reads "p").
 */
function lastChange(
  series: IndicatorSeriesDto | undefined,
  indicator: IndicatorDto,
): { difference: number; mark: Mark; unit: string; previousPeriod: string } | null {
  if (!series) return null;
  const withValue = series.points.filter((p) => p.value !== null);
  const last = withValue.at(-1);
  const before = withValue.at(-2);
  const current: Value<number> = last ? known(last.value!) : missing("no_data");
  const previous: Value<number> = before ? known(before.value!) : missing("no_data");
  const change = changeOverPeriods(current, previous, indicator.unit);
  if (change.kind !== "known" || !last || !before) return null;
  const difference = change.value.difference;
  return {
    difference,
    mark: changeMark(difference, last.mark, before.mark, indicator.decimals),
    unit: change.value.differenceUnit === "percentage_points" ? "Pp." : indicator.unit,
    previousPeriod: before.period,
  };
}

const valuesQuery = (workspace: string, code: string) => ({
  queryKey: ["values", workspace, code],
  queryFn: () => api<IndicatorValueSetDto>(wsPath(`/api/indicators/${code}/values`, workspace)),
});
const seriesQuery = (workspace: string, code: string, city: string | undefined) => ({
  queryKey: ["series", workspace, code, city],
  enabled: city !== undefined,
  queryFn: () =>
    api<IndicatorSeriesDto>(wsPath(`/api/indicators/${code}/series`, workspace, { area: city })),
});

function KeyFigure({ indicator, workspace }: { indicator: IndicatorDto; workspace: string }) {
  const { t } = useI18n();
  const set = useQuery(valuesQuery(workspace, indicator.code));
  const series = useQuery(seriesQuery(workspace, indicator.code, set.data?.reference?.area));
  const ref = set.data?.reference;
  let figure: ReactNode = t("state.loading");
  if (set.isError) figure = t("value.missing");
  else if (ref) {
    figure =
      ref.value !== null ? (
        <MarkedValue value={ref} decimals={indicator.decimals} />
      ) : ref.status === "suppressed" ? (
        t("value.withheld")
      ) : (
        t("value.missing")
      );
  }
  const change = lastChange(series.data, indicator);
  return (
    <li className="card">
      <div className="label">{indicator.name}</div>
      <div className="figure">
        {figure} <small>{indicator.unit}</small>
      </div>
      <div className="change">
        {set.data ? set.data.period : ""}
        {change && (
          <>
            {" · "}
            <MarkedValue
              value={{ value: change.difference, mark: change.mark }}
              decimals={indicator.decimals}
              change
              unit={change.unit}
            />{" "}
            {t("overview.against", { period: change.previousPeriod })}
          </>
        )}
      </div>
    </li>
  );
}

/** The legend of the key figures' marks: the same queries the figures use (cached once). */
function KeyFigureLegend({
  indicators,
  workspace,
}: {
  indicators: readonly IndicatorDto[];
  workspace: string;
}) {
  const sets = useQueries({ queries: indicators.map((i) => valuesQuery(workspace, i.code)) });
  const series = useQueries({
    queries: indicators.map((i, k) =>
      seriesQuery(workspace, i.code, sets[k]?.data?.reference?.area),
    ),
  });
  const marks = indicators.flatMap((i, k) => [
    sets[k]?.data?.reference?.mark,
    lastChange(series[k]?.data, i)?.mark,
  ]);
  return <MarkLegend marks={marks} />;
}

function LatestImports({ workspace }: { workspace: string }) {
  const { t, locale } = useI18n();
  const runs = useQuery({
    queryKey: ["imports", workspace],
    queryFn: () => api<ImportRunDto[]>(wsPath("/api/imports", workspace)),
  });
  if (runs.isPending) return <Loading />;
  if (runs.isError) return <ErrorState error={runs.error} retry={() => void runs.refetch()} />;
  if (runs.data.length === 0) return <Empty>{t("overview.noImports")}</Empty>;
  return (
    <table>
      <caption className="sr-only">{t("overview.imports")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("overview.importLabel")}</th>
          <th scope="col">{t("overview.importStatus")}</th>
          <th scope="col">{t("overview.importTime")}</th>
        </tr>
      </thead>
      <tbody>
        {runs.data.slice(0, 8).map((r) => (
          <tr key={r.id}>
            <td>{r.label}</td>
            <td>{t(`import.${r.status}`)}</td>
            <td>{formatDateTime(locale, r.finishedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function OverviewPage() {
  const { t } = useI18n();
  const { membership } = useWorkspace();
  const workspace = membership.workspace;
  const indicators = useIndicators(workspace);
  const mayImport = membership.role === "planner" || membership.role === "contributor";
  return (
    <>
      <h1>{t("overview.title")}</h1>
      <h2 id="key-figures">{t("overview.keyFigures")}</h2>
      {indicators.isPending && <Loading />}
      {indicators.isError && (
        <ErrorState error={indicators.error} retry={() => void indicators.refetch()} />
      )}
      {indicators.data && indicators.data.length === 0 && <Empty />}
      {indicators.data && indicators.data.length > 0 && (
        <ul className="cards" aria-labelledby="key-figures">
          {indicators.data.map((i) => (
            <KeyFigure key={i.code} indicator={i} workspace={workspace} />
          ))}
        </ul>
      )}
      {indicators.data && indicators.data.length > 0 && (
        <KeyFigureLegend indicators={indicators.data} workspace={workspace} />
      )}
      {indicators.data && leadIndicator(indicators.data) && (
        <OverviewMap indicator={leadIndicator(indicators.data)!} workspace={workspace} />
      )}
      {membership.role === "planner" && <Alerts workspace={workspace} />}
      {mayImport && (
        <>
          <h2>{t("overview.imports")}</h2>
          <LatestImports workspace={workspace} />
        </>
      )}
    </>
  );
}
