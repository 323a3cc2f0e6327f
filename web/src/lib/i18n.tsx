/**
 * The interface texts: German first, English second, one catalogue each with the same keys
 * (TypeScript checks that none is missing). Numbers and dates are formatted for the language.
 */
import { createContext, useContext, useMemo, useState, type ReactNode } from "react";

const de = {
  "app.name": "Sopla",
  "app.tagline": "Plattform für kommunale Sozialplanung",
  "nav.label": "Hauptnavigation",
  "nav.overview": "Übersicht",
  "nav.atlas": "Atlas",
  "nav.areas": "Gebiete",
  "nav.indicators": "Indikatoren",
  "nav.data": "Daten",
  "nav.analyses": "Analysen",
  "nav.reports": "Berichte",
  "nav.accommodation": "Unterkünfte",
  "nav.goals": "Ziele & Maßnahmen",
  "nav.network": "Netzwerk",
  "nav.planning": "Planungen",
  "nav.admin": "Verwaltung",
  "nav.soon": "in Vorbereitung",
  "skip.main": "Zum Inhalt springen",
  "workspace.label": "Arbeitsbereich",
  "user.role": "Rolle",
  "user.logout": "Abmelden",
  "language.label": "Sprache",
  "role.admin": "Administration",
  "role.planner": "Sozialplanung",
  "role.contributor": "Fachdienst",
  "role.occupancy": "Unterkunftsverwaltung",
  "role.viewer": "Lesezugriff",
  "login.title": "Anmelden",
  "login.email": "E-Mail-Adresse",
  "login.password": "Passwort",
  "login.submit": "Anmelden",
  "login.busy": "Anmeldung läuft …",
  "login.public": "Veröffentlichte Kennzahlen ohne Anmeldung",
  "login.openData": "Offene Daten",
  "password.title": "Eigenes Passwort festlegen",
  "password.intro":
    "Sie haben sich mit einem Einmalpasswort angemeldet. Bitte legen Sie jetzt ein eigenes Passwort fest (mindestens 12 Zeichen).",
  "password.current": "Einmalpasswort",
  "password.new": "Neues Passwort",
  "password.submit": "Passwort speichern",
  "state.loading": "Wird geladen …",
  "state.empty": "Noch keine Daten.",
  "state.error": "Das hat nicht geklappt:",
  "state.retry": "Erneut versuchen",
  "overview.title": "Übersicht",
  "overview.keyFigures": "Kennzahlen der Gesamtstadt",
  "overview.indicator": "Indikator",
  "overview.value": "Wert",
  "overview.change": "Veränderung zum Vorzeitraum",
  "overview.against": "gegenüber {period}",
  "overview.period": "Zeitraum",
  "overview.imports": "Letzte Importe",
  "overview.importLabel": "Import",
  "overview.importStatus": "Status",
  "overview.importTime": "Zeitpunkt",
  "overview.noImports": "Noch keine Importe.",
  "import.committed": "übernommen",
  "import.rejected": "abgelehnt",
  "import.checked": "geprüft",
  "value.withheld": "geheim gehalten",
  "value.missing": "keine Daten",
  "modules.soonTitle": "Dieses Modul ist in Vorbereitung",
  "modules.soonText":
    "Der Bereich „{name}“ folgt in einer der nächsten Versionen. Bis dahin finden Sie die Daten in der Übersicht und unter Offene Daten.",
  "atlas.indicator": "Indikator",
  "atlas.level": "Gebietsebene",
  "atlas.period": "Zeitraum",
  "atlas.method": "Klassenbildung",
  "atlas.method.quantile": "Quantile (gleich viele Gebiete)",
  "atlas.method.equal_interval": "Gleiche Abstände",
  "atlas.method.natural_breaks": "Natürliche Brüche (Jenks)",
  "atlas.method.std_dev": "Standardabweichungen",
  "atlas.classes": "Klassen",
  "atlas.legend": "Legende",
  "atlas.areas": "{n} Gebiete",
  "atlas.table": "Werte als Tabelle",
  "atlas.area": "Gebiet",
  "atlas.rank": "Rang",
  "atlas.city": "Stadt",
  "atlas.profile": "Gebietsprofil öffnen",
  "atlas.mapLabel": "Karte: {name}, {period}. Die Werte stehen in der Tabelle daneben.",
  "indicators.catalogue": "Katalog nach Themen",
  "indicators.search": "Suchen",
  "indicators.found": "{n} Indikatoren",
  "indicators.choose": "Bitte links einen Indikator wählen.",
  "indicators.unknown": "Diesen Indikator gibt es hier nicht.",
  "indicators.definition": "Definition",
  "indicators.formula": "Formel",
  "indicators.unit": "Einheit",
  "indicators.polarity": "Lesart",
  "indicators.polarity.higher": "höher ist günstiger",
  "indicators.polarity.lower": "niedriger ist günstiger",
  "indicators.polarity.neutral": "ohne Wertung",
  "indicators.interpretation": "Interpretation",
  "indicators.limits": "Grenzen der Aussage",
  "indicators.source": "Quelle",
  "indicators.publication": "Veröffentlichung",
  "indicators.series": "Zeitreihe: {city}",
  "publication.draft": "Entwurf",
  "publication.internal": "intern",
  "publication.public": "öffentlich",
  "areas.pick": "Gebiet",
  "areas.choose": "Gebiet wählen …",
  "areas.chooseText": "Bitte ein Gebiet wählen, um sein Profil zu sehen.",
  "areas.unknown": "Dieses Gebiet gibt es hier nicht.",
  "areas.compare": "Vergleichen mit",
  "areas.compareAdd": "weiteres Gebiet (bis zu {max}) …",
  "areas.compared": "Verglichene Gebiete",
  "areas.remove": "{name} aus dem Vergleich nehmen",
  "areas.profile": "Gebietsprofil: alle Indikatoren",
  "areas.history": "Verlauf",
  "areas.note":
    "Werte des jüngsten Zeitraums ({period}); „.“ = geheim gehalten, „–“ = keine Daten. Rang 1 = höchster Wert der Ebene.",
  "notFound.title": "Seite nicht gefunden",
  "notFound.back": "Zur Übersicht",
};

export type MessageKey = keyof typeof de;

const en: Record<MessageKey, string> = {
  "app.name": "Sopla",
  "app.tagline": "Platform for municipal social planning",
  "nav.label": "Main navigation",
  "nav.overview": "Overview",
  "nav.atlas": "Atlas",
  "nav.areas": "Areas",
  "nav.indicators": "Indicators",
  "nav.data": "Data",
  "nav.analyses": "Analyses",
  "nav.reports": "Reports",
  "nav.accommodation": "Accommodation",
  "nav.goals": "Goals & measures",
  "nav.network": "Network",
  "nav.planning": "Planning",
  "nav.admin": "Administration",
  "nav.soon": "in preparation",
  "skip.main": "Skip to content",
  "workspace.label": "Workspace",
  "user.role": "Role",
  "user.logout": "Log out",
  "language.label": "Language",
  "role.admin": "Administration",
  "role.planner": "Social planning",
  "role.contributor": "Department",
  "role.occupancy": "Accommodation staff",
  "role.viewer": "Read access",
  "login.title": "Log in",
  "login.email": "E-mail address",
  "login.password": "Password",
  "login.submit": "Log in",
  "login.busy": "Logging in …",
  "login.public": "Published key figures without login",
  "login.openData": "Open data",
  "password.title": "Choose your own password",
  "password.intro":
    "You logged in with a one-time password. Please choose your own password now (at least 12 characters).",
  "password.current": "One-time password",
  "password.new": "New password",
  "password.submit": "Save password",
  "state.loading": "Loading …",
  "state.empty": "No data yet.",
  "state.error": "Something went wrong:",
  "state.retry": "Try again",
  "overview.title": "Overview",
  "overview.keyFigures": "Key figures of the city",
  "overview.indicator": "Indicator",
  "overview.value": "Value",
  "overview.change": "Change since the previous period",
  "overview.against": "against {period}",
  "overview.period": "Period",
  "overview.imports": "Latest imports",
  "overview.importLabel": "Import",
  "overview.importStatus": "Status",
  "overview.importTime": "Time",
  "overview.noImports": "No imports yet.",
  "import.committed": "committed",
  "import.rejected": "rejected",
  "import.checked": "checked",
  "value.withheld": "withheld",
  "value.missing": "no data",
  "modules.soonTitle": "This module is in preparation",
  "modules.soonText":
    "The section “{name}” follows in one of the next versions. Until then, the data are in the overview and under open data.",
  "atlas.indicator": "Indicator",
  "atlas.level": "Area level",
  "atlas.period": "Period",
  "atlas.method": "Classification",
  "atlas.method.quantile": "Quantiles (equal counts)",
  "atlas.method.equal_interval": "Equal intervals",
  "atlas.method.natural_breaks": "Natural breaks (Jenks)",
  "atlas.method.std_dev": "Standard deviations",
  "atlas.classes": "Classes",
  "atlas.legend": "Legend",
  "atlas.areas": "{n} areas",
  "atlas.table": "Values as a table",
  "atlas.area": "Area",
  "atlas.rank": "Rank",
  "atlas.city": "City",
  "atlas.profile": "Open the area profile",
  "atlas.mapLabel": "Map: {name}, {period}. The values are in the table beside it.",
  "indicators.catalogue": "Catalogue by theme",
  "indicators.search": "Search",
  "indicators.found": "{n} indicators",
  "indicators.choose": "Please choose an indicator on the left.",
  "indicators.unknown": "There is no such indicator here.",
  "indicators.definition": "Definition",
  "indicators.formula": "Formula",
  "indicators.unit": "Unit",
  "indicators.polarity": "Reading",
  "indicators.polarity.higher": "higher is better",
  "indicators.polarity.lower": "lower is better",
  "indicators.polarity.neutral": "no judgement",
  "indicators.interpretation": "Interpretation",
  "indicators.limits": "Limits",
  "indicators.source": "Source",
  "indicators.publication": "Publication",
  "indicators.series": "Time series: {city}",
  "publication.draft": "draft",
  "publication.internal": "internal",
  "publication.public": "public",
  "areas.pick": "Area",
  "areas.choose": "Choose an area …",
  "areas.chooseText": "Please choose an area to see its profile.",
  "areas.unknown": "There is no such area here.",
  "areas.compare": "Compare with",
  "areas.compareAdd": "another area (up to {max}) …",
  "areas.compared": "Compared areas",
  "areas.remove": "Remove {name} from the comparison",
  "areas.profile": "Area profile: all indicators",
  "areas.history": "History",
  "areas.note":
    "Values of the latest period ({period}); “.” = withheld, “–” = no data. Rank 1 = highest value of the level.",
  "notFound.title": "Page not found",
  "notFound.back": "To the overview",
};

export type Language = "de" | "en";
const CATALOGUES: Record<Language, Record<MessageKey, string>> = { de, en };
const LOCALES: Record<Language, string> = { de: "de-DE", en: "en-GB" };

export interface I18n {
  readonly language: Language;
  readonly locale: string;
  t(key: MessageKey, params?: Readonly<Record<string, string>>): string;
  setLanguage(language: Language): void;
}

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem("sopla.language");
  return stored === "en" ? "en" : "de";
}

export function I18nProvider({ children }: { readonly children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const value = useMemo<I18n>(
    () => ({
      language,
      locale: LOCALES[language],
      t: (key, params) =>
        Object.entries(params ?? {}).reduce(
          (text, [name, v]) => text.replaceAll(`{${name}}`, v),
          CATALOGUES[language][key],
        ),
      setLanguage: (next) => {
        globalThis.localStorage?.setItem("sopla.language", next);
        document.documentElement.lang = next;
        setLanguageState(next);
      },
    }),
    [language],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error("useI18n outside I18nProvider");
  return i18n;
}
