/**
 * The HTML side of OGC API – Features (`f=html`): accessible German pages for the landing
 * page, the conformance classes, the collections and their areas with the values and marks.
 * The documents themselves come from services/open-data-ogc.ts.
 */
import type { FastifyReply } from "fastify";
import { datasetLegend } from "../../exports/open-dataset.ts";
import type { OpenFeature } from "../../exports/geojson/build-geojson.ts";
import type { PublicDataset } from "../../services/open-data/open-data.ts";
import type { OgcLink } from "../../services/open-data/open-data-ogc.ts";
import { esc, htmlPage, scrollTable } from "../html.ts";

/** Sends one page of the API as HTML, with the API's navigation. */
export function sendOgcHtml(reply: FastifyReply, title: string, main: string) {
  return reply.type("text/html; charset=utf-8").send(
    htmlPage({
      title: `${title} – OGC API – Features – Sopla`,
      heading: title,
      nav: [
        ["/ogc?f=html", "Startseite der Schnittstelle"],
        ["/ogc/collections?f=html", "Sammlungen"],
        ["/ogc/conformance?f=html", "Konformität"],
        ["/open", "Offene Daten"],
      ],
      main,
    }),
  );
}

/** The landing page: its description and every link but the page itself. */
export function landingHtml(doc: { description: string; links: readonly OgcLink[] }): string {
  return `<p>${esc(doc.description)}</p><ul>${doc.links
    .filter((l) => l.rel !== "self")
    .map((l) => `<li><a href="${esc(l.href)}">${esc(l.title)}</a> (${esc(l.type)})</li>`)
    .join("")}</ul>`;
}

export function conformanceHtml(conformsTo: readonly string[]): string {
  return `<ul>${conformsTo.map((c) => `<li><code>${esc(c)}</code></li>`).join("")}</ul>`;
}

export function collectionsHtml(
  root: string,
  collections: readonly { id: string; title: string }[],
): string {
  return `<table><caption>Sammlungen (Kommune und Gebietsebene)</caption><thead><tr><th scope="col">Kennung</th><th scope="col">Titel</th><th scope="col">Gebiete</th></tr></thead><tbody>${collections
    .map(
      (c) =>
        `<tr><td><a href="${esc(`${root}/collections/${c.id}?f=html`)}">${esc(c.id)}</a></td><td>${esc(c.title)}</td><td><a href="${esc(`${root}/collections/${c.id}/items?f=html`)}">Gebiete anzeigen</a></td></tr>`,
    )
    .join("")}</tbody></table>`;
}

export function collectionHtml(root: string, doc: { id: string; description: string }): string {
  return `<p>${esc(doc.description)}</p><p><a href="${esc(`${root}/collections/${doc.id}/items?f=html`)}">Gebiete anzeigen</a></p>`;
}

/** Areas with their values and marks, the legend of the marks, and links to the next pages. */
export function itemsTable(
  d: PublicDataset,
  features: readonly OpenFeature[],
  links: readonly { href: string; rel: string; title: string }[],
): string {
  const nf = new Map(
    d.indicators.map((i) => [
      i.code,
      new Intl.NumberFormat("de-DE", {
        minimumFractionDigits: i.decimals,
        maximumFractionDigits: i.decimals,
      }),
    ]),
  );
  const head = d.indicators
    .map((i) => `<th scope="col" class="num">${esc(i.name)} (${esc(i.unit)})</th>`)
    .join("");
  const rows = features
    .map((f) => {
      const props = f.properties as Record<string, unknown>;
      const cells = d.indicators
        .map((i) => {
          const v = props[i.code];
          const sign = props[`${i.code}_zeichen`];
          const marks = typeof sign === "string" ? sign : "";
          const text =
            typeof v === "number"
              ? `${nf.get(i.code)!.format(v)}${marks ? ` ${esc(marks)}` : ""}`
              : esc(marks || ".");
          return `<td class="num">${text}</td>`;
        })
        .join("");
      return `<tr><th scope="row">${esc(String(props["name"]))} <small>(${esc(String(props["code"]))})</small></th>${cells}</tr>`;
    })
    .join("");
  const nav = links
    .filter((l) => l.rel === "next" || l.rel === "prev")
    .map(
      (l) =>
        `<a href="${esc(l.href.replace(/([?&])f=[^&]*&?/, "$1") + "&f=html")}">${esc(l.title)}</a>`,
    )
    .join(" ");
  const legend = datasetLegend(d)
    .map((l) => `<li>${esc(l)}</li>`)
    .join("");
  return `<p>Werte nach Geheimhaltung.</p><h2>Zeichenerklärung</h2><ul>${legend}</ul>${scrollTable(
    "Gebiete und Werte (seitlich verschiebbar)",
    `<table><thead><tr><th scope="col">Gebiet</th>${head}</tr></thead><tbody>${rows}</tbody></table>`,
  )}<p>${nav}</p><p>${esc(d.workspace.attribution ?? "")}</p>`;
}
