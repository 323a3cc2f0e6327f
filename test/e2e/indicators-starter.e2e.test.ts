/// <reference lib="dom" />
/**
 * The starter catalogue on the Indikatoren page in Chromium: a planner sees the library by
 * theme with the demo's indicators marked as present, ticks one, takes it over and finds it
 * in the catalogue at once.
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

describe("starter catalogue", () => {
  it("takes one indicator over and shows it in the catalogue", async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await logIn(page, e2e.base, "planung@demo.sopla.example", "Demo-Planung-2026");
    await page.getByRole("link", { name: /^Indikatoren/ }).click();
    await expect
      .poll(() => page.getByRole("heading", { name: "Startkatalog", level: 2 }).count())
      .toBe(1);
    const section = page.locator("section.starter-catalogue");
    await section.getByText(/Indikatoren zeigen \(\d+ schon vorhanden\)/).click();

    // The demo already has the SGB-II-Quote: shown ticked and not to be ticked again.
    const present = section.getByRole("checkbox", { name: "SGB-II-Quote" });
    expect(await present.isChecked()).toBe(true);
    expect(await present.isDisabled()).toBe(true);
    expect(await section.getByRole("group", { name: "Soziale Lage" }).count()).toBe(1);

    const take = section.getByRole("button", { name: /^Übernehmen/ });
    expect(await take.isDisabled()).toBe(true);
    const child = section.getByRole("checkbox", { name: "Kinderarmut (SGB II, unter 15 Jahren)" });
    await child.check();
    expect(await take.textContent()).toBe("Übernehmen (1)");
    expect(await seriousViolations(page)).toEqual([]);
    await section.screenshot({ path: "docs/screenshots/starter-catalogue.png" });

    await take.click();
    await expect
      .poll(() => section.getByRole("status").textContent())
      .toBe("Übernommen: Kinderarmut (SGB II, unter 15 Jahren). Neu angelegte Merkmale: 2.");
    const catalogue = page.getByRole("navigation", { name: "Katalog nach Themen" });
    await expect
      .poll(() =>
        catalogue.getByRole("link", { name: "Kinderarmut (SGB II, unter 15 Jahren)" }).count(),
      )
      .toBe(1);
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "17 Indikatoren" }).count())
      .toBe(1);
    await expect.poll(() => child.isDisabled()).toBe(true);

    await catalogue.getByRole("link", { name: "Kinderarmut (SGB II, unter 15 Jahren)" }).click();
    await expect
      .poll(() => page.locator(".sheet").textContent())
      .toMatch(/Formel.*sgb2_under_15 \/ pop_under_15 × 100/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it("shows the server's message when someone else took the indicator over meanwhile", async () => {
    const open = async (email: string, password: string) => {
      const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
      await logIn(page, e2e.base, email, password);
      await page.getByRole("link", { name: /^Indikatoren/ }).click();
      const section = page.locator("section.starter-catalogue");
      await section.getByText(/Indikatoren zeigen/).click();
      await section
        .getByRole("checkbox", { name: "Jugendarbeitslosigkeit (15 bis 24 Jahre)" })
        .check();
      return { page, section };
    };
    const planner = await open("planung@demo.sopla.example", "Demo-Planung-2026");
    const admin = await open("verwaltung@demo.sopla.example", "Demo-Verwaltung-2026");
    await admin.section.getByRole("button", { name: "Übernehmen (1)" }).click();
    await expect.poll(() => admin.section.getByRole("status").count()).toBe(1);

    await planner.section.getByRole("button", { name: "Übernehmen (1)" }).click();
    await expect
      .poll(() => planner.section.getByRole("alert").textContent())
      .toBe(
        "Den Indikator „Jugendarbeitslosigkeit (15 bis 24 Jahre)“ (youth_unemployment_share) gibt es in diesem Arbeitsbereich schon; es wurde nichts übernommen.",
      );
    // The list shows the catalogue as it is now: the indicator is there, nothing left to take.
    const late = planner.section.getByRole("checkbox", {
      name: "Jugendarbeitslosigkeit (15 bis 24 Jahre)",
    });
    await expect.poll(() => late.isDisabled()).toBe(true);
    expect(await planner.section.getByRole("button", { name: "Übernehmen (0)" }).isDisabled()).toBe(
      true,
    );
    expect(await seriousViolations(planner.page)).toEqual([]);
    await planner.page.close();
    await admin.page.close();
  });
});
