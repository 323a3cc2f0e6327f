import type { Value } from "../value.ts";

/**
 * The sign a published table shows instead of a number, following the sign conventions
 * (Zeichenerklärung) of the German statistical offices: "." = value unknown or kept secret
 * (Zahlenwert unbekannt oder geheim zu halten), "x" = no meaningful statement possible
 * (Nachweis nicht sinnvoll). Returns `null` for a known value, which is shown as a number.
 *
 * Suppressed values and values withheld at source share the ".", as in official tables, so a
 * reader cannot tell a hidden count from an unknown one. A rate with a zero denominator gets
 * "x". Planners inside the product see the reason itself; this sign is for publication.
 */
export function tableSymbol(value: Value<unknown>): "." | "x" | null {
  switch (value.kind) {
    case "known":
      return null;
    case "suppressed":
      return ".";
    case "missing":
      return value.reason === "zero_denominator" ? "x" : ".";
  }
}
