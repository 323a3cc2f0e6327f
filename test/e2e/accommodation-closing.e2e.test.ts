/// <reference lib="dom" />
/**
 * Monatsabschluss in Chromium on the demo's accommodation history: the accommodation staff
 * close October 2026; a capacity change of 2 places from 01.10.2026 for the facility of 49
 * residents is refused with a German
 * message naming the month, and so are move-ins dated 01.01.1900 and 01.01.2099; the month is
 * reopened with a reason (an empty one is refused, the field keeps the focus), the change is
 * taken, and the month closed again shows its figures marked `r` with the changes against the
 * version reported before and the legend. A council member sees the revised month without the
 * action and without names. The WoBerichtsG file 2026 marked delivered refuses a move-in that
 * would change it. No serious or critical accessibility violation; a screenshot of
 * each state is written to docs/screenshots/.
 */
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
/** The facility of the reproduction: 49 residents in October 2026, 80 places. */
const NORD = "Gemeinschaftsunterkunft Nord";

async function openOctober([email, password]: readonly [string, string]): Promise<Page> {
  const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await logIn(page, e2e.base, email, password);
  // The accommodation staff land on Unterkünfte, everyone else on the overview.
  await expect.poll(() => page.getByRole("link", { name: /^Unterkünfte/ }).count()).toBe(1);
  await page.getByRole("link", { name: /^Unterkünfte/ }).click();
  await page.getByLabel("Monat", { exact: true }).selectOption("2026-10");
  await expect
    .poll(() => page.getByRole("heading", { name: "Monatsstatistik Oktober 2026" }).count(), {
      timeout: 30_000,
    })
    .toBe(1);
  return page;
}

function facilityCell(page: Page, name: string, column: number): Locator {
  return page
    .getByRole("region", { name: "Belegung je Unterkunft, Oktober 2026", exact: true })
    .getByRole("row", { name: new RegExp(`^${name}`) })
    .locator("td")
    .nth(column + 1);
}

const closingRegion = (page: Page) => page.getByRole("region", { name: "Monatsabschluss" });

describe("Monatsabschluss", () => {
  it("closes October 2026, refuses the backdated change and the 1900/2099 move-ins, reopens with a reason and shows the revision", async () => {
    const page = await openOctober(STAFF);
    const closing = closingRegion(page);
    const state = closing.getByRole("note");
    await expect.poll(() => state.textContent()).toMatch(/Oktober 2026 ist nicht abgeschlossen/);
    const places = facilityCell(page, NORD, 2);
    await expect.poll(() => places.textContent()).toMatch(/^\d+$/);
    const placesBefore = (await places.textContent())!;

    // Close the month.
    await closing.getByRole("button", { name: "Oktober 2026 abschließen" }).click();
    await expect
      .poll(() => state.textContent())
      .toMatch(/Oktober 2026 ist abgeschlossen \(gemeldet am \d\d\.\d\d\.\d{4}/);
    expect(await closing.getByRole("status").textContent()).toBe("Oktober 2026 ist abgeschlossen.");
    expect(await seriousViolations(page)).toEqual([]);
    await closing.screenshot({ path: "docs/screenshots/unterkuenfte-monat-abgeschlossen.png" });

    // The backdated capacity change: refused, naming the month; nothing changes.
    const capacity = page.getByRole("form", { name: "Kapazitätsänderung" });
    await capacity.getByLabel("Unterkunft").selectOption("GU-NO");
    await capacity.getByLabel("Gültig ab").fill("2026-10-01");
    await capacity.getByLabel("Plätze").fill("2");
    await capacity.getByLabel("Wohneinheiten").fill("1");
    await capacity.getByRole("button", { name: "Kapazitätsänderung speichern" }).click();
    const refused = capacity.getByRole("alert");
    await expect
      .poll(() => refused.textContent())
      .toMatch(/würde den abgeschlossenen Monat Oktober 2026 ändern/);
    expect(await refused.textContent()).toMatch(/mit Begründung wieder öffnen/);
    expect(await places.textContent()).toBe(placesBefore);
    await capacity.screenshot({ path: "docs/screenshots/unterkuenfte-abschluss-abgewiesen.png" });

    // Move-ins dated 01.01.1900 and 01.01.2099: refused, naming the field.
    const moveIn = page.getByRole("form", { name: "Einzug" });
    await moveIn.getByLabel("Haushalt (Pseudonym)").fill("E2E-CL1");
    await moveIn.getByLabel("Unterkunft").selectOption("GU-NO");
    await moveIn.getByLabel("Rechtsgrundlage").selectOption("public_order");
    for (const [day, text] of [
      ["1900-01-01", /Einzugsdatum 01\.01\.1900 liegt vor der Eröffnung/],
      ["2099-01-01", /Einzugsdatum 01\.01\.2099 liegt mehr als 31 Tage in der Zukunft/],
    ] as const) {
      await moveIn.getByLabel("Einzugsdatum").fill(day);
      await moveIn.getByRole("button", { name: "Einzug speichern" }).click();
      await expect.poll(() => moveIn.getByRole("alert").textContent()).toMatch(text);
    }

    // Reopen: without a reason refused (the field keeps the focus), with one done.
    await closing.getByRole("button", { name: "Oktober 2026 wieder öffnen …" }).click();
    const reason = closing.getByLabel("Begründung");
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");
    await closing.getByRole("button", { name: "Mit Begründung wieder öffnen" }).click();
    await expect
      .poll(() => closing.getByRole("alert").textContent())
      .toMatch(/Begründung: bitte angeben/);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");
    await reason.fill("Kapazität laut Bescheid vom 30.09.2026 reduziert");
    await closing.screenshot({ path: "docs/screenshots/unterkuenfte-monat-wieder-oeffnen.png" });
    await closing.getByRole("button", { name: "Mit Begründung wieder öffnen" }).click();
    await expect
      .poll(() => state.textContent())
      .toMatch(/Oktober 2026 ist seit .* wieder geöffnet/);
    expect(await state.textContent()).toMatch(
      /Begründung: Kapazität laut Bescheid vom 30\.09\.2026 reduziert/,
    );

    // The change is taken now.
    await capacity.getByRole("button", { name: "Kapazitätsänderung speichern" }).click();
    await expect
      .poll(() => capacity.getByRole("status").textContent())
      .toMatch(/Kapazitätsänderung gespeichert/);
    await expect.poll(() => places.textContent()).toBe("2");
    const changes = page.getByRole("table", {
      name: "Änderungen seit der gemeldeten Fassung 1, Oktober 2026",
    });
    await expect.poll(() => changes.count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await closing.screenshot({ path: "docs/screenshots/unterkuenfte-monat-wieder-offen.png" });

    // Closed again: revised, the changed figures marked r, the changes listed with the legend.
    await closing.getByRole("button", { name: "Oktober 2026 erneut abschließen" }).click();
    await expect
      .poll(() => state.textContent())
      .toMatch(/Oktober 2026 ist berichtigt: Fassung 2, erneut abgeschlossen am/);
    expect(await state.textContent()).toMatch(/r = berichtigt/);
    await expect.poll(() => places.textContent()).toBe("2 r");
    // 49 persons on 2 places: 2.450,0 % and over-occupancy 47 in the row and in the total.
    const persons = Number(await facilityCell(page, NORD, 0).textContent());
    expect(await facilityCell(page, NORD, 3).textContent()).toBe(
      `${new Intl.NumberFormat("de-DE", { minimumFractionDigits: 1 }).format((persons / 2) * 100)} r`,
    );
    expect(await facilityCell(page, NORD, 5).textContent()).toBe(`${persons - 2} r`);
    const over = await page
      .getByRole("region", { name: "Belegung je Unterkunft, Oktober 2026", exact: true })
      .getByRole("row")
      .filter({ hasText: /^Insgesamt/ })
      .locator("td")
      .nth(6)
      .textContent();
    expect(over).toBe(`${persons - 2} r`);
    const revised = page.getByRole("table", {
      name: "Änderungen gegenüber der gemeldeten Fassung 1, Oktober 2026",
    });
    await expect.poll(() => revised.count()).toBe(1);
    const row = revised.getByRole("row", { name: new RegExp(`^${NORD} Plätze`) });
    await expect
      .poll(() => row.locator("td").allTextContents())
      .toEqual(["Plätze", placesBefore, "2 r"]);
    expect(
      await page
        .getByRole("region", { name: /Änderungen gegenüber der gemeldeten Fassung 1/ })
        .getByText("r = berichtigt: Wert weicht von der zuvor gemeldeten Fassung ab.")
        .count(),
    ).toBe(1);
    expect(await page.locator('[data-figure="places"] .figure abbr').textContent()).toBe("r");
    expect(await closing.getByRole("button", { name: /wieder öffnen/ }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await closing.screenshot({ path: "docs/screenshots/unterkuenfte-monat-berichtigt.png" });
    await page.close();
  });

  it("shows a council member the revised month without the action and without names", async () => {
    const page = await openOctober(VIEWER);
    const closing = closingRegion(page);
    await expect
      .poll(() => closing.getByRole("note").textContent())
      .toMatch(/Oktober 2026 ist berichtigt: Fassung 2/);
    expect(await closing.getByRole("note").textContent()).not.toMatch(/unterkunft@|Bescheid/);
    expect(await closing.getByRole("button", { name: /abschließen|öffnen/ }).count()).toBe(0);
    // Only cells published in both versions: no "." in the list.
    const revised = page.getByRole("table", {
      name: "Änderungen gegenüber der gemeldeten Fassung 1, Oktober 2026",
    });
    await expect.poll(() => revised.count()).toBe(1);
    const cells = await revised.locator("td").allTextContents();
    expect(cells.every((c) => c !== ".")).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await closing.screenshot({
      path: "docs/screenshots/unterkuenfte-monat-berichtigt-politik.png",
    });
    await page.close();
  });

  it("marks the WoBerichtsG file 2026 delivered and refuses a move-in that would change it", async () => {
    const page = await openOctober(STAFF);
    const federal = page.getByRole("region", { name: "Bundesstatistik (WoBerichtsG)" });
    const state = federal.getByRole("note");
    await expect
      .poll(() => state.textContent())
      .toMatch(/Die Lieferung 2026 ist noch nicht als geliefert vermerkt/);
    await federal.getByRole("button", { name: "Lieferung 2026 als geliefert vermerken" }).click();
    await expect
      .poll(() => state.textContent())
      .toMatch(/Die Lieferung 2026 ist geliefert \(vermerkt am \d\d\.\d\d\.\d{4}/);

    const moveIn = page.getByRole("form", { name: "Einzug" });
    await moveIn.getByLabel("Haushalt (Pseudonym)").fill("E2E-FD1");
    await moveIn.getByLabel("Unterkunft").selectOption("GU-NO");
    await moveIn.getByLabel("Rechtsgrundlage").selectOption("public_order");
    await moveIn.getByLabel("Einzugsdatum").fill("2026-01-20");
    await moveIn.getByRole("button", { name: "Einzug speichern" }).click();
    await expect
      .poll(() => moveIn.getByRole("alert").textContent())
      .toMatch(/gelieferte WoBerichtsG-Datei 2026 \(Stichtag 31\.01\.2026\) ändern/);
    expect(
      await federal.getByRole("button", { name: "Lieferung 2026 wieder öffnen …" }).count(),
    ).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await federal.screenshot({ path: "docs/screenshots/unterkuenfte-lieferung-geliefert.png" });
    await page.close();
  });
});
