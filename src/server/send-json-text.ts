import type { FastifyReply } from "fastify";

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
