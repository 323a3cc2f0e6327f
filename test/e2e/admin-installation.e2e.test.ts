/// <reference lib="dom" />
/**
 * Verwaltung → Installation in Chromium: the installation administrator creates a workspace,
 * switches to it, gives it a logo (seen in the top bar) and invites a person; the invitee
 * opens the link in a fresh browser, reads workspace and role, sets a password with the
 * one-time password and is logged in. No serious or critical accessibility violation; the
 * screenshots of the section and of the invitation page are written here.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setInstallationAdministrator } from "../../src/services/access/users.ts";
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import { logIn, seriousViolations, startE2e, type E2eServer } from "./support.ts";

let e2e: E2eServer;

const ADMIN = ["verwaltung@demo.sopla.example", "Demo-Verwaltung-2026"] as const;
const INVITEE = "ina.einladung@demo.sopla.example";
/** A small SVG logo: a dark blue square with a lighter bar. */
const LOGO =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="8" fill="#0b4f6c"/><rect x="12" y="38" width="40" height="10" fill="#9bd1e5"/><circle cx="32" cy="22" r="10" fill="#fff"/></svg>';

beforeAll(async () => {
  e2e = await startE2e((ctx) => setInstallationAdministrator(ctx, ADMIN[0], true, SYSTEM_ACTOR));
});
afterAll(async () => {
  await e2e?.close();
});

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000 });

describe("Verwaltung → Installation", () => {
  it("creates a workspace, a logo and an invitation, which the invitee accepts", async () => {
    const page: Page = await e2e.browser.newPage({ viewport: { width: 1280, height: 1200 } });
    await logIn(page, e2e.base, ADMIN[0], ADMIN[1]);
    const section = page.getByRole("region", { name: "Installation" });
    await poll(() => section.getByRole("table", { name: "Arbeitsbereiche" }).count()).toBe(1);
    expect(await section.getByRole("table").textContent()).toMatch(/flensburg/);

    // A wrong municipality key is refused with the field named; nothing is created.
    const form = section.getByRole("form", { name: "Arbeitsbereich anlegen" });
    await form.getByLabel("Name").fill("Kiel");
    await form.getByLabel("Kennung").fill("kiel");
    await form.getByLabel("Gemeinde- oder Regionalschlüssel").fill("0100200");
    await form.getByRole("button", { name: "Arbeitsbereich anlegen" }).click();
    await poll(() => form.getByRole("alert").textContent()).toMatch(
      /Gemeinde- oder Regionalschlüssel: .*8 Ziffern/,
    );
    await form.getByLabel("Gemeinde- oder Regionalschlüssel").fill("01002000");
    await form.getByRole("button", { name: "Arbeitsbereich anlegen" }).click();
    await poll(() => section.getByRole("status").textContent()).toMatch(
      /Der Arbeitsbereich „Kiel“ ist angelegt/,
    );
    await poll(() => section.getByRole("table").textContent()).toMatch(/Kiel.*kiel.*01002000/);
    expect(await seriousViolations(page)).toEqual([]);
    await section.screenshot({ path: "docs/screenshots/verwaltung-installation.png" });

    // Switch to it: the top bar names it, and Verwaltung now manages it.
    await section.getByRole("button", { name: "Zu „Kiel“ wechseln" }).click();
    await poll(() => page.getByRole("banner").textContent()).toMatch(/Kiel/);

    // A logo for Kiel, shown in the top bar.
    const logo = page.getByRole("region", { name: "Logo" });
    await logo.getByLabel("Logo-Datei (PNG oder SVG)").setInputFiles({
      name: "kiel.svg",
      mimeType: "image/svg+xml",
      buffer: Buffer.from(LOGO),
    });
    await logo.getByRole("button", { name: "Logo hochladen" }).click();
    await poll(() => logo.getByRole("status").textContent()).toMatch(/Logo ist gespeichert/);
    await poll(() => page.locator("header img.topbar-logo").count()).toBe(1);
    await poll(() =>
      page.locator("header img.topbar-logo").evaluate((img: HTMLImageElement) => img.naturalWidth),
    ).toBeGreaterThan(0);

    // An invitation: link and one-time password, shown once.
    const invite = page.getByRole("form", { name: "Einladung erstellen" });
    await invite.getByLabel("E-Mail-Adresse").fill(INVITEE);
    await invite.getByLabel("Name der Person (optional)").fill("Ina Einladung");
    await invite.getByLabel("Rolle").selectOption({ label: "Fachdienst" });
    await invite.getByRole("button", { name: "Einladung erstellen" }).click();
    const linkBox = page.getByTestId("invitation-link");
    await poll(() => linkBox.count()).toBe(1);
    const link = ((await linkBox.textContent()) ?? "").trim();
    expect(link).toMatch(/\/einladung#[A-Za-z0-9_-]{43}$/);
    const oneTimePassword = (
      (await page.getByTestId("one-time-password").textContent()) ?? ""
    ).trim();
    expect(oneTimePassword).toMatch(/^\S{10,}$/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();

    // The invitee, in a browser of their own.
    const context = await e2e.browser.newContext({ viewport: { width: 1000, height: 900 } });
    const person = await context.newPage();
    await person.goto(link);
    await poll(() => person.getByRole("heading", { name: "Einladung zu Sopla" }).count()).toBe(1);
    await poll(() => person.getByRole("main").textContent()).toMatch(
      /Arbeitsbereich „Kiel“ eingeladen, mit der Rolle „Fachdienst“.*Ihr Anmeldename: ina\.einladung@demo\.sopla\.example/,
    );
    expect(await seriousViolations(person)).toEqual([]);
    await person.screenshot({ path: "docs/screenshots/einladung.png" });
    // A wrong one-time password is named at its field.
    await person.getByLabel("Einmalpasswort").fill("falsch-falsch");
    await person.getByLabel("Eigenes Passwort", { exact: true }).fill("Kieler-Foerde-2026");
    await person.getByLabel("Eigenes Passwort wiederholen").fill("Kieler-Foerde-2026");
    await person.getByRole("button", { name: "Passwort festlegen und anmelden" }).click();
    await poll(() => person.getByRole("alert").first().textContent()).toMatch(
      /Einmalpasswort: .*stimmt nicht/,
    );
    await person.getByLabel("Einmalpasswort").fill(oneTimePassword);
    await person.getByRole("button", { name: "Passwort festlegen und anmelden" }).click();
    await poll(() => person.getByRole("banner").textContent()).toMatch(/Ina Einladung.*Fachdienst/);
    expect(new URL(person.url()).pathname).not.toBe("/einladung");

    // The link is used up.
    const again = await context.newPage();
    await again.goto(link);
    await poll(() => again.getByRole("alert").textContent()).toMatch(/schon angenommen/);
    await context.close();
  });
});
