/**
 * A workspace's administrator manages its accounts over HTTP: add (one-time password shown
 * once), change a role, reset a password — only for members of their own workspace, and each
 * change in the audit log.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.ts";
import { applyCatalogue, parseCatalogue } from "../../src/services/data/apply-catalogue.ts";
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import { createServiceContext } from "../../src/services/context.ts";
import { addUser } from "../../src/services/access/users.ts";
import { signIn, type AuthHeaders } from "../support/sign-in.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

let t: TestDatabase;
let app: FastifyInstance;
let admin: AuthHeaders;

beforeAll(async () => {
  t = await openTestDatabase();
  const ctx = createServiceContext(t.db);
  for (const slug of ["nord", "sued"]) {
    await applyCatalogue(ctx, parseCatalogue({ workspace: { slug, name: slug } }), SYSTEM_ACTOR);
  }
  await addUser(
    ctx,
    { email: "sued@stadt.example", displayName: "Süd", workspace: "sued", role: "viewer" },
    SYSTEM_ACTOR,
  );
  admin = await signIn(ctx, "admin", "nord");
  app = await buildApp({ ctx, version: "test" });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const login = (email: string, password: string) =>
  app.inject({ method: "POST", url: "/api/session", payload: { email, password } });

describe("account administration over HTTP", () => {
  it("adds an account whose one-time password works once and must be replaced", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/users",
      headers: admin,
      payload: { email: "Neu@Stadt.example", displayName: "Nina Neu", role: "contributor" },
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers["cache-control"]).toBe("no-store");
    const body = res.json<{ email: string; oneTimePassword: string }>();
    expect(body.email).toBe("neu@stadt.example");
    const session = await login(body.email, body.oneTimePassword);
    expect(session.statusCode).toBe(200);
    expect(session.json<{ mustChangePassword: boolean }>().mustChangePassword).toBe(true);
    const list = await app.inject({ url: "/api/users", headers: admin });
    expect(list.json<{ email: string }[]>().map((m) => m.email)).toContain("neu@stadt.example");
    expect(list.body).not.toContain("sued@stadt.example");
  });

  it("changes a role and resets a password, both in the audit log", async () => {
    const role = await app.inject({
      method: "PUT",
      url: "/api/users/neu@stadt.example/role",
      headers: admin,
      payload: { role: "viewer" },
    });
    expect(role.statusCode).toBe(200);
    expect(role.json<{ role: string }>().role).toBe("viewer");
    const reset = await app.inject({
      method: "POST",
      url: "/api/users/neu@stadt.example/password-reset",
      headers: admin,
    });
    expect(reset.statusCode).toBe(200);
    const otp = reset.json<{ oneTimePassword: string }>().oneTimePassword;
    expect((await login("neu@stadt.example", otp)).statusCode).toBe(200);
    const audit = await app.inject({
      url: "/api/audit?key=neu%40stadt.example&limit=50",
      headers: admin,
    });
    const events = audit.json<{ items: { action: string; before: unknown; after: unknown }[] }>()
      .items;
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(["create", "update", "password_reset"]),
    );
    expect(events.find((e) => e.action === "update")).toMatchObject({
      before: { role: "contributor" },
      after: { role: "viewer" },
    });
    expect(audit.body).not.toContain(otp);
  });

  it("cannot touch an account of another workspace", async () => {
    for (const [method, url, payload] of [
      ["PUT", "/api/users/sued@stadt.example/role", { role: "admin" }],
      ["POST", "/api/users/sued@stadt.example/password-reset", undefined],
    ] as const) {
      const res = await app.inject({
        method,
        url,
        headers: admin,
        ...(payload ? { payload } : {}),
      });
      expect(res.statusCode, url).toBe(404);
    }
    const other = await app.inject({ url: "/api/users?workspace=sued", headers: admin });
    expect(other.statusCode).toBe(403);
  });

  it("refuses a bad account with a clear message and creates nothing", async () => {
    for (const payload of [
      { email: "kein-email", displayName: "X", role: "viewer" },
      { email: "x@stadt.example", displayName: "", role: "viewer" },
      { email: "x@stadt.example", displayName: "X", role: "kaiser" },
      { email: "x@stadt.example", displayName: "X", role: "viewer", extra: 1 },
    ]) {
      const res = await app.inject({ method: "POST", url: "/api/users", headers: admin, payload });
      expect(res.statusCode).toBe(400);
    }
    const dup = await app.inject({
      method: "POST",
      url: "/api/users",
      headers: admin,
      payload: { email: "neu@stadt.example", displayName: "Doppelt", role: "viewer" },
    });
    expect(dup.statusCode).toBe(409);
    const list = await app.inject({ url: "/api/users", headers: admin });
    expect(list.body).not.toContain("x@stadt.example");
  });

  it("lists each member's last login from the audit log, null before the first", async () => {
    const before = await app.inject({
      method: "POST",
      url: "/api/users",
      headers: admin,
      payload: { email: "spaet@stadt.example", displayName: "Sina Spät", role: "viewer" },
    });
    const otp = before.json<{ oneTimePassword: string }>().oneTimePassword;
    type Listed = { email: string; lastLoginAt: string | null };
    const lastLogin = async (email: string) =>
      (await app.inject({ url: "/api/users", headers: admin }))
        .json<Listed[]>()
        .find((m) => m.email === email)?.lastLoginAt;
    expect(await lastLogin("spaet@stadt.example")).toBeNull();
    const start = Date.now();
    expect((await login("spaet@stadt.example", otp)).statusCode).toBe(200);
    const at = await lastLogin("spaet@stadt.example");
    expect(at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(Date.parse(at!)).toBeGreaterThanOrEqual(start - 1000);
    // A failed login is no login.
    expect((await login("spaet@stadt.example", "falsch-falsch-falsch")).statusCode).toBe(401);
    expect(await lastLogin("spaet@stadt.example")).toBe(at);
  });
});
