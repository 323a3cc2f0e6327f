/**
 * The accommodation page's tables over months: persons and places per month (the series) and
 * the forecast with its range and shortfall, as view tables (CSV and XLSX write the same).
 */
import type { ViewCell, ViewColumn, ViewTable } from "../../lib/view-table.ts";
import type { Forecast, SeriesMonth } from "./accommodation-api.ts";
import {
  NONE,
  countCell,
  percentCell,
  withPersons,
  type Translate,
  type TableMeta,
} from "./statistic-tables.ts";

/** Persons and places per month for the city and, if chosen, one facility. */
export interface SeriesPoint {
  readonly month: string;
  /** The month's figures (from the series or a full statistic); undefined while not loaded. */
  readonly statistic: SeriesMonth | undefined;
}

export function seriesLines(
  points: readonly SeriesPoint[],
  facility: string | null,
): {
  persons: (number | null)[];
  places: (number | null)[];
  facilityPersons: (number | null)[];
  facilityPlaces: (number | null)[];
} {
  const of = (p: SeriesPoint) =>
    facility === null ? undefined : p.statistic?.byFacility.find((f) => f.code === facility);
  return {
    persons: points.map((p) => p.statistic?.total.persons ?? null),
    places: points.map((p) => p.statistic?.total.places ?? null),
    facilityPersons: points.map((p) => of(p)?.figures.persons ?? null),
    facilityPlaces: points.map((p) => of(p)?.figures.places ?? null),
  };
}

export function seriesTable(
  meta: TableMeta,
  t: Translate,
  points: readonly SeriesPoint[],
  facility: { readonly code: string; readonly name: string } | null,
): ViewTable {
  const cityName = t("acc.total");
  const columns: ViewColumn[] = [
    { label: t("acc.month") },
    { label: t("acc.seriesPersons", { name: cityName }), decimals: 0 },
    { label: t("acc.seriesPlaces", { name: cityName }), decimals: 0 },
    { label: `${t("acc.occupancyRate")}: ${cityName}`, decimals: 1 },
  ];
  if (facility) {
    columns.push(
      { label: t("acc.seriesPersons", { name: facility.name }), decimals: 0 },
      { label: t("acc.seriesPlaces", { name: facility.name }), decimals: 0 },
    );
  }
  return {
    ...meta,
    columns,
    rows: points.map((p) => {
      const s = p.statistic;
      const row: ViewCell[] = [
        p.month,
        s ? countCell(s.total.persons) : NONE,
        s ? s.total.places : NONE,
        s ? withPersons(s.total.persons, percentCell(s.total.occupancyRate)) : NONE,
      ];
      if (facility) {
        const f = s?.byFacility.find((x) => x.code === facility.code);
        row.push(f ? countCell(f.figures.persons) : NONE, f ? f.figures.places : NONE);
      }
      return row;
    }),
  };
}

/** The forecast per month: central, low and high persons, places and the shortfall. */
export function forecastTable(meta: TableMeta, t: Translate, f: Forecast): ViewTable {
  return {
    ...meta,
    columns: [
      { label: t("acc.month") },
      { label: t("acc.projected"), decimals: 0 },
      { label: t("acc.low"), decimals: 0 },
      { label: t("acc.high"), decimals: 0 },
      { label: t("acc.places"), decimals: 0 },
      { label: t("acc.shortfall"), decimals: 0 },
    ],
    rows: f.months.map((m) => [m.month, m.persons, m.low, m.high, m.places, m.shortfall]),
  };
}
