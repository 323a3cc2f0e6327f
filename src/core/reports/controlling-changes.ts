/**
 * What changed in the strategic programme between two editions of a controlling report: the
 * lights of its goals and the measures with their status. A published version keeps a small
 * snapshot of both in its frozen document (never printed), so the next edition compares with
 * what the council was actually sent, not with whatever the data say today about the past.
 */
import { WEATHER_LABELS, type WeatherSymbol } from "../controlling/weather.ts";

/** A goal's light as a report states it. */
export interface SnapshotLight {
  readonly year: number;
  readonly symbol: WeatherSymbol | null;
  readonly low: WeatherSymbol | null;
  readonly high: WeatherSymbol | null;
  readonly uncertain: boolean;
}

/** The goals and measures of one edition, by code. */
export interface ControllingSnapshot {
  readonly goals: readonly {
    readonly code: string;
    readonly title: string;
    readonly light: SnapshotLight | null;
  }[];
  readonly measures: readonly {
    readonly code: string;
    readonly title: string;
    readonly state: string;
  }[];
}

/** The statuses in which a measure has ended. */
const ENDED = new Set(["abgeschlossen", "abgebrochen"]);

/** A symbol that never relies on colour: a sign and its word. */
export const WEATHER_SIGNS: Readonly<Record<WeatherSymbol, string>> = {
  sonne: "☀",
  leicht_bewoelkt: "☀☁",
  wolke: "☁",
  blitz: "⚡",
};

const SEVERITY: Readonly<Record<WeatherSymbol, number>> = {
  sonne: 0,
  leicht_bewoelkt: 1,
  wolke: 2,
  blitz: 3,
};

/**
 * A light in words with its sign and assessment year: "☀ Sonne (2024)"; an uncertain one with
 * its range from the better to the worse end, "☁ Wolke (2024; unsicher: Sonne bis Blitz)".
 */
export function lightText(l: SnapshotLight | null): string {
  if (l === null || l.symbol === null) return "keine Bewertung";
  const main = `${WEATHER_SIGNS[l.symbol]} ${WEATHER_LABELS[l.symbol]}`;
  if (!l.uncertain) return `${main} (${l.year})`;
  const ends = [l.low, l.high]
    .filter((s): s is WeatherSymbol => s !== null)
    .sort((a, b) => SEVERITY[a] - SEVERITY[b]);
  const range =
    ends.length === 2 && ends[0] !== ends[1]
      ? `: ${WEATHER_LABELS[ends[0]!]} bis ${WEATHER_LABELS[ends[1]!]}`
      : "";
  return `${main} (${l.year}; unsicher${range})`;
}

const sameLight = (a: SnapshotLight | null, b: SnapshotLight | null): boolean =>
  (a?.symbol ?? null) === (b?.symbol ?? null) &&
  (a?.uncertain ?? false) === (b?.uncertain ?? false);

/** The changes from `before` to `now`, each a sentence, in a fixed order (lights, goals, measures). */
export function controllingChanges(
  before: ControllingSnapshot,
  now: ControllingSnapshot,
): string[] {
  const out: string[] = [];
  const goalsBefore = new Map(before.goals.map((g) => [g.code, g]));
  const goalsNow = new Set(now.goals.map((g) => g.code));
  for (const g of now.goals) {
    const b = goalsBefore.get(g.code);
    if (b === undefined) {
      out.push(`Neues Ziel „${g.title}“: ${lightText(g.light)}.`);
    } else if (!sameLight(b.light, g.light)) {
      out.push(`Ampel geändert, „${g.title}“: ${lightText(b.light)} → ${lightText(g.light)}.`);
    }
  }
  for (const g of before.goals) {
    if (!goalsNow.has(g.code)) out.push(`Nicht mehr im Bericht: Ziel „${g.title}“.`);
  }
  const measuresBefore = new Map(before.measures.map((m) => [m.code, m]));
  const measuresNow = new Set(now.measures.map((m) => m.code));
  for (const m of now.measures) {
    const b = measuresBefore.get(m.code);
    if (b === undefined) out.push(`Neue Maßnahme „${m.title}“ (Status: ${m.state}).`);
    else if (b.state !== m.state) {
      out.push(
        ENDED.has(m.state)
          ? `Beendete Maßnahme „${m.title}“: ${b.state} → ${m.state}.`
          : `Status geändert, Maßnahme „${m.title}“: ${b.state} → ${m.state}.`,
      );
    }
  }
  for (const m of before.measures) {
    if (!measuresNow.has(m.code)) out.push(`Nicht mehr im Bericht: Maßnahme „${m.title}“.`);
  }
  return out;
}
