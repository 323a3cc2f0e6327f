/**
 * The Chromium that prints reports (PDF) and turns figures into pictures (DOCX): Debian's
 * package (`/usr/bin/chromium`, or `CHROMIUM_PATH`), driven by playwright-core, never a
 * downloaded browser. One browser per process, started on first use and reused; `closeChromium`
 * ends it (the server on shutdown, the CLI after its run). Nothing it loads reaches the network:
 * every page is set as content, with fonts and pictures inside.
 */
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM_PATH = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

/** Headless, German, and nothing that reaches the network on its own (tests start it alike). */
export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--lang=de-DE",
];

let starting: Promise<Browser> | null = null;

export function reportBrowser(): Promise<Browser> {
  starting ??= chromium
    .launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS],
    })
    .catch((e: unknown) => {
      starting = null;
      throw new Error(
        `Chromium für PDF und Abbildungen ließ sich nicht starten (${CHROMIUM_PATH}): ${e instanceof Error ? e.message : String(e)}`,
      );
    });
  return starting;
}

export async function closeChromium(): Promise<void> {
  const pending = starting;
  starting = null;
  if (pending) await (await pending).close();
}
