/**
 * The Überblick page's interface texts, German first, English second (same keys; web/src/app/modules.ts hands them to
 * the i18n provider, and the declaration at the end registers the keys for `t`).
 */
export const overviewDe = {
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
  "overview.mapTitle": "Karte: {name} ({unit}), {period}",
  "overview.openAtlas": "Im Atlas öffnen",
  "overview.alerts": "Hinweise",
  "overview.noAlerts": "Keine auffälligen Werte und keine Trendwenden.",
  "overview.alertsNote":
    "{n} Hinweise für {period}: Werte weit außerhalb des Stadtwerts (gemessen an den Fallzahlen) und Trendwenden. Ein Hinweis lädt zum genaueren Hinsehen ein, er ist kein Urteil über ein Gebiet.",
  "overview.alertMap": "Karte: {name}",
  "overview.toMap": "Karte",
  "overview.allAlerts": "Alle {n} Hinweise zeigen",
  "overview.toAnalysis": "Analyse",
  "overview.alertAnalysis": "Analyse: {name}",
};

export const overviewEn: Record<keyof typeof overviewDe, string> = {
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
  "overview.mapTitle": "Map: {name} ({unit}), {period}",
  "overview.openAtlas": "Open in the atlas",
  "overview.alerts": "Alerts",
  "overview.noAlerts": "No values far off and no turned trends.",
  "overview.alertsNote":
    "{n} alerts for {period}: values far from the city's (judged with their counts) and turned trends. An alert invites a closer look; it is no verdict on an area.",
  "overview.alertMap": "Map: {name}",
  "overview.toMap": "Map",
  "overview.allAlerts": "Show all {n} alerts",
  "overview.toAnalysis": "Analysis",
  "overview.alertAnalysis": "Analysis: {name}",
};

declare module "../../lib/i18n.tsx" {
  interface Messages extends Record<keyof typeof overviewDe, string> {}
}
