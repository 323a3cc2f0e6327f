/// <reference lib="dom" />
/**
 * Neue Kommune einrichten, walked in Chromium on an empty installation (`SOPLA_DEMO=off`): the
 * first administrator logs in with the one-time password of the first start, sets a password,
 * creates the municipality, and goes from empty to the first map without the command line —
 * publisher and municipality key, the area system with its levels, the boundaries uploaded with
 * a preview, the starter catalogue, the first import, the atlas on its own map.
 *
 * Two walks on the same server: a city of Norderstedt's size (Flensburg's 13 districts as its
 * GIS delivers them, names with a number before them, and the population of 2011–2021 from
 * the Sozialatlas), and a county with several municipalities (the 96 municipalities of the
 * Kreis Segeberg with their population of 2022, the boundaries as a GeoPackage made by GDAL in
 * UTM 32; the municipalities add up to the county's published 284,988).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureFirstAdmin } from "../../src/services/access/users.ts";
import { canRun } from "../support/tools.ts";
import { seriousViolations, startE2e, type E2eServer } from "./support.ts";

let e2e: E2eServer;
let otp = "";
const ADMIN = "it@kommune.example";
const PASSWORD = "Eigenes-Passwort-2026!";
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 30_000 });

beforeAll(async () => {
  e2e = await startE2e(undefined, { demo: false });
  const first = await ensureFirstAdmin(e2e.ctx, ADMIN);
  if (first?.kind !== "created") throw new Error("Kein erster Administrator angelegt.");
  otp = first.oneTimePassword;
});
afterAll(async () => {
  await e2e?.close();
});

async function logIn(page: Page, password: string) {
  await page.goto(e2e.base);
  await page.getByLabel("E-Mail-Adresse").fill(ADMIN);
  await page.getByLabel("Passwort").fill(password);
  await page.getByRole("button", { name: "Anmelden" }).click();
}

/** Creates a municipality at the installation level. */
async function newMunicipality(page: Page, name: string, slug: string, key: string) {
  const form = page.getByRole("form", { name: "Arbeitsbereich anlegen" });
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Kennung").fill(slug);
  await form.getByLabel("Gemeinde- oder Regionalschlüssel").fill(key);
  await form.getByRole("button", { name: "Arbeitsbereich anlegen" }).click();
}

const step = (page: Page, name: string) =>
  page.getByRole("button", { name: new RegExp(`^\\d ${name}`) });

/** Opens a step unless it is open already (the first open step is). */
async function openStep(page: Page, name: string) {
  const toggle = step(page, name);
  await poll(() => toggle.count()).toBe(1);
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
}

async function settingsStep(page: Page, publisher: string, address: string) {
  await poll(() =>
    page.getByRole("heading", { name: "Neue Kommune einrichten", level: 1 }).count(),
  ).toBe(1);
  expect(await step(page, "Kommune und Herausgeber").getAttribute("aria-expanded")).toBe("true");
  await page.getByLabel("Herausgeber", { exact: true }).fill(publisher);
  await page.getByLabel("Anschrift des Herausgebers").fill(address);
  await page.getByRole("button", { name: "Einstellungen speichern" }).click();
  await poll(() => page.getByText("1 von 6 Schritten erledigt").count()).toBe(1);
}

async function boundariesStep(
  page: Page,
  file: { name: string; mimeType: string; buffer: Buffer },
  expected: { areas: number; crs: string },
) {
  await poll(() => step(page, "Grenzen der Gebiete").getAttribute("aria-expanded")).toBe("true");
  await page.getByLabel("Datei mit den Grenzen").setInputFiles(file);
  await poll(() =>
    page
      .getByText(
        new RegExp(`^${expected.areas} Gebiete gelesen, Koordinatensystem ${expected.crs}`),
      )
      .count(),
  ).toBe(1);
  await poll(() =>
    page.getByRole("img", { name: `Vorschau der ${expected.areas} Gebiete` }).count(),
  ).toBe(1);
  await page.getByRole("button", { name: "Prüfen" }).click();
  await poll(() =>
    page.getByRole("heading", { name: new RegExp(`^Geprüft: ${expected.areas} Gebiete`) }).count(),
  ).toBe(1);
  await page.getByRole("button", { name: "Übernehmen" }).click();
  await poll(() =>
    page.getByRole("heading", { name: `Übernommen: ${expected.areas} Gebiete.` }).count(),
  ).toBe(1);
}

async function starterStep(page: Page, indicators: readonly string[]) {
  await openStep(page, "Merkmale und Indikatoren");
  await page.getByRole("link", { name: "Zum Startkatalog (Indikatoren)" }).click();
  const section = page.locator("section.starter-catalogue");
  await poll(() => section.count()).toBe(1);
  // An empty catalogue opens the starter catalogue by itself.
  const list = section.locator("details");
  if ((await list.getAttribute("open")) === null)
    await section.getByText(/Indikatoren zeigen/).click();
  for (const name of indicators) await section.getByRole("checkbox", { name }).check();
  await section.getByRole("button", { name: /^Übernehmen/ }).click();
  await poll(() => section.getByRole("status").textContent()).toMatch(/^Übernommen:/);
}

async function importStep(page: Page, file: { name: string; buffer: Buffer }, values: number) {
  await page.goto(`${e2e.base}/verwaltung/einrichten`);
  await openStep(page, "Erster Datenimport");
  await page.getByRole("link", { name: "Zum Datenimport" }).click();
  await poll(() => page.getByRole("heading", { name: "Daten", level: 1 }).count()).toBe(1);
  await page
    .getByLabel("Datei (CSV, XLSX, GeoJSON)")
    .setInputFiles({ ...file, mimeType: "text/csv" });
  await poll(() => page.getByLabel("Spalte mit dem Zeitraum").inputValue()).toBe("Jahr");
  await page.getByRole("button", { name: "Prüfen" }).click();
  await poll(() => page.getByRole("button", { name: "Übernehmen" }).isDisabled()).toBe(false);
  await page.getByRole("button", { name: "Übernehmen" }).click();
  await poll(() =>
    page.getByRole("heading", { name: /^Prüfbericht: .* – übernommen$/ }).count(),
  ).toBe(1);
  await page.goto(`${e2e.base}/verwaltung/einrichten`);
  await openStep(page, "Erster Datenimport");
  await poll(() => page.getByText(`Bisher ${values.toLocaleString("de-DE")} Werte.`).count()).toBe(
    1,
  );
}

async function mapStep(page: Page) {
  await poll(() => page.getByText("6 von 6 Schritten erledigt").count()).toBe(1);
  await openStep(page, "Die erste Karte");
  await page.getByRole("link", { name: "Zur ersten Karte" }).click();
  await poll(() => new URL(page.url()).pathname).toBe("/atlas");
}

describe("Neue Kommune einrichten", () => {
  it("leads a city of Norderstedt's size from an empty installation to its first map", async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await logIn(page, otp);
    await page.getByLabel("Einmalpasswort").fill(otp);
    await page.getByLabel("Neues Passwort").fill(PASSWORD);
    await page.getByRole("button", { name: "Passwort speichern" }).click();

    // No workspace yet: the installation's first administrator creates the municipality.
    await poll(() =>
      page.getByRole("heading", { name: "Die erste Kommune anlegen", level: 1 }).count(),
    ).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await newMunicipality(page, "Stadt Flensburg", "flensburg", "01001000");
    await poll(() =>
      page.getByRole("link", { name: "Neue Kommune einrichten" }).count(),
    ).toBeGreaterThan(0);
    await page.getByRole("link", { name: "Neue Kommune einrichten" }).first().click();

    await settingsStep(
      page,
      "Stadt Flensburg, Sozialplanung",
      "Am Pferdewasser 14, 24937 Flensburg",
    );
    // The area system: a city's levels are offered, the city itself as the top area.
    expect(await page.getByLabel("Ebene 2: Name").inputValue()).toBe("Stadtteil");
    expect(await page.getByLabel("Schlüssel", { exact: true }).inputValue()).toBe("01001000");
    await page.getByRole("button", { name: "Gebietsgliederung anlegen" }).click();
    await poll(() => page.getByText("2 von 6 Schritten erledigt").count()).toBe(1);

    await boundariesStep(
      page,
      {
        name: "flensburg_stadtteile.geojson",
        mimeType: "application/geo+json",
        buffer: readFileSync("demo/flensburg/data/flensburg_stadtteile.geojson"),
      },
      { areas: 13, crs: "EPSG:4326" },
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: "docs/screenshots/setup-boundaries.png", fullPage: true });

    await starterStep(page, ["Einwohnerinnen und Einwohner"]);

    // The Sozialatlas table as the city delivers it: district names, years, the variable's name.
    const wide = readFileSync(
      "demo/flensburg/data/tables/tab_1_einwohner_in_stadtteilen_2011_bis_2021.csv",
      "utf8",
    )
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => line.split(","));
    const years = ["2011", "2017", "2018", "2019", "2020"];
    const rows = wide.flatMap((r) =>
      years.map((y, i) => `${r[1]!.replace(/_/g, " ")};${y};${r[2 + i]}`),
    );
    await importStep(
      page,
      {
        name: "einwohner-stadtteile.csv",
        buffer: Buffer.from(["Stadtteil;Jahr;Einwohnerinnen und Einwohner", ...rows].join("\n")),
      },
      rows.length,
    );

    await mapStep(page);
    const table = page.getByRole("region", { name: "Werte als Tabelle" }).locator("tbody tr");
    await poll(() => table.count()).toBe(13);
    await poll(() => table.filter({ hasText: "Nordstadt" }).textContent()).toMatch(/12\.291/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${e2e.base}/verwaltung/einrichten`);
    await poll(() => page.getByText("6 von 6 Schritten erledigt").count()).toBe(1);
    await page.screenshot({ path: "docs/screenshots/setup.png", fullPage: true });
    await page.close();
  });

  it("leads a county with its municipalities, delivered as a GeoPackage, to its first map", async () => {
    if (!canRun("ogr2ogr")) return;
    const dir = mkdtempSync(join(tmpdir(), "sopla-kreis-"));
    const gpkg = join(dir, "gemeinden.gpkg");
    execFileSync("ogr2ogr", [
      "-f",
      "GPKG",
      gpkg,
      "test/fixtures/kreis-segeberg/gemeinden-raster.geojson",
      "-nln",
      "gemeinden",
    ]);
    const bytes = readFileSync(gpkg);
    rmSync(dir, { recursive: true, force: true });

    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await logIn(page, PASSWORD);
    // The installation level: a second municipality beside the first.
    await poll(() => page.getByRole("heading", { name: "Verwaltung", level: 1 }).count()).toBe(1);
    await page.getByRole("heading", { name: "Installation", level: 2 }).scrollIntoViewIfNeeded();
    await newMunicipality(page, "Kreis Segeberg", "kreis-segeberg", "01060000");
    await page.getByRole("button", { name: "Zu „Kreis Segeberg“ wechseln" }).click();
    await poll(() =>
      page.getByRole("link", { name: "Neue Kommune einrichten" }).count(),
    ).toBeGreaterThan(0);
    await page.getByRole("link", { name: "Neue Kommune einrichten" }).first().click();

    await settingsStep(
      page,
      "Kreis Segeberg, Fachdienst Sozialplanung",
      "Hamburger Straße 30, 23795 Bad Segeberg",
    );
    // A county: its levels are offered.
    await page.getByRole("radio", { name: "Kreis, gegliedert in seine Gemeinden" }).check();
    expect(await page.getByLabel("Ebene 1: Name").inputValue()).toBe("Kreis");
    expect(await page.getByLabel("Ebene 2: Name").inputValue()).toBe("Gemeinde");
    await page.getByRole("button", { name: "Gebietsgliederung anlegen" }).click();
    await poll(() => page.getByText("2 von 6 Schritten erledigt").count()).toBe(1);

    await boundariesStep(
      page,
      { name: "gemeinden.gpkg", mimeType: "application/geopackage+sqlite3", buffer: bytes },
      { areas: 96, crs: "EPSG:25832" },
    );
    await starterStep(page, ["Einwohnerinnen und Einwohner"]);
    await importStep(
      page,
      {
        name: "einwohner-2022.csv",
        buffer: readFileSync("test/fixtures/kreis-segeberg/einwohner-2022.csv"),
      },
      96,
    );
    await mapStep(page);
    const table = page.getByRole("region", { name: "Werte als Tabelle" }).locator("tbody tr");
    await poll(() => table.count()).toBe(96);
    await poll(() => table.filter({ hasText: "Norderstedt" }).textContent()).toMatch(/81\.880/);
    // The county is the sum of its municipalities: the published 284,988.
    await page.getByLabel("Gebietsebene").selectOption({ label: "Kreis" });
    await poll(() => table.first().textContent()).toMatch(/284\.988/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
