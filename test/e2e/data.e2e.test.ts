/// <reference lib="dom" />
/**
 * Importing in the browser: a file is previewed and its columns are mapped in the form (the
 * JSON follows, can be edited by hand and is saved as a file); a broken file is checked and
 * every bad row is named with line and column; nothing can be committed; the fixed file is
 * checked with the saved mapping and committed, shows up in the history, and its value is on
 * the map.
 */
import { readFile } from "node:fs/promises";
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

/** The mapping the form makes of the four columns chosen below. */
const LONG_MAPPING = {
  format: "csv",
  layout: "long",
  area: { column: "gebiet" },
  variable: { column: "merkmal" },
  period: { column: "jahr" },
  value: { column: "wert" },
};

describe("data import", () => {
  it("maps the columns in a form, names every bad row, commits only a checked file, and the map shows the new value", async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await logIn(page, e2e.base, "planung@demo.sopla.example", "Demo-Planung-2026");
    await page.getByRole("link", { name: /^Daten/ }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Daten", level: 1 }).count()).toBe(1);
    // No file, no form.
    expect(await page.getByLabel("Spalte mit dem Gebiet").count()).toBe(0);

    await page.getByLabel("Datei (CSV, XLSX, GeoJSON)").setInputFiles({
      name: "einwohner-2022.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(BROKEN),
    });
    // The preview: the header and the first rows, read as the import reads them.
    const preview = page.getByRole("region", {
      name: /Kopfzeile und die ersten 2 von 2 Datenzeilen/,
    });
    await expect.poll(() => preview.count()).toBe(1);
    expect(await preview.getByRole("columnheader").allTextContents()).toEqual([
      "Zeile",
      "gebiet",
      "merkmal",
      "jahr",
      "wert",
    ]);
    expect(await preview.getByRole("row").nth(1).textContent()).toBe("2STGT02population2022viele");
    expect(await page.getByText(/Trennzeichen Semikolon \(;\) \(erkannt\)/).count()).toBe(1);

    // The columns are chosen in the form; what is missing is named, the JSON follows the form.
    const area = page.getByLabel("Spalte mit dem Gebiet");
    await area.selectOption({ label: "– bitte wählen –" });
    await expect
      .poll(() => page.getByText("die Spalte mit dem Gebiet", { exact: true }).count())
      .toBe(1);
    await page.getByRole("radio", { name: /^lang:/ }).check();
    await area.selectOption("gebiet");
    await page
      .getByRole("group", { name: "Merkmal", exact: true })
      .getByRole("radio", { name: "aus einer Spalte" })
      .check();
    await page.getByLabel("Spalte mit dem Merkmal").selectOption("merkmal");
    await page
      .getByRole("group", { name: "Zeitraum", exact: true })
      .getByRole("radio", { name: "aus einer Spalte" })
      .check();
    await page.getByLabel("Spalte mit dem Zeitraum").selectOption("jahr");
    await page.getByLabel("Spalte mit dem Wert").selectOption("wert");
    await page.getByRole("radio", { name: /^Dezimalkomma/ }).check();
    expect(await page.getByText("Noch offen:").count()).toBe(0);
    await page.getByText("Zuordnung als JSON (erweitert)").click();
    const json = page.getByLabel("Zuordnung (JSON)");
    expect(JSON.parse(await json.inputValue())).toEqual(LONG_MAPPING);

    // Editing the JSON by hand locks the form; a syntax error is shown, the text is kept.
    const good = await json.inputValue();
    await json.fill(good.replace(/\}\s*$/, ""));
    await expect.poll(() => page.getByText(/^Kein gültiges JSON/).count()).toBe(1);
    expect(await json.inputValue()).toBe(good.replace(/\}\s*$/, ""));
    expect(await page.getByLabel("Spalte mit dem Gebiet").isDisabled()).toBe(true);
    await json.fill(good);
    await page.getByRole("button", { name: "JSON ins Formular laden" }).click();
    await expect.poll(() => page.getByLabel("Spalte mit dem Gebiet").isDisabled()).toBe(false);

    // The mapping is saved as a file for the next delivery.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Zuordnung als Datei speichern" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("einwohner-2022-zuordnung.json");
    const saved = await readFile(await download.path(), "utf8");
    expect(JSON.parse(saved)).toEqual(LONG_MAPPING);

    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: "docs/screenshots/import-mapping.png", fullPage: true });

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
    // The findings as a file, to send back to whoever delivered the table.
    const [reportCsv] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Tabelle als CSV" }).click(),
    ]);
    const csv = await readFile(await reportCsv.path(), "utf8");
    expect(csv).toMatch(/^\uFEFFPrüfbericht: einwohner-2022\.csv/);
    expect(csv).toContain("Art;Zeile;Spalte;Befund");
    expect(csv).toMatch(/\r\nFehler;3;gebiet;[^\r]*XX99/);

    // The next delivery: the fixed file, with the saved mapping loaded from its file.
    await page.getByLabel("Datei (CSV, XLSX, GeoJSON)").setInputFiles({
      name: "einwohner-2022.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(FIXED),
    });
    await expect
      .poll(() =>
        page.getByRole("region", { name: /Kopfzeile und die ersten 1 von 1 Datenzeilen/ }).count(),
      )
      .toBe(1);
    await page.getByLabel("Gespeicherte Zuordnung laden (.json)").setInputFiles({
      name: "einwohner-zuordnung.json",
      mimeType: "application/json",
      buffer: Buffer.from(saved),
    });
    await expect
      .poll(() => page.getByText("Zuordnung aus „einwohner-zuordnung.json“ geladen.").count())
      .toBe(1);
    expect(await page.getByLabel("Spalte mit dem Wert").inputValue()).toBe("wert");
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

  it("reads the city's district and variable names, offers the closest name and remembers the choice", async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await logIn(page, e2e.base, "planung@demo.sopla.example", "Demo-Planung-2026");
    await page.getByRole("link", { name: /^Daten/ }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Daten", level: 1 }).count()).toBe(1);
    // As the registration office sends it: names, a year column, the variable by its German name.
    const delivery = [
      "Stadtteil;Jahr;Von Wohnungslosigkeit bedrohte Haushalte",
      "Altstadt;2023;12",
      "NEUSTADT;2023;17",
      "Jürgensbü;2023;9",
    ].join("\n");
    await page.getByLabel("Datei (CSV, XLSX, GeoJSON)").setInputFiles({
      name: "wohnungsnot-2023.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(delivery),
    });
    // The suggestion fills the form: a wide table whose rows carry the year.
    await expect.poll(() => page.getByLabel("Spalte mit dem Zeitraum").inputValue()).toBe("Jahr");
    expect(await page.getByLabel("Spalte mit dem Gebiet").inputValue()).toBe("Stadtteil");
    expect(
      await page
        .getByLabel("Merkmal der Spalte „Von Wohnungslosigkeit bedrohte Haushalte“")
        .inputValue(),
    ).toBe("households_threatened_homelessness");
    expect(await page.getByText("Noch offen:").count()).toBe(0);
    // Why committing is not possible yet, said beside the button.
    expect(await page.getByRole("button", { name: "Übernehmen" }).isDisabled()).toBe(true);
    expect(await page.locator("#commit-why").textContent()).toContain(
      "sobald die Prüfung dieser Datei",
    );

    await page.getByRole("button", { name: "Prüfen" }).click();
    const findings = page
      .getByRole("region", { name: "Befunde mit Zeile und Spalte" })
      .locator("tbody tr");
    await expect.poll(() => findings.filter({ hasText: "Fehler" }).count()).toBe(1);
    const unknown = findings.filter({ hasText: "Fehler" });
    expect(await unknown.textContent()).toContain(
      "Gebiet „Jürgensbü“ ist unbekannt (Zeile 4) – meinten Sie „Jürgensby“ (STGT09)?",
    );
    expect(await page.locator("#commit-why").textContent()).toContain("die Prüfung fand 1 Fehler");
    const notes = (await findings.allTextContents()).join("\n");
    expect(notes).toContain(
      "2 Gebiete über den Namen erkannt: „Altstadt“ → STGT01, „NEUSTADT“ → STGT02.",
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: "docs/screenshots/import-names.png", fullPage: true });

    // One click maps the name for this and every later delivery, and checks the file again.
    await unknown.getByRole("button", { name: "„Jürgensbü“ ist Jürgensby (STGT09)" }).click();
    await expect
      .poll(() => page.getByText(/Gespeichert: „Jürgensbü“ steht ab jetzt für Jürgensby/).count())
      .toBe(1);
    await expect
      .poll(() =>
        page
          .getByRole("status")
          .filter({ hasText: /Fehler/ })
          .textContent(),
      )
      .toMatch(/^0 Fehler/);
    await expect
      .poll(() => page.getByRole("button", { name: "Übernehmen" }).isDisabled())
      .toBe(false);
    expect(await page.locator("#commit-why").count()).toBe(0);
    await page.getByRole("button", { name: "Übernehmen" }).click();
    await expect
      .poll(() => page.getByRole("heading", { name: /Prüfbericht.*übernommen/ }).count())
      .toBe(1);
    expect(
      await page
        .getByText(
          /Merkmal „Von Wohnungslosigkeit bedrohte Haushalte“ .* zeigt noch kein Indikator/,
        )
        .count(),
    ).toBe(1);

    // The new figures are usable: a count of the variable in one click, straight into the atlas.
    await page.getByRole("link", { name: /^Indikatoren/ }).click();
    const unused = page.getByRole("region", { name: "Merkmale ohne Indikator" });
    await expect.poll(() => unused.count()).toBe(1);
    await unused.getByText(/^\d+ Merkmale zeigen$/).click();
    expect(await seriousViolations(page)).toEqual([]);
    await unused.screenshot({ path: "docs/screenshots/indicators-unused-variables.png" });
    await unused
      .getByRole("button", {
        name: "Indikator anlegen für Von Wohnungslosigkeit bedrohte Haushalte",
      })
      .click();
    await expect
      .poll(() => page.url())
      .toMatch(/\/atlas\?indicator=households_threatened_homelessness/);
    const jurgensby = page
      .getByRole("region", { name: "Werte als Tabelle" })
      .locator("tbody tr")
      .filter({ hasText: "Jürgensby" });
    await expect.poll(() => jurgensby.textContent()).toMatch(/Jürgensby\D*9/);
    await page.close();
  });

  it("keeps the import away from a council member", async () => {
    const page = await e2e.browser.newPage();
    await logIn(page, e2e.base, "politik@demo.sopla.example", "Demo-Politik-2026");
    await expect.poll(() => page.getByRole("heading", { name: "Übersicht" }).count()).toBe(1);
    const nav = page.getByRole("navigation", { name: "Hauptnavigation" });
    expect(await nav.getByRole("link", { name: /^Daten/ }).count()).toBe(0);
    await page.goto(`${e2e.base}/daten`);
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toMatch(/Er steht diesen Rollen offen: Administration, Sozialplanung, Fachdienst\./);
    expect(await page.getByLabel(/Datei/).count()).toBe(0);
    await page.close();
  });
});
