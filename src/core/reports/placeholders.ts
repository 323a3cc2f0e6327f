/**
 * Placeholders for live figures in a report's text: `{{wert sgb2_quote gebiet=01}}`. A
 * placeholder is a function name, positional arguments and `name=value` parameters (a value
 * with spaces in double quotes). The names are German because planners write them:
 *
 *   {{zeitraum}}                                      the report's period ("2021", "Oktober 2026")
 *   {{gebiet}} / {{gebiet 01}}                        the report's area, or the area 01, by name
 *   {{wert <indikator> [gebiet=] [zeitraum=]}}        a value with its unit ("12,5 %")
 *   {{stadt <indikator> [zeitraum=]}}                 the city's value
 *   {{veraenderung <indikator> [gebiet=] [seit=]}}    the change since a period ("+1,2 Pp.")
 *   {{rang <indikator> [gebiet=] [zeitraum=]}}        the rank among the level ("3. von 13")
 *   {{unterkunft <kennzahl> [monat=]}}                a figure of the accommodation statistic
 *
 * `zeitraum`, `seit` and `monat` take a period code or `vorperiode` / `vorjahr` (relative to
 * the report's). Parsing names every problem with its line and column; resolving is done
 * against a lookup the report builder fills, and a figure that does not exist is an error,
 * never an empty spot in a finished report.
 */
import { formatChange, formatValue } from "./format.ts";

export const ACCOMMODATION_FIGURES = {
  personen: "persons",
  haushalte: "households",
  plaetze: "places",
  auslastung: "occupancyRate",
  freie_plaetze: "freePlaces",
  einzuege: "entries",
  auszuege: "exits",
  fehlbeleger: "entitledToFlat",
} as const;
export type AccommodationFigure =
  (typeof ACCOMMODATION_FIGURES)[keyof typeof ACCOMMODATION_FIGURES];

export type Placeholder =
  | { readonly fn: "period" }
  | { readonly fn: "area"; readonly area: string | null }
  | {
      readonly fn: "value";
      readonly indicator: string;
      readonly area: string | null;
      readonly period: string | null;
    }
  | { readonly fn: "city"; readonly indicator: string; readonly period: string | null }
  | {
      readonly fn: "change";
      readonly indicator: string;
      readonly area: string | null;
      readonly since: string | null;
    }
  | {
      readonly fn: "rank";
      readonly indicator: string;
      readonly area: string | null;
      readonly period: string | null;
    }
  | {
      readonly fn: "accommodation";
      readonly figure: AccommodationFigure;
      readonly month: string | null;
    };

export interface PlaceholderUse {
  /** The text as written, with the braces. */
  readonly source: string;
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
  readonly placeholder: Placeholder | null;
  readonly error: string | null;
}

interface Signature {
  readonly positional: readonly string[];
  readonly optionalPositional?: boolean;
  readonly parameters: readonly string[];
}

const SIGNATURES: Readonly<Record<string, Signature>> = {
  zeitraum: { positional: [], parameters: [] },
  gebiet: { positional: ["Gebiet"], optionalPositional: true, parameters: [] },
  wert: { positional: ["Indikator"], parameters: ["gebiet", "zeitraum"] },
  stadt: { positional: ["Indikator"], parameters: ["zeitraum"] },
  veraenderung: { positional: ["Indikator"], parameters: ["gebiet", "seit"] },
  rang: { positional: ["Indikator"], parameters: ["gebiet", "zeitraum"] },
  unterkunft: { positional: ["Kennzahl"], parameters: ["monat"] },
};

const TOKEN = /\s*(?:([A-Za-z_]+)=(?:"([^"]*)"|(\S+))|"([^"]*)"|(\S+))/y;

/** Splits the inside of `{{…}}` into a name, positional arguments and parameters. */
function tokenize(
  inner: string,
): { name: string; positional: string[]; parameters: Map<string, string> } | string {
  const positional: string[] = [];
  const parameters = new Map<string, string>();
  let name: string | null = null;
  TOKEN.lastIndex = 0;
  const text = inner.trimEnd();
  while (TOKEN.lastIndex < text.length) {
    const m = TOKEN.exec(text);
    if (!m) return `„${text.slice(TOKEN.lastIndex).trim()}“ ist nicht lesbar.`;
    if (m[1] !== undefined) {
      const key = m[1];
      if (parameters.has(key)) return `Der Parameter „${key}“ steht zweimal da.`;
      parameters.set(key, m[2] ?? m[3]!);
    } else if (name === null) {
      name = m[4] ?? m[5]!;
    } else {
      positional.push(m[4] ?? m[5]!);
    }
  }
  if (name === null) return "Der Platzhalter ist leer.";
  return { name, positional, parameters };
}

function toPlaceholder(inner: string): Placeholder | string {
  const t = tokenize(inner);
  if (typeof t === "string") return t;
  const signature = SIGNATURES[t.name];
  if (!signature) {
    return `„${t.name}“ ist kein Platzhalter; möglich sind ${Object.keys(SIGNATURES).join(", ")}.`;
  }
  const needed = signature.optionalPositional ? 0 : signature.positional.length;
  if (t.positional.length < needed) {
    return `„${t.name}“ braucht: ${signature.positional.join(", ")}.`;
  }
  if (t.positional.length > signature.positional.length) {
    return `„${t.name}“ hat zu viele Angaben: „${t.positional.slice(signature.positional.length).join(" ")}“.`;
  }
  for (const key of t.parameters.keys()) {
    if (!signature.parameters.includes(key)) {
      return signature.parameters.length === 0
        ? `„${t.name}“ kennt keine Parameter („${key}“).`
        : `„${t.name}“ kennt den Parameter „${key}“ nicht; möglich: ${signature.parameters.join(", ")}.`;
    }
  }
  const p = (key: string) => t.parameters.get(key) ?? null;
  const first = t.positional[0] ?? null;
  switch (t.name) {
    case "zeitraum":
      return { fn: "period" };
    case "gebiet":
      return { fn: "area", area: first };
    case "wert":
      return { fn: "value", indicator: first!, area: p("gebiet"), period: p("zeitraum") };
    case "stadt":
      return { fn: "city", indicator: first!, period: p("zeitraum") };
    case "veraenderung":
      return { fn: "change", indicator: first!, area: p("gebiet"), since: p("seit") };
    case "rang":
      return { fn: "rank", indicator: first!, area: p("gebiet"), period: p("zeitraum") };
    default: {
      const figure = ACCOMMODATION_FIGURES[first as keyof typeof ACCOMMODATION_FIGURES];
      if (figure === undefined) {
        return `„${first}“ ist keine Kennzahl der Unterkünfte; möglich: ${Object.keys(ACCOMMODATION_FIGURES).join(", ")}.`;
      }
      return { fn: "accommodation", figure, month: p("monat") };
    }
  }
}

/** Every placeholder in a text, with its position and what it asks for (or why it cannot). */
export function findPlaceholders(text: string): PlaceholderUse[] {
  const out: PlaceholderUse[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const advanceTo = (to: number) => {
    for (; i < to; i++) {
      if (text.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
  };
  for (;;) {
    const open = text.indexOf("{{", i);
    const stray = text.indexOf("}}", i);
    if (stray >= 0 && (open < 0 || stray < open)) {
      advanceTo(stray);
      out.push({
        source: "}}",
        start: stray,
        end: stray + 2,
        line,
        column: stray - lineStart + 1,
        placeholder: null,
        error: "„}}“ ohne „{{“ davor.",
      });
      i = stray + 2;
      continue;
    }
    if (open < 0) break;
    advanceTo(open);
    const at = { line, column: open - lineStart + 1 };
    const close = text.indexOf("}}", open + 2);
    const nextOpen = text.indexOf("{{", open + 2);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      const end = nextOpen >= 0 ? nextOpen : text.length;
      out.push({
        source: text.slice(open, end),
        start: open,
        end,
        ...at,
        placeholder: null,
        error: "„{{“ ohne „}}“ danach.",
      });
      i = open + 2;
      continue;
    }
    const source = text.slice(open, close + 2);
    const parsed = toPlaceholder(text.slice(open + 2, close));
    out.push({
      source,
      start: open,
      end: close + 2,
      ...at,
      placeholder: typeof parsed === "string" ? null : parsed,
      error: typeof parsed === "string" ? parsed : null,
    });
    i = close + 2;
  }
  return out;
}

/** A value as the lookup knows it. */
export type LookedUp =
  | { readonly kind: "known"; readonly value: number }
  | { readonly kind: "missing" | "suppressed"; readonly reason: string };

export interface IndicatorInfo {
  readonly label: string;
  readonly unit: string;
  readonly decimals: number;
}

/** What resolving needs from the report's data; the report builder implements it. */
export interface FigureLookup {
  /** The report's area (profiles) or null for a report of the city. */
  readonly reportArea: string | null;
  /** The report's period in words ("2021", "1. Halbjahr 2026", "Oktober 2026"). */
  periodText(): string;
  /** A period code from `zeitraum=`/`seit=`/`monat=` (or null: the default), or an error. */
  period(
    ref: string | null,
    purpose: "value" | "since" | "month",
  ): { code: string } | { error: string };
  indicator(code: string): IndicatorInfo | undefined;
  areaName(code: string): string | undefined;
  /** The city's area code. */
  cityArea(): string;
  value(indicator: string, area: string, period: string): LookedUp | undefined;
  rank(indicator: string, area: string, period: string): { rank: number; of: number } | null;
  accommodation(month: string, figure: AccommodationFigure): number | null | undefined;
}

export type Resolved =
  | { readonly ok: true; readonly text: string; readonly warning?: string }
  | { readonly ok: false; readonly error: string };

const fail = (error: string): Resolved => ({ ok: false, error });

/** The text a placeholder stands for, or why there is none. */
export function resolvePlaceholder(p: Placeholder, lookup: FigureLookup): Resolved {
  if (p.fn === "period") return { ok: true, text: lookup.periodText() };
  if (p.fn === "area") {
    const code = p.area ?? lookup.reportArea;
    if (code === null) return { ok: true, text: lookup.areaName(lookup.cityArea()) ?? "" };
    const name = lookup.areaName(code);
    return name === undefined ? fail(`Gebiet „${code}“ gibt es nicht.`) : { ok: true, text: name };
  }
  if (p.fn === "accommodation") {
    const month = lookup.period(p.month, "month");
    if ("error" in month) return fail(month.error);
    const v = lookup.accommodation(month.code, p.figure);
    if (v === undefined) return fail(`Für ${month.code} gibt es keine Belegungsstatistik.`);
    if (v === null) return { ok: true, text: "–" };
    return {
      ok: true,
      text: p.figure === "occupancyRate" ? formatValue(v * 100, "%", 1) : formatValue(v, "", 0),
    };
  }
  const info = lookup.indicator(p.indicator);
  if (!info) return fail(`Indikator „${p.indicator}“ gibt es nicht im Katalog.`);
  const areaCode =
    p.fn === "city" ? lookup.cityArea() : (p.area ?? lookup.reportArea ?? lookup.cityArea());
  if (lookup.areaName(areaCode) === undefined) return fail(`Gebiet „${areaCode}“ gibt es nicht.`);
  const periodRef = p.fn === "change" ? null : p.period;
  const period = lookup.period(periodRef, "value");
  if ("error" in period) return fail(period.error);
  const read = (code: string) => {
    const v = lookup.value(p.indicator, areaCode, code);
    if (v === undefined) return fail(`${info.label}: für ${code} gibt es keine Daten.`);
    return v;
  };
  const now = read(period.code);
  if ("ok" in now) return now;
  const withheld = (v: LookedUp, code: string): Resolved =>
    v.kind === "suppressed"
      ? {
          ok: true,
          text: "(gesperrt)",
          warning: `${info.label}, ${lookup.areaName(areaCode)}, ${code}: gesperrt (${v.reason}).`,
        }
      : fail(
          `${info.label}, ${lookup.areaName(areaCode)}, ${code}: kein Wert (${v.kind === "missing" ? v.reason : ""}).`,
        );
  if (now.kind !== "known") return withheld(now, period.code);
  switch (p.fn) {
    case "value":
    case "city":
      return { ok: true, text: formatValue(now.value, info.unit, info.decimals) };
    case "rank": {
      const r = lookup.rank(p.indicator, areaCode, period.code);
      if (r === null)
        return fail(
          `${info.label}: ${lookup.areaName(areaCode)} hat keinen Rang in ${period.code}.`,
        );
      return { ok: true, text: `${r.rank}. von ${r.of}` };
    }
    case "change": {
      const since = lookup.period(p.since, "since");
      if ("error" in since) return fail(since.error);
      const before = read(since.code);
      if ("ok" in before) return before;
      if (before.kind !== "known") return withheld(before, since.code);
      return { ok: true, text: formatChange(now.value - before.value, info.unit, info.decimals) };
    }
  }
}
