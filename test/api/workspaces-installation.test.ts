/**
 * The installation level in the web API (ADR 0007): only an installation administrator lists
 * and creates workspaces (a workspace administrator is refused like everyone else), a new
 * workspace has its creator (or a named account) as administrator, a taken slug or a wrong
 * municipality key is refused in German and changes nothing, and every creation is audited.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.ts";
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import { setInstallationAdministrator } from "../../src/services/access/users.ts";
import { applyCatalogue, parseCatalogue } from "../../src/services/data/apply-catalogue.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { injectAs, signIn } from "../support/sign-in.ts";
import { snapshotData } from "../support/snapshot.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

let t: TestDatabase;
let ctx: ServiceContext;
let app: FastifyInstance;
let installation: ReturnType<typeof injectAs>;
let installationEmail: string;
let admin: ReturnType<typeof injectAs>;
let adminEmail: string;

const emailOf = async (as: ReturnType<typeof injectAs>) =>
  (await as({ method: "GET", url: "/api/session" })).json<{ email: string }>().email;

beforeAll(async () => {
  t = await openTestDatabase();
  ctx = createServiceContext(t.db);
  await applyCatalogue(
    ctx,
    parseCatalogue({ workspace: { slug: "norderstedt", name: "Norderstedt" } }),
    SYSTEM_ACTOR,
  );
  app = await buildApp({ ctx, version: "test" });
  installation = injectAs(app, await signIn(ctx, "admin", "norderstedt"));
  installationEmail = await emailOf(installation);
  await setInstallationAdministrator(ctx, installationEmail, true, SYSTEM_ACTOR);
  admin = injectAs(app, await signIn(ctx, "admin", "norderstedt"));
  adminEmail = await emailOf(admin);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe("workspaces of the installation", () => {
  it("tells the web app who is an installation administrator", async () => {
    const own = await installation({ method: "GET", url: "/api/session" });
    expect(own.json()).toMatchObject({ installationAdmin: true });
    const other = await admin({ method: "GET", url: "/api/session" });
    expect(other.json()).toMatchObject({ installationAdmin: false });
  });

  it("refuses a workspace administrator and the anonymous public, changing nothing", async () => {
    const before = await snapshotData(t.db);
    for (const [method, url, payload] of [
      ["GET", "/api/installation/workspaces", undefined],
      ["POST", "/api/installation/workspaces", { slug: "kiel", name: "Kiel" }],
      [
        "POST",
        "/api/installation/workspaces/norderstedt/invitations",
        { email: "x@test.sopla.example", role: "viewer" },
      ],
    ] as const) {
      const res = await admin({ method, url, ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error.message).toMatch(/Installationsverwaltung/);
      const anon = await app.inject({ method, url, ...(payload ? { payload } : {}) });
      expect(anon.statusCode).toBe(401);
    }
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it("creates a workspace whose administrator is its creator, and lists it", async () => {
    const res = await installation({
      method: "POST",
      url: "/api/installation/workspaces",
      payload: { slug: "kiel", name: "Kiel", municipalityKey: "01002000" },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      slug: "kiel",
      name: "Kiel",
      municipalityKey: "01002000",
      memberCount: 1,
    });
    const session = (await installation({ method: "GET", url: "/api/session" })).json<{
      memberships: { workspace: string; role: string }[];
    }>();
    expect(session.memberships).toContainEqual(
      expect.objectContaining({ workspace: "kiel", role: "admin" }),
    );
    const list = await installation({ method: "GET", url: "/api/installation/workspaces" });
    expect(list.json()).toEqual([
      expect.objectContaining({ slug: "kiel", memberCount: 1 }),
      expect.objectContaining({ slug: "norderstedt", memberCount: 2 }),
    ]);
    const log = await installation({ method: "GET", url: "/api/audit?workspace=kiel" });
    const entities = log.json<{ items: { entity: string; action: string }[] }>().items;
    expect(entities).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ entity: "workspace", action: "create" }),
        expect.objectContaining({ entity: "membership", action: "create" }),
      ]),
    );
  });

  it("makes a named existing account the first administrator", async () => {
    const res = await installation({
      method: "POST",
      url: "/api/installation/workspaces",
      payload: { slug: "luebeck", name: "Lübeck", firstAdminEmail: adminEmail },
    });
    expect(res.statusCode).toBe(201);
    const session = (await admin({ method: "GET", url: "/api/session" })).json<{
      memberships: { workspace: string; role: string }[];
    }>();
    expect(session.memberships).toContainEqual(
      expect.objectContaining({ workspace: "luebeck", role: "admin" }),
    );
  });

  it("refuses a taken slug (409), a wrong key and an unknown first admin in German, changing nothing", async () => {
    const before = await snapshotData(t.db);
    const taken = await installation({
      method: "POST",
      url: "/api/installation/workspaces",
      payload: { slug: "kiel", name: "Noch einmal Kiel" },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.message).toMatch(/Kennung: .*„kiel“ gibt es schon/);
    for (const municipalityKey of ["0100200", "010020001", "01002000000x"]) {
      const bad = await installation({
        method: "POST",
        url: "/api/installation/workspaces",
        payload: { slug: "flensburg", name: "Flensburg", municipalityKey },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toMatch(/Gemeinde- oder Regionalschlüssel.*8 Ziffern/);
    }
    const slug = await installation({
      method: "POST",
      url: "/api/installation/workspaces",
      payload: { slug: "Flens Burg", name: "Flensburg" },
    });
    expect(slug.statusCode).toBe(400);
    expect(slug.json().error.message).toMatch(/Kennung/);
    const nobody = await installation({
      method: "POST",
      url: "/api/installation/workspaces",
      payload: { slug: "flensburg", name: "Flensburg", firstAdminEmail: "nie@test.sopla.example" },
    });
    expect(nobody.statusCode).toBe(404);
    expect(nobody.json().error.message).toMatch(/Erste Administration/);
    expect(await snapshotData(t.db)).toEqual(before);
  });
});
