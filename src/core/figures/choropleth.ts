/**
 * A classified map for a report: the areas of one level coloured by the class of their value
 * of one indicator in one period, with the legend beside the map. The classes and colours are
 * those of the atlas (`core/classify`), the drawing is the atlas's SVG export (`map-svg.ts`),
 * so a printed map and the map on screen agree.
 */
import type { Feature, FeatureCollection } from "geojson";
import { classify, type ClassMethod } from "../classify/classify.ts";
import { legendLabels } from "../classify/legend.ts";
import { classColours, NO_DATA_STYLE, WITHHELD_STYLE } from "../classify/palette.ts";
import type { Polarity } from "../indicators/indicator.ts";
import { formatValue } from "../format/number.ts";
import { roundToDecimals } from "../rounding.ts";
import { known, missing, suppressed, type Value } from "../value.ts";
import { axisTitle, countText, type Figure, listText, svgDocument } from "./axes.ts";
import { mapSvgMarkup, type LegendEntry } from "./map-svg.ts";
import { textWidth } from "./svg-text.ts";

export type { Figure };

export interface ChoroplethInput {
  /**
   * The areas as GeoJSON features in WGS84 (longitude, latitude), each with `code` and
   * `name` in its properties (the feature's `id` stands in for a missing code).
   */
  readonly areas: FeatureCollection | readonly Feature[];
  /** The value of each area by code; `null` or an absent code is a missing value. */
  readonly values: ReadonlyMap<string, number | null> | Readonly<Record<string, number | null>>;
  /**
   * The codes of areas whose value is withheld by disclosure control. They are hatched and
   * never classified, even when `values` holds a number for them.
   */
  readonly withheld?: Iterable<string>;
  readonly indicator: {
    readonly label: string;
    /** "%", "je 1.000 Einwohner", or "" for a count. */
    readonly unit: string;
    /**
     * The decimals the indicator is shown with: for the legend and the description only; the
     * values are classified exactly.
     */
    readonly decimals: number;
    /** Which end is bad decides which end gets the strong colour; neutral by default. */
    readonly polarity?: Polarity;
  };
  /** The period as the report writes it: "2021", "1. Halbjahr 2021". */
  readonly period: string;
  /** The kind of area in the singular, for the description: "Stadtteil". "Gebiet" by default. */
  readonly level?: string;
  /** Quantiles in 5 classes by default, as in the atlas. */
  readonly classification?: {
    readonly method?: ClassMethod;
    readonly classes?: number;
  };
  /** Makes the ids inside the drawing unique when a page shows several maps inline. */
  readonly id?: string;
  /** An area outlined thick and named in the legend (the area of a profile). */
  readonly highlight?: { readonly code: string; readonly name: string };
}

/*
 * The whole figure is 640 units wide. Printed 16 cm wide, a unit is 0.71 pt, so the 13-unit
 * legend text is 9.2 pt: the size of a table in a report.
 */
const WIDTH = 640;
const FONT_SIZE = 13;
const GAP = 20;
/** White space around the figure, so that the map does not touch the edge of the picture. */
const MARGIN = 6;
/**
 * Area outlines in mid grey rather than the web map's white: on paper the lightest class is
 * hardly darker than the page, and white lines would lose the city's outer edge.
 */
const OUTLINE = "#808080";
const MIN_MAP_WIDTH = 360;
const MAX_MAP_HEIGHT = 560;

/**
 * The map as a standalone SVG document with its size and a German description. Throws a
 * `RangeError` when the classification options are invalid (a programming error, e.g. 12
 * classes or manual breaks outside the data); no values at all is a data condition and gives
 * a map with every area grey.
 */
export function choroplethSvg(input: ChoroplethInput): Figure {
  const features = "features" in input.areas ? input.areas.features : input.areas;
  const collection: FeatureCollection = { type: "FeatureCollection", features: [...features] };
  const withheldCodes = new Set(input.withheld ?? []);
  const values = input.values;
  const valueOf = (code: string): number | null => {
    const v = isMap(values) ? values.get(code) : Object.hasOwn(values, code) ? values[code] : null;
    return v === undefined || v === null || !Number.isFinite(v) ? null : v;
  };

  const areas = features.map((f) => {
    const code = String(f.properties?.["code"] ?? f.id ?? "");
    const name = String(f.properties?.["name"] ?? code);
    const v = valueOf(code);
    const value: Value<number> = withheldCodes.has(code)
      ? suppressed("small_count")
      : v === null
        ? missing("no_data")
        : known(v);
    return { code, name, value };
  });
  const { label, unit, decimals } = input.indicator;
  const polarity = input.indicator.polarity ?? "neutral";
  const method = input.classification?.method ?? { kind: "quantile" };
  const classes = input.classification?.classes ?? 5;
  const anyKnown = areas.some((a) => a.value.kind === "known");

  const fills = new Map<string, string>();
  const legend: LegendEntry[] = [];
  const withheld = new Set<string>();
  const areasText = (n: number) => countText(n, "Gebiet", "Gebiete");
  let classSentence = "";
  if (anyKnown) {
    const result = classify(
      areas.map((a) => a.value),
      method,
      classes,
      { decimals },
    );
    if (!result.ok) throw new RangeError(result.error);
    const c = result.value;
    const colours = classColours(c, polarity).fills;
    areas.forEach((a, i) => {
      const k = c.classOf[i];
      if (k !== null && k !== undefined) fills.set(a.code, colours[k]!);
    });
    legendLabels(c, decimals, "de-DE").forEach((text, i) => {
      legend.push({ colour: colours[i]!, text: `${text} (${areasText(c.counts[i] ?? 0)})` });
    });
    const shown = (v: number) => formatValue(v, unit, decimals);
    const numbers = areas.flatMap((a) => (a.value.kind === "known" ? [a.value.value] : []));
    const lowest = Math.min(...numbers);
    const top = Math.max(...numbers);
    // Every area whose value reads as the highest one (the exact maximum, or equal to it as shown).
    const highest = areas
      .filter(
        (a) =>
          a.value.kind === "known" &&
          roundToDecimals(a.value.value, decimals) === roundToDecimals(top, decimals),
      )
      .map((a) => a.name);
    const count = countText(c.breaks.length, "Klasse", "Klassen");
    classSentence =
      c.breaks.length === 1 && lowest === top
        ? ` in 1 Klasse, alle Werte ${shown(lowest)}`
        : ` in ${count} von ${shown(lowest)} bis ${shown(top)}; höchster Wert ${listText(highest)}`;
  }
  const withheldCount = areas.filter((a) => a.value.kind === "suppressed").length;
  const missingCount = areas.filter((a) => a.value.kind === "missing").length;
  for (const a of areas) {
    if (a.value.kind === "suppressed") {
      fills.set(a.code, WITHHELD_STYLE.fill);
      withheld.add(a.code);
    }
  }
  if (withheldCount > 0) {
    legend.push({
      colour: WITHHELD_STYLE.fill,
      text: `Geheim gehalten (${areasText(withheldCount)})`,
      hatched: true,
    });
  }
  if (missingCount > 0) {
    legend.push({ colour: NO_DATA_STYLE.fill, text: `Keine Daten (${areasText(missingCount)})` });
  }
  const highlighted = input.highlight && areas.find((a) => a.code === input.highlight!.code);
  if (highlighted) legend.push({ colour: "#ffffff", text: highlighted.name, outlined: true });

  // The legend takes the room its longest line needs; the map gets the rest.
  const swatch = Math.round((FONT_SIZE * 22) / 13) + 8;
  const longest = Math.max(0, ...legend.map((e) => swatch + textWidth(e.text, FONT_SIZE)));
  const legendWidth = Math.ceil(
    Math.min(WIDTH - 2 * MARGIN - GAP - MIN_MAP_WIDTH, Math.max(180, longest)),
  );
  const mapWidth = WIDTH - 2 * MARGIN - GAP - legendWidth;
  const drawing = mapSvgMarkup(collection, fills, withheld, legend, NO_DATA_STYLE.fill, OUTLINE, {
    mapWidth,
    maxMapHeight: MAX_MAP_HEIGHT,
    legendGap: GAP,
    legendWidth,
    fontSize: FONT_SIZE,
    legendTitle: axisTitle(label, unit),
    patternId: `${safeId(input.id ?? "map")}-withheld`,
    ...(highlighted ? { highlight: highlighted.code } : {}),
  });

  const level = input.level ?? "Gebiet";
  const title = `${label} ${input.period} nach ${level}`;
  const notes = [
    highlighted ? `${highlighted.name} hervorgehoben` : "",
    withheldCount > 0 ? `${areasText(withheldCount)} geheim gehalten` : "",
    missingCount > 0 ? `${areasText(missingCount)} ohne Daten` : "",
  ].filter((t) => t !== "");
  const alt = anyKnown
    ? `Karte: ${title}${classSentence}${notes.length > 0 ? `; ${notes.join(", ")}` : ""}.`
    : `Karte: ${title}: keine Werte${notes.length > 0 ? ` (${notes.join(", ")})` : ""}.`;
  const width = WIDTH;
  const height = drawing.height + 2 * MARGIN;
  const body = `<g transform="translate(${MARGIN} ${MARGIN})">${drawing.markup}</g>`;
  return {
    svg: svgDocument({ width, height, title, alt, body }),
    width,
    height,
    alt,
  };
}

function isMap<V>(
  values: ReadonlyMap<string, V> | Readonly<Record<string, V>>,
): values is ReadonlyMap<string, V> {
  return values instanceof Map;
}

/** Letters, digits, "-" and "_" only: the id goes into an attribute and a url(#…) reference. */
function safeId(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, "_") || "map";
}
