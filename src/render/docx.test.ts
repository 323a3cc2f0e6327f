import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import JSZip from "jszip";
import { canRun } from "../../test/support/tools.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { convertWithLibreOffice, removeLibreOfficeFiles } from "../../test/support/libreoffice.ts";
import { closeChromium } from "./chromium.ts";
import { renderDocx } from "./docx.ts";
import { sampleDocument, sampleFigure } from "./sample-document.test-support.ts";

const run = promisify(execFile);

let bytes: Uint8Array;
let zip: JSZip;
let documentXml: string;

const part = async (path: string): Promise<string> => {
  const file = zip.file(path);
  if (!file) throw new Error(`${path} fehlt im DOCX`);
  return file.async("string");
};

/** The text of every paragraph with the given style, in order. */
function paragraphsWithStyle(xml: string, style: string): string[] {
  return [...xml.matchAll(/<w:p>(.*?)<\/w:p>/g)]
    .map((m) => m[1] ?? "")
    .filter((p) => p.includes(`<w:pStyle w:val="${style}"/>`))
    .map((p) => [...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""));
}

beforeAll(async () => {
  bytes = await renderDocx(sampleDocument);
  zip = await JSZip.loadAsync(bytes);
  documentXml = await part("word/document.xml");
}, 120_000);

afterAll(async () => {
  await closeChromium();
});

describe.skipIf(!canRun("chromium"))("renderDocx", () => {
  it("writes chapters, sections and subheadings in Word's heading styles", () => {
    expect(paragraphsWithStyle(documentXml, "Heading1")).toEqual(
      sampleDocument.chapters.map((c) => c.title),
    );
    expect(paragraphsWithStyle(documentXml, "Heading2")).toEqual(
      sampleDocument.chapters.flatMap((c) => c.sections.map((s) => s.title)),
    );
    expect(paragraphsWithStyle(documentXml, "Heading3")).toEqual(["Nach Stadtteilen"]);
  });

  it("starts every chapter on a new page after the title page and the contents", () => {
    const chapterHeadings = [
      ...documentXml.matchAll(/<w:p><w:pPr><w:pStyle w:val="Heading1"\/>(.*?)<\/w:pPr>/g),
    ];
    expect(chapterHeadings).toHaveLength(3);
    for (const h of chapterHeadings) expect(h[1]).toContain("<w:pageBreakBefore/>");
    const title = documentXml.indexOf("Sozialbericht 2021");
    const contents = documentXml.indexOf('<w:pStyle w:val="TOCHeading"/><w:pageBreakBefore/>');
    expect(title).toBeGreaterThan(-1);
    expect(contents).toBeGreaterThan(title);
    expect(documentXml).toContain("24.11.2026");
    expect(documentXml).toContain("Entwurf");
  });

  it("has a table of contents field over Heading 1–2 that Word updates on opening", async () => {
    expect(documentXml).toMatch(/<w:instrText[^>]*>TOC \\h \\o &quot;1-2&quot;<\/w:instrText>/);
    expect(await part("word/settings.xml")).toContain("<w:updateFields/>");
  });

  it("writes tables as Word tables with a repeating header row and German numbers", () => {
    const tables = [...documentXml.matchAll(/<w:tbl>(.*?)<\/w:tbl>/g)].map((m) => m[1] ?? "");
    expect(tables).toHaveLength(2);
    for (const t of tables) {
      expect(t).toContain("<w:tblHeader/>");
    }
    const first = tables[0] ?? "";
    expect(first).toContain(">14,5<");
    expect(first).toContain(">−1,2<");
    expect(first).toContain(">Jürgensby<");
    // Numbers and signs are right-aligned, as are their column headers.
    expect(first).toMatch(
      /<w:jc w:val="right"\/><\/w:pPr><w:r><w:t xml:space="preserve">14,5<\/w:t>/,
    );
    expect(first).toMatch(
      /<w:jc w:val="right"\/><\/w:pPr><w:r><w:t xml:space="preserve">\.<\/w:t>/,
    );
    expect(tables[1]).toContain(">1.000<");
  });

  it("captions tables and figures in Word's Caption style with SEQ fields, sources below", () => {
    const captions = paragraphsWithStyle(documentXml, "Caption");
    expect(captions).toEqual([
      "Tabelle 1: SGB-II-Quote nach Stadtteil, 2020 und 2021",
      "Abbildung 1: SGB-II-Quote 2021 in sechs Stadtteilen",
      "Tabelle 2: Einwohner nach statistischem Bezirk, 2021",
    ]);
    expect(documentXml).toContain("SEQ Tabelle");
    expect(documentXml).toContain("SEQ Abbildung");
    expect(paragraphsWithStyle(documentXml, "Quellenangabe")).toContain(
      "Quelle: Stadt Flensburg, Sozialatlas 2022; eigene Berechnung.",
    );
  });

  it("embeds the figure as PNG and SVG with its alt text", () => {
    expect(documentXml).toContain(`descr="${sampleFigure.alt}"`);
    expect(documentXml).toContain("<asvg:svgBlip");
    const media = Object.keys(zip.files).filter((f) => f.startsWith("word/media/"));
    expect(media.some((f) => f.endsWith(".png"))).toBe(true);
    expect(media.some((f) => f.endsWith(".svg"))).toBe(true);
  });

  it("writes lists as real Word lists, bulleted and numbered", async () => {
    expect(documentXml.match(/<w:numPr>/g)?.length).toBe(2 + 2 + 2);
    const numbering = await part("word/numbering.xml");
    expect(numbering).toContain('<w:numFmt w:val="bullet"/>');
    expect(numbering).toContain('<w:numFmt w:val="decimal"/>');
    expect(documentXml).toContain("<w:b/>");
    expect(documentXml).toContain("<w:i/>");
  });

  it("sets German on the styles, the report font and page numbers in the footer", async () => {
    const styles = await part("word/styles.xml");
    expect(styles).toContain('<w:lang w:val="de-DE"/>');
    expect(styles).toContain('w:ascii="Source Sans 3"');
    expect(await part("word/fontTable.xml")).toContain('<w:altName w:val="Calibri"/>');
    const footers = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^word\/footer\d+\.xml$/.test(f))
        .map((f) => part(f)),
    );
    const footer = footers.find((f) => f.includes("NUMPAGES")) ?? "";
    expect(footer).toContain("Seite ");
    expect(footer).toMatch(/PAGE/);
    const headers = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^word\/header\d+\.xml$/.test(f))
        .map((f) => part(f)),
    );
    expect(headers.some((h) => h.includes("Sozialbericht 2021"))).toBe(true);
    expect(documentXml).toContain("Größenordnung");
  });
});

const canConvert = canRun("chromium", "soffice", "pdftotext");
const dirs: string[] = [];

afterAll(async () => {
  await removeLibreOfficeFiles();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!canConvert)("renderDocx in LibreOffice", () => {
  it("opens in LibreOffice and prints every chapter, the table and the figure", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sopla-docx-"));
    dirs.push(dir);
    const file = join(dir, "bericht.docx");
    writeFileSync(file, bytes);
    const pdf = await convertWithLibreOffice(file, "pdf");
    const { stdout: text } = await run("pdftotext", ["-layout", pdf, "-"]);
    for (const chapter of sampleDocument.chapters) expect(text).toContain(chapter.title);
    expect(text).toContain("Tabelle 1: SGB-II-Quote nach Stadtteil");
    expect(text).toContain("Abbildung 1: SGB-II-Quote 2021");
    expect(text).toContain("14,5");
    expect(text).toContain("Jürgensby");
    expect(text).toContain("Datenstand: 24.11.2026");
    // The contents page lists the chapters with page numbers; the footer counts the pages.
    expect(text).toMatch(/Schlüsselergebnisse\.+\s*\d+/);
    expect(text).toMatch(/Seite 2 von \d+/);
    const { stdout: images } = await run("pdfimages", ["-list", pdf]);
    expect(images.split("\n").filter((l) => /^\s*\d+\s+\d+\s+image/.test(l)).length).toBe(1);
  }, 120_000);
});

describe("the DOCX title page's logo", () => {
  it("carries a PNG logo as a picture", async () => {
    const png =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";
    const bytes = await renderDocx({
      ...sampleDocument,
      chapters: [],
      logo: { mediaType: "image/png", base64: png },
    });
    const zip = await JSZip.loadAsync(bytes);
    const media = Object.keys(zip.files).filter((f) => f.startsWith("word/media/"));
    expect(media.length).toBe(1);
    expect(await zip.file("word/document.xml")!.async("string")).toMatch(/descr="Logo: /);
  });
});
