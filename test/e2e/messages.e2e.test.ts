/// <reference lib="dom" />
/**
 * Messages a planner understands, in Chromium: the login form says what is missing, each
 * problem under its field and read with it (aria-describedby); too long, wrong and hostile
 * input gets a German sentence naming the field; the accommodation module's forms name each
 * missing field and refuse too many places with "Plätze: höchstens 100.000"; an atlas level without data shows an
 * empty state with the reason instead of "Das hat nicht geklappt".
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

/** The text tied to an input by aria-describedby, and whether the input is marked invalid. */
async function problemOf(page: Page, label: string) {
  const input = page.getByLabel(label, { exact: true });
  const described = await input.getAttribute("aria-describedby");
  return {
    invalid: await input.getAttribute("aria-invalid"),
    text: described ? await page.locator(`#${described}`).textContent() : null,
  };
}

/** Validator wording that must never reach a planner. */
const RAW = /expected|received|invalid|number|string|<=|>=|Zu groß|Ungültig|erwartet|undefined/i;

describe("messages a planner understands", () => {
  it("login: an empty form says what is missing, at each field", async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1000, height: 800 } });
    await page.goto(`${e2e.base}/`);
    await page.getByRole("button", { name: "Anmelden" }).click();
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toBe("Bitte E-Mail-Adresse und Passwort eingeben.");
    expect(await problemOf(page, "E-Mail-Adresse")).toEqual({
      invalid: "true",
      text: "Bitte die E-Mail-Adresse eingeben.",
    });
    expect(await problemOf(page, "Passwort")).toEqual({
      invalid: "true",
      text: "Bitte das Passwort eingeben.",
    });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("email");
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: "docs/screenshots/login-leer.png" });

    // Only the password missing: only the password is named.
    await page.getByLabel("E-Mail-Adresse").fill("planung@demo.sopla.example");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toBe("Bitte das Passwort eingeben.");
    expect((await problemOf(page, "E-Mail-Adresse")).invalid).toBe("false");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("password");

    // Too long: the server's sentence names the field, in German, at the field.
    await page.getByLabel("E-Mail-Adresse").fill(`${"a".repeat(300)}@example.org`);
    await page.getByLabel("Passwort", { exact: true }).fill("irgendwas");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await expect
      .poll(async () => (await problemOf(page, "E-Mail-Adresse")).text)
      .toBe("E-Mail-Adresse: höchstens 254 Zeichen");
    expect(await page.getByRole("alert").textContent()).toBe(
      "Bitte prüfen: E-Mail-Adresse: höchstens 254 Zeichen.",
    );

    // Hostile input is text, never markup, and the answer is a plain German sentence.
    await page.getByLabel("E-Mail-Adresse").fill("<script>window.pwned=1</script>");
    await page.getByLabel("Passwort", { exact: true }).fill("x\u0000y");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).not.toMatch(/höchstens/);
    const hostile = (await page.getByRole("alert").textContent()) ?? "";
    expect(hostile).not.toMatch(RAW);
    expect(hostile).not.toMatch(/<script/);
    expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
    await page.close();
  });

  it("accommodation: too many places are refused with the field and the limit", async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await logIn(page, e2e.base, "unterkunft@demo.sopla.example", "Demo-Unterkunft-2026");
    await page.getByRole("link", { name: /^Unterkünfte/ }).click();
    const capacity = page.getByRole("form", { name: "Kapazitätsänderung" });
    await expect.poll(() => capacity.count(), { timeout: 30_000 }).toBe(1);
    await capacity.getByLabel("Gültig ab").fill("2026-10-21");
    await capacity.getByLabel("Plätze").fill("250000");
    await capacity.getByLabel("Wohneinheiten").fill("3");
    await capacity.getByRole("button", { name: "Kapazitätsänderung speichern" }).click();
    await expect
      .poll(() => capacity.getByRole("alert").textContent())
      .toMatch(/Plätze: höchstens 100\.000/);
    const text = (await capacity.getByRole("alert").textContent()) ?? "";
    expect(text).not.toMatch(RAW);
    expect(text).not.toMatch(/places|capacity/);
    await capacity.screenshot({ path: "docs/screenshots/unterkuenfte-zu-viele-plaetze.png" });

    // A new facility: empty, each missing field named; then too large and hostile.
    const form = page.getByRole("form", { name: "Neue Unterkunft" });
    const save = form.getByRole("button", { name: "Neue Unterkunft speichern" });
    await save.click();
    const problems = form.getByRole("alert").getByRole("listitem");
    await expect.poll(() => problems.count()).toBe(5);
    const empty = await problems.allTextContents();
    expect(empty).toEqual([
      "Bitte ein Kürzel für die Unterkunft angeben.",
      "Bitte einen Namen für die Unterkunft angeben.",
      "Bitte den Namen des Trägers angeben.",
      "Plätze: bitte die Zahl der Plätze angeben.",
      "Wohneinheiten: bitte die Zahl der Wohneinheiten angeben.",
    ]);
    await form.getByLabel("Kürzel").fill("x".repeat(80));
    await form.getByLabel("Name", { exact: true }).fill("<img src=x onerror=window.pwned=1>");
    await form.getByLabel("Eröffnungsdatum").fill("2026-10-01");
    const operator = form.getByRole("group", { name: "Träger" });
    await operator.getByLabel("Name des Trägers").fill("<script>window.pwned=2</script>");
    const places = form.getByRole("group", { name: "Kapazität ab Eröffnung" });
    await places.getByLabel("Plätze").fill("250000");
    await places.getByLabel("Wohneinheiten").fill("1");
    await save.click();
    await expect
      .poll(async () => (await problems.allTextContents()).join(" | "))
      .toBe("Plätze (Kapazität 1): höchstens 100.000");
    // (the code field takes no more than the 64 characters the server allows)
    expect((await form.getByLabel("Kürzel").inputValue()).length).toBeLessThanOrEqual(64);
    expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
    await form.screenshot({ path: "docs/screenshots/unterkuenfte-neue-unterkunft-fehler.png" });
    await page.close();
  });

  it("atlas: a level without data shows an empty state with the reason", async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await logIn(page, e2e.base, "politik@demo.sopla.example", "Demo-Politik-2026");
    await page.getByRole("link", { name: /^Atlas/ }).click();
    await page.getByLabel("Indikator").selectOption({ label: "SGB-II-Quote" });
    await expect
      .poll(() => page.getByRole("heading", { name: /SGB-II-Quote \(%\), 2021/ }).count())
      .toBe(1);
    await page.getByLabel("Gebietsebene").selectOption({ label: "Statistischer Bezirk" });
    await expect
      .poll(() => page.getByText(/^Keine Werte für „SGB-II-Quote“/).textContent())
      .toMatch(
        /auf der Ebene „Statistischer Bezirk“ im Zeitraum 2021: für diese Gebiete liegen keine Daten vor\. Bitte eine andere Gebietsebene oder einen anderen Zeitraum wählen\./,
      );
    expect(await page.getByText("Das hat nicht geklappt").count()).toBe(0);
    expect(await page.getByRole("alert").count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: "docs/screenshots/atlas-ohne-daten.png" });
    await page.close();
  });
});
