/** Reading the one session cookie and writing it back: small enough not to need a plugin. */
import type { FastifyReply, FastifyRequest } from "fastify";

export const SESSION_COOKIE = "sopla_session";
/** Marks a browser that signed in before; sent only to the login route (ADR 0002). */
export const DEVICE_COOKIE = "sopla_device";

/**
 * Whether the request came over TLS: directly, or through a proxy listed in
 * SOPLA_TRUST_PROXY that says so in X-Forwarded-Proto (fastify's trustProxy).
 */
export function isHttps(request: FastifyRequest): boolean {
  return request.protocol.toLowerCase() === "https";
}

/** The value of cookie `name` from the request's Cookie header, or undefined. */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Sets the session cookie: httpOnly (no script can read it), SameSite=Lax (not sent with
 * cross-site form posts), Secure when the request came over TLS (directly or behind a proxy
 * the server trusts). `maxAgeSeconds` 0 deletes it.
 */
export function writeSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  value: string,
  maxAgeSeconds: number,
): void {
  const parts = [
    `${SESSION_COOKIE}=${encodeURIComponent(value)}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${maxAgeSeconds}`,
  ];
  if (isHttps(request)) parts.push("Secure");
  reply.header("set-cookie", parts.join("; "));
}

/**
 * Sets the device cookie after a successful sign-in: httpOnly, only for the login route,
 * SameSite=Strict, Secure over TLS. It names no person; the database keeps its SHA-256 with
 * the login names that signed in with it.
 */
export function writeDeviceCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  value: string,
  maxAgeSeconds: number,
): void {
  const parts = [
    `${DEVICE_COOKIE}=${encodeURIComponent(value)}`,
    "Path=/api/session",
    "HttpOnly",
    "SameSite=Strict",
    `Max-Age=${maxAgeSeconds}`,
  ];
  if (isHttps(request)) parts.push("Secure");
  reply.header("set-cookie", parts.join("; "));
}
