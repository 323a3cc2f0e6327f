/**
 * The start page until the web app arrives: the workspace's key figures for the city, the
 * import history and the data attribution, as plain, accessible German HTML.
 */
import { z } from "zod";
import { AppError } from "../../services/app-error.ts";
import { getImportRuns } from "../../services/import-history.ts";
import { getIndicators } from "../../services/catalogue-read.ts";
import { computeIndicatorValueSet } from "../../services/indicator-values.ts";
import { getWorkspaces } from "../../services/workspaces.ts";
import type { RouteDeps } from "../app.ts";
import type { ZodApp } from "../zod-app.ts";

function esc(s: string): string {
  return s
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

const REASONS: Record<string, string> = {
  no_data: "keine Daten",
  withheld_at_source: "von der Quelle nicht veröffentlicht",
  zero_denominator: "Nenner ist null",
  incomplete_coverage: "nicht für alle Teilgebiete vorhanden",
  not_aggregable: "nicht summierbar",
  small_count: "geheim (zu kleine Fallzahl)",
  secondary: "geheim (sekundäre Sperrung)",
};

const STATUS = { committed: "übernommen", rejected: "abgelehnt", checked: "geprüft" } as const;

export function registerHomeRoutes(app: ZodApp, { ctx }: RouteDeps): void {
  app.get(
    "/",
    { schema: { hide: true, querystring: z.object({ workspace: z.string().max(40).optional() }) } },
    async (req, reply) => {
      const all = await getWorkspaces(ctx);
      const ws = all.find((w) => w.slug === req.query.workspace) ?? all[0];
      const body: string[] = [];
      if (!ws) {
        body.push(
          "<p>Es gibt noch keinen Arbeitsbereich. Legen Sie einen mit <code>sopla catalogue apply</code> an.</p>",
        );
      } else {
        const indicators = await getIndicators(ctx, ws);
        const rows: string[] = [];
        for (const ind of indicators) {
          // An indicator without data yet shows a dash; any other failure is a real error.
          const set = await computeIndicatorValueSet(ctx, ws, ind.code, {
            disclosure: true,
          }).catch((e: unknown) => {
            if (e instanceof AppError) return null;
            throw e;
          });
          const ref = set?.reference;
          const nf = new Intl.NumberFormat("de-DE", {
            minimumFractionDigits: ind.decimals,
            maximumFractionDigits: ind.decimals,
          });
          const value =
            ref && ref.value !== null
              ? nf.format(ref.value)
              : `<abbr title="${esc(REASONS[ref?.status === "suppressed" ? "small_count" : "no_data"] ?? "")}">–</abbr>`;
          rows.push(
            `<tr><th scope="row">${esc(ind.name)}</th><td class="num">${value}</td><td>${esc(ind.unit)}</td><td>${esc(set?.period ?? "–")}</td><td>${esc(ind.theme)}</td></tr>`,
          );
        }
        const runs = (await getImportRuns(ctx, ws)).slice(0, 20);
        const date = new Intl.DateTimeFormat("de-DE", {
          dateStyle: "medium",
          timeStyle: "short",
          timeZone: "Europe/Berlin",
        });
        body.push(
          `<h2 id="kennzahlen">Kennzahlen der Gesamtstadt</h2>`,
          `<table aria-labelledby="kennzahlen"><thead><tr><th scope="col">Indikator</th><th scope="col" class="num">Wert</th><th scope="col">Einheit</th><th scope="col">Zeitraum</th><th scope="col">Thema</th></tr></thead><tbody>${rows.join("")}</tbody></table>`,
          `<h2 id="importe">Importverlauf</h2>`,
          `<table aria-labelledby="importe"><thead><tr><th scope="col">Nr.</th><th scope="col">Import</th><th scope="col">Status</th><th scope="col" class="num">Fehler</th><th scope="col" class="num">Warnungen</th><th scope="col">Zeitpunkt</th></tr></thead><tbody>${runs
            .map((r) => {
              const s = r.summary;
              return `<tr><td class="num"><a href="/api/imports/${r.id}?workspace=${esc(ws.slug)}">${r.id}</a></td><td>${esc(r.label)}</td><td>${STATUS[r.status]}</td><td class="num">${Number(s["errors"] ?? 0)}</td><td class="num">${Number(s["warnings"] ?? 0)}</td><td>${date.format(new Date(r.finishedAt))}</td></tr>`;
            })
            .join("")}</tbody></table>`,
          `<h2>Datenquelle</h2><p>${esc(ws.attribution ?? "")}</p>`,
        );
      }
      const html = `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sopla – ${esc(ws?.name ?? "Sozialplanung")}</title>
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
</style></head>
<body><header><p>Sopla – Plattform für kommunale Sozialplanung</p><h1>${esc(ws?.name ?? "Sopla")}</h1>
<nav aria-label="Hauptnavigation"><a href="/api/docs">API-Dokumentation</a><a href="/api/indicators${ws ? `?workspace=${esc(ws.slug)}` : ""}">Indikatoren (JSON)</a><a href="/api/areas?format=geojson${ws ? `&amp;workspace=${esc(ws.slug)}` : ""}">Gebiete (GeoJSON)</a></nav></header>
<main>${body.join("\n")}</main></body></html>`;
      return reply.type("text/html; charset=utf-8").send(html);
    },
  );
}
