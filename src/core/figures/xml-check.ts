/**
 * A small well-formedness check for the SVG the figures write: tags nest and close, there is
 * one root element, attribute values are quoted, and "<" or "&" never appear unescaped. It is
 * no XML parser (no DTDs, no CDATA, which the figures never write); it exists so that tests,
 * and a report that embeds a figure, can tell at once that a name from the data broke the
 * markup — a browser shows such an SVG as an error, a PDF printer as nothing.
 */

const TOKEN =
  /<!--[\s\S]*?-->|<\/([A-Za-z][\w:.-]*)\s*>|<([A-Za-z][\w:.-]*)((?:\s+[A-Za-z_:][\w:.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)|(<)/g;
const BARE_AMPERSAND = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

/** What is wrong with `xml` as a document, or an empty list. */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  let roots = 0;
  for (const m of xml.matchAll(TOKEN)) {
    const [whole, close, name, attributes, selfClosing, text, stray] = m;
    if (stray !== undefined) {
      problems.push(`unescaped "<" at ${m.index}: ${xml.slice(m.index, m.index + 30)}`);
    } else if (text !== undefined) {
      if (open.length === 0 && text.trim() !== "") problems.push(`text outside the root: ${text}`);
      if (BARE_AMPERSAND.test(text)) problems.push(`unescaped "&" in text: ${text}`);
    } else if (close !== undefined) {
      const top = open.pop();
      if (top !== close) problems.push(`</${close}> closes <${top ?? "nothing"}>`);
    } else if (name !== undefined) {
      if (BARE_AMPERSAND.test(attributes ?? "")) {
        problems.push(`unescaped "&" in the attributes of <${name}>`);
      }
      if (open.length === 0) roots++;
      if (selfClosing !== "/") open.push(name);
    } else if (!whole.startsWith("<!--")) {
      problems.push(`cannot read: ${whole}`);
    }
  }
  if (open.length > 0) problems.push(`not closed: ${open.join(", ")}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}
