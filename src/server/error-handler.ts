/**
 * Maps every error to one envelope `{ error: { code, message, details } }` and a status.
 * Services speak in codes; only this file knows HTTP. Nothing internal (stack traces, SQL,
 * file paths) reaches a response: unexpected errors are logged and answered with a generic 500.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { describeIssues, summariseProblems } from "../contracts/validation-messages.ts";
import { AppError, type AppErrorCode } from "../services/app-error.ts";

const STATUS_BY_CODE: Record<AppErrorCode, number> = {
  not_found: 404,
  invalid_input: 400,
  invalid_mapping: 400,
  import_rejected: 422,
  report_incomplete: 422,
  withheld: 422,
  unreadable_file: 422,
  payload_too_large: 413,
  conflict: 409,
  month_closed: 409,
  delivery_closed: 409,
  workspace_required: 400,
  concurrent_change: 409,
  invalid_credentials: 401,
  not_authenticated: 401,
  forbidden: 403,
  password_change_required: 403,
  csrf_failed: 403,
  too_many_attempts: 429,
  too_many_requests: 429,
};

/** Fastify's own client-error codes, renamed to the product's stable snake_case codes. */
const FASTIFY_CODES: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: "malformed_json",
    message: "Der Inhalt ist kein gültiges JSON.",
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: "empty_body", message: "Der Inhalt ist leer." },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: "payload_too_large", message: "Der Inhalt ist zu groß." },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: "unsupported_media_type",
    message: "Dieses Format wird hier nicht angenommen.",
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: "invalid_content_length",
    message: "Die Längenangabe passt nicht zum Inhalt.",
  },
  FST_REQ_FILE_TOO_LARGE: { code: "payload_too_large", message: "Die Datei ist zu groß." },
  FST_FILES_LIMIT: { code: "too_many_files", message: "Bitte genau eine Datei hochladen." },
  FST_PARTS_LIMIT: { code: "too_many_parts", message: "Zu viele Formularteile." },
  FST_FIELDS_LIMIT: { code: "too_many_fields", message: "Zu viele Formularfelder." },
  FST_INVALID_MULTIPART_CONTENT_TYPE: {
    code: "not_multipart",
    message: "Erwartet wird ein Formular-Upload (multipart/form-data).",
  },
  FST_ERR_VALIDATION: { code: "invalid_request", message: "Die Anfrage ist ungültig." },
};

export function send(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  details?: unknown,
): FastifyReply {
  return reply
    .code(status)
    .type("application/json; charset=utf-8")
    .send({ error: details === undefined ? { code, message } : { code, message, details } });
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request: FastifyRequest, reply) => {
    if (error instanceof AppError) {
      const retry = (error.details as { retryAfterSeconds?: unknown } | undefined)
        ?.retryAfterSeconds;
      if (typeof retry === "number") reply.header("retry-after", String(retry));
      return send(reply, STATUS_BY_CODE[error.code], error.code, error.message, error.details);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      // Every issue in German with the field's label; the input tells "missing" from "wrong".
      const where = error.validationContext ?? "request";
      const input =
        where === "body"
          ? request.body
          : where === "querystring"
            ? request.query
            : where === "params"
              ? request.params
              : where === "headers"
                ? request.headers
                : undefined;
      const problems = describeIssues(
        error.validation.map((v) => ({
          ...v.params,
          code: v.keyword,
          message: v.message ?? "",
          path: v.instancePath
            .split("/")
            .slice(1)
            .filter((p) => p !== "")
            .map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
        })),
        input,
        where === "body" ? "body" : "parameter",
      );
      const issues = problems.map((p) => ({ where, ...p }));
      return send(reply, 400, "invalid_request", summariseProblems(problems), { issues });
    }
    const fe = error as FastifyError;
    const known = fe.code ? FASTIFY_CODES[fe.code] : undefined;
    const status = typeof fe.statusCode === "number" ? fe.statusCode : 500;
    if (known && status < 500) return send(reply, status, known.code, known.message);
    if (status >= 400 && status < 500) {
      return send(reply, status, "bad_request", "Die Anfrage ist ungültig.");
    }
    request.log.error({ err: error }, "unexpected error");
    return send(reply, 500, "internal_error", "Ein interner Fehler ist aufgetreten.");
  });
  app.setNotFoundHandler((request, reply) =>
    send(
      reply,
      404,
      "route_not_found",
      `Keine Ressource unter ${request.method} ${request.url.split("?")[0]}.`,
    ),
  );
}
