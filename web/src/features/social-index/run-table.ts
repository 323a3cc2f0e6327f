/**
 * The result table of an index run: one row per area (the excluded ones with their reason),
 * the indices with two decimals, the classes in words, the group, and every indicator's
 * value. The same columns make the table on the page and its CSV and XLSX files, so screen
 * and file say the same. Pure: the texts come in from the page's language.
 */
import type { ViewCell, ViewColumn } from "../../lib/view-table.ts";
import type { IndexRun, RunArea } from "./social-index-api.ts";

export interface ResultColumn extends ViewColumn {
  readonly key: string;
  /** The cell of an area: a number, a text, or null (empty). */
  readonly cell: (area: RunArea) => ViewCell;
  /** The row header of the table (the area's name). */
  readonly header?: boolean;
  /** What the column sorts by, when not its cell (a class sorts by its number, not its name). */
  readonly sortBy?: (area: RunArea) => number | null;
}

/** The texts of the column heads and of the exclusion reasons, in the page's language. */
export interface ResultTexts {
  readonly area: string;
  readonly code: string;
  readonly population: string;
  readonly statusIndex: string;
  readonly statusClass: string;
  readonly dynamicsIndex: string;
  readonly dynamicsClass: string;
  readonly group: string;
  readonly exclusion: string;
  readonly reasons: Readonly<Record<NonNullable<RunArea["exclusion"]>["reason"], string>>;
}

/** Decimals of the index values on screen and in the files. */
export const INDEX_DECIMALS = 2;

/** The reason an area is not in the index, in words: "fewer inhabitants: 250 < 300". */
export function exclusionText(area: RunArea, texts: ResultTexts): string {
  if (!area.exclusion) return "";
  const { reason, detail } = area.exclusion;
  return detail !== "" ? `${texts.reasons[reason]}: ${detail}` : texts.reasons[reason];
}

/**
 * The columns of a run's table: area, code, population, status index and class, dynamics
 * index and class (only when the index has dynamics), group, exclusion, then the values of
 * the status, dynamics and context indicators in the method's order, each with its label.
 * `decimalsOf` gives an indicator's decimals (the catalogue's; two for unknown codes),
 * `nameOf` the catalogue's name of an indicator the definition gave no label (context).
 */
export function resultColumns(
  run: Pick<IndexRun, "method" | "index">,
  texts: ResultTexts,
  decimalsOf: (code: string) => number,
  nameOf: (code: string) => string | undefined = () => undefined,
): ResultColumn[] {
  const hasDynamics = run.index.definition.dynamics.length > 0;
  const columns: ResultColumn[] = [
    { key: "name", label: texts.area, cell: (a) => a.name, header: true },
    { key: "code", label: texts.code, cell: (a) => a.code },
    { key: "population", label: texts.population, decimals: 0, cell: (a) => a.population },
    {
      key: "statusIndex",
      label: texts.statusIndex,
      decimals: INDEX_DECIMALS,
      cell: (a) => a.status?.index ?? null,
    },
    {
      key: "statusClass",
      label: texts.statusClass,
      cell: (a) => a.status?.classLabel ?? null,
      sortBy: (a) => a.status?.classNumber ?? null,
    },
  ];
  if (hasDynamics) {
    columns.push(
      {
        key: "dynamicsIndex",
        label: texts.dynamicsIndex,
        decimals: INDEX_DECIMALS,
        cell: (a) => a.dynamics?.index ?? null,
      },
      {
        key: "dynamicsClass",
        label: texts.dynamicsClass,
        cell: (a) => a.dynamics?.classLabel ?? null,
        sortBy: (a) => a.dynamics?.classNumber ?? null,
      },
    );
  }
  columns.push(
    {
      key: "group",
      label: texts.group,
      cell: (a) => a.group,
      sortBy: (a) =>
        a.status ? a.status.classNumber * 100 + (a.dynamics?.classNumber ?? 0) : null,
    },
    { key: "exclusion", label: texts.exclusion, cell: (a) => exclusionText(a, texts) || null },
  );
  for (const i of run.method.indicators) {
    const of = run.index.definition.dynamics.find((d) => d.code === i.code)?.of;
    columns.push({
      key: `value:${i.code}`,
      label: `${i.label !== i.code ? i.label : (nameOf(i.code) ?? i.code)} (${i.code})`,
      decimals: decimalsOf(of ?? i.code),
      // A value the area lacks is "–", as in every other table of the app.
      cell: (a) => (a.values[i.code] === undefined ? null : (a.values[i.code] ?? "–")),
    });
  }
  return columns;
}

/**
 * The areas sorted by a column, ascending or descending; empty cells always last, ties by
 * name. Numbers compare as numbers, texts in the page's language.
 */
export function sortAreas(
  areas: readonly RunArea[],
  column: ResultColumn,
  ascending: boolean,
  locale: string,
): RunArea[] {
  const collator = new Intl.Collator(locale, { numeric: true });
  const sign = ascending ? 1 : -1;
  const empty = (v: ViewCell) => v === null || v === "" || v === "–";
  return [...areas].sort((a, b) => {
    const x = column.sortBy ? column.sortBy(a) : column.cell(a);
    const y = column.sortBy ? column.sortBy(b) : column.cell(b);
    if (empty(x) || empty(y)) {
      if (empty(x) && empty(y)) return collator.compare(a.name, b.name);
      return empty(x) ? 1 : -1;
    }
    const order =
      typeof x === "number" && typeof y === "number"
        ? x - y
        : collator.compare(String(x), String(y));
    return order !== 0 ? sign * order : collator.compare(a.name, b.name);
  });
}
