import { z } from "zod";
import { auditPage, auditQuery, publicationBody, publicationDto } from "../../contracts/audit.ts";
import { errorResponses, workspaceQuery } from "../../contracts/common.ts";
import { auditScopeOf } from "../../core/access/audit-scope.ts";
import { getAuditEvents } from "../../services/audit.ts";
import { setPublication } from "../../services/publication.ts";
import { actorOf, members, membershipOf } from "../access.ts";
import type { RouteDeps } from "../route-deps.ts";
import type { ZodApp } from "../zod-app.ts";

const codeParams = z.strictObject({ code: z.string().min(1).max(64) });

export function registerAuditRoutes(app: ZodApp, { ctx }: RouteDeps): void {
  app.get(
    "/api/audit",
    {
      config: { access: members("admin", "planner", "occupancy") },
      schema: {
        tags: ["Protokoll"],
        summary: "Änderungsprotokoll des Arbeitsbereichs (nur lesen, neueste zuerst)",
        description:
          "Jede Änderung mit Zeitpunkt, Person, Objekt und dem Zustand vorher und nachher. Filter nach Objektart (`entity`), Schlüssel (`key`), Person (`actor`), Aktion und Zeitraum (`from` einschließlich, `to` ausschließlich). Ereignisse zu Unterkunftsdaten (Aufenthalte, Haushalte, Personen) sehen nur Sozialplanung und Unterkunftsverwaltung; die Unterkunftsverwaltung sieht nur die Ereignisse der Unterkünfte, die Administration alle übrigen.",
        querystring: auditQuery,
        response: { 200: auditPage, ...errorResponses },
      },
    },
    async (req) => {
      const q = req.query;
      const { workspace, role } = membershipOf(req);
      const scope = auditScopeOf(role);
      if (!scope) throw new Error(`the audit route admitted role ${role}`);
      const page = await getAuditEvents(ctx, {
        workspaceId: workspace.id,
        scope,
        entity: q.entity,
        entityKey: q.key,
        actor: q.actor,
        action: q.action,
        from: q.from === undefined ? undefined : new Date(q.from),
        to: q.to === undefined ? undefined : new Date(q.to),
        limit: q.limit,
        offset: q.offset,
      });
      return { ...page, limit: q.limit, offset: q.offset };
    },
  );

  for (const kind of ["variable", "indicator"] as const) {
    app.put(
      kind === "variable"
        ? "/api/variables/:code/publication"
        : "/api/indicators/:code/publication",
      {
        config: { access: members("planner") },
        schema: {
          tags: ["Veröffentlichung"],
          summary:
            kind === "variable"
              ? "Veröffentlichungsstand eines Merkmals setzen (Entwurf, intern, öffentlich)"
              : "Veröffentlichungsstand eines Indikators setzen (Entwurf, intern, öffentlich)",
          params: codeParams,
          querystring: workspaceQuery,
          body: publicationBody,
          response: { 200: publicationDto, ...errorResponses },
        },
      },
      async (req) =>
        setPublication(
          ctx,
          membershipOf(req).workspace,
          kind,
          req.params.code,
          req.body.publication,
          actorOf(req),
        ),
    );
  }
}
