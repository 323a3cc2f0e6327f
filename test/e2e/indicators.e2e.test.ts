/// <reference lib="dom" />
/**
 * The indicator catalogue in Chromium: grouped by theme, searchable, each indicator's sheet
 * with formula and source and the city's time series in German numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logIn, seriousViolations, startE2e, type E2eServer } from "./support.ts";

let e2e: E2eServer;

beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.close();
});

describe("indicator catalogue", () => {
  it("finds an indicator by search and shows its sheet and time series", async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await logIn(page, e2e.base, "fachdienst@demo.sopla.example", "Demo-Fachdienst-2026");
    await page.getByRole("link", { name: /^Indikatoren/ }).click();
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "16 Indikatoren" }).count())
      .toBe(1);
    await expect
      .poll(() => page.getByRole("heading", { name: "Soziale Lage", level: 3 }).count())
      .toBe(1);

    await page.getByLabel("Suchen").fill("sgb");
    await expect.poll(() => page.getByRole("link", { name: "Altenquotient" }).count()).toBe(0);
    expect(await page.getByRole("status").textContent()).toMatch(/^[1-9] Indikatoren$/);
    await page.getByRole("link", { name: "SGB-II-Quote" }).click();
    expect(page.url()).toMatch(/\/indikatoren\/sgb2_rate$/);
    await expect
      .poll(() => page.getByRole("heading", { name: "SGB-II-Quote", level: 2 }).count())
      .toBe(1);
    const sheet = await page.locator(".sheet").textContent();
    expect(sheet).toMatch(/Formel.*sgb2_recipients \/ \(pop_under_18 \+ pop_18_64\) × 100/);
    expect(sheet).toMatch(/niedriger ist günstiger/);
    const series = page.locator("article table tbody tr");
    await expect.poll(() => series.count()).toBeGreaterThan(3);
    await expect.poll(() => series.filter({ hasText: "2021" }).textContent()).toMatch(/14,2/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: "docs/screenshots/indicators.png", fullPage: true });

    // A link to an unknown indicator says so.
    await page.goto(`${e2e.base}/indikatoren/gibt_es_nicht`);
    await expect.poll(() => page.getByText("Diesen Indikator gibt es hier nicht.").count()).toBe(1);
    await page.close();
  });
});
