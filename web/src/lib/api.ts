/**
 * The one way the web app talks to the server: JSON over fetch with the session cookie, the
 * CSRF token on every state-changing request, and the API's error envelope turned into an
 * `ApiError` with its German message.
 */
import type { ErrorEnvelope } from "@contracts/common.ts";

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** The envelope's `details` (e.g. `problems` of a refused index definition), if any. */
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/**
 * Every problem an error names, in German: the `problems` of a refused definition or run, the
 * field issues of a request the server could not validate (each names its field: "Plätze:
 * höchstens 100.000"), else the message.
 */
export function problemsOf(error: unknown): string[] {
  if (!(error instanceof ApiError)) return [error instanceof Error ? error.message : String(error)];
  const details = error.details as
    | { problems?: unknown; issues?: { path?: unknown; field?: unknown; message?: unknown }[] }
    | undefined;
  if (Array.isArray(details?.problems) && details.problems.length > 0) {
    return details.problems.map(String);
  }
  if (Array.isArray(details?.issues) && details.issues.length > 0) {
    return details.issues.map((i) =>
      typeof i.field === "string" || typeof i.path !== "string" || i.path === ""
        ? String(i.message)
        : `${i.path}: ${String(i.message)}`,
    );
  }
  return [error.message];
}

let csrfToken: string | null = null;

/** Remembers the session's CSRF token (from login or `GET /api/session`). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export async function api<T>(
  path: string,
  options: { method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"; body?: unknown } = {},
): Promise<T> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  const res = await fetch(path, {
    method,
    headers,
    credentials: "same-origin",
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  if (!res.ok) {
    let code = "http_error";
    let message = `HTTP ${res.status}`;
    let details: unknown;
    try {
      const env = JSON.parse(text) as ErrorEnvelope;
      code = env.error.code;
      message = env.error.message;
      details = env.error.details;
    } catch {
      // not the envelope (a proxy's page): keep the status
    }
    throw new ApiError(res.status, code, message, details);
  }
  return JSON.parse(text) as T;
}

/**
 * A file upload (multipart form) with the CSRF token. Answers with the parsed JSON, also for a
 * 422 whose envelope carries the report in `details` (a rejected import) unless
 * `reportIn422` is false, which makes every error an `ApiError`.
 */
export async function apiUpload<T>(
  path: string,
  form: FormData,
  { reportIn422 = true, method = "POST" }: { reportIn422?: boolean; method?: "POST" | "PUT" } = {},
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (csrfToken) headers["x-csrf-token"] = csrfToken;
  const res = await fetch(path, {
    method,
    headers,
    body: form,
    credentials: "same-origin",
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiError(res.status, "http_error", `HTTP ${res.status}`);
  }
  if (res.ok) return { status: res.status, body: json as T };
  const env = json as ErrorEnvelope;
  if (reportIn422 && res.status === 422 && env.error.details !== undefined) {
    return { status: res.status, body: env.error.details as T };
  }
  throw new ApiError(res.status, env.error.code, env.error.message, env.error.details);
}

/** A workspace-scoped API path: `/api/x` + `?workspace=slug` (and more query parameters). */
export function wsPath(
  path: string,
  workspace: string,
  params: Readonly<Record<string, string | undefined>> = {},
): string {
  const q = new URLSearchParams({ workspace });
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, v);
  return `${path}?${q.toString()}`;
}
