/**
 * Übersicht: the city's key figures with their change against the previous period, and the
 * latest imports for those who import. Figures come from the API after disclosure control;
 * the change is computed by the same core function the server uses.
 */
import { useQuery } from "@tanstack/react-query";
import { changeOverPeriods } from "../../../../src/core/indicators/compare.ts";
import { known, missing, type Value } from "../../../../src/core/value.ts";
import type { ImportRunDto } from "../../../../src/contracts/imports.ts";
import type {
  IndicatorDto,
  IndicatorValueSetDto,
  IndicatorSeriesDto,
} from "../../../../src/contracts/indicators.ts";
import { api, wsPath } from "../../lib/api.ts";
import { formatChange, formatDateTime, formatNumber } from "../../lib/format.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { useWorkspace } from "../../lib/session.tsx";
import { Empty, ErrorState, Loading } from "../../ui/states.tsx";
import { Alerts } from "./Alerts.tsx";
import { leadIndicator, OverviewMap } from "./OverviewMap.tsx";

function lastTwo(
  points: IndicatorSeriesDto["points"],
): [Value<number>, Value<number>, string | null] {
  const withValue = points.filter((p) => p.value !== null);
  const last = withValue.at(-1);
  const before = withValue.at(-2);
  return [
    last ? known(last.value!) : missing("no_data"),
    before ? known(before.value!) : missing("no_data"),
    before?.period ?? null,
  ];
}

function KeyFigure({ indicator, workspace }: { indicator: IndicatorDto; workspace: string }) {
  const { t, locale } = useI18n();
  const set = useQuery({
    queryKey: ["values", workspace, indicator.code],
    queryFn: () =>
      api<IndicatorValueSetDto>(wsPath(`/api/indicators/${indicator.code}/values`, workspace)),
  });
  const city = set.data?.reference?.area;
  const series = useQuery({
    queryKey: ["series", workspace, indicator.code, city],
    enabled: city !== undefined,
    queryFn: () =>
      api<IndicatorSeriesDto>(
        wsPath(`/api/indicators/${indicator.code}/series`, workspace, { area: city }),
      ),
  });
  const ref = set.data?.reference;
  let figure: string = t("state.loading");
  if (set.isError) figure = t("value.missing");
  else if (ref) {
    figure =
      ref.value !== null
        ? formatNumber(locale, ref.value, indicator.decimals)
        : ref.status === "suppressed"
          ? t("value.withheld")
          : t("value.missing");
  }
  let changeText = "";
  if (series.data) {
    const [current, previous, previousPeriod] = lastTwo(series.data.points);
    const change = changeOverPeriods(current, previous, indicator.unit);
    if (change.kind === "known" && previousPeriod) {
      const unit =
        change.value.differenceUnit === "percentage_points" ? " Pp." : ` ${indicator.unit}`;
      changeText = `${formatChange(locale, change.value.difference, indicator.decimals)}${unit} ${t("overview.against", { period: previousPeriod })}`;
    }
  }
  return (
    <li className="card">
      <div className="label">{indicator.name}</div>
      <div className="figure">
        {figure} <small>{indicator.unit}</small>
      </div>
      <div className="change">
        {set.data ? set.data.period : ""}
        {changeText ? ` · ${changeText}` : ""}
      </div>
    </li>
  );
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
  const indicators = useQuery({
    queryKey: ["indicators", workspace],
    queryFn: () => api<IndicatorDto[]>(wsPath("/api/indicators", workspace)),
  });
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
