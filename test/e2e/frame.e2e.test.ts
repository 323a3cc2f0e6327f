/// <reference lib="dom" />
/**
 * The frame of the web app as people meet it: log in, see the overview with German numbers,
 * move through the navigation with the keyboard, switch the language, log out; no serious or
 * critical accessibility violation on any of these pages, at 1,280 and at 768 px.
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

describe("web app frame", () => {
  it("shows a German login page without accessibility violations", async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(e2e.base);
    await expect.poll(() => page.getByRole("heading", { name: "Anmelden" }).count()).toBe(1);
    expect(await page.getAttribute("html", "lang")).toBe("de");
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: "docs/screenshots/login.png" });
    await page.close();
  });

  it("says clearly when the password is wrong", async () => {
    const page = await e2e.browser.newPage();
    await logIn(page, e2e.base, "planung@demo.sopla.example", "falsch");
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toMatch(/Anmeldename oder Passwort ist falsch/);
    await page.close();
  });

  it("logs a planner in to the overview with key figures in German formats", async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await logIn(page, e2e.base, "planung@demo.sopla.example", "Demo-Planung-2026");
    await expect.poll(() => page.getByRole("heading", { name: "Übersicht" }).count()).toBe(1);
    const cards = page.getByRole("list", { name: "Kennzahlen der Gesamtstadt" });
    const card = cards.getByRole("listitem").filter({ hasText: "Einwohnerinnen und Einwohner" });
    await expect.poll(() => card.textContent()).toMatch(/97\.882/);
    await expect.poll(() => page.getByText("SGB-II-Quote").count()).toBeGreaterThan(0);
    await expect
      .poll(() => cards.getByRole("listitem").filter({ hasText: "SGB-II-Quote" }).textContent())
      .toMatch(/14,2/);
    // Planners see the latest imports.
    await expect.poll(() => page.getByRole("heading", { name: "Letzte Importe" }).count()).toBe(1);
    await expect
      .poll(() => page.getByRole("cell", { name: "übernommen" }).count())
      .toBeGreaterThan(0);
    // A small map of the lead rate indicator, with its legend and a way into the atlas.
    await expect
      .poll(() => page.getByRole("heading", { name: /^Karte: SGB-II-Quote \(%\), 2021$/ }).count())
      .toBe(1);
    await expect.poll(() => page.getByTestId("choropleth-map").locator("canvas").count()).toBe(1);
    expect(await page.getByRole("list", { name: "Legende" }).getByRole("listitem").count()).toBe(5);
    // Planners see the alerts: values far off the city's level, judged with their counts.
    await expect.poll(() => page.getByRole("heading", { name: "Hinweise" }).count()).toBe(1);
    // The first eight: the class changes of the stored index first, each linking to its
    // analysis, then those of indicators with a reading; the rest on request.
    await expect.poll(() => page.locator(".alerts li").count()).toBe(8);
    expect(await page.locator(".alerts li").first().textContent()).toMatch(
      /^Sozialindex Flensburg \(Beispiel\), .+: (Status|Dynamik) „.+“ → „.+“.*Analyse$/,
    );
    expect(
      await page
        .locator(".alerts li")
        .first()
        .getByRole("link", { name: "Analyse: Sozialindex Flensburg (Beispiel)" })
        .getAttribute("href"),
    ).toBe("/analysen?index=sozialindex");
    await page.getByRole("button", { name: /^Alle \d+ Hinweise zeigen$/ }).click();
    await expect
      .poll(() => page.getByText(/^SGB-II-Quote in Neustadt: 24,9 % gegenüber 14,2 %/).count())
      .toBe(1);
    // Who is logged in, with which role.
    expect(await page.locator("header").textContent()).toMatch(/Rolle: Sozialplanung/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: "docs/screenshots/overview.png", fullPage: true });
    await page.getByRole("link", { name: "Im Atlas öffnen" }).click();
    expect(page.url()).toMatch(/\/atlas\?indicator=sgb2_rate&level=district&period=2021$/);
    await expect.poll(() => page.getByLabel("Indikator").inputValue()).toBe("sgb2_rate");
    await page.goBack();

    // The modules to come have their place and say so.
    await page.getByRole("link", { name: /Netzwerk/ }).click();
    await expect
      .poll(() => page.getByRole("heading", { name: "Dieses Modul ist in Vorbereitung" }).count())
      .toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    // English as the second language.
    await page.getByLabel("Sprache").selectOption("en");
    await expect
      .poll(() => page.getByRole("link", { name: "Overview", exact: true }).count())
      .toBe(1);
    await page.getByLabel("Language").selectOption("de");

    await page.getByRole("button", { name: "Abmelden" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Anmelden" }).count()).toBe(1);
    await page.close();
  });

  it("works with the keyboard alone: skip link, navigation, focus visible", async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await logIn(page, e2e.base, "politik@demo.sopla.example", "Demo-Politik-2026");
    await expect.poll(() => page.getByRole("heading", { name: "Übersicht" }).count()).toBe(1);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      "Zum Inhalt springen",
    );
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
    // A viewer reads, but sees no imports.
    expect(await page.getByRole("heading", { name: "Letzte Importe" }).count()).toBe(0);
    await page.close();
  });

  it("fits a 768 px wide screen without accessibility violations", async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 768, height: 1024 } });
    await logIn(page, e2e.base, "fachdienst@demo.sopla.example", "Demo-Fachdienst-2026");
    await expect.poll(() => page.getByRole("heading", { name: "Übersicht" }).count()).toBe(1);
    await expect.poll(() => page.getByText("97.882").count()).toBeGreaterThan(0);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: "docs/screenshots/overview-768.png", fullPage: true });
    await page.close();
  });
});
