/**
 * The web app: the built files of web/ (dist/web) — hashed assets with a long cache, and
 * index.html for every other path so the browser's router can take over. The files are
 * public; everything they show comes from the API, which asks for a login.
 */
import { readFile } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { notFound } from "../../services/app-error.ts";
import { PUBLIC } from "../access.ts";
import type { RouteDeps } from "../route-deps.ts";
import { htmlPage } from "../html.ts";
import type { ZodApp } from "../zod-app.ts";

/** Where `npm run build` puts the web app. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL("../../../dist/web", import.meta.url));

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};

/** Paths that belong to the server; an unknown one there is a 404, not the web app. */
const SERVER_PREFIXES = ["/api/", "/api", "/open", "/ogc"];

export function registerWebRoutes(app: ZodApp, deps: RouteDeps): void {
  const root = resolve(deps.webRoot);
  let index: Promise<string> | null = null;
  const indexHtml = () => (index ??= readFile(join(root, "index.html"), "utf8"));

  app.get(
    "/assets/*",
    {
      config: { access: PUBLIC },
      schema: { hide: true, querystring: z.strictObject({}) },
    },
    async (req, reply) => {
      const rest = (req.params as { "*": string })["*"];
      const file = resolve(root, "assets", rest);
      if (!file.startsWith(join(root, "assets") + sep)) throw notFound("Datei", rest);
      const type = TYPES[extname(file)];
      if (!type) throw notFound("Datei", rest);
      let body: Buffer;
      try {
        body = await readFile(file);
      } catch {
        throw notFound("Datei", rest);
      }
      // File names carry a content hash: a changed file has a new name.
      reply.header("cache-control", "public, max-age=31536000, immutable");
      return reply.type(type).send(body);
    },
  );

  app.get(
    "/*",
    {
      config: { access: PUBLIC },
      schema: { hide: true },
    },
    async (req, reply) => {
      const path = req.url.split("?")[0] ?? "/";
      if (SERVER_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`))) {
        reply.callNotFound();
        return reply;
      }
      let html: string;
      try {
        html = await indexHtml();
      } catch {
        index = null;
        // The server works; only its web app is missing. Say how to build it.
        return reply.type("text/html; charset=utf-8").send(
          htmlPage({
            title: "Sopla – Weboberfläche nicht gebaut",
            heading: "Die Weboberfläche ist noch nicht gebaut",
            nav: [
              ["/kennzahlen", "Veröffentlichte Kennzahlen"],
              ["/api/docs", "API-Dokumentation"],
            ],
            main: "<p>Bitte einmal <code>npm run build</code> ausführen (das macht <code>npm start</code> von selbst) und die Seite neu laden.</p>",
          }),
        );
      }
      reply.header("cache-control", "no-cache");
      return reply.type("text/html; charset=utf-8").send(html);
    },
  );
}
