/**
 * What the atlas page computes without React: the classification methods and class counts it
 * offers, the table's page size and the order of the table's rows.
 */
import { MAX_CLASSES, type ClassMethod } from "@core/classify/classify.ts";
import type { IndicatorValueSetDto } from "@contracts/indicators.ts";

export type MethodKind = ClassMethod["kind"];

/** The numbers of classes offered: 3 to 12 (deciles and beyond; see docs/methods/classification.md). */
export const CLASS_COUNTS = Array.from({ length: MAX_CLASSES - 2 }, (_, i) => String(i + 3));

/** Rows per page of the table; levels with more areas are shown in pages. */
export const TABLE_PAGE = 1000;
export const METHODS: readonly MethodKind[] = [
  "quantile",
  "equal_interval",
  "natural_breaks",
  "std_dev",
  "manual",
];

export type Row = IndicatorValueSetDto["values"][number];

export type SortKey = "name" | "value" | "rank";

/** Rows sorted by a column; areas without a value always come last. */
export function sortRows(
  rows: readonly Row[],
  key: SortKey,
  ascending: boolean,
  locale: string,
): Row[] {
  const sign = ascending ? 1 : -1;
  const collator = new Intl.Collator(locale);
  return [...rows].sort((a, b) => {
    if (key === "name") return sign * collator.compare(a.name, b.name);
    const x = key === "value" ? a.value : a.rank;
    const y = key === "value" ? b.value : b.rank;
    if (x === null && y === null) return collator.compare(a.name, b.name);
    if (x === null) return 1;
    if (y === null) return -1;
    return sign * (x - y);
  });
}
