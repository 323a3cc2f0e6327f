/// <reference lib="dom" />
/**
 * The Analysen page in Chromium, with the demo's "sozialindex" and its two runs: the latest run
 * with its class map, the status × dynamics legend counting the included areas, the result
 * table, the method with its caution and the comparison with the run before; editing a class
 * bound makes version 2 (the form's and the server's problems listed first, nothing typed
 * lost), a new run of it appears and is shown; the exports (CSV, XLSX, SVG and the server's
 * CSV) hold what the page shows; area types from three indicators are mapped with their
 * profiles; a new index is defined in the form. No serious or critical accessibility
 * violation, no horizontal scrolling at 768 px, and a council member reads whom the page is for.
 */
import ExcelJS from "exceljs";
import { readFile } from "node:fs/promises";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../src/imports/csv/parse-csv.ts";
import { logIn, seriousViolations, startE2e, type E2eServer } from "./support.ts";

let e2e: E2eServer;

beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.close();
});

async function openAnalyses(width = 1280, height = 1000): Promise<Page> {
  const page = await e2e.browser.newPage({ viewport: { width, height } });
  await logIn(page, e2e.base, "planung@demo.sopla.example", "Demo-Planung-2026");
  await expect.poll(() => page.getByRole("heading", { name: "Übersicht" }).count()).toBe(1);
  await page.getByRole("link", { name: /^Analysen/ }).click();
  await expect
    .poll(() => page.getByRole("heading", { name: "Analysen", level: 1 }).count())
    .toBe(1);
  return page;
}

/** Waits until the map in `scope` has drawn what it shows (its `data-drawn` key). */
async function mapDrawn(page: Page, scope: string, prefix: string): Promise<void> {
  await expect
    .poll(
      () =>
        page
          .locator(`${scope} [data-testid="choropleth-map"]`)
          .getAttribute("data-drawn", { timeout: 1000 })
          .catch(() => null),
      { timeout: 30_000 },
    )
    .toMatch(new RegExp(`^${prefix}`));
}

/**
 * The part of the page from the top of `from` to the bottom of `to`, in page coordinates
 * (a full-page screenshot's clip), with a small margin.
 */
async function pageClip(from: Locator, to: Locator) {
  const scrollY = await from.page().evaluate(() => window.scrollY);
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  const x = Math.max(0, Math.min(a.x, b.x) - 8);
  return {
    x,
    y: Math.max(0, a.y + scrollY - 8),
    width: Math.max(a.x + a.width, b.x + b.width) + 8 - x,
    height: b.y + b.height - a.y + 16,
  };
}

async function download(page: Page, click: () => Promise<void>) {
  const [file] = await Promise.all([page.waitForEvent("download"), click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

function csvRows(bytes: Buffer): string[][] {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const parsed = parseCsv(bytes.toString("utf8").replace(/^\uFEFF/, ""), { delimiter: ";" });
  if (!parsed.ok) throw new Error("CSV not readable");
  return parsed.value.rows;
}

describe("Analysen: the stored social index", () => {
  it("is reached from the dashboard's class-change alerts (before anything changes)", async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await logIn(page, e2e.base, "planung@demo.sopla.example", "Demo-Planung-2026");
    const link = page.getByRole("link", { name: "Analyse: Sozialindex Flensburg (Beispiel)" });
    await expect.poll(() => link.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await link.first().click();
    expect(page.url()).toMatch(/\/analysen\?index=sozialindex$/);
    await expect
      .poll(() =>
        page.getByRole("heading", { name: "Sozialindex Flensburg (Beispiel)", level: 2 }).count(),
      )
      .toBe(1);
    await page.close();
  });

  it("shows the latest run: class map, bivariate legend, table, method with caution, comparison", async () => {
    const page = await openAnalyses();
    // The stored index with its version and last run.
    const indices = page.getByRole("region", { name: "Sozialindizes", exact: true });
    await expect
      .poll(() => indices.getByRole("row", { name: /Sozialindex Flensburg/ }).textContent())
      .toMatch(/sozialindex\s*1\s*Lauf \d+: Stadtteil 2021/);
    await expect
      .poll(() => page.locator(".run-meta").textContent())
      .toMatch(/^Angezeigt: Lauf \d+ \(Version 1, Stadtteil 2021\).*13 Gebiete im Index/);
    // Two runs, newest first, each the current run of its period.
    const runRows = page.getByRole("region", { name: "Läufe", exact: true }).locator("tbody tr");
    expect(await runRows.count()).toBe(2);
    expect(await runRows.allTextContents()).toEqual([
      expect.stringMatching(/Stadtteil2021aktuell für 2021/),
      expect.stringMatching(/Stadtteil2020aktuell für 2020/),
    ]);

    // The class map has drawn; its legend is the 4 × 3 matrix counting the included areas.
    await mapDrawn(page, ".run-map", "run-");
    const cells = page.locator(".bivariate-cell");
    expect(await cells.count()).toBe(12);
    const counts = await cells.evaluateAll((tds) => tds.map((td) => Number(td.dataset["count"])));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(13);
    const texts = await cells.allTextContents();
    expect(texts[4]).toMatch(/^2\+\/-\d+ Gebiete?$/); // group code and count in words
    const legend = page.getByRole("table", { name: /^Legende: Status/ });
    expect(await legend.getByRole("columnheader", { name: "negativ" }).count()).toBe(1);
    expect(await legend.getByRole("rowheader", { name: "sehr niedrig" }).count()).toBe(1);

    // The result table: every area, indices with two German decimals, classes in words.
    const table = page.getByRole("region", { name: "Ergebnis je Gebiet", exact: true });
    const rows = table.locator("tbody tr");
    expect(await rows.count()).toBe(13);
    // Sorted by the status index, highest (lowest status) first.
    expect(await rows.first().textContent()).toMatch(/^NeustadtSTGT024\.8502,22sehr niedrig/);

    // The method as stored with the run, its class rules, and the caution, not folded away.
    const method = page.getByRole("region", { name: /^Methode: Sozialindex Flensburg/ });
    expect(await method.getByText(/Berechnet für 13 Gebiete/).count()).toBe(1);
    expect(await method.getByRole("cell", { name: "1 < I ≤ 1,5" }).count()).toBe(1);
    const caution = method.getByRole("note");
    expect(await caution.isVisible()).toBe(true);
    expect(await caution.textContent()).toMatch(/kein Urteil über das Quartier/);

    // The comparison with the previous edition (2021 against 2020): the two runs named,
    // class changes said in words.
    const comparison = page.getByRole("region", {
      name: "Vergleich mit der vorigen Ausgabe",
      exact: true,
    });
    await expect
      .poll(() => comparison.textContent())
      .toMatch(
        /Klassenwechsel 2021 gegenüber 2020: Lauf \d+ vom \d\d\.\d\d\.\d{4} und Lauf \d+ vom \d\d\.\d\d\.\d{4}\./,
      );
    const changes = comparison
      .getByRole("region", { name: /Klasse gewechselt/ })
      .locator("tbody tr");
    expect(await changes.count()).toBeGreaterThan(0);
    expect(await comparison.textContent()).toMatch(
      /Nordstadt.*Status.*niedrig.*mittel.*zu einer höheren Statusklasse/,
    );

    expect(await seriousViolations(page)).toEqual([]);
    // Screenshots: the index with map, legend and the top of the table; method and comparison.
    await page.evaluate(() => window.scrollTo(0, 0));
    const tableBox = await table.boundingBox();
    await page.screenshot({
      path: "docs/screenshots/analysen.png",
      fullPage: true,
      clip: { x: 0, y: 0, width: 1280, height: Math.round(tableBox!.y + 330) },
    });
    const methodBox = await method.boundingBox();
    const comparisonBox = await comparison.boundingBox();
    await page.screenshot({
      path: "docs/screenshots/analysen-methode.png",
      fullPage: true,
      clip: {
        x: methodBox!.x - 16,
        y: methodBox!.y - 8,
        width: methodBox!.width + 32,
        height: comparisonBox!.y + comparisonBox!.height - methodBox!.y + 16,
      },
    });

    // Sorting by name.
    await table.getByRole("button", { name: "Gebiet", exact: true }).click();
    expect(await rows.first().textContent()).toMatch(/^Altstadt/);

    // One dimension alone: a list of its classes instead of the matrix.
    await page.getByLabel("Färbung der Karte").selectOption("status");
    const statusLegend = page.getByRole("list", { name: "Legende: Status" }).getByRole("listitem");
    await expect.poll(() => statusLegend.count()).toBe(4);
    await mapDrawn(page, ".run-map", "run-\\d+\\|status");
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it("recomputing 2021 keeps its 9 class changes: dashboard, analysis page, report draft", async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await logIn(page, e2e.base, "planung@demo.sopla.example", "Demo-Planung-2026");
    /** The dashboard's class-change alerts, all of them shown, and how many alerts in all. */
    const dashboard = async () => {
      await page.getByRole("link", { name: "Übersicht", exact: true }).click();
      const all = page.getByRole("button", { name: /^Alle \d+ Hinweise zeigen$/ });
      await expect.poll(() => all.count(), { timeout: 30_000 }).toBe(1);
      const total = Number(/\d+/.exec((await all.textContent())!)![0]);
      await all.click();
      const changes = await page.locator(".alerts li.alert-class_change").allTextContents();
      return { total, changes };
    };
    const before = await dashboard();
    expect(before.changes).toHaveLength(9);
    expect(before.changes[0]).toMatch(/\(2021 gegenüber 2020; Lauf 2 vom .+ und Lauf 1 vom .+\)\./);

    // "Berechnen" once more with the defaults: a new run of 2021 (version 1, the districts).
    await page.getByRole("link", { name: /^Analysen/ }).click();
    const runRows = page.getByRole("region", { name: "Läufe", exact: true }).locator("tbody tr");
    await expect.poll(() => runRows.count()).toBe(2);
    await page.getByRole("button", { name: "Berechnen", exact: true }).click();
    await expect.poll(() => runRows.count()).toBe(3);
    await expect
      .poll(() => page.locator(".run-meta").textContent())
      .toMatch(/^Angezeigt: Lauf 3 \(Version 1, Stadtteil 2021\)/);
    expect(await runRows.allTextContents()).toEqual([
      expect.stringMatching(/^Lauf 3 · Version 1Stadtteil2021aktuell für 2021/),
      expect.stringMatching(/^Lauf 2 · Version 1Stadtteil2021ersetzt durch Lauf 3/),
      expect.stringMatching(/^Lauf 1 · Version 1Stadtteil2020aktuell für 2020/),
    ]);
    // The new run is compared with 2020, not with the earlier run of 2021: the same 9 changes.
    const comparison = page.getByRole("region", {
      name: "Vergleich mit der vorigen Ausgabe",
      exact: true,
    });
    await expect
      .poll(() => comparison.locator(".comparison-editions").textContent())
      .toMatch(/^Klassenwechsel 2021 gegenüber 2020: Lauf 3 vom .+ und Lauf 1 vom .+\.$/);
    expect(await comparison.textContent()).toMatch(/Ein neuer Lauf für 2021 ändert daran nichts\./);
    const changes = comparison
      .getByRole("region", { name: /Klasse gewechselt/ })
      .locator("tbody tr");
    await expect.poll(() => changes.count()).toBe(9);
    expect(await seriousViolations(page)).toEqual([]);
    await comparison.screenshot({ path: "docs/screenshots/analysen-vergleich.png" });

    // The replaced run says so and leads to the current one.
    await runRows.nth(1).getByRole("button").click();
    const notice = page.getByRole("note").filter({ hasText: "nicht mehr der aktuelle Lauf" });
    await expect
      .poll(() => notice.textContent())
      .toMatch(/^Lauf 2 ist nicht mehr der aktuelle Lauf für 2021: Lauf 3 ist neuer\./);
    await page.screenshot({
      path: "docs/screenshots/analysen-laeufe.png",
      fullPage: true,
      clip: await pageClip(page.locator("#runs-title"), notice),
    });
    await notice.getByRole("button", { name: "Lauf 3 anzeigen" }).click();
    await expect.poll(() => page.locator(".run-meta").textContent()).toMatch(/^Angezeigt: Lauf 3 /);

    // The dashboard keeps all 9, now naming the new run of 2021.
    const after = await dashboard();
    expect(after.total).toBe(before.total);
    expect(after.changes).toHaveLength(9);
    expect(after.changes.map((c) => c.replace(/ \(2021 gegenüber 2020; .*$/, ""))).toEqual(
      before.changes.map((c) => c.replace(/ \(2021 gegenüber 2020; .*$/, "")),
    );
    expect(after.changes[0]).toMatch(/\(2021 gegenüber 2020; Lauf 3 vom .+ und Lauf 1 vom .+\)\./);
    // The first alerts: the class changes, each naming both editions.
    await page.screenshot({
      path: "docs/screenshots/overview-klassenwechsel.png",
      fullPage: true,
      clip: await pageClip(
        page.getByRole("region", { name: "Hinweise" }),
        page.locator(".alerts li").nth(9),
      ),
    });

    // The Sozialbericht 2021's draft: the index page and the key finding name both editions.
    await page.goto(`${e2e.base}/berichte/sozialbericht-2021`);
    const doc = page.getByRole("article", { name: "Sozialbericht 2021" });
    await expect.poll(() => doc.count(), { timeout: 60_000 }).toBe(1);
    const sentence = doc.getByText(
      /^9 Klassenwechsel 2021 gegenüber 2020 \(Lauf 3 vom .+ und Lauf 1 vom .+\):$/,
    );
    await expect.poll(() => sentence.count()).toBe(1);
    expect(await doc.getByText(/Kein Gebiet hat/).count()).toBe(0);
    expect(
      await doc
        .getByText(
          /^Sozialindex Flensburg \(Beispiel\), 2021 gegenüber 2020: 9 Gebiete haben die Klasse gewechselt: /,
        )
        .count(),
    ).toBeGreaterThan(0);
    await sentence.scrollIntoViewIfNeeded();
    const box = (await sentence.boundingBox())!;
    await page.screenshot({
      path: "docs/screenshots/bericht-klassenwechsel.png",
      clip: { x: 0, y: Math.max(0, box.y - 200), width: 1280, height: 600 },
    });
    await page.close();
  });

  it("saves an edited class bound as version 2 (problems listed, nothing lost), runs it, and exports", async () => {
    const page = await openAnalyses();
    await page.getByText("Definition (Version 1) ansehen und bearbeiten").click();
    const bound = page.getByLabel("Statusklasse „niedrig“: Obergrenze");
    await expect.poll(() => bound.inputValue()).toBe("1,5");

    // A bound that is no number: the form says so, with its place, and keeps the text.
    await bound.fill("eins");
    await page.getByRole("button", { name: "Speichern" }).click();
    const problems = page.locator(".index-form").getByRole("alert");
    await expect
      .poll(() => problems.textContent())
      .toMatch(
        /Die Definition wurde nicht gespeichert:.*Statusklasse „niedrig“: Obergrenze: „eins“ ist keine Zahl\./,
      );
    expect(await bound.inputValue()).toBe("eins");
    expect(await bound.getAttribute("aria-invalid")).toBe("true");

    // Bounds that do not rise: the server's problem is listed; the form keeps what was typed.
    await bound.fill("0,5");
    await page.getByRole("button", { name: "Speichern" }).click();
    await expect.poll(() => problems.textContent()).toMatch(/Obergrenzen müssen steigen/);
    expect(await bound.inputValue()).toBe("0,5");

    // A good bound, with a comment: version 2.
    await bound.fill("1,75");
    await expect
      .poll(() => page.locator("#bands-status-rule").textContent())
      .toMatch(/Ein Wert von genau 1,75 gehört zu „niedrig“\./);
    await page.getByLabel(/^Kommentar zur Version/).fill("Grenze niedrig / sehr niedrig angehoben");
    await page.getByRole("button", { name: "Speichern" }).click();
    await expect
      .poll(() => page.locator(".save-outcome").textContent())
      .toBe("Version 2 gespeichert.");
    expect(await problems.count()).toBe(0);
    await expect
      .poll(() =>
        page
          .getByRole("region", { name: "Sozialindizes", exact: true })
          .locator("tbody tr")
          .textContent(),
      )
      .toMatch(/sozialindex\s*2/);
    // The same again: no new version.
    await page.getByRole("button", { name: "Speichern" }).click();
    await expect
      .poll(() => page.locator(".save-outcome").textContent())
      .toMatch(/^Unverändert: Die Definition gleicht Version 2/);

    // A run of version 2 on the districts in 2021 appears and is shown.
    await page.locator("#run-level").selectOption("district");
    await page.locator("#run-period").selectOption("2021");
    await page.getByRole("button", { name: "Berechnen", exact: true }).click();
    const runRows = page.getByRole("region", { name: "Läufe", exact: true }).locator("tbody tr");
    await expect.poll(() => runRows.count()).toBe(4);
    expect(await runRows.first().textContent()).toMatch(/Version 2.*Stadtteil.*2021/);
    await expect
      .poll(() => page.locator(".run-meta").textContent())
      .toMatch(/^Angezeigt: Lauf \d+ \(Version 2, Stadtteil 2021\)/);
    const runId = /run=(\d+)/.exec(page.url())?.[1];
    expect(runId).toBeDefined();
    await mapDrawn(page, ".run-map", `run-${runId}\\|`);
    expect(
      await page
        .getByRole("region", { name: /^Methode/ })
        .getByRole("cell", { name: "1 < I ≤ 1,75" })
        .count(),
    ).toBe(1);
    // The previous edition is still 2020 (version 1): the versions are named, with a caution.
    const comparison = page.getByRole("region", {
      name: "Vergleich mit der vorigen Ausgabe",
      exact: true,
    });
    await expect
      .poll(() => comparison.textContent())
      .toMatch(
        new RegExp(
          `Klassenwechsel 2021 gegenüber 2020: Lauf ${runId} \\(Version 2\\) vom .+ und Lauf \\d+ \\(Version 1\\) vom .+verschiedenen Versionen der Definition \\(2 und 1\\)`,
        ),
      );
    // Against version 1's current run of 2021 nothing moved: no area lies between 1,5 and 1,75.
    const v1of2021 = await comparison
      .locator("#comparison-with option", { hasText: "Version 1, Stadtteil 2021" })
      .first()
      .getAttribute("value");
    await comparison.locator("#comparison-with").selectOption(v1of2021);
    await expect
      .poll(() => comparison.textContent())
      .toMatch(
        /Verglichen wird mit dem gewählten Lauf\..*Kein Gebiet hat seine Klasse gewechselt\./,
      );

    // The table as German CSV and as XLSX, with title, source and date.
    const table = page.getByRole("region", { name: "Ergebnis je Gebiet", exact: true });
    const csv = await download(page, () =>
      table.getByRole("button", { name: "Tabelle als CSV" }).click(),
    );
    expect(csv.name).toBe(`flensburg-sozialindex-v2-lauf${runId}-tabelle.csv`);
    const rows = csvRows(csv.bytes);
    expect(rows[0]?.[0]).toBe("Sozialindex Flensburg (Beispiel), Stadtteil 2021");
    expect(rows[1]?.[0]).toMatch(
      /^Quelle: Flensburg.*; Sozialindex .*, Lauf \d+ \(Version 2, Stadtteil 2021\)$/,
    );
    expect(rows[2]?.[0]).toMatch(/^Stand: \d{2}\.\d{2}\.\d{4}/);
    expect(rows[3]?.slice(0, 9)).toEqual([
      "Gebiet",
      "Gebietsschlüssel",
      "Einwohner",
      "Statusindex",
      "Statusklasse",
      "Dynamikindex",
      "Dynamikklasse",
      "Gruppe",
      "Ausgeschlossen, weil",
    ]);
    expect(rows[4]?.slice(0, 5)).toEqual(["Neustadt", "STGT02", "4.850", "2,22", "sehr niedrig"]);
    expect(rows.slice(4, 17)).toHaveLength(13);

    const xlsx = await download(page, () =>
      table.getByRole("button", { name: "Tabelle als XLSX" }).click(),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell("A1").value).toBe("Sozialindex Flensburg (Beispiel), Stadtteil 2021");
    expect(sheet.getCell("D5").value).toBe("Statusindex");
    expect(sheet.getCell("A6").value).toBe("Neustadt");
    expect(sheet.getCell("D6").value).toBe(2.22);

    // The map as SVG: every district with its name, the legend with the groups and counts.
    const svg = (
      await download(page, () =>
        page.locator(".run-map").getByRole("button", { name: "Karte als SVG" }).click(),
      )
    ).bytes.toString("utf8");
    expect(svg).toContain(
      "Sozialindex Flensburg (Beispiel): Status × Dynamik (Gruppen), Stadtteil 2021",
    );
    expect(svg.match(/<path [^>]*stroke="#1a1a1a"[^>]*><title>/g)).toHaveLength(13);
    expect(svg).toMatch(/2\+\/-: mittel \/ stabil \(\d+ Gebiete?\)/);
    expect(svg).toMatch(/Quelle: Flensburg/);
    const png = await download(page, () =>
      page.locator(".run-map").getByRole("button", { name: "Karte als PNG" }).click(),
    );
    expect([...png.bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);

    // The server's file with every computational step.
    const steps = await download(page, () =>
      table.getByRole("link", { name: /Alle Rechenschritte als CSV/ }).click(),
    );
    expect(steps.name).toBe(`flensburg-sozialindex-v2-lauf-${runId}.csv`);
    const header = steps.bytes
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .split("\r\n")[0]!;
    expect(header.split(";").slice(0, 3)).toEqual(["area", "name", "population"]);
    expect(header).toContain("z_sgb2_rate");
    const geojson = await download(page, () =>
      table.getByRole("link", { name: /als GeoJSON/ }).click(),
    );
    expect(JSON.parse(geojson.bytes.toString("utf8")).features).toHaveLength(13);

    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it("defines a new index in the form and says what is missing first", async () => {
    const page = await openAnalyses();
    await page.getByRole("button", { name: "Neuen Index anlegen" }).click();
    const form = page.getByRole("region", { name: "Neuer Index" });
    await form.getByLabel("Name", { exact: true }).fill("Armut im Alter (Entwurf)");
    expect(await form.getByLabel("Code", { exact: true }).inputValue()).toBe(
      "armut-im-alter-entwurf",
    );
    await form.getByRole("button", { name: "Speichern" }).click();
    await expect
      .poll(() => form.getByRole("alert").textContent())
      .toMatch(/Status-Indikator 1: bitte einen Indikator wählen\./);
    // The problem links to its field.
    await form.getByRole("link", { name: /Status-Indikator 1/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("def-status-0-code");
    await form.locator("#def-status-0-code").selectOption("share_65_plus");
    expect(await form.locator("#def-status-0-label").inputValue()).toBe(
      "Anteil Älterer (65 Jahre und älter)",
    );
    await form.getByRole("button", { name: "Status-Indikator hinzufügen" }).click();
    await form.locator("#def-status-1-code").selectOption("share_80_plus");
    await form.getByRole("button", { name: "Speichern" }).click();
    // Saved: the new index is shown, the address names it.
    await expect
      .poll(() => page.getByRole("heading", { name: "Armut im Alter (Entwurf)", level: 2 }).count())
      .toBe(1);
    expect(page.url()).toMatch(/\/analysen\?index=armut-im-alter-entwurf$/);
    expect(await page.getByText("noch kein Lauf").count()).toBeGreaterThan(0);
    // A status index alone: a run gives a legend of the status classes.
    await page.locator("#run-level").selectOption("district");
    await page.getByRole("button", { name: "Berechnen", exact: true }).click();
    await mapDrawn(page, ".run-map", "run-\\d+\\|status");
    expect(await page.locator(".bivariate-cell").count()).toBe(0);
    await expect
      .poll(() => page.getByRole("list", { name: "Legende: Status" }).getByRole("listitem").count())
      .toBe(4);
    await expect
      .poll(() =>
        page
          .getByRole("region", { name: "Vergleich mit der vorigen Ausgabe", exact: true })
          .textContent(),
      )
      .toMatch(/keinen früheren Lauf/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});

describe("Analysen: area types", () => {
  it("clusters the districts on three indicators, shows silhouettes, profiles and a map", async () => {
    const page = await openAnalyses();
    const section = page.getByRole("region", { name: "Gebietstypen", exact: true });
    // One indicator is not a typology: said before asking the server.
    await section.getByRole("checkbox", { name: "SGB-II-Quote", exact: true }).check();
    await section.getByRole("button", { name: "Typen bilden" }).click();
    await expect
      .poll(() => section.getByRole("alert").textContent())
      .toBe("Bitte mindestens zwei Indikatoren wählen.");
    for (const name of ["Anteil Minderjähriger", "Anteil Älterer (65 Jahre und älter)"]) {
      await section.getByRole("checkbox", { name, exact: true }).check();
    }
    await section.getByRole("button", { name: "Typen bilden" }).click();
    await expect
      .poll(() => section.locator(".typology-summary").textContent())
      .toMatch(/^(\d+) Typen aus 13 Gebieten \(k nach der besten Silhouette\)/);
    const k = Number(
      /^(\d+)/.exec((await section.locator(".typology-summary").textContent())!)![1],
    );
    // The silhouette of every k from 2 to 8; the chosen one marked.
    const silhouettes = section
      .getByRole("region", { name: "Silhouettenbreite je k" })
      .locator("tbody tr");
    expect(await silhouettes.count()).toBe(7);
    expect(await section.locator('tr[aria-current="true"]').textContent()).toMatch(
      new RegExp(`^k = ${k} \\(gewählt\\)0,\\d{3}$`),
    );
    await mapDrawn(page, ".typology", "typology\\|kmeans");
    const legend = section
      .getByRole("list", { name: "Legende der Gebietstypen" })
      .getByRole("listitem");
    expect(await legend.count()).toBe(k);
    const inTypes = (await legend.allTextContents())
      .map((t) => Number(/\((\d+) Gebiete?\)/.exec(t)?.[1]))
      .reduce((a, b) => a + b, 0);
    expect(inTypes).toBe(13);
    // A profile per type: the mean of each indicator against the city, and z.
    const profiles = section.locator(".type-profile");
    expect(await profiles.count()).toBe(k);
    expect(await profiles.first().locator("tbody tr").count()).toBe(3);
    expect(await profiles.first().getByRole("columnheader", { name: "Stadt" }).count()).toBe(1);

    const svg = (
      await download(page, () => section.getByRole("button", { name: "Karte als SVG" }).click())
    ).bytes.toString("utf8");
    expect(svg).toMatch(new RegExp(`Gebietstypen: ${k} Typen \\(k-Means\\), Stadtteil 2021`));
    expect(svg.match(/<title>/g)!.length).toBeGreaterThanOrEqual(14);
    const csv = await download(page, () =>
      section.locator(".atlas").getByRole("button", { name: "Tabelle als CSV" }).click(),
    );
    expect(csvRows(csv.bytes)[3]).toEqual([
      "Gebiet",
      "Gebietsschlüssel",
      "Typ",
      "Ausgeschlossen, weil",
    ]);

    expect(await seriousViolations(page)).toEqual([]);
    await section.screenshot({ path: "docs/screenshots/analysen-typologie.png" });

    // Ward with k = 3: three types.
    await section.getByLabel("Verfahren").selectOption("ward");
    await section.getByLabel("Zahl der Typen (k)").selectOption("3");
    await section.getByRole("button", { name: "Typen bilden" }).click();
    await expect
      .poll(() => section.locator(".typology-summary").textContent())
      .toMatch(/^3 Typen aus 13 Gebieten \(k wie gewählt\)/);
    await mapDrawn(page, ".typology", "typology\\|ward\\|3");
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});

describe("Analysen for everyone else", () => {
  it("fits a 768 px wide screen", async () => {
    const page = await openAnalyses(768, 1024);
    await mapDrawn(page, ".run-map", "run-");
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it("tells a council member in German that the analyses are for the social planning staff", async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await logIn(page, e2e.base, "politik@demo.sopla.example", "Demo-Politik-2026");
    await expect.poll(() => page.getByRole("heading", { name: "Übersicht" }).count()).toBe(1);
    // Not in the navigation of a council member; by its address, the page says whom it is for.
    const nav = page.getByRole("navigation", { name: "Hauptnavigation" });
    expect(await nav.getByRole("link", { name: /^Analysen/ }).count()).toBe(0);
    await page.goto(`${e2e.base}/analysen`);
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toMatch(
        /^Der Bereich „Analysen“ ist für Ihre Rolle „Lesezugriff“ nicht vorgesehen\. Er steht diesen Rollen offen: Sozialplanung\./,
      );
    expect(await page.getByRole("heading", { name: "Analysen", level: 1 }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
