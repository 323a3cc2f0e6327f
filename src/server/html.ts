/**
 * The few server-rendered HTML pages (the start page, the OGC API's HTML views) share one
 * accessible frame: German language tag, a skip-free simple layout, visible focus, tables
 * with header cells, and contrast above 4.5:1.
 */

export function esc(s: string): string {
  return s
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

export function htmlPage(page: {
  readonly title: string;
  readonly heading: string;
  /** Links of the header navigation: [href, text]. */
  readonly nav: readonly (readonly [string, string])[];
  /** The main content, already escaped HTML. */
  readonly main: string;
}): string {
  const nav = page.nav.map(([href, text]) => `<a href="${esc(href)}">${esc(text)}</a>`).join("");
  return `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(page.title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1.5rem;color:#1a1a1a;line-height:1.5}
header{border-bottom:2px solid #0b5394;margin-bottom:1rem}
h1{margin:.2rem 0;font-size:1.6rem}
table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}
th,td{border-bottom:1px solid #ccc;padding:.35rem .5rem;text-align:left;vertical-align:top}
thead th{background:#eef3f8}
.num{text-align:right;font-variant-numeric:tabular-nums}
a{color:#0b5394}
a:focus{outline:3px solid #f4b400;outline-offset:2px}
nav a{margin-right:1rem}
.scroll{overflow-x:auto;margin-bottom:1.5rem}
.scroll:focus{outline:3px solid #f4b400;outline-offset:2px}
caption{text-align:left;padding:.35rem 0;color:#333}
</style></head>
<body><header><p>Sopla – Plattform für kommunale Sozialplanung</p><h1>${esc(page.heading)}</h1>
<nav aria-label="Hauptnavigation">${nav}</nav></header>
<main>${page.main}</main></body></html>`;
}

/** A wide table inside a region that scrolls sideways and can be reached with the keyboard. */
export function scrollTable(label: string, table: string): string {
  return `<div class="scroll" role="region" aria-label="${esc(label)}" tabindex="0">${table}</div>`;
}
