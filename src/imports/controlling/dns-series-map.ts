/**
 * Which series of a DNS indicator file a published weather symbol rates, and how a target
 * sentence that the generic reading (`readTargetText`) cannot take is meant.
 *
 * The DNS metadata do not name the CSV series a rating belongs to. Each entry below names it by
 * the values of its disaggregation columns (every other column empty) and says why, from the
 * indicator's own metadata only: its name and definition, the unit, the graph title, the target
 * sentence and the series' own labels. No entry was chosen by looking at which choice makes the
 * published symbol match; where the metadata leave the meaning open, the target stays "nicht
 * nachrechenbar" with the reason.
 */
import type { TargetDefinition } from "../../core/controlling/weather.ts";

/** One piece of a series: the rows whose columns have these values, within these years. */
export interface DnsSeriesPart {
  /** Column → value; every disaggregation column not named here must be empty. */
  readonly where: Readonly<Record<string, string>>;
  readonly fromYear?: number;
  readonly toYear?: number;
}

/** How one target of a mapped indicator is read, when the sentence alone does not say it. */
export type DnsTargetReading =
  | { readonly kind: "target"; readonly target: TargetDefinition; readonly grounds: string }
  | { readonly kind: "not_reproducible"; readonly reason: string };

export interface DnsSeriesChoice {
  /** File id (`meta/<file>.md`, `data/indicator_<file>.csv`). */
  readonly file: string;
  /** Number of the rated indicator in the file (`weather_indicator_<n>`). */
  readonly indicator: number;
  /** The series; several parts are joined by year (a method change, `fromYear`/`toYear`). */
  readonly series: readonly DnsSeriesPart[];
  /** Why this series, in German, from the metadata. */
  readonly grounds: string;
  /** Target number (`…_target_<m>`) → its reading; targets not listed are read from the sentence. */
  readonly targets?: Readonly<Record<number, DnsTargetReading>>;
}

export const DNS_SERIES_MAP: readonly DnsSeriesChoice[] = [
  {
    file: "1-1-ab",
    indicator: 1,
    series: [{ where: { "time series": "material deprivation", area: "germany" } }],
    grounds: "Indikator 1.1.a „Materielle Deprivation“ für Deutschland, nicht der EU-Wert",
    targets: {
      1: {
        kind: "not_reproducible",
        reason:
          "Ziel „deutlich unter EU-27-Wert halten“ ist ein Abstand zu einer anderen Reihe, dessen Größe („deutlich“) der Zielsatz nicht beziffert.",
      },
    },
  },
  {
    file: "1-1-ab",
    indicator: 2,
    series: [{ where: { "time series": "severe material deprivation", area: "germany" } }],
    grounds: "Indikator 1.1.b „Erhebliche materielle Deprivation“ für Deutschland",
    targets: {
      1: {
        kind: "not_reproducible",
        reason:
          "Ziel „deutlich unter EU-27-Wert halten“ ist ein Abstand zu einer anderen Reihe, dessen Größe („deutlich“) der Zielsatz nicht beziffert.",
      },
    },
  },
  {
    file: "10-1",
    indicator: 1,
    series: [{ where: { Series: "foreigns" } }],
    grounds:
      "Definition: Anteil ausländischer Schulabsolvierender; Reihe „foreigns“ ohne Geschlecht und Land",
    targets: {
      1: {
        kind: "not_reproducible",
        reason:
          "Gesamtziel aus Erhöhung und Angleichung an die Quote deutscher Schulabgänger; die Angleichung ist ein Ziel relativ zu einer anderen Reihe, für das der Zielsatz keinen Zielwert nennt.",
      },
      3: {
        kind: "not_reproducible",
        reason:
          "Angleichung an die Quote deutscher Schulabgänger ist ein Ziel relativ zu einer anderen Reihe, für das der Zielsatz keinen Zielwert nennt.",
      },
    },
  },
  {
    file: "11-1-a",
    indicator: 1,
    series: [{ where: { Series: "moving four-year average" } }],
    grounds:
      "Zielsatz „durchschnittlich unter 30 ha pro Tag“: gleitender Vierjahresdurchschnitt, alle Flächenarten",
  },
  {
    file: "11-1-b",
    indicator: 1,
    series: [{ where: {} }],
    grounds: "Hauptreihe „m² per year“ ohne Untergliederung",
    targets: {
      1: {
        kind: "target",
        target: { kind: "direction", direction: "up" },
        grounds:
          "Die Reihe ist laut Definition die jährliche Veränderung der Freiraumfläche je Einwohner (Verlust negativ); eine Verringerung des Verlusts ist ein Anstieg der Werte zu null hin",
      },
    },
  },
  {
    file: "11-2-a",
    indicator: 1,
    series: [{ where: { "time series": "final energy consumption for the transport of goods" } }],
    grounds:
      "Indikatorname „Endenergieverbrauch im Güterverkehr“; nicht Transportleistung oder Verbrauch je Tonnenkilometer",
  },
  {
    file: "11-2-b",
    indicator: 1,
    series: [{ where: { "time series": "energy consumption in passenger transport" } }],
    grounds:
      "Indikatorname „Endenergieverbrauch im Personenverkehr“; nicht Beförderungsleistung oder Verbrauch je Personenkilometer",
  },
  {
    file: "12-2",
    indicator: 1,
    series: [{ where: { Series: "locations of organisation registered with emas" } }],
    grounds: "Definition: Anzahl der EMAS-registrierten Standorte, bundesweit",
  },
  {
    file: "13-1-a",
    indicator: 1,
    series: [{ where: {} }],
    grounds: "Hauptreihe (Index 1990 = 100) ohne Land",
    targets: {
      4: {
        kind: "not_reproducible",
        reason:
          "Treibhausgasneutralität ist ein Netto-Ziel; die Reihe zeigt Bruttoemissionen, einen Zielwert auf ihr nennt der Zielsatz nicht.",
      },
      6: {
        kind: "not_reproducible",
        reason:
          "Treibhausgasneutralität ist ein Netto-Ziel; die Reihe zeigt Bruttoemissionen, einen Zielwert auf ihr nennt der Zielsatz nicht.",
      },
    },
  },
  {
    file: "14-1-b",
    indicator: 1,
    series: [
      {
        where: {
          Series: "commercial exploited fish stocks assessed for msy that is fished sustainably",
        },
      },
    ],
    grounds:
      "Definition: Anteil der nachhaltig bewirtschafteten Bestände, Nord- und Ostsee zusammen",
    targets: {
      1: {
        kind: "target",
        target: { kind: "value_by_year", direction: "up", value: 100, targetYear: 2020 },
        grounds: "„Alle … Fischbestände“ bis 2020: ein Anteil von 100 %",
      },
    },
  },
  {
    file: "17-1",
    indicator: 1,
    series: [
      { where: { "calculation method": "calculated as net expenditure" }, toYear: 2017 },
      { where: { "calculation method": "calculated in grant equivalents" }, fromYear: 2018 },
    ],
    grounds:
      "Definition: „Seit 2018 erfolgt die Berechnung nach der Zuschussäquivalent-Methode“ – bis 2017 Nettoausgaben, ab 2018 Zuschussäquivalente",
  },
  {
    file: "17-3",
    indicator: 1,
    series: [{ where: { "time series": "imports" } }],
    grounds: "Definition: Anteil aller Einfuhren aus LDCs, nicht nur verarbeiteter Erzeugnisse",
  },
  {
    file: "2-1-a",
    indicator: 1,
    series: [{ where: { Series: "moving five-year average shown for each middle year" } }],
    grounds:
      "Zielsatz „im Jahresmittel 2028–2032“: das Fünfjahresmittel um das Zieljahr 2030, also die Reihe der gleitenden Fünfjahresmittel",
  },
  {
    file: "3-2-b",
    indicator: 1,
    series: [{ where: {} }],
    grounds: "Einzige Reihe: Anzahl der Personen mit Exposition über 20 µg/m³ (Millionen)",
    targets: {
      1: {
        kind: "target",
        target: { kind: "value_by_year", direction: "down", value: 0, targetYear: 2030 },
        grounds:
          "Laut Definition zählt die Reihe die Personen über dem Richtwert von 20 µg/m³; die 20 sind die Schwelle der Reihe, kein Zielwert auf ihr. „Möglichst flächendeckend bis 2030“ heißt: niemand mehr darüber, 0 Personen bis 2030",
      },
    },
  },
  {
    file: "3-3",
    indicator: 1,
    series: [{ where: { "time series": "pandemic prevention and response" } }],
    grounds:
      "Definition: Programme zur Pandemieprävention und -reaktion ohne die zur Eindämmung der COVID-19-Pandemie",
  },
  {
    file: "5-1-bc",
    indicator: 1,
    series: [
      {
        where: {
          "time series": "on supervisory boards of listed and fully co-determined companies",
        },
      },
    ],
    grounds: "Indikator 5.1.b: Frauen in Aufsichtsräten",
    targets: {
      1: {
        kind: "target",
        target: { kind: "value_by_year", direction: "up", value: 30, targetYear: 2030 },
        grounds: "Zielsatz „30 % Frauen … bis 2030“, ein Mindestanteil",
      },
    },
  },
  {
    file: "5-1-bc",
    indicator: 2,
    series: [{ where: { "time series": "in management positions in the federal civil service" } }],
    grounds: "Indikator 5.1.c: Frauen in Führungspositionen im öffentlichen Dienst des Bundes",
    targets: {
      1: {
        kind: "target",
        target: { kind: "value_by_year", direction: "up", value: 50, targetYear: 2025 },
        grounds:
          "Gleichberechtigte Teilhabe bis 2025; Fußnote: „Gleichberechtigte Teilhabe: Annähernd numerische Gleichheit“, also 50 %",
      },
    },
  },
  {
    file: "6-1-a",
    indicator: 1,
    series: [{ where: {} }],
    grounds:
      "Einzige Reihe: Anteil der Messstellen, an denen der Orientierungswert eingehalten wird",
    targets: {
      1: {
        kind: "target",
        target: { kind: "value_by_year", direction: "up", value: 100, targetYear: 2030 },
        grounds:
          "Die Reihe ist der Anteil der Messstellen mit eingehaltenem Wert; „an allen Messstellen bis 2030“ heißt 100 % bis 2030",
      },
    },
  },
  {
    file: "6-1-b",
    indicator: 1,
    series: [{ where: {} }],
    grounds:
      "Hauptreihe ohne Land: Anteil der Messstellen, an denen der Schwellenwert eingehalten wird",
    targets: {
      1: {
        kind: "target",
        target: { kind: "value_by_year", direction: "up", value: 100, targetYear: 2030 },
        grounds:
          "Die Reihe ist der Anteil der Messstellen mit eingehaltenem Schwellenwert; „an allen Messstellen bis 2030“ heißt 100 % bis 2030",
      },
    },
  },
  {
    file: "7-1-ab",
    indicator: 1,
    series: [{ where: { Series: "final energy productivity" } }],
    grounds: "Indikator 7.1.a Endenergieproduktivität (Index 2008 = 100), bundesweit",
    targets: {
      1: {
        kind: "target",
        target: {
          kind: "value_by_year",
          direction: "up",
          value: 100 * 1.021 ** (2050 - 2008),
          targetYear: 2050,
        },
        grounds:
          "„Steigerung um 2,1 % pro Jahr im Zeitraum von 2008–2050“ auf dem Index 2008 = 100: 100 · 1,021^42 in 2050",
      },
    },
  },
  {
    file: "7-1-ab",
    indicator: 2,
    series: [{ where: { Series: "primary energy consumption" } }],
    grounds: "Indikator 7.1.b Primärenergieverbrauch (Index 2008 = 100), bundesweit",
  },
  {
    file: "8-2-ab",
    indicator: 1,
    series: [{ where: { "time series": "government deficit" } }],
    grounds: "Indikator 8.2.a Staatsdefizit, bundesweit",
    targets: {
      1: {
        kind: "target",
        target: { kind: "limit", direction: "up", value: -3 },
        grounds:
          "Die Reihe ist laut Grafiktitel der Finanzierungssaldo in % des BIP (Defizit negativ); „Defizit kleiner als 3 %“ heißt Saldo mindestens −3",
      },
    },
  },
  {
    file: "8-2-ab",
    indicator: 2,
    series: [{ where: { "time series": "structural deficit" } }],
    grounds: "Indikator 8.2.b Strukturelles Defizit, gesamtstaatlich",
    targets: {
      1: {
        kind: "target",
        target: { kind: "limit", direction: "up", value: -0.5 },
        grounds:
          "Die Reihe ist laut Grafiktitel der strukturelle Finanzierungssaldo in % des BIP (Defizit negativ); „Defizit von max. 0,5 %“ heißt Saldo mindestens −0,5",
      },
    },
  },
  {
    file: "8-1",
    indicator: 1,
    series: [{ where: { "time series": "raw material input productivity" } }],
    grounds: "Indikatorname „Gesamtrohstoffproduktivität“",
    targets: {
      1: {
        kind: "not_reproducible",
        reason:
          "„Beibehaltung des Trends der Jahre 2000–2010“: wie der Trend fortzuschreiben ist (linear oder als Wachstumsrate), sagt der Zielsatz nicht.",
      },
    },
  },
];

/** The entry for one rated indicator of one file, if any. */
export function findSeriesChoice(file: string, indicator: number): DnsSeriesChoice | undefined {
  return DNS_SERIES_MAP.find((c) => c.file === file && c.indicator === indicator);
}

/** `Spalte = Wert` pairs of a choice, in German, for the CSV reason. */
export function describeSeries(choice: DnsSeriesChoice): string {
  return choice.series
    .map((p) => {
      const cols = Object.entries(p.where).map(([k, v]) => `${k} = ${v}`);
      const span =
        p.fromYear !== undefined
          ? ` ab ${p.fromYear}`
          : p.toYear !== undefined
            ? ` bis ${p.toYear}`
            : "";
      return `${cols.length === 0 ? "ohne Untergliederung" : cols.join(", ")}${span}`;
    })
    .join("; ");
}
