/**
 * The report's figures from its data: a classified map of an indicator, line charts of
 * indicators over time, the accommodation's persons against places, the class map of a
 * social index and the map of a typology. The drawings are the pure SVG figures of src/core/figures, the same the app
 * exports, so a printed figure and the one on screen agree.
 */
import type { Feature } from "geojson";
import type { ProtectedStatistic } from "../../core/accommodation/disclosure.ts";
import { choroplethSvg } from "../../core/figures/choropleth.ts";
import { CITY_COLOUR } from "../../core/figures/chart-colours.ts";
import { lineChartSvg, type LineSeries } from "../../core/figures/line-chart.ts";
import { mapSvgMarkup, type LegendEntry } from "../../core/figures/map-svg.ts";
import { countText, svgDocument } from "../../core/figures/axes.ts";
import {
  AREA_OUTLINE,
  EXCLUDED_FILL,
  areaFills,
  legendCells,
  typeColour,
  type LegendCell,
} from "../../core/figures/bivariate-colours.ts";
import { formatPeriod } from "../../core/reports/format.ts";
import type { IndexRunView } from "../social-index/index-runs.ts";
import type { ReportData } from "./report-data.ts";
import type { ReportSources } from "./report-sources.ts";

export interface DrawnFigure {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
  readonly alt: string;
}

let ids = 0;
/** Ids inside one HTML page must be unique: each drawing gets its own prefix. */
const nextId = () => `f${++ids}`;

/** The map of one indicator on one level in one period, or why there is none. */
export function mapFigure(
  data: ReportData,
  sources: ReportSources,
  req: {
    indicator: string;
    level: string;
    period: string;
    periodText: string;
    /** An area of the level to outline (a profile's own area). */
    highlight?: string | null;
  },
): DrawnFigure | string {
  const row = data.catalogue.get(req.indicator)!;
  const areas = data.areasOfLevel(req.level) ?? [];
  const features = sources.geometry(req.level);
  if (features.length === 0) {
    return `Für die Ebene ${data.levelName(req.level) ?? req.level} gibt es keine Gebietsgrenzen.`;
  }
  const values = new Map<string, number | null>();
  const withheld: string[] = [];
  for (const a of areas) {
    const v = data.value(req.indicator, a.code, req.period);
    values.set(a.code, v?.kind === "known" ? v.value : null);
    if (v?.kind === "suppressed") withheld.push(a.code);
  }
  if (![...values.values()].some((v) => v !== null)) {
    return `${row.name}: für ${req.periodText} gibt es auf der Ebene ${data.levelName(req.level) ?? req.level} keine Werte.`;
  }
  return choroplethSvg({
    areas: features,
    values,
    withheld,
    indicator: { label: row.name, unit: row.unit, decimals: row.decimals, polarity: row.polarity },
    period: req.periodText,
    level: data.levelName(req.level) ?? "Gebiet",
    id: nextId(),
    ...(req.highlight && areas.some((a) => a.code === req.highlight)
      ? { highlight: { code: req.highlight, name: data.areaName(req.highlight)! } }
      : {}),
  });
}

/**
 * Line charts of indicators over `periods` for `areas` (the report's area and the city):
 * indicators with the same unit share a chart, so a block may give several.
 */
export function lineFigures(
  data: ReportData,
  req: { indicators: readonly string[]; areas: readonly string[]; periods: readonly string[] },
): { figure: DrawnFigure; codes: string[]; names: string[] }[] {
  const byUnit = new Map<string, string[]>();
  for (const code of req.indicators) {
    const unit = data.catalogue.get(code)!.unit;
    byUnit.set(unit, [...(byUnit.get(unit) ?? []), code]);
  }
  return [...byUnit.entries()].map(([unit, codes]) => {
    const series: LineSeries[] = codes.flatMap((code) =>
      req.areas.map((area) => {
        const row = data.catalogue.get(code)!;
        const isCity = area === data.cityCode && req.areas.length > 1;
        const name =
          req.areas.length > 1
            ? `${codes.length > 1 ? `${row.name}: ` : ""}${data.areaName(area)}`
            : row.name;
        return {
          name,
          values: req.periods.map((p) => {
            const v = data.value(code, area, p);
            return v?.kind === "known" ? v.value : null;
          }),
          ...(isCity ? { colour: CITY_COLOUR, dashed: true } : {}),
        };
      }),
    );
    const first = data.catalogue.get(codes[0]!)!;
    const names = codes.map((c) => data.catalogue.get(c)!.name);
    const figure = lineChartSvg({
      periods: req.periods.map(formatPeriod),
      series,
      label: names.join(", "),
      unit,
      decimals: first.decimals,
    });
    return { figure, codes, names };
  });
}

/** Persons on the reference date against places, month by month. */
export function accommodationFigure(series: readonly ProtectedStatistic[]): DrawnFigure {
  return lineChartSvg({
    periods: series.map((s) => formatPeriod(s.month)),
    series: [
      { name: "Personen am Stichtag", values: series.map((s) => s.total.persons) },
      {
        name: "Plätze",
        values: series.map((s) => s.total.places),
        colour: CITY_COLOUR,
        dashed: true,
        marker: "none",
      },
    ],
    label: "Belegung der städtischen Unterkünfte",
    unit: "Personen",
    decimals: 0,
  });
}

/** The class map of an index run: every area in its status × dynamics cell, excluded areas grey. */
export function indexMapFigure(
  data: ReportData,
  sources: ReportSources,
  run: IndexRunView,
): DrawnFigure {
  const d = run.index.definition;
  const statusClasses = d.statusClasses.length;
  const dynamicsClasses = d.dynamics.length > 0 ? d.dynamicsClasses.length : 1;
  const fills = areaFills(run.areas, "groups", statusClasses, dynamicsClasses);
  const label = (c: LegendCell) => {
    const status = d.statusClasses[c.status]?.label ?? "";
    const dynamics = c.dynamics === null ? null : d.dynamicsClasses[c.dynamics]?.label;
    return `${c.group}: Status ${status}${dynamics ? `, Dynamik ${dynamics}` : ""} (${c.count})`;
  };
  const cells = legendCells(run.areas, "groups", statusClasses, dynamicsClasses).flat();
  const legend: LegendEntry[] = [
    ...cells.map((c) => ({ colour: c.fill, text: label(c) })),
    ...(run.excluded > 0
      ? [{ colour: EXCLUDED_FILL, text: `ausgeschlossen (${run.excluded})`, hatched: true }]
      : []),
  ];
  const excluded = new Set(run.areas.filter((a) => a.exclusion !== null).map((a) => a.code));
  const levelName = data.levelName(run.level) ?? "Gebiet";
  return classMap(sources.geometry(run.level), fills, excluded, legend, {
    legendTitle: `${run.index.name}: Status × Dynamik`,
    title: `${run.index.name}, ${formatPeriod(run.period)}`,
    alt: `Karte: ${run.index.name} ${formatPeriod(run.period)}, Klassen von Status und Dynamik je ${levelName}; ${run.included} Gebiete im Index, ${run.excluded} ausgeschlossen.`,
  });
}

/** The map of a typology: every area in its type's colour, areas without a type hatched grey. */
export function typologyMapFigure(
  data: ReportData,
  sources: ReportSources,
  req: {
    level: string;
    title: string;
    areas: readonly { code: string; type: number | null }[];
    types: readonly { type: number; areas: number }[];
  },
): DrawnFigure | string {
  const features = sources.geometry(req.level);
  const levelName = data.levelName(req.level) ?? req.level;
  if (features.length === 0) return `Für die Ebene ${levelName} gibt es keine Gebietsgrenzen.`;
  const fills = new Map(
    req.areas.map((a) => [a.code, a.type === null ? EXCLUDED_FILL : typeColour(a.type)]),
  );
  const untyped = new Set(req.areas.filter((a) => a.type === null).map((a) => a.code));
  const legend: LegendEntry[] = [
    ...req.types.map((t) => ({
      colour: typeColour(t.type),
      text: `Typ ${t.type} (${countText(t.areas, "Gebiet", "Gebiete")})`,
    })),
    ...(untyped.size > 0
      ? [{ colour: EXCLUDED_FILL, text: `ohne Typ (${untyped.size})`, hatched: true }]
      : []),
  ];
  return classMap(features, fills, untyped, legend, {
    legendTitle: "Typen",
    title: req.title,
    alt: `Karte: ${req.title}; ${req.types.length} Typen auf ${req.areas.length - untyped.size} von ${req.areas.length} Gebieten der Ebene ${levelName}.`,
  });
}

/**
 * A map of areas in the colours of their class or type, with `hatched` areas grey and hatched
 * (excluded from an index, without a type), the legend beside it.
 */
function classMap(
  features: readonly Feature[],
  fills: ReadonlyMap<string, string>,
  hatched: ReadonlySet<string>,
  legend: readonly LegendEntry[],
  text: { legendTitle: string; title: string; alt: string },
): DrawnFigure {
  const drawn = mapSvgMarkup(
    { type: "FeatureCollection", features: [...features] },
    fills,
    hatched,
    legend,
    EXCLUDED_FILL,
    AREA_OUTLINE,
    { legendTitle: text.legendTitle, patternId: nextId() },
  );
  return {
    svg: svgDocument({
      width: drawn.width,
      height: drawn.height,
      title: text.title,
      alt: text.alt,
      body: drawn.markup,
    }),
    width: drawn.width,
    height: drawn.height,
    alt: text.alt,
  };
}
