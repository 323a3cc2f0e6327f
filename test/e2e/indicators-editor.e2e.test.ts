/// <reference lib="dom" />
/**
 * The indicator editor in Chromium: a planner builds a formula from variables, sees the live
 * preview (values per area after disclosure control), meets a problem at its field, saves,
 * changes the formula and finds the change in the sheet's Formelverlauf.
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

describe("indicator editor", () => {
  it("creates an indicator with the builder and preview, then edits its formula", async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await logIn(page, e2e.base, "planung@demo.sopla.example", "Demo-Planung-2026");
    await page.getByRole("link", { name: /^Indikatoren/ }).click();
    await page.getByRole("button", { name: "Indikator anlegen" }).click();
    const editor = page.locator("section.indicator-editor");
    await expect
      .poll(() => editor.getByRole("heading", { name: "Neuer Indikator" }).count())
      .toBe(1);

    // The numerator: foreigners and Germans with a migrant background, found by searching.
    const numerator = editor.getByRole("group", { name: "Zähler" });
    await numerator.getByLabel("Merkmal suchen für den Zähler").fill("Ausländer");
    await numerator.getByRole("button", { name: /^Hinzufügen: Ausländerinnen/ }).click();
    await numerator.getByLabel("Merkmal suchen für den Zähler").fill("Deutsche mit");
    await numerator.getByRole("button", { name: /^Hinzufügen: Deutsche mit/ }).click();
    const denominator = editor.getByRole("group", { name: /^Nenner/ });
    await denominator.getByLabel("Merkmal suchen für den Nenner").fill("Einwohnerinnen");
    await denominator
      .getByRole("button", { name: "Hinzufügen: Einwohnerinnen und Einwohner (Personen)" })
      .click();
    await editor.getByLabel("Faktor").fill("1.000");
    await editor.getByLabel("Einheit").fill("je 1.000");

    // The live preview: the values per district, small counts withheld as ".".
    const preview = editor.locator("section.indicator-preview");
    await expect
      .poll(() => preview.locator("caption").textContent(), { timeout: 15_000 })
      .toMatch(
        /^Vorschau: \(foreigners \+ germans_migrant_background\) \/ population × 1\.000 · \d{4}/,
      );
    expect(await preview.locator("tbody tr").count()).toBeGreaterThan(5);
    expect(await preview.getByText(/Geheimhaltung wie im Atlas angewandt/).count()).toBe(1);

    // Saving without a name: the problem stands at its field and in the list.
    await editor.getByLabel("Kürzel").fill("migrant_rate_e2e");
    await editor.getByRole("button", { name: "Speichern" }).click();
    const name = editor.getByLabel("Name", { exact: true });
    await expect.poll(() => name.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await name.getAttribute("aria-describedby")) ?? "";
    expect(await page.locator(`#${describedBy}`).textContent()).toMatch(/^Name: /);
    expect(await seriousViolations(page)).toEqual([]);

    await name.fill("Ausländer und Deutsche mit Migrationshintergrund je 1.000");
    await editor.getByLabel("Thema").fill("Bevölkerung");
    await editor
      .getByLabel("Definition")
      .fill("Ausländerinnen, Ausländer und Deutsche mit Migrationshintergrund je 1.000 Einwohner.");
    await editor.getByLabel("Veröffentlichung").selectOption("internal");
    await expect.poll(() => preview.locator("tbody tr").count()).toBeGreaterThan(5);
    expect(await seriousViolations(page)).toEqual([]);
    await editor.screenshot({ path: "docs/screenshots/indicator-editor.png" });
    await editor.getByRole("button", { name: "Speichern" }).click();

    // The saved sheet.
    await expect
      .poll(() => page.getByRole("heading", { level: 2, name: /^Ausländer und Deutsche/ }).count())
      .toBe(1);
    expect(page.url()).toMatch(/\/indikatoren\/migrant_rate_e2e$/);
    await expect
      .poll(() => page.locator(".sheet").textContent())
      .toMatch(/Formel\(foreigners \+ germans_migrant_background\) \/ population × 1\.000/);
    const history = page.locator("section.formula-history");
    expect(await history.textContent()).toMatch(/Seit dem Anlegen unverändert/);

    // Edit the formula: a share in percent instead of per 1,000.
    await page.getByRole("button", { name: "Bearbeiten" }).click();
    await editor.getByLabel("Faktor").fill("100");
    await editor.getByLabel("Einheit").fill("%");
    await expect
      .poll(() => preview.locator("caption").textContent(), { timeout: 15_000 })
      .toMatch(/population × 100 ·/);
    await editor.getByRole("button", { name: "Speichern" }).click();
    await expect.poll(() => history.locator("tbody tr").count(), { timeout: 15_000 }).toBe(1);
    const row = await history.locator("tbody tr").textContent();
    expect(row).toMatch(/planung@demo\.sopla\.example/);
    expect(row).toMatch(
      /\(foreigners \+ germans_migrant_background\) \/ population × 1\.000 → \(foreigners \+ germans_migrant_background\) \/ population × 100/,
    );
    expect(row).toMatch(/Faktor, Einheit/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  }, 120_000);

  it("edits a variable's metadata and shows the warning for a changed aggregation", async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await logIn(page, e2e.base, "planung@demo.sopla.example", "Demo-Planung-2026");
    await page.getByRole("link", { name: /^Indikatoren/ }).click();
    const section = page.locator("section.variables-editor");
    await section.getByText(/Merkmale zeigen/).click();
    await section.getByRole("button", { name: "Geburten bearbeiten" }).click();
    const form = section.locator("form.variable-form");
    await form.getByLabel("Summierung").selectOption("none");
    await form.getByRole("button", { name: "Speichern" }).click();
    await expect
      .poll(() => form.getByRole("status").textContent())
      .toMatch(/Gespeichert, mit Hinweisen:.*Summierung geändert/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  }, 60_000);
});
