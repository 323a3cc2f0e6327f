/**
 * The answers of the open-data endpoints (/open), shaped from the public datasets
 * (open-data.ts): the directory of every workspace's files, the DCAT-AP.de catalogue of one
 * workspace, and the map values of one public indicator as the public receives them.
 * Links point to `base`, the installation's public address.
 */
import {
  DEFAULT_LICENCE,
  type DcatCatalogue,
  type DcatDataset,
} from "../../exports/dcat/dcat-ap-de.ts";
import { roundToDecimals } from "../../exports/open-dataset.ts";
import { AppError } from "../app-error.ts";
import type { ServiceContext } from "../context.ts";
import { computeIndicatorValueSet } from "../indicators/indicator-values.ts";
import { listPublicLayers, type PublicDatasetCache } from "./open-data.ts";
import { getWorkspaces, type Workspace } from "../workspaces.ts";

/** The download addresses of one level's files. */
export function fileLinks(base: string, ws: string, level: string) {
  const root = `${base}/open/${ws}/levels/${encodeURIComponent(level)}/indicators`;
  return {
    csv: `${root}.csv`,
    csvIntl: `${root}.csv?dialect=intl`,
    xlsx: `${root}.xlsx`,
    jsonstat: `${root}.jsonstat.json`,
    geojson: `${root}.geojson`,
  };
}

/** Every workspace with public data: its catalogue, public indicators and files per level. */
export async function openDataDirectory(ctx: ServiceContext, base: string) {
  const out = [];
  for (const ws of await getWorkspaces(ctx)) {
    const layers = await listPublicLayers(ctx, ws);
    if (layers.length === 0) continue;
    out.push({
      workspace: ws.slug,
      name: ws.name,
      attribution: ws.attribution,
      catalogue: {
        turtle: `${base}/open/${ws.slug}/catalog.ttl`,
        jsonld: `${base}/open/${ws.slug}/catalog.jsonld`,
      },
      indicators: layers[0]!.indicators.map((i) => ({ code: i.code, name: i.name })),
      datasets: layers.map((l) => ({
        level: l.level.code,
        name: l.level.name,
        files: fileLinks(base, ws.slug, l.level.code),
      })),
    });
  }
  return { workspaces: out };
}

/**
 * The DCAT-AP.de catalogue of a workspace: one dataset per level with public values, each
 * with its five distributions. Not found while the workspace lacks the municipality key, the
 * publisher or the contact.
 */
export async function dcatCatalogue(
  ctx: ServiceContext,
  datasets: PublicDatasetCache,
  ws: Workspace,
  base: string,
): Promise<{ catalogue: DcatCatalogue; items: DcatDataset[] }> {
  if (!ws.municipalityKey || !ws.contactEmail || !ws.publisher) {
    throw new AppError(
      "not_found",
      "Für diesen Arbeitsbereich ist kein Open-Data-Katalog eingerichtet (Gemeindeschlüssel, Herausgeber und Kontakt fehlen).",
    );
  }
  const catalogue: DcatCatalogue = {
    title: `Offene Sozialdaten – ${ws.name}`,
    description: `Kleinräumige Sozialindikatoren von ${ws.name}, veröffentlicht mit Sopla. Alle Werte haben die Geheimhaltung durchlaufen; gesperrte Werte sind mit „.“ gekennzeichnet.`,
    homepage: ws.homepage ?? `${base}/open`,
    publisher: { name: ws.publisher, url: ws.homepage },
    contactEmail: ws.contactEmail,
    licence: ws.licence ?? DEFAULT_LICENCE,
    ...(ws.dcatContributorId ? { contributorId: ws.dcatContributorId } : {}),
    ...(ws.attribution ? { attributionText: ws.attribution } : {}),
    municipalityKey: ws.municipalityKey,
    baseUrl: `${base}/open/${ws.slug}`,
  };
  const items: DcatDataset[] = [];
  for (const layer of await listPublicLayers(ctx, ws)) {
    const d = await datasets.get(ws, layer.level.code);
    if (d.periods.length === 0 || !d.bbox) continue;
    const links = fileLinks(base, ws.slug, layer.level.code);
    items.push({
      id: `indikatoren-${layer.level.code}`,
      title: `${ws.name}: Sozialindikatoren nach ${layer.level.name}`,
      description: `${d.indicators.length} Indikatoren (${d.indicators
        .map((i) => i.name)
        .join(
          ", ",
        )}) für ${d.areas.length} Gebiete der Ebene „${layer.level.name}“, ${d.periods[0]!.code} bis ${d.periods.at(-1)!.code}.`,
      keywords: ["Sozialplanung", "Sozialraum", "Indikatoren", layer.level.name],
      temporal: { start: d.periods[0]!.start, end: d.periods.at(-1)!.end },
      bbox: d.bbox,
      modified: d.generatedAt.toISOString().slice(0, 10),
      distributions: [
        { url: links.csv, format: "CSV", title: "CSV (deutsch: Semikolon, Dezimalkomma)" },
        { url: links.csvIntl, format: "CSV", title: "CSV (international)" },
        { url: links.xlsx, format: "XLSX", title: "Excel-Arbeitsmappe" },
        { url: links.jsonstat, format: "JSON", title: "JSON-stat 2.0" },
        { url: links.geojson, format: "GEOJSON", title: "GeoJSON (jüngster Zeitraum)" },
      ],
    });
  }
  return { catalogue, items };
}

/**
 * The map values of a public indicator as the public receives them: always after disclosure
 * control, rounded as in every published table; a withheld value says that it is withheld,
 * not why (primary or secondary).
 */
export async function publicValueSet(
  ctx: ServiceContext,
  ws: Workspace,
  code: string,
  q: { readonly period?: string | undefined; readonly level?: string | undefined },
) {
  const set = await computeIndicatorValueSet(ctx, ws, code, {
    period: q.period,
    level: q.level,
    disclosure: true,
    audience: "public",
  });
  const round = (x: number | null) => (x === null ? null : roundToDecimals(x, set.decimals));
  const values = set.values.map((v) => ({
    ...v,
    value: round(v.value),
    change: round(v.change),
    reason: v.status === "suppressed" ? "withheld" : v.reason,
  }));
  const reference = set.reference && { ...set.reference, value: round(set.reference.value) };
  return { ...set, reference, values };
}
