/**
 * The HTTP server: one fastify instance serving the API under /api (with its OpenAPI document
 * at /api/docs), the open data under /open and /ogc, and the web app. Routes are thin: parse, call a service, return a
 * contract object. The app holds no state of its own besides caches; sessions and data live
 * in the database, so several app servers can share one.
 */
import Fastify, { type FastifyInstance } from "fastify";
import multipart from "@fastify/multipart";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { AppError } from "../services/app-error.ts";
import type { ServiceContext } from "../services/context.ts";
import { JsonTextCache } from "../services/json-text-cache.ts";
import { PublicDatasetCache } from "../services/open-data/open-data.ts";
import { installAccessControl } from "./access.ts";
import type { RouteDeps } from "./route-deps.ts";
import { MODULE_ROUTES } from "./routes/index.ts";
import { DEFAULT_WEB_ROOT } from "./routes/web.routes.ts";
import { installAuth } from "./auth.ts";
import { isHttps } from "./cookies.ts";
import { installErrorHandler, send } from "./error-handler.ts";
import {
  DEFAULT_EXPENSIVE_LIMIT,
  installExpensiveLimit,
  type ExpensiveLimit,
} from "./expensive.ts";

/** Only our own scripts and styles; no framing; images also from the configured map tiles. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export interface AppOptions {
  readonly ctx: ServiceContext;
  readonly version: string;
  /** The address the public reaches this server at (links in open data and the OGC API). */
  readonly publicUrl?: string | undefined;
  /** Base map tiles for the atlas ({z}/{x}/{y}, https) and their attribution; none: clean map. */
  readonly tileUrl?: string | undefined;
  readonly tileAttribution?: string | undefined;
  /** The folder of the built web app; default dist/web. */
  readonly webRoot?: string | undefined;
  /**
   * Addresses and networks of trusted reverse proxies (SOPLA_TRUST_PROXY): from them, the
   * client address comes from X-Forwarded-For and the protocol from X-Forwarded-Proto.
   * Empty or absent: no proxy is trusted and the peer of the connection is the client.
   */
  readonly trustProxy?: readonly string[] | undefined;
  /** The limit per user on expensive routes (default DEFAULT_EXPENSIVE_LIMIT). */
  readonly expensiveLimit?: ExpensiveLimit | undefined;
  /** Fastify's logger settings; false in tests. */
  readonly logger?: boolean | { level: string; stream?: { write(line: string): void } };
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: options.trustProxy?.length ? [...options.trustProxy] : false,
    // Query strings and paths are bounded so a huge URL cannot tie up the server.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Errors the router raises before any route runs (a malformed URL, an over-long path
    // parameter) get the same envelope as everything else.
    frameworkErrors: (error, _request, reply) => {
      const code = error.code === "FST_ERR_MAX_PARAM_LENGTH" ? "path_too_long" : "bad_url";
      const status = error.code === "FST_ERR_MAX_PARAM_LENGTH" ? 414 : 400;
      void send(reply, status, code, "Die Adresse ist ungültig oder zu lang.");
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  // PostgreSQL text cannot hold the NUL character: a path, query or JSON text with one is
  // refused here, once, instead of failing in the database.
  app.addHook("onRequest", async (request, reply) => {
    if (/%00/i.test(request.url)) {
      return send(reply, 400, "bad_url", "Die Adresse enthält ein unzulässiges Zeichen.");
    }
  });
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    // An escaped NUL (\u0000) that is not itself an escaped backslash followed by "u0000".
    const text = String(body);
    if (/(?:^|[^\\])(?:\\\\)*\\u0000/i.test(text)) {
      done(
        new AppError("invalid_input", "Texte dürfen das Zeichen NUL (\\u0000) nicht enthalten."),
      );
      return;
    }
    void parseJson(request, text, done);
  });
  installAuth(app, options.ctx);
  installAccessControl(app, options.ctx);
  installExpensiveLimit(app, options.expensiveLimit ?? DEFAULT_EXPENSIVE_LIMIT);

  app.addHook("onSend", async (request, reply, payload) => {
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "no-referrer");
    reply.header("x-frame-options", "DENY");
    reply.header("cross-origin-opener-policy", "same-origin");
    reply.header("permissions-policy", "camera=(), microphone=(), geolocation=()");
    // The API viewer brings its own policy (with hashes for its inline script).
    if (!reply.hasHeader("content-security-policy")) {
      reply.header("content-security-policy", CONTENT_SECURITY_POLICY);
    }
    // Behind TLS (directly or through a proxy that says so), browsers keep to HTTPS.
    if (isHttps(request)) {
      reply.header("strict-transport-security", "max-age=31536000; includeSubDomains");
    }
    // Answers for a logged-in user are never stored by shared caches.
    if (request.user && !reply.hasHeader("cache-control")) {
      reply.header("cache-control", "private, no-store");
    }
    return payload;
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: "Sopla API",
        description:
          "Programmierschnittstelle von Sopla, der Plattform für kommunale Sozialplanung. Alle Fehler haben die Form `{ error: { code, message, details } }`.",
        version: options.version,
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs", staticCSP: true });
  await app.register(multipart, {
    limits: {
      fileSize: options.ctx.limits.maxImportBytes,
      files: 1,
      fields: 8,
      fieldSize: 256 * 1024,
      parts: 10,
    },
  });

  const deps: RouteDeps = {
    ctx: options.ctx,
    version: options.version,
    indicatorCache: new JsonTextCache(),
    publicUrl: options.publicUrl?.replace(/\/+$/, "") ?? null,
    webRoot: options.webRoot ?? DEFAULT_WEB_ROOT,
    publicDatasets: new PublicDatasetCache(options.ctx),
    clientConfig: {
      tileUrl: options.tileUrl ?? null,
      tileAttribution: options.tileUrl ? (options.tileAttribution ?? null) : null,
    },
  };
  const typed = app.withTypeProvider<ZodTypeProvider>();
  for (const register of MODULE_ROUTES) register(typed, deps);
  await app.ready();
  return app;
}
