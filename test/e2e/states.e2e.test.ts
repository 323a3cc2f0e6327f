/// <reference lib="dom" />
/**
 * Every main page in Chromium when things go slowly or wrong: while the API has not answered
 * the page says it is loading; when the API fails it says so with the server's message and
 * offers to try again, which then works. And every main page at 768 px: no horizontal
 * scrolling of the page, no serious or critical accessibility violation.
 *
 * The failures are made in the browser's network layer (the server itself stays real): the
 * page cannot tell them from a server that answers 500 or takes its time.
 */
import type { Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logIn, seriousViolations, startE2e, type E2eServer } from "./support.ts";

let e2e: E2eServer;

beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.close();
});

/** The main pages, each with the API path whose failure it must report. */
const PAGES = [
  { name: "Übersicht", path: "/", api: "**/api/indicators?*", heading: "Übersicht" },
  { name: "Atlas", path: "/atlas", api: "**/api/indicators?*", heading: "Atlas" },
  { name: "Gebiete", path: "/gebiete/STGT02", api: "**/api/areas?*", heading: "Gebiete" },
  {
    name: "Indikatoren",
    path: "/indikatoren/sgb2_rate",
    api: "**/api/indicators?*",
    heading: "Indikatoren",
  },
  { name: "Daten", path: "/daten", api: "**/api/imports?*", heading: "Daten" },
  {
    name: "Analysen",
    path: "/analysen",
    api: "**/api/analyses/indices?*",
    heading: "Analysen",
  },
  {
    name: "Unterkünfte",
    path: "/unterkuenfte",
    api: "**/api/accommodation/facilities?*",
    heading: "Unterkünfte",
  },
  { name: "Berichte", path: "/berichte", api: "**/api/reports?*", heading: "Berichte" },
] as const;

const failure = (route: Route) =>
  route.fulfill({
    status: 503,
    contentType: "application/json",
    body: JSON.stringify({
      error: { code: "unavailable", message: "Der Dienst ist gerade nicht erreichbar." },
    }),
  });

async function plannerPage(width: number): Promise<Page> {
  const page = await e2e.browser.newPage({ viewport: { width, height: 1000 } });
  await logIn(page, e2e.base, "planung@demo.sopla.example", "Demo-Planung-2026");
  await expect.poll(() => page.getByRole("heading", { name: "Übersicht" }).count()).toBe(1);
  return page;
}

describe("loading and error states", () => {
  for (const p of PAGES) {
    it(`${p.name}: says it is loading, reports a failing API and recovers on retry`, async () => {
      const page = await plannerPage(1280);
      // Slow first: the page says it is loading until the answer comes.
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(p.api, async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(`${e2e.base}${p.path}`);
      await expect
        .poll(() => page.getByRole("status").filter({ hasText: "Wird geladen" }).count())
        .toBeGreaterThan(0);
      release();
      await expect
        .poll(() => page.getByRole("heading", { name: p.heading, level: 1 }).count())
        .toBe(1);
      // (the planner's overview also computes its alerts, which takes a moment the first time)
      await expect
        .poll(() => page.getByRole("status").filter({ hasText: "Wird geladen" }).count(), {
          timeout: 15_000,
        })
        .toBe(0);
      await page.unroute(p.api);

      // Then failing: the message of the server, and a way to try again.
      await page.route(p.api, failure);
      await page.goto(`${e2e.base}${p.path}`);
      const alert = page.getByRole("alert").filter({ hasText: "nicht erreichbar" });
      await expect.poll(() => alert.count(), { timeout: 15_000 }).toBeGreaterThan(0);
      expect(await alert.first().textContent()).toMatch(
        /^Das hat nicht geklappt: Der Dienst ist gerade nicht erreichbar\./,
      );
      expect(await page.getByRole("heading", { level: 1 }).count()).toBeLessThanOrEqual(1);
      await page.unroute(p.api);
      await alert.first().getByRole("button", { name: "Erneut versuchen" }).click();
      await expect.poll(() => alert.count()).toBe(0);
      await expect
        .poll(() => page.getByRole("heading", { name: p.heading, level: 1 }).count())
        .toBe(1);
      await page.close();
    });
  }
});

describe("768 px wide", () => {
  it("shows every main page without horizontal scrolling or accessibility violations", async () => {
    const page = await plannerPage(768);
    for (const p of PAGES) {
      await page.goto(`${e2e.base}${p.path}`);
      await expect
        .poll(() => page.getByRole("heading", { name: p.heading, level: 1 }).count())
        .toBe(1);
      await expect
        .poll(() => page.getByRole("status").filter({ hasText: "Wird geladen" }).count(), {
          timeout: 15_000,
        })
        .toBe(0);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, p.name).toBeLessThanOrEqual(0);
      expect(await seriousViolations(page), p.name).toEqual([]);
    }
    await page.close();
  });
});
