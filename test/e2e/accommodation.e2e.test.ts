/// <reference lib="dom" />
/**
 * The Unterkünfte page in Chromium on the demo's synthetic accommodation history: the
 * accommodation staff read the statistic of October 2026 (the persons equal the API's total,
 * the example data labelled as such), record a move-in that raises the persons of its facility,
 * are refused an implausible move-out with the German finding (nothing changes), change a
 * facility's capacity, and download a table as CSV; they open a facility (a code already taken
 * is refused, nothing typed lost) and close it again, told who is still housed there; a council
 * member reads the statistic after
 * disclosure control and has no entry forms. No serious or critical accessibility violation,
 * no horizontal scrolling at 768 px; the screenshots of the page are written here.
 */
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

const STAFF = ["unterkunft@demo.sopla.example", "Demo-Unterkunft-2026"] as const;
const VIEWER = ["politik@demo.sopla.example", "Demo-Politik-2026"] as const;
const AM = "Obdachlosenunterkunft Am Markt";
const NORD = "E2E Notunterkunft Nord";

async function openPage(
  [email, password]: readonly [string, string],
  width = 1280,
  height = 1000,
): Promise<Page> {
  const page = await e2e.browser.newPage({ viewport: { width, height } });
  await logIn(page, e2e.base, email, password);
  // The accommodation staff land on Unterkünfte, everyone else on the overview.
  await expect.poll(() => page.getByRole("link", { name: /^Unterkünfte/ }).count()).toBe(1);
  await page.getByRole("link", { name: /^Unterkünfte/ }).click();
  await expect
    .poll(() => page.getByRole("heading", { name: "Unterkünfte", level: 1 }).count())
    .toBe(1);
  await page.getByLabel("Monat", { exact: true }).selectOption("2026-10");
  await expect
    .poll(() => page.getByRole("heading", { name: "Monatsstatistik Oktober 2026" }).count(), {
      timeout: 30_000,
    })
    .toBe(1);
  return page;
}

/** The API's statistic of a month, fetched with the page's session. */
async function apiStatistic(page: Page, month: string) {
  return page.evaluate(async (m) => {
    const session = (await (await fetch("/api/session")).json()) as {
      memberships: { workspace: string }[];
    };
    const ws = session.memberships[0]!.workspace;
    const res = await fetch(`/api/accommodation/statistic?workspace=${ws}&month=${m}`);
    return (await res.json()) as {
      total: { persons: number | null };
      byFacility: { code: string; figures: { persons: number | null; places: number } }[];
    };
  }, month);
}

/** A cell of a facility's row in the "Belegung je Unterkunft" table (0: persons, 2: places). */
function facilityCell(page: Page, name: string, column: number): Locator {
  return page
    .getByRole("region", { name: "Belegung je Unterkunft, Oktober 2026", exact: true })
    .getByRole("row", { name: new RegExp(`^${name}`) })
    .locator("td")
    .nth(column + 1);
}

const number = async (cell: Locator) => Number((await cell.textContent())!.replace(/\./g, ""));

async function noHorizontalOverflow(page: Page): Promise<boolean> {
  return page.evaluate(
    () => document.documentElement.scrollWidth <= document.documentElement.clientWidth,
  );
}

describe("Unterkünfte", () => {
  it("shows the accommodation staff the statistic of a month, labelled as example data", async () => {
    const page = await openPage(STAFF);
    expect(await page.getByRole("note").filter({ hasText: "Beispieldaten" }).count()).toBe(1);
    const api = await apiStatistic(page, "2026-10");
    const persons = page.locator('[data-figure="persons"] .figure');
    await expect
      .poll(() => persons.textContent())
      .toBe(new Intl.NumberFormat("de-DE").format(api.total.persons!));
    // Compared with September 2026 and October 2025.
    expect(await page.locator('[data-figure="persons"]').textContent()).toMatch(
      /gegenüber September 2026.*gegenüber Oktober 2025/,
    );
    const keyTable = page.getByRole("region", { name: /^Kennzahlen Oktober 2026/ });
    expect(await keyTable.getByRole("rowheader", { name: "Veränderung zu 2025-10" }).count()).toBe(
      1,
    );
    // Tables per facility, per type, the composition and the lengths of stay.
    expect(await number(facilityCell(page, AM, 0))).toBe(
      api.byFacility.find((f) => f.code === "OU-AM")!.figures.persons,
    );
    for (const caption of [
      "Belegung je Art der Unterkunft, Oktober 2026",
      "Personen nach Rechtsgrundlage, Oktober 2026",
      "Personen nach Verweildauer, Oktober 2026",
    ]) {
      expect(await page.getByRole("table", { name: caption }).count()).toBe(1);
    }
    // The course over 24 months, the facilities and the forecast.
    await expect
      .poll(() => page.getByRole("img", { name: /^Liniendiagramm: Personen und Plätze/ }).count())
      .toBe(1);
    expect(
      await page.getByRole("table", { name: /^Unterkünfte mit Träger, Stadtteil/ }).count(),
    ).toBe(1);
    await expect
      .poll(() => page.getByText(/^Kapazität reicht voraussichtlich/).count(), { timeout: 30_000 })
      .toBe(1);
    await expect.poll(() => page.getByRole("heading", { name: "Monatsprüfung" }).count()).toBe(1);

    const series = page.locator("section", {
      has: page.getByRole("heading", { name: "Belegung im Zeitverlauf" }),
    });
    await series.screenshot({ path: "docs/screenshots/unterkuenfte-verlauf.png" });

    expect(await seriousViolations(page)).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    const byType = await page
      .getByRole("heading", { name: "Belegung je Art der Unterkunft" })
      .boundingBox();
    await page.screenshot({
      path: "docs/screenshots/unterkuenfte.png",
      fullPage: true,
      clip: { x: 0, y: 0, width: 1280, height: Math.round(byType!.y - 8) },
    });
    await page.close();
  });

  it("records a move-in, refuses an implausible move-out, changes a capacity, exports CSV", async () => {
    const page = await openPage(STAFF);
    const persons = facilityCell(page, AM, 0);
    await expect.poll(() => persons.textContent()).toMatch(/^\d+$/);
    const before = await number(persons);

    // Move-in of a household of two into OU-AM on 15 October 2026.
    const moveIn = page.getByRole("form", { name: "Einzug" });
    await moveIn.getByLabel("Haushalt (Pseudonym)").fill("E2E-H1");
    await moveIn.getByLabel("Haushaltstyp").selectOption("single_parent");
    await moveIn.getByLabel("Unterkunft").selectOption("OU-AM");
    await moveIn.getByLabel("Einzugsdatum").fill("2026-10-15");
    await moveIn.getByLabel("Rechtsgrundlage").selectOption("public_order");
    await moveIn.getByRole("button", { name: "Person hinzufügen" }).click();
    const first = moveIn.getByRole("group", { name: "Person 1" });
    await first.getByLabel("Geburtsjahr").fill("1990");
    await first.getByLabel("Geschlecht").selectOption("female");
    const second = moveIn.getByRole("group", { name: "Person 2" });
    await second.getByLabel("Geburtsjahr").fill("2018");
    await second.getByLabel("Geschlecht").selectOption("male");
    await moveIn.getByRole("button", { name: "Einzug speichern" }).click();
    await expect.poll(() => moveIn.getByRole("status").textContent()).toMatch(/Einzug gespeichert/);
    await expect.poll(() => number(persons)).toBe(before + 2);
    const api = await apiStatistic(page, "2026-10");
    expect(api.byFacility.find((f) => f.code === "OU-AM")!.figures.persons).toBe(before + 2);

    // Screenshot of the forms, before the refusal.
    const entry = page.getByRole("region", { name: "Eingabe" });
    // Leaving before moving in: refused with the server's German finding, nothing changes.
    const moveOut = page.getByRole("form", { name: "Auszug" });
    await moveOut.getByLabel("Haushalt (Pseudonym)").fill("E2E-H1");
    await moveOut.getByLabel("Auszugsdatum").fill("2026-10-01");
    await moveOut.getByRole("button", { name: "Auszug speichern" }).click();
    const alert = moveOut.getByRole("alert");
    await expect.poll(() => alert.textContent()).toMatch(/liegt vor dem Einzug 15\.10\.2026/);
    expect(await alert.textContent()).toMatch(/^Nicht gespeichert:/);
    expect(await number(persons)).toBe(before + 2);
    expect(
      (await apiStatistic(page, "2026-10")).byFacility.find((f) => f.code === "OU-AM")!.figures
        .persons,
    ).toBe(before + 2);
    await entry.screenshot({ path: "docs/screenshots/unterkuenfte-eingabe.png" });

    // A capacity change from 20 October: the places on the reference date follow.
    const capacity = page.getByRole("form", { name: "Kapazitätsänderung" });
    await capacity.getByLabel("Unterkunft").selectOption("OU-AM");
    await capacity.getByLabel("Gültig ab").fill("2026-10-20");
    await capacity.getByLabel("Plätze").fill("61");
    await capacity.getByLabel("Wohneinheiten").fill("25");
    await capacity.getByRole("button", { name: "Kapazitätsänderung speichern" }).click();
    await expect
      .poll(() => capacity.getByRole("status").textContent())
      .toMatch(/Kapazitätsänderung gespeichert/);
    await expect.poll(() => facilityCell(page, AM, 2).textContent()).toBe("61");
    // The same day again: refused (a change on that day exists).
    await capacity.getByRole("button", { name: "Kapazitätsänderung speichern" }).click();
    await expect.poll(() => capacity.getByRole("alert").count()).toBe(1);

    // The facility table as CSV: title, source, date, then the rows as shown.
    const region = page
      .locator("section")
      .filter({ has: page.getByRole("heading", { name: "Belegung je Unterkunft", exact: true }) })
      .last();
    const [file] = await Promise.all([
      page.waitForEvent("download"),
      region.getByRole("button", { name: "Tabelle als CSV" }).click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/^flensburg-unterkuenfte-je_unterkunft-2026_10\.csv$/);
    const bytes = await readFile(await file.path());
    const parsed = parseCsv(bytes.toString("utf8").replace(/^\uFEFF/, ""), { delimiter: ";" });
    if (!parsed.ok) throw new Error("CSV not readable");
    const rows = parsed.value.rows;
    expect(rows[0]?.[0]).toBe("Belegung je Unterkunft, Oktober 2026");
    const am = rows.find((r) => r[0] === AM)!;
    expect(Number(am[2])).toBe(before + 2);
    expect(am[4]).toBe("61");

    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it("opens a facility through the form, refuses a code already taken, closes it again", async () => {
    const page = await openPage(STAFF);
    const form = page.getByRole("form", { name: "Neue Unterkunft" });
    const code = form.getByLabel("Kürzel");
    const name = form.getByLabel("Name", { exact: true });
    const operator = form.getByRole("group", { name: "Träger" });
    const capacity = form.getByRole("group", { name: "Kapazität ab Eröffnung" });
    const wheelchair = form
      .getByRole("group", { name: "Ausstattung" })
      .getByLabel("barrierefrei (rollstuhlgerecht)");

    // The code of an existing facility: the server's German message, every field keeps its value.
    await code.fill("OU-AM");
    await name.fill(NORD);
    await form.getByLabel("Art der Unterkunft").selectOption("homeless_shelter");
    await form.getByLabel("Art der Überlassung").selectOption("short_term");
    await form.getByLabel("Eröffnungsdatum").fill("2026-10-01");
    await form.getByLabel("Adresse (optional)").fill("Norderstraße 1");
    const district = form.getByLabel("Stadtteil");
    const districtCode = await district.locator("option").nth(1).getAttribute("value");
    const districtName = await district.locator("option").nth(1).textContent();
    await district.selectOption(districtCode);
    await operator.getByLabel("Name des Trägers").fill("Diakonisches Werk Flensburg");
    await operator.getByLabel("Art des Trägers").selectOption("free_provider");
    await operator.getByLabel("Wohlfahrtsverband").selectOption("diakonie");
    await capacity.getByLabel("Plätze").fill("12");
    await capacity.getByLabel("Wohneinheiten").fill("6");
    await wheelchair.check();
    const save = form.getByRole("button", { name: "Neue Unterkunft speichern" });
    await save.click();
    const alert = form.getByRole("alert");
    await expect.poll(() => alert.textContent()).toMatch(/Unterkunft „OU-AM“ gibt es schon\./);
    expect(await alert.textContent()).toMatch(/^Nicht gespeichert:/);
    expect(await code.inputValue()).toBe("OU-AM");
    expect(await name.inputValue()).toBe(NORD);
    expect(await district.inputValue()).toBe(districtCode);
    expect(await operator.getByLabel("Wohlfahrtsverband").inputValue()).toBe("diakonie");
    expect(await capacity.getByLabel("Plätze").inputValue()).toBe("12");
    expect(await wheelchair.isChecked()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);

    // With a code of its own it is saved, the form empties, the facility list shows it.
    await code.fill("E2E-NORD");
    await save.click();
    await expect
      .poll(() => form.getByRole("status").textContent())
      .toMatch(/Neue Unterkunft gespeichert/);
    expect(await code.inputValue()).toBe("");
    const row = page
      .getByRole("table", { name: /^Unterkünfte mit Träger, Stadtteil/ })
      .getByRole("row", { name: new RegExp(`^${NORD}`) });
    await expect.poll(() => row.count()).toBe(1);
    const cells = row.locator("td");
    expect(await cells.nth(1).textContent()).toBe("Diakonisches Werk Flensburg (freier Träger)");
    expect(await cells.nth(2).textContent()).toBe(districtName);
    await expect.poll(() => cells.nth(3).textContent()).toBe("12");
    expect(await cells.nth(6).textContent()).toBe("barrierefrei");

    // A household moves in on 15 October; closing on 20 October leaves it there: a note, no error.
    const moveIn = page.getByRole("form", { name: "Einzug" });
    await moveIn.getByLabel("Haushalt (Pseudonym)").fill("E2E-H2");
    await moveIn.getByLabel("Unterkunft").selectOption("E2E-NORD");
    await moveIn.getByLabel("Einzugsdatum").fill("2026-10-15");
    await moveIn.getByRole("button", { name: "Einzug speichern" }).click();
    await expect.poll(() => moveIn.getByRole("status").textContent()).toMatch(/Einzug gespeichert/);
    const closing = page.getByRole("form", { name: "Schließung einer Unterkunft" });
    await closing.getByLabel("Unterkunft").selectOption("E2E-NORD");
    await closing.getByLabel("Letzter Öffnungstag").fill("2026-10-20");
    await closing.getByRole("button", { name: "Schließung einer Unterkunft speichern" }).click();
    const status = closing.getByRole("status");
    await expect
      .poll(() => status.textContent())
      .toMatch(/^Schließung einer Unterkunft gespeichert/);
    expect(await status.textContent()).toMatch(/Nach der Schließung noch untergebracht/);
    const notes = await status.getByRole("listitem").allTextContents();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(
      /ohne Auszug, obwohl E2E Notunterkunft Nord am 20\.10\.2026 geschlossen/,
    );
    expect(await closing.getByRole("alert").count()).toBe(0);

    // The list marks it closed; it is offered neither for closing nor for moving in.
    await expect
      .poll(() => cells.nth(6).textContent())
      .toMatch(/geschlossen \(letzter Tag 20\.10\.2026\)/);
    const offered = (f: Locator) => f.getByLabel("Unterkunft").locator('option[value="E2E-NORD"]');
    await expect.poll(() => offered(closing).count()).toBe(0);
    expect(await offered(moveIn).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it("shows a council member the statistic after disclosure control, without entry forms", async () => {
    const page = await openPage(VIEWER);
    expect(
      await page.getByRole("note").filter({ hasText: ". = gesperrt (Geheimhaltung)" }).count(),
    ).toBe(1);
    const api = await apiStatistic(page, "2026-10");
    await expect
      .poll(() => page.locator('[data-figure="persons"] .figure').textContent())
      .toBe(api.total.persons === null ? "." : String(api.total.persons));
    expect(await page.getByRole("heading", { name: "Eingabe" }).count()).toBe(0);
    expect(await page.getByRole("form", { name: "Einzug" }).count()).toBe(0);
    expect(await page.getByRole("heading", { name: "Monatsprüfung" }).count()).toBe(0);
    // No figure per facility for a council member: not in the table, the list or the course.
    expect(api.byFacility).toEqual([]);
    expect(
      await page.getByRole("heading", { name: "Belegung je Unterkunft", exact: true }).count(),
    ).toBe(0);
    expect(
      await page.getByText("Zahlen je Unterkunft sehen nur die Unterkunftsverwaltung").count(),
    ).toBe(1);
    expect(await page.getByLabel("Unterkunft im Vergleich").count()).toBe(0);
    await expect
      .poll(() => page.getByText(/^Kapazität reicht voraussichtlich/).count(), { timeout: 30_000 })
      .toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it("fits a 768 px wide screen without horizontal scrolling", async () => {
    const page = await openPage(STAFF, 768, 1000);
    await expect
      .poll(() => page.getByRole("img", { name: /^Liniendiagramm: Personen und Plätze/ }).count())
      .toBe(1);
    expect(await noHorizontalOverflow(page)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
