/// <reference lib="dom" />
/**
 * Checking values in the browser, as a planner meets the demo's typo: the source has 625
 * persons aged 80+ in Flensburg in 2020 (2019: 5,922; 2021: 6,478). The import holds it for
 * review, so the dashboard's change of the share of persons aged 80+ and the indicator's city
 * value for 2020 read "p". Daten → Werte prüfen lists it; the planner corrects it to 6.250 with
 * a reason, and the dashboard and the indicator page show the new figures at once, marked "r";
 * the history says who, when and why; the correction is undone again.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logIn, seriousViolations, startE2e, type E2eServer } from "./support.ts";

let e2e: E2eServer;

beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.close();
});

/** Figures load after the page: give the browser time on a busy machine. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000 });
const SHARE = "Anteil Hochaltriger (80 Jahre und älter)";
const REASON = "Tippfehler der Quelle (Tab. 3), Rückfrage bei der Statistikstelle";

/** The key figure card of the share of persons aged 80+ on the dashboard. */
const shareCard = (page: Page) => page.locator("li.card").filter({ hasText: SHARE });

/** The indicator's city value for 2020, as its sheet shows it. */
async function cityValue2020(page: Page): Promise<string> {
  await page.goto(`${e2e.base}/indikatoren/share_80_plus`);
  await page.getByLabel("Gebietsebene").selectOption({ label: "Stadt" });
  await page.getByLabel("Zeitraum", { exact: true }).selectOption("2020");
  const line = page.locator(".city-value").filter({ hasText: "2020" });
  await poll(() => line.count()).toBe(1);
  return (await line.locator("strong").textContent()) ?? "";
}

/** Value and mark of the city's share of persons aged 80+ in 2020 in the public CSV. */
async function publicCsvRow(page: Page): Promise<string[]> {
  const res = await page.request.get(`${e2e.base}/open/flensburg/levels/city/indicators.csv`);
  expect(res.status()).toBe(200);
  const row = (await res.text())
    .split("\r\n")
    .map((l) => l.split(";"))
    .find((r) => r[0] === "share_80_plus" && r[5] === "2020");
  return row!.slice(6);
}

describe("checking and correcting a value", () => {
  it("shows the held value marked p, corrects it to 6.250 with a reason (r everywhere at once), keeps the history and undoes it", async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await logIn(page, e2e.base, "planung@demo.sopla.example", "Demo-Planung-2026");

    // The dashboard: 2021 against the held 2020 value, so the change reads p, under review.
    const card = shareCard(page);
    await poll(() => card.locator(".change").textContent()).toMatch(/gegenüber 2020/);
    const change = card.locator(".change .mark-review");
    expect(await change.textContent()).toMatch(/^\+\d+,\d p Pp\. \(vorläufig, zu prüfen\)$/);
    expect(await change.getAttribute("title")).toMatch(/vorläufig, zu prüfen/);
    await poll(() => page.locator(".mark-legend").textContent()).toMatch(
      /Zeichenerklärung.*p = vorläufige Zahl.*zu prüfen = /,
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: "docs/screenshots/overview-marks.png", fullPage: true });

    // The indicator's city value for 2020: 625 of about 96,000 → 0,6 %, marked p.
    expect(await cityValue2020(page)).toMatch(/^0,6 p % \(vorläufig, zu prüfen\)$/);
    const ranking = page.locator("section.chart-figure").filter({
      has: page.getByRole("heading", { name: "Rangfolge", level: 4 }),
    });
    await ranking.getByText("Werte als Tabelle").click();
    await poll(() => ranking.locator("tbody tr").first().textContent()).toMatch(/Flensburg.*0,6 p/);
    expect(await ranking.locator(".mark-legend").textContent()).toMatch(/p = vorläufige Zahl/);

    // The public CSV, as the browser downloads it: the number with its mark "p".
    expect(await publicCsvRow(page)).toEqual(["0,6", "p"]);

    // Daten → Werte prüfen lists the 625.
    await page.getByRole("link", { name: /^Daten/ }).click();
    await page
      .getByRole("navigation", { name: "Bereiche der Daten" })
      .getByRole("link", { name: "Werte prüfen" })
      .click();
    expect(page.url()).toMatch(/\/daten\/werte$/);
    const row = page
      .locator("table.review-table tbody tr")
      .filter({ hasText: "Einwohner ab 80 Jahren" })
      .filter({ hasText: "2020" })
      .filter({ has: page.getByRole("rowheader") });
    await poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toMatch(/Flensburg.*2020.*625.*zu prüfen/);
    expect(await seriousViolations(page)).toEqual([]);

    // Correcting without a reason is refused next to the field; the value typed is kept.
    await row.getByRole("button", { name: /^Korrigieren:/ }).click();
    const form = page.getByRole("form", { name: /^Korrigieren: Einwohner ab 80 Jahren/ });
    await form.getByLabel("Neuer Wert").fill("6.250");
    await form.getByRole("button", { name: "Korrektur speichern" }).click();
    const reason = form.getByLabel("Begründung");
    await poll(() => reason.getAttribute("aria-invalid")).toBe("true");
    const errorId = (await reason.getAttribute("aria-describedby"))!.split(" ").at(-1)!;
    expect(await page.locator(`#${errorId}`).textContent()).toMatch(/^Begründung: bitte/);
    expect(await page.locator(`#${errorId}`).getAttribute("role")).toBe("alert");
    expect(await form.getByLabel("Neuer Wert").inputValue()).toBe("6.250");
    await page.screenshot({ path: "docs/screenshots/daten-werte.png", fullPage: true });

    await reason.fill(REASON);
    await form.getByRole("button", { name: "Korrektur speichern" }).click();
    await poll(() =>
      page
        .getByRole("status")
        .filter({ hasText: /^Korrigiert:/ })
        .textContent(),
    ).toMatch(/Einwohner ab 80 Jahren, Flensburg, 2020 ist jetzt 6\.250/);
    await poll(() => row.count()).toBe(0);

    // The history: who, when and why.
    await page.getByRole("radio", { name: "alle, auch entschiedene" }).check();
    const decided = page
      .locator("table.review-table tbody tr")
      .filter({ hasText: "Einwohner ab 80 Jahren" })
      .filter({ hasText: "2020" })
      .filter({ hasText: "korrigiert" });
    await poll(() => decided.count()).toBe(1);
    await decided.getByRole("button", { name: /^Verlauf:/ }).click();
    const history = page.locator("table.history-table");
    await poll(() => history.locator("tbody tr").count()).toBe(2);
    const revision2 = await history.locator("tbody tr").nth(1).textContent();
    expect(revision2).toMatch(/^2\s*6\.250von Hand: .*planung/i);
    expect(revision2).toMatch(/\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);
    expect(revision2).toContain(REASON);
    expect(await history.locator("tbody tr").nth(0).textContent()).toMatch(
      /^1\s*625Import: .*korrigiert von .*Tippfehler/,
    );
    expect(await page.locator(".current-value").textContent()).toMatch(/6\.250.*Revision 2/);
    expect(await seriousViolations(page)).toEqual([]);
    await history.scrollIntoViewIfNeeded();
    await page.screenshot({ path: "docs/screenshots/daten-werte-verlauf.png", fullPage: true });

    // At once on the dashboard and the indicator page: new figures, marked r, no longer p.
    await page.getByRole("link", { name: "Übersicht" }).click();
    await poll(() => card.locator(".change").textContent()).toMatch(/ r Pp\. gegenüber 2020/);
    expect(await card.locator(".change .mark-review").count()).toBe(0);
    expect(await cityValue2020(page)).toMatch(/^6,\d r %$/);
    expect((await publicCsvRow(page))[1]).toBe("r");

    // Undo: the held value is back, marked p again.
    await page.goto(`${e2e.base}/daten/werte`);
    await page.getByLabel("Merkmal").selectOption({ label: "Einwohner ab 80 Jahren" });
    await page.getByLabel("Gebiet").selectOption({ label: "Flensburg (STGM01001000)" });
    await page.getByLabel("Zeitraum").selectOption("2020");
    const undo = page.getByRole("form", { name: /^Korrektur zurücknehmen:/ });
    await poll(() => undo.count()).toBe(1);
    await undo.getByLabel("Begründung").fill("Rückfrage noch offen");
    await undo.getByRole("button", { name: "Korrektur zurücknehmen" }).click();
    await poll(() =>
      page
        .getByRole("status")
        .filter({ hasText: /^Korrektur zurückgenommen/ })
        .count(),
    ).toBe(1);
    await poll(() => history.locator("tbody tr").count()).toBe(3);
    expect(await page.locator(".current-value").textContent()).toMatch(/625 p.*zu prüfen/);
    expect(
      await page
        .getByRole("status")
        .filter({ hasText: /^Korrektur zurückgenommen/ })
        .textContent(),
    ).toMatch(/2020 ist wieder 625\.$/);
    // Held again (p), and revised (r): revision 3 restores the imported value.
    expect(await cityValue2020(page)).toMatch(/^0,6 p r % \(vorläufig, zu prüfen\)$/);
    await page.close();
  });

  it("tells everyone else in German that checking values is for the planners", async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await logIn(page, e2e.base, "fachdienst@demo.sopla.example", "Demo-Fachdienst-2026");
    await page.getByRole("link", { name: /^Daten/ }).click();
    await page
      .getByRole("navigation", { name: "Bereiche der Daten" })
      .getByRole("link", { name: "Werte prüfen" })
      .click();
    await poll(() =>
      page.getByText("Werte prüfen und korrigieren ist der Sozialplanung vorbehalten.").count(),
    ).toBe(1);
    expect(await page.locator("table.review-table").count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
