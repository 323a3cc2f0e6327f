/**
 * The choropleth as a vector drawing for reports: every area as an SVG path in Web Mercator
 * (the projection of the map on screen), filled with its class colour, withheld areas hatched,
 * and the legend beside it. Drawn from the same geometry and fills as the map, without the
 * base map tiles (they are raster pictures and often under a licence that asks for credit).
 */
import type { Feature, FeatureCollection, Position } from "geojson";
import { xmlText } from "../../lib/svg-export.ts";

export interface LegendEntry {
  readonly colour: string;
  readonly text: string;
  /** Drawn hatched like withheld areas. */
  readonly hatched?: boolean;
}

const MAP_WIDTH = 640;
const LEGEND_GAP = 24;
const LEGEND_WIDTH = 300;
const ROW = 22;

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
): { readonly markup: string; readonly width: number; readonly height: number } {
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
  const scale = MAP_WIDTH / spanX;
  const mapHeight = Math.min(Math.max(spanY * scale, 120), 900);
  const k = Math.min(scale, mapHeight / spanY);
  const px = (v: number) => Math.round(v * 10) / 10;

  const paths: string[] = [];
  const hatches: string[] = [];
  for (const a of projected) {
    if (a.rings.length === 0) continue;
    const d = a.rings
      .map(
        (ring) =>
          `M${ring.map(([x, y]) => `${px((x - minX) * k)} ${px((y - minY) * k)}`).join("L")}Z`,
      )
      .join("");
    const fill = fills.get(a.code) ?? fallbackFill;
    paths.push(
      `<path d="${d}" fill="${fill}" fill-rule="evenodd" stroke="${outline}" stroke-width="0.6"><title>${xmlText(a.name)}</title></path>`,
    );
    if (withheld.has(a.code)) {
      hatches.push(`<path d="${d}" fill="url(#withheld)" fill-rule="evenodd" stroke="none"/>`);
    }
  }
  const lx = MAP_WIDTH + LEGEND_GAP;
  const legendRows = legend.map((e, i) => {
    const y = i * ROW + 4;
    const hatch = e.hatched
      ? `<rect x="${lx}" y="${y}" width="22" height="16" fill="url(#withheld)"/>`
      : "";
    return `<rect x="${lx}" y="${y}" width="22" height="16" fill="${e.colour}" stroke="#555555" stroke-width="1"/>${hatch}<text x="${lx + 30}" y="${y + 13}" font-size="13" fill="#1a1a1a">${xmlText(e.text)}</text>`;
  });
  const height = Math.ceil(Math.max(mapHeight, legend.length * ROW + 8));
  const markup = [
    `<defs><pattern id="withheld" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="none"/><line x1="0" y1="0" x2="0" y2="6" stroke="#4d4d4d" stroke-width="2"/></pattern></defs>`,
    `<g>${paths.join("")}</g>`,
    `<g>${hatches.join("")}</g>`,
    `<g>${legendRows.join("")}</g>`,
  ].join("\n");
  return { markup, width: lx + LEGEND_WIDTH, height };
}
