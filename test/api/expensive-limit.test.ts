/**
 * The limit per user on expensive routes, over real sockets on both engines: one viewer with
 * many connections on the accommodation series gets 429 with Retry-After and the envelope for
 * what goes beyond their share, while another user and the health check are served; a slot is
 * given back when a handler fails. Then the mechanism on its own, with a route that waits
 * until the test lets it go: exactly two run, four wait, the rest are refused at once.
 */
import Fastify, { type FastifyInstance } from "fastify";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../src/cli/demo.ts";
import { buildApp } from "../../src/server/app.ts";
import { installErrorHandler } from "../../src/server/error-handler.ts";
import { DEFAULT_EXPENSIVE_LIMIT, installExpensiveLimit } from "../../src/server/expensive.ts";
import { createServiceContext } from "../../src/services/context.ts";
import type { SessionUser } from "../../src/services/access/sessions.ts";
import { signIn, type AuthHeaders } from "../support/sign-in.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: "127.0.0.1", port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

interface Envelope {
  error: { code: string; message: string };
}

describe("expensive routes of the real app", () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let tight: FastifyInstance;
  let base: string;
  let tightBase: string;
  let viewer: AuthHeaders;
  let planner: AuthHeaders;

  beforeAll(async () => {
    t = await openTestDatabase();
    const ctx = createServiceContext(t.db);
    await seedDemo(ctx);
    viewer = await signIn(ctx, "viewer", "flensburg");
    planner = await signIn(ctx, "planner", "flensburg");
    app = await buildApp({ ctx, version: "test" });
    base = await listen(app);
    // A small budget, so that a test shows it spent and given back within seconds (the
    // series are cached, so one answer costs about a millisecond).
    tight = await buildApp({
      ctx,
      version: "test",
      expensiveLimit: { ...DEFAULT_EXPENSIVE_LIMIT, budgetMs: 3, refillPerMs: 0.05 },
    });
    tightBase = await listen(tight);
  });
  afterAll(async () => {
    await app.close();
    await tight.close();
    await t.close();
  });

  const series = `/api/accommodation/series?from=2016-11&to=2026-10`;
  const get = (path: string, headers: Record<string, string> = {}, on = base) =>
    fetch(`${on}${path}`, { headers });

  it("answers one viewer's flood with 429 once their share is spent, and serves the others", async () => {
    // The history is computed once (by someone else); then each window of ten years is cut
    // from it and serialised: cheap, but not free.
    expect((await get(series, planner)).status).toBe(200);
    const windows = Array.from({ length: 40 }, (_, i) => {
      const from = new Date(Date.UTC(2015, i, 1)).toISOString().slice(0, 7);
      const to = new Date(Date.UTC(2015, i + 119, 1)).toISOString().slice(0, 7);
      return `/api/accommodation/series?from=${from}&to=${to}`;
    });
    const flood = await Promise.all(windows.map((w) => get(w, viewer, tightBase)));
    const statuses = flood.map((r) => r.status);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(10);
    const refused = flood.filter((r) => r.status === 429);
    for (const r of refused) {
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      const body = (await r.json()) as Envelope;
      expect(body.error.code).toBe("too_many_requests");
      expect(body.error.message).toMatch(/^(Sie haben in kurzer Zeit|Zu viele aufwendige)/);
    }
    // Others have their own share; cheap routes are not limited at all.
    expect((await get(series, planner, tightBase)).status).toBe(200);
    expect((await get("/api/health", {}, tightBase)).status).toBe(200);
    expect((await get("/api/indicators", viewer, tightBase)).status).toBe(200);
    // After the wait it names, the viewer is served again.
    const again = await get(series, viewer, tightBase);
    if (again.status === 429) {
      const seconds = Number(again.headers.get("retry-after"));
      expect(seconds).toBeLessThanOrEqual(10);
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      expect((await get(series, viewer, tightBase)).status).toBe(200);
    }
  });

  it("lets a page's few requests through together, with the default limit", async () => {
    const page = await Promise.all([
      get("/api/accommodation/statistic?month=2026-10", viewer),
      get("/api/accommodation/series?from=2025-11&to=2026-10", viewer),
      get("/api/accommodation/forecast", viewer),
    ]);
    expect(page.map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it("marks the routes that compute a lot, and documents their 429", async () => {
    const doc = (await (await get("/api/docs/json")).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const limited = Object.entries(doc.paths)
      .flatMap(([path, ops]) =>
        Object.entries(ops)
          .filter(([, op]) => "429" in op.responses)
          .map(([method]) => `${method.toUpperCase()} ${path}`),
      )
      .sort();
    expect(limited).toEqual(
      [
        "GET /api/accommodation/check",
        "GET /api/accommodation/federal",
        "GET /api/accommodation/forecast",
        "GET /api/accommodation/records",
        "GET /api/accommodation/series",
        "GET /api/accommodation/statistic",
        "GET /api/analyses/alerts",
        "GET /api/analyses/runs/{id}/comparison",
        "GET /api/analyses/runs/{id}/export",
        "GET /api/reports/{code}/comparison",
        "GET /api/reports/{code}/draft",
        "POST /api/accommodation/federal/{year}/deliver",
        "POST /api/accommodation/import",
        "POST /api/accommodation/months/{month}/close",
        "POST /api/accommodation/records",
        "POST /api/analyses/indices/{code}/runs",
        "POST /api/analyses/social-index",
        "POST /api/analyses/typology",
        "POST /api/crosswalks/{code}/apply",
        "POST /api/imports",
        "POST /api/imports/boundaries/overview",
        "POST /api/imports/preview",
        "POST /api/indicators/preview",
        "POST /api/reports/preview",
        "POST /api/reports/{code}/versions",
        // The login's own limit (ADR 0002).
        "POST /api/session",
      ].sort(),
    );
  });

  it("gives the slot back when the handler fails", async () => {
    const limit = DEFAULT_EXPENSIVE_LIMIT.concurrent + DEFAULT_EXPENSIVE_LIMIT.queued;
    for (let i = 0; i <= limit; i++) {
      const res = await get("/api/reports/gibt-es-nicht/draft", planner);
      expect(res.status).toBe(404);
    }
    expect((await get("/api/reports/sozialbericht-2021/draft", planner)).status).toBe(200);
  });
});

describe("the limit on its own", () => {
  let app: FastifyInstance;
  let base: string;
  let running = 0;
  let release: () => void = () => undefined;
  let gate = new Promise<void>((resolve) => (release = resolve));

  beforeAll(async () => {
    app = Fastify();
    app.decorateRequest("user", null);
    // A stand-in for the session hook: the header names the account.
    app.addHook("onRequest", async (request) => {
      const id = request.headers["x-user"];
      if (typeof id === "string") request.user = { userId: Number(id) } as SessionUser;
    });
    installErrorHandler(app);
    installExpensiveLimit(app, {
      concurrent: 2,
      queued: 4,
      retryAfterSeconds: 7,
      budgetMs: 60_000,
      refillPerMs: 1,
    });
    app.get("/slow", { config: { expensive: true } }, async () => {
      running++;
      await gate;
      running--;
      return { ok: true };
    });
    app.get("/cheap", async () => ({ ok: true }));
    base = await listen(app);
  });
  afterAll(async () => {
    release();
    await app.close();
  });

  it("runs two per user, queues four, refuses the rest at once with Retry-After", async () => {
    const call = (user: string) => fetch(`${base}/slow`, { headers: { "x-user": user } });
    const first = Array.from({ length: 6 }, () => call("1"));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(running).toBe(2);
    const refused = await Promise.all(Array.from({ length: 4 }, () => call("1")));
    for (const r of refused) {
      expect(r.status).toBe(429);
      expect(r.headers.get("retry-after")).toBe("7");
      expect(((await r.json()) as Envelope).error.code).toBe("too_many_requests");
    }
    // Another user has slots of their own; routes without the flag are not limited.
    const other = call("2");
    expect((await fetch(`${base}/cheap`, { headers: { "x-user": "1" } })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(running).toBe(3);
    release();
    gate = Promise.resolve();
    expect((await Promise.all([...first, other])).map((r) => r.status)).toEqual(
      Array.from({ length: 7 }, () => 200),
    );
    expect(running).toBe(0);
  });
});
