/**
 * Figures as a German report prints them: periods in words ("1. Halbjahr 2026", "Oktober
 * 2026"), days, source lines. Numbers, values with their unit and changes come from
 * `core/format/number.ts` (decimal comma, thousands dots, a true minus sign, "+1,2 Pp.").
 */
import { parsePeriod } from "../periods/period.ts";

export { formatChange, formatNumber, formatValue } from "../format/number.ts";

const MONTHS = [
  "Januar",
  "Februar",
  "März",
  "April",
  "Mai",
  "Juni",
  "Juli",
  "August",
  "September",
  "Oktober",
  "November",
  "Dezember",
];

/** A period code in words: "2021", "1. Halbjahr 2021", "3. Quartal 2021", "Oktober 2026", "31.12.2021". */
export function formatPeriod(code: string): string {
  const parsed = parsePeriod(code);
  if (!parsed.ok) return code;
  const { kind, code: c } = parsed.value;
  const year = c.slice(0, 4);
  switch (kind) {
    case "year":
      return year;
    case "half_year":
      return `${c.slice(6)}. Halbjahr ${year}`;
    case "quarter":
      return `${c.slice(6)}. Quartal ${year}`;
    case "month":
      return `${MONTHS[Number(c.slice(5, 7)) - 1]} ${year}`;
    case "reference_date":
      return formatDay(c);
  }
}

/** An ISO day as "24.11.2026". */
export function formatDay(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

/**
 * The source line under a table or figure: each distinct source once, in the order given,
 * `fallback` (the workspace) for an entry without one, then who computed and drew it.
 * "Quelle: Stadt Flensburg, Sozialatlas 2022; Berechnung und Darstellung mit Sopla."
 */
export function sourceLine(
  sources: readonly (string | null | undefined)[],
  fallback: string,
): string {
  const named = sources.map((s) => s?.trim().replace(/\.$/, "") || fallback);
  const distinct = [...new Set(named.length === 0 ? [fallback] : named)];
  return `Quelle: ${distinct.join("; ")}; Berechnung und Darstellung mit Sopla.`;
}
