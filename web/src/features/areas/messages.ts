/**
 * The Gebiete page's interface texts, German first, English second (same keys; web/src/app/modules.ts hands them to
 * the i18n provider, and the declaration at the end registers the keys for `t`).
 */
export const areasDe = {
  "areas.of": "von … Gebieten",
  "areas.fileTable": "Gebietsprofil {name} ({code}), {period}",
  "areas.fileChart": "Abweichung von der Stadt: {name} ({code}), {period}",
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
  "areas.chart": "Profil: Abweichung von der Stadt",
  "areas.chartLabel":
    "Profil von {name}: Abweichung jedes Indikators vom Wert der Stadt in Prozent; blau günstiger, rot ungünstiger als die Stadt. Die Zahlen stehen in der Tabelle.",
  "areas.note":
    "Werte des jüngsten Zeitraums ({period}); Zeichen siehe Zeichenerklärung. Rang 1 = höchster Wert der Ebene.",
};

export const areasEn: Record<keyof typeof areasDe, string> = {
  "areas.of": "of … areas",
  "areas.fileTable": "Area profile {name} ({code}), {period}",
  "areas.fileChart": "Deviation from the city: {name} ({code}), {period}",
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
  "areas.chart": "Profile: deviation from the city",
  "areas.chartLabel":
    "Profile of {name}: each indicator's deviation from the city's value in percent; blue better, red worse than the city. The numbers are in the table.",
  "areas.note":
    "Values of the latest period ({period}); the signs are explained above. Rank 1 = highest value of the level.",
};

declare module "../../lib/i18n.tsx" {
  interface Messages extends Record<keyof typeof areasDe, string> {}
}
