/**
 * The forecast of places (docs/methods/occupancy.md, section 4): projected persons with the
 * low–high range against the places, for 6 to 12 months after the chosen month, and the month
 * the capacity is expected to run out.
 */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, ApiError, wsPath } from "../../lib/api.ts";
import { formatNumber } from "../../lib/format.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { SelectField } from "../../ui/SelectField.tsx";
import { ErrorState, Loading } from "../../ui/states.tsx";
import { CITY_COLOUR, SERIES_COLOURS } from "../../ui/charts/chart-colours.ts";
import { TimeSeriesChart } from "../../ui/charts/TimeSeriesChart.tsx";
import { accommodationKeys, type Forecast } from "./accommodation-api.ts";
import { ChartFigure } from "./ChartFigure.tsx";
import { formatMonth } from "./months.ts";
import type { TableMeta } from "./statistic-tables.ts";
import { forecastTable } from "./series-tables.ts";

const HORIZONS = [6, 9, 12] as const;

export function ForecastSection(props: {
  readonly workspace: string;
  readonly month: string;
  readonly meta: Omit<TableMeta, "title">;
}) {
  const { t, locale } = useI18n();
  const [horizon, setHorizon] = useState(12);
  const forecast = useQuery({
    queryKey: accommodationKeys.forecast(props.workspace, horizon, props.month),
    queryFn: () =>
      api<Forecast>(
        wsPath("/api/accommodation/forecast", props.workspace, {
          horizon: String(horizon),
          to: props.month,
        }),
      ),
  });
  const body = () => {
    if (forecast.isPending) return <Loading />;
    if (forecast.isError) {
      // Withheld for disclosure control: a statement, not a failure to retry.
      if (forecast.error instanceof ApiError && forecast.error.code === "withheld") {
        return <p className="note">{forecast.error.message}</p>;
      }
      return <ErrorState error={forecast.error} retry={() => void forecast.refetch()} />;
    }
    const f = forecast.data;
    const months = f.months.map((m) => m.month);
    const from = formatMonth(locale, months[0] ?? props.month);
    const to = formatMonth(locale, months.at(-1) ?? props.month);
    const table = forecastTable(
      { ...props.meta, title: t("acc.forecastTitle", { from, to }) },
      t,
      f,
    );
    return (
      <>
        <p className="note">
          {t("acc.forecastIntro", {
            from: formatMonth(locale, f.basis.from),
            to: formatMonth(locale, f.basis.to),
            share: formatNumber(locale, f.exitShare.central * 100, 1),
            seasonal: f.seasonal ? t("acc.forecastSeasonal") : "",
          })}
        </p>
        <p className="acc-outlook" role="status">
          <strong>
            {f.capacityRunsOut === null
              ? t("acc.runsOutNever", { month: to })
              : t("acc.runsOut", {
                  month: formatMonth(
                    locale,
                    lastSufficient(f.capacityRunsOut, months, props.month),
                  ),
                })}
          </strong>
        </p>
        <ChartFigure
          table={table}
          name={[props.workspace, "unterkuenfte", "vorausschaetzung", props.month]}
        >
          <TimeSeriesChart
            periods={months}
            locale={locale}
            label={t("acc.forecastLabel", { from, to })}
            series={[
              {
                name: t("acc.projected"),
                colour: SERIES_COLOURS[0],
                shape: "circle",
                values: f.months.map((m) => m.persons),
              },
              {
                name: t("acc.high"),
                colour: SERIES_COLOURS[1],
                shape: "triangle",
                dashed: true,
                values: f.months.map((m) => m.high),
              },
              {
                name: t("acc.low"),
                colour: SERIES_COLOURS[2],
                shape: "diamond",
                dashed: true,
                values: f.months.map((m) => m.low),
              },
              {
                name: t("acc.places"),
                colour: CITY_COLOUR,
                shape: "square",
                dashed: true,
                values: f.months.map((m) => m.places),
              },
            ]}
          />
        </ChartFigure>
      </>
    );
  };
  return (
    <section aria-labelledby="acc-forecast-title">
      <h2 id="acc-forecast-title">{t("acc.forecast")}</h2>
      <form className="controls" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          id="acc-horizon"
          label={t("acc.horizon")}
          value={String(horizon)}
          options={HORIZONS.map((h) => ({
            value: String(h),
            label: t("acc.horizonMonths", { n: String(h) }),
          }))}
          onChange={(v) => setHorizon(Number(v))}
        />
      </form>
      {body()}
    </section>
  );
}

/**
 * The last month the capacity still suffices: the month before the one it runs out (the
 * forecast names the first month short of places); the chosen month when that is the first.
 */
function lastSufficient(runsOut: string, months: readonly string[], basis: string): string {
  const i = months.indexOf(runsOut);
  return i > 0 ? months[i - 1]! : basis;
}
