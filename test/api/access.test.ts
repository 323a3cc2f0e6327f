/**
 * Authorization, route by route and role by role. The expected table below is written by
 * hand, independently of the rules in the route files: a new route fails this test until it
 * is added here, so no route can appear without someone deciding who may call it. Every
 * route is then called by the anonymous public and by each role, and every workspace route
 * is called across workspaces, which must never work.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RouteRule } from "../../src/server/access.ts";
import { buildApp } from "../../src/server/app.ts";
import { applyCatalogue, parseCatalogue } from "../../src/services/data/apply-catalogue.ts";
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { runImport } from "../../src/services/data/run-import.ts";
import { resolveWorkspace } from "../../src/services/workspaces.ts";
import { ROLES, type Role } from "../../src/core/access/roles.ts";
import { multipartBody } from "../support/multipart.ts";
import { signIn, type AuthHeaders } from "../support/sign-in.ts";
import { snapshotData } from "../support/snapshot.ts";
import { longMapping, testCityCatalogue } from "../support/test-city.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

/** "installation": installation administrators only; none of the callers below is one. */
type Rule = "public" | "login" | "installation" | readonly Role[];
const ALL: readonly Role[] = ROLES;
const DATA: readonly Role[] = ["planner", "contributor"];
const IMPORTERS: readonly Role[] = ["planner", "contributor", "admin"];

/** Who may call what — the product's authorization table. */
const EXPECTED: Record<string, Rule> = {
  "GET /kennzahlen": "public",
  // The web app's files; its data come from the API.
  "GET /assets/*": "public",
  "GET /*": "public",
  "GET /api/health": "public",
  "GET /api/client-config": "public",
  "GET /api/workspaces": "login",
  "GET /api/workspace/settings": ["admin"],
  "PUT /api/workspace/settings": ["admin"],
  // The logo: every member sees it (top bar, reports); administrators change it.
  "GET /api/workspace/logo": ALL,
  "PUT /api/workspace/logo": ["admin"],
  "DELETE /api/workspace/logo": ["admin"],
  // The installation level (ADR 0007): never a workspace role, not even admin.
  "GET /api/installation/workspaces": "installation",
  "POST /api/installation/workspaces": "installation",
  "POST /api/installation/workspaces/:slug/invitations": "installation",
  "POST /api/session": "public",
  "GET /api/session": "login",
  "DELETE /api/session": "public",
  "POST /api/session/password": "login",
  "GET /api/area-systems": ALL,
  "GET /api/areas": ALL,
  "GET /api/areas/:code": ALL,
  "GET /api/variables": ALL,
  "GET /api/periods": ALL,
  "GET /api/observations": DATA,
  "GET /api/observations/history": DATA,
  "GET /api/reviews": ["planner"],
  "POST /api/reviews/:id/decision": ["planner"],
  "GET /api/values/history": ["planner"],
  "POST /api/values/corrections": ["planner"],
  "POST /api/values/corrections/undo": ["planner"],
  "POST /api/values/reliability": ["planner"],
  "GET /api/indicators": ALL,
  "POST /api/indicators/from-variable": ["admin", "planner"],
  "POST /api/indicators": ["admin", "planner"],
  "POST /api/indicators/preview": ["admin", "planner"],
  "PUT /api/indicators/:code": ["admin", "planner"],
  "GET /api/indicators/:code/history": ["admin", "planner"],
  "PUT /api/variables/:code": ["admin", "planner"],
  "GET /api/indicators/:code": ALL,
  "GET /api/indicators/:code/values": ALL,
  "GET /api/indicators/:code/series": ALL,
  "POST /api/imports": IMPORTERS,
  "POST /api/imports/preview": IMPORTERS,
  "POST /api/imports/boundaries/overview": IMPORTERS,
  "GET /api/imports": IMPORTERS,
  "POST /api/area-systems": ["admin", "planner"],
  "PUT /api/area-systems/:code": ["admin", "planner"],
  "GET /api/workspace/setup": ["admin", "planner"],
  "GET /api/controlling/programme": ALL,
  "GET /api/controlling/due": ["planner", "contributor"],
  "POST /api/controlling/themes": ["planner"],
  "POST /api/controlling/goals": ["planner"],
  "POST /api/controlling/goals/:code/indicators": ["planner"],
  "POST /api/controlling/goals/:code/indicators/:id/stories": ["planner", "contributor"],
  "POST /api/controlling/measures": ["planner"],
  "PUT /api/controlling/measures/:code/progress": ["planner", "contributor"],
  "POST /api/controlling/measures/:code/performance-measures": ["planner", "contributor"],
  "PUT /api/controlling/measures/:code/performance-measures/:pm/values": ["planner", "contributor"],
  "GET /api/catalogue": ["admin", "planner"],
  "POST /api/catalogue": ["admin", "planner"],
  "GET /api/crosswalks": ["admin", "planner"],
  "POST /api/crosswalks": ["admin", "planner"],
  "POST /api/crosswalks/file": ["admin", "planner"],
  "POST /api/crosswalks/:code/apply": ["admin", "planner"],
  "GET /api/saved-names": IMPORTERS,
  "POST /api/saved-names": IMPORTERS,
  "DELETE /api/saved-names/:id": IMPORTERS,
  "GET /api/imports/:id": IMPORTERS,
  "GET /api/starter-catalogue": ["admin", "planner"],
  "POST /api/starter-catalogue/picks": ["admin", "planner"],
  // Each role its part (ADR 0007): admins no accommodation records, occupancy only those.
  "GET /api/audit": ["admin", "planner", "occupancy"],
  "PUT /api/variables/:code/publication": ["planner"],
  "PUT /api/indicators/:code/publication": ["planner"],
  "POST /api/analyses/social-index": ["planner"],
  "POST /api/analyses/typology": ["planner"],
  "GET /api/analyses/alerts": ["planner"],
  "GET /api/analyses/indices": ["planner"],
  "GET /api/analyses/indices/:code": ["planner"],
  "PUT /api/analyses/indices/:code": ["planner"],
  "POST /api/analyses/indices/:code/runs": ["planner"],
  "GET /api/analyses/indices/:code/runs": ["planner"],
  "GET /api/analyses/runs/:id": ["planner"],
  "GET /api/analyses/runs/:id/comparison": ["planner"],
  "GET /api/analyses/runs/:id/export": ["planner"],
  "GET /api/reports/templates": ["planner"],
  "GET /api/reports/templates/:code": ["planner"],
  "PUT /api/reports/templates/:code": ["planner"],
  "POST /api/reports/preview": ["planner"],
  "GET /api/reports": ALL,
  "POST /api/reports": ["planner"],
  "GET /api/reports/:code": ALL,
  "DELETE /api/reports/:code": ["planner"],
  "GET /api/reports/:code/draft": ["planner"],
  "PUT /api/reports/:code/findings": ["planner"],
  "POST /api/reports/:code/versions": ["planner"],
  "GET /api/reports/:code/versions/:version": ALL,
  "GET /api/reports/:code/comparison": ALL,
  "GET /api/accommodation/facilities": ALL,
  "GET /api/accommodation/statistic": ALL,
  "GET /api/accommodation/series": ALL,
  "GET /api/accommodation/records": ["occupancy", "planner"],
  "POST /api/accommodation/records": ["occupancy", "planner"],
  "GET /api/accommodation/federal": ["occupancy", "planner"],
  "POST /api/accommodation/facilities": ["occupancy", "planner"],
  "POST /api/accommodation/facilities/:code/capacity": ["occupancy", "planner"],
  "PATCH /api/accommodation/facilities/:code": ["occupancy", "planner"],
  "POST /api/accommodation/move-in": ["occupancy", "planner"],
  "POST /api/accommodation/move-out": ["occupancy", "planner"],
  "POST /api/accommodation/move": ["occupancy", "planner"],
  "GET /api/accommodation/check": ["occupancy", "planner"],
  "POST /api/accommodation/import": ["occupancy", "planner"],
  "POST /api/accommodation/months/:month/close": ["occupancy", "planner"],
  "POST /api/accommodation/months/:month/reopen": ["occupancy", "planner"],
  "POST /api/accommodation/federal/:year/deliver": ["occupancy", "planner"],
  "POST /api/accommodation/federal/:year/reopen": ["occupancy", "planner"],
  "GET /api/accommodation/forecast": ALL,
  "GET /api/users": ["admin"],
  "POST /api/users": ["admin"],
  "PUT /api/users/:email/role": ["admin"],
  "POST /api/users/:email/password-reset": ["admin"],
  "POST /api/users/:email/deactivation": ["admin"],
  "DELETE /api/users/:email/deactivation": ["admin"],
  "GET /api/users/role-requests": ["admin"],
  "POST /api/users/:email/role-request/confirmation": ["admin"],
  "DELETE /api/users/:email/role-request": ["admin"],
  "POST /api/users/invitations": ["admin"],
  // The invitee has no session yet: the token in the body is the credential.
  "POST /api/invitations/preview": "public",
  "POST /api/invitations/acceptance": "public",
  // Open data and the OGC API: public items after disclosure control, for everyone.
  "GET /open": "public",
  "GET /open/:workspace/levels/:level/indicators.csv": "public",
  "GET /open/:workspace/levels/:level/indicators.xlsx": "public",
  "GET /open/:workspace/levels/:level/indicators.jsonstat.json": "public",
  "GET /open/:workspace/levels/:level/indicators.geojson": "public",
  "GET /open/:workspace/indicators/:code/values": "public",
  "GET /open/:workspace/catalog.ttl": "public",
  "GET /open/:workspace/catalog.jsonld": "public",
  "GET /ogc": "public",
  "GET /ogc/conformance": "public",
  "GET /ogc/collections": "public",
  "GET /ogc/collections/:collectionId": "public",
  "GET /ogc/collections/:collectionId/items": "public",
  "GET /ogc/collections/:collectionId/items/:featureId": "public",
};

let t: TestDatabase;
let ctx: ServiceContext;
let app: FastifyInstance;
let importIdA: number;
const as: Partial<Record<Role, AuthHeaders>> = {};
let plannerB: AuthHeaders;

const catalogue = (slug: string, city: string) =>
  parseCatalogue({
    ...testCityCatalogue({
      slug,
      cityCode: city,
      districtCode: (i) => `${city}-${i}`,
      districts: 4,
      variables: ["population", "recipients"],
    }),
    indicators: [
      {
        code: "rate",
        name: "Quote",
        theme: "Soziale Lage",
        numerator: ["recipients"],
        denominator: ["population"],
        factor: 100,
        unit: "%",
        polarity: "lower_is_better",
        definition: "Leistungsberechtigte je 100 Einwohner.",
        publication: "internal",
      },
    ],
  });

const csv = (city: string) =>
  "gebiet;merkmal;jahr;wert\n" +
  [0, 1, 2, 3]
    .flatMap((i) => [
      `${city}-${i};population;2022;${1000 + i * 100}`,
      `${city}-${i};recipients;2022;${50 + i * 10}`,
    ])
    .join("\n");

beforeAll(async () => {
  t = await openTestDatabase();
  ctx = createServiceContext(t.db);
  for (const [slug, city] of [
    ["ws-a", "A"],
    ["ws-b", "B"],
  ] as const) {
    await applyCatalogue(ctx, catalogue(slug, city), SYSTEM_ACTOR);
    const report = await runImport(ctx, {
      actor: SYSTEM_ACTOR,
      workspace: await resolveWorkspace(ctx, slug),
      fileName: `${slug}.csv`,
      bytes: Buffer.from(csv(city)),
      mapping: longMapping(),
      dryRun: false,
    });
    expect(report.status).toBe("committed");
    if (slug === "ws-a") importIdA = report.importId!;
  }
  for (const role of ROLES) as[role] = await signIn(ctx, role, "ws-a");
  plannerB = await signIn(ctx, "planner", "ws-b");
  app = await buildApp({ ctx, version: "test" });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const key = (r: RouteRule) => `${r.method} ${r.url}`;
const isDocs = (r: RouteRule) => r.url.startsWith("/api/docs");

function declared(r: RouteRule): Rule {
  if (r.access.kind === "members") return r.access.roles;
  return r.access.kind;
}

/** A URL that reaches the route: path parameters filled in for workspace `ws`. */
function sampleUrl(route: string, ws: "a" | "b"): string {
  const path = route
    .replace("/api/areas/:code", `/api/areas/${ws.toUpperCase()}-1`)
    .replace("/api/imports/:id", `/api/imports/${importIdA}`)
    .replace(":workspace", `ws-${ws}`)
    .replace(":level", "district")
    .replace(":collectionId", `ws-${ws}.district`)
    .replace(":featureId", `${ws.toUpperCase()}-1`)
    .replace(":email", "niemand@test.sopla.example")
    .replace(":slug", `ws-${ws}`)
    .replace(":code", route.startsWith("/api/variables") ? "population" : "rate");
  return path.startsWith("/api/") ? `${path}?workspace=ws-${ws}` : path;
}

async function call(
  route: string,
  method: string,
  headers: AuthHeaders | undefined,
  ws: "a" | "b",
) {
  return app.inject({
    method: method as "GET",
    url: sampleUrl(route, ws),
    // An empty JSON body is invalid everywhere it is expected: a caller who is let in gets a
    // 400 and changes nothing, a caller who is not gets 401 or 403 before validation.
    ...(method === "GET" || method === "HEAD" || method === "DELETE" ? {} : { payload: {} }),
    ...(headers ? { headers } : {}),
  });
}

describe("authorization", () => {
  it("declares a rule for every route, and the rules are the product's table", () => {
    const rules = app.routeRules.filter((r) => r.method !== "HEAD" && !isDocs(r));
    expect(Object.fromEntries(rules.map((r) => [key(r), declared(r)]))).toEqual(EXPECTED);
    // HEAD routes follow their GET; the API documentation is public.
    for (const r of app.routeRules.filter((x) => x.method === "HEAD" && !isDocs(x))) {
      expect(declared(r), key(r)).toEqual(EXPECTED[`GET ${r.url}`]);
    }
    for (const r of app.routeRules.filter(isDocs)) expect(declared(r)).toBe("public");
  });

  it("refuses to start with a route that declares no rule", async () => {
    const { default: Fastify } = await import("fastify");
    const { installAccessControl } = await import("../../src/server/access.ts");
    const bare = Fastify();
    installAccessControl(bare, ctx);
    expect(() => bare.get("/api/secret", async () => "x")).toThrow(/declares no access rule/);
    await bare.close();
  });

  it("admits exactly the declared callers on every route (the full route × role matrix)", async () => {
    const before = await snapshotData(t.db);
    const failures: string[] = [];
    for (const [route, rule] of Object.entries(EXPECTED)) {
      const [method, url] = route.split(" ") as [string, string];
      if (route === "DELETE /api/session") continue; // would log the caller out; checked below
      const callers: [string, AuthHeaders | undefined][] = [
        ["anonym", undefined],
        ...ROLES.map((r) => [r, as[r]] as [string, AuthHeaders]),
      ];
      for (const [who, headers] of callers) {
        const allowed =
          rule === "public" ||
          (rule === "login" && who !== "anonym") ||
          (Array.isArray(rule) && (rule as readonly string[]).includes(who));
        for (const m of method === "GET" ? ["GET", "HEAD"] : [method]) {
          const res = await call(url, m, headers, "a");
          const denied = res.statusCode === 401 || res.statusCode === 403;
          const expectedStatus = who === "anonym" ? 401 : 403;
          if (allowed && denied)
            failures.push(`${m} ${url} as ${who}: ${res.statusCode} ${res.body}`);
          if (!allowed && res.statusCode !== expectedStatus) {
            failures.push(
              `${m} ${url} as ${who}: expected ${expectedStatus}, got ${res.statusCode}`,
            );
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it("lets nobody of workspace A read or change anything of workspace B, and the reverse", async () => {
    const before = await snapshotData(t.db);
    const failures: string[] = [];
    for (const [route, rule] of Object.entries(EXPECTED)) {
      if (!Array.isArray(rule)) continue;
      const [method, url] = route.split(" ") as [string, string];
      for (const role of ROLES) {
        const res = await call(url, method, as[role], "b");
        if (res.statusCode !== 403)
          failures.push(`${route} as ${role} of A in B: ${res.statusCode}`);
        expect(res.body).not.toMatch(/B-\d/);
      }
      const res = await call(url, method, plannerB, "a");
      if (res.statusCode !== 403) failures.push(`${route} as planner of B in A: ${res.statusCode}`);
      expect(res.body).not.toMatch(/A-\d/);
    }
    expect(failures).toEqual([]);
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it("answers a member of B with B's data only, even when asking for A's ids", async () => {
    const areas = await app.inject({ url: "/api/areas", headers: plannerB });
    expect(areas.statusCode).toBe(200);
    const codes = areas.json<{ code: string }[]>().map((a) => a.code);
    expect(codes).toContain("B-1");
    expect(codes.some((c) => c.startsWith("A"))).toBe(false);
    // The import run of A exists, but not for B.
    const run = await app.inject({ url: `/api/imports/${importIdA}`, headers: plannerB });
    expect(run.statusCode).toBe(404);
    const audit = await app.inject({ url: "/api/audit?limit=500", headers: plannerB });
    expect(audit.statusCode).toBe(200);
    expect(audit.body).not.toMatch(/"A-\d"|a\.csv/);
  });

  it("refuses writes into another workspace and changes nothing there", async () => {
    const before = await snapshotData(t.db);
    const mp = multipartBody([
      { name: "mapping", value: JSON.stringify(longMapping()) },
      { name: "file", filename: "x.csv", content: csv("B").replaceAll(";2022;", ";2023;") },
    ]);
    const upload = await app.inject({
      method: "POST",
      url: "/api/imports?workspace=ws-b",
      headers: { ...as.planner!, "content-type": mp.contentType },
      payload: mp.body,
    });
    expect(upload.statusCode).toBe(403);
    const publish = await app.inject({
      method: "PUT",
      url: "/api/indicators/rate/publication?workspace=ws-b",
      headers: as.planner!,
      payload: { publication: "public" },
    });
    expect(publish.statusCode).toBe(403);
    // A contributor of A may not publish in A either.
    const own = await app.inject({
      method: "PUT",
      url: "/api/indicators/rate/publication?workspace=ws-a",
      headers: as.contributor!,
      payload: { publication: "public" },
    });
    expect(own.statusCode).toBe(403);
    expect(await snapshotData(t.db)).toEqual(before);
  });

  it("shows values without disclosure control to planners only", async () => {
    const url = "/api/indicators/rate/values?workspace=ws-a&disclosure=off";
    expect((await app.inject({ url, headers: as.planner! })).statusCode).toBe(200);
    for (const role of ["admin", "contributor", "occupancy", "viewer"] as const) {
      const res = await app.inject({ url, headers: as[role]! });
      expect(res.statusCode, role).toBe(403);
      expect(res.json<{ error: { code: string } }>().error.code).toBe("forbidden");
    }
    const series = "/api/indicators/rate/series?workspace=ws-a&area=A-1&disclosure=off";
    expect((await app.inject({ url: series, headers: as.viewer! })).statusCode).toBe(403);
  });

  it("keeps an account with a one-time password out of the data until it sets its own", async () => {
    const { addUser } = await import("../../src/services/access/users.ts");
    const { login } = await import("../../src/services/access/sessions.ts");
    const acc = await addUser(
      ctx,
      { email: "neu@test.sopla.example", displayName: "Neu", workspace: "ws-a", role: "viewer" },
      SYSTEM_ACTOR,
    );
    const s = await login(ctx, {
      email: acc.email,
      password: acc.oneTimePassword,
      clientAddress: "test",
    });
    const res = await app.inject({
      url: "/api/indicators",
      headers: { cookie: `sopla_session=${s.token}` },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json<{ error: { code: string } }>().error.code).toBe("password_change_required");
  });

  it("asks a member of several workspaces to choose one", async () => {
    const { setRole } = await import("../../src/services/access/users.ts");
    const viewer = await signIn(ctx, "viewer", "ws-a");
    const session = await app.inject({ url: "/api/session", headers: viewer });
    const email = session.json<{ email: string }>().email;
    await setRole(ctx, { email, workspace: "ws-b", role: "viewer" }, SYSTEM_ACTOR);
    const res = await app.inject({ url: "/api/areas", headers: viewer });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { code: string } }>().error.code).toBe("workspace_required");
    expect(
      (await app.inject({ url: "/api/areas?workspace=ws-b", headers: viewer })).statusCode,
    ).toBe(200);
  });

  it("logs out with DELETE /api/session, after which the cookie opens nothing", async () => {
    const viewer = await signIn(ctx, "viewer", "ws-a");
    expect((await app.inject({ url: "/api/areas", headers: viewer })).statusCode).toBe(200);
    const out = await app.inject({ method: "DELETE", url: "/api/session", headers: viewer });
    expect(out.statusCode).toBe(204);
    expect((await app.inject({ url: "/api/areas", headers: viewer })).statusCode).toBe(401);
    const anonymous = await app.inject({ method: "DELETE", url: "/api/session" });
    expect(anonymous.statusCode).toBe(204);
  });
});
