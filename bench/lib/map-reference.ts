/**
 * The reference of the atlas benchmark: "the raw engine doing the same work". A tiny node:http
 * server on 127.0.0.1 serves one bare HTML page with MapLibre GL (the same package and version
 * the web app bundles, from node_modules), the very bytes the product's API answered for the
 * areas (GeoJSON) and the indicator values, with the same cache headers (areas `no-store`,
 * values `no-cache` with an ETag). The page fetches geometry and values, classifies the values
 * into 5 quantile classes in a few lines of plain JavaScript, and paints the same layers as the
 * app into a map of the same size: a fill coloured by feature state keyed by the area code
 * (`promoteId`), hatching for withheld areas (its opacity a feature state), white outlines.
 * Switching the indicator fetches the other values and sets the new states. When MapLibre is
 * idle it marks `data-drawn` like the app.
 */
import { createServer, type Server } from "node:http";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export interface ReferenceLayer {
  /** The API's GeoJSON answer, byte for byte. */
  readonly areas: string;
  /** Indicator code → the API's value-set answer, byte for byte. */
  readonly values: ReadonlyMap<string, string>;
}

export interface ReferenceServer {
  readonly base: string;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);
const MAPLIBRE_DIST = dirname(require.resolve("maplibre-gl/dist/maplibre-gl.mjs"));

/** The page; `layer`, `w` and `h` come from its query string. */
const PAGE = `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>MapLibre reference</title>
<link rel="stylesheet" href="/maplibre/maplibre-gl.css">
<style>body{margin:0;font:14px sans-serif}figure{margin:0}</style></head>
<body>
<select id="indicator"><option value="sgb2_rate">SGB-II-Quote</option>
<option value="unemployment_rate">Arbeitslosenanteil</option></select>
<figure id="figure"><div id="map"></div></figure>
<script type="module">
import { Map as MapLibre } from "/maplibre/maplibre-gl.mjs";
const q = new URLSearchParams(location.search);
const layer = q.get("layer");
const mapDiv = document.getElementById("map");
mapDiv.style.width = q.get("w") + "px";
mapDiv.style.height = q.get("h") + "px";
const figure = document.getElementById("figure");
const PALETTE = ["#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000"];

async function classified(code) {
  const set = await (await fetch("/values/" + layer + "/" + code + ".json")).json();
  const known = set.values.filter((v) => v.value !== null).map((v) => v.value).sort((a, b) => a - b);
  const breaks = [1, 2, 3, 4].map((k) => known[Math.min(known.length - 1, Math.floor((k * known.length) / 5))]);
  const fills = new Map();
  const withheld = new Set();
  for (const v of set.values) {
    let fill = "#d9d9d9";
    if (v.value !== null) {
      let c = 0;
      while (c < 4 && v.value > breaks[c]) c++;
      fill = PALETTE[c];
    } else if (v.status === "suppressed") {
      fill = "#bdbdbd";
      withheld.add(v.area);
    }
    fills.set(v.area, fill);
  }
  return { key: set.indicator + "|" + set.level + "|" + set.period, fills, withheld };
}

function paint(map, c) {
  map.removeFeatureState({ source: "areas" });
  for (const [code, fill] of c.fills) {
    map.setFeatureState({ source: "areas", id: code }, { fill, withheld: c.withheld.has(code) });
  }
}

function bounds(fc) {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const visit = (c) => {
    if (typeof c[0] === "number") {
      minX = Math.min(minX, c[0]); maxX = Math.max(maxX, c[0]);
      minY = Math.min(minY, c[1]); maxY = Math.max(maxY, c[1]);
    } else for (const x of c) visit(x);
  };
  for (const f of fc.features) if (f.geometry) visit(f.geometry.coordinates);
  return [minX, minY, maxX, maxY];
}

function hatch() {
  const canvas = document.createElement("canvas");
  canvas.width = 8; canvas.height = 8;
  const ctx = canvas.getContext("2d");
  ctx.strokeStyle = "#636363"; ctx.lineWidth = 1.5; ctx.beginPath();
  for (const o of [-8, 0, 8]) { ctx.moveTo(o, 8); ctx.lineTo(o + 8, 0); }
  ctx.stroke();
  return ctx.getImageData(0, 0, 8, 8);
}

let latest = 0;
function markWhenIdle(map, key) {
  const token = ++latest;
  delete figure.dataset.drawn;
  map.once("idle", () => { if (token === latest) figure.dataset.drawn = key; });
  map.triggerRepaint();
}

const map = new MapLibre({
  container: mapDiv,
  style: { version: 8, sources: {}, layers: [
    { id: "background", type: "background", paint: { "background-color": "#f4f6f8" } },
  ] },
  attributionControl: false,
  canvasContextAttributes: { preserveDrawingBuffer: true },
});
const [areas, first] = await Promise.all([
  fetch("/areas/" + layer + ".json").then((r) => r.json()),
  classified("sgb2_rate"),
  new Promise((resolve) => map.once("load", resolve)),
]);
map.addSource("areas", { type: "geojson", data: areas, promoteId: "code" });
map.addLayer({ id: "areas-fill", type: "fill", source: "areas", paint: {
  "fill-color": ["to-color", ["coalesce", ["feature-state", "fill"], "#ffffff"]],
  "fill-opacity": 1,
} });
map.addImage("hatch", hatch());
map.addLayer({ id: "areas-withheld", type: "fill", source: "areas", paint: {
  "fill-pattern": "hatch",
  "fill-opacity": ["case", ["boolean", ["feature-state", "withheld"], false], 1, 0],
} });
map.addLayer({ id: "areas-line", type: "line", source: "areas",
  paint: { "line-color": "#ffffff", "line-width": 0.8 } });
paint(map, first);
map.fitBounds(bounds(areas), { padding: 16, animate: false });
markWhenIdle(map, first.key);

document.getElementById("indicator").addEventListener("change", async (e) => {
  const next = await classified(e.target.value);
  paint(map, next);
  markWhenIdle(map, next.key);
});
</script>
</body></html>
`;

/** Starts the reference server with the layers' exact API answers. */
export async function startReferenceServer(
  layers: ReadonlyMap<string, ReferenceLayer>,
): Promise<ReferenceServer> {
  const files: Record<string, { type: string; body: Buffer }> = {
    "/maplibre/maplibre-gl.mjs": {
      type: "text/javascript; charset=utf-8",
      body: readFileSync(join(MAPLIBRE_DIST, "maplibre-gl.mjs")),
    },
    "/maplibre/maplibre-gl-worker.mjs": {
      type: "text/javascript; charset=utf-8",
      body: readFileSync(join(MAPLIBRE_DIST, "maplibre-gl-worker.mjs")),
    },
    "/maplibre/maplibre-gl.css": {
      type: "text/css; charset=utf-8",
      body: readFileSync(join(MAPLIBRE_DIST, "maplibre-gl.css")),
    },
  };
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    const send = (status: number, type: string, body: string | Buffer, headers = {}): void => {
      res.writeHead(status, { "content-type": type, ...headers });
      res.end(body);
    };
    if (path === "/")
      return send(200, "text/html; charset=utf-8", PAGE, { "cache-control": "no-store" });
    const file = files[path];
    if (file) {
      // Like the web app's hashed assets.
      return send(200, file.type, file.body, {
        "cache-control": "public, max-age=31536000, immutable",
      });
    }
    const areas = /^\/areas\/([^/]+)\.json$/.exec(path);
    const layerOfAreas = areas ? layers.get(areas[1]!) : undefined;
    if (layerOfAreas) {
      // Like GET /api/areas for a logged-in user.
      return send(200, "application/json; charset=utf-8", layerOfAreas.areas, {
        "cache-control": "private, no-store",
      });
    }
    const values = /^\/values\/([^/]+)\/([^/]+)\.json$/.exec(path);
    const body = values ? layers.get(values[1]!)?.values.get(values[2]!) : undefined;
    if (values && body !== undefined) {
      // Like GET /api/indicators/:code/values: revalidated with its ETag.
      const etag = `"${values[1]}-${values[2]}"`;
      const headers = { etag, "cache-control": "private, no-cache" };
      if (req.headers["if-none-match"] === etag) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      return send(200, "application/json; charset=utf-8", body, headers);
    }
    send(404, "text/plain", "not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return {
    base: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
