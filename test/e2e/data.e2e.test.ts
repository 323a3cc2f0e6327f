/// <reference lib="dom" />
/**
 * Importing in the browser: a broken file is checked and every bad row is named with line and
 * column; nothing can be committed; the fixed file is checked and committed, shows up in the
 * history, and its value is on the map.
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

const BROKEN = "gebiet;merkmal;jahr;wert\nSTGT02;population;2022;viele\nXX99;population;2022;100\n";
const FIXED = "gebiet;merkmal;jahr;wert\nSTGT02;population;2022;4.911\n";

describe("data import", () => {
  it("names every bad row, commits only a checked file, and the map shows the new value", async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await logIn(page, e2e.base, "planung@demo.sopla.example", "Demo-Planung-2026");
    await page.getByRole("link", { name: /^Daten/ }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Daten", level: 1 }).count()).toBe(1);

    await page.getByLabel("Datei (CSV, XLSX, GeoJSON)").setInputFiles({
      name: "einwohner-2022.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(BROKEN),
    });
    await page.getByRole("button", { name: "Prüfen" }).click();
    await expect
      .poll(() =>
        page
          .getByRole("status")
          .filter({ hasText: /Fehler/ })
          .textContent(),
      )
      .toMatch(/^2 Fehler/);
    const findings = page
      .getByRole("region", { name: "Befunde mit Zeile und Spalte" })
      .locator("tbody tr");
    await expect.poll(() => findings.filter({ hasText: "Fehler" }).count()).toBe(2);
    const text = (await findings.allTextContents()).join("\n");
    expect(text).toMatch(/Fehler\s*2\s*wert/);
    expect(text).toMatch(/Fehler\s*3\s*gebiet.*XX99/);
    expect(await page.getByRole("button", { name: "Übernehmen" }).isDisabled()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: "docs/screenshots/import-report.png", fullPage: true });

    await page.getByLabel("Datei (CSV, XLSX, GeoJSON)").setInputFiles({
      name: "einwohner-2022.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(FIXED),
    });
    await page.getByRole("button", { name: "Prüfen" }).click();
    await expect
      .poll(() =>
        page
          .getByRole("status")
          .filter({ hasText: /Fehler/ })
          .textContent(),
      )
      .toMatch(/^0 Fehler/);
    await page.getByRole("button", { name: "Übernehmen" }).click();
    await expect
      .poll(() => page.getByRole("heading", { name: /Prüfbericht.*übernommen/ }).count())
      .toBe(1);
    await expect
      .poll(() => page.getByRole("cell", { name: "einwohner-2022.csv" }).count())
      .toBeGreaterThan(0);

    // Each import's stored report can be read again from the history.
    await page
      .getByRole("button", {
        name: "Bericht von „Tab. 08 Einwohner ab 65 Jahren 2011–2021“ zeigen",
      })
      .click();
    await expect
      .poll(() => page.getByRole("heading", { name: /Prüfbericht: Tab\. 08.*abgelehnt/ }).count())
      .toBe(1);
    await expect
      .poll(() =>
        page
          .getByRole("status")
          .filter({ hasText: /Fehler/ })
          .textContent(),
      )
      .toMatch(/^5 Fehler/);

    await page.getByRole("link", { name: /^Atlas/ }).click();
    await page.getByLabel("Indikator").selectOption({ label: "Einwohnerinnen und Einwohner" });
    await expect
      .poll(() =>
        page
          .getByRole("heading", { name: /Einwohnerinnen und Einwohner \(Personen\), 2022/ })
          .count(),
      )
      .toBe(1);
    const neustadt = page
      .getByRole("region", { name: "Werte als Tabelle" })
      .locator("tbody tr")
      .filter({ hasText: "Neustadt" });
    await expect.poll(() => neustadt.textContent()).toMatch(/4\.911/);
    await page.close();
  });

  it("keeps the import away from a council member", async () => {
    const page = await e2e.browser.newPage();
    await logIn(page, e2e.base, "politik@demo.sopla.example", "Demo-Politik-2026");
    await page.getByRole("link", { name: /^Daten/ }).click();
    await expect
      .poll(() =>
        page.getByText("Importe sind der Sozialplanung und den Fachdiensten vorbehalten.").count(),
      )
      .toBe(1);
    await page.close();
  });
});
