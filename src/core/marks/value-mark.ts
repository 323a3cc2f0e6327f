/**
 * The marks of a value, as the German statistical offices print them (Zeichenerklärung):
 *
 * | mark | meaning |
 * |---|---|
 * | `–` | nothing there (exactly zero) |
 * | `0` | less than half the unit of the last digit shown, but more than nothing |
 * | `.` | value unknown or withheld (disclosure control) |
 * | `/` | no value: not reliable enough |
 * | `( )` | limited reliability: the value stands in parentheses |
 * | `p` | provisional |
 * | `r` | revised (corrected) |
 * | `s` | estimated |
 * | `x` | not applicable (no meaningful statement: a rate over nobody) |
 * | `…` | not yet available |
 *
 * One function, `markValue`, decides the marks of every value any output shows — the app,
 * reports in every format, open data, changes, rankings and key findings — from the value and
 * the flags it carries from the figures it was computed from. No output invents its own.
 * Method: docs/methods/value-marks.md.
 */
import type { Value } from "../value.ts";

/**
 * What a figure carries from the observations it was computed from, one bit each; a derived
 * figure (a sum, a rate, a change) carries the union of its inputs' flags.
 */
export const FLAG = {
  /** Delivered as provisional. */
  PROVISIONAL: 1,
  /** A revision: the value was corrected after an earlier one. */
  REVISED: 2,
  /** Delivered as estimated. */
  ESTIMATED: 4,
  /** Marked by a planner as of limited reliability. */
  LIMITED: 8,
  /** Marked by a planner as not reliable enough to show. */
  UNRELIABLE: 16,
  /** Flagged by a plausibility check and not yet reviewed ("zu prüfen"). */
  REVIEW: 32,
} as const;

/** Every flag bit, for masks. */
export const ALL_FLAGS = 63;

/** A sign that stands instead of the number (or, for `–` and `0`, for how it reads). */
export type Sign = "–" | "0" | "." | "/" | "x" | "…";
/**
 * A letter after the number; `/` only where planners see the number of a value marked as not
 * reliable enough (everyone else gets the sign instead of the number).
 */
export type Letter = "p" | "r" | "s" | "/";

export interface Marked {
  /**
   * The number, unrounded, where the reader may have it — also behind the display signs
   * `–` (exactly zero) and `0` (rounds to zero) — or null where a sign stands instead.
   */
  readonly value: number | null;
  readonly sign: Sign | null;
  /** The number stands in parentheses: limited reliability. */
  readonly limited: boolean;
  /** Letters after the number, in the order p, r, s. */
  readonly letters: readonly Letter[];
  /** Held for review: a plausibility check flagged it and nobody has decided yet. */
  readonly review: boolean;
}

/**
 * Who reads the value, and how a public reader meets a value under review: as provisional
 * (`p`, the default) or held back as not yet available (`…`).
 */
export interface MarkOptions {
  /** Planners see every number (with its marks); the others as published inside; the public. */
  readonly audience: "planning" | "internal" | "public";
  readonly reviewInPublic: "provisional" | "hold";
  /** Decimal places shown: a value that rounds to zero but is not zero reads `0`. */
  readonly decimals: number;
}

/**
 * The marks of one value. A withheld or missing value gets its sign and no number: `.` for
 * disclosure control and unknown values, `x` for a rate over a zero denominator. A known value
 * flagged unreliable gets `/` instead of its number; under review it reads `p` (provisional),
 * and a public reader of a workspace that holds such values back gets `…` instead. Otherwise
 * the number stays: `–` when it is exactly zero, `0` when it rounds to zero; in parentheses
 * when of limited reliability; followed by `p`, `r`, `s` as flagged. Planners see the number
 * of an unreliable value too, followed by `/`; that it is under review (`review`) is shown
 * to everyone but the public.
 */
export function markValue(value: Value<number>, flags: number, o: MarkOptions): Marked {
  const review = (flags & FLAG.REVIEW) !== 0;
  switch (value.kind) {
    case "suppressed":
      return signOnly(".", review);
    case "missing":
      return signOnly(value.reason === "zero_denominator" ? "x" : ".", review);
    case "known":
      break;
  }
  const unreliable = (flags & FLAG.UNRELIABLE) !== 0;
  if (unreliable && o.audience !== "planning") return signOnly("/", review);
  if (review && o.audience === "public" && o.reviewInPublic === "hold") {
    return signOnly("…", review);
  }
  const letters: Letter[] = [];
  if ((flags & FLAG.PROVISIONAL) !== 0 || review) letters.push("p");
  if ((flags & FLAG.REVISED) !== 0) letters.push("r");
  if ((flags & FLAG.ESTIMATED) !== 0) letters.push("s");
  if (unreliable) letters.push("/");
  const v = value.value;
  const half = 0.5 * 10 ** -Math.max(0, o.decimals);
  const sign: Sign | null = v === 0 ? "–" : Math.abs(v) < half ? "0" : null;
  return {
    value: v,
    sign,
    limited: (flags & FLAG.LIMITED) !== 0,
    letters,
    review: review && o.audience !== "public",
  };
}

function signOnly(sign: Sign, review: boolean): Marked {
  return { value: null, sign, limited: false, letters: [], review };
}

/**
 * The value as a person reads it: the sign or the formatted number, in parentheses when of
 * limited reliability, followed by its letters ("(12,3) p r", "–", "."). `format` prints
 * the number (rounded, with the reader's decimal mark).
 */
export function markedText(m: Marked, format: (n: number) => string): string {
  const body =
    m.sign === "0"
      ? format(0)
      : m.sign !== null
        ? m.sign
        : m.value === null
          ? "."
          : format(m.value);
  const shown = m.limited && m.value !== null ? `(${body})` : body;
  return m.letters.length > 0 ? `${shown} ${m.letters.join(" ")}` : shown;
}

/**
 * The marks of a value for a column beside the number in machine-readable tables (CSV,
 * XLSX, JSON-stat `status`, GeoJSON): the sign where no number is given, else `( )` for
 * limited reliability and the letters, space-separated ("( ) p"); empty for a plain number.
 * The display signs `–` and `0` are not repeated there: the number says it.
 */
export function markCode(m: Marked): string {
  if (m.value === null) return m.sign ?? ".";
  return [...(m.limited ? ["( )"] : []), ...m.letters].join(" ");
}

/** Every mark used in `marks`, for the legend of a table or page. */
export function marksUsed(marks: readonly Marked[]): Set<Sign | Letter | "( )"> {
  const used = new Set<Sign | Letter | "( )">();
  for (const m of marks) {
    if (m.sign !== null) used.add(m.sign);
    if (m.limited) used.add("( )");
    for (const l of m.letters) used.add(l);
  }
  return used;
}

/** The legend of the statistical offices, in German, in their order. */
export const MARK_LEGEND: readonly {
  readonly mark: Sign | Letter | "( )";
  readonly text: string;
}[] = [
  { mark: "–", text: "nichts vorhanden (genau null)" },
  {
    mark: "0",
    text: "weniger als die Hälfte von 1 in der letzten besetzten Stelle, jedoch mehr als nichts",
  },
  { mark: ".", text: "Zahlenwert unbekannt oder geheim zu halten" },
  { mark: "…", text: "Angabe fällt später an (wird noch geprüft)" },
  { mark: "/", text: "keine Angabe, da Zahlenwert nicht sicher genug" },
  {
    mark: "( )",
    text: "Aussagewert eingeschränkt, da der Zahlenwert statistisch relativ unsicher ist",
  },
  { mark: "x", text: "Tabellenfach gesperrt, weil Aussage nicht sinnvoll" },
  { mark: "p", text: "vorläufige Zahl" },
  { mark: "r", text: "berichtigte Zahl" },
  { mark: "s", text: "geschätzte Zahl" },
];

/**
 * The legend lines a reader needs for `used` ("p = vorläufige Zahl"), in the offices' order;
 * with `review`, a line saying that provisional values are still being checked.
 */
export function legendLines(used: ReadonlySet<string>, review = false): string[] {
  const lines = MARK_LEGEND.filter((l) => used.has(l.mark)).map((l) => `${l.mark} = ${l.text}`);
  if (review)
    lines.push("zu prüfen = von einer Plausibilitätsprüfung markiert, noch nicht entschieden");
  return lines;
}

/**
 * The flags of a figure computed from others (a sum, a rate, a change between two periods):
 * everything its inputs carry.
 */
export function combineFlags(...flags: readonly number[]): number {
  let out = 0;
  for (const f of flags) out |= f;
  return out & ALL_FLAGS;
}

/** Whether a statement may rest on the value as a fact (key findings): not under review, not unreliable. */
export function isFirm(flags: number): boolean {
  return (flags & (FLAG.REVIEW | FLAG.UNRELIABLE)) === 0;
}
