/**
 * A deterministic, Berlin-sized data set for the benchmarks: the real LOR 2021 hierarchy
 * (1 city, 12 boroughs, 58 forecast areas, 143 district regions, 542 planning areas; codes and
 * names from bench/fixtures/berlin-lor-2021.csv), 92 count variables, 40 rate indicators and
 * 20 half-years 2015-H1 … 2024-H2. The figures are synthetic, drawn from a seeded PRNG, and
 * exist only at the 542 planning areas: 542 × 92 × 20 = 997,280 observations. The same seed
 * always gives the same bytes.
 */
import { readFileSync } from "node:fs";
import type { z } from "zod";
import type { catalogueSchema } from "../../src/contracts/documents/catalogue.ts";

/** The catalogue file as written by hand (defaults may be left out). */
export type CatalogueFile = z.input<typeof catalogueSchema>;

export const DEFAULT_SEED = 20_240_630;
export const WORKSPACE_SLUG = "berlin-bench";
export const AREA_SYSTEM = "lor2021";
export const PLANNING_AREA_LEVEL = "planning_area";

/** The mapping of the long CSV below, in the format of src/imports/mapping/mapping-schema.ts. */
export const OBSERVATION_MAPPING = {
  format: "csv",
  layout: "long",
  area: { column: "gebiet" },
  variable: { column: "merkmal" },
  period: { column: "zeitraum" },
  value: { column: "wert" },
  numbers: { decimal: ".", thousands: "" },
} as const;

export interface DatasetArea {
  readonly code: string;
  readonly name: string;
  readonly level: string;
  readonly parent: string | null;
}

/** A variable: a share (with area-to-area spread) of its base variable, or the population. */
interface VariableSpec {
  readonly code: string;
  readonly name: string;
  /** `null` for the population itself. */
  readonly base: string | null;
  readonly share: number;
  readonly measure: "stock" | "flow";
}

export interface IndicatorSpec {
  readonly code: string;
  readonly name: string;
  readonly theme: string;
  readonly numerator: readonly string[];
  readonly denominator: readonly string[];
  readonly factor: 100 | 1000;
  readonly polarity: "higher_is_better" | "lower_is_better" | "neutral";
}

export interface BerlinDataset {
  readonly seed: number;
  readonly catalogue: CatalogueFile;
  /** Parents before children. */
  readonly areas: readonly DatasetArea[];
  /** The planning areas, in the order of `values`. */
  readonly leafCodes: readonly string[];
  readonly variableCodes: readonly string[];
  readonly periodCodes: readonly string[];
  readonly indicators: readonly IndicatorSpec[];
  /** Counts at the leaves: `(period * variables + variable) * leaves + leaf`. */
  readonly values: Float64Array;
  readonly observationCount: number;
}

/** mulberry32: a small, fast, seedable PRNG giving floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A standard normal draw (Box–Muller) from a uniform PRNG. */
function gaussian(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * The 92 variables, one a line: code | base variable | share of the base (the mean; each
 * planning area gets its own share around it) | stock or flow | name. Every base comes before
 * the variables derived from it; `pop_total` itself grows by its own trend per area.
 */
const VARIABLE_TABLE = `
pop_total                 | -                        | 1      | stock | Einwohnerinnen und Einwohner
pop_male                  | pop_total                | 0.49   | stock | Einwohner, männlich
pop_female                | pop_total                | 0.51   | stock | Einwohnerinnen, weiblich
pop_age_00_03             | pop_total                | 0.03   | stock | Einwohner 0 bis unter 3 Jahre
pop_age_03_06             | pop_total                | 0.03   | stock | Einwohner 3 bis unter 6 Jahre
pop_age_06_10             | pop_total                | 0.035  | stock | Einwohner 6 bis unter 10 Jahre
pop_age_10_15             | pop_total                | 0.045  | stock | Einwohner 10 bis unter 15 Jahre
pop_age_15_18             | pop_total                | 0.025  | stock | Einwohner 15 bis unter 18 Jahre
pop_age_18_25             | pop_total                | 0.07   | stock | Einwohner 18 bis unter 25 Jahre
pop_age_25_45             | pop_total                | 0.31   | stock | Einwohner 25 bis unter 45 Jahre
pop_age_45_65             | pop_total                | 0.26   | stock | Einwohner 45 bis unter 65 Jahre
pop_age_65_80             | pop_total                | 0.15   | stock | Einwohner 65 bis unter 80 Jahre
pop_age_80_plus           | pop_total                | 0.065  | stock | Einwohner 80 und älter Jahre
pop_f_age_00_03           | pop_age_00_03            | 0.49   | stock | Einwohnerinnen 0 bis unter 3 Jahre
pop_f_age_03_06           | pop_age_03_06            | 0.49   | stock | Einwohnerinnen 3 bis unter 6 Jahre
pop_f_age_06_10           | pop_age_06_10            | 0.49   | stock | Einwohnerinnen 6 bis unter 10 Jahre
pop_f_age_10_15           | pop_age_10_15            | 0.49   | stock | Einwohnerinnen 10 bis unter 15 Jahre
pop_f_age_15_18           | pop_age_15_18            | 0.48   | stock | Einwohnerinnen 15 bis unter 18 Jahre
pop_f_age_18_25           | pop_age_18_25            | 0.5    | stock | Einwohnerinnen 18 bis unter 25 Jahre
pop_f_age_25_45           | pop_age_25_45            | 0.49   | stock | Einwohnerinnen 25 bis unter 45 Jahre
pop_f_age_45_65           | pop_age_45_65            | 0.5    | stock | Einwohnerinnen 45 bis unter 65 Jahre
pop_f_age_65_80           | pop_age_65_80            | 0.55   | stock | Einwohnerinnen 65 bis unter 80 Jahre
pop_f_age_80_plus         | pop_age_80_plus          | 0.63   | stock | Einwohnerinnen 80 und älter Jahre
pop_under_18              | pop_total                | 0.165  | stock | Einwohner unter 18 Jahren
pop_18_65                 | pop_total                | 0.64   | stock | Einwohner von 18 bis unter 65 Jahren
pop_65_plus               | pop_total                | 0.195  | stock | Einwohner ab 65 Jahren
pop_15_65                 | pop_total                | 0.665  | stock | Einwohner von 15 bis unter 65 Jahren
foreigners                | pop_total                | 0.22   | stock | Ausländerinnen und Ausländer
foreigners_eu             | foreigners               | 0.38   | stock | Ausländer aus EU-Staaten
foreigners_non_eu         | foreigners               | 0.62   | stock | Ausländer aus Nicht-EU-Staaten
foreigners_under_18       | foreigners               | 0.15   | stock | Ausländer unter 18 Jahren
foreigners_65_plus        | foreigners               | 0.08   | stock | Ausländer ab 65 Jahren
migration_bg              | pop_total                | 0.37   | stock | Einwohner mit Migrationshintergrund
migration_bg_under_18     | pop_under_18             | 0.5    | stock | Unter 18-Jährige mit Migrationshintergrund
migration_bg_18_65        | pop_18_65                | 0.4    | stock | 18- bis unter 65-Jährige mit Migrationshintergrund
migration_bg_65_plus      | pop_65_plus              | 0.18   | stock | Ab 65-Jährige mit Migrationshintergrund
residence_5y_plus         | pop_total                | 0.6    | stock | Wohndauer 5 Jahre und mehr
moved_in_last_2y          | pop_total                | 0.2    | stock | Zugezogen in den letzten 2 Jahren
households                | pop_total                | 0.55   | stock | Haushalte
households_single         | households               | 0.5    | stock | Einpersonenhaushalte
households_with_children  | households               | 0.18   | stock | Haushalte mit Kindern
households_single_parent  | households_with_children | 0.25   | stock | Alleinerziehendenhaushalte
households_65_plus_single | households               | 0.08   | stock | Alleinlebende ab 65 Jahren
sgb2_persons              | pop_18_65                | 0.14   | stock | Leistungsberechtigte nach SGB II
sgb2_employable           | sgb2_persons             | 0.7    | stock | Erwerbsfähige Leistungsberechtigte (SGB II)
sgb2_non_employable       | sgb2_persons             | 0.3    | stock | Nicht erwerbsfähige Leistungsberechtigte
sgb2_under_15             | pop_under_18             | 0.22   | stock | Leistungsberechtigte unter 15 Jahren (SGB II)
sgb2_under_18             | pop_under_18             | 0.26   | stock | Leistungsberechtigte unter 18 Jahren (SGB II)
sgb2_single_parents       | households_single_parent | 0.4    | stock | Alleinerziehende im SGB-II-Bezug
sgb2_households           | households               | 0.09   | stock | Bedarfsgemeinschaften (SGB II)
sgb2_long_term            | sgb2_employable          | 0.5    | stock | Langzeitleistungsbeziehende (SGB II)
sgb2_foreign              | sgb2_persons             | 0.4    | stock | Ausländische Leistungsberechtigte (SGB II)
unemployed                | pop_15_65                | 0.06   | stock | Arbeitslose
unemployed_sgb2           | unemployed               | 0.65   | stock | Arbeitslose im Rechtskreis SGB II
unemployed_sgb3           | unemployed               | 0.35   | stock | Arbeitslose im Rechtskreis SGB III
unemployed_long_term      | unemployed               | 0.35   | stock | Langzeitarbeitslose
unemployed_under_25       | unemployed               | 0.08   | stock | Arbeitslose unter 25 Jahren
unemployed_foreign        | unemployed               | 0.3    | stock | Ausländische Arbeitslose
unemployed_55_plus        | unemployed               | 0.2    | stock | Arbeitslose ab 55 Jahren
unemployed_female         | unemployed               | 0.45   | stock | Arbeitslose Frauen
employees_svb             | pop_15_65                | 0.6    | stock | Sozialversicherungspflichtig Beschäftigte
employees_svb_female      | employees_svb            | 0.48   | stock | Sozialversicherungspflichtig beschäftigte Frauen
employees_svb_foreign     | employees_svb            | 0.15   | stock | Sozialversicherungspflichtig beschäftigte Ausländer
employees_marginal        | pop_15_65                | 0.08   | stock | Geringfügig Beschäftigte
sgb12_basic_65_plus       | pop_65_plus              | 0.06   | stock | Grundsicherung im Alter (SGB XII)
sgb12_basic_18_65         | pop_18_65                | 0.01   | stock | Grundsicherung bei Erwerbsminderung (SGB XII)
sgb12_subsistence         | pop_total                | 0.005  | stock | Hilfe zum Lebensunterhalt (SGB XII)
dwellings                 | pop_total                | 0.52   | stock | Wohnungen
dwellings_social          | dwellings                | 0.08   | stock | Sozialwohnungen
wohngeld_households       | households               | 0.03   | stock | Wohngeldhaushalte
dwellings_1_2_rooms       | dwellings                | 0.35   | stock | Wohnungen mit 1 bis 2 Räumen
kita_children_0_3         | pop_age_00_03            | 0.45   | stock | Kinder unter 3 Jahren in Kindertagesbetreuung
kita_children_3_6         | pop_age_03_06            | 0.93   | stock | Kinder von 3 bis 6 Jahren in Kindertagesbetreuung
pupils_primary            | pop_age_06_10            | 0.97   | stock | Grundschülerinnen und -schüler
pupils_secondary          | pop_age_10_15            | 0.9    | stock | Schülerinnen und Schüler der Sekundarstufe
language_support          | pop_age_03_06            | 0.2    | stock | Kinder mit Sprachförderbedarf
hze_cases                 | pop_under_18             | 0.02   | stock | Hilfen zur Erziehung
hze_out_of_home           | hze_cases                | 0.4    | stock | Hilfen zur Erziehung außerhalb des Elternhauses
child_protection_notices  | pop_under_18             | 0.01   | stock | Meldungen zur Kindeswohlgefährdung
school_entry_exams        | pop_age_06_10            | 0.23   | stock | Einschulungsuntersuchungen
school_entry_overweight   | school_entry_exams       | 0.1    | stock | Übergewicht bei der Einschulung
school_entry_dental       | school_entry_exams       | 0.15   | stock | Zahnbefund bei der Einschulung
births                    | pop_total                | 0.0055 | flow  | Geburten
deaths                    | pop_total                | 0.005  | flow  | Sterbefälle
moves_in                  | pop_total                | 0.04   | flow  | Zuzüge
moves_out                 | pop_total                | 0.039  | flow  | Fortzüge
moves_within              | pop_total                | 0.03   | flow  | Umzüge innerhalb des Gebiets
moves_in_foreign          | pop_total                | 0.012  | flow  | Zuzüge aus dem Ausland
naturalisations           | foreigners               | 0.0015 | flow  | Einbürgerungen
severely_disabled         | pop_total                | 0.1    | stock | Schwerbehinderte Menschen
care_recipients           | pop_65_plus              | 0.2    | stock | Pflegebedürftige
pop_secondary_residence   | pop_total                | 0.02   | stock | Einwohner mit Nebenwohnung
`;

/**
 * The 40 indicators, one a line under their theme (`# theme`): code | numerator | denominator
 * (Σ of the variables named) | factor | polarity (higher or lower is better, or neutral) | name.
 */
const INDICATOR_TABLE = `
# Bevölkerung
share_under_18              | pop_under_18                     | pop_total                | 100  | neutral | Anteil unter 18-Jähriger
share_65_plus               | pop_65_plus                      | pop_total                | 100  | neutral | Anteil ab 65-Jähriger
share_80_plus               | pop_age_80_plus                  | pop_total                | 100  | neutral | Anteil Hochbetagter
share_female                | pop_female                       | pop_total                | 100  | neutral | Frauenanteil
share_foreigners            | foreigners                       | pop_total                | 100  | neutral | Ausländeranteil
share_foreigners_non_eu     | foreigners_non_eu                | foreigners               | 100  | neutral | Anteil Nicht-EU-Ausländer
share_migration_bg          | migration_bg                     | pop_total                | 100  | neutral | Anteil mit Migrationshintergrund
share_migration_bg_under_18 | migration_bg_under_18            | pop_under_18             | 100  | neutral | Unter 18-Jährige mit Migrationshintergrund
share_residence_5y          | residence_5y_plus                | pop_total                | 100  | higher  | Wohndauer über 5 Jahre
youth_dependency            | pop_under_18                     | pop_18_65                | 100  | neutral | Jugendquotient
old_age_dependency          | pop_65_plus                      | pop_18_65                | 100  | neutral | Altenquotient
dependency_ratio            | pop_under_18 + pop_65_plus       | pop_18_65                | 100  | neutral | Gesamtquotient
# Soziale Lage
sgb2_rate                   | sgb2_persons                     | pop_under_18 + pop_18_65 | 100  | lower   | SGB-II-Quote
sgb2_children_rate          | sgb2_under_18                    | pop_under_18             | 100  | lower   | SGB-II-Quote unter 18 Jahren
sgb2_under_15_rate          | sgb2_under_15                    | pop_under_18             | 100  | lower   | SGB-II-Quote unter 15 Jahren
sgb2_non_employable_share   | sgb2_non_employable              | sgb2_persons             | 100  | neutral | Anteil nicht Erwerbsfähiger im SGB II
sgb2_long_term_share        | sgb2_long_term                   | sgb2_employable          | 100  | lower   | Anteil Langzeitleistungsbeziehender
sgb2_single_parent_share    | sgb2_single_parents              | households_single_parent | 100  | lower   | Alleinerziehende im SGB II
transfer_rate               | sgb2_persons + sgb12_subsistence | pop_total                | 100  | lower   | Transferbezugsquote
old_age_poverty             | sgb12_basic_65_plus              | pop_65_plus              | 100  | lower   | Grundsicherung im Alter
# Arbeit
unemployment_rate           | unemployed                       | pop_15_65                | 100  | lower   | Arbeitslosenanteil
long_term_unemployment      | unemployed_long_term             | pop_15_65                | 100  | lower   | Anteil Langzeitarbeitsloser
youth_unemployment          | unemployed_under_25              | pop_age_18_25            | 100  | lower   | Arbeitslose unter 25 Jahren
unemployed_sgb2_share       | unemployed_sgb2                  | unemployed               | 100  | neutral | Anteil Arbeitsloser im SGB II
employment_rate             | employees_svb                    | pop_15_65                | 100  | higher  | Beschäftigungsquote
female_employment_share     | employees_svb_female             | employees_svb            | 100  | neutral | Frauenanteil an den Beschäftigten
marginal_employment_rate    | employees_marginal               | pop_15_65                | 100  | neutral | Quote geringfügig Beschäftigter
# Wohnen
single_households           | households_single                | households               | 100  | neutral | Anteil Einpersonenhaushalte
single_parent_households    | households_single_parent         | households_with_children | 100  | neutral | Anteil Alleinerziehender
social_housing              | dwellings_social                 | dwellings                | 100  | neutral | Anteil Sozialwohnungen
wohngeld_rate               | wohngeld_households              | households               | 100  | lower   | Wohngeldquote
# Kinder und Jugend
kita_rate_0_3               | kita_children_0_3                | pop_age_00_03            | 100  | higher  | Betreuungsquote unter 3 Jahren
kita_rate_3_6               | kita_children_3_6                | pop_age_03_06            | 100  | higher  | Betreuungsquote 3 bis 6 Jahre
hze_rate                    | hze_cases                        | pop_under_18             | 1000 | lower   | Hilfen zur Erziehung je 1.000 unter 18-Jährige
child_protection_rate       | child_protection_notices         | pop_under_18             | 1000 | lower   | Kinderschutzmeldungen je 1.000 unter 18-Jährige
# Gesundheit
overweight_school_entry     | school_entry_overweight          | school_entry_exams       | 100  | lower   | Übergewicht bei der Einschulung
care_rate                   | care_recipients                  | pop_65_plus              | 100  | neutral | Pflegequote ab 65 Jahren
# Bewegungen
birth_rate                  | births                           | pop_total                | 1000 | neutral | Geburten je 1.000 Einwohner
death_rate                  | deaths                           | pop_total                | 1000 | neutral | Sterbefälle je 1.000 Einwohner
migration_volume            | moves_in + moves_out             | pop_total                | 1000 | neutral | Wanderungsvolumen je 1.000 Einwohner
`;

/** Splits a table of the form above into trimmed cells, skipping blank lines. */
function tableRows(table: string): string[][] {
  return table
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => l.split("|").map((c) => c.trim()));
}

const VARIABLES: readonly VariableSpec[] = tableRows(VARIABLE_TABLE).map((cells) => {
  const [code, base, share, measure, name] = cells;
  if (!code || !base || !share || !name || (measure !== "stock" && measure !== "flow")) {
    throw new Error(`VARIABLE_TABLE: bad line ${cells.join(" | ")}`);
  }
  return { code, name, base: base === "-" ? null : base, share: Number(share), measure };
});

const POLARITY = {
  higher: "higher_is_better",
  lower: "lower_is_better",
  neutral: "neutral",
} as const satisfies Record<string, IndicatorSpec["polarity"]>;

const INDICATORS: readonly IndicatorSpec[] = ((): IndicatorSpec[] => {
  const out: IndicatorSpec[] = [];
  let theme = "";
  for (const cells of tableRows(INDICATOR_TABLE)) {
    if (cells[0]?.startsWith("#")) {
      theme = cells[0].slice(1).trim();
      continue;
    }
    const [code, numerator, denominator, factor, polarity, name] = cells;
    if (
      !code ||
      !numerator ||
      !denominator ||
      (factor !== "100" && factor !== "1000") ||
      (polarity !== "higher" && polarity !== "lower" && polarity !== "neutral") ||
      !name
    ) {
      throw new Error(`INDICATOR_TABLE: bad line ${cells.join(" | ")}`);
    }
    out.push({
      code,
      name,
      theme,
      numerator: numerator.split("+").map((t) => t.trim()),
      denominator: denominator.split("+").map((t) => t.trim()),
      factor: factor === "100" ? 100 : 1000,
      polarity: POLARITY[polarity],
    });
  }
  return out;
})();

const LEVELS = [
  { code: "city", name: "Stadt" },
  { code: "borough", name: "Bezirk" },
  { code: "forecast_area", name: "Prognoseraum" },
  { code: "district_region", name: "Bezirksregion" },
  { code: PLANNING_AREA_LEVEL, name: "Planungsraum" },
] as const;

/** Reads the LOR 2021 key table and returns the areas, parents before children. */
function readLorAreas(): DatasetArea[] {
  const text = readFileSync(new URL("../fixtures/berlin-lor-2021.csv", import.meta.url), "utf8");
  const [header, ...lines] = text.trimEnd().split("\n");
  if (header !== "plr;plr_name;bzr;bzr_name;pgr;pgr_name;bezirk;bezirk_name") {
    throw new Error(`berlin-lor-2021.csv: unerwartete Kopfzeile ${header ?? ""}`);
  }
  const city: DatasetArea = { code: "berlin", name: "Berlin", level: "city", parent: null };
  const byLevel = new Map<string, Map<string, DatasetArea>>(LEVELS.map((l) => [l.code, new Map()]));
  const add = (a: DatasetArea): void => {
    const map = byLevel.get(a.level)!;
    const known = map.get(a.code);
    if (known && known.parent !== a.parent) {
      throw new Error(`berlin-lor-2021.csv: ${a.code} hat zwei Obergebiete.`);
    }
    map.set(a.code, a);
  };
  for (const line of lines) {
    const [plr, plrName, bzr, bzrName, pgr, pgrName, bez, bezName] = line.split(";");
    if (!plr || !plrName || !bzr || !bzrName || !pgr || !pgrName || !bez || !bezName) {
      throw new Error(`berlin-lor-2021.csv: unvollständige Zeile ${line}`);
    }
    add({ code: bez, name: bezName, level: "borough", parent: city.code });
    add({ code: pgr, name: pgrName, level: "forecast_area", parent: bez });
    add({ code: bzr, name: bzrName, level: "district_region", parent: pgr });
    add({ code: plr, name: plrName, level: PLANNING_AREA_LEVEL, parent: bzr });
  }
  const sorted = (level: string): DatasetArea[] =>
    [...byLevel.get(level)!.values()].sort((a, b) => a.code.localeCompare(b.code));
  return [city, ...LEVELS.slice(1).flatMap((l) => sorted(l.code))];
}

function buildCatalogue(areas: readonly DatasetArea[]): CatalogueFile {
  const source = "Synthetische Benchmarkdaten (bench/lib/berlin-dataset.ts)";
  return {
    workspace: {
      slug: WORKSPACE_SLUG,
      name: "Berlin (Benchmark, synthetische Daten)",
      municipalityKey: "11000000",
      attribution:
        "Gebietsgliederung: Geoportal Berlin / LOR 2021 (dl-de/zero-2.0). Zahlen: synthetisch, nur für Benchmarks.",
      minCount: 3,
    },
    areaSystems: [
      {
        code: AREA_SYSTEM,
        name: "Lebensweltlich orientierte Räume (LOR 2021)",
        description: "Stadt, 12 Bezirke, 58 Prognoseräume, 143 Bezirksregionen, 542 Planungsräume",
        levels: LEVELS.map((l) => ({ code: l.code, name: l.name })),
        areas: areas.map((a) => ({
          code: a.code,
          name: a.name,
          level: a.level,
          ...(a.parent === null ? {} : { parent: a.parent }),
        })),
      },
    ],
    variables: VARIABLES.map((v) => ({
      code: v.code,
      name: v.name,
      unit: "Personen",
      measure: v.measure,
      aggregation: "sum",
      nonNegative: true,
      source,
      publication: "public",
    })),
    indicators: INDICATORS.map((i) => ({
      code: i.code,
      name: i.name,
      theme: i.theme,
      numerator: [...i.numerator],
      denominator: [...i.denominator],
      factor: i.factor,
      unit: i.factor === 100 ? "%" : "je 1.000",
      decimals: 1,
      polarity: i.polarity,
      definition: `${i.numerator.join(" + ")} / ${i.denominator.join(" + ")} × ${i.factor}`,
      source,
      publication: "public",
    })),
  };
}

/** 2015-H1 … 2024-H2. */
function halfYears(from: number, to: number): string[] {
  const out: string[] = [];
  for (let y = from; y <= to; y++) out.push(`${y}-H1`, `${y}-H2`);
  return out;
}

/**
 * Draws the figures: per planning area a starting population (a few near-empty areas such as
 * parks and industrial estates, so small counts and zero denominators occur), a trend, and a
 * local share per variable; per half-year a little noise. All counts are whole numbers.
 */
function drawValues(
  seed: number,
  leafCount: number,
  periodCount: number,
): { values: Float64Array; variableCodes: string[] } {
  const random = mulberry32(seed);
  const variableIndex = new Map(VARIABLES.map((v, i) => [v.code, i]));
  const baseIndex = VARIABLES.map((v) => (v.base === null ? -1 : variableIndex.get(v.base)!));
  const start = new Float64Array(leafCount);
  const trend = new Float64Array(leafCount);
  for (let a = 0; a < leafCount; a++) {
    const nearlyEmpty = random() < 0.015;
    start[a] = nearlyEmpty
      ? Math.floor(random() * 40)
      : Math.min(30_000, 5_700 * Math.exp(0.55 * gaussian(random)));
    trend[a] = 0.004 + 0.006 * gaussian(random);
  }
  const variableCount = VARIABLES.length;
  const localShare = new Float64Array(variableCount * leafCount);
  for (let v = 0; v < variableCount; v++) {
    for (let a = 0; a < leafCount; a++) {
      const share = VARIABLES[v]!.share * Math.exp(0.35 * gaussian(random));
      localShare[v * leafCount + a] = Math.min(0.98, share);
    }
  }
  const values = new Float64Array(periodCount * variableCount * leafCount);
  for (let p = 0; p < periodCount; p++) {
    const row = p * variableCount * leafCount;
    for (let v = 0; v < variableCount; v++) {
      const base = baseIndex[v]!;
      for (let a = 0; a < leafCount; a++) {
        const noise = 1 + 0.02 * gaussian(random);
        const x =
          base < 0
            ? start[a]! * Math.pow(1 + trend[a]!, p) * noise
            : values[row + base * leafCount + a]! * localShare[v * leafCount + a]! * noise;
        values[row + v * leafCount + a] = Math.max(0, Math.round(x));
      }
    }
  }
  return { values, variableCodes: VARIABLES.map((v) => v.code) };
}

/** Builds the data set; the same seed always gives the same figures. */
export function createBerlinDataset(seed = DEFAULT_SEED): BerlinDataset {
  const areas = readLorAreas();
  const leafCodes = areas.filter((a) => a.level === PLANNING_AREA_LEVEL).map((a) => a.code);
  const periodCodes = halfYears(2015, 2024);
  const { values, variableCodes } = drawValues(seed, leafCodes.length, periodCodes.length);
  return {
    seed,
    catalogue: buildCatalogue(areas),
    areas,
    leafCodes,
    variableCodes,
    periodCodes,
    indicators: INDICATORS,
    values,
    observationCount: values.length,
  };
}

/**
 * The observations as a long CSV file (semicolon, header `gebiet;merkmal;zeitraum;wert`,
 * UTF-8, LF), ordered by period, variable and area, as a statistics office exports them.
 */
export function observationCsv(ds: BerlinDataset): Buffer {
  const chunks: string[] = ["gebiet;merkmal;zeitraum;wert\n"];
  const n = ds.leafCodes.length;
  for (const [p, period] of ds.periodCodes.entries()) {
    for (const [v, variable] of ds.variableCodes.entries()) {
      let chunk = "";
      const offset = (p * ds.variableCodes.length + v) * n;
      const suffix = `;${variable};${period};`;
      for (let a = 0; a < n; a++) {
        chunk += `${ds.leafCodes[a]!}${suffix}${ds.values[offset + a]!}\n`;
      }
      chunks.push(chunk);
    }
  }
  return Buffer.from(chunks.join(""), "utf8");
}
