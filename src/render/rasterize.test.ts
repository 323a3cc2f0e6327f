import { canRun } from "../../test/support/tools.ts";
import { afterAll, describe, expect, it } from "vitest";
import { closeChromium } from "./chromium.ts";
import { rasterizeAll, rasterizeSvg } from "./rasterize.ts";
import { sampleFigure } from "./sample-document.test-support.ts";

/** A PNG's size in pixels, from its IHDR chunk. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

afterAll(async () => {
  await closeChromium();
});

describe.skipIf(!canRun("chromium"))("rasterizeSvg", () => {
  it("draws a figure as a PNG at twice its size", async () => {
    const png = await rasterizeSvg(sampleFigure.svg, sampleFigure.width, sampleFigure.height);
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(pngSize(png)).toEqual({ width: 960, height: 400 });
  });

  it("draws many figures in one page, each at its own size", async () => {
    const small = { svg: sampleFigure.svg, width: 240, height: 100 };
    const pngs = await rasterizeAll([sampleFigure, small], 1);
    expect(pngs.map(pngSize)).toEqual([
      { width: 480, height: 200 },
      { width: 240, height: 100 },
    ]);
  });

  it("refuses a figure without a size", async () => {
    await expect(rasterizeSvg(sampleFigure.svg, 0, 100)).rejects.toThrow(/Ungültige Größe/);
  });
});
