/// <reference lib="dom" />
/**
 * The area profile in Chromium, opened from the atlas: every indicator of the area against its
 * parent and the city, with rank and history; a comparison with further areas.
 */
import ExcelJS from "exceljs";
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

describe("area profile", () => {
  it("opens from the atlas and compares areas", async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await logIn(page, e2e.base, "planung@demo.sopla.example", "Demo-Planung-2026");
    await page.getByRole("link", { name: /^Atlas/ }).click();
    await page.getByLabel("Indikator").selectOption({ label: "SGB-II-Quote" });
    // (the table rows are reused in place when new values arrive: wait for them first)
    await expect
      .poll(() => page.getByRole("row").filter({ hasText: "Neustadt" }).textContent())
      .toMatch(/24,9/);
    await page.getByRole("button", { name: "Neustadt" }).click();
    await page.getByRole("link", { name: "Gebietsprofil öffnen" }).click();
    expect(page.url()).toMatch(/\/gebiete\/STGT02$/);
    await expect
      .poll(() => page.getByRole("heading", { name: /Neustadt/, level: 2 }).count())
      .toBe(1);

    const row = page.locator("tbody tr").filter({ hasText: "SGB-II-Quote" });
    await expect.poll(() => row.textContent()).toMatch(/24,9.*14,2.*1 \/ 13/);
    await expect.poll(() => page.locator("svg.sparkline").count()).toBeGreaterThan(5);
    // The spine chart: one bar per indicator with a value, SGB II rate 75 % above the city, red.
    const chart = page.getByTestId("profile-chart");
    expect(await chart.getAttribute("aria-label")).toMatch(/Profil von Neustadt/);
    // (rates only: the population count of one area is not comparable with the city's)
    await expect.poll(() => chart.locator("rect").count()).toBe(12);
    const sgb = chart.locator("g").filter({ hasText: "SGB-II-Quote" });
    expect(await sgb.locator("text").last().textContent()).toBe("+75 %");
    expect(await sgb.locator("rect").getAttribute("fill")).toBe("#b2182b");

    await page.getByLabel("Vergleichen mit").selectOption({ label: "Tarup" });
    await page.getByLabel("Vergleichen mit").selectOption({ label: "Altstadt" });
    await expect.poll(() => page.getByRole("columnheader", { name: "Tarup" }).count()).toBe(1);
    await expect.poll(() => row.textContent()).toMatch(/24,93,213,814,21 \/ 13/);
    await page.getByRole("button", { name: "Tarup aus dem Vergleich nehmen" }).click();
    await expect.poll(() => page.getByRole("columnheader", { name: "Tarup" }).count()).toBe(0);

    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: "docs/screenshots/area-profile.png", fullPage: true });

    // The comparison table as XLSX (numbers as numbers) and the spine chart as SVG.
    const [xlsx] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Tabelle als XLSX" }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toBe("flensburg-STGT02-STGT01-2021.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await xlsx.path());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell("A1").value).toBe("Gebietsprofil Neustadt (STGT02), 2021");
    expect(sheet.getRow(5).values).toEqual([
      undefined,
      "Indikator",
      "Einheit",
      "Neustadt",
      "Altstadt",
      "Stadt",
      "Rang",
      "von … Gebieten",
    ]);
    const sgbRow = sheet.getColumn(1).values.indexOf("SGB-II-Quote");
    expect(sheet.getRow(sgbRow).values).toEqual([
      undefined,
      "SGB-II-Quote",
      "%",
      24.9,
      13.8,
      14.2,
      1,
      13,
    ]);
    const [svg] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Diagramm als SVG" }).click(),
    ]);
    const text = await readFile(await svg.path(), "utf8");
    expect(text).toMatch(/^<\?xml/);
    expect(text).toContain("Abweichung von der Stadt: Neustadt (STGT02), 2021");
    expect(text.match(/<rect /g)?.length).toBe(13); // the background and the 12 bars
    await page.close();
  });
});
