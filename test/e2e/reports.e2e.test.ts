/// <reference lib="dom" />
/**
 * The Berichte page in Chromium on the demo: the planner creates a Sozialbericht 2021 and reads
 * its draft in the page (numbered figures and tables, German numbers equal to the API's), drops
 * one key finding and edits another (the draft follows); in the template editor the figure
 * picker inserts a placeholder whose value the live preview shows, a broken placeholder is
 * named with its place (chapter, section, block, line, column; the link goes to the spot) and
 * refused on saving with nothing typed lost, and saving makes version 1; publishing intern
 * makes version 1 of the report, whose PDF and DOCX are downloaded, a second version is
 * compared with it. A council member reads the published report and downloads it, without
 * draft or editor. No serious or critical accessibility violation, no horizontal scrolling at
 * 768 px; the screenshots of the report and the editor are written here.
 */
import { readFile } from "node:fs/promises";
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

const PLANNER = ["planung@demo.sopla.example", "Demo-Planung-2026"] as const;
const VIEWER = ["politik@demo.sopla.example", "Demo-Politik-2026"] as const;
const CODE = "e2e-sozialbericht-2021";
/** The report's own title; its document keeps the template's ("Sozialbericht 2021"). */
const TITLE = "E2E-Sozialbericht 2021";
const DOC_TITLE = "Sozialbericht 2021";
const EDITED = "E2E: Der Anteil Älterer ist deutlich gestiegen.";

async function openReports(
  [email, password]: readonly [string, string],
  width = 1280,
  height = 1000,
): Promise<Page> {
  const page = await e2e.browser.newPage({ viewport: { width, height } });
  await logIn(page, e2e.base, email, password);
  await expect.poll(() => page.getByRole("heading", { name: "Übersicht" }).count()).toBe(1);
  await page.getByRole("link", { name: /^Berichte/ }).click();
  await expect
    .poll(() => page.getByRole("heading", { name: "Berichte", level: 1 }).count())
    .toBe(1);
  return page;
}

/** The planner's report view, with its draft built. */
async function openReport(width = 1280, height = 1000): Promise<Page> {
  const page = await openReports(PLANNER, width, height);
  await page.getByRole("link", { name: TITLE, exact: true }).click();
  await draftShown(page);
  return page;
}

function draft(page: Page) {
  return page.getByRole("article", { name: DOC_TITLE });
}

async function draftShown(page: Page) {
  await expect.poll(() => draft(page).count(), { timeout: 60_000 }).toBe(1);
}

/** A JSON answer of the API, fetched with the page's session. */
async function apiGet<T>(page: Page, path: string): Promise<T> {
  return page.evaluate<T, string>(async (p) => {
    const session = (await (await fetch("/api/session")).json()) as {
      memberships: { workspace: string }[];
    };
    const ws = session.memberships[0]!.workspace;
    const res = await fetch(`${p}${p.includes("?") ? "&" : "?"}workspace=${ws}`);
    return (await res.json()) as T;
  }, path);
}

async function download(page: Page, click: () => Promise<void>) {
  const [file] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), click()]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

async function noHorizontalOverflow(page: Page): Promise<boolean> {
  return page.evaluate(
    () => document.documentElement.scrollWidth <= document.documentElement.clientWidth,
  );
}

const de = (value: number, decimals: number) =>
  new Intl.NumberFormat("de-DE", {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(value);

describe("Berichte", () => {
  it("creates a Sozialbericht 2021 and shows its draft with numbered figures and tables", async () => {
    const page = await openReports(PLANNER);
    const form = page.getByRole("form", { name: "Neuer Bericht" });
    expect(await form.getByLabel("Vorlage").inputValue()).toBe("sozialbericht");
    await form.getByLabel("Zeitraum").fill("2021");
    await form.getByLabel("Kürzel").fill(CODE);
    await form.getByLabel("Titel (optional)").fill(TITLE);
    await form.getByRole("button", { name: "Bericht anlegen" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/berichte/${CODE}`);
    // The report loads after the address changed: wait for its heading.
    await expect.poll(() => page.getByRole("heading", { name: TITLE, level: 2 }).count()).toBe(1);
    // The heading of the opened report has the focus.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(TITLE);
    await draftShown(page);

    const doc = draft(page);
    expect(await doc.getByText(/^Abbildung 1:/).count()).toBe(1);
    expect(await doc.getByText(/^Tabelle 1:/).count()).toBe(1);
    expect(
      await doc.getByRole("img", { name: /^Liniendiagramm: Einwohnerinnen und Einwohner/ }).count(),
    ).toBe(1);
    // Table 1 in German numbers, as the API's draft holds them.
    const api = await apiGet<{
      document: {
        chapters: {
          sections: {
            nodes: {
              kind: string;
              number?: number;
              rows?: { number?: number; decimals?: number; text?: string }[][];
            }[];
          }[];
        }[];
      };
    }>(page, `/api/reports/${CODE}/draft?format=json`);
    const table1 = api.document.chapters
      .flatMap((c) => c.sections.flatMap((s) => s.nodes))
      .find((n) => n.kind === "table" && n.number === 1)!;
    const altstadt = table1.rows!.find((r) => r[0]?.text === "Altstadt")!;
    const population = de(altstadt[1]!.number!, altstadt[1]!.decimals!);
    expect(population).toMatch(/^\d{1,3}\.\d{3}$/);
    const row = doc
      .getByRole("table", { name: /^Tabelle 1: Einwohnerinnen und Einwohner/ })
      .getByRole("row", { name: /^Altstadt/ });
    expect(await row.locator("td").first().textContent()).toBe(population);
    // Chapters and sections are headings below the page's own.
    expect(
      await doc.getByRole("heading", { name: "Bevölkerung und Demografie", level: 4 }).count(),
    ).toBe(1);
    expect(
      await doc.getByRole("heading", { name: "Entwicklung der Einwohnerzahl", level: 5 }).count(),
    ).toBe(1);

    // Sozialräume im Vergleich: the typology's map, the types with their Stadtteile, a table.
    const types = doc.getByRole("heading", { name: "Gebietstypen", level: 5 });
    expect(await types.count()).toBe(1);
    expect(
      await doc.getByRole("img", { name: /^Karte: Gebietstypen \(Stadtteil\) nach / }).count(),
    ).toBe(1);
    expect(
      await doc.getByText(/^ \(\d Gebiete?: .*\): (über|unter|nahe) dem Durchschnitt/).count(),
    ).toBeGreaterThanOrEqual(2);
    expect(await doc.getByRole("table", { name: /^Tabelle \d+: Profile der Typen/ }).count()).toBe(
      1,
    );
    await types.scrollIntoViewIfNeeded();
    const from = (await types.boundingBox())!;
    const to = (await doc.getByText(/^Tabelle \d+: Profile der Typen/).boundingBox())!;
    await page.screenshot({
      path: "docs/screenshots/berichte-typen.png",
      fullPage: true,
      clip: {
        x: 0,
        y: Math.round(from.y + (await page.evaluate(() => window.scrollY)) - 16),
        width: 1280,
        height: Math.round(to.y - from.y + 260),
      },
    });

    expect(await seriousViolations(page)).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    const table = await doc.getByText(/^Tabelle 1:/).boundingBox();
    await page.screenshot({
      path: "docs/screenshots/berichte.png",
      fullPage: true,
      clip: { x: 0, y: 0, width: 1280, height: Math.round(table!.y + 360) },
    });
    await page.close();
  });

  it("drops one key finding and edits another; the draft follows", async () => {
    const page = await openReport();
    const findings = page.getByRole("region", { name: "Schlüsselergebnisse", exact: true });
    const items = findings.getByRole("listitem");
    await expect.poll(() => items.count()).toBeGreaterThan(2);
    const first = items.nth(0);
    const second = items.nth(1);
    const firstText = (await first.locator(".finding-text").textContent())!;
    const secondText = (await second.locator(".finding-text").textContent())!;
    const printed = draft(page).locator(".report-findings li");
    expect(await printed.allTextContents()).toContain(firstText);

    await first.getByRole("button", { name: /^Streichen/ }).click();
    await expect
      .poll(() => findings.getByRole("status").textContent())
      .toMatch(/^Ergebnis 1 gestrichen\./);
    expect(await first.textContent()).toMatch(/gestrichen/);
    await expect.poll(() => printed.allTextContents()).not.toContain(firstText);

    await second.getByRole("button", { name: /^Ändern/ }).click();
    const text = second.getByLabel("Text von Ergebnis 2");
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");
    expect(await text.inputValue()).toBe(secondText);
    await text.fill(EDITED);
    await second.getByRole("button", { name: /^Speichern/ }).click();
    await expect
      .poll(() => findings.getByRole("status").textContent())
      .toMatch(/^Ergebnis 2 geändert\./);
    await expect.poll(() => printed.allTextContents()).toContain(EDITED);
    expect(await printed.allTextContents()).not.toContain(secondText);
    // The focus is back on the finding's "Ändern".
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Ändern/);

    const report = await apiGet<{ decisions: Record<string, unknown> }>(
      page,
      `/api/reports/${CODE}`,
    );
    expect(Object.values(report.decisions)).toEqual(
      expect.arrayContaining([{ drop: true }, { text: EDITED }]),
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it("edits the template: a picked figure in the preview, a broken placeholder with its place, version 1", async () => {
    const page = await openReport(1600, 1000);
    await page.getByRole("link", { name: "Vorlage bearbeiten" }).click();
    await expect
      .poll(() => page.getByRole("heading", { name: "Vorlage „sozialbericht“ bearbeiten" }).count())
      .toBe(1);
    const preview = page.getByRole("region", { name: "Vorschau", exact: true });
    const status = preview.getByRole("status");
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe("Vorschau aktuell.");

    // Section 1.1 is open; its first block is text. Write at its end, then pick a figure.
    const blocks = page.getByRole("region", { name: /^Blöcke von Abschnitt 1\.1/ });
    const markdown = blocks.getByLabel("Block 1: Text (Markdown mit Platzhaltern)");
    await markdown.focus();
    await markdown.press("Control+End");
    await markdown.pressSequentially(" Die SGB-II-Quote der Altstadt beträgt ");
    const picker = blocks.getByRole("group", { name: "Zahl einfügen" }).first();
    await picker.getByLabel("Indikator").selectOption("sgb2_rate");
    await picker.getByLabel("Funktion").selectOption("wert");
    await picker.getByLabel("Gebiet (optional)").selectOption("STGT01");
    expect(await picker.locator("code").textContent()).toBe("{{wert sgb2_rate gebiet=STGT01}}");
    await picker.getByRole("button", { name: "An der Cursorposition einfügen" }).click();
    // The cursor stands after the placeholder: typing goes on there.
    await markdown.pressSequentially(".");
    expect(await markdown.inputValue()).toMatch(
      /Die SGB-II-Quote der Altstadt beträgt \{\{wert sgb2_rate gebiet=STGT01\}\}\.$/,
    );
    const values = await apiGet<{ values: { area: string; value: number }[]; decimals: number }>(
      page,
      "/api/indicators/sgb2_rate/values?level=district&period=2021",
    );
    const altstadt = values.values.find((v) => v.area === "STGT01")!;
    const sentence = `Die SGB-II-Quote der Altstadt beträgt ${de(altstadt.value, values.decimals)} %.`;
    const previewDoc = preview.getByRole("article");
    await expect
      .poll(() => previewDoc.getByText(sentence, { exact: false }).count(), { timeout: 30_000 })
      .toBe(1);

    // A broken placeholder on a second line: the problem with its place, a link to the spot.
    await markdown.press("Control+End");
    await markdown.press("Enter");
    await markdown.pressSequentially("Kaputt: {{rang}}");
    const problems = preview.locator("#preview-problems");
    const place =
      "Kapitel 1 „Schlüsselergebnisse“, Abschnitt 1 „Auf einen Blick“, Block 1, Zeile 2, Spalte 9";
    await expect
      .poll(() => problems.textContent(), { timeout: 30_000 })
      .toContain(`${place}: {{rang}}: „rang“ braucht: Indikator.`);
    expect(await status.textContent()).toBe("Die Vorschau hat 1 Fehler.");
    expect(await previewDoc.count()).toBe(0);
    await markdown.press("Control+Home");
    await problems.getByRole("link", { name: place }).click();
    await expect
      .poll(() =>
        page.evaluate(() => {
          const el = document.activeElement as HTMLTextAreaElement;
          return el.value.slice(el.selectionStart, el.selectionStart + 8);
        }),
      )
      .toBe("{{rang}}");

    // Saving is refused with the place; nothing typed is lost.
    const save = page.getByRole("region", { name: "Speichern", exact: true });
    await save.getByRole("button", { name: "Vorlage speichern" }).click();
    const alert = save.getByRole("alert");
    await expect.poll(() => alert.textContent()).toMatch(/^Nicht gespeichert:/);
    expect(await alert.textContent()).toContain(place);
    expect(await markdown.inputValue()).toMatch(/\nKaputt: \{\{rang\}\}$/);
    expect(await seriousViolations(page)).toEqual([]);

    // Mended, the preview shows the figure again; saving makes version 1.
    await markdown.fill((await markdown.inputValue()).replace(/\nKaputt: \{\{rang\}\}$/, ""));
    await expect
      .poll(() => previewDoc.getByText(sentence, { exact: false }).count(), { timeout: 30_000 })
      .toBe(1);
    await save.getByLabel("Was wurde geändert? (optional)").fill("E2E: SGB-II-Quote der Altstadt");
    await save.getByRole("button", { name: "Vorlage speichern" }).click();
    await expect.poll(() => save.getByRole("status").textContent()).toBe("Version 1 gespeichert.");
    expect(await save.getByRole("alert").count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.evaluate(() => {
      const heading = document.getElementById("blocks-title")!;
      window.scrollTo(0, heading.getBoundingClientRect().top + window.scrollY - 12);
    });
    await expect.poll(() => status.textContent()).toBe("Vorschau aktuell.");
    await page.screenshot({ path: "docs/screenshots/berichte-editor.png" });

    // Saved again without a change: nothing new.
    await save.getByRole("button", { name: "Vorlage speichern" }).click();
    await expect.poll(() => save.getByRole("status").textContent()).toMatch(/^Unverändert/);

    // The report's draft is built with the saved template.
    await page.getByRole("link", { name: `← Zurück zum Bericht „${TITLE}“` }).click();
    await draftShown(page);
    await expect.poll(() => draft(page).getByText(sentence, { exact: false }).count()).toBe(1);
    expect(await page.getByText("Sozialbericht (Version 1)").count()).toBe(1);
    await page.close();
  });

  it("adds a typology and a table in the editor; the preview builds them (nothing saved)", async () => {
    const page = await openReport(1600, 1000);
    await page.getByRole("link", { name: "Vorlage bearbeiten" }).click();
    const preview = page.getByRole("region", { name: "Vorschau", exact: true });
    const status = preview.getByRole("status");
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe("Vorschau aktuell.");
    const blocks = page.getByRole("region", { name: /^Blöcke von Abschnitt 1\.1/ });
    const before = await blocks
      .getByRole("listitem")
      .filter({ has: page.locator("h4") })
      .count();
    await blocks.getByLabel("Anderer Block").selectOption("typology");
    await blocks.getByRole("button", { name: "Block hinzufügen", exact: true }).click();
    const typology = blocks.locator("li.block-typology");
    expect(await typology.count()).toBe(1);
    expect(await typology.getByRole("heading").textContent()).toBe(
      `Block ${before + 1}: Gebietstypen`,
    );
    // Two indicators to start with; neither can go (a typology needs two).
    const chosen = typology.getByRole("group", { name: "Indikatoren" }).getByRole("listitem");
    expect(await chosen.count()).toBe(2);
    expect(
      await typology
        .getByRole("button", { name: / entfernen$/ })
        .first()
        .getAttribute("aria-disabled"),
    ).toBe("true");
    await typology.getByLabel("Indikator", { exact: true }).selectOption("sgb2_rate");
    await typology.getByRole("button", { name: "Indikator hinzufügen" }).click();
    expect(await chosen.count()).toBe(3);
    expect(await chosen.last().textContent()).toContain("SGB-II-Quote");
    await typology.getByLabel("Zahl der Typen").selectOption("3");
    const previewDoc = preview.getByRole("article");
    await expect
      .poll(() => previewDoc.getByText(/in 3 Typen gruppiert \(k-means/).count(), {
        timeout: 30_000,
      })
      .toBe(1);
    expect(
      await previewDoc
        .getByRole("img", { name: /^Karte: Gebietstypen \(Stadtteil\) nach / })
        .count(),
    ).toBeGreaterThanOrEqual(1);

    // A table of the Stadtteile with the change since the year before.
    await blocks.getByLabel("Anderer Block").selectOption("table");
    await blocks.getByRole("button", { name: "Block hinzufügen", exact: true }).click();
    const table = blocks.locator("li.block-table").last();
    await table.getByLabel("Indikator", { exact: true }).selectOption("share_65_plus");
    await table.getByRole("button", { name: "Indikator hinzufügen" }).click();
    await table.getByLabel("Veränderung").selectOption("year_before");
    await table.getByLabel("Beschriftung").fill("E2E-Tabelle aus dem Editor");
    await expect
      .poll(() => previewDoc.getByRole("table", { name: /E2E-Tabelle aus dem Editor/ }).count(), {
        timeout: 30_000,
      })
      .toBe(1);
    await typology.scrollIntoViewIfNeeded();
    await typology.screenshot({ path: "docs/screenshots/berichte-editor-typen.png" });
    const headers = await previewDoc
      .getByRole("table", { name: /E2E-Tabelle aus dem Editor/ })
      .getByRole("columnheader")
      .allTextContents();
    expect(headers.filter((h) => h.startsWith("Veränderung seit"))).toHaveLength(2);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it("publishes intern, downloads the PDF and DOCX, compares two versions", async () => {
    const page = await openReport();
    const publish = page.getByRole("region", { name: "Veröffentlichen", exact: true });
    await publish.getByLabel(/^intern/).check();
    await publish.getByRole("button", { name: "Veröffentlichen …" }).click();
    const dialog = page.getByRole("dialog", { name: "Version 1 als intern veröffentlichen?" });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole("button", { name: "Ja, als intern veröffentlichen" }).click();
    const status = publish.getByRole("status");
    await expect.poll(() => status.textContent()).toMatch(/^Wird als intern veröffentlicht/);
    await expect
      .poll(() => status.textContent(), { timeout: 90_000 })
      .toBe("Version 1 (intern) veröffentlicht.");
    const versions = page.getByRole("table", { name: `Veröffentlichte Versionen von ${TITLE}` });
    await expect.poll(() => versions.getByRole("row").count()).toBe(2);
    expect(await versions.getByRole("row").nth(1).textContent()).toMatch(/^1intern/);

    const pdf = await download(page, () =>
      versions.getByRole("link", { name: "Version 1 als PDF" }).click(),
    );
    expect(pdf.name).toBe(`${CODE}-v1.pdf`);
    expect(pdf.bytes.subarray(0, 4).toString("latin1")).toBe("%PDF");
    const docx = await download(page, () =>
      versions.getByRole("link", { name: "Version 1 als DOCX" }).click(),
    );
    expect(docx.name).toBe(`${CODE}-v1.docx`);
    expect(docx.bytes.subarray(0, 2).toString("latin1")).toBe("PK");

    // The draft's PDF is made on request: the page says so while it is made.
    const draftRegion = page.getByRole("region", {
      name: "Entwurf mit aktuellen Daten",
      exact: true,
    });
    const [draftPdf] = await Promise.all([
      download(page, () => draftRegion.getByRole("link", { name: "Entwurf als PDF" }).click()),
      expect
        .poll(() => draftRegion.getByRole("status").first().textContent())
        .toMatch(/PDF wird erstellt|heruntergeladen/),
    ]);
    expect(draftPdf.bytes.subarray(0, 4).toString("latin1")).toBe("%PDF");

    // Finding 1 kept again, version 2: the comparison names the changed text.
    const findings = page.getByRole("region", { name: "Schlüsselergebnisse", exact: true });
    await findings
      .getByRole("listitem")
      .nth(0)
      .getByRole("button", { name: /^Behalten/ })
      .click();
    await expect
      .poll(() => findings.getByRole("status").textContent())
      .toMatch(/^Ergebnis 1 behalten\./);
    await publish.getByRole("button", { name: "Veröffentlichen …" }).click();
    await page
      .getByRole("dialog", { name: "Version 2 als intern veröffentlichen?" })
      .getByRole("button", { name: "Ja, als intern veröffentlichen" })
      .click();
    await expect
      .poll(() => status.textContent(), { timeout: 90_000 })
      .toBe("Version 2 (intern) veröffentlicht.");
    await expect.poll(() => versions.getByRole("row").count()).toBe(3);
    const compare = page.getByRole("form", { name: "Versionen vergleichen" });
    expect(await compare.getByLabel("Ältere Version").inputValue()).toBe("1");
    expect(await compare.getByLabel("Neuere Version").inputValue()).toBe("2");
    await compare.getByRole("button", { name: "Vergleichen" }).click();
    const changed = page.getByRole("table", { name: "Geänderter Text von Version 1 zu 2" });
    await expect.poll(() => changed.count()).toBe(1);
    expect(await changed.textContent()).toContain("Schlüsselergebnisse › Auf einen Blick");
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it("shows a council member the published report and its files, no draft and no editor", async () => {
    const page = await openReports(VIEWER);
    const list = page.getByRole("table", { name: "Berichte mit ihren veröffentlichten Versionen" });
    const row = list.getByRole("row", { name: new RegExp(`^${TITLE}`) });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toMatch(/Version 2: intern/);
    expect(await row.getByRole("link", { name: TITLE, exact: true }).count()).toBe(0);
    const pdf = await download(page, () =>
      row.getByRole("link", { name: `${TITLE}, Version 1 als PDF` }).click(),
    );
    expect(pdf.bytes.subarray(0, 4).toString("latin1")).toBe("%PDF");
    expect(await page.getByRole("heading", { name: "Neuer Bericht" }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "Vorlage bearbeiten" }).count()).toBe(0);
    expect(await page.getByText(/^Entwurf/).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    // The editor's address shows the list, not the editor.
    await page.goto(`${e2e.base}/berichte/${CODE}/vorlage`);
    await expect.poll(() => list.count()).toBe(1);
    expect(await page.getByRole("heading", { name: /bearbeiten/ }).count()).toBe(0);
    await page.close();
  });

  it("deletes a report never published after a confirmation; a published one offers no deletion", async () => {
    const page = await openReports(PLANNER);
    const form = page.getByRole("form", { name: "Neuer Bericht" });
    await form.getByLabel("Zeitraum").fill("2020");
    await form.getByLabel("Kürzel").fill("e2e-wegwerfen");
    await form.getByLabel("Titel (optional)").fill("E2E-Wegwerfbericht");
    await form.getByRole("button", { name: "Bericht anlegen" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/berichte/e2e-wegwerfen");
    await page.getByRole("button", { name: "Bericht löschen …" }).click();
    const dialog = page.getByRole("dialog", { name: "„E2E-Wegwerfbericht“ löschen?" });
    // Abbrechen changes nothing.
    await dialog.getByRole("button", { name: "Abbrechen" }).click();
    expect(new URL(page.url()).pathname).toBe("/berichte/e2e-wegwerfen");
    await page.getByRole("button", { name: "Bericht löschen …" }).click();
    await dialog.getByRole("button", { name: "Ja, löschen" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/berichte");
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "wurde gelöscht" }).textContent())
      .toBe("Der Bericht „E2E-Wegwerfbericht“ wurde gelöscht.");
    expect(await page.getByRole("link", { name: "E2E-Wegwerfbericht" }).count()).toBe(0);
    // The published report of the tests before has no deletion.
    await page.getByRole("link", { name: TITLE, exact: true }).click();
    await draftShown(page);
    expect(await page.getByRole("button", { name: "Bericht löschen …" }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it("fits a 768 px wide screen without horizontal scrolling", async () => {
    const page = await openReport(768, 1000);
    expect(await noHorizontalOverflow(page)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("link", { name: "Vorlage bearbeiten" }).click();
    const status = page.getByRole("region", { name: "Vorschau", exact: true }).getByRole("status");
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe("Vorschau aktuell.");
    expect(await noHorizontalOverflow(page)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
