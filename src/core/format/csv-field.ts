/**
 * One CSV field, for every CSV the product writes (open data, view tables in the browser,
 * social index results): text a spreadsheet would run as a formula is defused, and a field
 * is quoted per RFC 4180 when it needs it. Pure and small, so the web app can use it too.
 */

/** Characters a spreadsheet may read as the start of a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** `text` with a leading apostrophe when a spreadsheet would read it as a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * `field` quoted per RFC 4180 when it contains the separator, a double quote, CR or LF
 * (quotes doubled inside); otherwise unchanged.
 */
export function quoteField(field: string, separator: string): string {
  if (field.includes(separator) || /["\r\n]/.test(field)) {
    return `"${field.replaceAll('"', '""')}"`;
  }
  return field;
}
