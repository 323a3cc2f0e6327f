/**
 * Fuzzing the HTTP API: random path parameters, query strings and bodies (JSON, text, bytes,
 * huge values) against every route of the OpenAPI document, as the anonymous public and as
 * every role; then a sweep of boundary values (integers at and beyond the limits of a database
 * integer, empty, non-numeric, very long and unicode text, impossible dates) through every path
 * and query parameter the document names, one at a time, the others kept valid. No request may
 * get a 5xx, every error must use the envelope, no stack trace may leak, and the data must stay
 * unchanged.
 */
import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../src/cli/demo.ts";
import { buildApp } from "../../src/server/app.ts";
import { createServiceContext } from "../../src/services/context.ts";
import { ROLES, type Role } from "../../src/core/access/roles.ts";
import { executeRows } from "../../src/storage/db.ts";
import { sql } from "drizzle-orm";
import { setInstallationAdministrator } from "../../src/services/access/users.ts";
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import { signIn, type AuthHeaders } from "../support/sign-in.ts";
import { snapshotData } from "../support/snapshot.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

let t: TestDatabase;
let app: FastifyInstance;
let routes: { method: string; path: string; params: string[] }[];
const callers: (AuthHeaders | undefined)[] = [undefined];
const callerByRole = new Map<Role, AuthHeaders>();
/** An installation administrator (of no workspace role beyond viewer). */
let installationCaller: AuthHeaders;

interface Parameter {
  readonly in: "path" | "query";
  readonly name: string;
  readonly required: boolean;
}
interface Operation {
  readonly method: string;
  readonly path: string;
  readonly parameters: readonly Parameter[];
}
let operations: Operation[];

const QUERY_KEYS = [
  "workspace",
  "level",
  "period",
  "area",
  "variable",
  "system",
  "parent",
  "at",
  "limit",
  "offset",
  "geometry",
  "format",
  "disclosure",
  "dialect",
  "bbox",
  "datetime",
  "f",
  "entity",
  "key",
  "actor",
  "action",
  "from",
  "to",
];

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 50 }),
  fc.constantFrom(
    "",
    " ",
    "null",
    "-1",
    "0",
    "1e309",
    "NaN",
    "../../etc/passwd",
    "'; DROP TABLE area; --",
    "%00",
    "2021-02-30",
    "STGT01",
    "flensburg",
    "district",
    "2021",
    "sgb2_rate",
    "true",
  ),
  fc.integer().map(String),
  fc.double().map(String),
  fc.nat(20_000).map((n) => "x".repeat(n)),
);

beforeAll(async () => {
  t = await openTestDatabase();
  const ctx = createServiceContext(t.db);
  await seedDemo(ctx);
  for (const role of ROLES) {
    const auth = await signIn(ctx, role, "flensburg");
    callerByRole.set(role, auth);
    callers.push(auth);
  }
  app = await buildApp({ ctx, version: "fuzz" });
  installationCaller = await signIn(ctx, "viewer", "flensburg");
  const own = await app.inject({ url: "/api/session", headers: installationCaller });
  await setInstallationAdministrator(ctx, own.json<{ email: string }>().email, true, SYSTEM_ACTOR);
  const doc = (await app.inject({ url: "/api/docs/json" })).json<{
    paths: Record<string, Record<string, { parameters?: Parameter[] }>>;
  }>();
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      parameters: (op.parameters ?? []).map((p) => ({
        in: p.in,
        name: p.name,
        required: p.in === "path" || p.required,
      })),
    })),
  );
  routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((method) => ({
      method: method.toUpperCase(),
      path,
      params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
    })),
  );
  routes.push(
    { method: "GET", path: "/kennzahlen", params: [] },
    { method: "GET", path: "/", params: [] },
  );
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe("fuzzing every route", () => {
  it("finds the routes of the API", () => {
    expect(routes.length).toBeGreaterThanOrEqual(18);
  });

  it("never answers 5xx, always with the envelope, and changes no data", async () => {
    const before = await snapshotData(t.db);
    const statuses = new Map<number, number>();
    const request = fc.record({
      route: fc.nat(),
      caller: fc.nat(),
      params: fc.array(nasty, { minLength: 3, maxLength: 3 }),
      query: fc.dictionary(
        fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 10 })),
        nasty,
        {
          maxKeys: 5,
        },
      ),
      body: fc.oneof(
        fc.constant(undefined),
        fc.jsonValue().map((v) => ({ type: "application/json", payload: JSON.stringify(v) })),
        fc.string().map((s) => ({ type: "application/json", payload: s })),
        fc.uint8Array({ maxLength: 2000 }).map((b) => ({
          type: "application/octet-stream",
          payload: Buffer.from(b),
        })),
        fc.string().map((s) => ({ type: "multipart/form-data; boundary=x", payload: s })),
        fc.nat(3_000_000).map((n) => ({ type: "application/json", payload: `"${"a".repeat(n)}"` })),
      ),
    });
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const route = routes[r.route % routes.length]!;
        let url = route.path;
        route.params.forEach((p, i) => {
          url = url.replace(`{${p}}`, encodeURIComponent(r.params[i]!));
        });
        const qs = new URLSearchParams(r.query).toString();
        // Logging out would end the caller's session for the rest of the run.
        const caller =
          route.method === "DELETE" && route.path === "/api/session"
            ? undefined
            : callers[r.caller % callers.length];
        const res = await app.inject({
          method: route.method as "GET",
          url: qs ? `${url}?${qs}` : url,
          headers: {
            ...caller,
            ...(r.body ? { "content-type": r.body.type } : {}),
          },
          ...(r.body ? { payload: r.body.payload } : {}),
        });
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        expect(
          res.statusCode,
          `${route.method} ${url}?${qs} → ${res.body.slice(0, 300)}`,
        ).toBeLessThan(500);
        expect(res.body).not.toMatch(/at [\w.<>]+ \(.*:\d+:\d+\)/);
        if (res.statusCode >= 400) {
          const body = res.json<{ error?: { code?: unknown; message?: unknown } }>();
          expect(typeof body.error?.code).toBe("string");
          expect(typeof body.error?.message).toBe("string");
        }
      }),
      { numRuns: 2000, seed: 20261124 },
    );
    // The run reached the routes themselves, not only the doors in front of them.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(50);
    expect(statuses.get(401) ?? 0).toBeGreaterThan(20);
    expect(statuses.get(403) ?? 0).toBeGreaterThan(20);
    expect(await snapshotData(t.db)).toEqual(before);
  });
});

/** Values at and beyond the edges of what a parameter may hold. */
const BOUNDARY_VALUES = [
  "-1",
  "0",
  "1",
  "1.5",
  "2147483647",
  "2147483648",
  "-2147483649",
  "9007199254740993",
  "1e309",
  "9".repeat(400),
  "",
  "abc",
  "ä€😀𝕊",
  "\u0000",
  "x".repeat(5000),
  "0000-01-01",
  "9999-12-31T23:59:59Z",
  "0000-01",
];

/** A valid value for each parameter, so that the one being swept is the only wrong one. */
function validValue(op: Operation, p: Parameter): string {
  // Writes get parameters that name nothing, so no sweep request can change data.
  if (op.method !== "GET") return p.name === "workspace" ? "flensburg" : "sweep-none";
  const on = (prefix: string) => op.path.startsWith(prefix);
  switch (p.name) {
    case "workspace":
      return "flensburg";
    case "level":
      return "district";
    case "code":
      if (on("/api/areas/")) return "STGT01";
      if (on("/api/analyses/indices/")) return "sozialindex";
      if (on("/api/reports/templates/")) return "sozialbericht";
      if (on("/api/reports/")) return "sozialbericht-2021";
      return "population";
    case "id":
    case "version":
    case "from":
    case "to":
      if (on("/api/accommodation/")) return p.name === "from" ? "2026-01" : "2026-10";
      return "1";
    case "month":
      return "2026-10";
    case "year":
      return "2026";
    case "format":
      return on("/api/analyses/runs/") ? "csv" : "json";
    case "variable":
      return "population";
    case "area":
      return "STGT01";
    case "period":
      return "2021";
    case "collectionId":
      return collectionId;
    case "featureId":
      return "STGT01";
    default:
      return "1";
  }
}
let collectionId = "flensburg-district";

/** Row counts of the tables a request could write to. */
async function countRows(): Promise<Record<string, number>> {
  const tables = [
    "app_user",
    "membership",
    "index_definition",
    "index_run",
    "report",
    "report_version",
    "report_template",
    "facility",
    "stay",
  ];
  const rows = await executeRows<{ name: string; n: number }>(
    t.db.orm,
    sql.raw(
      tables.map((n) => `SELECT '${n}' AS name, count(*)::int AS n FROM ${n}`).join(" UNION ALL "),
    ),
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.n]));
}

describe("boundary values of every parameter", () => {
  /** The callers of the sweep: anonymous, and three roles of the demo workspace. */
  let SWEEP_CALLERS: [Role | "installation" | null, AuthHeaders | undefined][];

  /** Whether the route's access rule lets the caller reach validation at all. */
  function admits(op: Operation, role: Role | "installation" | null): boolean {
    const url = op.path.replace(/\{(\w+)\}/g, ":$1");
    const rule = app.routeRules.find((r) => r.method === op.method && r.url === url);
    if (!rule || rule.access.kind === "public") return true;
    if (role === null) return false;
    if (rule.access.kind === "installation" || role === "installation") {
      return rule.access.kind === "installation" && role === "installation";
    }
    return rule.access.kind === "login" || rule.access.roles.includes(role);
  }

  function urlOf(op: Operation, values: ReadonlyMap<Parameter, string>): string {
    let url = op.path;
    const query = new URLSearchParams();
    for (const p of op.parameters) {
      const v = values.get(p) ?? (p.required ? validValue(op, p) : undefined);
      if (v === undefined) continue;
      if (p.in === "path") url = url.replace(`{${p.name}}`, encodeURIComponent(v));
      else query.set(p.name, v);
    }
    const qs = query.toString();
    return qs ? `${url}?${qs}` : url;
  }

  beforeAll(async () => {
    SWEEP_CALLERS = [
      [null, undefined],
      ...(["viewer", "planner", "admin"] as const).map((role): [Role, AuthHeaders | undefined] => [
        role,
        callerByRole.get(role),
      ]),
      ["installation", installationCaller],
    ];
    const collections = await app.inject({ url: "/ogc/collections?f=json" });
    collectionId =
      collections
        .json<{ collections: { id: string }[] }>()
        .collections.find((c) => c.id.endsWith("district"))?.id ?? collectionId;
  });

  it("reaches the routes with valid values, so the sweep tests more than validation", async () => {
    const statuses: string[] = [];
    for (const op of operations.filter((o) => o.method === "GET")) {
      const role = admits(op, "planner") ? "planner" : "admin";
      const workspace = op.parameters.find((p) => p.name === "workspace");
      const res = await app.inject({
        url: urlOf(op, new Map(workspace ? [[workspace, "flensburg"]] : [])),
        headers: admits(op, "installation") ? installationCaller : { ...callerByRole.get(role) },
      });
      statuses.push(`${res.statusCode} ${op.path}`);
    }
    // Only the versions of a report that has none published are missing, and the demo's logo.
    expect(statuses.filter((s) => !s.startsWith("200"))).toEqual([
      "404 /api/workspace/logo",
      "404 /api/reports/{code}/versions/{version}",
      "404 /api/reports/{code}/comparison",
    ]);
  });

  it("refuses ids and version numbers beyond a database integer with 400", async () => {
    const big = "2147483648";
    const viewer = callerByRole.get("viewer");
    const planner = callerByRole.get("planner");
    const cases: [AuthHeaders | undefined, string][] = [
      [viewer, `/api/reports/sozialbericht-2021/versions/${big}`],
      [viewer, `/api/reports/sozialbericht-2021/comparison?from=1&to=${big}`],
      [planner, `/api/reports/templates/sozialbericht?version=${big}`],
      [planner, `/api/analyses/runs/${big}`],
      [planner, `/api/analyses/runs/${big}/comparison`],
      [planner, `/api/analyses/runs/${big}/export?format=csv`],
      [planner, `/api/analyses/runs/1/comparison?with=${big}`],
      [planner, `/api/analyses/indices/sozialindex?version=${big}`],
      [planner, `/api/imports/${big}`],
    ];
    for (const [caller, url] of cases) {
      const res = await app.inject({ url, headers: { ...caller } });
      expect(res.statusCode, url).toBe(400);
      expect(res.json<{ error: { code: string } }>().error.code).toBe("invalid_request");
    }
    const run = await app.inject({
      method: "POST",
      url: "/api/analyses/indices/sozialindex/runs",
      headers: { ...planner },
      payload: { version: Number(big) },
    });
    expect(run.statusCode).toBe(400);
  });

  it("refuses the NUL character, which database text cannot hold, in URLs and JSON", async () => {
    const planner = callerByRole.get("planner");
    for (const url of ["/api/reports/a%00b", "/api/audit?key=%00", "/open/a%00/catalog.ttl"]) {
      const res = await app.inject({ url, headers: { ...planner } });
      expect(res.statusCode, url).toBe(400);
      expect(res.json<{ error: { code: string } }>().error.code).toBe("bad_url");
    }
    const login = (email: string) =>
      app.inject({ method: "POST", url: "/api/session", payload: { email, password: "x" } });
    const nul = await login("a\u0000b@example.org");
    expect(nul.statusCode).toBe(400);
    expect(nul.json<{ error: { code: string } }>().error.code).toBe("invalid_input");
    // A backslash followed by "u0000" is ordinary text.
    expect((await login("a\\u0000b@example.org")).statusCode).toBe(401);
    const report = await app.inject({
      method: "POST",
      url: "/api/reports?workspace=flensburg",
      headers: { ...planner },
      payload: { code: "nul", title: "a\u0000b", template: "sozialbericht", period: "2021" },
    });
    expect(report.statusCode).toBe(400);
  });

  it("never answers 5xx for any parameter of any route, for several roles", async () => {
    const before = { data: await snapshotData(t.db), rows: await countRows() };
    const failures: string[] = [];
    let requests = 0;
    let turn = 0;
    for (const op of operations) {
      // Logging out would end the caller's session for the rest of the run.
      if (op.method === "DELETE" && op.path === "/api/session") continue;
      for (const target of op.parameters) {
        // The workspace is resolved before the access rule is checked; everything else is
        // swept by the callers the rule lets through, taking turns from value to value.
        const callers = SWEEP_CALLERS.filter(
          ([role]) => target.name === "workspace" || admits(op, role),
        );
        for (const value of BOUNDARY_VALUES) {
          const [who, caller] = callers[turn++ % callers.length]!;
          const values = new Map<Parameter, string>([[target, value]]);
          const workspace = op.parameters.find((p) => p.name === "workspace");
          if (workspace && workspace !== target) values.set(workspace, "flensburg");
          const url = urlOf(op, values);
          const res = await app.inject({
            method: op.method as "GET",
            url,
            headers: {
              ...caller,
              ...(op.method === "GET" ? {} : { "content-type": "application/json" }),
            },
            // A body no write accepts: the parameters are validated before it.
            ...(op.method === "GET" ? {} : { payload: '{"sweep":true}' }),
          });
          requests++;
          if (res.statusCode >= 500) {
            failures.push(
              `${who ?? "anonym"}: ${op.method} ${url.slice(0, 200)} → ${res.statusCode}`,
            );
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(2500);
    expect({ data: await snapshotData(t.db), rows: await countRows() }).toEqual(before);
    // Some 3,000 requests, one after another: more than the default minute on a busy machine.
  }, 240_000);
});
