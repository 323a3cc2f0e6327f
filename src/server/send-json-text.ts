import type { FastifyReply } from "fastify";
import type { JsonTextCache } from "../services/json-text-cache.ts";

/**
 * Sends an already serialised JSON body (from a cache) as it is: fastify does not serialise
 * string payloads, so the cached bytes go out unchanged, with every hook and header applied.
 */
export function sendJsonText(reply: FastifyReply, body: string): FastifyReply {
  return reply.type("application/json; charset=utf-8").send(body);
}

/** Answers a conditional request whose ETag still matches. */
export function sendNotModified(reply: FastifyReply): FastifyReply {
  return reply.code(304).send();
}

/** An answer a signed-in member may keep, but must revalidate by its ETag before each use. */
export const PRIVATE_REVALIDATE: Readonly<Record<string, string>> = {
  "cache-control": "private, no-cache",
};

/**
 * Sends the answer kept under `key`, computing and keeping it first on a miss, with its ETag
 * and `headers` (by default private, revalidated): 304 when the browser has it already. The
 * key must name everything the answer depends on (workspace, state of the data, caller's
 * audience, request), so an answer is never served to a caller or state it was not made for.
 */
export async function sendCached(
  reply: FastifyReply,
  cache: JsonTextCache,
  key: string,
  compute: () => Promise<unknown>,
  headers: Readonly<Record<string, string>> = PRIVATE_REVALIDATE,
): Promise<FastifyReply> {
  const entry = cache.get(key) ?? cache.set(key, JSON.stringify(await compute()));
  reply.header("etag", entry.etag);
  for (const [name, value] of Object.entries(headers)) reply.header(name, value);
  if (reply.request.headers["if-none-match"] === entry.etag) return sendNotModified(reply);
  return sendJsonText(reply, entry.body);
}
