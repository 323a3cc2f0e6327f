/**
 * Occupancy over time: persons on the reference date and places of the last 24 months, for
 * the city and one facility to compare, from one series request.
 */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, wsPath } from "../../lib/api.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { SelectField } from "../../ui/SelectField.tsx";
import { ErrorState, Loading } from "../../ui/states.tsx";
import { CITY_COLOUR, SERIES_COLOURS } from "../../ui/charts/chart-colours.ts";
import { TimeSeriesChart, type Series } from "../../ui/charts/TimeSeriesChart.tsx";
import { accommodationKeys, type Facility, type OccupancySeries } from "./accommodation-api.ts";
import { ChartFigure } from "./ChartFigure.tsx";
import { formatMonth, monthsUpTo } from "./months.ts";
import type { TableMeta } from "./statistic-tables.ts";
import { seriesLines, seriesTable } from "./series-tables.ts";

const MONTHS = 24;

export function SeriesSection(props: {
  readonly workspace: string;
  readonly month: string;
  readonly facilities: readonly Facility[];
  readonly meta: Omit<TableMeta, "title">;
}) {
  const { t, locale } = useI18n();
  const [facility, setFacility] = useState(props.facilities[0]?.code ?? "");
  const months = monthsUpTo(props.month, MONTHS);
  const from = months[0]!;
  const result = useQuery({
    queryKey: accommodationKeys.series(props.workspace, from, props.month),
    queryFn: () =>
      api<OccupancySeries>(
        wsPath("/api/accommodation/series", props.workspace, { from, to: props.month }),
      ),
  });
  const chosen = props.facilities.find((f) => f.code === facility) ?? null;
  const byMonth = new Map((result.data?.months ?? []).map((m) => [m.month, m]));
  const points = months.map((m) => ({ month: m, statistic: byMonth.get(m) }));
  const lines = seriesLines(points, chosen?.code ?? null);
  const city = t("acc.total");
  const series: Series[] = [
    {
      name: t("acc.seriesPersons", { name: city }),
      colour: SERIES_COLOURS[0],
      shape: "circle",
      values: lines.persons,
    },
    {
      name: t("acc.seriesPlaces", { name: city }),
      colour: CITY_COLOUR,
      shape: "square",
      dashed: true,
      values: lines.places,
    },
  ];
  if (chosen) {
    series.push(
      {
        name: t("acc.seriesPersons", { name: chosen.name }),
        colour: SERIES_COLOURS[1],
        shape: "diamond",
        values: lines.facilityPersons,
      },
      {
        name: t("acc.seriesPlaces", { name: chosen.name }),
        colour: SERIES_COLOURS[2],
        shape: "triangle",
        dashed: true,
        values: lines.facilityPlaces,
      },
    );
  }
  const fromText = formatMonth(locale, from);
  const to = formatMonth(locale, props.month);
  const table = seriesTable(
    { ...props.meta, title: t("acc.seriesTitle", { from: fromText, to }) },
    t,
    points,
    chosen,
  );
  return (
    <section aria-labelledby="acc-series-title">
      <h2 id="acc-series-title">{t("acc.series")}</h2>
      <p className="note">{t("acc.seriesIntro", { n: String(MONTHS), month: to })}</p>
      {props.facilities.length > 0 && (
        <form className="controls" onSubmit={(e) => e.preventDefault()}>
          <SelectField
            id="acc-series-facility"
            label={t("acc.seriesFacility")}
            value={facility}
            wide
            options={[
              { value: "", label: t("acc.seriesNone") },
              ...props.facilities.map((f) => ({ value: f.code, label: f.name })),
            ]}
            onChange={setFacility}
          />
        </form>
      )}
      {result.isError ? (
        <ErrorState error={result.error} retry={() => void result.refetch()} />
      ) : result.isPending ? (
        <Loading />
      ) : (
        <ChartFigure
          table={table}
          name={[props.workspace, "unterkuenfte", "verlauf", chosen?.code, props.month]}
        >
          <TimeSeriesChart
            periods={months}
            series={series}
            locale={locale}
            label={t("acc.seriesLabel", { from: fromText, to })}
          />
        </ChartFigure>
      )}
    </section>
  );
}
