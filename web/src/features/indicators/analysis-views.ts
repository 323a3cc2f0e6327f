/**
 * The time series and the scatter plot of the indicator analysis without React: the periods on
 * the axis, one line per shown area (the city first, dashed), the pairs of values against a
 * second indicator with their correlation, and the tables of both with their marks.
 */
import type {
  IndicatorDto,
  IndicatorSeriesDto,
  IndicatorValueSetDto,
} from "@contracts/indicators.ts";
import { correlate } from "@core/statistics/correlation.ts";
import { formatNumber } from "../../lib/format.ts";
import type { I18n } from "../../lib/i18n.tsx";
import { markedCell, markLegend } from "../../lib/marks.ts";
import type { ViewColumn, ViewTable } from "../../lib/view-table.ts";
import { CITY_COLOUR, SERIES_COLOURS, SERIES_SHAPES } from "../../ui/charts/chart-colours.ts";
import type { Series } from "../../ui/charts/TimeSeriesChart.tsx";
import type { CellMarks } from "./ChartFigure.tsx";

/** The chart and table of the series loaded for the shown areas (undefined while loading). */
export function seriesView(input: {
  readonly loadedSeries: readonly (IndicatorSeriesDto | undefined)[];
  readonly seriesAreas: readonly string[];
  readonly city: { readonly name: string } | null;
  readonly names: ReadonlyMap<string, string>;
  readonly indicator: IndicatorDto;
  readonly source: string;
  readonly date: string;
  readonly t: I18n["t"];
  readonly locale: string;
}) {
  const { loadedSeries, seriesAreas, city, names, indicator, source, date, t, locale } = input;
  // Periods in which no shown area has a value or a withheld one are left off the axis.
  const axis = (loadedSeries[0]?.points ?? [])
    .map((p) => p.period)
    .filter((period) =>
      loadedSeries.some((s) =>
        s?.points.some(
          (p) => p.period === period && (p.value !== null || p.status === "suppressed"),
        ),
      ),
    );
  const lines: Series[] = seriesAreas.flatMap((area, i) => {
    const s = loadedSeries[i];
    if (!s) return [];
    const byPeriod = new Map(s.points.map((p) => [p.period, p.value]));
    const isCity = i === 0 && city !== null;
    const k = isCity ? -1 : city ? i - 1 : i;
    return [
      {
        name: isCity ? city.name : (names.get(area) ?? area),
        colour: isCity ? CITY_COLOUR : (SERIES_COLOURS[k] ?? CITY_COLOUR),
        shape: isCity ? "cross" : (SERIES_SHAPES[k] ?? "circle"),
        dashed: isCity,
        values: axis.map((p) => byPeriod.get(p) ?? null),
      },
    ];
  });
  const seriesMarks: CellMarks = axis.map((p) => [
    null,
    ...loadedSeries.flatMap((s) => (s ? [s.points.find((x) => x.period === p)?.mark] : [])),
  ]);
  const seriesTable: ViewTable = {
    title: `${indicator.name} (${indicator.unit}): ${t("indicators.timeSeries")}`,
    source,
    date,
    columns: [
      { label: t("overview.period") },
      ...lines.map((l): ViewColumn => ({ label: l.name, decimals: indicator.decimals })),
    ],
    rows: axis.map((p) => [
      p,
      ...loadedSeries.flatMap((s) => {
        if (!s) return [];
        const point = s.points.find((x) => x.period === p);
        return [point ? markedCell(locale, point, indicator.decimals) : null];
      }),
    ]),
    notes: markLegend(seriesMarks.flat()),
  };
  return { axis, lines, seriesMarks, seriesTable };
}

/** The points, correlation and table of the indicator against a second one, area by area. */
export function scatterView(input: {
  readonly set: IndicatorValueSetDto;
  readonly secondSet: IndicatorValueSetDto | undefined;
  readonly city: IndicatorValueSetDto["reference"];
  readonly indicator: IndicatorDto;
  readonly second: IndicatorDto | undefined;
  readonly workspaceName: string;
  readonly where: string;
  readonly source: string;
  readonly date: string;
  readonly t: I18n["t"];
  readonly locale: string;
}) {
  const { set, secondSet, city, indicator, second, workspaceName, where, source, date, t, locale } =
    input;
  const secondByArea = new Map((secondSet?.values ?? []).map((v) => [v.area, v]));
  const pairs = set.values.map((v) => ({ v, w: secondByArea.get(v.area) }));
  const points = pairs.flatMap(({ v, w }) =>
    v.value !== null && w?.value != null
      ? [{ code: v.area, name: v.name, x: w.value, y: v.value }]
      : [],
  );
  const correlation = correlate(
    pairs.map(({ w }) => w?.value ?? null),
    pairs.map(({ v }) => v.value),
  );
  const cityPoint =
    city?.value != null && secondSet?.reference?.value != null
      ? { name: city.name, x: secondSet.reference.value, y: city.value }
      : null;
  const scatterTable: ViewTable | null = second
    ? {
        title: `${t("indicators.against", { y: indicator.name, x: second.name })}, ${where}`,
        source:
          (second.sheet.source ?? workspaceName) === (indicator.sheet.source ?? workspaceName)
            ? source
            : `${source}; ${second.sheet.source ?? workspaceName}`,
        date,
        columns: [
          { label: t("atlas.area") },
          { label: t("atlas.areaCode") },
          { label: `${second.name} (${second.unit})`, decimals: second.decimals },
          { label: `${indicator.name} (${indicator.unit})`, decimals: indicator.decimals },
        ],
        rows: pairs.map(({ v, w }) => [
          v.name,
          v.area,
          w ? markedCell(locale, w, second.decimals) : ".",
          markedCell(locale, v, indicator.decimals),
        ]),
        notes: [
          ...markLegend(pairs.flatMap(({ v, w }) => [v.mark, w?.mark])),
          correlation.pearson !== null && correlation.spearman !== null
            ? `Pearson r = ${formatNumber(locale, correlation.pearson, 2)}; Spearman ρ = ${formatNumber(locale, correlation.spearman, 2)}; n = ${correlation.n}`
            : t("indicators.correlationNone"),
        ],
      }
    : null;
  const scatterMarks: CellMarks = pairs.map(({ v, w }) => [null, null, w?.mark, v.mark]);
  return { points, correlation, cityPoint, scatterTable, scatterMarks };
}
