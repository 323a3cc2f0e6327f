/**
 * The WoBerichtsG delivery as a CSV file (German dialect: `;`, UTF-8 with BOM): one line per
 * person housed on 31 January with the characteristics of § 4, the codes of Sopla's lists
 * (documented in docs/methods/occupancy.md, section 5). The statistics office's own upload
 * format may ask for other codes; this file is the checked source for it.
 */
import type { FederalRecord } from "../../core/accommodation/federal-statistic.ts";
import { neutraliseFormula, quoteField } from "../../core/format/csv-field.ts";

const COLUMNS: readonly [string, (r: FederalRecord) => string][] = [
  ["gemeindeschluessel", (r) => r.municipalityKey],
  ["person", (r) => r.person],
  ["geschlecht", (r) => r.sex],
  ["alter", (r) => (r.age === null ? "" : String(r.age))],
  ["staatsangehoerigkeit", (r) => r.nationality],
  ["haushaltstyp", (r) => r.householdType],
  ["haushaltsgroesse", (r) => String(r.householdSize)],
  ["art_der_ueberlassung", (r) => r.provision],
  ["traeger", (r) => r.operatorKind],
  ["verband", (r) => r.association ?? ""],
  ["untergebracht_seit", (r) => r.since],
];

export function writeFederalCsv(records: readonly FederalRecord[]): string {
  const lines = [COLUMNS.map(([name]) => name).join(";")];
  for (const r of records) {
    lines.push(COLUMNS.map(([, get]) => quoteField(neutraliseFormula(get(r)), ";")).join(";"));
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
