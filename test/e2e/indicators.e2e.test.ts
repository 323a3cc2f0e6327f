/// <reference lib="dom" />
/**
 * The indicator catalogue in Chromium: grouped by theme, searchable, each indicator's sheet
 * with formula and source, and its charts (time series for chosen areas, ranking, histogram,
 * scatter plot) with their tables and exports, opened as a user would open them.
 */
import ExcelJS from "exceljs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
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
    // Time series: the city's values in the chart's table.
    const seriesFigure = page.locator("section.chart-figure").filter({
      has: page.getByRole("heading", { name: "Zeitreihe", level: 4 }),
    });
    await expect.poll(() => seriesFigure.locator("svg.chart").count()).toBe(1);
    await seriesFigure.getByText("Werte als Tabelle").click();
    await expect
      .poll(() => seriesFigure.locator("tbody tr").filter({ hasText: "2021" }).textContent())
      .toMatch(/14,2/);

    // Two areas join the city in the time series; one leaves again.
    await page.getByLabel("Gebiet zum Vergleich").selectOption({ label: "Neustadt" });
    await page.getByRole("button", { name: "Hinzufügen" }).click();
    await page.getByLabel("Gebiet zum Vergleich").selectOption({ label: "Mürwik" });
    await page.getByRole("button", { name: "Hinzufügen" }).click();
    await expect
      .poll(() => seriesFigure.locator("svg.chart").getAttribute("aria-label"))
      .toMatch(/Flensburg.*Neustadt, Mürwik$/);
    await page.getByRole("button", { name: "Mürwik entfernen" }).click();
    await expect
      .poll(() => seriesFigure.locator("svg.chart").getAttribute("aria-label"))
      .toMatch(/Neustadt$/);
    expect(await seriesFigure.locator("thead th").allTextContents()).toEqual([
      "Zeitraum",
      "Flensburg",
      "Neustadt",
    ]);

    // Ranking and histogram of the 13 districts.
    const ranking = page.locator("section.chart-figure").filter({
      has: page.getByRole("heading", { name: "Rangfolge", level: 4 }),
    });
    expect(await ranking.locator("svg.chart").getAttribute("aria-label")).toMatch(
      /die 13 Gebiete nach SGB-II-Quote, 2021/,
    );
    expect(await ranking.locator("svg.chart rect").count()).toBe(13);
    const histogram = page.locator("section.chart-figure").filter({
      has: page.getByRole("heading", { name: "Verteilung", level: 4 }),
    });
    await histogram.getByText("Werte als Tabelle").click();
    const counts = await histogram.locator("tbody td:last-child").allTextContents();
    expect(counts.map(Number).reduce((a, b) => a + b, 0)).toBe(13);

    // Scatter plot against a second indicator, areas named, correlation stated.
    const scatter = page.locator("section.chart-figure").filter({
      has: page.getByRole("heading", { name: /Zusammenhang/, level: 4 }),
    });
    await scatter.getByLabel(/Zweiter Indikator/).selectOption({ label: "Anteil Minderjähriger" });
    await expect
      .poll(() => scatter.getByRole("status").textContent())
      .toMatch(
        /^Korrelation nach Pearson r = [−-]?0,\d\d, nach Spearman ρ = [−-]?0,\d\d; 13 Gebiete/,
      );
    expect(await scatter.locator("svg.chart text").allTextContents()).toEqual(
      expect.arrayContaining(["Neustadt", "Tarup", "Flensburg"]),
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: "docs/screenshots/indicators.png", fullPage: true });

    // The ranking as SVG and XLSX: title, source and date inside; opened by a browser and by
    // a spreadsheet reader.
    const [svgDownload] = await Promise.all([
      page.waitForEvent("download"),
      ranking.getByRole("button", { name: "Diagramm als SVG" }).click(),
    ]);
    expect(svgDownload.suggestedFilename()).toBe("flensburg-sgb2_rate-district-2021-rangfolge.svg");
    const svg = await readFile(await svgDownload.path(), "utf8");
    expect(svg).toMatch(/^<\?xml/);
    expect(svg).toContain("SGB-II-Quote (%), Stadtteil, 2021: Rangfolge");
    expect(svg).toMatch(/Quelle: /);
    expect(svg).toMatch(/Stand: \d{2}\.\d{2}\.\d{4}/);
    // (the download has no extension; the browser opens an .svg file as an image)
    const svgFile = join(await mkdtemp(join(tmpdir(), "sopla-svg-")), "rangfolge.svg");
    await writeFile(svgFile, svg);
    const viewer = await e2e.browser.newPage();
    await viewer.goto(pathToFileURL(svgFile).href);
    expect(await viewer.evaluate(() => document.documentElement.localName)).toBe("svg");
    expect(await viewer.locator("parsererror").count()).toBe(0);
    expect(await viewer.evaluate(() => document.querySelectorAll("rect").length)).toBe(14);
    await viewer.close();

    const [xlsxDownload] = await Promise.all([
      page.waitForEvent("download"),
      ranking.getByRole("button", { name: "Daten als XLSX" }).click(),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await xlsxDownload.path());
    const table = workbook.worksheets[0]!;
    expect(table.getCell("A1").value).toBe("SGB-II-Quote (%), Stadtteil, 2021: Rangfolge");
    expect(String(table.getCell("A3").value)).toMatch(/^Stand: /);
    expect(table.getRow(5).values).toEqual([
      undefined,
      "Rang",
      "Gebiet",
      "Gebietsschlüssel",
      "Wert (%)",
    ]);
    expect(table.getRow(6).values).toEqual([undefined, 1, "Neustadt", "STGT02", 24.9]);
    expect(table.getCell("D6").numFmt).toBe("#,##0.0");

    const [pngDownload] = await Promise.all([
      page.waitForEvent("download"),
      scatter.getByRole("button", { name: "Diagramm als PNG" }).click(),
    ]);
    const png = await readFile(await pngDownload.path());
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(png.readUInt32BE(16)).toBeGreaterThan(1000);
    await writeFile("docs/screenshots/indicators-scatter-export.png", png);

    // A link to an unknown indicator says so.
    await page.goto(`${e2e.base}/indikatoren/gibt_es_nicht`);
    await expect.poll(() => page.getByText("Diesen Indikator gibt es hier nicht.").count()).toBe(1);
    await page.close();
  });
});
