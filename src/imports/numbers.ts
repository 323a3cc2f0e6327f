/** How a source file writes numbers: German files use `,` for decimals and `.` for thousands. */
export interface NumberFormat {
  readonly decimal: "," | ".";
  readonly thousands: "." | "," | " " | "";
}

/** The German default: `1.374,5`. */
export const GERMAN_NUMBERS: NumberFormat = { decimal: ",", thousands: "." };

/**
 * What one table cell says: a number (with a flag when it was written with `%`, the value then
 * stays as written, 53.4 for "53,4 %"), nothing, a statistical symbol, or something invalid
 * with a German reason.
 */
export type NumberParse =
  | { readonly kind: "number"; readonly value: number; readonly percent: boolean }
  | { readonly kind: "empty" }
  | { readonly kind: "symbol"; readonly symbol: string; readonly meaning: "zero" | "withheld" }
  | { readonly kind: "invalid"; readonly reason: string };

/**
 * The symbols of German official statistics tables (DIN 55301 / Statistisches Bundesamt):
 * a dash means exactly zero; `.`, `x`, `/`, `*`, `…` mean the figure is unknown, not
 * meaningful, too uncertain or withheld for confidentiality.
 */
const SYMBOLS: ReadonlyMap<string, "zero" | "withheld"> = new Map([
  ["-", "zero"],
  ["–", "zero"],
  ["—", "zero"],
  [".", "withheld"],
  ["x", "withheld"],
  ["X", "withheld"],
  ["/", "withheld"],
  ["*", "withheld"],
  ["…", "withheld"],
  ["...", "withheld"],
]);

const EMPTY: NumberParse = { kind: "empty" };

/** Builds the invalid outcome with its reason. */
function invalid(reason: string): NumberParse {
  return { kind: "invalid", reason };
}

/** The German name of a thousands separator, for messages. */
function thousandsName(sep: NumberFormat["thousands"]): string {
  switch (sep) {
    case ".":
      return "Tausenderpunkt";
    case ",":
      return "Tausenderkomma";
    case " ":
      return "Tausender-Leerzeichen";
    case "":
      return "Tausendertrennzeichen";
  }
}

/** The German name of a separator character, for messages. */
function charName(c: string): string {
  if (c === ".") return "Punkt";
  if (c === ",") return "Komma";
  if (c === " ") return "Leerzeichen";
  return `Zeichen „${c}“`;
}

/** Tells whether every character of `s` between `from` and `to` is an ASCII digit. */
function allDigits(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/**
 * Parses the digits of an unsigned number (no sign, no percent sign) into a canonical string
 * for `Number`, or returns the German reason it is not a number. Thousands separators must
 * stand between groups of exactly three digits before the decimal separator.
 */
function canonicalDigits(body: string, opts: NumberFormat): string | { reason: string } {
  const { decimal, thousands } = opts;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    const code = c.charCodeAt(0);
    if (code >= 0x30 && code <= 0x39) continue;
    if (c === decimal || (thousands !== "" && c === thousands)) continue;
    if (c === "." || c === "," || c === " ") {
      const dec = decimal === "," ? "Dezimalkomma" : "Dezimalpunkt";
      return { reason: `${charName(c)} ist hier kein gültiges Trennzeichen (${dec} erwartet)` };
    }
    return { reason: `unerwartetes Zeichen „${c}“` };
  }
  const decimalAt = body.indexOf(decimal);
  if (decimalAt !== -1 && body.indexOf(decimal, decimalAt + 1) !== -1) {
    return { reason: `mehr als ein ${decimal === "," ? "Dezimalkomma" : "Dezimalpunkt"}` };
  }
  const intPart = decimalAt === -1 ? body : body.slice(0, decimalAt);
  const fracPart = decimalAt === -1 ? "" : body.slice(decimalAt + 1);
  if (thousands !== "" && fracPart.includes(thousands)) {
    return { reason: `${thousandsName(thousands)} nach dem Dezimaltrennzeichen` };
  }
  if (decimalAt !== -1 && fracPart.length === 0) {
    return { reason: "keine Ziffern nach dem Dezimaltrennzeichen" };
  }
  if (intPart.length === 0 && fracPart.length === 0) return { reason: "keine Ziffern" };
  let digits = intPart;
  if (thousands !== "" && intPart.includes(thousands)) {
    const groups = intPart.split(thousands);
    const head = groups[0]!;
    const wellFormed =
      head.length >= 1 &&
      head.length <= 3 &&
      allDigits(head, 0, head.length) &&
      groups.slice(1).every((g) => g.length === 3 && allDigits(g, 0, 3));
    if (!wellFormed) return { reason: `${thousandsName(thousands)} an falscher Stelle` };
    digits = groups.join("");
  }
  return `${digits === "" ? "0" : digits}${fracPart === "" ? "" : `.${fracPart}`}`;
}

/**
 * Parses one table cell written as text. Leading and trailing whitespace (also non-breaking
 * spaces) is ignored; a sign (`+`, `-` or the Unicode minus `−`) may lead; a trailing `%`
 * sets the percent flag and leaves the value as written. Thousands separators are accepted
 * only between groups of three digits, so "1.3066" and "1.64" are invalid with German options
 * instead of being guessed. The symbols of official statistics tables stand for zero (dashes)
 * or a withheld value (`.`, `x`, `/`, `*`, `…`). Anything else, such as "857°" or "12abc", is
 * invalid with a German reason; there is no lenient prefix parsing.
 */
export function parseNumber(raw: string, opts: NumberFormat): NumberParse {
  // Fast path for the most common cell, plain digits: a million cells per file are normal.
  if (raw.length > 0 && raw.length <= 15 && allDigits(raw, 0, raw.length)) {
    return { kind: "number", value: Number(raw), percent: false };
  }
  let s = raw.replace(/[\u00a0\u202f\u2007]/g, " ").trim();
  if (s === "") return EMPTY;
  const meaning = SYMBOLS.get(s);
  if (meaning) return { kind: "symbol", symbol: s, meaning };

  let percent = false;
  if (s.endsWith("%")) {
    percent = true;
    s = s.slice(0, -1).trimEnd();
  }
  let negative = false;
  const first = s[0];
  if (first === "-" || first === "−" || first === "+") {
    negative = first !== "+";
    s = s.slice(1).trimStart();
  }
  if (s === "") return invalid("keine Ziffern");
  const digits = canonicalDigits(s, opts);
  if (typeof digits !== "string") return invalid(digits.reason);
  const value = Number(digits);
  if (!Number.isFinite(value)) return invalid("Zahl zu groß");
  return { kind: "number", value: negative && value !== 0 ? -value : value, percent };
}

/**
 * Parses a cell that may already be typed: numbers from a spreadsheet are taken as they are
 * (non-finite numbers are invalid), `null` is empty, and text goes through `parseNumber`.
 */
export function parseCell(cell: string | number | null, opts: NumberFormat): NumberParse {
  if (cell === null) return EMPTY;
  if (typeof cell === "number") {
    return Number.isFinite(cell)
      ? { kind: "number", value: cell, percent: false }
      : invalid("keine endliche Zahl");
  }
  return parseNumber(cell, opts);
}

/**
 * Writes a non-negative finite number in plain decimal notation with the shortest digits that
 * read back as the same number (`1e21` → "1000000000000000000000", `5e-7` → "0.0000005").
 */
function plainDecimal(abs: number): string {
  const shortest = String(abs);
  const e = shortest.indexOf("e");
  if (e === -1) return shortest;
  const exponent = Number(shortest.slice(e + 1));
  const mantissa = shortest.slice(0, e);
  const dot = mantissa.indexOf(".");
  const digits = mantissa.replace(".", "");
  const pointAt = (dot === -1 ? mantissa.length : dot) + exponent;
  if (pointAt <= 0) return `0.${"0".repeat(-pointAt)}${digits}`;
  if (pointAt >= digits.length) return digits + "0".repeat(pointAt - digits.length);
  return `${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}

/**
 * Writes a finite number the way a German spreadsheet would (`-1.234.567,891`), with the
 * given separators and all the digits needed to read it back exactly; used by tests and
 * messages, never for storage.
 */
export function formatNumber(value: number, opts: NumberFormat = GERMAN_NUMBERS): string {
  const abs = Math.abs(value);
  const [int = "0", frac = ""] = plainDecimal(abs).split(".");
  let grouped = int;
  if (opts.thousands !== "") {
    const parts: string[] = [];
    for (let end = int.length; end > 0; end -= 3) {
      parts.unshift(int.slice(Math.max(0, end - 3), end));
    }
    grouped = parts.join(opts.thousands);
  }
  return `${value < 0 ? "-" : ""}${grouped}${frac ? opts.decimal + frac : ""}`;
}
