import { err, ok, type Result } from "../../core/result.ts";
import { issue, type ImportIssue } from "../../core/data/import-issue.ts";

/** The delimiters `parseCsv` accepts from a caller; `auto` detects one of `; , \t |`. */
export type CsvDelimiterOption = "," | ";" | "\t" | "|" | "auto";

export interface CsvOptions {
  readonly delimiter?: CsvDelimiterOption;
  /**
   * How many leading non-empty rows the delimiter detection ignores, e.g. a title line above
   * the table (the mapping's `skipRows`). Parsing still returns every row.
   */
  readonly detectionStartRow?: number;
}

export interface CsvTable {
  /** The fields of each non-empty row, unquoted and otherwise as written (not trimmed). */
  readonly rows: string[][];
  /** `lines[i]` is the 1-based physical line on which row `i` starts. */
  readonly lines: number[];
  /** The delimiter used. */
  readonly delimiter: string;
  /**
   * False when `auto` found no delimiter that splits the first row; the rows then have a
   * single column, and the mapping layer names the header it saw when a column is missing.
   */
  readonly delimiterDetected: boolean;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Candidates in order of preference on a tie: German files use the semicolon. */
const CANDIDATES = [";", ",", "\t", "|"] as const;

/** How many non-empty rows the delimiter detection looks at. */
const DETECTION_ROWS = 50;

/**
 * Counts, for each of the first rows of `text` (after `startRow` non-empty rows), how often
 * each candidate delimiter occurs outside double quotes. Rows are logical: a quoted newline
 * does not end one.
 */
function sampleDelimiterCounts(text: string, startRow: number): number[][] {
  const codes = CANDIDATES.map((c) => c.charCodeAt(0));
  const samples: number[][] = [];
  let counts = codes.map(() => 0);
  let inQuotes = false;
  let nonBlank = false;
  let seen = 0;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : LF;
    if (c === QUOTE) {
      inQuotes = !inQuotes;
      nonBlank = true;
      continue;
    }
    if (inQuotes && i < n) continue;
    if (c === LF || c === CR) {
      if (nonBlank) {
        if (seen >= startRow) samples.push(counts);
        seen++;
        if (samples.length >= DETECTION_ROWS) break;
      }
      counts = codes.map(() => 0);
      nonBlank = false;
      inQuotes = false;
      continue;
    }
    if (c !== 0x20 && c !== 0x09) nonBlank = true;
    for (let k = 0; k < codes.length; k++) if (c === codes[k]) counts[k]!++;
  }
  return samples;
}

/**
 * Chooses the delimiter whose field count is most consistent over the first rows: it must
 * split the first row, and it scores the share of rows that have its most common count.
 * Ties go to the earlier candidate (`;` before `,`). Returns null when no candidate splits
 * the first row.
 */
export function detectDelimiter(text: string, startRow = 0): string | null {
  const samples = sampleDelimiterCounts(text, startRow);
  const first = samples[0];
  if (!first) return null;
  let best: string | null = null;
  let bestScore = -1;
  CANDIDATES.forEach((candidate, k) => {
    if (first[k] === 0) return;
    const frequency = new Map<number, number>();
    for (const s of samples) frequency.set(s[k]!, (frequency.get(s[k]!) ?? 0) + 1);
    let modeCount = 0;
    let modeHits = 0;
    for (const [count, hits] of frequency) {
      if (hits > modeHits || (hits === modeHits && count > modeCount)) {
        modeCount = count;
        modeHits = hits;
      }
    }
    const score = modeCount === 0 ? 0 : modeHits / samples.length;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  });
  return best;
}

/** Tells whether a parsed row stems from an empty or blank physical line. */
function isBlankRow(row: readonly string[], quoted: boolean): boolean {
  return !quoted && row.length === 1 && row[0]!.trim() === "";
}

/**
 * Parses CSV text (RFC 4180 with lenient edges) into rows of fields. Fields may be quoted with
 * `"`; inside quotes the delimiter and line breaks are data and `""` is one quote. Line breaks
 * are CRLF, LF or CR. Empty and blank lines are skipped, but `lines` keeps the physical line
 * of every row, so messages can point into the file. A quote that opens a field and is never
 * closed is an error (`unclosed_quote`) naming the line where the field starts. Stray quotes
 * inside unquoted fields and text after a closing quote are kept as written.
 */
export function parseCsv(text: string, options: CsvOptions = {}): Result<CsvTable, ImportIssue> {
  const requested = options.delimiter ?? "auto";
  let delimiter: string;
  let delimiterDetected = true;
  if (requested === "auto") {
    const found = detectDelimiter(text, options.detectionStartRow ?? 0);
    delimiterDetected = found !== null;
    delimiter = found ?? ";";
  } else {
    delimiter = requested;
  }
  const d = delimiter.charCodeAt(0);

  const rows: string[][] = [];
  const lines: number[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;

  while (i < n) {
    const rowLine = line;
    const row: string[] = [];
    let anyQuoted = false;
    let endOfRow = false;
    while (!endOfRow) {
      let value: string;
      if (i < n && text.charCodeAt(i) === QUOTE) {
        anyQuoted = true;
        const fieldLine = line;
        i++;
        value = "";
        for (;;) {
          const close = text.indexOf('"', i);
          if (close === -1) {
            return err(
              issue(
                "error",
                "unclosed_quote",
                `Zeile ${fieldLine}: Ein Anführungszeichen öffnet hier ein Feld und wird bis zum Dateiende nicht geschlossen.`,
                { row: fieldLine },
              ),
            );
          }
          for (let k = i; k < close; k++) {
            const c = text.charCodeAt(k);
            if (c === LF) line++;
            else if (c === CR) {
              line++;
              if (k + 1 < close && text.charCodeAt(k + 1) === LF) k++;
            }
          }
          value += text.slice(i, close);
          if (close + 1 < n && text.charCodeAt(close + 1) === QUOTE) {
            value += '"';
            i = close + 2;
          } else {
            i = close + 1;
            break;
          }
        }
        // Text between the closing quote and the delimiter is not RFC 4180; keep it as written.
        const rest = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === d || c === LF || c === CR) break;
          i++;
        }
        if (i > rest) value += text.slice(rest, i);
      } else {
        const start = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === d || c === LF || c === CR) break;
          i++;
        }
        value = text.slice(start, i);
      }
      row.push(value);
      if (i >= n) {
        endOfRow = true;
      } else {
        const c = text.charCodeAt(i);
        i++;
        if (c === d) {
          // A delimiter as the last character still opens an (empty) last field.
          if (i >= n) {
            row.push("");
            endOfRow = true;
          }
        } else {
          if (c === CR && i < n && text.charCodeAt(i) === LF) i++;
          line++;
          endOfRow = true;
        }
      }
    }
    if (!isBlankRow(row, anyQuoted)) {
      rows.push(row);
      lines.push(rowLine);
    }
  }
  return ok({ rows, lines, delimiter, delimiterDetected });
}

/**
 * Counts the fields of every row and returns how many rows have each count, most common
 * first, so a caller can tell a consistent table from a ragged one.
 */
export function countFieldsPerRow(
  rows: readonly (readonly unknown[])[],
): { fields: number; rows: number }[] {
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
  return [...counts]
    .map(([fields, n]) => ({ fields, rows: n }))
    .sort((a, b) => b.rows - a.rows || a.fields - b.fields);
}
