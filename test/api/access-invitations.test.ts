/**
 * Invitations without e-mail: an administrator creates one (account, one-time password, link
 * shown once; only hashes stored), the invitee reads it, sets a password with the one-time
 * password and logs in. An invitation is used once, expires, and is spent after wrong one-time
 * passwords; a guarded role still waits for a second administrator (ADR 0007).
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.ts";
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import { INVITATION_LIFETIME_MS } from "../../src/services/access/invitations.ts";
import { setInstallationAdministrator } from "../../src/services/access/users.ts";
import { applyCatalogue, parseCatalogue } from "../../src/services/data/apply-catalogue.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { injectAs, signIn } from "../support/sign-in.ts";
import { snapshotData } from "../support/snapshot.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

let t: TestDatabase;
let ctx: ServiceContext;
let app: FastifyInstance;
let admin: ReturnType<typeof injectAs>;
let secondAdmin: ReturnType<typeof injectAs>;
let installation: ReturnType<typeof injectAs>;
let viewer: ReturnType<typeof injectAs>;
let clockOffsetMs = 0;

interface Invitation {
  email: string;
  role: string;
  pendingRole: string | null;
  oneTimePassword: string;
  link: string;
  expiresAt: string;
}

beforeAll(async () => {
  t = await openTestDatabase();
  ctx = createServiceContext(t.db, { now: () => new Date(Date.now() + clockOffsetMs) });
  await applyCatalogue(
    ctx,
    parseCatalogue({ workspace: { slug: "norderstedt", name: "Norderstedt" } }),
    SYSTEM_ACTOR,
  );
  await applyCatalogue(
    ctx,
    parseCatalogue({ workspace: { slug: "kiel", name: "Kiel" } }),
    SYSTEM_ACTOR,
  );
  app = await buildApp({ ctx, version: "test" });
  admin = injectAs(app, await signIn(ctx, "admin", "norderstedt"));
  secondAdmin = injectAs(app, await signIn(ctx, "admin", "norderstedt"));
  viewer = injectAs(app, await signIn(ctx, "viewer", "norderstedt"));
  installation = injectAs(app, await signIn(ctx, "viewer", "kiel"));
  const email = (await installation({ method: "GET", url: "/api/session" })).json<{
    email: string;
  }>().email;
  await setInstallationAdministrator(ctx, email, true, SYSTEM_ACTOR);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const invite = async (email: string, role: string, as = admin) => {
  const res = await as({
    method: "POST",
    url: "/api/users/invitations",
    payload: { email, role },
  });
  expect(res.statusCode, res.body).toBe(201);
  expect(res.headers["cache-control"]).toBe("no-store");
  return res.json<Invitation>();
};
const tokenOf = (inv: Invitation) => inv.link.split("#")[1]!;
const preview = (token: string) =>
  app.inject({ method: "POST", url: "/api/invitations/preview", payload: { token } });
const accept = (token: string, oneTimePassword: string, newPassword: string) =>
  app.inject({
    method: "POST",
    url: "/api/invitations/acceptance",
    payload: { token, oneTimePassword, newPassword },
  });
const login = (email: string, password: string) =>
  app.inject({ method: "POST", url: "/api/session", payload: { email, password } });

describe("invitations", () => {
  it("creates, shows, accepts once, and the invitee logs in with the new password", async () => {
    const inv = await invite("neu@test.sopla.example", "contributor");
    expect(inv.link).toMatch(/^http:\/\/localhost(:\d+)?\/einladung#[A-Za-z0-9_-]{43}$/);
    expect(inv).toMatchObject({ role: "contributor", pendingRole: null });
    expect(new Date(inv.expiresAt).getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    // Neither the token nor the one-time password is stored in clear.
    const rows = await t.db.orm.execute<{ token_hash: string }>(
      "select token_hash from invitation",
    );
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(tokenOf(inv));
    expect(JSON.stringify(await snapshotData(t.db))).not.toContain(inv.oneTimePassword);

    const seen = await preview(tokenOf(inv));
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({
      email: "neu@test.sopla.example",
      workspaceName: "Norderstedt",
      role: "contributor",
      currentRole: "contributor",
    });

    const wrong = await accept(tokenOf(inv), "falsch-falsch", "Ein-gutes-Passwort-42");
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toMatch(/^Einmalpasswort: .*stimmt nicht/);
    const weak = await accept(tokenOf(inv), inv.oneTimePassword, "kurz");
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toMatch(/^Neues Passwort: .*mindestens 12 Zeichen/);

    const ok = await accept(tokenOf(inv), inv.oneTimePassword, "Ein-gutes-Passwort-42");
    expect(ok.statusCode, ok.body).toBe(200);
    const session = await login("neu@test.sopla.example", "Ein-gutes-Passwort-42");
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({
      mustChangePassword: false,
      memberships: [expect.objectContaining({ workspace: "norderstedt", role: "contributor" })],
    });
    expect((await login("neu@test.sopla.example", inv.oneTimePassword)).statusCode).toBe(401);

    const again = await accept(tokenOf(inv), inv.oneTimePassword, "Noch-ein-Passwort-43");
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/schon angenommen/);
    expect((await preview(tokenOf(inv))).statusCode).toBe(409);

    const log = await admin({ method: "GET", url: "/api/audit?entity=invitation" });
    const actions = log.json<{ items: { action: string; entity: string }[] }>().items;
    expect(actions.filter((e) => e.entity === "invitation").map((e) => e.action)).toEqual(
      expect.arrayContaining(["create", "update"]),
    );
  });

  it("refuses unknown and expired invitations in German, changing nothing", async () => {
    const unknown = await preview("A".repeat(43));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toMatch(/Einladung ist unbekannt/);
    const inv = await invite("spaet@test.sopla.example", "viewer");
    const before = await snapshotData(t.db);
    clockOffsetMs = INVITATION_LIFETIME_MS + 60_000;
    try {
      const late = await accept(tokenOf(inv), inv.oneTimePassword, "Ein-gutes-Passwort-42");
      expect(late.statusCode).toBe(409);
      expect(late.json().error.message).toMatch(/abgelaufen/);
      expect((await preview(tokenOf(inv))).json().error.message).toMatch(/abgelaufen/);
    } finally {
      clockOffsetMs = 0;
    }
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it("is spent after five wrong one-time passwords", async () => {
    const inv = await invite("rate@test.sopla.example", "viewer");
    for (let i = 0; i < 5; i++) {
      expect((await accept(tokenOf(inv), `falsch-${i}`, "Ein-gutes-Passwort-42")).statusCode).toBe(
        400,
      );
    }
    const last = await accept(tokenOf(inv), inv.oneTimePassword, "Ein-gutes-Passwort-42");
    expect(last.statusCode).toBe(409);
    expect(last.json().error.message).toMatch(/nicht mehr gültig/);
  });

  it("keeps a guarded role waiting for a second administrator", async () => {
    const inv = await invite("planung@test.sopla.example", "planner");
    expect(inv).toMatchObject({ role: "viewer", pendingRole: "planner" });
    expect((await preview(tokenOf(inv))).json()).toMatchObject({
      role: "planner",
      currentRole: "viewer",
    });
    expect((await accept(tokenOf(inv), inv.oneTimePassword, "Sozial-Kennwort-42")).statusCode).toBe(
      200,
    );
    const first = await login("planung@test.sopla.example", "Sozial-Kennwort-42");
    expect(first.json()).toMatchObject({
      memberships: [expect.objectContaining({ role: "viewer" })],
    });
    // The inviting administrator cannot confirm; a second one can, and since the first one
    // issued the password, the account gets a new one-time password only the second one sees.
    const own = await admin({
      method: "POST",
      url: "/api/users/planung@test.sopla.example/role-request/confirmation",
    });
    expect(own.statusCode).toBe(403);
    const confirmed = await secondAdmin({
      method: "POST",
      url: "/api/users/planung@test.sopla.example/role-request/confirmation",
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({
      member: { role: "planner" },
      oneTimePassword: expect.any(String),
    });
  });

  it("is for administrators of the workspace, and for the installation administration in any", async () => {
    const refused = await viewer({
      method: "POST",
      url: "/api/users/invitations",
      payload: { email: "x@test.sopla.example", role: "viewer" },
    });
    expect(refused.statusCode).toBe(403);
    const res = await installation({
      method: "POST",
      url: "/api/installation/workspaces/norderstedt/invitations",
      payload: { email: "von-oben@test.sopla.example", role: "admin" },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ role: "admin", pendingRole: null });
    const bad = await installation({
      method: "POST",
      url: "/api/installation/workspaces/norderstedt/invitations",
      payload: { email: "kein-at", role: "viewer" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/E-Mail-Adresse/);
  });
});
