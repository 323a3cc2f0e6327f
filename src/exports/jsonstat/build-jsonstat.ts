import { markCode } from "../../core/marks/value-mark.ts";
import {
  assertOpenDatasetShape,
  markAt,
  datasetLegend,
  distinctSources,
  roundToDecimals,
  type OpenDataset,
} from "../open-dataset.ts";

/** The dimension ids, in the order of `id`, `size` and the row-major `value` array. */
export const JSONSTAT_DIMENSIONS = ["indicator", "area", "period"] as const;
export type JsonStatDimensionId = (typeof JSONSTAT_DIMENSIONS)[number];

export interface JsonStatUnit {
  readonly label: string;
  readonly decimals: number;
}

export interface JsonStatCategory {
  readonly index: readonly string[];
  readonly label: Readonly<Record<string, string>>;
  readonly unit?: Readonly<Record<string, JsonStatUnit>>;
}

export interface JsonStatDimension {
  readonly label: string;
  readonly category: JsonStatCategory;
  readonly extension?: Readonly<Record<string, unknown>>;
}

/** The JSON-stat 2.0 dataset this module writes (a subset of what the format allows). */
export interface JsonStatDataset {
  readonly version: "2.0";
  readonly class: "dataset";
  readonly label: string;
  readonly source: string;
  readonly updated: string;
  readonly id: readonly JsonStatDimensionId[];
  readonly size: readonly number[];
  readonly role: {
    readonly metric: readonly ["indicator"];
    readonly geo: readonly ["area"];
    readonly time: readonly ["period"];
  };
  readonly dimension: Readonly<Record<JsonStatDimensionId, JsonStatDimension>>;
  readonly value: readonly (number | null)[];
  /** Sparse: position in `value` → table sign, only for withheld and missing cells. */
  readonly status: Readonly<Record<string, string>>;
  readonly note: readonly string[];
  readonly extension: {
    readonly attribution: string | null;
    /** Licence per indicator code, for the indicators that name one. */
    readonly licence: Readonly<Record<string, string>>;
    readonly workspace: {
      readonly slug: string;
      readonly name: string;
      readonly municipalityKey: string | null;
    };
    readonly level: { readonly code: string; readonly name: string };
  };
}

/**
 * The dataset as a JSON-stat 2.0 dataset (https://json-stat.org/format/). Dimensions are
 * `indicator` (role metric; each category has a `unit` with label and decimals), `area`
 * (role geo) and `period` (role time; start and end dates in the dimension's `extension`).
 * `value` is dense and row-major — the last dimension (period) varies fastest — and holds the
 * value rounded to the indicator's decimals, or `null` for a withheld or missing cell; the
 * sparse `status` object carries every cell's marks (core/marks `markCode`: ".", "x", "/",
 * "…" instead of a number; "p", "r", "s", "( )" beside one), never the number or the reason. `updated` is the ISO instant of `generatedAt`.
 */
export function buildJsonStat(dataset: OpenDataset): JsonStatDataset {
  assertOpenDatasetShape(dataset);
  const { indicators, areas, periods } = dataset;

  const value: (number | null)[] = [];
  const status: Record<string, string> = {};
  indicators.forEach((indicator, i) => {
    areas.forEach((_area, a) => {
      periods.forEach((_period, p) => {
        const mark = markAt(dataset, i, a, p);
        // Row-major position: (i * areas + a) * periods + p, which is value.length here.
        const code = markCode(mark);
        if (code !== "") status[String(value.length)] = code;
        value.push(mark.value !== null ? roundToDecimals(mark.value, indicator.decimals) : null);
      });
    });
  });

  const licence: Record<string, string> = {};
  for (const indicator of indicators) {
    if (indicator.licence !== null) licence[indicator.code] = indicator.licence;
  }
  const sources = distinctSources(dataset);

  return {
    version: "2.0",
    class: "dataset",
    label: dataset.title,
    source: sources.length > 0 ? sources.join("; ") : dataset.workspace.name,
    updated: dataset.generatedAt.toISOString(),
    id: JSONSTAT_DIMENSIONS,
    size: [indicators.length, areas.length, periods.length],
    role: { metric: ["indicator"], geo: ["area"], time: ["period"] },
    dimension: {
      indicator: {
        label: "Indikator",
        category: {
          index: indicators.map((i) => i.code),
          label: Object.fromEntries(indicators.map((i) => [i.code, i.name])),
          unit: Object.fromEntries(
            indicators.map((i) => [i.code, { label: i.unit, decimals: i.decimals }]),
          ),
        },
      },
      area: {
        label: dataset.level.name,
        category: {
          index: areas.map((a) => a.code),
          label: Object.fromEntries(areas.map((a) => [a.code, a.name])),
        },
      },
      period: {
        label: "Zeitraum",
        category: {
          index: periods.map((p) => p.code),
          label: Object.fromEntries(periods.map((p) => [p.code, p.code])),
        },
        extension: {
          start: Object.fromEntries(periods.map((p) => [p.code, p.start])),
          end: Object.fromEntries(periods.map((p) => [p.code, p.end])),
        },
      },
    },
    value,
    status,
    note: [`Zeichenerklärung: ${datasetLegend(dataset).join("; ")}`],
    extension: {
      attribution: dataset.workspace.attribution,
      licence,
      workspace: {
        slug: dataset.workspace.slug,
        name: dataset.workspace.name,
        municipalityKey: dataset.workspace.municipalityKey,
      },
      level: { code: dataset.level.code, name: dataset.level.name },
    },
  };
}
