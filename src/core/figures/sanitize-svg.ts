/**
 * Our own figures, made safe to put inline into an HTML page (the report's web page and PDF,
 * and the app's draft view). They come from our drawing code, but their texts come from
 * imported data, so anything that could run is removed all the same: script elements, event
 * handler attributes and javascript: links (the HTML parser would run a script inside inline
 * SVG). The XML prologue goes, since it is not allowed inside HTML. Ids get a prefix per figure:
 * inline, all figures share the page's id space, and two maps with the same pattern id would
 * otherwise draw each other's hatching. A drawing without a viewBox gets one, so it scales with
 * the column instead of being cut.
 */

/** A start tag, its quoted attribute values allowed to contain ">". */
const START_TAG = /<[a-zA-Z][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>/g;

export function sanitizeSvg(svg: string, idPrefix: string, width: number, height: number): string {
  let out = svg
    .replace(/^\s*<\?xml[^>]*\?>/i, "")
    .replace(/<!DOCTYPE[^>[]*(\[[^\]]*\])?\s*>/gi, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<script\b[\s\S]*?(<\/script\s*>|$)/gi, "")
    .replace(/<foreignObject\b[\s\S]*?(<\/foreignObject\s*>|$)/gi, "")
    .replace(/url\(\s*#([^)\s]+)\s*\)/g, (_m, id: string) => `url(#${idPrefix}${id})`)
    .trim();
  // Attributes are rewritten inside start tags only, so a label in the drawing's text that
  // happens to read like an attribute stays as it is.
  out = out.replace(START_TAG, (tag) =>
    tag
      .replace(/\s+on[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, "")
      .replace(/\s+(?:xlink:)?href\s*=\s*("\s*javascript:[^"]*"|'\s*javascript:[^']*')/gi, "")
      .replace(/(\s)id\s*=\s*(["'])([^"']+)\2/g, (_m, space: string, q: string, id: string) => {
        return `${space}id=${q}${idPrefix}${id}${q}`;
      })
      .replace(
        /(\s(?:xlink:)?href)\s*=\s*(["'])#([^"']+)\2/g,
        (_m, attr: string, q: string, id: string) => `${attr}=${q}#${idPrefix}${id}${q}`,
      ),
  );
  // Without a viewBox a drawing would be cut rather than scaled when the column is narrower.
  const root = /^<svg\b[^>]*>/i.exec(out);
  if (root !== null && !/\sviewBox\s*=/i.test(root[0])) {
    out = out.replace(/^<svg\b/i, `<svg viewBox="0 0 ${width} ${height}"`);
  }
  return out;
}
