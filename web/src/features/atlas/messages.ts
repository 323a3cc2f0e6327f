/**
 * The Atlas page's interface texts (the map's words, which other pages borrow too), German first, English second (same keys; web/src/app/modules.ts hands them to
 * the i18n provider, and the declaration at the end registers the keys for `t`).
 */
export const atlasDe = {
  "atlas.noValues":
    "Keine Werte für „{name}“ auf der Ebene „{level}“ im Zeitraum {period}: für diese Gebiete liegen keine Daten vor. Bitte eine andere Gebietsebene oder einen anderen Zeitraum wählen.",
  "atlas.allWithheld":
    "Keine Werte für „{name}“ auf der Ebene „{level}“ im Zeitraum {period}: alle sind gesperrt, weil Fallzahlen unter {min} nicht gezeigt werden (Geheimhaltung). Eine gröbere Gebietsebene zeigt sie zusammengefasst.",
  "atlas.zeroDenominator":
    "Keine Werte für „{name}“ auf der Ebene „{level}“ im Zeitraum {period}: die Bezugsgröße ist in allen Gebieten 0.",
  "atlas.indicator": "Indikator",
  "atlas.level": "Gebietsebene",
  "atlas.period": "Zeitraum",
  "atlas.method": "Klassenbildung",
  "atlas.method.quantile": "Quantile (gleich viele Gebiete)",
  "atlas.method.equal_interval": "Gleiche Abstände",
  "atlas.method.natural_breaks": "Natürliche Brüche (Jenks)",
  "atlas.method.std_dev": "Standardabweichungen",
  "atlas.classes": "Klassen",
  "atlas.method.manual": "Eigene Grenzen",
  "atlas.breaks": "Klassengrenzen",
  "atlas.breaksHelp":
    "Obere Grenzen der Klassen, mit Semikolon getrennt; ein Wert auf einer Grenze gehört zur unteren Klasse.",
  "atlas.legend": "Legende",
  "atlas.areas": "{n} Gebiete",
  "atlas.table": "Werte als Tabelle",
  "atlas.area": "Gebiet",
  "atlas.rank": "Rang",
  "atlas.city": "Stadt",
  "atlas.areaCode": "Gebietsschlüssel",
  "atlas.exportCsv": "Tabelle als CSV",
  "atlas.exportPng": "Karte als PNG",
  "atlas.exported": "Stand:",
  "atlas.profile": "Gebietsprofil öffnen",
  "atlas.mapLabel": "Karte: {name}, {period}. Die Werte stehen in der Tabelle daneben.",
  "atlas.rows": "Zeilen {from} bis {to} von {n}",
  "atlas.previousRows": "Vorherige Zeilen",
  "atlas.nextRows": "Nächste Zeilen",
};

export const atlasEn: Record<keyof typeof atlasDe, string> = {
  "atlas.noValues":
    "No values for “{name}” at the level “{level}” in {period}: there are no data for these areas. Please choose another level or period.",
  "atlas.allWithheld":
    "No values for “{name}” at the level “{level}” in {period}: all are withheld because counts below {min} are not shown (disclosure control). A coarser level shows them combined.",
  "atlas.zeroDenominator":
    "No values for “{name}” at the level “{level}” in {period}: the base is 0 in every area.",
  "atlas.indicator": "Indicator",
  "atlas.level": "Area level",
  "atlas.period": "Period",
  "atlas.method": "Classification",
  "atlas.method.quantile": "Quantiles (equal counts)",
  "atlas.method.equal_interval": "Equal intervals",
  "atlas.method.natural_breaks": "Natural breaks (Jenks)",
  "atlas.method.std_dev": "Standard deviations",
  "atlas.classes": "Classes",
  "atlas.method.manual": "Own breaks",
  "atlas.breaks": "Class breaks",
  "atlas.breaksHelp":
    "Upper bounds of the classes, separated by semicolons; a value on a break belongs to the lower class.",
  "atlas.legend": "Legend",
  "atlas.areas": "{n} areas",
  "atlas.table": "Values as a table",
  "atlas.area": "Area",
  "atlas.rank": "Rank",
  "atlas.city": "City",
  "atlas.areaCode": "Area code",
  "atlas.exportCsv": "Table as CSV",
  "atlas.exportPng": "Map as PNG",
  "atlas.exported": "As of",
  "atlas.profile": "Open the area profile",
  "atlas.mapLabel": "Map: {name}, {period}. The values are in the table beside it.",
  "atlas.rows": "Rows {from} to {to} of {n}",
  "atlas.previousRows": "Previous rows",
  "atlas.nextRows": "Next rows",
};

declare module "../../lib/i18n.tsx" {
  interface Messages extends Record<keyof typeof atlasDe, string> {}
}
