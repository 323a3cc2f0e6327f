/**
 * The choropleth as a vector drawing for exports and reports: every area as an SVG path in
 * Web Mercator (the projection of the map on screen), filled with its class colour, withheld
 * areas hatched, and the legend beside it. Drawn from the same geometry and fills as the map,
 * without the base map tiles (they are raster pictures and often under a licence that asks
 * for credit). It lives in the core because the web app's SVG export and the report figures
 * (`choropleth.ts`) draw the same map.
 */
import type { Feature, FeatureCollection, Position } from "geojson";
import { wrapText, xmlText } from "./svg-text.ts";

export interface LegendEntry {
  readonly colour: string;
  readonly text: string;
  /** Drawn hatched like withheld areas. */
  readonly hatched?: boolean;
  /** Drawn as the thick outline of a highlighted area (the swatch shows no fill). */
  readonly outlined?: boolean;
}

/** The outline of a highlighted area: dark and thick enough to read on every class colour. */
export const HIGHLIGHT_STROKE = "#1a1a1a";

/**
 * Sizes of the drawing in user units. The defaults are those of the web app's export; a
 * report figure asks for a narrower map and legend and a larger type, since it is printed at
 * the width of a page column.
 */
export interface MapLayout {
  /** Width of the map; a tall map is drawn narrower to stay within `maxMapHeight`. */
  readonly mapWidth?: number;
  /** The tallest the map may be. */
  readonly maxMapHeight?: number;
  readonly legendGap?: number;
  readonly legendWidth?: number;
  /** Size of the legend text; the swatches and rows grow with it. */
  readonly fontSize?: number;
  /** A heading over the legend (the indicator and its unit), wrapped to the legend's width. */
  readonly legendTitle?: string;
  /**
   * The id of the hatch pattern. Ids must be unique in an HTML page, so a page that shows
   * several drawings inline gives each its own.
   */
  readonly patternId?: string;
  /** The code of an area drawn with a thick dark outline over the others (a profile's area). */
  readonly highlight?: string;
}

const MAP_WIDTH = 640;
const MAX_MAP_HEIGHT = 900;
const LEGEND_GAP = 24;
const LEGEND_WIDTH = 300;
const FONT_SIZE = 13;

/** Web Mercator: longitude and latitude in degrees to x and y (y downwards). */
function mercator([lon, lat]: Position): [number, number] {
  const x = ((lon ?? 0) * Math.PI) / 180;
  const phi = ((lat ?? 0) * Math.PI) / 180;
  return [x, -Math.log(Math.tan(Math.PI / 4 + phi / 2))];
}

function rings(feature: Feature): Position[][] {
  const g = feature.geometry;
  if (!g) return [];
  if (g.type === "Polygon") return g.coordinates;
  if (g.type === "MultiPolygon") return g.coordinates.flat();
  return [];
}

/**
 * The SVG markup (without frame) of the map and legend, and its size. `fills` maps an area
 * code to its colour; areas in `withheld` get the hatch over their fill. The outlines are
 * white unless `outline` names another colour (as on the map it copies).
 */
export function mapSvgMarkup(
  areas: FeatureCollection,
  fills: ReadonlyMap<string, string>,
  withheld: ReadonlySet<string>,
  legend: readonly LegendEntry[],
  fallbackFill: string,
  outline = "#ffffff",
  layout: MapLayout = {},
): { readonly markup: string; readonly width: number; readonly height: number } {
  const mapWidth = layout.mapWidth ?? MAP_WIDTH;
  const fontSize = layout.fontSize ?? FONT_SIZE;
  const legendWidth = layout.legendWidth ?? LEGEND_WIDTH;
  const patternId = layout.patternId ?? "withheld";
  // The rows keep the proportions of the default: a 22 × 16 swatch in a 22 high row at 13.
  const row = Math.round((fontSize * 22) / 13);
  const swatchW = Math.round((fontSize * 22) / 13);
  const swatchH = Math.round((fontSize * 16) / 13);
  const projected = areas.features.map((f) => ({
    code: String(f.properties?.["code"] ?? f.id ?? ""),
    name: String(f.properties?.["name"] ?? f.properties?.["code"] ?? ""),
    rings: rings(f).map((ring) => ring.map(mercator)),
  }));
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const a of projected) {
    for (const ring of a.rings) {
      for (const [x, y] of ring) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
  }
  const spanX = maxX - minX || 1;
  const spanY = maxY - minY || 1;
  const scale = mapWidth / spanX;
  const mapHeight = Math.min(Math.max(spanY * scale, 120), layout.maxMapHeight ?? MAX_MAP_HEIGHT);
  const k = Math.min(scale, mapHeight / spanY);
  const px = (v: number) => Math.round(v * 10) / 10;
  // A map narrower than its width (a tall one held to its height) is centred in its room.
  const offsetX = Math.max(0, (mapWidth - spanX * k) / 2);

  const paths: string[] = [];
  const hatches: string[] = [];
  const marked: string[] = [];
  for (const a of projected) {
    if (a.rings.length === 0) continue;
    const d = a.rings
      .map(
        (ring) =>
          `M${ring.map(([x, y]) => `${px((x - minX) * k + offsetX)} ${px((y - minY) * k)}`).join("L")}Z`,
      )
      .join("");
    const fill = fills.get(a.code) ?? fallbackFill;
    paths.push(
      `<path d="${d}" fill="${fill}" fill-rule="evenodd" stroke="${outline}" stroke-width="0.6"><title>${xmlText(a.name)}</title></path>`,
    );
    if (withheld.has(a.code)) {
      hatches.push(`<path d="${d}" fill="url(#${patternId})" fill-rule="evenodd" stroke="none"/>`);
    }
    if (a.code === layout.highlight) {
      marked.push(
        `<path d="${d}" fill="none" stroke="${HIGHLIGHT_STROKE}" stroke-width="3.5" stroke-linejoin="round"/>`,
      );
    }
  }
  const lx = mapWidth + (layout.legendGap ?? LEGEND_GAP);
  const titleLines =
    layout.legendTitle === undefined ? [] : wrapText(layout.legendTitle, legendWidth, fontSize);
  const titleRows = titleLines.map(
    (line, i) =>
      `<text x="${lx}" y="${Math.round(fontSize * (1 + i * 1.25))}" font-size="${fontSize}" font-weight="bold" fill="#1a1a1a">${xmlText(line)}</text>`,
  );
  const top = titleLines.length === 0 ? 4 : Math.round(fontSize * (titleLines.length * 1.25 + 0.6));
  const textY = Math.round((swatchH + fontSize * 0.7) / 2);
  const legendRows = legend.map((e, i) => {
    const y = top + i * row;
    const hatch = e.hatched
      ? `<rect x="${lx}" y="${y}" width="${swatchW}" height="${swatchH}" fill="url(#${patternId})"/>`
      : "";
    const frame = e.outlined
      ? `stroke="${HIGHLIGHT_STROKE}" stroke-width="3"`
      : `stroke="#555555" stroke-width="1"`;
    return `<rect x="${lx}" y="${y}" width="${swatchW}" height="${swatchH}" fill="${e.colour}" ${frame}/>${hatch}<text x="${lx + swatchW + 8}" y="${y + textY}" font-size="${fontSize}" fill="#1a1a1a">${xmlText(e.text)}</text>`;
  });
  const height = Math.ceil(Math.max(mapHeight, top + legend.length * row + 4));
  const markup = [
    `<defs><pattern id="${patternId}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="none"/><line x1="0" y1="0" x2="0" y2="6" stroke="#4d4d4d" stroke-width="2"/></pattern></defs>`,
    `<g>${paths.join("")}</g>`,
    `<g>${hatches.join("")}</g>`,
    ...(marked.length > 0 ? [`<g>${marked.join("")}</g>`] : []),
    `<g>${[...titleRows, ...legendRows].join("")}</g>`,
  ].join("\n");
  return { markup, width: lx + legendWidth, height };
}
