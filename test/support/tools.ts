/**
 * The programs some tests drive for real — Chromium (printing, pictures), poppler's pdftotext
 * and pdftoppm, LibreOffice, GDAL's ogr2ogr and ogrinfo (area files). `npm test` on a machine with only Node skips those tests and says
 * which program is missing; in CI (CI=true, where .ci/run installs them) a missing program is
 * an error, so the real-client tests can never pass by being skipped there.
 */
import { existsSync } from "node:fs";
import { CHROMIUM_PATH } from "../../src/render/chromium.ts";

const PATHS = {
  chromium: CHROMIUM_PATH,
  pdftotext: "/usr/bin/pdftotext",
  pdftoppm: "/usr/bin/pdftoppm",
  soffice: process.env["SOFFICE_PATH"] ?? "/usr/bin/soffice",
  ogr2ogr: "/usr/bin/ogr2ogr",
  ogrinfo: "/usr/bin/ogrinfo",
} as const;

export type Tool = keyof typeof PATHS;

/** Whether the tests that need `tools` run here; throws in CI when one is missing. */
export function canRun(...tools: Tool[]): boolean {
  const missing = tools.filter((t) => !existsSync(PATHS[t]));
  if (missing.length === 0) return true;
  if (process.env["CI"]) {
    throw new Error(`CI needs ${missing.map((t) => `${t} (${PATHS[t]})`).join(", ")}`);
  }
  console.warn(`Skipped: needs ${missing.map((t) => `${t} (${PATHS[t]})`).join(", ")}.`);
  return false;
}
