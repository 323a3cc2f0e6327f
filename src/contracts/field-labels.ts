/**
 * The German name of every field a request can carry, as the forms label it. Validation
 * messages name the field with it ("Plätze: höchstens 100.000"), never with the JSON key.
 * `test/api/validation-messages.test.ts` walks the OpenAPI document: a body field without a
 * label here fails it.
 */

/** Labels by JSON key, for keys that mean the same wherever they occur. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  // session and accounts
  email: "E-Mail-Adresse",
  password: "Passwort",
  currentPassword: "Bisheriges Passwort",
  newPassword: "Neues Passwort",
  displayName: "Name der Person",
  role: "Rolle",
  oneTimePassword: "Einmalpasswort",
  token: "Einladungslink",
  slug: "Kennung",
  v: "Version",
  firstAdminEmail: "Erste Administration (E-Mail-Adresse)",
  // values, review and corrections
  variable: "Merkmal",
  value: "Wert",
  revision: "Revision",
  action: "Entscheidung",
  reliability: "Kennzeichnung",
  // common
  code: "Kürzel",
  name: "Name",
  text: "Name in der Datei",
  label: "Bezeichnung",
  title: "Titel",
  subtitle: "Untertitel",
  comment: "Kommentar",
  key: "Schlüssel",
  id: "Pseudonym",
  type: "Art",
  kind: "Art",
  level: "Gebietsebene",
  period: "Zeitraum",
  periods: "Zeiträume",
  periodKind: "Art des Zeitraums",
  area: "Gebiet",
  areas: "Gebiete",
  areaCode: "Stadtteil",
  codes: "Gebietsschlüssel",
  indicator: "Indikator",
  indicators: "Indikatoren",
  publication: "Veröffentlichung",
  levels: "Ebenen",
  top: "Oberstes Gebiet",
  // indicator sheets and variables (the editor)
  theme: "Thema",
  numerator: "Zähler",
  denominator: "Nenner",
  factor: "Faktor",
  unit: "Einheit",
  decimals: "Nachkommastellen",
  polarity: "Richtung der Bewertung",
  sheet: "Kennzahlenblatt",
  description: "Beschreibung",
  measure: "Art der Zahl",
  aggregation: "Summierung",
  source: "Quelle",
  workspace: "Arbeitsbereich",
  limit: "Höchstzahl",
  // social index and typology
  definition: "Indexdefinition",
  status: "Statusindikatoren",
  dynamics: "Dynamikindikatoren",
  context: "Kontextindikatoren",
  direction: "Richtung",
  weight: "Gewicht",
  of: "Veränderung von",
  dynamicsYears: "Jahre der Dynamik",
  standardisation: "Standardisierung",
  statusClasses: "Klassen des Statusindex",
  dynamicsClasses: "Klassen des Dynamikindex",
  upTo: "Obergrenze",
  inclusive: "Obergrenze eingeschlossen",
  exclusions: "Ausschlüsse",
  minPopulation: "Mindestzahl der Einwohner",
  manual: "Ausgeschlossene Gebiete",
  reason: "Begründung",
  populationIndicator: "Indikator der Einwohnerzahl",
  version: "Version",
  method: "Verfahren",
  k: "Zahl der Gruppen",
  seed: "Startwert",
  index: "Index",
  parts: "Teile",
  // accommodation
  operator: "Träger",
  association: "Wohlfahrtsverband",
  provision: "Form der Unterbringung",
  opened: "Eröffnungsdatum",
  closed: "Letzter Öffnungstag",
  capacity: "Kapazität",
  from: "Gültig ab",
  places: "Plätze",
  units: "Wohneinheiten",
  address: "Adresse",
  wheelchairAccess: "Barrierefrei",
  familyRooms: "Familienzimmer",
  households: "Haushalte",
  household: "Haushalt",
  size: "Personen im Haushalt",
  persons: "Personen",
  person: "Person",
  birthYear: "Geburtsjahr",
  sex: "Geschlecht",
  nationality: "Staatsangehörigkeit",
  stays: "Aufenthalte",
  facility: "Unterkunft",
  legalBasis: "Rechtsgrundlage",
  entry: "Einzugsdatum",
  exit: "Auszugsdatum",
  movedFrom: "Vorher in Unterkunft",
  entitledToFlat: "Anspruch auf eine eigene Wohnung",
  to: "Neue Unterkunft",
  day: "Umzugsdatum",
  // reports
  template: "Berichtsvorlage",
  perArea: "Je Gebiet",
  chapters: "Kapitel",
  sections: "Abschnitte",
  blocks: "Bausteine",
  markdown: "Text",
  caption: "Bildunterschrift",
  reportArea: "Berichtsgebiet",
  changeSince: "Veränderung seit",
  decisions: "Entscheidungen",
  state: "Stand",
  // workspace settings
  municipalityKey: "Gemeinde- oder Regionalschlüssel",
  publisher: "Herausgeber",
  publisherAddress: "Anschrift des Herausgebers",
  contactEmail: "Kontakt (E-Mail)",
  homepage: "Internetseite",
  licence: "Lizenz der offenen Daten",
  dcatContributorId: "DCAT-AP.de-Kennung (contributorID)",
  attribution: "Namensnennung",
  minCount: "Mindestfallzahl",
  reviewInPublic: "Werte in Prüfung öffentlich",
  occupancyReferenceDay: "Stichtag der Belegung",
  stayRetentionMonths: "Aufbewahrung der Aufenthalte (Monate)",
  accommodationDaysAhead: "Einträge im Voraus (Tage)",
  // crosswalks
  basis: "Grundlage",
  validFrom: "Gültig ab",
  rows: "Anteile",
  oldCode: "Altes Gebiet",
  newCode: "Neues Gebiet",
  // goals and measures
  owner: "Verantwortlich",
  sortOrder: "Reihenfolge",
  parent: "Übergeordnetes Ziel",
  goalLevel: "Zielebene",
  periodFrom: "Laufzeit von",
  periodTo: "Laufzeit bis",
  decision: "Ratsbeschluss",
  release: "Freigabe",
  performanceMeasure: "Kennzahl",
  baselineYear: "Ausgangsjahr",
  baselineValue: "Ausgangswert",
  targetKind: "Art des Ziels",
  targetValue: "Zielwert",
  targetLow: "Zielkorridor von",
  targetHigh: "Zielkorridor bis",
  targetYear: "Zieljahr",
  replaces: "Ersetzt Zielindikator",
  targetGroups: "Zielgruppen",
  startDate: "Beginn",
  endDate: "Ende",
  milestones: "Meilensteine",
  due: "Fällig am",
  done: "Erledigt",
  goals: "Ziele",
  goal: "Ziel",
  contribution: "Beitrag",
  editors: "Berichtende",
  question: "Leitfrage",
  frequency: "Berichtsrhythmus",
  values: "Werte",
  note: "Anmerkung",
  story: "Geschichte hinter der Kurve",
};

/**
 * Labels of keys whose meaning depends on the object they sit in, by the parent's key and the
 * key ("operator.name"); the parent of an array element is the array's key.
 */
export const FIELD_LABELS_IN: Readonly<Record<string, string>> = {
  "operator.name": "Name des Trägers",
  "operator.kind": "Art des Trägers",
  "household.type": "Haushaltstyp",
  "households.type": "Haushaltstyp",
  "household.id": "Haushalt (Pseudonym)",
  "households.id": "Haushalt (Pseudonym)",
  "persons.household": "Haushalt (Pseudonym)",
  "persons.id": "Person (Pseudonym)",
  "stays.id": "Aufenthalt (Pseudonym)",
  "blocks.type": "Art des Bausteins",
  "blocks.period": "Zeitraum des Bausteins",
  "blocks.level": "Gebietsebene des Bausteins",
  "chapters.title": "Kapitelüberschrift",
  "sections.title": "Abschnittsüberschrift",
  "status.code": "Indikator",
  "dynamics.code": "Indikator",
  "statusClasses.key": "Klasse",
  "dynamicsClasses.key": "Klasse",
  "statusClasses.label": "Name der Klasse",
  "dynamicsClasses.label": "Name der Klasse",
  "definition.code": "Kürzel des Index",
  "definition.name": "Name des Index",
  "template.code": "Kürzel der Vorlage",
  "template.title": "Titel der Vorlage",
  "capacity.from": "Gültig ab",
  "manual.area": "Ausgeschlossenes Gebiet",
  "perArea.level": "Gebietsebene je Gebiet",
  "areas.level": "Gebietsebene",
  "period.code": "Zeitraum",
  "changeSince.code": "Veränderung seit",
  // area systems
  "levels.code": "Kürzel der Ebene",
  "levels.name": "Name der Ebene",
  "top.code": "Kürzel des obersten Gebiets",
  "top.name": "Name des obersten Gebiets",
  "sheet.definition": "Definition",
  "sheet.interpretation": "Interpretation",
  "sheet.limits": "Grenzen der Aussagekraft",
  "sheet.source": "Quelle",
  "values.numerator": "Anzahl",
  "values.denominator": "Basis",
  "milestones.title": "Titel des Meilensteins",
};

/** Labels of the path and query parameters, where they differ from body fields or are only there. */
export const PARAMETER_LABELS: Readonly<Record<string, string>> = {
  code: "Kürzel",
  collectionId: "Sammlung",
  email: "E-Mail-Adresse",
  featureId: "Objekt",
  id: "Kennung",
  level: "Gebietsebene",
  version: "Version",
  workspace: "Arbeitsbereich",
  action: "Aktion",
  actor: "Person",
  area: "Gebiet",
  at: "Stichtag",
  bbox: "Kartenausschnitt",
  datetime: "Zeitpunkt",
  dialect: "Format der Tabelle",
  disclosure: "Geheimhaltung",
  entity: "Art des Eintrags",
  f: "Format",
  format: "Format",
  from: "Von",
  to: "Bis",
  geometry: "Geometrie",
  horizon: "Vorausschau (Monate)",
  key: "Schlüssel",
  limit: "Höchstzahl",
  month: "Monat",
  offset: "Beginn ab Eintrag",
  parent: "Übergeordnetes Gebiet",
  period: "Zeitraum",
  system: "Gebietssystematik",
  variable: "Merkmal",
  with: "Mit",
  year: "Jahr",
  pm: "Kennzahl",
};

/** Containers whose entries are counted for the reader ("Person 2"), by their key. */
const ENTRY_NAMES: Readonly<Record<string, string>> = {
  persons: "Person",
  households: "Haushalt",
  stays: "Aufenthalt",
  capacity: "Kapazität",
  status: "Statusindikator",
  dynamics: "Dynamikindikator",
  statusClasses: "Klasse",
  dynamicsClasses: "Klasse",
  chapters: "Kapitel",
  sections: "Abschnitt",
  blocks: "Baustein",
  manual: "Ausschluss",
  decisions: "Entscheidung",
  levels: "Ebene",
  milestones: "Meilenstein",
  values: "Wert",
  goals: "Ziel",
  editors: "Berichtende",
};

/** The label of one key in its parent (`null` when there is none). */
export function labelOfKey(key: string, parent: string | null): string | null {
  if (parent !== null) {
    const inParent = FIELD_LABELS_IN[`${parent}.${key}`];
    if (inParent !== undefined) return inParent;
  }
  return Object.hasOwn(FIELD_LABELS, key) ? FIELD_LABELS[key]! : null;
}

/**
 * The German name of the field at `path` (JSON keys and array indices), with where it sits
 * when that is inside a list: `["capacity", 0, "places"]` → "Plätze (Kapazität 1)",
 * `["persons", 1, "birthYear"]` → "Geburtsjahr (Person 2)". An empty path is the request as
 * a whole ("Eingabe"); an unknown key is quoted as it is. Path and query parameters
 * (`where: "parameter"`) have labels of their own ("from" of a query is "Von").
 */
export function fieldLabel(
  path: readonly PropertyKey[],
  where: "body" | "parameter" = "body",
): string {
  if (where === "parameter" && path.length === 1 && typeof path[0] === "string") {
    const parameter = PARAMETER_LABELS[path[0]];
    if (parameter !== undefined) return parameter;
  }
  const keys = path.filter((p): p is string => typeof p === "string");
  const last = keys.at(-1);
  if (last === undefined) {
    const index = path.at(-1);
    return typeof index === "number" ? `Eintrag ${index + 1}` : "Eingabe";
  }
  const parent = keys.at(-2) ?? null;
  const label = labelOfKey(last, parent) ?? `„${last}“`;
  // Where in the lists: the nearest counted entry above the field ("Person 2").
  const places: string[] = [];
  for (let i = path.length - 2; i >= 1; i--) {
    const step = path[i];
    const container = path[i - 1];
    if (typeof step === "number" && typeof container === "string") {
      places.push(
        `${ENTRY_NAMES[container] ?? labelOfKey(container, null) ?? container} ${step + 1}`,
      );
    }
  }
  const tail = path.at(-1);
  const named = typeof tail === "number" ? `${label}, Eintrag ${tail + 1}` : label;
  return places.length === 0 ? named : `${named} (${places.reverse().join(", ")})`;
}
