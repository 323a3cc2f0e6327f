/**
 * Text in SVG drawings: escaping for XML, the font every report figure names, and an
 * estimate of how wide a text will be. A figure is drawn without a browser, so it cannot
 * measure its labels; the estimate errs on the wide side so that labels keep their room.
 */

/**
 * The fonts of every report figure. Source Sans 3 is the report font (bundled with the
 * application); DejaVu Sans is on nearly every Linux server that prints; the generic family
 * comes last. The names with spaces are quoted because an unquoted family name that contains
 * a number ("Source Sans 3") is not valid CSS, and a browser would drop the whole list.
 */
export const FONT_FAMILY = "'Source Sans 3', 'DejaVu Sans', sans-serif";

/** The font-family attribute for the root element of a figure (quotes already in place). */
export const FONT_ATTRIBUTE = `font-family="${FONT_FAMILY}"`;

/**
 * Characters XML 1.0 does not allow at all (control characters other than tab, line feed
 * and carriage return, lone surrogates, U+FFFE and U+FFFF). An area name read from a file may
 * hold one, and a single such character makes the whole SVG unreadable.
 */
const NOT_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text for an SVG (XML) text node or a double-quoted attribute. */
export function xmlText(text: string): string {
  return text
    .replace(NOT_XML, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

/*
 * Widths of characters in ems, rounded up from DejaVu Sans, the wider of the two fonts: if a
 * label fits in DejaVu Sans it fits in Source Sans 3, which is narrower.
 */
const NARROW = new Set([..."iIjl.,:;'|!() []{}/\\-·`´"]);
const WIDE = new Set([..."mwMWÄÖÜOQGCDHNU%@&—–"]);

/** The estimated width of `text` at `fontSize` user units, on the wide side. */
export function textWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const ch of text) {
    if (NARROW.has(ch)) ems += 0.34;
    else if (WIDE.has(ch)) ems += 0.86;
    else if (ch >= "A" && ch <= "Z") ems += 0.7;
    else if (ch >= "0" && ch <= "9") ems += 0.64;
    else ems += 0.6;
  }
  return ems * fontSize;
}

/** `text`, cut with an ellipsis where it would be wider than `maxWidth`. */
export function fitText(text: string, maxWidth: number, fontSize: number): string {
  if (textWidth(text, fontSize) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 1 && textWidth(`${chars.join("")}…`, fontSize) > maxWidth) chars.pop();
  return `${chars.join("").trimEnd()}…`;
}

/**
 * `text` broken into lines at spaces so that each line fits `maxWidth` where it can (a single
 * word wider than that gets a line of its own and is cut), at most `maxLines` lines; the last
 * line is cut with an ellipsis when text is left over.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, maxLines = 3): string[] {
  const words = text.split(/\s+/).filter((w) => w !== "");
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    const candidate = line === "" ? word : `${line} ${word}`;
    if (line !== "" && textWidth(candidate, fontSize) > maxWidth) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line !== "") lines.push(line);
  if (lines.length > maxLines) {
    // The words left over never fit on the last line (that is why they wrapped), so joining
    // them to it and cutting always ends the last line with the ellipsis.
    const rest = lines.slice(maxLines - 1).join(" ");
    return [...lines.slice(0, maxLines - 1), rest].map((l) => fitText(l, maxWidth, fontSize));
  }
  return lines.map((l) => fitText(l, maxWidth, fontSize));
}
