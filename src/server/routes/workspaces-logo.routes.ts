/**
 * A workspace's logo (src/services/workspace-logo.ts): every member reads it (the web app's top
 * bar, reports), its administrators upload or remove it. Served with its own content type,
 * `nosniff`, an ETag, and for SVG a policy that lets it neither run nor load anything.
 */
import { z } from "zod";
import { errorResponses, workspaceQuery } from "../../contracts/common.ts";
import { AppError } from "../../services/app-error.ts";
import {
  MAX_LOGO_BYTES,
  removeWorkspaceLogo,
  setWorkspaceLogo,
  workspaceLogo,
} from "../../services/workspace-logo.ts";
import { ANY_MEMBER, actorOf, members, membershipOf } from "../access.ts";
import type { RouteDeps } from "../route-deps.ts";
import { readUploadForm } from "../upload-form.ts";
import type { ZodApp } from "../zod-app.ts";

/** For an SVG shown on its own: no scripts, no loads, no forms, no plugins. */
export const SVG_CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

const logoDto = z.object({
  mediaType: z.enum(["image/png", "image/svg+xml"]),
  version: z.string().describe("SHA-256 des Logos; ändert sich mit jedem neuen Logo"),
  bytes: z.number().int(),
});

export function registerWorkspaceLogoRoutes(app: ZodApp, { ctx }: RouteDeps): void {
  app.get(
    "/api/workspace/logo",
    {
      config: { access: ANY_MEMBER },
      schema: {
        tags: ["Verwaltung"],
        summary: "Logo des Arbeitsbereichs (PNG oder SVG)",
        description:
          "Kein Logo: 404. `v` (die Version aus GET /api/workspaces) macht die Adresse je Logo eindeutig.",
        querystring: workspaceQuery.extend({ v: z.string().max(64).optional() }),
        response: {
          200: z.unknown().describe("Die Bilddatei (image/png oder image/svg+xml)"),
          304: z.null(),
          ...errorResponses,
        },
      },
    },
    async (req, reply) => {
      const logo = await workspaceLogo(ctx, membershipOf(req).workspace);
      if (!logo) throw new AppError("not_found", "Dieser Arbeitsbereich hat kein Logo.");
      const etag = `"${logo.sha256}"`;
      reply
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "private, max-age=3600")
        .header("etag", etag)
        .header("content-disposition", "inline");
      if (logo.mediaType === "image/svg+xml") {
        reply.header("content-security-policy", SVG_CONTENT_SECURITY_POLICY);
      }
      if (req.headers["if-none-match"] === etag) return reply.code(304).send(null);
      return reply.type(logo.mediaType).send(Buffer.from(logo.content));
    },
  );

  app.put(
    "/api/workspace/logo",
    {
      config: { access: members("admin") },
      schema: {
        tags: ["Verwaltung"],
        summary: "Logo hochladen oder ersetzen (PNG oder SVG, höchstens 200 kB)",
        description:
          "multipart/form-data mit dem Feld `file`. Die Art wird am Inhalt erkannt, nicht am Dateinamen. SVG-Dateien mit Skripten, Ereignis-Attributen, eingebetteten Inhalten, Animationen oder Verweisen nach außen werden abgelehnt (400); dann bleibt das bisherige Logo.",
        consumes: ["multipart/form-data"],
        querystring: workspaceQuery,
        response: { 200: logoDto, ...errorResponses },
      },
    },
    async (req) => {
      const { file } = await readUploadForm(req, {
        fields: [],
        expected: "mit dem Feld „file“ (das Logo)",
        // Read a little more than allowed, so an oversize logo gets the logo's own message.
        maxBytes: Math.min(ctx.limits.maxImportBytes, MAX_LOGO_BYTES * 8),
      });
      const ws = membershipOf(req).workspace;
      const logo = await setWorkspaceLogo(ctx, ws, file.bytes, actorOf(req));
      return { mediaType: logo.mediaType, version: logo.sha256, bytes: logo.content.byteLength };
    },
  );

  app.delete(
    "/api/workspace/logo",
    {
      config: { access: members("admin") },
      schema: {
        tags: ["Verwaltung"],
        summary: "Logo entfernen",
        querystring: workspaceQuery,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      const removed = await removeWorkspaceLogo(ctx, membershipOf(req).workspace, actorOf(req));
      if (!removed) throw new AppError("not_found", "Dieser Arbeitsbereich hat kein Logo.");
      return reply.code(204).send(null);
    },
  );
}
