/**
 * Figures as pictures: Word and other word processors show SVG unreliably (older Word and
 * LibreOffice need a raster fallback), so the DOCX carries each figure as a PNG as well. The
 * report's Chromium draws the SVG exactly as the PDF does, with the report's font, on white.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { BrowserContext } from "playwright-core";
import { reportBrowser } from "./chromium.ts";

/** An SVG drawing and its size in CSS pixels (1/96 in). */
export interface SvgPicture {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

/**
 * One SVG drawing as a PNG, `scale` device pixels per CSS pixel (2 gives about 192 dpi at the
 * drawing's own size, sharp enough for print).
 */
export async function rasterizeSvg(
  svg: string,
  width: number,
  height: number,
  scale = 2,
): Promise<Uint8Array> {
  const [png] = await rasterizeAll([{ svg, width, height }], scale);
  if (!png) throw new Error("Die Abbildung ließ sich nicht in ein Bild umwandeln.");
  return png;
}

/**
 * Many drawings as PNGs, in order. They share one browser page, because opening a page costs
 * far more than drawing a figure on it, and a report has dozens of figures.
 */
export async function rasterizeAll(
  pictures: readonly SvgPicture[],
  scale = 2,
): Promise<Uint8Array[]> {
  if (pictures.length === 0) return [];
  for (const p of pictures) assertSize(p);
  const browser = await reportBrowser();
  // Scripts are off and the page is offline: the SVG is drawn, never run, and loads nothing.
  const context: BrowserContext = await browser.newContext({
    deviceScaleFactor: scale,
    javaScriptEnabled: false,
    offline: true,
    viewport: { width: 800, height: 600 },
  });
  try {
    const page = await context.newPage();
    const out: Uint8Array[] = [];
    for (const picture of pictures) {
      const width = Math.ceil(picture.width);
      const height = Math.ceil(picture.height);
      await page.setViewportSize({ width, height });
      await page.setContent(pictureHtml(picture), { waitUntil: "load" });
      const png = await page
        .locator("#figure")
        .screenshot({ type: "png", omitBackground: false, animations: "disabled" });
      out.push(new Uint8Array(png.buffer, png.byteOffset, png.byteLength));
    }
    return out;
  } finally {
    await context.close();
  }
}

function assertSize(p: SvgPicture): void {
  const ok = (n: number) => Number.isFinite(n) && n > 0 && n <= 10_000;
  if (!ok(p.width) || !ok(p.height)) {
    throw new Error(`Ungültige Größe einer Abbildung: ${p.width} × ${p.height} Pixel.`);
  }
}

/**
 * The page for one drawing: the SVG inline (so it uses the page's fonts, which an SVG shown as
 * an <img> could not), stretched to exactly the given size, on white.
 */
function pictureHtml({ svg, width, height }: SvgPicture): string {
  const inline = svg.replace(/^\s*<\?xml[^>]*\?>/, "").replace(/<!DOCTYPE[^>]*>/i, "");
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><style>${fontFaces()}
html,body{margin:0;padding:0;background:#fff}
body{font-family:"Source Sans 3",Calibri,Arial,sans-serif;color:#1a1a1a}
#figure{width:${width}px;height:${height}px;overflow:hidden;background:#fff}
#figure>svg{display:block;width:${width}px;height:${height}px}
</style></head><body><div id="figure">${inline}</div></body></html>`;
}

let faces: string | null = null;

/**
 * The report font's regular and bold faces (Latin and Latin Extended) as data URLs, read once;
 * figures then look as in the PDF, which uses the same font.
 */
function fontFaces(): string {
  if (faces !== null) return faces;
  const require = createRequire(import.meta.url);
  const css: string[] = [];
  for (const weight of [400, 700]) {
    for (const [subset, range] of SUBSETS) {
      const file = require.resolve(
        `@fontsource/source-sans-3/files/source-sans-3-${subset}-${weight}-normal.woff2`,
      );
      const data = readFileSync(file).toString("base64");
      css.push(
        `@font-face{font-family:"Source Sans 3";font-style:normal;font-weight:${weight};src:url(data:font/woff2;base64,${data}) format("woff2");unicode-range:${range}}`,
      );
    }
  }
  faces = css.join("\n");
  return faces;
}

/** The Fontsource subsets German text needs, with their Unicode ranges (as in Fontsource's CSS). */
const SUBSETS: readonly (readonly [string, string])[] = [
  [
    "latin",
    "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD",
  ],
  [
    "latin-ext",
    "U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C4,U+2113,U+2C60-2C7F,U+A720-A7FF",
  ],
];
