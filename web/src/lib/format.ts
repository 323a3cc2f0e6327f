/** Numbers and dates as people read them in the interface's language (de-DE: 1.234,5). */
import { formatNumber as coreFormatNumber } from "@core/format/number.ts";

/** A number in the interface's language, through the core's formatter: true minus, no "−0". */
export function formatNumber(locale: string, value: number, decimals: number): string {
  return coreFormatNumber(value, decimals, { locale });
}

/** A change with its sign ("+1,2" / "−0,4"), in percentage points for rates. */
export function formatChange(locale: string, value: number, decimals: number): string {
  const text = formatNumber(locale, Math.abs(value), decimals);
  if (value > 0) return `+${text}`;
  if (value < 0) return `−${text}`;
  return text;
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

export function formatDateTime(locale: string, iso: string): string {
  let f = dateTimeFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: "Europe/Berlin",
    });
    dateTimeFormats.set(locale, f);
  }
  return f.format(new Date(iso));
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A day in the city's time zone: "07.12.2026" in German. */
export function formatDate(locale: string, iso: string): string {
  let f = dateFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "Europe/Berlin" });
    dateFormats.set(locale, f);
  }
  return f.format(new Date(iso));
}
