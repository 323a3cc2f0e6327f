/** Numbers and dates as people read them in the interface's language (de-DE: 1.234,5). */

export function formatNumber(locale: string, value: number, decimals: number): string {
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(value);
}

/** A change with its sign ("+1,2" / "−0,4"), in percentage points for rates. */
export function formatChange(locale: string, value: number, decimals: number): string {
  const text = formatNumber(locale, Math.abs(value), decimals);
  if (value > 0) return `+${text}`;
  if (value < 0) return `−${text}`;
  return text;
}

export function formatDateTime(locale: string, iso: string): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Berlin",
  }).format(new Date(iso));
}
