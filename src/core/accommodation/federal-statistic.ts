/**
 * The yearly delivery for the federal statistic of housed homeless persons (Statistik
 * untergebrachter wohnungsloser Personen, WoBerichtsG): one record per person housed on the
 * reference date 31 January (in the night to 1 February) with the characteristics of § 4, and
 * a summary to check before sending. Scope: persons housed under the AsylbLG (asylum seekers
 * whose procedure is open or closed without protection) are not counted; recognised refugees
 * housed to prevent homelessness are (Destatis, explanations on the statistic). Method page:
 * docs/methods/occupancy.md, section 5.
 */
import { dayNumber } from "./days.ts";
import {
  HOUSEHOLD_TYPES,
  NATIONALITY_GROUPS,
  OPERATOR_KINDS,
  PROVISION_KINDS,
  SEXES,
  type Facility,
  type Household,
  type HouseholdType,
  type NationalityGroup,
  type OperatorKind,
  type Person,
  type ProvisionKind,
  type Sex,
  type Stay,
  type WelfareAssociation,
} from "./model.ts";

export interface FederalRecord {
  /** Amtlicher Gemeindeschlüssel of the municipality housing the person. */
  readonly municipalityKey: string;
  /** The person's pseudonym (never sent as a name; the office gets no identifier but this). */
  readonly person: string;
  readonly sex: Sex;
  /** Age in full years on 31 January; null without a birth year. */
  readonly age: number | null;
  readonly nationality: NationalityGroup;
  readonly householdType: HouseholdType;
  readonly householdSize: number;
  readonly provision: ProvisionKind;
  readonly operatorKind: OperatorKind;
  readonly association: WelfareAssociation | null;
  /** The day the current accommodation began (ISO). */
  readonly since: string;
}

export interface FederalSummary {
  readonly referenceDate: string;
  readonly persons: number;
  readonly households: number;
  /** Housed on the date but outside the law's scope (AsylbLG). */
  readonly excludedAsylum: number;
  readonly bySex: Readonly<Record<Sex, number>>;
  readonly byAge: Readonly<
    Record<"under18" | "18-24" | "25-49" | "50-64" | "65+" | "unknown", number>
  >;
  readonly byNationality: Readonly<Record<NationalityGroup, number>>;
  readonly byHouseholdType: Readonly<Record<HouseholdType, number>>;
  readonly byProvision: Readonly<Record<ProvisionKind, number>>;
  readonly byOperator: Readonly<Record<OperatorKind, number>>;
  /** Checks in German: missing characteristics, records to look at before sending. */
  readonly notes: readonly string[];
}

const count = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * The records and summary for the year `year` (reference date 31 January of that year).
 * Expects records that passed the plausibility errors.
 */
export function federalStatistic(
  year: number,
  municipalityKey: string,
  facilities: readonly Facility[],
  households: readonly Household[],
  persons: readonly Person[],
  stays: readonly Stay[],
): { records: FederalRecord[]; summary: FederalSummary } {
  const referenceDate = `${year}-01-31`;
  const d = dayNumber(referenceDate)!;
  const facilityByCode = new Map(facilities.map((f) => [f.code, f]));
  const householdById = new Map(households.map((h) => [h.id, h]));
  const personById = new Map(persons.map((p) => [p.id, p]));

  const records: FederalRecord[] = [];
  let excludedAsylum = 0;
  for (const s of stays) {
    const entry = dayNumber(s.entry)!;
    const exit = s.exit === null ? Infinity : dayNumber(s.exit)!;
    if (!(entry <= d && d < exit)) continue;
    if (s.legalBasis === "asylblg") {
      excludedAsylum++;
      continue;
    }
    const p = personById.get(s.person)!;
    const h = householdById.get(p.household)!;
    const f = facilityByCode.get(s.facility)!;
    records.push({
      municipalityKey,
      person: p.id,
      sex: p.sex,
      // On 31 January almost everyone's birthday of the year is still ahead.
      age: p.birthYear === null ? null : Math.max(0, year - p.birthYear - 1),
      nationality: p.nationality,
      householdType: h.type,
      householdSize: h.size,
      provision: f.provision,
      operatorKind: f.operator.kind,
      association: f.operator.kind === "free_provider" ? f.operator.association : null,
      since: s.entry,
    });
  }
  records.sort((a, b) => (a.person < b.person ? -1 : a.person > b.person ? 1 : 0));

  const bySex = count(SEXES);
  const byAge = count(["under18", "18-24", "25-49", "50-64", "65+", "unknown"] as const);
  const byNationality = count(NATIONALITY_GROUPS);
  const byHouseholdType = count(HOUSEHOLD_TYPES);
  const byProvision = count(PROVISION_KINDS);
  const byOperator = count(OPERATOR_KINDS);
  const householdsSeen = new Set<string>();
  let freeWithoutAssociation = 0;
  for (const r of records) {
    bySex[r.sex]++;
    const a = r.age;
    byAge[
      a === null
        ? "unknown"
        : a < 18
          ? "under18"
          : a < 25
            ? "18-24"
            : a < 50
              ? "25-49"
              : a < 65
                ? "50-64"
                : "65+"
    ]++;
    byNationality[r.nationality]++;
    byHouseholdType[r.householdType]++;
    byProvision[r.provision]++;
    byOperator[r.operatorKind]++;
    householdsSeen.add(personById.get(r.person)!.household);
    if (r.operatorKind === "free_provider" && r.association === null) freeWithoutAssociation++;
  }
  const notes: string[] = [];
  const personen = (n: number) => (n === 1 ? "1 Person" : `${n.toLocaleString("de-DE")} Personen`);
  if (byAge.unknown > 0) notes.push(`${personen(byAge.unknown)} ohne Geburtsjahr (Alter fehlt).`);
  if (bySex.unknown > 0) notes.push(`${personen(bySex.unknown)} ohne Angabe zum Geschlecht.`);
  if (byNationality.stateless_unknown > 0) {
    notes.push(
      `${personen(byNationality.stateless_unknown)} staatenlos oder mit ungeklärter Staatsangehörigkeit.`,
    );
  }
  if (freeWithoutAssociation > 0) {
    notes.push(`${personen(freeWithoutAssociation)} bei freien Trägern ohne Angabe des Verbands.`);
  }
  if (excludedAsylum > 0) {
    notes.push(
      `${personen(excludedAsylum)} am Stichtag nach dem AsylbLG untergebracht: nicht Teil der Erhebung, nicht enthalten.`,
    );
  }
  return {
    records,
    summary: {
      referenceDate,
      persons: records.length,
      households: householdsSeen.size,
      excludedAsylum,
      bySex,
      byAge,
      byNationality,
      byHouseholdType,
      byProvision,
      byOperator,
      notes,
    },
  };
}
