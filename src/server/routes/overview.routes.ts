/**
 * The public key figures without JavaScript or login (`/kennzahlen`): the published indicators
 * of a workspace for the whole city, after disclosure control, with the data attribution, as
 * plain, accessible German HTML.
 */
import { z } from "zod";
import { formatNumber } from "../../core/format/number.ts";
import { legendLines, markedText, marksUsed, type Marked } from "../../core/marks/value-mark.ts";
import { AppError } from "../../services/app-error.ts";
import { getIndicators } from "../../services/indicators/catalogue-read.ts";
import { computeIndicatorValueSet } from "../../services/indicators/indicator-values.ts";
import { getWorkspaces } from "../../services/workspaces.ts";
import { PUBLIC } from "../access.ts";
import { esc, htmlPage } from "../html.ts";
import type { RouteDeps } from "../route-deps.ts";
import type { ZodApp } from "../zod-app.ts";

const REASONS: Record<string, string> = {
  no_data: "keine Daten",
  withheld_at_source: "von der Quelle nicht veröffentlicht",
  zero_denominator: "Nenner ist null",
  incomplete_coverage: "nicht für alle Teilgebiete vorhanden",
  not_aggregable: "nicht summierbar",
  small_count: "geheim (zu kleine Fallzahl)",
  secondary: "geheim (sekundäre Sperrung)",
};

export function registerOverviewRoutes(app: ZodApp, { ctx }: RouteDeps): void {
  app.get(
    "/kennzahlen",
    {
      config: { access: PUBLIC },
      schema: {
        hide: true,
        querystring: z.strictObject({ workspace: z.string().max(40).optional() }),
      },
    },
    async (req, reply) => {
      const all = await getWorkspaces(ctx);
      const ws = all.find((w) => w.slug === req.query.workspace) ?? all[0];
      const body: string[] = [];
      if (!ws) {
        body.push(
          "<p>Es gibt noch keinen Arbeitsbereich. Legen Sie einen mit <code>sopla catalogue apply</code> an.</p>",
        );
      } else {
        const indicators = await getIndicators(ctx, ws, "public");
        const rows: string[] = [];
        const used: Marked[] = [];
        for (const ind of indicators) {
          // An indicator without data yet shows a dash; any other failure is a real error.
          const set = await computeIndicatorValueSet(ctx, ws, ind.code, {
            disclosure: true,
            audience: "public",
          }).catch((e: unknown) => {
            if (e instanceof AppError) return null;
            throw e;
          });
          const ref = set?.reference;
          const value =
            ref && ref.value !== null
              ? esc(
                  markedText({ ...ref.mark, value: ref.value }, (n) =>
                    formatNumber(n, ind.decimals),
                  ),
                )
              : `<abbr title="${esc(REASONS[ref?.status === "suppressed" ? "small_count" : "no_data"] ?? "")}">${esc(ref?.mark.sign ?? ".")}</abbr>`;
          if (ref) used.push({ ...ref.mark, value: ref.value });
          rows.push(
            `<tr><th scope="row">${esc(ind.name)}</th><td class="num">${value}</td><td>${esc(ind.unit)}</td><td>${esc(set?.period ?? "–")}</td><td>${esc(ind.theme)}</td></tr>`,
          );
        }
        body.push(
          `<h2 id="kennzahlen">Kennzahlen der Gesamtstadt</h2>`,
          `<table aria-labelledby="kennzahlen"><thead><tr><th scope="col">Indikator</th><th scope="col" class="num">Wert</th><th scope="col">Einheit</th><th scope="col">Zeitraum</th><th scope="col">Thema</th></tr></thead><tbody>${rows.join("")}</tbody></table>`,
          `<h2>Zeichenerklärung</h2><ul>${legendLines(new Set([...marksUsed(used), "."]))
            .map((l) => `<li>${esc(l)}</li>`)
            .join("")}</ul>`,
          `<h2>Datenquelle</h2><p>${esc(ws.attribution ?? "")}</p>`,
        );
      }
      const html = htmlPage({
        title: `Sopla – ${ws?.name ?? "Sozialplanung"}`,
        heading: ws?.name ?? "Sopla",
        nav: [
          ["/", "Anmelden"],
          ["/api/docs", "API-Dokumentation"],
          ["/open", "Offene Daten"],
          ["/ogc", "OGC API – Features"],
        ],
        main: body.join("\n"),
      });
      return reply.type("text/html; charset=utf-8").send(html);
    },
  );
}
