/**
 * The login limit (ADR 0002) and the reverse proxy, on both engines: parallel attempts are
 * counted one after the other; a lock belongs to a login name and an address (or a known
 * browser), so failures from a shared address lock nobody else out; the back-off grows and
 * ends; the caps stop unknown browsers only. Over real sockets: X-Forwarded-For and
 * X-Forwarded-Proto count from a trusted proxy only, and a request that came over HTTPS gets
 * Secure cookies and HSTS.
 */
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.ts";
import { applyCatalogue, parseCatalogue } from "../../src/services/data/apply-catalogue.ts";
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { ADDRESS_CAP, NAME_CAP } from "../../src/services/access/login-limit.ts";
import { addUser } from "../../src/services/access/users.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

let t: TestDatabase;
let ctx: ServiceContext;
let app: FastifyInstance;
const passwords = new Map<string, string>();

/** A new account in workspace "nord"; its one-time password is the right password here. */
async function account(name: string): Promise<string> {
  const email = `${name}@nord.example`;
  const created = await addUser(
    ctx,
    { email, displayName: name, workspace: "nord", role: "viewer" },
    SYSTEM_ACTOR,
  );
  passwords.set(email, created.oneTimePassword);
  return email;
}

function attempt(
  email: string,
  password: string,
  address: string,
  device?: string,
  on: FastifyInstance = app,
): Promise<LightMyRequestResponse> {
  return on.inject({
    method: "POST",
    url: "/api/session",
    payload: { email, password },
    remoteAddress: address,
    ...(device ? { headers: { cookie: `sopla_device=${device}` } } : {}),
  });
}

const right = (email: string, address: string, device?: string, on?: FastifyInstance) =>
  attempt(email, passwords.get(email)!, address, device, on);

function deviceOf(res: LightMyRequestResponse): string {
  const cookie = [res.headers["set-cookie"] ?? []]
    .flat()
    .find((c) => c.startsWith("sopla_device="));
  return /^sopla_device=([^;]+)/.exec(cookie ?? "")![1]!;
}

const codeOf = (res: LightMyRequestResponse) => res.json<{ error: { code: string } }>().error.code;

beforeAll(async () => {
  t = await openTestDatabase();
  ctx = createServiceContext(t.db);
  await applyCatalogue(
    ctx,
    parseCatalogue({ workspace: { slug: "nord", name: "Nordstadt" } }),
    SYSTEM_ACTOR,
  );
  app = await buildApp({ ctx, version: "test" });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe("the login limit", () => {
  it("counts parallel wrong passwords one after the other: 50 at once, 5 checked", async () => {
    const email = await account("parallel");
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => attempt(email, `falsch-${i}`, "192.0.2.10")),
    );
    const statuses = answers.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(45);
    // The right password waits too: the lane is locked, whatever the password.
    const locked = await right(email, "192.0.2.10");
    expect(locked.statusCode).toBe(429);
    expect(codeOf(locked)).toBe("too_many_attempts");
    expect(Number(locked.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(locked.headers["retry-after"])).toBeLessThanOrEqual(60);
    // The lock belongs to the login name and this address: from elsewhere, the owner gets in.
    expect((await right(email, "192.0.2.11")).statusCode).toBe(200);
  });

  it("does not lock out the accounts of others at one shared address", async () => {
    const email = await account("nachbarin");
    for (let i = 0; i < 25; i++) {
      const name = i % 5 === 0 ? email : `unbekannt-${i}@nord.example`;
      const res = await attempt(name, "falsch", "192.0.2.20");
      expect([401, 429]).toContain(res.statusCode);
    }
    const other = await account("kollege");
    expect((await right(other, "192.0.2.20")).statusCode).toBe(200);
  });

  it("waits longer after each further failure, and a success starts afresh", async () => {
    let clock = new Date("2026-12-07T09:00:00Z");
    const timed = await buildApp({
      ctx: createServiceContext(t.db, { now: () => clock }),
      version: "test",
    });
    const later = (seconds: number) => (clock = new Date(clock.getTime() + seconds * 1000));
    try {
      const email = await account("vergesslich");
      const a = "192.0.2.30";
      for (let i = 0; i < 5; i++) {
        expect((await attempt(email, "falsch", a, undefined, timed)).statusCode).toBe(401);
      }
      const first = await right(email, a, undefined, timed);
      expect(first.statusCode).toBe(429);
      expect(first.headers["retry-after"]).toBe("60");
      expect(first.json<{ error: { message: string } }>().error.message).toBe(
        "Zu viele fehlgeschlagene Anmeldungen. Bitte in einer Minute erneut versuchen.",
      );
      later(61);
      expect((await attempt(email, "falsch", a, undefined, timed)).statusCode).toBe(401);
      const second = await right(email, a, undefined, timed);
      expect(second.headers["retry-after"]).toBe("120");
      later(121);
      expect((await right(email, a, undefined, timed)).statusCode).toBe(200);
      // The success cleared the lane: five tries again.
      for (let i = 0; i < 5; i++) {
        expect((await attempt(email, "falsch", a, undefined, timed)).statusCode).toBe(401);
      }
      expect((await right(email, a, undefined, timed)).statusCode).toBe(429);
    } finally {
      await timed.close();
    }
  });

  it("stops unknown browsers at a sprayed address, not the browser that signed in before", async () => {
    const a = "192.0.2.40";
    const regular = await account("stammgast");
    const device = deviceOf(await right(regular, a));
    const newcomer = await account("neu");
    for (let batch = 0; batch < ADDRESS_CAP / 10; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          attempt(`spray-${batch}-${i}@nord.example`, "Sommer2026!", a),
        ),
      );
    }
    const refused = await right(newcomer, a);
    expect(refused.statusCode).toBe(429);
    expect(refused.json<{ error: { message: string } }>().error.message).toMatch(
      /schon angemeldet haben, geht es weiter/,
    );
    expect(Number(refused.headers["retry-after"])).toBeLessThanOrEqual(15 * 60);
    expect((await right(regular, a, device)).statusCode).toBe(200);
    // A made-up or foreign cookie is no known browser.
    expect((await right(newcomer, a, device)).statusCode).toBe(429);
    expect((await right(newcomer, a, "A".repeat(43))).statusCode).toBe(429);
  });

  it("stops unknown browsers when one name is guessed from many addresses", async () => {
    const email = await account("gesucht");
    const device = deviceOf(await right(email, "192.0.2.50"));
    for (let batch = 0; batch < NAME_CAP / 10; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          attempt(email, "falsch", `198.51.100.${batch * 10 + i}`),
        ),
      );
    }
    expect((await right(email, "203.0.113.99")).statusCode).toBe(429);
    expect((await right(email, "203.0.113.99", device)).statusCode).toBe(200);
  });
});

describe("behind a reverse proxy, over real sockets", () => {
  async function serve(trustProxy?: string[]): Promise<{ url: string; close(): Promise<void> }> {
    const server = await buildApp({ ctx, version: "test", trustProxy });
    await server.listen({ host: "127.0.0.1", port: 0 });
    const { port } = server.server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
  }

  function post(
    base: string,
    email: string,
    password: string,
    headers: Record<string, string>,
  ): Promise<Response> {
    return fetch(`${base}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ email, password }),
    });
  }

  it("with a trusted proxy: Secure cookies and HSTS over HTTPS, the client's own address", async () => {
    const proxied = await serve(["127.0.0.1"]);
    try {
      const email = await account("hinter-proxy");
      const tls = { "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.7" };
      const ok = await post(proxied.url, email, passwords.get(email)!, tls);
      expect(ok.status).toBe(200);
      const cookies = ok.headers.getSetCookie();
      expect(cookies).toHaveLength(2);
      for (const c of cookies) expect(c).toMatch(/; Secure$/);
      expect(ok.headers.get("strict-transport-security")).toBe(
        "max-age=31536000; includeSubDomains",
      );
      const health = await fetch(`${proxied.url}/api/health`, { headers: tls });
      expect(health.headers.get("strict-transport-security")).not.toBeNull();
      const plain = await fetch(`${proxied.url}/api/health`);
      expect(plain.headers.get("strict-transport-security")).toBeNull();

      // Five failures from one client behind the proxy lock that client only.
      for (let i = 0; i < 5; i++) {
        expect((await post(proxied.url, email, "falsch", tls)).status).toBe(401);
      }
      expect((await post(proxied.url, email, passwords.get(email)!, tls)).status).toBe(429);
      // A client cannot escape by writing its own X-Forwarded-For: the proxy appends the
      // real address, and the last address not of a trusted proxy is the client.
      const spoofed = { ...tls, "x-forwarded-for": "198.51.100.1, 203.0.113.7" };
      expect((await post(proxied.url, email, passwords.get(email)!, spoofed)).status).toBe(429);
      const elsewhere = { ...tls, "x-forwarded-for": "203.0.113.8" };
      expect((await post(proxied.url, email, passwords.get(email)!, elsewhere)).status).toBe(200);
    } finally {
      await proxied.close();
    }
  });

  it("without a trusted proxy: the forwarded headers change nothing", async () => {
    for (const trust of [undefined, ["10.0.0.1"]]) {
      const direct = await serve(trust);
      try {
        const email = await account(`direkt-${trust ? "fremd" : "ohne"}`);
        const claimed = { "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.9" };
        const ok = await post(direct.url, email, passwords.get(email)!, claimed);
        expect(ok.status).toBe(200);
        for (const c of ok.headers.getSetCookie()) expect(c).not.toMatch(/Secure/);
        expect(ok.headers.get("strict-transport-security")).toBeNull();
        for (let i = 0; i < 5; i++) {
          expect((await post(direct.url, email, "falsch", claimed)).status).toBe(401);
        }
        // Another claimed address is the same peer, 127.0.0.1, and is locked as well.
        const other = { "x-forwarded-for": "203.0.113.10" };
        expect((await post(direct.url, email, passwords.get(email)!, other)).status).toBe(429);
      } finally {
        await direct.close();
      }
    }
  });
});
