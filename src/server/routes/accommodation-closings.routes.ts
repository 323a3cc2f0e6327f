/**
 * Monatsabschluss and the delivered WoBerichtsG file under /api/accommodation: closed, and
 * reopened with a reason, by the roles that read records (services/accommodation/closings.ts).
 */
import {
  closedVersionDto,
  monthParams,
  reopenBody,
  yearParams,
} from "../../contracts/accommodation.ts";
import { errorResponses, workspaceQuery } from "../../contracts/common.ts";
import {
  closeMonth,
  markDelivered,
  reopenDelivery,
  reopenMonth,
} from "../../services/accommodation/closings.ts";
import { RECORD_ROLES } from "../../core/access/roles.ts";
import { actorOf, members, membershipOf } from "../access.ts";
import type { RouteDeps } from "../route-deps.ts";
import type { ZodApp } from "../zod-app.ts";

export function registerAccommodationClosingRoutes(app: ZodApp, { ctx }: RouteDeps): void {
  app.post(
    "/api/accommodation/months/:month/close",
    {
      config: { access: members(...RECORD_ROLES), expensive: true },
      schema: {
        tags: ["Unterkünfte"],
        summary: "Monat abschließen (Monatsabschluss): die Statistik gilt danach wie gemeldet",
        description:
          "Ein Monat wird nach seinem letzten Tag abgeschlossen, lückenlos nach dem Vormonat. Danach wird jede Änderung, die seine Zahlen ändern würde, abgewiesen (409 `month_closed`), bis er mit Begründung wieder geöffnet wird. Erneut abgeschlossen gilt er als berichtigt („r“). Methode: docs/methods/occupancy.md, Abschnitt 8.",
        params: monthParams,
        querystring: workspaceQuery,
        response: { 201: closedVersionDto, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ws = membershipOf(req).workspace;
      const r = await closeMonth(ctx, ws, req.params.month, actorOf(req));
      return reply.code(201).send(r);
    },
  );

  app.post(
    "/api/accommodation/months/:month/reopen",
    {
      config: { access: members(...RECORD_ROLES) },
      schema: {
        tags: ["Unterkünfte"],
        summary: "Abgeschlossenen Monat mit Begründung wieder öffnen (protokolliert)",
        params: monthParams,
        querystring: workspaceQuery,
        body: reopenBody,
        response: { 200: closedVersionDto, ...errorResponses },
      },
    },
    async (req) =>
      reopenMonth(
        ctx,
        membershipOf(req).workspace,
        req.params.month,
        req.body.reason,
        actorOf(req),
      ),
  );

  app.post(
    "/api/accommodation/federal/:year/deliver",
    {
      config: { access: members(...RECORD_ROLES), expensive: true },
      schema: {
        tags: ["Unterkünfte"],
        summary: "WoBerichtsG-Lieferung eines Jahres als geliefert vermerken",
        description:
          "Die Datensätze und die Zusammenfassung werden so gespeichert, wie sie geliefert wurden; eine Änderung, die sie ändern würde, wird danach abgewiesen (409 `delivery_closed`), bis die Lieferung mit Begründung wieder geöffnet wird.",
        params: yearParams,
        querystring: workspaceQuery,
        response: { 201: closedVersionDto, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ws = membershipOf(req).workspace;
      const r = await markDelivered(ctx, ws, req.params.year, actorOf(req));
      return reply.code(201).send(r);
    },
  );

  app.post(
    "/api/accommodation/federal/:year/reopen",
    {
      config: { access: members(...RECORD_ROLES) },
      schema: {
        tags: ["Unterkünfte"],
        summary: "Gelieferte WoBerichtsG-Datei mit Begründung wieder öffnen (protokolliert)",
        params: yearParams,
        querystring: workspaceQuery,
        body: reopenBody,
        response: { 200: closedVersionDto, ...errorResponses },
      },
    },
    async (req) =>
      reopenDelivery(
        ctx,
        membershipOf(req).workspace,
        req.params.year,
        req.body.reason,
        actorOf(req),
      ),
  );
}
