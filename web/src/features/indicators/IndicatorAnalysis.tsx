/**
 * The charts of an indicator's sheet, for one level and period: the time series of the city
 * and of up to five chosen areas, the ranking of all areas, the histogram of their values, and
 * a scatter plot against a second indicator with the areas named and the correlation stated.
 * Every chart has its numbers as a table beside it and exports as PNG, SVG, CSV and XLSX with
 * title, source and date. All values come from the API after disclosure control: a withheld
 * value is a gap in a line, missing from ranking and histogram, and counted as left out.
 */
import { useQueries, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import type {
  IndicatorDto,
  IndicatorSeriesDto,
  IndicatorValueSetDto,
} from "@contracts/indicators.ts";
import { histogram } from "@core/statistics/scale.ts";
import { api, wsPath } from "../../lib/api.ts";
import { formatDateTime, formatNumber } from "../../lib/format.ts";
import { useAreaSystems, usePeriods } from "../../lib/catalogue-queries.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { markedCell, markLegend } from "../../lib/marks.ts";
import type { ViewTable } from "../../lib/view-table.ts";
import { MarkedValue, MarkLegend } from "../../ui/MarkedValue.tsx";
import { codeOptions, plainOptions, SelectField } from "../../ui/SelectField.tsx";
import { Empty, ErrorState, Loading } from "../../ui/states.tsx";
import { HistogramChart } from "../../ui/charts/HistogramChart.tsx";
import { RankingChart } from "../../ui/charts/RankingChart.tsx";
import { ScatterChart } from "../../ui/charts/ScatterChart.tsx";
import { TimeSeriesChart } from "../../ui/charts/TimeSeriesChart.tsx";
import { scatterView, seriesView } from "./analysis-views.ts";
import { AreaPicker } from "./AreaPicker.tsx";
import { ChartFigure, type CellMarks } from "./ChartFigure.tsx";

type ValueRow = IndicatorValueSetDto["values"][number];

export function IndicatorAnalysis({
  indicator,
  indicators,
  workspace,
  workspaceName,
}: {
  readonly indicator: IndicatorDto;
  readonly indicators: readonly IndicatorDto[];
  readonly workspace: string;
  readonly workspaceName: string;
}) {
  const { t, locale } = useI18n();
  const [level, setLevel] = useState<string | undefined>();
  const [period, setPeriod] = useState<string | undefined>();
  const [chosen, setChosen] = useState<readonly string[]>([]);
  const [candidate, setCandidate] = useState("");
  const others = indicators.filter((i) => i.code !== indicator.code);
  const [secondCode, setSecondCode] = useState<string | undefined>();
  const second = others.find((i) => i.code === secondCode) ?? others[0];

  const systems = useAreaSystems(workspace);
  const periods = usePeriods(workspace);
  const values = useQuery({
    queryKey: ["values", workspace, indicator.code, level, period],
    placeholderData: (previous) => previous,
    queryFn: () =>
      api<IndicatorValueSetDto>(
        wsPath(`/api/indicators/${indicator.code}/values`, workspace, { level, period }),
      ),
  });
  const set = values.data;
  const secondValues = useQuery({
    queryKey: ["values", workspace, second?.code, set?.level, set?.period],
    enabled: second !== undefined && set !== undefined,
    placeholderData: (previous) => previous,
    queryFn: () =>
      api<IndicatorValueSetDto>(
        wsPath(`/api/indicators/${second!.code}/values`, workspace, {
          level: set!.level,
          period: set!.period,
        }),
      ),
  });
  const city = set?.reference ?? null;
  const seriesAreas = useMemo(() => [...(city ? [city.area] : []), ...chosen], [city, chosen]);
  const series = useQueries({
    queries: seriesAreas.map((area) => ({
      queryKey: ["series", workspace, indicator.code, area],
      queryFn: () =>
        api<IndicatorSeriesDto>(
          wsPath(`/api/indicators/${indicator.code}/series`, workspace, { area }),
        ),
    })),
  });

  const levels = systems.data?.flatMap((s) => s.levels) ?? [];
  const levelName = levels.find((l) => l.code === set?.level)?.name ?? set?.level ?? "";
  const kind = periods.data?.find((p) => p.code === set?.period)?.kind;
  const periodChoices = (periods.data ?? []).filter((p) => p.kind === kind).map((p) => p.code);
  const names = new Map((set?.values ?? []).map((v) => [v.area, v.name]));
  const source = `${t("indicators.source")}: ${indicator.sheet.source ?? workspaceName}`;
  const date = `${t("atlas.exported")} ${formatDateTime(locale, new Date().toISOString())}`;
  const unitLabel = `${t("overview.value")} (${indicator.unit})`;

  if (values.isPending) return <Loading />;
  if (values.isError)
    return <ErrorState error={values.error} retry={() => void values.refetch()} />;
  if (!set) return <Empty>{t("indicators.noValues")}</Empty>;

  const known = set.values.filter((v): v is ValueRow & { value: number } => v.value !== null);
  const leftOut = set.values.length - known.length;
  const leftOutNote =
    leftOut > 0 ? <p className="note">{t("indicators.leftOut", { n: String(leftOut) })}</p> : null;
  const reference = city && city.value !== null ? { name: city.name, value: city.value } : null;
  const where = `${levelName}, ${set.period}`;

  // Time series: the periods of the city's series, every area's value at each of them.
  const loadedSeries = series.map((q) => q.data);
  const { axis, lines, seriesMarks, seriesTable } = seriesView({
    loadedSeries,
    seriesAreas,
    city,
    names,
    indicator,
    source,
    date,
    t,
    locale,
  });

  const ranked = [...known].sort((a, b) => b.value - a.value);
  const byRank = [...set.values].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  const rankingTable: ViewTable = {
    title: `${indicator.name} (${indicator.unit}), ${where}: ${t("indicators.ranking")}`,
    source,
    date,
    columns: [
      { label: t("atlas.rank"), decimals: 0 },
      { label: t("atlas.area") },
      { label: t("atlas.areaCode") },
      { label: unitLabel, decimals: indicator.decimals },
    ],
    rows: byRank.map((v) => [v.rank, v.name, v.area, markedCell(locale, v, indicator.decimals)]),
    notes: markLegend(byRank.map((v) => v.mark)),
  };
  const rankingMarks: CellMarks = byRank.map((v) => [null, null, null, v.mark]);

  const bins = histogram(known.map((v) => v.value));
  const histogramTable: ViewTable = {
    title: `${indicator.name} (${indicator.unit}), ${where}: ${t("indicators.histogram")}`,
    source,
    date,
    columns: [
      { label: t("indicators.binFrom"), decimals: indicator.decimals },
      { label: t("indicators.binTo"), decimals: indicator.decimals },
      { label: t("indicators.countAreas"), decimals: 0 },
    ],
    rows: bins.map((b) => [b.from, b.to, b.count]),
  };

  const { points, correlation, cityPoint, scatterTable, scatterMarks } = scatterView({
    set,
    secondSet: secondValues.data,
    city,
    indicator,
    second,
    workspaceName,
    where,
    source,
    date,
    t,
    locale,
  });

  const nameBase = [workspace, indicator.code, set.level, set.period];
  const candidates = set.values.filter((v) => !chosen.includes(v.area) && v.area !== city?.area);

  return (
    <section aria-labelledby="analysis-title" className="analysis">
      <h3 id="analysis-title">{t("indicators.analysis")}</h3>
      <form className="controls" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          id="analysis-level"
          label={t("atlas.level")}
          value={set.level}
          options={codeOptions(levels)}
          onChange={(v) => {
            setLevel(v);
            setChosen([]);
          }}
        />
        <SelectField
          id="analysis-period"
          label={t("atlas.period")}
          value={set.period}
          options={plainOptions(periodChoices.length > 0 ? periodChoices : [set.period])}
          onChange={setPeriod}
        />
      </form>
      {values.isFetching && <Loading />}
      {city && (
        <p className="city-value">
          {t("indicators.cityValue", { name: city.name, period: set.period })}{" "}
          <strong>
            <MarkedValue value={city} decimals={indicator.decimals} unit={indicator.unit} />
          </strong>
        </p>
      )}
      <MarkLegend marks={city ? [city.mark] : []} />

      <ChartFigure
        id="chart-series"
        heading={t("indicators.timeSeries")}
        title={seriesTable.title}
        source={source}
        name={[workspace, indicator.code, "zeitreihe"]}
        table={seriesTable}
        marks={seriesMarks}
        controls={
          <AreaPicker
            candidate={candidate}
            onCandidate={setCandidate}
            candidates={candidates}
            chosen={chosen}
            onChosen={setChosen}
            names={names}
          />
        }
      >
        {series.some((q) => q.isError) ? (
          <ErrorState error={series.find((q) => q.isError)?.error} />
        ) : series.some((q) => q.isPending) ? (
          <Loading />
        ) : axis.length === 0 ? (
          <Empty>{t("indicators.noValues")}</Empty>
        ) : (
          <TimeSeriesChart
            periods={axis}
            series={lines}
            locale={locale}
            label={t("indicators.seriesLabel", {
              name: indicator.name,
              from: axis[0] ?? "",
              to: axis.at(-1) ?? "",
              areas: lines.map((l) => l.name).join(", "),
            })}
          />
        )}
      </ChartFigure>

      {known.length === 0 ? (
        <Empty>{t("indicators.noValues")}</Empty>
      ) : (
        <>
          <ChartFigure
            id="chart-ranking"
            heading={t("indicators.ranking")}
            title={rankingTable.title}
            source={source}
            name={[...nameBase, "rangfolge"]}
            table={rankingTable}
            marks={rankingMarks}
            note={leftOutNote}
          >
            <RankingChart
              rows={ranked.map((v) => ({ code: v.area, name: v.name, value: v.value }))}
              reference={reference}
              decimals={indicator.decimals}
              locale={locale}
              highlight={new Set(chosen)}
              omittedText={(n) => t("indicators.omitted", { n: String(n) })}
              label={t("indicators.rankingLabel", {
                n: String(ranked.length),
                name: indicator.name,
                period: set.period,
              })}
            />
          </ChartFigure>
          <ChartFigure
            id="chart-histogram"
            heading={t("indicators.histogram")}
            title={histogramTable.title}
            source={source}
            name={[...nameBase, "verteilung"]}
            table={histogramTable}
            note={leftOutNote}
          >
            <HistogramChart
              bins={bins}
              reference={reference}
              decimals={indicator.decimals}
              locale={locale}
              countLabel={t("indicators.countAreas")}
              binLabel={(from, to, n) => t("indicators.bin", { from, to, n: String(n) })}
              label={t("indicators.histogramLabel", {
                name: indicator.name,
                n: String(known.length),
                period: set.period,
              })}
            />
          </ChartFigure>
        </>
      )}

      {second && scatterTable && (
        <ChartFigure
          id="chart-scatter"
          heading={t("indicators.scatter")}
          title={scatterTable.title}
          source={scatterTable.source}
          name={[...nameBase, second.code]}
          table={scatterTable}
          marks={scatterMarks}
          controls={
            <div className="controls">
              <SelectField
                id="scatter-second"
                label={t("indicators.second")}
                value={second.code}
                options={codeOptions(others)}
                onChange={setSecondCode}
                wide
              />
            </div>
          }
          note={
            <>
              <p className="note" role="status">
                {correlation.pearson !== null && correlation.spearman !== null
                  ? t("indicators.correlation", {
                      r: formatNumber(locale, correlation.pearson, 2),
                      rho: formatNumber(locale, correlation.spearman, 2),
                      n: String(correlation.n),
                    })
                  : t("indicators.correlationNone")}
              </p>
              {set.values.length - points.length > 0 && (
                <p className="note">
                  {t("indicators.leftOut", { n: String(set.values.length - points.length) })}
                </p>
              )}
            </>
          }
        >
          {secondValues.isError ? (
            <ErrorState error={secondValues.error} />
          ) : secondValues.isPending ? (
            <Loading />
          ) : points.length === 0 ? (
            <Empty>{t("indicators.noValues")}</Empty>
          ) : (
            <ScatterChart
              points={points}
              city={cityPoint}
              xLabel={`${second.name} (${second.unit})`}
              yLabel={`${indicator.name} (${indicator.unit})`}
              xDecimals={second.decimals}
              yDecimals={indicator.decimals}
              chosen={new Set(chosen)}
              locale={locale}
              label={t("indicators.scatterLabel", {
                y: indicator.name,
                x: second.name,
                n: String(points.length),
                period: set.period,
              })}
            />
          )}
        </ChartFigure>
      )}
    </section>
  );
}
