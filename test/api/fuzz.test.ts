/**
 * Fuzzing the HTTP API: random path parameters, query strings and bodies (JSON, text, bytes,
 * huge values) against every route of the OpenAPI document, as the anonymous public and as
 * every role. No request may get a 5xx, every error must use the envelope, no stack trace may
 * leak, and the data must stay unchanged.
 */
import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../src/cli/demo.ts";
import { buildApp } from "../../src/server/app.ts";
import { createServiceContext } from "../../src/services/context.ts";
import { ROLES } from "../../src/storage/schema.ts";
import { signIn, type AuthHeaders } from "../support/sign-in.ts";
import { snapshotData } from "../support/snapshot.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

let t: TestDatabase;
let app: FastifyInstance;
let routes: { method: string; path: string; params: string[] }[];
const callers: (AuthHeaders | undefined)[] = [undefined];

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
  for (const role of ROLES) callers.push(await signIn(ctx, role, "flensburg"));
  app = await buildApp({ ctx, version: "fuzz" });
  const doc = (await app.inject({ url: "/api/docs/json" })).json<{
    paths: Record<string, Record<string, unknown>>;
  }>();
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
      { numRuns: 1200, seed: 20261124 },
    );
    // The run reached the routes themselves, not only the doors in front of them.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(50);
    expect(statuses.get(401) ?? 0).toBeGreaterThan(20);
    expect(statuses.get(403) ?? 0).toBeGreaterThan(20);
    expect(await snapshotData(t.db)).toEqual(before);
  });
});
