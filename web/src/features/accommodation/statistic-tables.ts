/**
 * The Unterkünfte page's tables as view tables (web/src/lib/view-table.ts): what the page shows
 * is what the CSV and XLSX files hold. Counts withheld by disclosure control (null from the
 * API) become ".", figures that do not exist "–"; rates are shown in percent, their changes in
 * percentage points. Pure: labels come in through `t`, so the builders test without React.
 */
import {
  AGE_GROUPS,
  AGE_GROUP_LABELS,
  FACILITY_TYPES,
  FACILITY_TYPE_LABELS,
  HOUSEHOLD_TYPES,
  HOUSEHOLD_TYPE_LABELS,
  LEGAL_BASES,
  LEGAL_BASIS_LABELS,
  NATIONALITY_GROUPS,
  NATIONALITY_LABELS,
  SEXES,
  SEX_LABELS,
  type FacilityType,
} from "@core/accommodation/model.ts";
import { STAY_CLASSES } from "@core/accommodation/occupancy.ts";
import type { MessageKey } from "../../lib/i18n.tsx";
import type { ViewCell, ViewColumn, ViewTable } from "../../lib/view-table.ts";
import type { Figures, OccupancyStatistic } from "./accommodation-api.ts";

export type Translate = (key: MessageKey, params?: Readonly<Record<string, string>>) => string;

/** Title, source and date of a table, as the page states them. */
export interface TableMeta {
  readonly title: string;
  readonly source: string;
  readonly date: string;
}

export const WITHHELD = ".";
export const NONE = "–";

/** A count as a cell: the number, or "." when withheld (null). */
export function countCell(value: number | null | undefined): ViewCell {
  if (value === undefined) return NONE;
  return value === null ? WITHHELD : value;
}

/** A rate (0..1) as a percent cell; "–" without places. */
export function percentCell(rate: number | null | undefined): ViewCell {
  return rate === null || rate === undefined ? NONE : rate * 100;
}

/** A length in days as a cell; "–" when nobody was housed. */
export function daysCell(days: number | null | undefined): ViewCell {
  return days === null || days === undefined ? NONE : days;
}

/**
 * A figure that follows from the persons (rate, free places, lengths of stay): "." when the
 * persons are withheld, since it is withheld with them — not "–", which says there is none.
 */
export function withPersons(persons: number | null | undefined, cell: ViewCell): ViewCell {
  return persons === null ? WITHHELD : cell;
}

/**
 * `current − before`, or null when either side is withheld or missing (a change is never
 * worked out from a withheld value).
 */
export function difference(
  current: number | null | undefined,
  before: number | null | undefined,
): number | null {
  if (current === null || current === undefined || before === null || before === undefined) {
    return null;
  }
  return current - before;
}

/** The key figures, in the order the page shows them, and how each is read and written. */
export const KEY_FIGURES = [
  { key: "persons", label: "acc.persons", short: "acc.persons", kind: "count" },
  { key: "households", label: "acc.households", short: "acc.households", kind: "count" },
  { key: "places", label: "acc.places", short: "acc.places", kind: "count" },
  { key: "occupancyRate", label: "acc.occupancyRate", short: "acc.occupancyRate", kind: "rate" },
  { key: "freePlaces", label: "acc.freePlaces", short: "acc.freePlaces", kind: "count" },
  { key: "overOccupancy", label: "acc.overOccupancy", short: "acc.overOccupancy", kind: "count" },
  { key: "entries", label: "acc.entries", short: "acc.entries", kind: "count" },
  { key: "exits", label: "acc.exits", short: "acc.exits", kind: "count" },
  {
    key: "entitledToFlat",
    label: "acc.entitledToFlat",
    short: "acc.entitledShort",
    kind: "count",
  },
  { key: "meanLengthOfStay", label: "acc.meanLengthOfStay", short: "acc.meanShort", kind: "days" },
  {
    key: "medianLengthOfStay",
    label: "acc.medianLengthOfStay",
    short: "acc.medianShort",
    kind: "days",
  },
] as const satisfies readonly {
  key: keyof Figures;
  label: MessageKey;
  short: MessageKey;
  kind: string;
}[];

export type KeyFigure = (typeof KEY_FIGURES)[number];

/** A key figure's value as shown: count, percent (rate) or days. */
export function figureValue(f: Figures | undefined, figure: KeyFigure): number | null | undefined {
  if (f === undefined) return undefined;
  const v = f[figure.key];
  if (figure.kind === "rate") return v === null ? null : v * 100;
  return v;
}

/** Decimals a key figure is shown with. */
export function figureDecimals(figure: KeyFigure): number {
  return figure.kind === "count" ? 0 : 1;
}

function figureCell(f: Figures | undefined, figure: KeyFigure): ViewCell {
  const v = figureValue(f, figure);
  if (figure.kind === "count") return countCell(v);
  return withPersons(f?.persons, v === null || v === undefined ? NONE : v);
}

function changeCell(current: Figures, before: Figures | undefined, figure: KeyFigure): ViewCell {
  if (before === undefined) return NONE;
  const d = difference(figureValue(current, figure), figureValue(before, figure));
  if (d !== null) return d;
  // A withheld side stays a withheld change; a missing one (no places) a missing one.
  const withheld =
    (figure.kind === "count" && (current[figure.key] === null || before[figure.key] === null)) ||
    current.persons === null ||
    before.persons === null;
  return withheld ? WITHHELD : NONE;
}

/**
 * The key figures of a month, the previous month and the same month a year before, and the
 * change to each (percentage points for the occupancy rate): one row per month or change,
 * one column per figure, so every column keeps its own decimals.
 */
export function keyFiguresTable(
  meta: TableMeta,
  t: Translate,
  months: { readonly current: string; readonly previous: string; readonly lastYear: string },
  current: Figures,
  previous: Figures | undefined,
  lastYear: Figures | undefined,
): ViewTable {
  const values = (f: Figures | undefined) => KEY_FIGURES.map((k) => figureCell(f, k));
  const changes = (f: Figures | undefined) => KEY_FIGURES.map((k) => changeCell(current, f, k));
  return {
    ...meta,
    columns: [
      { label: t("acc.month") },
      ...KEY_FIGURES.map((k) => ({ label: t(k.short), decimals: figureDecimals(k) })),
    ],
    rows: [
      [months.current, ...values(current)],
      [`${t("acc.previousMonth")} ${months.previous}`, ...values(previous)],
      [t("acc.changeTo", { month: months.previous }), ...changes(previous)],
      [`${t("acc.lastYear")} ${months.lastYear}`, ...values(lastYear)],
      [t("acc.changeTo", { month: months.lastYear }), ...changes(lastYear)],
    ],
    notes: [t("acc.rateChangeNote")],
  };
}

const FIGURE_COLUMNS = (t: Translate): ViewColumn[] => [
  { label: t("acc.persons"), decimals: 0 },
  { label: t("acc.households"), decimals: 0 },
  { label: t("acc.places"), decimals: 0 },
  { label: t("acc.occupancyRate"), decimals: 1 },
  { label: t("acc.freePlaces"), decimals: 0 },
  { label: t("acc.overOccupancy"), decimals: 0 },
  { label: t("acc.entries"), decimals: 0 },
  { label: t("acc.exits"), decimals: 0 },
  { label: t("acc.entitledShort"), decimals: 0 },
  { label: t("acc.meanShort"), decimals: 1 },
];

const figureCells = (f: Figures): ViewCell[] => [
  countCell(f.persons),
  countCell(f.households),
  f.places,
  withPersons(f.persons, percentCell(f.occupancyRate)),
  countCell(f.freePlaces),
  countCell(f.overOccupancy),
  countCell(f.entries),
  countCell(f.exits),
  countCell(f.entitledToFlat),
  withPersons(f.persons, daysCell(f.meanLengthOfStay)),
];

/** The figure behind each column of FIGURE_COLUMNS, as the change list names it. */
const FIGURE_KEYS = [
  "persons",
  "households",
  "places",
  "occupancyRate",
  "freePlaces",
  "overOccupancy",
  "entries",
  "exits",
  "entitledToFlat",
  "meanLengthOfStay",
] as const;

/**
 * A figure table of a revised month with `r` after every value that differs from the version
 * reported before (`changed`: "unit|figure"), written as text so the mark travels with the
 * value into CSV and XLSX. `units` names each row's unit ("total", "type:…", "facility:…");
 * the figure columns start at `first`.
 */
export function markRevised(
  table: ViewTable,
  units: readonly string[],
  first: number,
  changed: ReadonlySet<string>,
  locale: string,
  letters: string,
): ViewTable {
  if (changed.size === 0) return table;
  return {
    ...table,
    rows: table.rows.map((row, r) =>
      row.map((cell, i) => {
        const figure = FIGURE_KEYS[i - first];
        if (figure === undefined || typeof cell !== "number") return cell;
        if (!changed.has(`${units[r]}|${figure}`)) return cell;
        const decimals = table.columns[i]?.decimals ?? 0;
        return `${new Intl.NumberFormat(locale, {
          minimumFractionDigits: decimals,
          maximumFractionDigits: decimals,
        }).format(cell)} ${letters}`;
      }),
    ),
  };
}

/** The rows' units of `facilityTable` and `typeTable`, for `markRevised`. */
export function facilityUnits(s: OccupancyStatistic): string[] {
  return [...s.byFacility.map((f) => `facility:${f.code}`), "total"];
}
export function typeUnits(s: OccupancyStatistic): string[] {
  return [
    ...FACILITY_TYPES.filter((type) => s.byType[type]).map((type) => `type:${type}`),
    "total",
  ];
}

/** One row per facility (name, type) and the total. */
export function facilityTable(meta: TableMeta, t: Translate, s: OccupancyStatistic): ViewTable {
  return {
    ...meta,
    columns: [{ label: t("acc.facility") }, { label: t("acc.type") }, ...FIGURE_COLUMNS(t)],
    rows: [
      ...s.byFacility.map((f) => [f.name, typeLabel(f.type), ...figureCells(f.figures)]),
      [t("acc.total"), "", ...figureCells(s.total)],
    ],
  };
}

export const typeLabel = (type: string): string =>
  FACILITY_TYPE_LABELS[type as FacilityType] ?? type;

/** One row per type of facility (the four types, also when empty) and the total. */
export function typeTable(meta: TableMeta, t: Translate, s: OccupancyStatistic): ViewTable {
  return {
    ...meta,
    columns: [{ label: t("acc.type") }, ...FIGURE_COLUMNS(t)],
    rows: [
      ...FACILITY_TYPES.flatMap((type) => {
        const f = s.byType[type];
        return f ? [[FACILITY_TYPE_LABELS[type], ...figureCells(f)]] : [];
      }),
      [t("acc.total"), ...figureCells(s.total)],
    ],
  };
}

/** The breakdowns of the composition, with their categories and labels from the core. */
export const COMPOSITION_DIMENSIONS = [
  {
    key: "householdType",
    label: "acc.dimension.householdType",
    categories: HOUSEHOLD_TYPES,
    labels: HOUSEHOLD_TYPE_LABELS,
  },
  {
    key: "ageGroup",
    label: "acc.dimension.ageGroup",
    categories: AGE_GROUPS,
    labels: AGE_GROUP_LABELS,
  },
  {
    key: "sex",
    label: "acc.dimension.sex",
    categories: SEXES,
    labels: SEX_LABELS,
  },
  {
    key: "nationality",
    label: "acc.dimension.nationality",
    categories: NATIONALITY_GROUPS,
    labels: NATIONALITY_LABELS,
  },
  {
    key: "legalBasis",
    label: "acc.dimension.legalBasis",
    categories: LEGAL_BASES,
    labels: LEGAL_BASIS_LABELS,
  },
] as const satisfies readonly {
  key: string;
  label: MessageKey;
  categories: readonly string[];
  labels: Readonly<Record<string, string>>;
}[];

export type CompositionDimension = (typeof COMPOSITION_DIMENSIONS)[number];

/** The types that have places or persons in the month: the columns of the breakdowns. */
export function typesInUse(s: OccupancyStatistic): FacilityType[] {
  return FACILITY_TYPES.filter((type) => {
    const f = s.byType[type];
    return f !== undefined && (f.places > 0 || f.persons !== 0);
  });
}

/** One breakdown of the composition: categories × (types in use, total). */
export function compositionTable(
  meta: TableMeta,
  t: Translate,
  s: OccupancyStatistic,
  dimension: CompositionDimension,
): ViewTable {
  const types = typesInUse(s);
  const labels: Readonly<Record<string, string>> = dimension.labels;
  const cell = (f: Figures | undefined, category: string): ViewCell => {
    const counts = f?.composition?.[dimension.key];
    return counts ? countCell(counts[category] ?? 0) : NONE;
  };
  return {
    ...meta,
    columns: categoryColumns(t, types),
    rows: dimension.categories.map((c: string) => [
      labels[c] ?? c,
      ...types.map((type) => cell(s.byType[type], c)),
      cell(s.total, c),
    ]),
  };
}

/** Persons by length-of-stay class: classes × (types in use, total), then completed stays. */
export function lengthClassesTable(
  meta: TableMeta,
  t: Translate,
  s: OccupancyStatistic,
): ViewTable {
  const types = typesInUse(s);
  const cell = (f: Figures | undefined, key: string): ViewCell => {
    const classes = f?.lengthClasses;
    return classes ? countCell(classes[key] ?? 0) : NONE;
  };
  return {
    ...meta,
    columns: categoryColumns(t, types),
    rows: [
      ...STAY_CLASSES.map((c) => [
        c.label,
        ...types.map((type) => cell(s.byType[type], c.key)),
        cell(s.total, c.key),
      ]),
      [
        t("acc.completedStays"),
        ...types.map((type) => countCell(s.byType[type]?.completedStays)),
        countCell(s.total.completedStays),
      ],
    ],
  };
}

/** The notes under every statistic table: what "." and "–" mean. */
export function signNotes(t: Translate, s: OccupancyStatistic): string[] {
  return s.disclosureControl
    ? [t("acc.withheld"), t("acc.withheldNote", { min: String(s.minCount) }), t("acc.missing")]
    : [t("acc.missing")];
}

/** Columns of a table of categories: the category, each facility type in use, the total. */
const categoryColumns = (t: Translate, types: FacilityType[]): ViewTable["columns"] => [
  { label: t("acc.category") },
  ...types.map((type) => ({ label: FACILITY_TYPE_LABELS[type], decimals: 0 })),
  { label: t("acc.total"), decimals: 0 },
];
