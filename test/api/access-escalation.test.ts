/**
 * The escalation paths of the security review of 2026-12-07 (defects 2, 7, 8, 14, 15 and 16),
 * tried over real HTTP (a listening server and `fetch`, as a browser or a script would) on the
 * test engine (PGlite, or PostgreSQL with SOPLA_TEST_DB=postgres). Two workspaces, `nord` and
 * `sued`, and an account that belongs to both. Where roles differ, the test compares what each
 * gets from the same route, not only the status. The rules are those of ADR 0007.
 */
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.ts";
import { purgeExpiredRecords } from "../../src/services/accommodation/retention.ts";
import { applyCatalogue, parseCatalogue } from "../../src/services/data/apply-catalogue.ts";
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { runImport } from "../../src/services/data/run-import.ts";
import {
  addDemoUsers,
  addUser,
  ensureFirstAdmin,
  setRole,
} from "../../src/services/access/users.ts";
import { resolveWorkspace } from "../../src/services/workspaces.ts";
import type { Role } from "../../src/core/access/roles.ts";
import { longMapping, testCityCatalogue } from "../support/test-city.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const NOW = new Date("2026-11-24T10:00:00Z");

/** A running server on a free port of 127.0.0.1, with its database. */
interface Server {
  readonly t: TestDatabase;
  readonly ctx: ServiceContext;
  readonly app: FastifyInstance;
  readonly base: string;
}

async function startServer(): Promise<Server> {
  const t = await openTestDatabase();
  const ctx = createServiceContext(t.db, { now: () => NOW });
  const app = await buildApp({ ctx, version: "test" });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { t, ctx, app, base: `http://127.0.0.1:${port}` };
}

async function stopServer(s: Server | undefined): Promise<void> {
  await s?.app.close();
  await s?.t.close();
}

interface Answer {
  readonly status: number;
  readonly body: string;
  json<T>(): T;
}

async function call(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<Answer> {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...headers,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text, json: <T>() => JSON.parse(text) as T };
}

/** A browser: logs in over HTTP, keeps the session cookie and sends the CSRF token. */
class Browser {
  private headers: Record<string, string> = {};
  constructor(
    private readonly base: string,
    readonly email: string,
  ) {}

  /** Logs in; a one-time password is replaced by `newPassword` at once, as the web app asks. */
  async logIn(password: string, newPassword = `Eigenes-${password}-Passwort`): Promise<Answer> {
    const res = await fetch(`${this.base}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: this.email, password }),
    });
    const text = await res.text();
    const answer = { status: res.status, body: text, json: <T>() => JSON.parse(text) as T };
    if (res.status !== 200) return answer;
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
    const session = answer.json<{ csrfToken: string; mustChangePassword: boolean }>();
    this.headers = { cookie, "x-csrf-token": session.csrfToken };
    if (session.mustChangePassword) {
      const change = await this.post("/api/session/password", {
        currentPassword: password,
        newPassword,
      });
      expect(change.status, change.body).toBe(204);
    }
    return answer;
  }

  get(path: string): Promise<Answer> {
    return call(this.base, "GET", path, this.headers);
  }
  post(path: string, body?: unknown): Promise<Answer> {
    return call(this.base, "POST", path, this.headers, body);
  }
  put(path: string, body: unknown): Promise<Answer> {
    return call(this.base, "PUT", path, this.headers, body);
  }
  delete(path: string): Promise<Answer> {
    return call(this.base, "DELETE", path, this.headers);
  }
}

interface Member {
  email: string;
  role: Role;
  pendingRole?: Role | null;
  installationAdmin?: boolean;
}
interface AuditItem {
  entity: string;
  entityKey: string;
  action: string;
  before: unknown;
  after: unknown;
}

const reasonOf = (a: Answer): unknown =>
  a.json<{ error: { details?: { reason?: unknown } } }>().error.details?.reason;

// ---------------------------------------------------------------------------------------------

let s: Server;
/** The installation's first administrator: admin in both workspaces. */
let root: Browser;
let adminN: Browser;
let adminN2: Browser;
let plannerN: Browser;
let occupancyN: Browser;
let contributorN: Browser;
const PASSWORD: Record<string, string> = {};

const catalogue = (slug: string, city: string) => {
  const doc = testCityCatalogue({
    slug,
    cityCode: city,
    districtCode: (i) => `${city}-${i}`,
    districts: 3,
    variables: ["population", "recipients", "unemployed"],
  });
  return parseCatalogue({
    ...doc,
    variables: doc.variables.map((v) =>
      v.code === "unemployed" ? { ...v, publication: "draft" } : v,
    ),
  });
};

/** An account made by the operator (the command line), logged in over HTTP. */
async function account(email: string, workspace: string, role: Role): Promise<Browser> {
  const created = await addUser(
    s.ctx,
    { email, displayName: email.split("@")[0]!, workspace, role },
    SYSTEM_ACTOR,
  );
  PASSWORD[email] = `Eigenes-${created.oneTimePassword}-Passwort`;
  const b = new Browser(s.base, email);
  expect((await b.logIn(created.oneTimePassword)).status).toBe(200);
  return b;
}

beforeAll(async () => {
  s = await startServer();
  for (const [slug, city] of [
    ["nord", "N"],
    ["sued", "S"],
  ] as const) {
    await applyCatalogue(s.ctx, catalogue(slug, city), SYSTEM_ACTOR);
    const rows = [0, 1, 2].flatMap((i) => [
      `${city}-${i};population;2022;${1000 + i * 100}`,
      `${city}-${i};recipients;2022;${50 + i * 10}`,
      `${city}-${i};unemployed;2022;${70 + i}`,
    ]);
    const report = await runImport(s.ctx, {
      actor: SYSTEM_ACTOR,
      workspace: await resolveWorkspace(s.ctx, slug),
      fileName: `${slug}.csv`,
      bytes: Buffer.from(`gebiet;merkmal;jahr;wert\n${rows.join("\n")}`),
      mapping: longMapping(),
      dryRun: false,
    });
    expect(report.status).toBe("committed");
  }
  const first = await ensureFirstAdmin(s.ctx, "root@sopla.example");
  if (!first || !("oneTimePassword" in first)) throw new Error("no first administrator");
  root = new Browser(s.base, "root@sopla.example");
  expect((await root.logIn(first.oneTimePassword)).status).toBe(200);

  adminN = await account("admin.nord@stadt.example", "nord", "admin");
  adminN2 = await account("admin2.nord@stadt.example", "nord", "admin");
  plannerN = await account("planung.nord@stadt.example", "nord", "planner");
  occupancyN = await account("unterkunft.nord@stadt.example", "nord", "occupancy");
  contributorN = await account("fachdienst.nord@stadt.example", "nord", "contributor");
  await account("politik.nord@stadt.example", "nord", "viewer");
  await account("planung.sued@stadt.example", "sued", "planner");
  // A member of both workspaces: viewer in nord, planner in sued.
  await account("dual@stadt.example", "nord", "viewer");
  await setRole(
    s.ctx,
    { email: "dual@stadt.example", workspace: "sued", role: "planner" },
    SYSTEM_ACTOR,
  );
}, 240_000);
afterAll(async () => stopServer(s));

const N = "?workspace=nord";

async function membersOfNord(as: Browser = root): Promise<Member[]> {
  const res = await as.get(`/api/users${N}`);
  expect(res.status, res.body).toBe(200);
  return res.json<Member[]>();
}

async function logsIn(email: string, password: string): Promise<number> {
  return (await new Browser(s.base, email).logIn(password)).status;
}

describe("defect 2: an administrator of one workspace and accounts of another", () => {
  it("cannot reset the password of an account that also belongs to another workspace", async () => {
    const res = await adminN.post(`/api/users/dual@stadt.example/password-reset`);
    expect(res.status, res.body).toBe(403);
    expect(reasonOf(res)).toBe("other_workspace");
    expect(res.body).not.toContain("oneTimePassword");
    // The account's own password still opens it; nothing else does.
    expect(await logsIn("dual@stadt.example", PASSWORD["dual@stadt.example"]!)).toBe(200);
    // The installation level may.
    const byRoot = await root.post(`/api/users/dual@stadt.example/password-reset${N}`);
    expect(byRoot.status, byRoot.body).toBe(200);
    const otp = byRoot.json<{ oneTimePassword: string }>().oneTimePassword;
    expect(await logsIn("dual@stadt.example", otp)).toBe(200);
    PASSWORD["dual@stadt.example"] = `Eigenes-${otp}-Passwort`;
  });

  it("cannot change the role of, or deactivate, an account of another workspace too", async () => {
    const role = await adminN.put(`/api/users/dual@stadt.example/role`, { role: "contributor" });
    expect(role.status, role.body).toBe(403);
    expect(reasonOf(role)).toBe("other_workspace");
    const off = await adminN.post(`/api/users/dual@stadt.example/deactivation`);
    expect(off.status, off.body).toBe(403);
    expect(reasonOf(off)).toBe("other_workspace");
    const dual = (await membersOfNord()).find((m) => m.email === "dual@stadt.example");
    expect(dual).toMatchObject({ role: "viewer", pendingRole: null });
    expect(await logsIn("dual@stadt.example", PASSWORD["dual@stadt.example"]!)).toBe(200);
  });

  it("cannot touch the installation administrator, which is admin in every workspace", async () => {
    for (const res of [
      await adminN.post(`/api/users/root@sopla.example/password-reset`),
      await adminN.put(`/api/users/root@sopla.example/role`, { role: "viewer" }),
      await adminN.post(`/api/users/root@sopla.example/deactivation`),
    ]) {
      expect(res.status, res.body).toBe(403);
      expect(["installation_account", "other_workspace"]).toContain(reasonOf(res));
    }
    const rootRow = (await membersOfNord(adminN)).find((m) => m.email === "root@sopla.example");
    expect(rootRow).toMatchObject({ role: "admin", installationAdmin: true });
  });

  it("deactivates an account of its workspace alone: its session ends at once", async () => {
    const temp = await account("aushilfe.nord@stadt.example", "nord", "viewer");
    expect((await temp.get(`/api/areas`)).status).toBe(200);
    const off = await adminN.post(`/api/users/aushilfe.nord@stadt.example/deactivation`);
    expect(off.status, off.body).toBe(200);
    expect(off.json<{ disabled: boolean }>().disabled).toBe(true);
    expect((await temp.get(`/api/areas`)).status).toBe(401);
    expect(await logsIn("aushilfe.nord@stadt.example", PASSWORD[temp.email]!)).toBe(401);
    const on = await adminN.delete(`/api/users/aushilfe.nord@stadt.example/deactivation`);
    expect(on.json<{ disabled: boolean }>().disabled).toBe(false);
    expect(await logsIn("aushilfe.nord@stadt.example", PASSWORD[temp.email]!)).toBe(200);
  });
});

describe("defect 15: creating an account does not tell whether the address exists elsewhere", () => {
  it("answers an address of another workspace like a new one, and leaves that account alone", async () => {
    const create = (email: string) =>
      adminN.post(`/api/users`, { email, displayName: "Petra Probe", role: "viewer" });
    const known = await create("planung.sued@stadt.example");
    const fresh = await create("ganz.neu@stadt.example");
    expect(known.status, known.body).toBe(201);
    expect(fresh.status, fresh.body).toBe(201);
    type Created = Record<string, unknown> & { oneTimePassword: string };
    const shape = (a: Answer) => {
      const { oneTimePassword, ...rest } = a.json<Created>();
      return { ...rest, email: null, otpLength: oneTimePassword.length };
    };
    expect(shape(known)).toEqual(shape(fresh));
    // The existing account is untouched: its password works, the answer's does not.
    expect(
      await logsIn("planung.sued@stadt.example", PASSWORD["planung.sued@stadt.example"]!),
    ).toBe(200);
    expect(await logsIn("planung.sued@stadt.example", known.json<Created>().oneTimePassword)).toBe(
      401,
    );
    // Nothing joined nord: the request waits for the installation level.
    expect((await membersOfNord()).map((m) => m.email)).not.toContain("planung.sued@stadt.example");
    const requests = await adminN2.get(`/api/users/role-requests`);
    expect(requests.json<{ email: string }[]>().map((r) => r.email)).toContain(
      "planung.sued@stadt.example",
    );
    const byAdmin = await adminN2.post(
      `/api/users/planung.sued@stadt.example/role-request/confirmation`,
    );
    expect(byAdmin.status, byAdmin.body).toBe(403);
    expect(reasonOf(byAdmin)).toBe("other_workspace");
    const byRoot = await root.post(
      `/api/users/planung.sued@stadt.example/role-request/confirmation${N}`,
    );
    expect(byRoot.status, byRoot.body).toBe(200);
    expect(byRoot.json<{ oneTimePassword: string | null }>().oneTimePassword).toBeNull();
    expect((await membersOfNord()).find((m) => m.email === "planung.sued@stadt.example")).toEqual(
      expect.objectContaining({ role: "viewer" }),
    );
  });
});

describe("defect 7: separation of duties — administrators and the records", () => {
  it("cannot change its own role", async () => {
    // An administrator of its own, so that the other tests do not depend on this one.
    const self = await account("selbst.admin@stadt.example", "nord", "admin");
    for (const role of ["planner", "occupancy", "viewer"] as const) {
      const res = await self.put(`/api/users/${self.email}/role`, { role });
      expect(res.status, res.body).toBe(403);
      expect(reasonOf(res)).toBe("own_account");
    }
    expect((await self.get(`/api/accommodation/records`)).status).toBe(403);
    const me = (await membersOfNord()).find((m) => m.email === self.email);
    expect(me).toMatchObject({ role: "admin", pendingRole: null });
  });

  it("creates a planner only as a request; the one-time password it saw never opens the records", async () => {
    const created = await adminN.post(`/api/users`, {
      email: "neue.planung@stadt.example",
      displayName: "Nora Neu",
      role: "planner",
    });
    expect(created.status, created.body).toBe(201);
    const body = created.json<{ role: Role; pendingRole: Role; oneTimePassword: string }>();
    expect(body).toMatchObject({ role: "viewer", pendingRole: "planner" });
    // The administrator logs in with the one-time password it saw: a viewer, no records.
    const alias = new Browser(s.base, "neue.planung@stadt.example");
    expect((await alias.logIn(body.oneTimePassword)).status).toBe(200);
    expect((await alias.get(`/api/accommodation/records`)).status).toBe(403);
    const own = await adminN.post(
      `/api/users/neue.planung@stadt.example/role-request/confirmation`,
    );
    expect(own.status, own.body).toBe(403);
    expect(reasonOf(own)).toBe("own_request");
    const self = await alias.post(
      `/api/users/neue.planung@stadt.example/role-request/confirmation`,
    );
    expect(self.status).toBe(403);
    // A second administrator confirms and gets the only working password.
    const confirmed = await adminN2.post(
      `/api/users/neue.planung@stadt.example/role-request/confirmation`,
    );
    expect(confirmed.status, confirmed.body).toBe(200);
    const c = confirmed.json<{ member: Member; oneTimePassword: string | null }>();
    expect(c.member).toMatchObject({ role: "planner", pendingRole: null });
    expect(c.oneTimePassword).toEqual(expect.any(String));
    // The session and the password the requester knew are gone.
    expect((await alias.get(`/api/accommodation/records`)).status).toBe(401);
    expect(
      await logsIn("neue.planung@stadt.example", `Eigenes-${body.oneTimePassword}-Passwort`),
    ).toBe(401);
    const person = new Browser(s.base, "neue.planung@stadt.example");
    expect((await person.logIn(c.oneTimePassword!)).status).toBe(200);
    expect((await person.get(`/api/accommodation/records`)).status).toBe(200);
  });

  it("makes planner, occupancy and admin a request for an existing member, and applies other roles at once", async () => {
    const requested = await adminN.put(`/api/users/politik.nord@stadt.example/role`, {
      role: "occupancy",
    });
    expect(requested.status, requested.body).toBe(202);
    expect(requested.json<Member>()).toMatchObject({ role: "viewer", pendingRole: "occupancy" });
    const viewer = new Browser(s.base, "politik.nord@stadt.example");
    await viewer.logIn(PASSWORD[viewer.email]!);
    expect((await viewer.get(`/api/accommodation/records`)).status).toBe(403);
    const list = await adminN2.get(`/api/users/role-requests`);
    expect(list.json<unknown[]>()).toContainEqual(
      expect.objectContaining({
        email: "politik.nord@stadt.example",
        role: "occupancy",
        currentRole: "viewer",
        requestedBy: adminN.email,
      }),
    );
    // The operator issued this password, not the requester: it stays.
    const confirmed = await adminN2.post(
      `/api/users/politik.nord@stadt.example/role-request/confirmation`,
    );
    expect(confirmed.json<{ oneTimePassword: string | null }>().oneTimePassword).toBeNull();
    expect((await viewer.get(`/api/accommodation/records`)).status).toBe(200);
    const back = await adminN.put(`/api/users/politik.nord@stadt.example/role`, { role: "viewer" });
    expect(back.status).toBe(200);
    expect((await viewer.get(`/api/accommodation/records`)).status).toBe(403);
  });

  it("does not let an administrator make a second administrator to confirm its own requests", async () => {
    const created = await adminN.post(`/api/users`, {
      email: "helfer@stadt.example",
      displayName: "Helfer",
      role: "admin",
    });
    expect(created.json<Member>()).toMatchObject({ role: "viewer", pendingRole: "admin" });
    const helper = new Browser(s.base, "helfer@stadt.example");
    await helper.logIn(created.json<{ oneTimePassword: string }>().oneTimePassword);
    expect((await helper.get(`/api/users`)).status).toBe(403);
    const withdrawn = await adminN.delete(`/api/users/helfer@stadt.example/role-request`);
    expect(withdrawn.status).toBe(204);
  });

  it("does not let the administrator who issued a password confirm a guarded role for it", async () => {
    const made = await adminN2.post(`/api/users`, {
      email: "zweite.hand@stadt.example",
      displayName: "Zweite Hand",
      role: "viewer",
    });
    expect(made.status).toBe(201);
    expect(
      (await adminN.put(`/api/users/zweite.hand@stadt.example/role`, { role: "planner" })).status,
    ).toBe(202);
    const byIssuer = await adminN2.post(
      `/api/users/zweite.hand@stadt.example/role-request/confirmation`,
    );
    expect(byIssuer.status, byIssuer.body).toBe(403);
    expect(reasonOf(byIssuer)).toBe("issued_password");
    const byRoot = await root.post(
      `/api/users/zweite.hand@stadt.example/role-request/confirmation${N}`,
    );
    expect(byRoot.status, byRoot.body).toBe(200);
  });

  it("resets no password of another administrator, a planner or the accommodation staff", async () => {
    for (const email of [adminN2.email, plannerN.email, occupancyN.email]) {
      const res = await adminN.post(`/api/users/${email}/password-reset`);
      expect(res.status, `${email}: ${res.body}`).toBe(403);
      expect(reasonOf(res)).toBe("guarded_account");
      expect(await logsIn(email, PASSWORD[email]!)).toBe(200);
    }
    const own = await adminN.post(`/api/users/${adminN.email}/password-reset`);
    expect(reasonOf(own)).toBe("own_account");
    // A viewer or contributor of this workspace alone: the workspace administrator may.
    await account("fachdienst.reset@stadt.example", "nord", "contributor");
    const contributor = await adminN.post(
      `/api/users/fachdienst.reset@stadt.example/password-reset`,
    );
    expect(contributor.status, contributor.body).toBe(200);
    const otp = contributor.json<{ oneTimePassword: string }>().oneTimePassword;
    expect(await logsIn("fachdienst.reset@stadt.example", otp)).toBe(200);
  });
});

describe("defect 8: the audit log shows record events only to the roles that read records", () => {
  const HOUSEHOLDS = ["HH-AUDIT-1", "HH-AUDIT-OLD"];

  beforeAll(async () => {
    const facility = (code: string) => ({
      code,
      name: `Unterkunft ${code}`,
      type: "homeless_shelter",
      operator: { name: "Stadt", kind: "municipality" },
      provision: "short_term",
      opened: "2020-01-01",
      capacity: [{ from: "2020-01-01", places: 40, units: 10 }],
    });
    for (const code of ["GU-NO", "GU-SU"]) {
      const res = await occupancyN.post(`/api/accommodation/facilities`, facility(code));
      expect(res.status, res.body).toBe(201);
    }
    const moveIn = await occupancyN.post(`/api/accommodation/move-in`, {
      household: { id: "HH-AUDIT-1", type: "single", size: 1 },
      persons: [
        {
          id: "P-AUDIT-1",
          household: "HH-AUDIT-1",
          birthYear: 1980,
          sex: "male",
          nationality: "eu",
        },
      ],
      facility: "GU-NO",
      entry: "2026-10-20",
      legalBasis: "public_order",
    });
    expect(moveIn.status, moveIn.body).toBe(201);
    const move = await occupancyN.post(`/api/accommodation/move`, {
      household: "HH-AUDIT-1",
      to: "GU-SU",
      day: "2026-11-02",
    });
    expect(move.status, move.body).toBe(201);
    const out = await occupancyN.post(`/api/accommodation/move-out`, {
      household: "HH-AUDIT-1",
      exit: "2026-11-20",
    });
    expect(out.status, out.body).toBe(201);
    const delivery = await occupancyN.post(`/api/accommodation/records`, {
      households: [{ id: "HH-AUDIT-OLD", type: "single", size: 1 }],
      persons: [
        {
          id: "P-AUDIT-OLD",
          household: "HH-AUDIT-OLD",
          birthYear: 1970,
          sex: "female",
          nationality: "german",
        },
      ],
      stays: [
        {
          id: "AU-AUDIT-OLD",
          person: "P-AUDIT-OLD",
          facility: "GU-NO",
          entry: "2021-02-01",
          exit: "2021-06-30",
          legalBasis: "public_order",
        },
      ],
    });
    expect(delivery.status, delivery.body).toBe(201);
    expect((await occupancyN.get(`/api/accommodation/records`)).status).toBe(200);
    await purgeExpiredRecords(s.ctx, await resolveWorkspace(s.ctx, "nord"), SYSTEM_ACTOR);
  });

  async function auditOf(as: Browser, query = ""): Promise<{ status: number; items: AuditItem[] }> {
    const res = await as.get(`/api/audit?workspace=nord&limit=500${query}`);
    if (res.status !== 200) return { status: res.status, items: [] };
    const page = res.json<{ total: number; items: AuditItem[] }>();
    expect(page.total).toBe(page.items.length);
    return { status: 200, items: page.items };
  }

  it("gives the planner every accommodation event, and an administrator the same route without them", async () => {
    const stays = (await auditOf(plannerN, "&entity=stay")).items;
    const kinds = new Set(stays.map((e) => `${e.action}:${e.entityKey}`));
    for (const kind of [
      "create:HH-AUDIT-1",
      "update:HH-AUDIT-1",
      "import:*",
      "read:*",
      "delete:*",
    ]) {
      expect(kinds, kind).toContain(kind);
    }
    expect(JSON.stringify(stays)).toContain("GU-NO");

    const planner = await auditOf(plannerN);
    const admin = await auditOf(adminN);
    expect(admin.status).toBe(200);
    const recordEntities = new Set(["stay", "household", "person"]);
    expect(admin.items.filter((e) => recordEntities.has(e.entity))).toEqual([]);
    const text = JSON.stringify(admin.items);
    for (const key of [...HOUSEHOLDS, "P-AUDIT-1", "2026-10-20", "moveIn", "purpose"]) {
      expect(text, key).not.toContain(key);
    }
    // The administrator misses exactly the record events, and sees everything else.
    const notRecords = planner.items.filter((e) => !recordEntities.has(e.entity));
    expect(admin.items).toEqual(notRecords);
    expect((await auditOf(adminN, "&entity=stay")).items).toEqual([]);
    expect((await auditOf(adminN, "&key=HH-AUDIT-1")).items).toEqual([]);
  });

  it("gives the accommodation staff the accommodation events only; contributors and viewers none", async () => {
    const staff = await auditOf(occupancyN);
    expect(staff.status).toBe(200);
    const entities = new Set(staff.items.map((e) => e.entity));
    expect([...entities].sort()).toEqual(["facility", "stay"]);
    expect(JSON.stringify(staff.items)).toContain("HH-AUDIT-1");
    expect(JSON.stringify(staff.items)).not.toContain("admin.nord@stadt.example");
    expect((await auditOf(contributorN)).status).toBe(403);
  });
});

describe("defect 16: raw observations of a draft variable are for planners only", () => {
  it("answers a contributor as if the draft did not exist, and gives the planner its values", async () => {
    const contributor = contributorN;
    const asPlanner = await plannerN.get(`/api/observations?variable=unemployed`);
    expect(asPlanner.status).toBe(200);
    expect(asPlanner.json<{ items: { value: number }[] }>().items.map((o) => o.value)).toEqual([
      70, 71, 72,
    ]);
    const asContributor = await contributor.get(`/api/observations?variable=unemployed`);
    expect(asContributor.status, asContributor.body).toBe(404);
    const missing = await contributor.get(`/api/observations?variable=gibt_es_nicht`);
    expect(asContributor.json<{ error: { code: string } }>().error.code).toBe(
      missing.json<{ error: { code: string } }>().error.code,
    );
    // Unfiltered, the draft's values are left out for the contributor only.
    const all = async (b: Browser) =>
      (await b.get(`/api/observations?limit=1000`)).json<{ items: { variable: string }[] }>().items;
    const plannerVariables = new Set((await all(plannerN)).map((o) => o.variable));
    const contributorVariables = new Set((await all(contributor)).map((o) => o.variable));
    expect([...plannerVariables].sort()).toEqual(["population", "recipients", "unemployed"]);
    expect([...contributorVariables].sort()).toEqual(["population", "recipients"]);
    const history = await contributor.get(
      `/api/observations/history?variable=unemployed&area=N-0&period=2022`,
    );
    expect(history.status).toBe(404);
    expect(
      (await plannerN.get(`/api/observations/history?variable=unemployed&area=N-0&period=2022`))
        .status,
    ).toBe(200);
  });
});

describe("defect 14: with the demo accounts, the installation still gets its own administrator", () => {
  let demo: Server | undefined;
  afterAll(async () => stopServer(demo));

  it("creates the first administrator after the demo accounts, and the demo administrator cannot manage it", async () => {
    demo = await startServer();
    await applyCatalogue(
      demo.ctx,
      parseCatalogue({ workspace: { slug: "flensburg", name: "Flensburg" } }),
      SYSTEM_ACTOR,
    );
    const file = JSON.parse(readFileSync(join(ROOT, "demo/flensburg/users.json"), "utf8")) as {
      users: { email: string; name: string; role: string; password: string }[];
    };
    await addDemoUsers(demo.ctx, "flensburg", file.users, SYSTEM_ACTOR);
    // The order of `sopla serve`: the demo first, then the first administrator.
    const first = await ensureFirstAdmin(demo.ctx, "admin@sopla.localhost");
    expect(first).toMatchObject({ email: "admin@sopla.localhost" });
    if (!first || !("oneTimePassword" in first)) throw new Error("no first administrator");
    const admin = new Browser(demo.base, "admin@sopla.localhost");
    expect((await admin.logIn(first.oneTimePassword)).status).toBe(200);

    const demoAdmin = new Browser(demo.base, "verwaltung@demo.sopla.example");
    expect((await demoAdmin.logIn("Demo-Verwaltung-2026")).status).toBe(200);
    const list = (await demoAdmin.get(`/api/users`)).json<Member[]>();
    expect(
      list.filter((m) => m.role === "admin").map((m) => [m.email, m.installationAdmin]),
    ).toEqual([
      ["admin@sopla.localhost", true],
      ["verwaltung@demo.sopla.example", false],
    ]);
    for (const res of [
      await demoAdmin.post(`/api/users/admin@sopla.localhost/password-reset`),
      await demoAdmin.put(`/api/users/admin@sopla.localhost/role`, { role: "viewer" }),
      await demoAdmin.post(`/api/users/planung@demo.sopla.example/password-reset`),
    ]) {
      expect(res.status, res.body).toBe(403);
    }
    // What the demo administrator grants that reads records waits for a second person.
    const grant = await demoAdmin.put(`/api/users/politik@demo.sopla.example/role`, {
      role: "planner",
    });
    expect(grant.status, grant.body).toBe(202);
  });
});
