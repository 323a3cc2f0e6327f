/**
 * What both lists of the Werte page need: a value's place, a stored value as written, and
 * refreshing the workspace after a change.
 */
import { useQueryClient } from "@tanstack/react-query";

/** One value's place: variable, area and period codes. */
export interface Cell {
  readonly variable: string;
  readonly area: string;
  readonly period: string;
}

const plainFormats = new Map<string, Intl.NumberFormat>();

/** A stored value as it is, in the reader's notation (up to four decimals). */
export function formatStored(locale: string, value: number | null): string {
  if (value === null) return "–";
  let f = plainFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: 4 });
    plainFormats.set(locale, f);
  }
  return f.format(value);
}

/** Drops every cached answer of the workspace: all its figures may have changed. */
export function useRefreshWorkspace(ws: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ predicate: (q) => q.queryKey[1] === ws });
}
