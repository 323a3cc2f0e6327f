/**
 * Reads a folder in the layout of the DNS indicator platform's data repository (Open SDG):
 * `data/indicator_<id>.csv` (the series) and `meta/<id>.md` (front matter with each target,
 * its category and target year and the published weather symbol per assessment year), and
 * recomputes every published rating with the core rule (`core/controlling/weather.ts`) from the
 * series up to the assessment year. Pure: the caller passes the files' text.
 *
 * The metadata give targets as German sentences and do not say which series of the CSV a
 * rating belongs to, so two readings are needed and both are kept strict: a target is read only
 * when its sentence has one of the forms listed in `readTargetText` or the series map
 * (`dns-series-map.ts`) reads it with stated grounds, and a series only when the map names it or
 * the CSV has an unambiguous one (see `pickSeries`). Everything else is counted as "nicht
 * nachrechenbar" with the reason, never guessed.
 */
import { parseCsv } from "../csv/parse-csv.ts";
import {
  rateTarget,
  WEATHER_LABELS,
  type TargetDefinition,
  type WeatherSymbol,
  type YearValue,
} from "../../core/controlling/weather.ts";
import { describeSeries, findSeriesChoice, type DnsSeriesChoice } from "./dns-series-map.ts";

/** A problem with one file or row, in German. */
export interface DnsIssue {
  readonly file: string;
  readonly line?: number;
  readonly message: string;
}

export interface DnsPublishedRating {
  readonly assessmentYear: number;
  /** As published: Sonne, Leicht bewölkt, Wolke, Blitz, or Keine, Ende, Später, … */
  readonly published: string;
  readonly title: string;
}

export interface DnsTarget {
  readonly number: number;
  readonly text: string;
  readonly category: string;
  readonly targetYear?: number;
  readonly ratings: readonly DnsPublishedRating[];
}

export interface DnsRatedIndicator {
  readonly number: number;
  readonly name: string;
  readonly targets: readonly DnsTarget[];
}

export interface DnsMeta {
  readonly id: string;
  readonly intention: string;
  readonly indicators: readonly DnsRatedIndicator[];
}

const PUBLISHED: Readonly<Record<string, WeatherSymbol>> = {
  Sonne: "sonne",
  "Leicht bewölkt": "leicht_bewoelkt",
  Wolke: "wolke",
  Blitz: "blitz",
};

/** Removes HTML tags and entities the metadata use, and collapses spaces. */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

function unquote(v: string): string {
  const t = v.trim();
  if (
    t.length >= 2 &&
    ((t.startsWith("'") && t.endsWith("'")) || (t.startsWith('"') && t.endsWith('"')))
  ) {
    return t.slice(1, -1).replace(/''/g, "'");
  }
  return t;
}

/** The `weather_*` fields and the intention of one `meta/<id>.md` file. */
export function parseDnsMeta(file: string, text: string): { meta: DnsMeta; issues: DnsIssue[] } {
  const issues: DnsIssue[] = [];
  const fields = new Map<string, { value: string; line: number }>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const m = /^([a-z][a-z0-9_]*):(.*)$/i.exec(raw);
    if (m) fields.set(m[1]!, { value: unquote(m[2]!), line: i + 1 });
  });
  const id = file.replace(/^.*\//, "").replace(/\.md$/, "");
  const get = (k: string): string | undefined => fields.get(k)?.value;
  const indicators: DnsRatedIndicator[] = [];
  for (let n = 1; get(`weather_indicator_${n}`) !== undefined; n++) {
    const years = new Map<string, number>();
    for (const letter of "abcdefg") {
      const key = `weather_indicator_${n}_year_${letter}`;
      const y = get(key);
      if (y === undefined || y === "") continue;
      if (!/^\d{4}$/.test(y)) {
        issues.push({
          file,
          line: fields.get(key)!.line,
          message: `${key}: „${y}“ ist kein Jahr.`,
        });
        continue;
      }
      years.set(letter, Number(y));
    }
    const targets: DnsTarget[] = [];
    for (let t = 1; get(`weather_indicator_${n}_target_${t}`) !== undefined; t++) {
      const p = `weather_indicator_${n}_target_${t}`;
      const ty = get(`${p}_targetYear`);
      if (ty !== undefined && ty !== "" && !/^\d{4}$/.test(ty)) {
        issues.push({
          file,
          line: fields.get(`${p}_targetYear`)!.line,
          message: `${p}_targetYear: „${ty}“ ist kein Jahr.`,
        });
      }
      const ratings: DnsPublishedRating[] = [];
      for (const [letter, year] of years) {
        const published = get(`${p}_item_${letter}`);
        if (published === undefined || published === "") continue;
        ratings.push({
          assessmentYear: year,
          published: plainText(published),
          title: plainText(get(`${p}_item_${letter}_title`) ?? ""),
        });
      }
      targets.push({
        number: t,
        text: plainText(get(p)!),
        category: get(`${p}_category`) ?? "normal",
        ...(ty !== undefined && /^\d{4}$/.test(ty) ? { targetYear: Number(ty) } : {}),
        ratings,
      });
    }
    indicators.push({ number: n, name: plainText(get(`weather_indicator_${n}`)!), targets });
  }
  return {
    meta: { id, intention: plainText(get("dns_indicator_intention") ?? ""), indicators },
    issues,
  };
}

/** The series of one `data/indicator_<id>.csv`: disaggregation columns → yearly values. */
export interface DnsSeriesTable {
  /** Disaggregation columns (all but Year, Value, Units, GeoCode). */
  readonly columns: readonly string[];
  /** One entry per distinct combination of disaggregation values, in order of appearance. */
  readonly series: readonly {
    readonly key: readonly string[];
    readonly values: YearValue[];
    /** The `Units` labels of the series' rows (usually one, e.g. "1990 = 100"). */
    readonly units: readonly string[];
  }[];
}

const NOT_DISAGGREGATION = new Set(["year", "value", "units", "geocode"]);

export function parseDnsSeries(
  file: string,
  text: string,
): { table: DnsSeriesTable; issues: DnsIssue[] } {
  const issues: DnsIssue[] = [];
  const parsed = parseCsv(text.replace(/^\uFEFF/, ""), { delimiter: "," });
  if (!parsed.ok) {
    return {
      table: { columns: [], series: [] },
      issues: [{ file, message: `Die CSV-Datei ist nicht lesbar: ${parsed.error.message}` }],
    };
  }
  const [header, ...rows] = parsed.value.rows;
  const names = (header ?? []).map((h) => h.trim());
  const yearAt = names.findIndex((h) => h.toLowerCase() === "year");
  const valueAt = names.findIndex((h) => h.toLowerCase() === "value");
  if (yearAt < 0 || valueAt < 0) {
    return {
      table: { columns: [], series: [] },
      issues: [{ file, line: 1, message: "Die Kopfzeile braucht die Spalten „Year“ und „Value“." }],
    };
  }
  const unitsAt = names.findIndex((h) => h.toLowerCase() === "units");
  const dis = names
    .map((h, i) => [h, i] as const)
    .filter(([h]) => !NOT_DISAGGREGATION.has(h.toLowerCase()));
  const byKey = new Map<string, { key: string[]; values: YearValue[]; units: string[] }>();
  rows.forEach((row, i) => {
    const line = parsed.value.lines[i + 1]!;
    const yearText = (row[yearAt] ?? "").trim();
    const valueText = (row[valueAt] ?? "").trim();
    if (valueText === "") return; // a missing value is a gap, not an error
    const year = Number(yearText);
    const value = Number(valueText);
    // A survey period ("2014-2017") is no yearly value; the rule needs yearly values.
    if (/^\d{4}\s*[-–]\s*\d{4}$/.test(yearText)) return;
    if (!/^\d{4}$/.test(yearText)) {
      issues.push({ file, line, message: `Spalte „Year“: „${yearText}“ ist kein Jahr.` });
      return;
    }
    if (!Number.isFinite(value)) {
      issues.push({ file, line, message: `Spalte „Value“: „${valueText}“ ist keine Zahl.` });
      return;
    }
    const key = dis.map(([, at]) => (row[at] ?? "").trim());
    const k = JSON.stringify(key);
    let s = byKey.get(k);
    if (!s) byKey.set(k, (s = { key, values: [], units: [] }));
    s.values.push({ year, value });
    const unit = unitsAt < 0 ? "" : (row[unitsAt] ?? "").trim();
    if (unit !== "" && !s.units.includes(unit)) s.units.push(unit);
  });
  return { table: { columns: dis.map(([h]) => h), series: [...byKey.values()] }, issues };
}

const REGIONAL = /state|county|geo|land|sea|area|region/i;

/** A chosen series: its values, its units, and in German which series it is and why. */
export interface PickedSeries {
  readonly values: YearValue[];
  readonly units: readonly string[];
  readonly description: string;
}

/**
 * The series a rating belongs to, or why it cannot be told. With an entry in the series map
 * (`dns-series-map.ts`): the series it names. Otherwise, with one rated indicator: the headline
 * series (every disaggregation column empty). With several: the national series (regional
 * columns empty) in order of appearance, when there are exactly as many as rated indicators.
 */
export function pickSeries(
  table: DnsSeriesTable,
  indicatorNumber: number,
  indicatorCount: number,
  choice?: DnsSeriesChoice,
): PickedSeries | { reason: string } {
  if (choice) return pickMappedSeries(table, choice);
  if (indicatorCount === 1) {
    const headline = table.series.find((s) => s.key.every((v) => v === ""));
    if (headline) return { ...headline, description: "Hauptreihe ohne Untergliederung" };
    if (table.series.length === 1) {
      return { ...table.series[0]!, description: "einzige Reihe der Datei" };
    }
    return {
      reason: `Zeitreihe nicht eindeutig: ${table.series.length} Reihen, keine ohne Untergliederung.`,
    };
  }
  const national = table.series.filter((s) =>
    s.key.every((v, i) => v === "" || !REGIONAL.test(table.columns[i]!)),
  );
  const plain = national.filter((s) => s.key.filter((v) => v !== "").length <= 1);
  if (plain.length === indicatorCount) {
    return {
      ...plain[indicatorNumber - 1]!,
      description: `${indicatorNumber}. bundesweite Reihe der Datei`,
    };
  }
  return {
    reason: `Zeitreihe nicht eindeutig: ${plain.length} bundesweite Reihen für ${indicatorCount} bewertete Indikatoren.`,
  };
}

/**
 * The series a map entry names: for each part the one series whose named columns have the
 * given values and whose other disaggregation columns are empty, cut to the part's years.
 */
export function pickMappedSeries(
  table: DnsSeriesTable,
  choice: DnsSeriesChoice,
): PickedSeries | { reason: string } {
  const values: YearValue[] = [];
  const units: string[] = [];
  for (const part of choice.series) {
    const unknown = Object.keys(part.where).filter((c) => !table.columns.includes(c));
    if (unknown.length > 0) {
      return {
        reason: `Zuordnung der Zeitreihe: Spalte „${unknown.join("“, „")}“ fehlt in der CSV.`,
      };
    }
    const found = table.series.find((s) =>
      s.key.every((v, i) => v === (part.where[table.columns[i]!] ?? "")),
    );
    if (!found) {
      return {
        reason: `Zuordnung der Zeitreihe: keine Reihe ${describeSeries(choice)} in der CSV.`,
      };
    }
    values.push(
      ...found.values.filter(
        (v) =>
          (part.fromYear === undefined || v.year >= part.fromYear) &&
          (part.toYear === undefined || v.year <= part.toYear),
      ),
    );
    for (const u of found.units) if (!units.includes(u)) units.push(u);
  }
  return {
    values,
    units,
    description: `Reihe ${describeSeries(choice)} (${choice.grounds})`,
  };
}

// Whole words where a word is also the start of others ("unter" in "Unternehmen").
const DOWN =
  /\b(senkung|minderung|verringerung|reduzierung|reduktion|rückgang|stoppen|unterschreitung|kleiner|höchstens)|\bunter\b|\bmax\./i;
const UP = /\b(erhöhung|steigerung|anstieg|verdopplung|mindestens|wachstum)/i;
const KEEP = /\b(jährlich|jährliches|beibehaltung|halten|einhaltung|dauerhaft)/i;

/** A number written the German way ("6 500", "0,7", "50 Millionen" → 50). */
function germanNumber(s: string): number {
  return Number(s.replace(/\s/g, "").replace(/\./g, "").replace(",", "."));
}

/** The base year of an index unit ("1990 = 100" → 1990), if the series has exactly one such unit. */
export function unitBaseYear(units: readonly string[]): number | undefined {
  if (units.length !== 1) return undefined;
  const m = /^((?:19|20)\d{2})\s*=\s*100$/.exec(units[0]!.trim());
  return m ? Number(m[1]) : undefined;
}

/** A target read from its sentence, with a German note on how where it is not obvious. */
export type TargetReading = { target: TargetDefinition; note?: string } | { reason: string };

/**
 * The target of a DNS target sentence, or why it cannot be read. Forms read:
 * - no number at all ("Kontinuierliche Reduzierung", "Steigerung der Zahlungen bis 2030"): a
 *   direction, from the verb;
 * - "auf (unter) X", "X % …", "Indexwert X", "von X": a value; with a target year a value by
 *   that year, with "jährlich", "halten", "Beibehaltung", "Einhaltung" and without a target
 *   year a limit; "X bis Y" a corridor;
 * - "um X % … gegenüber JJJJ" and "Verdopplung … gegenüber JJJJ": a value relative to the
 *   series' value in that year; without "gegenüber JJJJ" the base is the index base year of the
 *   series' unit ("1990 = 100", `indexBaseYear`), where it has one.
 * The direction of a value target is the sentence's verb ("Steigerung", "Senkung", "Rückgang",
 * …); only a sentence without one ("Erreichen des Indexwertes 100") takes it from the latest
 * value: a target below it is to fall.
 */
export function readTargetText(
  text: string,
  targetYear: number | undefined,
  values: readonly YearValue[],
  latest: number,
  indexBaseYear?: number,
): TargetReading {
  // Years ("bis 2030", "2028-2032", "gegenüber 2014") are not target values.
  const base = /gegenüber (\d{4})/.exec(text);
  const stripped = text
    .replace(/gegenüber \d{4}/g, "")
    .replace(/\b(19|20)\d{2}\b/g, "")
    .replace(/je 100 000/g, "")
    .replace(/PM₁₀|CO₂|EU-27/g, "");
  const verbDirection = DOWN.test(text) ? "down" : UP.test(text) ? "up" : undefined;
  const numbers = [...stripped.matchAll(/\d+(?:[ .]\d{3})*(?:,\d+)?/g)].map((m) =>
    germanNumber(m[0]),
  );
  if (numbers.length === 0) {
    if (/verdopplung/i.test(text) && base) return relative(2, Number(base[1]), targetYear, values);
    if (!verbDirection) return { reason: "Zielsatz ohne Zahl und ohne erkennbare Richtung." };
    return { target: { kind: "direction", direction: verbDirection } };
  }
  if (/\bum\b/i.test(stripped)) {
    const pctValue = Math.min(...numbers);
    const factor = verbDirection === "down" ? 1 - pctValue / 100 : 1 + pctValue / 100;
    if (base) return relative(factor, Number(base[1]), targetYear, values);
    if (indexBaseYear === undefined) {
      return { reason: "Relatives Ziel („um … %“) ohne Basisjahr im Zielsatz." };
    }
    const reading = relative(factor, indexBaseYear, targetYear, values);
    return "target" in reading
      ? {
          ...reading,
          note: `Basisjahr ${indexBaseYear} aus der Einheit der Reihe („${indexBaseYear} = 100“)`,
        }
      : reading;
  }
  if (numbers.length > 2) return { reason: "Zielsatz mit mehr als zwei Zahlen." };
  const direction = (v: number): "up" | "down" => verbDirection ?? (v < latest ? "down" : "up");
  if (numbers.length === 2 && /\bbis\b/.test(stripped)) {
    const [low, high] = [Math.min(...numbers), Math.max(...numbers)];
    if (targetYear === undefined) return { reason: "Zielkorridor ohne Zieljahr." };
    return {
      target: { kind: "corridor", direction: direction((low + high) / 2), low, high, targetYear },
    };
  }
  if (numbers.length === 2) return { reason: "Zielsatz mit zwei Zahlen, die kein Korridor sind." };
  const value = numbers[0]!;
  if (KEEP.test(text) || targetYear === undefined) {
    if (!verbDirection) return { reason: "Grenzwert ohne erkennbare Richtung." };
    return { target: { kind: "limit", direction: verbDirection, value } };
  }
  return { target: { kind: "value_by_year", direction: direction(value), value, targetYear } };
}

function relative(
  factor: number,
  baseYear: number,
  targetYear: number | undefined,
  values: readonly YearValue[],
): TargetReading {
  const b = values.find((v) => v.year === baseYear);
  if (!b) return { reason: `Kein Wert für das Basisjahr ${baseYear}.` };
  if (targetYear === undefined) return { reason: "Relatives Ziel ohne Zieljahr." };
  const value = b.value * factor;
  return {
    target: { kind: "value_by_year", direction: factor < 1 ? "down" : "up", value, targetYear },
  };
}

/** One published rating beside the recomputed one. */
export interface DnsComparison {
  readonly indicatorId: string;
  readonly indicator: string;
  readonly target: string;
  readonly category: string;
  readonly assessmentYear: number;
  readonly published: string;
  /** `null` where no rating could be computed. */
  readonly computed: WeatherSymbol | null;
  /** `false` where the published symbol is not a weather symbol or the rating cannot be recomputed. */
  readonly reproducible: boolean;
  readonly agrees: boolean;
  readonly reason: string;
}

/**
 * Recomputes every published rating of one indicator file pair. `findChoice` gives the series
 * map's entry for a rated indicator (default: `DNS_SERIES_MAP`); each rating's reason names the
 * series used and, where the map reads the target, why.
 */
export function compareDnsRatings(
  meta: DnsMeta,
  table: DnsSeriesTable,
  findChoice: (file: string, indicator: number) => DnsSeriesChoice | undefined = findSeriesChoice,
): DnsComparison[] {
  const out: DnsComparison[] = [];
  for (const ind of meta.indicators) {
    const choice = findChoice(meta.id, ind.number);
    const picked = pickSeries(table, ind.number, meta.indicators.length, choice);
    for (const t of ind.targets) {
      for (const r of t.ratings) {
        const row = {
          indicatorId: meta.id,
          indicator: ind.name,
          target: t.text,
          category: t.category,
          assessmentYear: r.assessmentYear,
          published: r.published,
        };
        const publishedSymbol = PUBLISHED[r.published];
        const skip = (reason: string): DnsComparison => ({
          ...row,
          computed: null,
          reproducible: false,
          agrees: false,
          reason,
        });
        if (publishedSymbol === undefined) {
          out.push(skip(`Kein Wettersymbol veröffentlicht („${r.published}“).`));
          continue;
        }
        if ("reason" in picked) {
          out.push(skip(picked.reason));
          continue;
        }
        const upTo = picked.values.filter((v) => v.year <= r.assessmentYear);
        const latest = upTo.find((v) => v.year === r.assessmentYear);
        if (!latest) {
          out.push(skip(`Kein Wert für ${r.assessmentYear} in der Zeitreihe.`));
          continue;
        }
        const mapped = choice?.targets?.[t.number];
        if (mapped?.kind === "not_reproducible") {
          out.push(skip(mapped.reason));
          continue;
        }
        const read: TargetReading =
          mapped?.kind === "target"
            ? { target: mapped.target, note: `Ziel gelesen als: ${mapped.grounds}` }
            : readTargetText(
                t.text,
                t.targetYear,
                picked.values,
                latest.value,
                unitBaseYear(picked.units),
              );
        if ("reason" in read) {
          out.push(skip(`${read.reason} ${seriesNote(picked)}`));
          continue;
        }
        const rating = rateTarget(picked.values, read.target, r.assessmentYear);
        if (rating.symbol === null) {
          out.push(skip(`${rating.reason} ${seriesNote(picked)}`));
          continue;
        }
        const note = read.note === undefined ? "" : ` ${read.note}.`;
        out.push({
          ...row,
          computed: rating.symbol,
          reproducible: true,
          agrees: rating.symbol === publishedSymbol,
          reason: `${rating.reason}${note} ${seriesNote(picked)}`,
        });
      }
    }
  }
  return out;
}

function seriesNote(picked: PickedSeries): string {
  return `Zeitreihe: ${picked.description}.`;
}

export { WEATHER_LABELS };
