/**
 * The audit log: every write is recorded with who, when, what and the state before and after,
 * readable (and filterable) by admins and planners over the API, never changeable, and free
 * of secrets.
 */
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.ts";
import { applyCatalogue, parseCatalogue } from "../../src/services/data/apply-catalogue.ts";
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { setRole } from "../../src/services/access/users.ts";
import { executeRows } from "../../src/storage/db.ts";
import { multipartBody } from "../support/multipart.ts";
import { signIn, type AuthHeaders } from "../support/sign-in.ts";
import { longMapping, testCityCatalogue } from "../support/test-city.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

let t: TestDatabase;
let ctx: ServiceContext;
let app: FastifyInstance;
let planner: AuthHeaders;
let plannerEmail: string;

interface AuditEvent {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityKey: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const auditPage = async (query: string, headers: AuthHeaders = planner) => {
  const res = await app.inject({ url: `/api/audit?${query}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ total: number; items: AuditEvent[] }>();
};

async function upload(csv: string) {
  const mp = multipartBody([
    { name: "mapping", value: JSON.stringify(longMapping()) },
    { name: "file", filename: "werte.csv", content: csv },
  ]);
  return app.inject({
    method: "POST",
    url: "/api/imports",
    headers: { ...planner, "content-type": mp.contentType },
    payload: mp.body,
  });
}

beforeAll(async () => {
  t = await openTestDatabase();
  ctx = createServiceContext(t.db);
  await applyCatalogue(
    ctx,
    parseCatalogue(
      testCityCatalogue({
        slug: "nord",
        cityCode: "N",
        districtCode: (i) => `N${i}`,
        districts: 3,
        variables: ["population"],
      }),
    ),
    SYSTEM_ACTOR,
  );
  planner = await signIn(ctx, "planner", "nord");
  app = await buildApp({ ctx, version: "test" });
  plannerEmail = (await app.inject({ url: "/api/session", headers: planner })).json<{
    email: string;
  }>().email;
  const first = await upload(
    "gebiet;merkmal;jahr;wert\nN0;population;2022;100\nN1;population;2022;200\n",
  );
  expect(first.statusCode).toBe(201);
  const correction = await upload("gebiet;merkmal;jahr;wert\nN0;population;2022;110\n");
  expect(correction.statusCode).toBe(201);
  const rejected = await upload("gebiet;merkmal;jahr;wert\nXX;population;2022;1\n");
  expect(rejected.statusCode).toBe(422);
  const publish = await app.inject({
    method: "PUT",
    url: "/api/variables/population/publication",
    headers: planner,
    payload: { publication: "public" },
  });
  expect(publish.statusCode).toBe(200);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe("audit log", () => {
  it("records the catalogue with each entity's state after creation", async () => {
    const page = await auditPage("entity=variable&key=population&action=create");
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      actor: "system",
      before: null,
      after: expect.objectContaining({ name: "Merkmal population", publication: "internal" }),
    });
  });

  it("records a publication change with who, before and after", async () => {
    const page = await auditPage("entity=variable&action=publish");
    expect(page.items).toEqual([
      expect.objectContaining({
        actor: plannerEmail,
        entityKey: "population",
        before: { publication: "internal" },
        after: { publication: "public" },
      }),
    ]);
  });

  it("records imports, with each corrected value before and after, and rejected ones", async () => {
    const imports = await auditPage("entity=import_run");
    expect(imports.items.map((e) => e.action)).toEqual(["import_rejected", "import", "import"]);
    const correction = imports.items[1]!;
    expect(correction.actor).toBe(plannerEmail);
    expect(correction.after).toMatchObject({
      fileName: "werte.csv",
      newObservations: 0,
      revisedObservations: 1,
      revisions: [
        {
          variable: "population",
          area: "N0",
          period: "2022",
          before: { value: 100, status: "final", revision: 1 },
          after: { value: 110, status: "final", revision: 2 },
        },
      ],
    });
  });

  it("records logins and account changes, never a password, hash or token", async () => {
    await setRole(ctx, { email: plannerEmail, workspace: "nord", role: "planner" }, SYSTEM_ACTOR);
    const logins = await auditPage(`entity=session&actor=${encodeURIComponent(plannerEmail)}`);
    expect(logins.items.map((e) => e.action)).toContain("login");
    const all = await auditPage("limit=500");
    const text = JSON.stringify(all.items);
    expect(text).not.toMatch(/\$argon2/);
    expect(text).not.toContain(planner.cookie.split("=")[1]!);
    expect(text).not.toContain(planner["x-csrf-token"]);
    expect(text).not.toMatch(/password"\s*:\s*"/i);
    expect(all.items.map((e) => e.action)).toEqual(
      expect.arrayContaining(["create", "login", "password_change", "update"]),
    );
  });

  it("filters by time and pages newest first", async () => {
    const all = await auditPage("limit=500");
    expect(all.total).toBe(all.items.length);
    const times = all.items.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    const page = await auditPage("limit=2&offset=1");
    expect(page.items.map((e) => e.id)).toEqual(all.items.slice(1, 3).map((e) => e.id));
    expect((await auditPage("from=2999-01-01")).total).toBe(0);
    expect((await auditPage("to=2000-01-01")).total).toBe(0);
    const middle = all.items[Math.floor(all.items.length / 2)]!.at;
    const after = await auditPage(`from=${encodeURIComponent(middle)}&limit=500`);
    expect(after.items.every((e) => e.at >= middle)).toBe(true);
  });

  it("answers a bad filter with 400 and names it", async () => {
    for (const q of ["from=gestern", "limit=0", "action=erase", "colour=blue"]) {
      const res = await app.inject({ url: `/api/audit?${q}`, headers: planner });
      expect(res.statusCode, q).toBe(400);
    }
  });

  it("cannot be changed or emptied, not even with SQL", async () => {
    const count = async () =>
      (
        await executeRows<{ n: number }>(t.db.orm, sql`SELECT count(*)::int AS n FROM audit_event`)
      )[0]!.n;
    const before = await count();
    await expect(t.db.orm.execute(sql`UPDATE audit_event SET actor = 'niemand'`)).rejects.toThrow();
    await expect(t.db.orm.execute(sql`DELETE FROM audit_event`)).rejects.toThrow();
    await expect(t.db.orm.execute(sql`TRUNCATE audit_event`)).rejects.toThrow();
    expect(await count()).toBe(before);
  });

  it("records a catalogue of 8,000 areas (more rows than one statement may carry)", async () => {
    // 8,000 audit rows × 9 parameters is past PostgreSQL's 65,535 parameters per statement.
    const catalogue = testCityCatalogue({
      slug: "grossstadt",
      cityCode: "G0",
      districtCode: (i) => `G${i + 1}`,
      districts: 8000,
      variables: ["population"],
    });
    await applyCatalogue(ctx, parseCatalogue(catalogue), SYSTEM_ACTOR);
    const [row] = await executeRows<{ n: number }>(
      t.db.orm,
      sql`SELECT count(*)::int AS n FROM audit_event WHERE entity = 'area' AND entity_key LIKE 'G%'`,
    );
    expect(row!.n).toBeGreaterThanOrEqual(8000);
  });
});
