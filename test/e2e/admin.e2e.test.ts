/// <reference lib="dom" />
/**
 * Verwaltung in Chromium on the demo: the administrator lands there and sees only the modules
 * of its role; creates an account and reads its one-time password once (which opens the
 * account, asking for an own password); a wrong address is refused with the field named;
 * changes the role to Lesezugriff; asks for Sozialplanung, cannot confirm its own request and
 * reads why, withdraws it; resets the password (a new one-time password); deactivates the
 * account; finds all of it in the audit log with German dates. The accommodation staff land on
 * Unterkünfte, see only their modules, and read whom Verwaltung is for. No serious or critical
 * accessibility violation; the screenshot of the page is written here.
 */
import { readFile } from "node:fs/promises";
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

const ADMIN = ["verwaltung@demo.sopla.example", "Demo-Verwaltung-2026"] as const;
const STAFF = ["unterkunft@demo.sopla.example", "Demo-Unterkunft-2026"] as const;
const EMAIL = "erika.e2e@demo.sopla.example";
const NAME = "Erika Beispiel";

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000 });

async function open([email, password]: readonly [string, string], height = 1000): Promise<Page> {
  const page = await e2e.browser.newPage({ viewport: { width: 1280, height } });
  await logIn(page, e2e.base, email, password);
  return page;
}

const navLinks = (page: Page) =>
  page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link").allTextContents();

const memberRow = (page: Page, email: string): Locator =>
  page
    .getByRole("table", { name: "Konten des Arbeitsbereichs" })
    .getByRole("row")
    .filter({ hasText: email });

const shownPassword = async (page: Page): Promise<string> =>
  ((await page.getByTestId("one-time-password").textContent()) ?? "").trim();

describe("Verwaltung", () => {
  it("leads an administrator to Verwaltung with only the modules of its role", async () => {
    const page = await open(ADMIN);
    await poll(() => page.getByRole("heading", { name: "Verwaltung", level: 1 }).count()).toBe(1);
    expect(new URL(page.url()).pathname).toBe("/verwaltung");
    expect(await navLinks(page)).toEqual([
      "Atlas",
      "Gebiete",
      "Indikatoren",
      "Daten",
      "Berichte",
      "Unterkünfte",
      "Verwaltung",
    ]);
    // Every member with role and state; the own account without actions.
    await poll(() => memberRow(page, "planung@demo.sopla.example").textContent()).toMatch(
      /Paula Planung.*Sozialplanung.*aktiv/,
    );
    expect(await memberRow(page, ADMIN[0]).textContent()).toMatch(/Ihr Konto/);
    expect(await memberRow(page, ADMIN[0]).getByRole("button").count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    // At 768 px, too, without scrolling sideways.
    await page.setViewportSize({ width: 768, height: 1024 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });

  it("creates an account, changes and requests roles, resets, deactivates, and logs it all", async () => {
    const page = await open(ADMIN, 1400);
    const create = page.getByRole("form", { name: "Konto anlegen" });
    await poll(() => create.count()).toBe(1);

    // A wrong address: the server's German message names the field, linked to it.
    await create.getByLabel("E-Mail-Adresse").fill("keine-adresse");
    await create.getByLabel("Name").fill(NAME);
    await create.getByRole("button", { name: "Konto anlegen" }).click();
    const problems = create.getByRole("alert");
    await poll(() => problems.textContent()).toMatch(
      /Das Konto wurde nicht angelegt:E-Mail-Adresse: .*E-Mail-Adresse/,
    );
    expect(await create.getByLabel("E-Mail-Adresse").getAttribute("aria-invalid")).toBe("true");
    expect(await create.getByLabel("Name").inputValue()).toBe(NAME);

    // The account, with its one-time password shown once and the hint to hand it over.
    await create.getByLabel("E-Mail-Adresse").fill(EMAIL);
    await create.getByLabel("Rolle").selectOption({ label: "Fachdienst" });
    await create.getByRole("button", { name: "Konto anlegen" }).click();
    const otpBox = page.getByRole("region", { name: `Einmalpasswort für ${NAME} (${EMAIL})` });
    await poll(() => otpBox.count()).toBe(1);
    const first = await shownPassword(page);
    expect(first).toMatch(/^\S{10,}$/);
    expect(await otpBox.textContent()).toMatch(/persönlich weiter.*nur jetzt angezeigt/);
    await poll(() => memberRow(page, EMAIL).textContent()).toMatch(
      /Fachdienst.*aktiv · Einmalpasswort noch nicht ersetzt.*noch nie/,
    );
    // The password opens the account, which must choose its own first.
    const person = await e2e.browser.newPage();
    await logIn(person, e2e.base, EMAIL, first);
    await poll(() =>
      person.getByRole("heading", { name: "Eigenes Passwort festlegen" }).count(),
    ).toBe(1);
    await person.close();
    await otpBox.getByRole("button", { name: "Passwort notiert – ausblenden" }).click();
    expect(await page.getByTestId("one-time-password").count()).toBe(0);

    // Lesezugriff takes effect at once.
    await page.getByRole("button", { name: `Konto von ${NAME} bearbeiten` }).click();
    const panel = page.getByRole("region", { name: `Konto: ${NAME} (${EMAIL})` });
    await panel.getByLabel("Neue Rolle").selectOption({ label: "Lesezugriff" });
    await panel.getByRole("button", { name: "Rolle ändern" }).click();
    await poll(() => panel.getByRole("status").textContent()).toBe(
      `Die Rolle von ${NAME} ist jetzt „Lesezugriff“.`,
    );
    await poll(() => memberRow(page, EMAIL).textContent()).toMatch(/Lesezugriff/);

    // Sozialplanung is a request; its author cannot confirm it, and reads why.
    await panel.getByLabel("Neue Rolle").selectOption({ label: "Sozialplanung" });
    await panel.getByRole("button", { name: "Rolle ändern" }).click();
    await poll(() => panel.getByRole("status").textContent()).toMatch(
      /Die Rolle „Sozialplanung“ für Erika Beispiel ist angefragt\./,
    );
    await poll(() => memberRow(page, EMAIL).textContent()).toMatch(
      /Lesezugriff · angefragt: Sozialplanung/,
    );
    const requests = page.getByRole("region", { name: "Offene Rollenanfragen" });
    const request = requests.getByRole("row").filter({ hasText: EMAIL });
    await poll(() => request.textContent()).toMatch(/Lesezugriff.*Sozialplanung.*verwaltung@/);
    await request.getByRole("button", { name: `Anfrage für ${EMAIL} bestätigen` }).click();
    const requestsSection = page.locator("section.admin-requests");
    await poll(() => requestsSection.getByRole("alert").textContent()).toMatch(
      /Die eigene Anfrage kann nicht selbst bestätigt werden; das tut eine andere Person der Administration/,
    );
    await request.getByRole("button", { name: `Anfrage für ${EMAIL} zurückziehen` }).click();
    await poll(() => requestsSection.getByText("Keine offenen Anfragen.").count()).toBe(1);
    await poll(() => memberRow(page, EMAIL).textContent()).not.toMatch(/angefragt/);

    // A new one-time password, shown once.
    await panel.getByRole("button", { name: "Passwort zurücksetzen" }).click();
    await poll(() => panel.getByTestId("one-time-password").count()).toBe(1);
    const second = await shownPassword(page);
    expect(second).toMatch(/^\S{10,}$/);
    expect(second).not.toBe(first);

    // Deactivated: the state says so, and the button turns.
    await panel.getByRole("button", { name: "Konto deaktivieren" }).click();
    await poll(() => panel.getByRole("status").textContent()).toBe(
      `Das Konto von ${NAME} ist deaktiviert.`,
    );
    await poll(() => memberRow(page, EMAIL).textContent()).toMatch(/deaktiviert/);
    // The login above is the account's last one, in German.
    expect(await memberRow(page, EMAIL).textContent()).toMatch(/\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);
    expect(await panel.getByRole("button", { name: "Konto wieder freigeben" }).count()).toBe(1);

    // Who did what: the account's entries in the log, dated in German.
    const filters = page.getByRole("form", { name: "Protokoll filtern" });
    await filters.getByLabel("Schlüssel").fill(EMAIL);
    await filters.getByRole("button", { name: "Filtern" }).click();
    const log = page.getByRole("table", { name: "Wer hat was getan: Protokoll" });
    const entries = log.locator("tbody tr");
    await poll(async () => (await entries.allTextContents()).join("\n")).toMatch(
      /geändert.*deaktiviert: nein → ja/,
    );
    const text = (await entries.allTextContents()).join("\n");
    for (const expected of [
      /verwaltung@demo\.sopla\.exampleangelegtKonto: erika.*Rolle: Fachdienst; Name: Erika Beispiel/,
      /geändertMitgliedschaft: erika.*Rolle: Fachdienst → Lesezugriff/,
      /angelegtRollenanfrage: erika.*Rolle: Lesezugriff → Sozialplanung/,
      /gelöschtRollenanfrage: erika/,
      /Passwort zurückgesetztKonto: erika.*Einmalpasswort: ja/,
      /angemeldetSitzung: erika/,
    ]) {
      expect(text).toMatch(expected);
    }
    expect(text).not.toContain(first);
    expect(text).not.toContain(second);
    expect(await entries.first().locator("td, th").first().textContent()).toMatch(
      /^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/,
    );
    await poll(() => page.getByText(/^Einträge 1–\d+ von \d+$/).count()).toBe(1);

    // Wide tables scroll in their own box; the page itself does not.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: "docs/screenshots/verwaltung.png", fullPage: true });
    await page.close();
  });

  it("sets the publisher and the disclosure minimum, refusing a minimum of 0 at its field", async () => {
    const page = await open(ADMIN);
    const settings = page.getByRole("form", { name: "Einstellungen des Arbeitsbereichs" });
    await poll(() => settings.getByLabel("Herausgeber", { exact: true }).count()).toBe(1);
    await settings
      .getByLabel("Herausgeber", { exact: true })
      .fill("Stadt Flensburg, Sozialplanung");
    await settings
      .getByLabel("Anschrift des Herausgebers")
      .fill("Am Pferdewasser 14, 24937 Flensburg");
    await settings.getByLabel("Mindestfallzahl").fill("0");
    await settings.getByRole("button", { name: "Einstellungen speichern" }).click();
    await poll(() => settings.getByText("Nicht gespeichert:").count()).toBe(1);
    expect(await settings.getByRole("listitem").allTextContents()).toEqual([
      expect.stringMatching(/^Mindestfallzahl: /),
    ]);
    expect(await settings.getByLabel("Mindestfallzahl").getAttribute("aria-invalid")).toBe("true");
    await settings.getByLabel("Mindestfallzahl").fill("4");
    await settings.getByRole("button", { name: "Einstellungen speichern" }).click();
    await poll(() => settings.getByRole("status").textContent()).toMatch(/^Gespeichert\./);
    expect(await seriousViolations(page)).toEqual([]);
    await settings.screenshot({ path: "docs/screenshots/verwaltung-settings.png" });
    // The change is in the log, with the values before and after.
    await page.reload();
    const log = page.getByRole("table", { name: /Protokoll/ });
    await poll(() =>
      log.getByRole("row").filter({ hasText: "Mindestfallzahl" }).count(),
    ).toBeGreaterThan(0);
    expect(await settings.getByLabel("Herausgeber", { exact: true }).inputValue()).toBe(
      "Stadt Flensburg, Sozialplanung",
    );
    await page.close();
  });

  it("downloads the catalogue as one file and applies a file all or nothing", async () => {
    const page = await open(ADMIN);
    const section = page.getByRole("region", { name: "Katalog als Datei" });
    await poll(() => section.count()).toBe(1);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      section.getByRole("link", { name: "Katalog herunterladen" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^katalog-.+\.json$/);
    const catalogue = JSON.parse(await readFile(await download.path(), "utf8")) as {
      workspace: { slug: string };
      variables: { code: string; name: string }[];
    };
    expect(catalogue.variables.length).toBeGreaterThan(10);

    // A bad entry refuses the whole file, in German, naming the field.
    const bad = {
      ...catalogue,
      variables: [{ ...catalogue.variables[0]!, name: "" }, ...catalogue.variables.slice(1)],
    };
    await section.getByLabel("Katalogdatei anwenden (.json)").setInputFiles({
      name: "katalog.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(bad)),
    });
    await poll(() => section.getByText("Nicht angewandt, nichts wurde geändert:").count()).toBe(1);
    expect((await section.getByRole("listitem").allTextContents()).join(" ")).toMatch(/Name/);
    // The downloaded file applies as it is and changes nothing of substance.
    await section.getByLabel("Katalogdatei anwenden (.json)").setInputFiles({
      name: "katalog.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(catalogue)),
    });
    await poll(() => section.getByRole("status").textContent()).toMatch(/^Angewandt: /);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it("leads the accommodation staff to Unterkünfte, with only their modules", async () => {
    const page = await open(STAFF);
    await poll(() => page.getByRole("heading", { name: "Unterkünfte", level: 1 }).count()).toBe(1);
    expect(new URL(page.url()).pathname).toBe("/unterkuenfte");
    expect(await navLinks(page)).toEqual([
      "Atlas",
      "Gebiete",
      "Indikatoren",
      "Berichte",
      "Unterkünfte",
    ]);
    // Verwaltung by its address: whom it is for, and the way back to the own start page.
    await page.goto(`${e2e.base}/verwaltung`);
    await poll(() => page.getByRole("status").textContent()).toMatch(
      /^Der Bereich „Verwaltung“ ist für Ihre Rolle „Unterkunftsverwaltung“ nicht vorgesehen\. Er steht diesen Rollen offen: Administration\./,
    );
    expect(await page.getByRole("table").count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("link", { name: "Zur Startseite" }).click();
    await poll(() => new URL(page.url()).pathname).toBe("/unterkuenfte");
    // "/" is the overview of others; it leads the staff home.
    await page.goto(e2e.base);
    await poll(() => new URL(page.url()).pathname).toBe("/unterkuenfte");
    await page.close();
  });
});
