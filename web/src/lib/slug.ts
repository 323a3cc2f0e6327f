/**
 * A code from words ("Sozialbericht 2021" → "sozialbericht-2021"): accents dropped, "ß" as
 * "ss", lower case, every run of other characters one "-", none at either end, at most
 * `maxLength` characters (each caller passes the limit its API takes).
 */
export function slug(text: string, maxLength: number): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ß/g, "ss")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, maxLength);
}
