/**
 * How the page prints a built report and reads the API's answers about it: table cells in
 * German number format (the report is a German document, whatever the interface language),
 * the problems of a refused build with their
 * places, the place of a problem as chapter, section, block, line and column (to jump to it in
 * the editor), and the file name a download is offered under.
 */
import type { Cell } from "@core/reports/document.ts";
import { ApiError } from "../../lib/api.ts";
import { formatNumber } from "../../lib/format.ts";
import type { ReportProblem } from "./reports-api.ts";

/** A report is written in German: its numbers read "1.234,5" in either interface language. */
export const DOCUMENT_LOCALE = "de-DE";

/** A cell as the report prints it: German number with a real minus sign, a sign, a text. */
export function cellText(cell: Cell | undefined): string {
  if (cell === undefined) return "";
  if ("number" in cell) {
    return formatNumber(DOCUMENT_LOCALE, cell.number, cell.decimals);
  }
  if ("sign" in cell) return cell.sign;
  return cell.text;
}

/** Numbers and signs are right-aligned, texts are not. */
export const isNumericCell = (cell: Cell | undefined): boolean =>
  cell !== undefined && !("text" in cell);

/** The names of the parts of a template path, for problems the request check found. */
export interface PathWords {
  readonly chapter: string;
  readonly section: string;
  readonly block: string;
  readonly template: string;
}

/**
 * A request check's path ("template.chapters.0.sections.1.blocks.2.markdown") in words:
 * "Kapitel 1, Abschnitt 2, Block 3 (markdown)".
 */
export function pathPlace(path: string, words: PathWords): string {
  const parts = path.split(".").filter((p) => p !== "" && p !== "template");
  const out: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const name = parts[i]!;
    const index = parts[i + 1];
    const word =
      name === "chapters"
        ? words.chapter
        : name === "sections"
          ? words.section
          : name === "blocks"
            ? words.block
            : null;
    if (word !== null && index !== undefined && /^\d+$/.test(index)) {
      out.push(`${word} ${Number(index) + 1}`);
      i++;
    } else {
      rest.push(name);
    }
  }
  const head = out.length > 0 ? out.join(", ") : words.template;
  return rest.length > 0 ? `${head} (${rest.join(".")})` : head;
}

/**
 * Every problem an error names, each with its place: a refused build or template
 * (`details.problems` as {place, message}, or as "place: message" strings), a request the
 * server could not validate (`details.issues`), else the message alone.
 */
export function reportProblemsOf(error: unknown, words: PathWords): ReportProblem[] {
  if (!(error instanceof ApiError)) {
    return [{ place: "", message: error instanceof Error ? error.message : String(error) }];
  }
  const details = error.details as
    | { problems?: unknown; issues?: { path?: unknown; field?: unknown; message?: unknown }[] }
    | undefined;
  if (Array.isArray(details?.problems) && details.problems.length > 0) {
    return details.problems.map((p: unknown) => {
      if (typeof p === "object" && p !== null && "message" in p) {
        const o = p as { place?: unknown; message: unknown };
        return { place: typeof o.place === "string" ? o.place : "", message: String(o.message) };
      }
      return { place: "", message: String(p) };
    });
  }
  if (Array.isArray(details?.issues) && details.issues.length > 0) {
    // The server's sentence names the field and its place already ("Kapitelüberschrift
    // (Kapitel 1): darf nicht leer sein"); older answers without `field` get the place here.
    return details.issues.map((i) => ({
      place:
        typeof i.field !== "string" && typeof i.path === "string" && i.path !== ""
          ? pathPlace(i.path, words)
          : "",
      message: String(i.message),
    }));
  }
  return [{ place: "", message: error.message }];
}

/** Where a problem sits in the template (all counted from 0; line and column from 1). */
export interface ProblemPlace {
  readonly chapter: number;
  readonly section: number;
  readonly block: number;
  readonly line: number | null;
  readonly column: number | null;
}

const PLACE =
  /^Kapitel (\d+)(?: „[^“]*“)?, Abschnitt (\d+)(?: „[^“]*“)?, Block (\d+)(?:, Zeile (\d+), Spalte (\d+))?/;

/**
 * The place of a server problem ("Kapitel 1 „…“, Abschnitt 2 „…“, Block 3, Zeile 4, Spalte 8")
 * as numbers; null for a place that is no block (the title, the period) or not read.
 */
export function problemPlace(place: string): ProblemPlace | null {
  const m = PLACE.exec(place);
  if (!m) return null;
  return {
    chapter: Number(m[1]) - 1,
    section: Number(m[2]) - 1,
    block: Number(m[3]) - 1,
    line: m[4] === undefined ? null : Number(m[4]),
    column: m[5] === undefined ? null : Number(m[5]),
  };
}

/** The file name of a `content-disposition` header, else the fallback. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (disposition === null) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="([^"]+)"/i.exec(disposition) ?? /filename=([^;]+)/i.exec(disposition);
  return plain ? plain[1]!.trim() : fallback;
}

/** A number with its unit ("10,3 %", "−0,6 Pp."), as the report's own HTML keeps them. */
const NUMBER_WITH_UNIT = /[−+±]?\d[\d.]*(?:,\d+)? (?:%|Pp\.)/g;

/**
 * A text in runs, the numbers with their unit marked so they never split over two lines. The
 * text stays as written (an ordinary space), so searching the page for "10,3 %" finds it.
 */
export function unitRuns(text: string): { readonly text: string; readonly keep: boolean }[] {
  const out: { text: string; keep: boolean }[] = [];
  let at = 0;
  for (const m of text.matchAll(NUMBER_WITH_UNIT)) {
    if (m.index > at) out.push({ text: text.slice(at, m.index), keep: false });
    out.push({ text: m[0], keep: true });
    at = m.index + m[0].length;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at), keep: false });
  return out;
}
