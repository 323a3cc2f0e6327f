/**
 * The choropleth map: MapLibre GL (WebGL) with the areas as a GeoJSON source and a fill colour
 * per area from the classification. Without a tile URL the map is clean (no internet needed);
 * with one (the server's `SOPLA_TILE_URL`, e.g. https://tile.openstreetmap.de/{z}/{x}/{y}.png)
 * a raster base map lies underneath. The map is a picture for sighted users; the same data are
 * in the table beside it, which is what keyboard and screen-reader users work with.
 */
import {
  Map as MapLibre,
  NavigationControl,
  setWorkerUrl,
  type GeoJSONSource,
  type MapLayerMouseEvent,
} from "maplibre-gl";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import "maplibre-gl/dist/maplibre-gl.css";
import { useEffect, useRef } from "react";
import type { FeatureCollection } from "geojson";
import { boundsOf } from "@core/areas/bounds.ts";

setWorkerUrl(workerUrl);

export interface MapArea {
  readonly code: string;
  readonly fill: string;
}

export function ChoroplethMap(props: {
  readonly areas: FeatureCollection;
  readonly fills: ReadonlyMap<string, string>;
  /** Areas whose value is withheld: drawn hatched over their fill, as in the legend. */
  readonly withheld: ReadonlySet<string>;
  readonly label: string;
  readonly onSelect?: (code: string) => void;
  readonly onHover?: (code: string | null) => void;
  /** Base map tiles ({z}/{x}/{y}) and their attribution, or null for a clean map. */
  readonly tiles: { readonly url: string; readonly attribution: string | null } | null;
  /**
   * What the map shows ("indicator|level|period"): once MapLibre is idle with it — data
   * handed to the worker, tiles built, frame painted — the figure carries it as `data-drawn`.
   * Browser tests and bench/atlas-browser.bench.ts wait for that; null while the areas are
   * still those of another level.
   */
  readonly drawnKey?: string | null;
  /** The colour of the area outlines (default white); set when the fills need a dark one. */
  readonly outline?: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const figure = useRef<HTMLElement>(null);
  const map = useRef<MapLibre | null>(null);
  const loaded = useRef(false);
  const latest = useRef(props);
  latest.current = props;

  const tiles = props.tiles;
  useEffect(() => {
    if (!container.current) return;
    const m = new MapLibre({
      container: container.current,
      style: {
        version: 8,
        sources: tiles
          ? {
              base: {
                type: "raster",
                tiles: [tiles.url],
                tileSize: 256,
                ...(tiles.attribution ? { attribution: tiles.attribution } : {}),
              },
            }
          : {},
        layers: [
          { id: "background", type: "background", paint: { "background-color": "#f4f6f8" } },
          ...(tiles ? [{ id: "base", type: "raster" as const, source: "base" }] : []),
        ],
      },
      attributionControl: tiles ? { compact: true } : false,
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    m.addControl(new NavigationControl({ showCompass: false }), "top-right");
    m.on("load", () => {
      loaded.current = true;
      draw(m, latest.current, tiles !== null);
      markWhenIdle(m, figure.current, latest.current.drawnKey);
      m.on("click", "areas-fill", (e: MapLayerMouseEvent) => {
        const code = e.features?.[0]?.properties?.["code"];
        if (typeof code === "string") latest.current.onSelect?.(code);
      });
      m.on("mousemove", "areas-fill", (e: MapLayerMouseEvent) => {
        const code = e.features?.[0]?.properties?.["code"];
        m.getCanvas().style.cursor = "pointer";
        latest.current.onHover?.(typeof code === "string" ? code : null);
      });
      m.on("mouseleave", "areas-fill", () => {
        m.getCanvas().style.cursor = "";
        latest.current.onHover?.(null);
      });
    });
    map.current = m;
    // The container gets its final size after layout (and with every window change).
    const observer = new ResizeObserver(() => {
      m.resize();
      const b = areaBounds(latest.current.areas);
      if (b && loaded.current) m.fitBounds(b, { padding: 16, animate: false });
    });
    observer.observe(container.current);
    return () => {
      observer.disconnect();
      loaded.current = false;
      m.remove();
      map.current = null;
    };
  }, [tiles]);

  useEffect(() => {
    if (!map.current || !loaded.current) return;
    draw(map.current, props, tiles !== null);
    markWhenIdle(map.current, figure.current, props.drawnKey);
  }, [props.areas, props.fills, props.withheld, props.drawnKey]);

  return (
    <figure ref={figure} className="map-figure" data-testid="choropleth-map">
      <div ref={container} className="map" />
      <figcaption className="sr-only">{props.label}</figcaption>
    </figure>
  );
}

const drawn = new WeakMap<MapLibre, FeatureCollection>();

/** The latest draw of each map: an older draw's idle must not mark the figure. */
const latestDraw = new WeakMap<MapLibre, object>();

/**
 * Removes `data-drawn` from the figure and sets it to `key` at the next `idle` of the map after
 * this draw. MapLibre fires `idle` only when no source is updating (a `setData` in the worker
 * counts), every tile is loaded and the frame is painted; the repaint makes sure an `idle`
 * comes even when the draw changed nothing.
 */
function markWhenIdle(m: MapLibre, figure: HTMLElement | null, key: string | null | undefined) {
  if (!figure) return;
  const token = {};
  latestDraw.set(m, token);
  delete figure.dataset["drawn"];
  if (!key) return;
  m.once("idle", () => {
    if (latestDraw.get(m) === token) figure.dataset["drawn"] = key;
  });
  m.triggerRepaint();
}

/** Diagonal hatching (WITHHELD_STYLE of src/core/classify/palette.ts) as a map image. */
function hatchImage(): ImageData {
  const size = 8;
  const canvas = document.createElement("canvas");
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext("2d")!;
  ctx.strokeStyle = "#636363";
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  for (const offset of [-size, 0, size]) {
    ctx.moveTo(offset, size);
    ctx.lineTo(offset + size, 0);
  }
  ctx.stroke();
  return ctx.getImageData(0, 0, size, size);
}

/**
 * Sets the areas (when they changed, then fits the view) and the fill of each area. The fills
 * are feature states keyed by the area code (`promoteId`), not a `match` expression: a new
 * expression makes MapLibre's worker cut and triangulate every tile again (for 10,990 areas
 * about 1.3 s on two cores, see docs/performance.md), a new state only recolours the features
 * already built (about 0.15 s). The hatching of withheld areas is a state too (its opacity),
 * as a new filter would also rebuild every tile.
 */
function draw(
  m: MapLibre,
  layer: {
    readonly areas: FeatureCollection;
    readonly fills: ReadonlyMap<string, string>;
    readonly withheld: ReadonlySet<string>;
    readonly outline?: string | undefined;
  },
  overTiles: boolean,
): void {
  const { areas, fills, withheld } = layer;
  const source = m.getSource<GeoJSONSource>("areas");
  if (!source) {
    m.addSource("areas", { type: "geojson", data: areas, promoteId: "code" });
    m.addLayer({
      id: "areas-fill",
      type: "fill",
      source: "areas",
      paint: {
        "fill-color": ["to-color", ["coalesce", ["feature-state", "fill"], "#ffffff"]],
        "fill-opacity": overTiles ? 0.8 : 1,
      },
    });
    if (!m.hasImage("hatch")) m.addImage("hatch", hatchImage());
    m.addLayer({
      id: "areas-withheld",
      type: "fill",
      source: "areas",
      paint: {
        "fill-pattern": "hatch",
        "fill-opacity": ["case", ["boolean", ["feature-state", "withheld"], false], 1, 0],
      },
    });
    m.addLayer({
      id: "areas-line",
      type: "line",
      source: "areas",
      paint: { "line-color": layer.outline ?? "#ffffff", "line-width": 0.8 },
    });
  } else if (drawn.get(m) !== areas) {
    void source.setData(areas);
  }
  // Every area gets its state anew, so an area without a fill goes back to white.
  m.removeFeatureState({ source: "areas" });
  for (const [code, fill] of fills) {
    m.setFeatureState({ source: "areas", id: code }, { fill, withheld: withheld.has(code) });
  }
  if (drawn.get(m) !== areas) {
    drawn.set(m, areas);
    const b = areaBounds(areas);
    if (b) m.fitBounds(b, { padding: 16, animate: false });
  }
}

/** The box around every area's outline (src/core/areas/bounds.ts). */
function areaBounds(fc: FeatureCollection) {
  return boundsOf(fc.features.flatMap((f) => (f.geometry ? [f.geometry] : [])));
}
