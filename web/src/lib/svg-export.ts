/**
 * Charts and maps as files: an SVG drawing framed with its title above and its source and date
 * below (so a picture pasted into a report still says what it shows and where it comes from),
 * and the same drawing as a PNG at twice the size for print. The charts draw with presentation
 * attributes only (no CSS classes), so the file looks like the page without the style sheet.
 */
import { xmlText } from "@core/figures/svg-text.ts";

export interface FileMeta {
  readonly title: string;
  readonly source: string;
  readonly date: string;
}

// The escaping is shared with the report figures drawn without a browser; it is kept once, in
// the core, and offered here too so that the web app's drawings keep one place to import from.
export { xmlText };

const PAD = 16;
const HEAD = 44;
const FOOT = 48;
const FONT = "font-family=\"'Segoe UI', Arial, sans-serif\"";

/**
 * A standalone SVG document: white background, the title, the drawing (`inner`, SVG markup of
 * `width` × `height` user units) and source and date under it.
 */
export function frameSvg(
  inner: string,
  size: { readonly width: number; readonly height: number },
  meta: FileMeta,
): { readonly svg: string; readonly width: number; readonly height: number } {
  const width = Math.ceil(Math.max(size.width + 2 * PAD, 480));
  const height = Math.ceil(size.height + HEAD + FOOT);
  const svg = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT}>`,
    `<title>${xmlText(meta.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${PAD}" y="28" font-size="18" font-weight="bold" fill="#1a1a1a">${xmlText(meta.title)}</text>`,
    `<g transform="translate(${PAD} ${HEAD})">${inner}</g>`,
    `<text x="${PAD}" y="${height - 26}" font-size="12" fill="#1a1a1a">${xmlText(meta.source)}</text>`,
    `<text x="${PAD}" y="${height - 10}" font-size="12" fill="#1a1a1a">${xmlText(meta.date)}</text>`,
    `</svg>`,
  ].join("\n");
  return { svg, width, height };
}

/** An SVG element of the page, framed as a file (its viewBox gives the size). */
export function elementSvg(
  element: SVGSVGElement,
  meta: FileMeta,
): { readonly svg: string; readonly width: number; readonly height: number } {
  const box = element.viewBox.baseVal;
  const width = box && box.width > 0 ? box.width : element.clientWidth;
  const height = box && box.height > 0 ? box.height : element.clientHeight;
  const serializer = new XMLSerializer();
  const inner = [...element.childNodes].map((n) => serializer.serializeToString(n)).join("");
  // The serializer gives children the XHTML namespace of the page; inside the frame they are SVG.
  const clean = inner.replaceAll(' xmlns="http://www.w3.org/2000/svg"', "");
  return frameSvg(clean, { width, height }, meta);
}

/** Draws an SVG document into a PNG, `scale` times its size (2: sharp in print). */
export function svgPng(
  file: { readonly svg: string; readonly width: number; readonly height: number },
  scale = 2,
): Promise<Blob> {
  return new Promise((resolve, reject) => {
    // A data URL: the page's Content-Security-Policy allows images from data:, not blob:.
    const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(file.svg)}`;
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement("canvas");
      canvas.width = Math.round(file.width * scale);
      canvas.height = Math.round(file.height * scale);
      const ctx = canvas.getContext("2d");
      if (!ctx) {
        reject(new Error("PNG konnte nicht erzeugt werden."));
        return;
      }
      ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
      canvas.toBlob(
        (b) => (b ? resolve(b) : reject(new Error("PNG konnte nicht erzeugt werden."))),
        "image/png",
      );
    };
    image.onerror = () => {
      reject(new Error("Die Grafik konnte nicht gezeichnet werden."));
    };
    image.src = url;
  });
}
