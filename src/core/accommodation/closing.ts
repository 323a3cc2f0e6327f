/**
 * Closed months and delivered files (Monatsabschluss, WoBerichtsG delivery): which figures a
 * change would alter, the comparison of two reported versions, and the order in which months
 * are closed. Pure: the service hands in the records before and after a change, the months
 * that are closed and today's day. Method: docs/methods/occupancy.md, section "Closing".
 *
 * A change touches a closed month when the month's statistic computed from the records after
 * the change differs in any figure from the one computed before it. So a stay whose entry or
 * exit day lies in the month, a stay that runs over its reference date, a capacity change
 * dated on or before its reference date (unless a later change supersedes it by then) and a
 * facility closed before it all touch it, and a change that leaves every figure as it was (a
 * new name, a capacity change to the same places) does not.
 */
import { formatNumber, formatPeriod } from "../reports/format.ts";
import { addMonths, parseMonth, type Month } from "./days.ts";
import { fullStatistic, type ProtectedFigures, type ProtectedStatistic } from "./disclosure.ts";
import type { FederalRecord, FederalSummary } from "./federal-statistic.ts";
import {
  AGE_GROUP_LABELS,
  FACILITY_TYPES,
  FACILITY_TYPE_LABELS,
  HOUSEHOLD_TYPE_LABELS,
  LEGAL_BASIS_LABELS,
  NATIONALITY_LABELS,
  OPERATOR_KIND_LABELS,
  PROVISION_KIND_LABELS,
  SEX_LABELS,
  type FacilityType,
} from "./model.ts";
import { STAY_CLASSES, monthlyStatistic, noFigures, type CountingRules } from "./occupancy.ts";
import { type StayTable } from "./stay-table.ts";

/** One value that differs between two versions: null where it is withheld ("."). */
export interface ValueChange {
  /** The figure's key: "places", "composition.sex.female", "bySex.female" … */
  readonly figure: string;
  /** The figure in German: "Plätze", "Personen nach Geschlecht: weiblich" … */
  readonly label: string;
  readonly before: number | null;
  readonly after: number | null;
}

/** A changed figure of a month's statistic, with the unit it belongs to. */
export interface FigureChange extends ValueChange {
  /** "total", "type:<facility type>" or "facility:<code>". */
  readonly unit: string;
  /** The unit in German: "Insgesamt", the type's or the facility's name. */
  readonly unitName: string;
}

/** The single-number figures of a unit, in the order the tables show them. */
const SIMPLE_FIGURES = [
  "persons",
  "households",
  "places",
  "units",
  "occupancyRate",
  "freePlaces",
  "overOccupancy",
  "entries",
  "exits",
  "entitledToFlat",
  "meanLengthOfStay",
  "medianLengthOfStay",
  "completedStays",
] as const satisfies readonly (keyof ProtectedFigures)[];

const FIGURE_LABELS: Readonly<Record<(typeof SIMPLE_FIGURES)[number], string>> = {
  persons: "Personen",
  households: "Haushalte",
  places: "Plätze",
  units: "Wohneinheiten",
  occupancyRate: "Auslastung",
  freePlaces: "Freie Plätze",
  overOccupancy: "Überbelegung",
  entries: "Einzüge",
  exits: "Auszüge",
  entitledToFlat: "Fehlbeleger",
  meanLengthOfStay: "Verweildauer, Mittel (Tage)",
  medianLengthOfStay: "Verweildauer, Median (Tage)",
  completedStays: "Beendete Aufenthalte",
};

const BREAKDOWN_LABELS: Readonly<
  Record<string, { readonly name: string; readonly labels: Readonly<Record<string, string>> }>
> = {
  householdType: { name: "Haushalte nach Haushaltstyp", labels: HOUSEHOLD_TYPE_LABELS },
  ageGroup: { name: "Personen nach Altersgruppe", labels: AGE_GROUP_LABELS },
  sex: { name: "Personen nach Geschlecht", labels: SEX_LABELS },
  nationality: { name: "Personen nach Staatsangehörigkeit", labels: NATIONALITY_LABELS },
  legalBasis: { name: "Personen nach Rechtsgrundlage", labels: LEGAL_BASIS_LABELS },
};

const STAY_CLASS_LABELS = new Map<string, string>(STAY_CLASSES.map((c) => [c.key, c.label]));

/** The German label of a figure key of `ProtectedFigures`. */
export function figureLabel(figure: string): string {
  const [head, a, b] = figure.split(".");
  if (head === "lengthClasses" && a !== undefined) {
    return `Personen nach Verweildauer: ${STAY_CLASS_LABELS.get(a) ?? a}`;
  }
  if (head === "composition" && a !== undefined && b !== undefined) {
    const breakdown = BREAKDOWN_LABELS[a];
    return breakdown ? `${breakdown.name}: ${breakdown.labels[b] ?? b}` : `${a}: ${b}`;
  }
  return (FIGURE_LABELS as Readonly<Record<string, string>>)[figure] ?? figure;
}

/** Figures that are fractions or means, compared with a tolerance and shown with decimals. */
const RATIOS = new Set(["occupancyRate", "meanLengthOfStay", "medianLengthOfStay"]);

/** The values of one unit by figure key, in a fixed order. */
function flatten(f: ProtectedFigures): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const key of SIMPLE_FIGURES) out.set(key, f[key]);
  for (const [k, v] of Object.entries(f.lengthClasses ?? {})) out.set(`lengthClasses.${k}`, v);
  for (const [b, cells] of Object.entries(f.composition ?? {})) {
    for (const [k, v] of Object.entries(cells)) out.set(`composition.${b}.${k}`, v);
  }
  return out;
}

function sameValue(figure: string, a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  if (!RATIOS.has(figure)) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** The figures of a unit absent from one version (a facility that did not exist yet). */
const ABSENT = flatten(
  fullStatistic({
    month: "",
    referenceDate: "",
    total: noFigures(),
    byType: Object.fromEntries(FACILITY_TYPES.map((t) => [t, noFigures()])) as Record<
      FacilityType,
      ReturnType<typeof noFigures>
    >,
    byFacility: [],
  }).total,
);

function unitsOf(s: ProtectedStatistic): Map<string, { name: string; figures: ProtectedFigures }> {
  const out = new Map<string, { name: string; figures: ProtectedFigures }>();
  out.set("total", { name: "Insgesamt", figures: s.total });
  for (const t of FACILITY_TYPES) {
    const f = s.byType[t];
    if (f) out.set(`type:${t}`, { name: FACILITY_TYPE_LABELS[t], figures: f });
  }
  for (const f of s.byFacility) out.set(`facility:${f.code}`, { name: f.name, figures: f.figures });
  return out;
}

/**
 * Every figure that differs between two versions of a month's statistic, unit by unit (the
 * total, the types, the facilities), in the order the page shows them. A unit missing from
 * one version counts as empty there (nobody housed, no places). Names are not figures.
 */
export function compareStatistics(
  before: ProtectedStatistic,
  after: ProtectedStatistic,
): FigureChange[] {
  const a = unitsOf(before);
  const b = unitsOf(after);
  const out: FigureChange[] = [];
  for (const unit of new Set([...b.keys(), ...a.keys()])) {
    const x = a.get(unit);
    const y = b.get(unit);
    const va = x ? flatten(x.figures) : ABSENT;
    const vb = y ? flatten(y.figures) : ABSENT;
    for (const figure of new Set([...vb.keys(), ...va.keys()])) {
      const before = va.has(figure) ? va.get(figure)! : (ABSENT.get(figure) ?? null);
      const after = vb.has(figure) ? vb.get(figure)! : (ABSENT.get(figure) ?? null);
      if (sameValue(figure, before, after)) continue;
      out.push({
        unit,
        unitName: (y ?? x)!.name,
        figure,
        label: figureLabel(figure),
        before,
        after,
      });
    }
  }
  return out;
}

/** A closed month whose figures a change would alter, with what would change. */
export interface TouchedMonth {
  readonly month: string;
  readonly changes: readonly FigureChange[];
}

/**
 * The months among `months` whose statistic differs between the records before and after a
 * change: each month computed from both tables and compared figure by figure.
 */
export function monthsChangedBy(
  before: StayTable,
  after: StayTable,
  months: readonly Month[],
  rules: CountingRules,
): TouchedMonth[] {
  const out: TouchedMonth[] = [];
  for (const m of months) {
    const changes = compareStatistics(
      fullStatistic(monthlyStatistic(before, m, rules)),
      fullStatistic(monthlyStatistic(after, m, rules)),
    );
    if (changes.length > 0) out.push({ month: m.code, changes });
  }
  return out;
}

/** A value as a change list prints it: German numbers, a rate in percent, "." when withheld. */
export function formatChangeValue(figure: string, value: number | null): string {
  if (value === null) return ".";
  if (figure === "occupancyRate") return `${formatNumber(value * 100, 1)} %`;
  return formatNumber(value, RATIOS.has(figure) ? 1 : 0);
}

/** "Plätze (Gemeinschaftsunterkunft Nord): 50 → 2", the first `limit` changes and a count. */
export function describeChanges(changes: readonly FigureChange[], limit = 3): string {
  const shown = changes
    .slice(0, limit)
    .map(
      (c) =>
        `${c.label} (${c.unitName}): ${formatChangeValue(c.figure, c.before)} → ${formatChangeValue(c.figure, c.after)}`,
    );
  const more = changes.length - shown.length;
  return more > 0 ? `${shown.join("; ")} und ${more} weitere` : shown.join("; ");
}

/** Months in words, joined as German lists them: "September 2026 und Oktober 2026". */
export function monthList(months: readonly string[]): string {
  const words = months.map(formatPeriod);
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} und ${words.at(-1)}`;
}

/** Where a month stands: never closed, closed (as version n), or reopened after version n. */
export type ClosingState = "open" | "closed" | "reopened";

/** Why a month cannot be closed: not over yet, closed already, or out of order. */
export interface ClosingRefusal {
  readonly reason: "not_ended" | "closed" | "order";
  /** In German, naming the months. */
  readonly message: string;
}

/**
 * Why `month` cannot be closed now, or null when it can. The rule: a month is closed after it
 * has ended, and closed months form one unbroken run — a month can be closed when the month
 * before is closed or has no records (lies before `firstRecordMonth`). The run may begin with
 * any month that has ended and may be extended backwards one month at a time, so a workspace
 * with years of imported history starts closing where its reports start.
 *
 * @param today the current day as a day number (days.ts)
 * @param states every month closed at least once, with its state now
 */
export function closingRefusal(
  month: Month,
  today: number,
  states: ReadonlyMap<string, Exclude<ClosingState, "open">>,
  firstRecordMonth: string | null,
): ClosingRefusal | null {
  const name = formatPeriod(month.code);
  if (month.last >= today) {
    return {
      reason: "not_ended",
      message: `${name} ist noch nicht vorbei: ein Monat lässt sich erst nach seinem letzten Tag abschließen.`,
    };
  }
  if (states.get(month.code) === "closed") {
    return { reason: "closed", message: `${name} ist schon abgeschlossen.` };
  }
  const previous = addMonths(month, -1);
  if (states.get(previous.code) === "closed") return null;
  if (firstRecordMonth === null || previous.code < firstRecordMonth) return null;
  const reported = [...states.keys()].sort();
  if (reported.length === 0) return null;
  const start = parseMonth(reported[0]!)!;
  if (states.get(previous.code) === undefined && month.first <= start.first) {
    // The start of the run itself, or the month just before it.
    if (month.code === start.code || addMonths(month, 1).code === start.code) return null;
    const next = formatPeriod(addMonths(start, -1).code);
    return {
      reason: "order",
      message: `Zuerst ${next} abschließen: abgeschlossene Monate schließen lückenlos aneinander an (vor ${formatPeriod(start.code)} als Nächstes ${next}).`,
    };
  }
  // The first month of the run up to this one that is not closed.
  let gap = start;
  while (gap.first < month.first && states.get(gap.code) === "closed") gap = addMonths(gap, 1);
  const first = formatPeriod(gap.code);
  return {
    reason: "order",
    message:
      states.get(gap.code) === "reopened"
        ? `Zuerst ${first} wieder abschließen: ein Monat lässt sich erst abschließen, wenn der Monat davor abgeschlossen ist.`
        : `Zuerst ${first} abschließen: ein Monat lässt sich erst abschließen, wenn der Monat davor abgeschlossen ist.`,
  };
}

/** A WoBerichtsG delivery as stored: the records and the summary. */
export interface Delivery {
  readonly records: readonly FederalRecord[];
  readonly summary: FederalSummary;
}

/** What differs between two deliveries of a year. */
export interface DeliveryChanges {
  /** Changed figures of the summary. */
  readonly figures: readonly ValueChange[];
  /** Persons (pseudonyms) in the new delivery only, in the earlier one only, or in both with other characteristics. */
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
}

const SUMMARY_GROUPS: Readonly<
  Record<string, { readonly name: string; readonly labels: Readonly<Record<string, string>> }>
> = {
  bySex: { name: "Geschlecht", labels: SEX_LABELS },
  byAge: { name: "Alter", labels: { ...AGE_GROUP_LABELS, under18: "unter 18 Jahre" } },
  byNationality: { name: "Staatsangehörigkeit", labels: NATIONALITY_LABELS },
  byHouseholdType: { name: "Haushaltstyp", labels: HOUSEHOLD_TYPE_LABELS },
  byProvision: { name: "Art der Überlassung", labels: PROVISION_KIND_LABELS },
  byOperator: { name: "Träger", labels: OPERATOR_KIND_LABELS },
};

function summaryValues(s: FederalSummary): Map<string, { label: string; value: number }> {
  const out = new Map<string, { label: string; value: number }>();
  out.set("persons", { label: "Personen in der Lieferung", value: s.persons });
  out.set("households", { label: "Haushalte", value: s.households });
  out.set("excludedAsylum", { label: "nicht gemeldet (AsylbLG)", value: s.excludedAsylum });
  for (const [group, { name, labels }] of Object.entries(SUMMARY_GROUPS)) {
    const counts = s[group as keyof FederalSummary] as Readonly<Record<string, number>>;
    for (const [k, v] of Object.entries(counts)) {
      out.set(`${group}.${k}`, { label: `${name}: ${labels[k] ?? k}`, value: v });
    }
  }
  return out;
}

/** The differences between an earlier and a later delivery of the same year. */
export function compareDeliveries(before: Delivery, after: Delivery): DeliveryChanges {
  const a = summaryValues(before.summary);
  const b = summaryValues(after.summary);
  const figures: ValueChange[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key)?.value ?? 0;
    const y = b.get(key)?.value ?? 0;
    if (x !== y) {
      figures.push({ figure: key, label: (b.get(key) ?? a.get(key))!.label, before: x, after: y });
    }
  }
  const earlier = new Map(before.records.map((r) => [r.person, JSON.stringify(r)]));
  const later = new Map(after.records.map((r) => [r.person, JSON.stringify(r)]));
  return {
    figures,
    added: [...later.keys()].filter((p) => !earlier.has(p)),
    removed: [...earlier.keys()].filter((p) => !later.has(p)),
    changed: [...later.keys()].filter((p) => earlier.has(p) && earlier.get(p) !== later.get(p)),
  };
}

/** Whether two deliveries differ at all. */
export function deliveriesDiffer(before: Delivery, after: Delivery): boolean {
  const c = compareDeliveries(before, after);
  return c.figures.length + c.added.length + c.removed.length + c.changed.length > 0;
}
