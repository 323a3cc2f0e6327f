import { known, missing, suppressed, type Value } from "../core/value.ts";
import type { OpenDataset } from "./open-dataset.ts";

/**
 * A small dataset that exercises every writer (test support): umlauts, names that need CSV
 * quoting or start like a formula, counts and rates with rounding, a negative change, and
 * every kind of absent value — suppressed (primary and secondary), withheld at source, no
 * data, and a zero denominator ("x").
 *
 * Shape: 3 indicators × 3 areas × 2 periods. The secret numbers behind the suppressed cells
 * never appear here: a suppressed Value carries no number, only its reason, and no writer may
 * print the reason either.
 */
export function sampleDataset(): OpenDataset {
  const cells: Value<number>[][][] = [
    // einwohner (count, 0 decimals)
    [
      [known(3739), known(3866)],
      [known(4725.4), suppressed("small_count")],
      [missing("withheld_at_source"), known(12_345)],
    ],
    // sgb2_quote (percent, 1 decimal)
    [
      [known(12.345), known(11.95)],
      [suppressed("secondary"), known(0.04)],
      [missing("zero_denominator"), known(100)],
    ],
    // veraenderung (percent points, 2 decimals, may be negative)
    [
      [known(-1.005), known(2.675)],
      [missing("no_data"), known(-0.004)],
      [known(0), missing("not_aggregable")],
    ],
  ];
  return {
    title: "Sozialatlas Flensburg – Stadtteile",
    workspace: {
      slug: "flensburg",
      name: "Stadt Flensburg",
      municipalityKey: "01001000",
      attribution: "© Stadt Flensburg, Fachbereich Soziales",
    },
    level: { code: "stadtteil", name: "Stadtteile" },
    areas: [
      { code: "01", name: "Altstadt" },
      { code: "02", name: 'Jürgensby; "Süd"' },
      { code: "03", name: '=HYPERLINK("http://böse.example")' },
    ],
    periods: [
      { code: "2021", start: "2021-01-01", end: "2021-12-31" },
      { code: "2022-12-31", start: "2022-12-31", end: "2022-12-31" },
    ],
    indicators: [
      {
        code: "einwohner",
        name: "Einwohnerinnen und Einwohner",
        unit: "Personen",
        decimals: 0,
        source: "Einwohnermelderegister der Stadt Flensburg",
        licence: "dl-by-de/2.0",
      },
      {
        code: "sgb2_quote",
        name: "SGB-II-Quote, Größe in %",
        unit: "%",
        decimals: 1,
        source: "Statistik der Bundesagentur für Arbeit",
        licence: "dl-by-de/2.0",
      },
      {
        code: "veraenderung",
        name: "-Veränderung zum Vorjahr",
        unit: "Prozentpunkte",
        decimals: 2,
        source: null,
        licence: null,
      },
    ],
    cells,
    generatedAt: new Date("2024-03-05T23:30:00Z"),
  };
}
