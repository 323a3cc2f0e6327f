/**
 * The accommodation module's records as the core computes with them: facilities with their
 * capacity over time, pseudonymous persons and households, and stays (one person in one
 * facility from entry to exit). No names, no exact birth dates: a birth year or an age group.
 * Dates are ISO calendar days ("2026-01-31"); the core turns them into day numbers (days.ts).
 */

export const FACILITY_TYPES = [
  "homeless_shelter",
  "refugee_shared",
  "dispersed_flat",
  "other",
] as const;
export type FacilityType = (typeof FACILITY_TYPES)[number];

export const FACILITY_TYPE_LABELS: Record<FacilityType, string> = {
  homeless_shelter: "Obdachlosenunterkunft (Ordnungsrecht)",
  refugee_shared: "Gemeinschaftsunterkunft für Geflüchtete",
  dispersed_flat: "Dezentrale Wohnung der Stadt",
  other: "Sonstige Unterkunft",
};

export const LEGAL_BASES = ["public_order", "sgb12", "asylblg", "other"] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

export const LEGAL_BASIS_LABELS: Record<LegalBasis, string> = {
  public_order: "Ordnungsrecht",
  sgb12: "SGB XII",
  asylblg: "AsylbLG",
  other: "Sonstige",
};

export const HOUSEHOLD_TYPES = [
  "single",
  "single_parent",
  "couple",
  "couple_with_children",
  "other",
] as const;
export type HouseholdType = (typeof HOUSEHOLD_TYPES)[number];

export const HOUSEHOLD_TYPE_LABELS: Record<HouseholdType, string> = {
  single: "Alleinstehend",
  single_parent: "Alleinerziehend mit Kindern",
  couple: "Paar ohne Kinder",
  couple_with_children: "Paar mit Kindern",
  other: "Sonstiger Haushalt",
};

export const SEXES = ["female", "male", "diverse", "unknown"] as const;
export type Sex = (typeof SEXES)[number];

export const SEX_LABELS: Record<Sex, string> = {
  female: "weiblich",
  male: "männlich",
  diverse: "divers",
  unknown: "ohne Angabe",
};

export const NATIONALITY_GROUPS = ["german", "eu", "third_country", "stateless_unknown"] as const;
export type NationalityGroup = (typeof NATIONALITY_GROUPS)[number];

export const NATIONALITY_LABELS: Record<NationalityGroup, string> = {
  german: "deutsch",
  eu: "EU-Staaten",
  third_country: "Drittstaaten",
  stateless_unknown: "staatenlos / ungeklärt",
};

/**
 * Age groups at the reference date. The bounds follow the federal homelessness statistic's
 * groups (under 18, 18–24, 25–49, 50–64, 65 and older), with the under-18s split at school age.
 */
export const AGE_GROUPS = ["0-5", "6-17", "18-24", "25-49", "50-64", "65+", "unknown"] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export const AGE_GROUP_LABELS: Record<AgeGroup, string> = {
  "0-5": "unter 6 Jahre",
  "6-17": "6 bis 17 Jahre",
  "18-24": "18 bis 24 Jahre",
  "25-49": "25 bis 49 Jahre",
  "50-64": "50 bis 64 Jahre",
  "65+": "65 Jahre und älter",
  unknown: "ohne Angabe",
};

/** The age group of someone born in `birthYear`, at a reference date in `year`. */
export function ageGroupOf(birthYear: number | null, year: number): AgeGroup {
  if (birthYear === null) return "unknown";
  // Without the birthday the age is year − birth year or one less; the larger is taken, as
  // the statistics offices do with birth years.
  const age = year - birthYear;
  if (age < 0) return "unknown";
  if (age < 6) return "0-5";
  if (age < 18) return "6-17";
  if (age < 25) return "18-24";
  if (age < 50) return "25-49";
  if (age < 65) return "50-64";
  return "65+";
}

/** Who runs a facility, as the federal homelessness statistic distinguishes (§ 4 No. 7 WoBerichtsG). */
export const OPERATOR_KINDS = [
  "municipality",
  "supra_local_social_assistance",
  "free_provider",
  "commercial",
  "other",
] as const;
export type OperatorKind = (typeof OPERATOR_KINDS)[number];

export const OPERATOR_KIND_LABELS: Record<OperatorKind, string> = {
  municipality: "Gemeinde oder Gemeindeverband",
  supra_local_social_assistance: "überörtlicher Träger der Sozialhilfe",
  free_provider: "freier Träger",
  commercial: "gewerblicher Anbieter",
  other: "sonstige Stelle",
};

/** The welfare association of a free provider (§ 4 No. 7 c WoBerichtsG). */
export const WELFARE_ASSOCIATIONS = [
  "awo",
  "caritas",
  "drk",
  "paritaet",
  "diakonie",
  "zwst",
  "other",
] as const;
export type WelfareAssociation = (typeof WELFARE_ASSOCIATIONS)[number];

export const WELFARE_ASSOCIATION_LABELS: Record<WelfareAssociation, string> = {
  awo: "Arbeiterwohlfahrt",
  caritas: "Deutscher Caritasverband",
  drk: "Deutsches Rotes Kreuz",
  paritaet: "Paritätischer Wohlfahrtsverband",
  diakonie: "Diakonie Deutschland",
  zwst: "Zentralwohlfahrtsstelle der Juden in Deutschland",
  other: "anderer Verband",
};

/** The kind of provision (§ 4 No. 6 WoBerichtsG). */
export const PROVISION_KINDS = ["short_term", "semi_residential", "residential", "other"] as const;
export type ProvisionKind = (typeof PROVISION_KINDS)[number];

export const PROVISION_KIND_LABELS: Record<ProvisionKind, string> = {
  short_term: "kurzfristiges Hilfeangebot (Notunterkunft, Übernachtungsstelle)",
  semi_residential: "teilstationäres Angebot",
  residential: "stationäres Angebot",
  other: "sonstiges Angebot",
};

export interface CapacityChange {
  /** From this day on (inclusive) the facility has these places and units. */
  readonly from: string;
  readonly places: number;
  readonly units: number;
}

export interface Facility {
  readonly code: string;
  readonly name: string;
  readonly type: FacilityType;
  readonly operator: {
    readonly name: string;
    readonly kind: OperatorKind;
    /** Only for a free provider. */
    readonly association: WelfareAssociation | null;
  };
  readonly provision: ProvisionKind;
  readonly opened: string;
  /** The last day it housed anybody; null while open. */
  readonly closed: string | null;
  /** Dated capacity, any order; before the first change the facility has no places. */
  readonly capacity: readonly CapacityChange[];
}

export interface Household {
  /** A pseudonym, never a name. */
  readonly id: string;
  readonly type: HouseholdType;
  readonly size: number;
}

export interface Person {
  /** A pseudonym, never a name. */
  readonly id: string;
  readonly household: string;
  readonly birthYear: number | null;
  readonly sex: Sex;
  readonly nationality: NationalityGroup;
}

export interface Stay {
  readonly id: string;
  readonly person: string;
  readonly facility: string;
  readonly legalBasis: LegalBasis;
  readonly entry: string;
  /** The day the person left; null while housed. */
  readonly exit: string | null;
  /** The stay this one continues after a move between facilities (same day). */
  readonly movedFrom: string | null;
  /** Entitled to a flat of their own but still housed ("Fehlbeleger"). */
  readonly entitledToFlat: boolean;
}
