/// <reference lib="dom" />
/**
 * The atlas in Chromium: a choropleth map of the demo data with legend counts and the same
 * values as a table; changing indicator, level and classification redraws map, legend and
 * table; no serious or critical accessibility violation.
 */
import ExcelJS from "exceljs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
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

const legendCounts = (texts: readonly string[]) =>
  texts.map((t) => Number(/\((\d+) Gebiete?\)/.exec(t)?.[1] ?? "0")).reduce((a, b) => a + b, 0);

describe("atlas", () => {
  it("draws a classified map with its legend and table, and follows every choice", async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await logIn(page, e2e.base, "politik@demo.sopla.example", "Demo-Politik-2026");
    await page.getByRole("link", { name: /^Atlas/ }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Atlas", level: 1 }).count()).toBe(1);

    // The map is a WebGL canvas with a text alternative; the data are in the table.
    const map = page.getByTestId("choropleth-map");
    await expect.poll(() => map.locator("canvas").count()).toBe(1);
    expect(await map.locator("figcaption").textContent()).toMatch(/Tabelle daneben/);
    const rows = page.getByRole("region", { name: "Werte als Tabelle" }).locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(13);
    const legend = page.getByRole("list", { name: "Legende" }).locator("li");
    await expect.poll(async () => legendCounts(await legend.allTextContents())).toBe(13);
    expect((await legend.allTextContents())[0]).toMatch(/^\d{1,3}(\.\d{3})* bis /);

    // Another indicator: the map title, the legend and the table follow.
    await page.getByLabel("Indikator").selectOption({ label: "SGB-II-Quote" });
    await expect
      .poll(() => page.getByRole("heading", { name: /SGB-II-Quote \(%\), 2021/ }).count())
      .toBe(1);
    await expect
      .poll(async () => (await legend.allTextContents()).join(" "))
      .toMatch(/über \d+,\d bis \d+,\d/);
    const first = await rows.first().textContent();
    expect(first).toMatch(/Neustadt/); // the highest SGB II rate ranks first

    // Classification: natural breaks with three classes.
    await page.getByLabel("Klassenbildung").selectOption("natural_breaks");
    await page.getByLabel("Klassen", { exact: true }).selectOption("3");
    await expect.poll(async () => (await legend.allTextContents()).length).toBe(3);
    await expect.poll(async () => legendCounts(await legend.allTextContents())).toBe(13);

    // Own class breaks, in German numbers; a typo gets a clear message.
    await page.getByLabel("Klassenbildung").selectOption("manual");
    await page.getByLabel("Klassengrenzen").fill("10; 15");
    await expect.poll(async () => (await legend.allTextContents()).length).toBe(3);
    const manual = await legend.allTextContents();
    expect(manual[0]).toMatch(/^\d+,\d bis 10,0 \(\d+ Gebiete\)$/);
    expect(manual[1]).toMatch(/^über 10,0 bis 15,0/);
    expect(legendCounts(manual)).toBe(13);
    await page.getByLabel("Klassengrenzen").fill("10; zehn");
    await expect.poll(() => page.getByRole("alert").textContent()).toMatch(/„zehn“ ist keine Zahl/);
    await page.getByLabel("Klassenbildung").selectOption("natural_breaks");

    // An earlier period, with the keyboard on the time slider.
    await page.getByRole("slider", { name: "Zeitraum" }).focus();
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => page.locator("#map-title").textContent()).toMatch(/2020/);
    await page.keyboard.press("ArrowLeft");
    await expect
      .poll(() => page.getByRole("heading", { name: /SGB-II-Quote \(%\), 2019/ }).count())
      .toBe(1);

    // Sorting the table by name.
    await page.getByRole("button", { name: "Gebiet" }).click();
    expect(await rows.first().textContent()).toMatch(/Altstadt/);
    await page.getByRole("button", { name: "Gebiet" }).click();
    expect(await rows.first().textContent()).toMatch(/Westliche Höhe/);

    // Choosing an area in the table names its value, the city and its rank.
    await page.getByRole("button", { name: "Neustadt" }).click();
    await expect
      .poll(() => page.locator(".selection").textContent())
      .toMatch(/Neustadt: \d+,\d % · Stadt: \d+,\d % · Rang 1 \/ 13/);

    expect(await seriousViolations(page)).toEqual([]);
    // The map has drawn: the canvas holds the class colours, not only the background.
    await expect
      .poll(() =>
        map.locator("canvas").evaluate((c) => {
          const canvas = c as HTMLCanvasElement;
          const probe = document.createElement("canvas");
          probe.width = canvas.width;
          probe.height = canvas.height;
          const ctx = probe.getContext("2d")!;
          ctx.drawImage(canvas, 0, 0);
          const data = ctx.getImageData(0, 0, probe.width, probe.height).data;
          let coloured = 0;
          for (let i = 0; i < data.length; i += 4 * 97) {
            const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
            if (r > g + 40 && r > b + 60) coloured++; // orange: a class colour
          }
          return coloured;
        }),
      )
      .toBeGreaterThan(50);
    await page.screenshot({ path: "docs/screenshots/atlas.png", fullPage: true });
    await page.close();
  });
});

describe("atlas exports", () => {
  it("exports the table as German CSV and XLSX and the map as PNG and SVG, each with title, source and date", async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await logIn(page, e2e.base, "politik@demo.sopla.example", "Demo-Politik-2026");
    await page.getByRole("link", { name: /^Atlas/ }).click();
    await page.getByLabel("Indikator").selectOption({ label: "SGB-II-Quote" });
    await expect
      .poll(() => page.getByRole("heading", { name: /SGB-II-Quote \(%\), 2021/ }).count())
      .toBe(1);
    await expect.poll(() => page.getByTestId("choropleth-map").locator("canvas").count()).toBe(1);

    const [csvDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Tabelle als CSV" }).click(),
    ]);
    expect(csvDownload.suggestedFilename()).toBe("flensburg-sgb2_rate-district-2021.csv");
    const bytes = await readFile(await csvDownload.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = parseCsv(bytes.toString("utf8").replace(/^\uFEFF/, ""), { delimiter: ";" });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const rows = parsed.value.rows;
    expect(rows[0]?.[0]).toBe("SGB-II-Quote (%), 2021, Stadtteil");
    expect(rows[1]?.[0]).toMatch(/^Quelle: Stadt Flensburg/);
    expect(rows[2]?.[0]).toMatch(/^Stand: \d{2}\.\d{2}\.\d{4}/);
    // (the parser returns non-empty rows: the blank line after the date is left out)
    expect(rows[3]).toEqual(["Gebiet", "Gebietsschlüssel", "Wert (%)", "Rang"]);
    expect(rows[4]).toEqual(["Neustadt", "STGT02", "24,9", "1"]);
    // No value of this table carries a mark, so no legend of signs follows the 13 districts.
    expect(rows.slice(4)).toHaveLength(13);

    const [xlsxDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Tabelle als XLSX" }).click(),
    ]);
    expect(xlsxDownload.suggestedFilename()).toBe("flensburg-sgb2_rate-district-2021.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await xlsxDownload.path());
    const table = workbook.worksheets[0]!;
    expect(table.getCell("A1").value).toBe("SGB-II-Quote (%), 2021, Stadtteil");
    expect(table.getRow(6).values).toEqual([undefined, "Neustadt", "STGT02", 24.9, 1]);

    const [svgDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Karte als SVG" }).click(),
    ]);
    const svg = await readFile(await svgDownload.path(), "utf8");
    expect(svg).toContain("SGB-II-Quote (%), 2021, Stadtteil");
    expect(svg).toMatch(/Quelle: Stadt Flensburg/);
    // Opened as a user opens it: a browser renders the file; one path per district.
    const svgFile = join(await mkdtemp(join(tmpdir(), "sopla-map-")), "karte.svg");
    await writeFile(svgFile, svg);
    const viewer = await e2e.browser.newPage({ viewport: { width: 1000, height: 800 } });
    await viewer.goto(pathToFileURL(svgFile).href);
    expect(await viewer.evaluate(() => document.documentElement.localName)).toBe("svg");
    expect(await viewer.locator("path title").count()).toBe(13);
    await viewer.screenshot({ path: "docs/screenshots/atlas-export-svg.png" });
    await viewer.close();

    const [pngDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Karte als PNG" }).click(),
    ]);
    const png = await readFile(await pngDownload.path());
    await writeFile("docs/screenshots/atlas-export.png", png);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width).toBeGreaterThan(600);
    expect(height).toBeGreaterThan(400);
    await page.close();
  });
});
