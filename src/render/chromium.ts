/**
 * The Chromium that prints reports (PDF) and turns figures into pictures (DOCX): Debian's
 * package (`/usr/bin/chromium`, or `CHROMIUM_PATH`), driven by playwright-core, never a
 * downloaded browser. One browser per process, started on first use and reused; `closeChromium`
 * ends it (the server on shutdown, the CLI after its run). Nothing it loads reaches the network:
 * every page is set as content, with fonts and pictures inside.
 *
 * A process killed outright (`kill -9`, the out-of-memory killer) cannot end its browser, and
 * Chromium notices a parent gone only when it next reads from it — seconds later, or never
 * while it hangs. So each browser gets a watchdog: a shell in a session of its own that waits
 * on a pipe from this process. The pipe closes when this process ends, however it ends; unless
 * told first that the browser was closed, the watchdog then kills the browser's process group.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { Socket } from "node:net";
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
    .then(async (browser) => {
      // Without a watchdog the browser still ends with this process in most cases; a failure
      // to start one must not cost the report.
      await watchBrowser(browser).catch(() => undefined);
      return browser;
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

/**
 * The watchdog's script: `$1` is the process group to end. A line on stdin means "closed
 * properly, stand down"; the end of stdin without one means this process is gone. Signals
 * meant for the server's terminal (Ctrl+C) leave it alone: the server closes the browser then.
 */
const WATCHDOG_SCRIPT =
  'trap "" HUP INT TERM; if read -r line; then exit 0; fi; kill -KILL "-$1" 2>/dev/null; exit 0';

/**
 * Starts the browser's watchdog. The browser's PID comes from Chromium itself (DevTools'
 * SystemInfo); Playwright starts it as the leader of its own process group, which holds the
 * zygotes, renderers and helpers. Without /bin/sh (Windows) the browser goes without one.
 */
async function watchBrowser(browser: Browser): Promise<void> {
  if (process.platform === "win32") return;
  const session = await browser.newBrowserCDPSession();
  const { processInfo } = await session.send("SystemInfo.getProcessInfo");
  await session.detach();
  const pid = processInfo.find((p) => p.type === "browser")?.id;
  if (pid === undefined) return;
  const group = processGroupOf(pid) ?? pid;
  if (group === processGroupOf(process.pid)) return;
  const watchdog = spawn(
    "/bin/sh",
    ["-c", WATCHDOG_SCRIPT, "sopla-chromium-watchdog", String(group)],
    {
      detached: true,
      stdio: ["pipe", "ignore", "ignore"],
    },
  );
  watchdog.on("error", () => undefined);
  watchdog.unref();
  const { stdin } = watchdog;
  if (stdin === null) return;
  stdin.on("error", () => undefined);
  // The pipe must not keep a command from exiting; it closes with the process anyway.
  if (stdin instanceof Socket) stdin.unref();
  // Closed by closeChromium or crashed: the group may be gone and its number given to another.
  browser.once("disconnected", () => stdin.end("closed\n"));
}

/** The process group of `pid` (Linux: /proc), or undefined where that cannot be read. */
function processGroupOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses.
    const pgrp = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
    return Number.isInteger(pgrp) && pgrp > 0 ? pgrp : undefined;
  } catch {
    return undefined;
  }
}
