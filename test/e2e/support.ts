/**
 * Browser tests: the real server with the demo data on PGlite, the built web app, and Debian's
 * Chromium driven by playwright-core (never a downloaded browser). axe-core checks each page.
 */
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../../src/render/chromium.ts";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import type { FastifyInstance } from "fastify";
import { chromium, type Browser, type Page } from "playwright-core";
import { seedDemo } from "../../src/cli/demo.ts";
import { buildApp } from "../../src/server/app.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { DEFAULT_WEB_ROOT } from "../../src/server/routes/web.routes.ts";
import { openDatabase, type Database } from "../../src/storage/db.ts";

export const CHROMIUM = CHROMIUM_PATH;

/**
 * Debian's Chromium, headless, German, with nothing that reaches the network on its own:
 * the browser tests and bench/atlas-browser.bench.ts start it the same way.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS],
  });
}

export interface E2eServer {
  readonly base: string;
  readonly browser: Browser;
  /** The server's services, for what a test sets up beside the browser (the first administrator). */
  readonly ctx: ServiceContext;
  close(): Promise<void>;
}

/**
 * Starts the server with the demo, or (`demo: false`) an empty installation as `SOPLA_DEMO=off`
 * starts it; `prepare` may change it before the first request (e.g. an installation administrator).
 */
export async function startE2e(
  prepare?: (ctx: ServiceContext) => Promise<void>,
  { demo = true }: { demo?: boolean } = {},
): Promise<E2eServer> {
  if (!existsSync(`${DEFAULT_WEB_ROOT}/index.html`)) {
    throw new Error(
      "Die Weboberfläche ist nicht gebaut: npm run build (npm run test:e2e baut sie).",
    );
  }
  const db: Database = await openDatabase({ dataDir: "memory://" });
  const ctx = createServiceContext(db);
  if (demo) await seedDemo(ctx);
  await prepare?.(ctx);
  const app: FastifyInstance = await buildApp({ ctx, version: "e2e" });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  const browser = await launchChromium();
  return {
    base: `http://127.0.0.1:${address.port}`,
    browser,
    ctx,
    close: async () => {
      await browser.close();
      await app.close();
      await db.close();
    },
  };
}

const axeSource = (): string => {
  const require = createRequire(import.meta.url);
  return (require("axe-core") as { source: string }).source;
};

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: { target: string[] }[];
}

/** axe-core on the current page: the serious and critical violations (WCAG 2.1 A/AA). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the page's CSP (no inline scripts) stays in force.
  await page.evaluate(axeSource());
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run(o: unknown): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run({
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations;
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

export async function logIn(page: Page, base: string, email: string, password: string) {
  await page.goto(base);
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Passwort").fill(password);
  await page.getByRole("button", { name: "Anmelden" }).click();
}
