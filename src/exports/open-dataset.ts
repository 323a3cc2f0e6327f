import { legendLines, markValue, marksUsed, type Marked } from "../core/marks/value-mark.ts";
import { roundToDecimals } from "../core/rounding.ts";
import type { Value } from "../core/value.ts";

/**
 * One publishable table, the neutral input of every open-data writer (CSV, XLSX, JSON-stat,
 * GeoJSON): the indicators of one area level over some periods, after disclosure control.
 * A withheld value is `{ kind: "suppressed" }`; the writers print only its marks (`markAt`,
 * decided by core/marks `markValue` for the public), never a number or the reason.
 */
export interface OpenDataset {
  /** German, e.g. "Sozialatlas Flensburg – Stadtteile". */
  readonly title: string;
  readonly workspace: {
    readonly slug: string;
    readonly name: string;
    /** The municipality's AGS (Amtlicher Gemeindeschlüssel), e.g. "01001000". */
    readonly municipalityKey: string | null;
    /** The attribution the licence asks for, e.g. "© Stadt Flensburg". */
    readonly attribution: string | null;
  };
  readonly level: { readonly code: string; readonly name: string };
  readonly areas: readonly OpenArea[];
  /** ISO dates; codes like "2021", "2021-H1", "2021-12-31". */
  readonly periods: readonly OpenPeriod[];
  readonly indicators: readonly OpenIndicator[];
  /** `cells[indicator][area][period]`, in the order of the three lists above. */
  readonly cells: readonly (readonly (readonly Value<number>[])[])[];
  /**
   * `marks[indicator][area][period]`: each cell's marks for the public (provisional, revised,
   * under review, not reliable enough …). Without it a cell's marks follow from the cell alone.
   */
  readonly marks?: readonly (readonly (readonly Marked[])[])[];
  readonly generatedAt: Date;
}

export interface OpenArea {
  readonly code: string;
  readonly name: string;
}

export interface OpenPeriod {
  readonly code: string;
  /** ISO date (YYYY-MM-DD) of the first day. */
  readonly start: string;
  /** ISO date (YYYY-MM-DD) of the last day. */
  readonly end: string;
}

export interface OpenIndicator {
  readonly code: string;
  readonly name: string;
  readonly unit: string;
  /** Decimal places every writer rounds to (0 for counts). */
  readonly decimals: number;
  readonly source: string | null;
  readonly licence: string | null;
}

/**
 * Throws a `RangeError` when `cells` does not have the shape indicators × areas × periods, a
 * code repeats within its list, or a decimals count is not an integer in [0, 15]. A malformed
 * dataset is a programming error of the caller, not a data condition, so the writers refuse
 * it instead of guessing.
 */
export function assertOpenDatasetShape(dataset: OpenDataset): void {
  const { indicators, areas, periods, cells } = dataset;
  for (const [list, name] of [
    [indicators, "indicator"],
    [areas, "area"],
    [periods, "period"],
  ] as const) {
    const seen = new Set<string>();
    for (const { code } of list) {
      if (seen.has(code)) throw new RangeError(`${name} code ${code} occurs twice`);
      seen.add(code);
    }
  }
  if (cells.length !== indicators.length) {
    throw new RangeError(`cells has ${cells.length} indicators, expected ${indicators.length}`);
  }
  cells.forEach((byArea, i) => {
    if (byArea.length !== areas.length) {
      throw new RangeError(`cells[${i}] has ${byArea.length} areas, expected ${areas.length}`);
    }
    byArea.forEach((byPeriod, a) => {
      if (byPeriod.length !== periods.length) {
        throw new RangeError(
          `cells[${i}][${a}] has ${byPeriod.length} periods, expected ${periods.length}`,
        );
      }
    });
  });
  for (const indicator of indicators) {
    const d = indicator.decimals;
    if (!Number.isInteger(d) || d < 0 || d > 15) {
      throw new RangeError(`indicator ${indicator.code}: decimals ${d} is not in 0..15`);
    }
  }
}

/** The cell of indicator `i`, area `a`, period `p`; the shape is checked beforehand. */
export function cellAt(dataset: OpenDataset, i: number, a: number, p: number): Value<number> {
  const cell = dataset.cells[i]?.[a]?.[p];
  if (cell === undefined) throw new RangeError(`no cell [${i}][${a}][${p}]`);
  return cell;
}

/**
 * The marks of the cell of indicator `i`, area `a`, period `p`: the one decision of every
 * writer. The number is printed only where `value` is not null.
 */
export function markAt(dataset: OpenDataset, i: number, a: number, p: number): Marked {
  const given = dataset.marks?.[i]?.[a]?.[p];
  if (given) return given;
  return markValue(cellAt(dataset, i, a, p), 0, {
    audience: "public",
    reviewInPublic: "provisional",
    decimals: dataset.indicators[i]?.decimals ?? 0,
  });
}

/**
 * The legend (Zeichenerklärung) of the marks the dataset uses, e.g. "p = vorläufige Zahl";
 * "." and "x" always, as every table may withhold.
 */
export function datasetLegend(dataset: OpenDataset): string[] {
  const all: Marked[] = [];
  dataset.indicators.forEach((_, i) =>
    dataset.areas.forEach((_, a) =>
      dataset.periods.forEach((_, p) => all.push(markAt(dataset, i, a, p))),
    ),
  );
  const used = marksUsed(all) as Set<string>;
  used.add(".");
  used.add("x");
  return legendLines(used);
}

/** Rounding as German statistical tables round; one rule for every output (src/core). */
export { roundToDecimals };

/**
 * `value` rounded and printed with exactly `decimals` places and a decimal point, without
 * thousands separators ("1234.50"); the caller swaps the decimal mark for a dialect.
 */
export function formatFixed(value: number, decimals: number): string {
  return roundToDecimals(value, decimals).toFixed(decimals);
}

/** The distinct non-empty sources of the indicators, in order of first appearance. */
export function distinctSources(dataset: OpenDataset): string[] {
  return distinct(dataset.indicators.map((i) => i.source));
}

/** The distinct non-empty licences of the indicators, in order of first appearance. */
export function distinctLicences(dataset: OpenDataset): string[] {
  return distinct(dataset.indicators.map((i) => i.licence));
}

function distinct(values: readonly (string | null)[]): string[] {
  const seen = new Set<string>();
  for (const v of values) if (v !== null && v.trim() !== "") seen.add(v);
  return [...seen];
}
