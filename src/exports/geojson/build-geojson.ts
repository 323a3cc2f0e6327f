import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { markCode } from "../../core/marks/value-mark.ts";
import {
  assertOpenDatasetShape,
  markAt,
  distinctLicences,
  roundToDecimals,
  type OpenDataset,
  type OpenPeriod,
} from "../open-dataset.ts";

export type AreaGeometry = Polygon | MultiPolygon;

/**
 * `code` and `name` of the area, then per indicator `<code>`: the value or null, and
 * `<code>_zeichen`: "." or "x" only where the value is withheld or missing.
 */
export type OpenFeatureProperties = { readonly code: string; readonly name: string } & Readonly<
  Record<string, string | number | null>
>;

export type OpenFeature = Feature<AreaGeometry | null, OpenFeatureProperties>;

/** A GeoJSON FeatureCollection with foreign members that describe the table. */
export interface OpenFeatureCollection extends FeatureCollection<
  AreaGeometry | null,
  OpenFeatureProperties
> {
  readonly features: OpenFeature[];
  readonly title: string;
  readonly period: OpenPeriod;
  readonly attribution: string | null;
  /** The indicators' licences, "; "-separated when they differ; null when none is named. */
  readonly licence: string | null;
  /** What the indicator properties mean, in the order of the dataset. */
  readonly indicators: readonly {
    readonly code: string;
    readonly name: string;
    readonly unit: string;
    readonly decimals: number;
  }[];
}

/** The suffix of the property that carries the table sign of an absent value. */
export const SIGN_PROPERTY_SUFFIX = "_zeichen";

/**
 * The areas of the dataset's level as a GeoJSON FeatureCollection (RFC 7946) for one period,
 * for maps: one feature per area, in the dataset's order, with its geometry from `geometries`
 * (area code → Polygon or MultiPolygon in WGS 84, passed through unchanged; an area without
 * one gets `geometry: null`, so no value is lost) and the values of every indicator, rounded
 * to its decimals. A withheld or missing value is `null` with its table sign in
 * `<code>_zeichen`; the number and the reason are never written.
 *
 * Throws a `RangeError` for a period that is not in the dataset, or an indicator code whose
 * property would collide with `code`, `name` or another indicator's sign property.
 */
export function buildGeoJson(
  dataset: OpenDataset,
  geometries: ReadonlyMap<string, AreaGeometry>,
  periodCode: string,
): OpenFeatureCollection {
  assertOpenDatasetShape(dataset);
  const p = dataset.periods.findIndex((period) => period.code === periodCode);
  const period = dataset.periods[p];
  if (period === undefined) {
    throw new RangeError(`period ${periodCode} is not in the dataset`);
  }
  assertDistinctPropertyNames(dataset);

  const features = dataset.areas.map((area, a): OpenFeature => {
    const properties: Record<string, string | number | null> = {
      code: area.code,
      name: area.name,
    };
    dataset.indicators.forEach((indicator, i) => {
      const mark = markAt(dataset, i, a, p);
      properties[indicator.code] =
        mark.value !== null ? roundToDecimals(mark.value, indicator.decimals) : null;
      const code = markCode(mark);
      if (code !== "") properties[indicator.code + SIGN_PROPERTY_SUFFIX] = code;
    });
    return {
      type: "Feature",
      id: area.code,
      geometry: geometries.get(area.code) ?? null,
      properties: properties as OpenFeatureProperties,
    };
  });

  const licences = distinctLicences(dataset);
  return {
    type: "FeatureCollection",
    title: dataset.title,
    period: { code: period.code, start: period.start, end: period.end },
    attribution: dataset.workspace.attribution,
    licence: licences.length > 0 ? licences.join("; ") : null,
    indicators: dataset.indicators.map(({ code, name, unit, decimals }) => ({
      code,
      name,
      unit,
      decimals,
    })),
    features,
  };
}

function assertDistinctPropertyNames(dataset: OpenDataset): void {
  const names = new Set(["code", "name"]);
  for (const { code } of dataset.indicators) {
    for (const name of [code, code + SIGN_PROPERTY_SUFFIX]) {
      if (names.has(name)) {
        throw new RangeError(`indicator ${code}: property ${name} would occur twice`);
      }
      names.add(name);
    }
  }
}
