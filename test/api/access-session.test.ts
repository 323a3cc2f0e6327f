/** Login sessions over HTTP on both engines: cookie, CSRF, password change, rate limit, logout. */
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.ts";
import { applyCatalogue, parseCatalogue } from "../../src/services/data/apply-catalogue.ts";
import { createServiceContext } from "../../src/services/context.ts";
import { addUser } from "../../src/services/access/users.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

let t: TestDatabase;
let app: FastifyInstance;
let otp: string;
const email = "lea.vogt@stadt.example";

const cookieOf = (setCookie: string | string[] | undefined) =>
  String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(";")[0]!;

async function loginAs(password: string, address = "10.0.0.1") {
  return app.inject({
    method: "POST",
    url: "/api/session",
    payload: { email, password },
    remoteAddress: address,
  });
}

beforeAll(async () => {
  t = await openTestDatabase();
  const ctx = createServiceContext(t.db);
  await applyCatalogue(
    ctx,
    parseCatalogue({ workspace: { slug: "nord", name: "Nordstadt" } }),
    SYSTEM_ACTOR,
  );
  otp = (
    await addUser(
      ctx,
      { email, displayName: "Lea Vogt", workspace: "nord", role: "planner" },
      SYSTEM_ACTOR,
    )
  ).oneTimePassword;
  app = await buildApp({ ctx, version: "test" });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe("sessions", () => {
  it("refuses a wrong password without saying which part was wrong", async () => {
    const res = await loginAs("falsch");
    expect(res.statusCode).toBe(401);
    expect(res.json<{ error: { code: string; message: string } }>().error).toMatchObject({
      code: "invalid_credentials",
      message: "Anmeldename oder Passwort ist falsch.",
    });
    const unknown = await app.inject({
      method: "POST",
      url: "/api/session",
      payload: { email: "niemand@stadt.example", password: "falsch" },
    });
    expect(unknown.json<{ error: { message: string } }>().error.message).toBe(
      "Anmeldename oder Passwort ist falsch.",
    );
  });

  it("logs in with the one-time password, sets a protected cookie, and reports roles", async () => {
    const res = await loginAs(otp);
    expect(res.statusCode).toBe(200);
    const [setCookie, deviceCookie] = [res.headers["set-cookie"] ?? []].flat();
    expect(setCookie).toMatch(
      /^sopla_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200$/,
    );
    // Marks the browser as one that signed in (ADR 0002); sent to the login route only.
    expect(deviceCookie).toMatch(
      /^sopla_device=[A-Za-z0-9_-]{43}; Path=\/api\/session; HttpOnly; SameSite=Strict; Max-Age=7776000$/,
    );
    const body = res.json<{
      mustChangePassword: boolean;
      memberships: unknown[];
      csrfToken: string;
    }>();
    expect(body.mustChangePassword).toBe(true);
    expect(body.memberships).toEqual([{ workspace: "nord", name: "Nordstadt", role: "planner" }]);
    const me = await app.inject({ url: "/api/session", headers: { cookie: cookieOf(setCookie) } });
    expect(me.statusCode).toBe(200);
    expect(me.json<{ email: string }>().email).toBe(email);
    expect((await app.inject({ url: "/api/session" })).statusCode).toBe(401);
  });

  it("demands the CSRF token on state-changing requests made with the cookie", async () => {
    const res = await loginAs(otp);
    const cookie = cookieOf(res.headers["set-cookie"]);
    const { csrfToken } = res.json<{ csrfToken: string }>();
    const payload = { currentPassword: otp, newPassword: "Sozialraum Garstedt 2026" };
    const without = await app.inject({
      method: "POST",
      url: "/api/session/password",
      headers: { cookie },
      payload,
    });
    expect(without.statusCode).toBe(403);
    expect(without.json<{ error: { code: string } }>().error.code).toBe("csrf_failed");
    const wrong = await app.inject({
      method: "POST",
      url: "/api/session/password",
      headers: { cookie, "x-csrf-token": `${csrfToken}x` },
      payload,
    });
    expect(wrong.statusCode).toBe(403);
    const weak = await app.inject({
      method: "POST",
      url: "/api/session/password",
      headers: { cookie, "x-csrf-token": csrfToken },
      payload: { currentPassword: otp, newPassword: "kurz" },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json<{ error: { message: string } }>().error.message).toMatch(/mindestens 12/);
  });

  it("changes the password: the one-time password stops working, other sessions end", async () => {
    const other = cookieOf((await loginAs(otp)).headers["set-cookie"]);
    const res = await loginAs(otp);
    const cookie = cookieOf(res.headers["set-cookie"]);
    const { csrfToken } = res.json<{ csrfToken: string }>();
    const changed = await app.inject({
      method: "POST",
      url: "/api/session/password",
      headers: { cookie, "x-csrf-token": csrfToken },
      payload: { currentPassword: otp, newPassword: "Sozialraum Garstedt 2026" },
    });
    expect(changed.statusCode).toBe(204);
    expect((await app.inject({ url: "/api/session", headers: { cookie: other } })).statusCode).toBe(
      401,
    );
    const me = await app.inject({ url: "/api/session", headers: { cookie } });
    expect(me.json<{ mustChangePassword: boolean }>().mustChangePassword).toBe(false);
    expect((await loginAs(otp)).statusCode).toBe(401);
    expect((await loginAs("Sozialraum Garstedt 2026")).statusCode).toBe(200);
  });

  it("logs out: the cookie is cleared and the session is gone", async () => {
    const res = await loginAs("Sozialraum Garstedt 2026");
    const cookie = cookieOf(res.headers["set-cookie"]);
    const { csrfToken } = res.json<{ csrfToken: string }>();
    const out = await app.inject({
      method: "DELETE",
      url: "/api/session",
      headers: { cookie, "x-csrf-token": csrfToken },
    });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers["set-cookie"])).toMatch(/^sopla_session=; .*Max-Age=0/);
    expect((await app.inject({ url: "/api/session", headers: { cookie } })).statusCode).toBe(401);
  });

  it("slows down guessing: after 5 failures even the right password waits", async () => {
    for (let i = 0; i < 5; i++)
      expect((await loginAs(`falsch ${i}`, "10.0.0.9")).statusCode).toBe(401);
    const blocked = await loginAs("Sozialraum Garstedt 2026", "10.0.0.9");
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers["retry-after"]).toBe("60");
    expect(blocked.json<{ error: { code: string } }>().error.code).toBe("too_many_attempts");
  });

  it("rejects unknown fields and wrong types in the login body", async () => {
    for (const payload of [{ email, password: "x", admin: true }, { email, password: 42 }, {}]) {
      const res = await app.inject({ method: "POST", url: "/api/session", payload });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ error: { code: string } }>().error.code).toBe("invalid_request");
    }
  });
});

describe("logs", () => {
  it("never contain a password, a session token or a CSRF token, even at debug level", async () => {
    const lines: string[] = [];
    const t2 = await openTestDatabase();
    const ctx2 = createServiceContext(t2.db);
    await applyCatalogue(
      ctx2,
      parseCatalogue({ workspace: { slug: "nord", name: "Nordstadt" } }),
      SYSTEM_ACTOR,
    );
    const account = await addUser(
      ctx2,
      { email, displayName: "Lea Vogt", workspace: "nord", role: "planner" },
      SYSTEM_ACTOR,
    );
    const logged = await buildApp({
      ctx: ctx2,
      version: "test",
      logger: { level: "trace", stream: { write: (line: string) => void lines.push(line) } },
    });
    const login = await logged.inject({
      method: "POST",
      url: "/api/session",
      payload: { email, password: account.oneTimePassword },
    });
    expect(login.statusCode).toBe(200);
    const cookie = String(login.headers["set-cookie"]).split(";")[0]!;
    const device = /sopla_device=([^;]+)/.exec(String(login.headers["set-cookie"]))![1]!;
    const csrf = login.json<{ csrfToken: string }>().csrfToken;
    const newPassword = "Ein-langes-neues-Passwort-2026";
    const change = await logged.inject({
      method: "POST",
      url: "/api/session/password",
      headers: { cookie, "x-csrf-token": csrf },
      payload: { currentPassword: account.oneTimePassword, newPassword },
    });
    expect(change.statusCode).toBe(204);
    await logged.inject({
      method: "POST",
      url: "/api/session",
      payload: { email, password: "falsch" },
    });
    await logged.inject({ url: "/api/areas", headers: { cookie } });
    await logged.close();
    await t2.close();
    const text = lines.join("\n");
    expect(lines.length).toBeGreaterThan(4); // the requests were logged
    for (const secret of [
      account.oneTimePassword,
      newPassword,
      cookie.split("=")[1]!,
      device,
      csrf,
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});
