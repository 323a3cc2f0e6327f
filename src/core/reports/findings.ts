/**
 * Key findings written from the data, each a German sentence the planner keeps, edits or
 * drops (by its id, which stays the same when the report is rebuilt). The rules
 * (docs/methods/key-findings.md):
 *
 * 1. Largest changes: per indicator the city's change from the comparison period to the
 *    report's, relative to the earlier value; the largest first, when at least `minChange`
 *    (default 5 %) in either direction.
 * 2. Areas furthest from the city: per rate or share (a count of an area is not comparable
 *    with the city's total) the area whose value lies furthest from the city's, measured in standard deviations of the level's areas (population SD); reported
 *    when at least `minDistance` (default 2).
 * 3. Class changes of a social index: its edition for the report's period against the
 *    previous edition (the current run of the period before), both named.
 * 4. Records in the accommodation statistic: persons housed at the report month the highest
 *    or the lowest of every month with figures (at least 12 months of them).
 *
 * Rules 1 and 2 give at most `perRule` findings each (default 3), the strongest first.
 */
import { formatChange, formatValue } from "./format.ts";

export interface FindingIndicator {
  readonly code: string;
  readonly label: string;
  readonly unit: string;
  readonly decimals: number;
  /** A rate or share (has a denominator): only then is an area comparable with the city. */
  readonly isRate: boolean;
  /** The city's value in the report's period and in the comparison period (null: none). */
  readonly city: { readonly now: number | null; readonly before: number | null };
  /** The level's areas in the report's period (null: missing or withheld). */
  readonly areas: readonly {
    readonly code: string;
    readonly name: string;
    readonly value: number | null;
  }[];
}

export interface ClassChange {
  readonly area: string;
  /** "Status" or "Dynamik". */
  readonly dimension: string;
  readonly from: string;
  readonly to: string;
}

/** A social index's class changes between two editions, which the sentence names. */
export interface IndexChanges {
  readonly name: string;
  /** "2021 gegenüber 2020" */
  readonly periods: string;
  /** "Lauf 5 vom 07.12.2026 und Lauf 2 vom 01.12.2026" */
  readonly runs: string;
  /** A sentence when the two runs used different versions of the definition. */
  readonly caution: string | null;
  readonly changes: readonly ClassChange[];
}

export interface FindingInput {
  readonly nowText: string;
  readonly beforeText: string;
  /** The name of the level the areas belong to ("Stadtteil"). */
  readonly levelName: string;
  readonly indicators: readonly FindingIndicator[];
  readonly index?: IndexChanges | undefined;
  readonly accommodation?:
    | {
        readonly months: readonly {
          readonly month: string;
          readonly text: string;
          readonly persons: number;
        }[];
        readonly reportMonth: string;
        /** The figures are example data (the demo): the sentence says so. */
        readonly example?: boolean;
      }
    | undefined;
}

export interface FindingRules {
  readonly minChange: number;
  readonly minDistance: number;
  readonly perRule: number;
}

export const DEFAULT_FINDING_RULES: FindingRules = { minChange: 0.05, minDistance: 2, perRule: 3 };

export interface KeyFinding {
  /** Stable: rule and subject ("change:sgb2_quote", "area:sgb2_quote:0301"). */
  readonly id: string;
  readonly rule: "change" | "area" | "class_change" | "accommodation_record";
  readonly text: string;
  /** How strong the finding is within its rule (larger first). */
  readonly strength: number;
}

const percent = (x: number) => formatValue(Math.abs(x) * 100, "%", 0);

function largestChanges(input: FindingInput, rules: FindingRules): KeyFinding[] {
  const out: KeyFinding[] = [];
  for (const i of input.indicators) {
    const { now, before } = i.city;
    if (now === null || before === null || before === 0) continue;
    const relative = (now - before) / Math.abs(before);
    if (Math.abs(relative) < rules.minChange) continue;
    const direction = relative > 0 ? "gestiegen" : "gesunken";
    const by =
      i.unit === "%"
        ? `um ${formatChange(now - before, i.unit, i.decimals).slice(1)}`
        : `um ${percent(relative)}`;
    out.push({
      id: `change:${i.code}`,
      rule: "change",
      strength: Math.abs(relative),
      text: `${i.label}: von ${input.beforeText} bis ${input.nowText} ${by} ${direction}, von ${formatValue(before, i.unit, i.decimals)} auf ${formatValue(now, i.unit, i.decimals)}.`,
    });
  }
  return out.sort((a, b) => b.strength - a.strength).slice(0, rules.perRule);
}

function furthestAreas(input: FindingInput, rules: FindingRules): KeyFinding[] {
  const out: KeyFinding[] = [];
  for (const i of input.indicators) {
    const city = i.city.now;
    if (!i.isRate) continue;
    const known = i.areas.filter((a): a is typeof a & { value: number } => a.value !== null);
    if (city === null || known.length < 3) continue;
    const mean = known.reduce((s, a) => s + a.value, 0) / known.length;
    const sd = Math.sqrt(known.reduce((s, a) => s + (a.value - mean) ** 2, 0) / known.length);
    if (sd === 0) continue;
    let best = known[0]!;
    for (const a of known) if (Math.abs(a.value - city) > Math.abs(best.value - city)) best = a;
    const distance = Math.abs(best.value - city) / sd;
    if (distance < rules.minDistance) continue;
    const side = best.value > city ? "über" : "unter";
    out.push({
      id: `area:${i.code}:${best.code}`,
      rule: "area",
      strength: distance,
      text: `${i.label}: ${input.levelName} ${best.name} liegt mit ${formatValue(best.value, i.unit, i.decimals)} am weitesten ${side} dem städtischen Wert von ${formatValue(city, i.unit, i.decimals)} (${input.nowText}).`,
    });
  }
  return out.sort((a, b) => b.strength - a.strength).slice(0, rules.perRule);
}

function classChanges(input: FindingInput): KeyFinding[] {
  const index = input.index;
  if (!index) return [];
  const n = index.changes.length;
  const caution = index.caution === null ? "" : ` ${index.caution}`;
  if (n === 0) {
    return [
      {
        id: "class_change:none",
        rule: "class_change",
        strength: 0,
        text: `${index.name}, ${index.periods}: kein Gebiet hat die Klasse gewechselt (${index.runs}).${caution}`,
      },
    ];
  }
  const areas = new Set(index.changes.map((c) => c.area)).size;
  const listed = index.changes
    .slice(0, 5)
    .map((c) => `${c.area} (${c.dimension} ${c.from} → ${c.to})`)
    .join(", ");
  const more = n > 5 ? ` und ${n - 5} weitere` : "";
  const who = areas === 1 ? "ein Gebiet hat" : `${areas} Gebiete haben`;
  const count = n === areas ? "" : ` (${n} Klassenwechsel)`;
  return [
    {
      id: "class_change",
      rule: "class_change",
      strength: n,
      text: `${index.name}, ${index.periods}: ${who} die Klasse gewechselt${count}: ${listed}${more} (${index.runs}).${caution}`,
    },
  ];
}

function accommodationRecord(input: FindingInput): KeyFinding[] {
  const a = input.accommodation;
  if (!a || a.months.length < 12) return [];
  const current = a.months.find((m) => m.month === a.reportMonth);
  if (!current) return [];
  const others = a.months.filter((m) => m.month !== a.reportMonth);
  const first = a.months[0]!.text;
  const label = a.example === true ? " (Beispieldaten)" : "";
  if (others.every((m) => m.persons < current.persons)) {
    return [
      {
        id: "accommodation_record:high",
        rule: "accommodation_record",
        strength: 1,
        text: `Mit ${formatValue(current.persons, "", 0)} Personen waren im ${current.text} so viele Menschen in den städtischen Unterkünften untergebracht wie in keinem Monat seit ${first}${label}.`,
      },
    ];
  }
  if (others.every((m) => m.persons > current.persons)) {
    return [
      {
        id: "accommodation_record:low",
        rule: "accommodation_record",
        strength: 1,
        text: `Mit ${formatValue(current.persons, "", 0)} Personen waren im ${current.text} so wenige Menschen in den städtischen Unterkünften untergebracht wie in keinem Monat seit ${first}${label}.`,
      },
    ];
  }
  return [];
}

/** The key findings, rule by rule, each rule's strongest first. */
export function keyFindings(
  input: FindingInput,
  rules: FindingRules = DEFAULT_FINDING_RULES,
): KeyFinding[] {
  return [
    ...largestChanges(input, rules),
    ...furthestAreas(input, rules),
    ...classChanges(input),
    ...accommodationRecord(input),
  ];
}

/** What the planner decided about a finding: keep it (the default), drop it, or say it so. */
export type FindingDecision = { readonly drop: true } | { readonly text: string };

/** The findings as printed, after the planner's decisions; decisions about gone findings stay unused. */
export function applyDecisions(
  findings: readonly KeyFinding[],
  decisions: Readonly<Record<string, FindingDecision>>,
): { id: string; text: string; edited: boolean }[] {
  return findings.flatMap((f): { id: string; text: string; edited: boolean }[] => {
    const d = decisions[f.id];
    if (d === undefined) return [{ id: f.id, text: f.text, edited: false }];
    if ("drop" in d) return [];
    return [{ id: f.id, text: d.text, edited: true }];
  });
}
