/**
 * The one way the web app talks to the server: JSON over fetch with the session cookie, the
 * CSRF token on every state-changing request, and the API's error envelope turned into an
 * `ApiError` with its German message.
 */
import type { ErrorEnvelope } from "../../../src/contracts/common.ts";

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

let csrfToken: string | null = null;

/** Remembers the session's CSRF token (from login or `GET /api/session`). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export async function api<T>(
  path: string,
  options: { method?: "GET" | "POST" | "PUT" | "DELETE"; body?: unknown } = {},
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
    try {
      const env = JSON.parse(text) as ErrorEnvelope;
      code = env.error.code;
      message = env.error.message;
    } catch {
      // not the envelope (a proxy's page): keep the status
    }
    throw new ApiError(res.status, code, message);
  }
  return JSON.parse(text) as T;
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
