/**
 * A report as PDF: the HTML version printed by the report's Chromium on A4, with the report's
 * title as a small running header and "Seite N von M" in the footer, a tagged structure (headings,
 * tables and figures with their text alternatives for screen readers), bookmarks from the
 * headings, the font embedded and all text selectable.
 *
 * Page numbers count the title page: it is page 1 and shows no header or footer, the table of
 * contents is page 2. So the number in the footer, in the table of contents and in the PDF
 * viewer's page box are the same for every page. Header and footer are CSS page-margin boxes of
 * the HTML (`@page { @top-right … }`, see html.ts), so one print gives the whole PDF and the
 * standalone HTML prints the same way from a browser.
 *
 * The table of contents needs the pages the headings land on, which only printing tells. So the
 * report is printed with empty page numbers, the PDF's outline (one bookmark per heading, with
 * its page) says where each chapter and section landed, and the report is printed again with the
 * numbers filled in (written into the page already loaded, not loaded anew). The numbers sit in
 * boxes of fixed width, so filling them in moves nothing; the renderer checks that on the second
 * print and prints once more if it did.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRef,
  PDFString,
  ParseSpeeds,
  type PDFObject,
} from "pdf-lib";
import type { ReportDocument } from "../core/reports/document.ts";
import { reportBrowser } from "./chromium.ts";
import { renderHtml, tocEntries, type TocEntry } from "./html.ts";

/** Prints until the table of contents' numbers agree with where the headings landed. */
const MAX_PRINTS = 4;

/**
 * pdf-lib lets other work run every so many objects while it reads or writes a PDF, each time
 * with a timer (at least a millisecond). Its defaults (every 100 objects when reading, every 50
 * when writing) made waiting for those timers most of the time a report spent in pdf-lib (a
 * 13-page report has about 1,600 objects, 41 area profiles about 8,000); every 1,500 objects
 * still lets a server answer other requests in between.
 */
const OBJECTS_PER_TICK = ParseSpeeds.Fast;
const LOAD = { updateMetadata: false, parseSpeed: OBJECTS_PER_TICK } as const;

export async function renderPdf(doc: ReportDocument): Promise<Uint8Array> {
  const page = await takePage();
  let done = false;
  try {
    const entries = tocEntries(doc);
    let tocPages = new Map<string, number>();
    let body: PDFDocument | null = null;
    // The report is loaded once; a reprint only fills in the contents' page numbers.
    await showHtml(page, renderHtml(doc, { tocPages }));
    for (let print = 1; print <= MAX_PRINTS; print++) {
      if (print > 1) await fillTocPages(page, tocPages);
      // The first print of a report with chapters only tells where the headings land (it
      // shows no page numbers, so it is never the one delivered): it goes without the
      // drawings inside the figures (their boxes keep their size) and backgrounds, which
      // move nothing.
      const final = print > 1 || entries.length === 0;
      await layoutOnly(page, !final);
      const printed = await PDFDocument.load(await printPage(page, final), LOAD);
      const landed = headingPages(printed, entries);
      // This print is right when the numbers it shows are where the headings landed in it
      // (the first print shows none, so only a report without chapters is done after it).
      if (final && sameNumbers(landed, tocPages)) {
        body = printed;
        break;
      }
      tocPages = landed;
    }
    if (body === null) {
      throw new Error(
        "Die Seitenzahlen des Inhaltsverzeichnisses ließen sich nicht festlegen: das PDF ändert sich bei jedem Druck.",
      );
    }
    repairOutline(body, doc);
    mapStructureTypes(body);
    setMetadata(body, doc);
    const bytes = await body.save({ useObjectStreams: false, objectsPerTick: OBJECTS_PER_TICK });
    done = true;
    return bytes;
  } finally {
    await givePage(page, done);
  }
}

/**
 * One browser context for every PDF of the report browser, each report in a page of its own
 * (see `takePage`): opening a context costs about as much as printing a short report. Scripts
 * are off and the context is offline: a report is laid out and printed, nothing runs and
 * nothing is loaded (the font and the figures are inside the HTML). A new browser (after
 * `closeChromium`) gets a new context.
 */
let shared: { readonly browser: Browser; readonly context: Promise<BrowserContext> } | null = null;

async function printContext(): Promise<BrowserContext> {
  const browser = await reportBrowser();
  if (shared === null || shared.browser !== browser || !browser.isConnected()) {
    const context = browser.newContext({ javaScriptEnabled: false, offline: true });
    const mine = { browser, context };
    shared = mine;
    void context.catch(() => {
      if (shared === mine) shared = null;
    });
  }
  return shared.context;
}

/**
 * Pages that finished a report, kept for the next one (at most `IDLE_PAGES`): a new page
 * starts a renderer process, which costs about as much as one print of a short report. A page
 * is only kept after a print that went well, and each report loads its own HTML into it.
 */
const idle: Page[] = [];
const IDLE_PAGES = 2;

async function takePage(): Promise<Page> {
  const context = await printContext();
  for (let page = idle.pop(); page !== undefined; page = idle.pop()) {
    if (!page.isClosed() && page.context() === context) return page;
    await page.close().catch(() => undefined);
  }
  return context.newPage();
}

async function givePage(page: Page, reusable: boolean): Promise<void> {
  const context = shared === null ? null : await shared.context.catch(() => null);
  if (reusable && !page.isClosed() && page.context() === context && idle.length < IDLE_PAGES) {
    idle.push(page);
  } else {
    await page.close().catch(() => undefined);
  }
}

/** Loads the HTML into the page, its embedded font ready. */
async function showHtml(page: Page, html: string): Promise<void> {
  await page.setContent(html, { waitUntil: "load" });
  // The embedded font must be ready before layout is final, or the first print measures
  // with the fallback font and the page numbers shift on the next one.
  await page.evaluate(() => document.fonts.ready.then(() => undefined)).catch(() => undefined);
}

/**
 * Writes the page numbers into the table of contents of the loaded report, as
 * `renderHtml(doc, { tocPages })` would have them (an entry without a number stays empty):
 * cheaper than loading the whole report, its font and figures again.
 */
async function fillTocPages(page: Page, tocPages: ReadonlyMap<string, number>): Promise<void> {
  const numbers: Record<string, string> = {};
  for (const [id, n] of tocPages) numbers[`#${id}`] = String(n);
  await page.evaluate((byHref) => {
    for (const a of Array.from(document.querySelectorAll(".toc a"))) {
      const box = a.querySelector(".toc-seite");
      if (box !== null) box.textContent = byHref[a.getAttribute("href") ?? ""] ?? "";
    }
  }, numbers);
}

/**
 * Hides the drawings of the figures (or shows them again). Their boxes have the drawing's
 * size and proportions set in the HTML, so hiding them changes no page break.
 */
async function layoutOnly(page: Page, on: boolean): Promise<void> {
  await page.evaluate((hide) => {
    const id = "sopla-nur-umbruch";
    document.getElementById(id)?.remove();
    if (hide) {
      const style = document.createElement("style");
      style.id = id;
      style.textContent = ".grafik > svg { visibility: hidden; }";
      document.head.append(style);
    }
  }, on);
}

/**
 * One print of the loaded page: A4 as the page's CSS sets it, tagged, with bookmarks (Chromium
 * writes bookmarks only into a tagged PDF). A print that only tells where the headings land
 * leaves out the backgrounds.
 */
async function printPage(page: Page, final: boolean): Promise<Uint8Array> {
  const pdf = await page.pdf({
    format: "A4",
    preferCSSPageSize: true,
    printBackground: final,
    outline: true,
    tagged: true,
  });
  return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
}

/**
 * The printed page of every chapter and section (page index + 1, the title page counting),
 * from the PDF's outline. The outline lists every heading in document order (also the title
 * and subheadings), so the entries are found in order by their titles; a chapter named like a
 * section elsewhere is still matched to the right one.
 */
function headingPages(pdf: PDFDocument, entries: readonly TocEntry[]): Map<string, number> {
  const pageIndex = new Map<string, number>();
  pdf.getPages().forEach((p, i) => pageIndex.set(p.ref.toString(), i));
  const outline = flattenOutline(pdf);
  const found = new Map<string, number>();
  let next = 0;
  for (const entry of entries) {
    const title = normalise(entry.title);
    const at = outline.findIndex((o, i) => i >= next && plain(o.title, title) === title);
    if (at < 0) continue;
    next = at + 1;
    const ref = outline[at]?.pageRef;
    const index = ref === undefined ? undefined : pageIndex.get(ref);
    if (index !== undefined) found.set(entry.id, index + 1);
  }
  return found;
}

/**
 * The outline title without Chromium's doubling: in some layouts (a heading at the top of a
 * page whose glyphs reach above its line) Chromium writes a bookmark's title twice
 * ("MethodenanhangMethodenanhang"). A title that is a known heading twice over is that heading.
 */
function plain(outlineTitle: string, heading: string): string {
  return heading !== "" && outlineTitle === heading + heading ? heading : outlineTitle;
}

/** Undoes the doubling of bookmark titles (see `plain`), since readers see the bookmarks. */
function repairOutline(pdf: PDFDocument, doc: ReportDocument): void {
  const headings = new Set(
    [
      doc.title,
      "Inhalt",
      ...doc.chapters.flatMap((c) => [
        c.title,
        ...c.sections.flatMap((s) => [
          s.title,
          ...s.nodes.flatMap((n) => (n.kind === "subheading" ? [n.text] : [])),
        ]),
      ]),
    ].map(normalise),
  );
  for (const item of flattenOutline(pdf)) {
    const half = item.title.slice(0, item.title.length / 2);
    if (headings.has(half) && plain(item.title, half) === half) {
      item.dict.set(PDFName.of("Title"), PDFHexString.fromText(half));
    }
  }
}

interface OutlineItem {
  readonly dict: PDFDict;
  readonly title: string;
  /** The destination page's object reference ("12 0 R"), if the item has one. */
  readonly pageRef: string | undefined;
}

/** The outline's items depth-first, i.e. in the order of the headings in the document. */
function flattenOutline(pdf: PDFDocument): OutlineItem[] {
  const items: OutlineItem[] = [];
  const root = pdf.catalog.lookupMaybe(PDFName.of("Outlines"), PDFDict);
  const seen = new Set<PDFDict>();
  const walk = (first: PDFDict | undefined) => {
    for (let item = first; item !== undefined && !seen.has(item);) {
      seen.add(item);
      const title = normalise(text(item.lookup(PDFName.of("Title"))));
      items.push({ dict: item, title, pageRef: dest(item) });
      walk(item.lookupMaybe(PDFName.of("First"), PDFDict));
      item = item.lookupMaybe(PDFName.of("Next"), PDFDict);
    }
  };
  walk(root?.lookupMaybe(PDFName.of("First"), PDFDict));
  return items;
}

/** The page of an outline item: its /Dest, or the /D of its GoTo action (Chromium writes /Dest). */
function dest(item: PDFDict): string | undefined {
  const direct = item.lookup(PDFName.of("Dest"));
  const action = item.lookupMaybe(PDFName.of("A"), PDFDict);
  const target = direct ?? action?.lookup(PDFName.of("D"));
  if (!(target instanceof PDFArray)) return undefined;
  const page = target.get(0);
  return page instanceof PDFRef ? page.toString() : undefined;
}

function text(value: PDFObject | undefined): string {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : "";
}

const normalise = (s: string) => s.replace(/\s+/g, " ").trim();

function sameNumbers(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  return a.size === b.size && [...a].every(([id, n]) => b.get(id) === n);
}

/**
 * Chromium tags bold and italic runs as Strong and Em, types of PDF 2.0 that PDF 1.7 readers
 * (and PDF/UA-1 checkers) do not know; the role map tells them these are spans of text.
 */
function mapStructureTypes(pdf: PDFDocument): void {
  const root = pdf.catalog.lookupMaybe(PDFName.of("StructTreeRoot"), PDFDict);
  if (root === undefined) return;
  const roles = root.lookupMaybe(PDFName.of("RoleMap"), PDFDict) ?? pdf.context.obj({});
  for (const type of ["Strong", "Em"]) {
    if (!roles.has(PDFName.of(type))) roles.set(PDFName.of(type), PDFName.of("Span"));
  }
  root.set(PDFName.of("RoleMap"), roles);
}

function setMetadata(pdf: PDFDocument, doc: ReportDocument): void {
  const now = new Date();
  pdf.setTitle(doc.title, { showInWindowTitleBar: true });
  pdf.setAuthor(doc.publisher);
  if (doc.subtitle !== null) pdf.setSubject(doc.subtitle);
  pdf.setCreator("Sopla");
  pdf.setProducer("Sopla (Chromium, pdf-lib)");
  pdf.setLanguage("de-DE");
  pdf.setCreationDate(now);
  pdf.setModificationDate(now);
}
