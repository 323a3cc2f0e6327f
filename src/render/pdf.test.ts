/**
 * The PDF as a reader gets it, checked with Debian's poppler-utils: the text comes out of the PDF
 * again (so it is selectable and searchable), the pages are A4, the fonts are embedded, and the
 * table of contents points to the pages the chapters are really on.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from "pdf-lib";
import { canRun } from "../../test/support/tools.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeChromium } from "./chromium.ts";
import { renderPdf } from "./pdf.ts";
import { sampleDocument } from "./sample-document.test-support.ts";

let dir = "";
let file = "";
let bytes: Uint8Array = new Uint8Array();

const poppler = (tool: string, ...args: string[]) =>
  execFileSync(`/usr/bin/${tool}`, args, { encoding: "utf8" });

/** The text of one page (1-based), as pdftotext lays it out. */
const pageText = (n: number) =>
  poppler("pdftotext", "-layout", "-f", `${n}`, "-l", `${n}`, file, "-");

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sopla-pdf-"));
  file = join(dir, "bericht.pdf");
  bytes = await renderPdf(sampleDocument);
  writeFileSync(file, bytes);
});

afterAll(async () => {
  await closeChromium();
  if (dir !== "") rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!canRun("chromium", "pdftotext"))("renderPdf", () => {
  it("writes a PDF whose text can be found again, German characters and numbers included", () => {
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    const text = poppler("pdftotext", "-layout", file, "-");
    for (const expected of [
      "Sozialbericht 2021",
      "Beispielbericht für die Prüfung der Ausgaben",
      "Datenstand",
      "24.11.2026",
      "Inhalt",
      "Schlüsselergebnisse",
      "Soziale Lage und Transferleistungen",
      "Methodenanhang",
      "Tabelle 1: SGB-II-Quote nach Stadtteil, 2020 und 2021",
      "Tabelle 2:",
      "Abbildung 1: SGB-II-Quote 2021 in sechs Stadtteilen",
      "Quelle: Stadt Flensburg, Sozialatlas 2022; eigene Berechnung.",
      "14,5",
      "−1,2",
      "3.183",
      "Jürgensby",
      "Größenordnung",
      "Straßen",
      "10,3 %",
    ]) {
      expect(text, expected).toContain(expected);
    }
  });

  it("has A4 pages, the report's metadata and a tagged structure", async () => {
    const info = poppler("pdfinfo", file);
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
    expect(Math.abs(Number(size?.[1]) - 595)).toBeLessThan(1);
    expect(Math.abs(Number(size?.[2]) - 842)).toBeLessThan(1);
    // Every page, the title page (without header and footer) included.
    const sizes = poppler("pdfinfo", "-f", "1", "-l", "1000", file);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(6);
    expect(sizes.match(/size:\s+594\.96 x 841\.92 pts/g)).toHaveLength(pages);
    expect(info).toMatch(/Title:\s+Sozialbericht 2021\n/);
    expect(info).toMatch(/Author:\s+Stadt Flensburg\n/);
    expect(info).toMatch(/Creator:\s+Sopla\n/);
    expect(info).toMatch(/Tagged:\s+yes\n/);
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.catalog.get(PDFName.of("Lang"))?.toString()).toBe("(de-DE)");
  });

  it("embeds every font", () => {
    const lines = poppler("pdffonts", file).trim().split("\n").slice(2);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const columns = line.trim().split(/\s+/);
      // name type… encoding emb sub uni object ID: "emb" is the fifth column from the end.
      expect(columns.at(-5), line).toBe("yes");
      expect(line).toContain("SourceSans3");
    }
  });

  it("prints the title page without header and footer, the others with both", () => {
    const pages = Number(/Pages:\s+(\d+)/.exec(poppler("pdfinfo", file))?.[1]);
    const first = pageText(1);
    expect(first).not.toContain("Seite");
    expect(first.split("Sozialbericht 2021")).toHaveLength(2);
    for (let n = 2; n <= pages; n++) {
      const text = pageText(n);
      expect(text.trimStart().startsWith("Sozialbericht 2021"), `Seite ${n}`).toBe(true);
      expect(text).toContain(`Seite ${n} von ${pages}`);
    }
  });

  it("keeps the title page in the tagged structure", () => {
    // The title page has no header or footer (page-margin rules for the first page); the
    // structure must still find its heading and facts in it.
    const structure = poppler("pdfinfo", "-struct-text", file);
    expect(structure).toMatch(/H1 \(block\)\n\s+NonStruct\n\s+"Sozialbericht 2021"/);
    expect(structure).toContain('"24.11.2026"');
  });

  it("gives each chapter and section the page the reader finds it on", () => {
    const contents = pageText(2);
    expect(contents).toContain("Inhalt");
    const entries = [
      ...sampleDocument.chapters.map((c) => c.title),
      ...sampleDocument.chapters.flatMap((c) => c.sections.map((s) => s.title)),
    ];
    for (const title of entries) {
      const line = contents.split("\n").find((l) => l.trim().startsWith(`${title} `));
      const page = Number(/(\d+)\s*$/.exec(line ?? "")?.[1]);
      expect(page, title).toBeGreaterThanOrEqual(3);
      // The heading is on that page and not on the page before (the contents excepted).
      expect(pageText(page), title).toMatch(new RegExp(`^\\s*${title}\\s*$`, "m"));
      if (page > 3)
        expect(pageText(page - 1), title).not.toMatch(new RegExp(`^\\s*${title}\\s*$`, "m"));
    }
    const methods = contents.split("\n").find((l) => l.includes("Methodenanhang"));
    const n = Number(/(\d+)\s*$/.exec(methods ?? "")?.[1]);
    expect(pageText(n).split("\n").slice(0, 8).join("\n")).toMatch(/^\s*Methodenanhang\s*$/m);
  });

  it("has bookmarks for the headings with their plain titles", async () => {
    const pdf = await PDFDocument.load(bytes);
    const titles: string[] = [];
    const walk = (item: PDFDict | undefined) => {
      for (let i = item; i !== undefined; i = i.lookupMaybe(PDFName.of("Next"), PDFDict)) {
        const title = i.lookup(PDFName.of("Title"));
        if (title instanceof PDFString || title instanceof PDFHexString) {
          titles.push(title.decodeText());
        }
        walk(i.lookupMaybe(PDFName.of("First"), PDFDict));
      }
    };
    walk(
      pdf.catalog.lookup(PDFName.of("Outlines"), PDFDict).lookupMaybe(PDFName.of("First"), PDFDict),
    );
    expect(titles).toEqual([
      "Sozialbericht 2021",
      "Inhalt",
      "Schlüsselergebnisse",
      "Auf einen Blick",
      "Soziale Lage und Transferleistungen",
      "SGB II",
      "Nach Stadtteilen",
      "Wohngeld",
      "Methodenanhang",
      "Einwohner",
    ]);
  });

  it("uses only structure types PDF 1.7 readers know (or maps them)", () => {
    const result = spawnSync("/usr/bin/pdfinfo", ["-struct", file], { encoding: "utf8" });
    expect(result.status).toBe(0);
    expect(result.stderr).not.toContain("Error");
  });
});
