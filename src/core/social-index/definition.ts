/**
 * The definition of a composite social index in the manner of Berlin's "Monitoring Soziale
 * Stadtentwicklung" (MSS): status indicators (shares at the reference date) and dynamics
 * indicators (their change over a span, in percentage points), each standardised across the
 * areas, summed per dimension and standardised again; the two indices are cut into classes
 * by thresholds and crossed into the status × dynamics matrix. Method, formulas and sources:
 * docs/methods/social-index.md.
 */
import { err, ok, type Result } from "../result.ts";

/** Whether a high value of an indicator marks a worse or a better social situation. */
export type Direction = "higher_is_worse" | "higher_is_better";

export interface IndexIndicator {
  /** The indicator's code in the catalogue (or the column in a CSV). */
  readonly code: string;
  readonly label: string;
  readonly direction: Direction;
  /** Weight in the sum of its dimension; MSS weighs every indicator 1. */
  readonly weight: number;
  /**
   * For a dynamics indicator computed from stored data: the indicator whose change over
   * `dynamicsYears` it is (value at the period minus value `dynamicsYears` earlier). Without
   * it the indicator's own values are read as the change (as MSS publishes them).
   */
  readonly of?: string | undefined;
}

/**
 * - `z`: (x − mean) / SD over the included areas, unweighted mean, population SD (÷ n): MSS.
 * - `z_weighted`: the same with mean and SD weighted by the areas' population.
 * - `min_max`: (x − min) / (max − min), 0 … 1.
 */
export type Standardisation = "z" | "z_weighted" | "min_max";

/** One class of an index: the values up to `upTo` (with or without it); the last has none. */
export interface ClassBand {
  readonly key: string;
  readonly label: string;
  /** The upper bound; null for the last, open-ended class. */
  readonly upTo: number | null;
  /** Whether a value equal to `upTo` belongs to this class (else to the next). */
  readonly inclusive: boolean;
}

export interface ManualExclusion {
  readonly area: string;
  readonly reason: string;
}

export interface IndexDefinition {
  readonly code: string;
  readonly name: string;
  readonly status: readonly IndexIndicator[];
  /** May be empty: an index of the status alone. */
  readonly dynamics: readonly IndexIndicator[];
  /** Shown beside the index, never part of it. */
  readonly context: readonly string[];
  /** The span of the dynamics in years (MSS: 2, the change 31.12.2018 → 31.12.2020). */
  readonly dynamicsYears: number;
  readonly standardisation: Standardisation;
  readonly statusClasses: readonly ClassBand[];
  readonly dynamicsClasses: readonly ClassBand[];
  readonly exclusions: {
    /** Areas with fewer inhabitants are left out (MSS: 300). */
    readonly minPopulation: number;
    readonly manual: readonly ManualExclusion[];
  };
}

/**
 * MSS status classes on the status index: hoch < −1 ≤ mittel ≤ +1 < niedrig ≤ +1.5 < sehr
 * niedrig (a high index means a low social status). Source: SenSBW, MSS 2021, Methodik.
 */
export const MSS_STATUS_CLASSES: readonly ClassBand[] = [
  { key: "high", label: "hoch", upTo: -1, inclusive: false },
  { key: "medium", label: "mittel", upTo: 1, inclusive: true },
  { key: "low", label: "niedrig", upTo: 1.5, inclusive: true },
  { key: "very_low", label: "sehr niedrig", upTo: null, inclusive: false },
];

/** MSS dynamics classes: positiv < −1 ≤ stabil ≤ +1 < negativ. */
export const MSS_DYNAMICS_CLASSES: readonly ClassBand[] = [
  { key: "positive", label: "positiv", upTo: -1, inclusive: false },
  { key: "stable", label: "stabil", upTo: 1, inclusive: true },
  { key: "negative", label: "negativ", upTo: null, inclusive: false },
];

/** The MSS defaults for everything but the indicators. */
export const MSS_DEFAULTS = {
  context: [],
  dynamicsYears: 2,
  standardisation: "z",
  statusClasses: MSS_STATUS_CLASSES,
  dynamicsClasses: MSS_DYNAMICS_CLASSES,
  exclusions: { minPopulation: 300, manual: [] },
} as const satisfies Omit<IndexDefinition, "code" | "name" | "status" | "dynamics">;

/** The position of a value's class: the first band whose bound it does not pass. */
export function classIndex(value: number, bands: readonly ClassBand[]): number {
  for (let i = 0; i < bands.length; i++) {
    const band = bands[i]!;
    if (band.upTo === null) return i;
    if (value < band.upTo || (band.inclusive && value === band.upTo)) return i;
  }
  // A valid definition's last band is open-ended; this is only reached for invalid ones.
  throw new Error("classIndex: the last class band must have no upper bound");
}

/** The class of a value. */
export function classOf(value: number, bands: readonly ClassBand[]): ClassBand {
  return bands[classIndex(value, bands)]!;
}

function checkBands(name: string, bands: readonly ClassBand[], problems: string[]): void {
  if (bands.length < 2) problems.push(`${name}: mindestens zwei Klassen angeben.`);
  const keys = new Set<string>();
  bands.forEach((b, i) => {
    if (keys.has(b.key)) problems.push(`${name}: Klasse „${b.key}“ doppelt.`);
    keys.add(b.key);
    const last = i === bands.length - 1;
    if (last && b.upTo !== null) {
      problems.push(`${name}: die letzte Klasse („${b.label}“) hat keine Obergrenze.`);
    }
    if (!last && (b.upTo === null || !Number.isFinite(b.upTo))) {
      problems.push(`${name}: Klasse „${b.label}“ braucht eine Obergrenze.`);
    }
    const previous = bands[i - 1];
    if (previous?.upTo != null && b.upTo !== null && b.upTo <= previous.upTo) {
      problems.push(
        `${name}: die Obergrenzen müssen steigen („${previous.label}“ ${previous.upTo}, „${b.label}“ ${b.upTo}).`,
      );
    }
  });
}

/** Checks a definition; every problem is named in German. */
export function validateDefinition(d: IndexDefinition): Result<IndexDefinition, string[]> {
  const problems: string[] = [];
  if (d.code.trim() === "") problems.push("Der Index braucht einen Code.");
  if (d.status.length === 0) problems.push("Mindestens ein Status-Indikator ist nötig.");
  const codes = new Set<string>();
  for (const i of [...d.status, ...d.dynamics]) {
    if (codes.has(i.code)) problems.push(`Indikator „${i.code}“ steht zweimal im Index.`);
    codes.add(i.code);
    if (!(i.weight > 0) || !Number.isFinite(i.weight)) {
      problems.push(`Indikator „${i.code}“: das Gewicht muss eine positive Zahl sein.`);
    }
  }
  for (const c of d.context) {
    if (codes.has(c)) problems.push(`„${c}“ ist Index- und Kontextindikator zugleich.`);
  }
  checkBands("Statusklassen", d.statusClasses, problems);
  if (d.dynamics.length > 0) checkBands("Dynamikklassen", d.dynamicsClasses, problems);
  if (!(d.exclusions.minPopulation >= 0)) {
    problems.push("Die Mindest-Einwohnerzahl darf nicht negativ sein.");
  }
  if (!(d.dynamicsYears > 0) || !Number.isInteger(d.dynamicsYears)) {
    problems.push("Die Spanne der Dynamik ist eine ganze Zahl von Jahren ab 1.");
  }
  const manual = new Set<string>();
  for (const m of d.exclusions.manual) {
    if (m.reason.trim() === "") problems.push(`Ausschluss von „${m.area}“: Grund angeben.`);
    if (manual.has(m.area)) problems.push(`Gebiet „${m.area}“ ist zweimal ausgeschlossen.`);
    manual.add(m.area);
  }
  return problems.length > 0 ? err(problems) : ok(d);
}

/**
 * The manual exclusions that name no area of `codes` (the areas of the input), each said in
 * German; empty when every exclusion finds its area. An exclusion that finds nothing would
 * leave its area in the index without a word — a code that lost its leading zero on the way
 * through a spreadsheet changes the mean, the SD and so other areas' classes. When a code
 * matches but for leading zeros, the message names the one meant.
 */
export function unmatchedExclusions(
  definition: Pick<IndexDefinition, "exclusions">,
  codes: Iterable<string>,
): string[] {
  const manual = definition.exclusions.manual;
  if (manual.length === 0) return [];
  const known = new Set(codes);
  const unpadded = new Map<string, string>();
  for (const c of known) {
    const bare = c.replace(/^0+(?=.)/, "");
    if (!unpadded.has(bare)) unpadded.set(bare, c);
  }
  return manual
    .filter((m) => !known.has(m.area))
    .map((m) => {
      const meant = unpadded.get(m.area.replace(/^0+(?=.)/, ""));
      return `Ausschluss von „${m.area}“ (${m.reason}): dieses Gebiet steht nicht in der Tabelle${
        meant === undefined ? "" : `; gemeint ist vielleicht „${meant}“ (führende Nullen)`
      }.`;
    });
}
