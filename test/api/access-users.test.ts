/** Accounts on both engines: creation with a one-time password, roles, password reset. */
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyCatalogue, parseCatalogue } from "../../src/services/data/apply-catalogue.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { verifyPassword } from "../../src/services/access/passwords.ts";
import {
  addUser,
  ensureFirstAdmin,
  listUsers,
  resetPassword,
  setRole,
} from "../../src/services/access/users.ts";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { sql } from "drizzle-orm";
import { insertUser } from "../../src/storage/users.repo.ts";
import { appUser, auditEvent } from "../../src/storage/schema.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

let t: TestDatabase;
let ctx: ServiceContext;

const storedHash = async (email: string) =>
  (await t.db.orm.select().from(appUser).where(eq(appUser.email, email)))[0]?.passwordHash ?? "";

beforeAll(async () => {
  t = await openTestDatabase();
  ctx = createServiceContext(t.db);
  for (const slug of ["nord", "sued"]) {
    await applyCatalogue(ctx, parseCatalogue({ workspace: { slug, name: slug } }), SYSTEM_ACTOR);
  }
});
afterAll(async () => t.close());

describe("accounts", () => {
  it("creates the first administrator once, with the admin role in every workspace", async () => {
    const first = await ensureFirstAdmin(ctx, "Admin@Sopla.localhost");
    if (first?.kind !== "created") throw new Error("no first administrator");
    expect(first.email).toBe("admin@sopla.localhost");
    expect(
      await verifyPassword(await storedHash("admin@sopla.localhost"), first.oneTimePassword),
    ).toBe(true);
    expect((await listUsers(ctx)).map((m) => [m.workspace, m.email, m.role])).toEqual([
      ["nord", "admin@sopla.localhost", "admin"],
      ["sued", "admin@sopla.localhost", "admin"],
    ]);
    expect((await listUsers(ctx)).every((m) => m.installationAdmin)).toBe(true);
    expect(await ensureFirstAdmin(ctx, "admin@sopla.localhost")).toBeNull();
  });

  it("creates an account with a one-time password that must be changed", async () => {
    const acc = await addUser(
      ctx,
      {
        email: " Anna.Schmidt@Stadt.example ",
        displayName: "Anna Schmidt",
        workspace: "nord",
        role: "planner",
      },
      SYSTEM_ACTOR,
    );
    expect(acc.email).toBe("anna.schmidt@stadt.example");
    expect(await verifyPassword(await storedHash(acc.email), acc.oneTimePassword)).toBe(true);
    expect((await listUsers(ctx, "nord")).filter((m) => m.role !== "admin")).toEqual([
      {
        email: "anna.schmidt@stadt.example",
        displayName: "Anna Schmidt",
        workspace: "nord",
        role: "planner",
        mustChangePassword: true,
        disabled: false,
        installationAdmin: false,
        pendingRole: null,
      },
    ]);
  });

  it.each([
    [{ email: "anna.schmidt@stadt.example", role: "viewer" }, "conflict"],
    [{ email: "keine-adresse", role: "viewer" }, "invalid_input"],
    [{ email: "b@stadt.example", role: "chef" }, "invalid_input"],
    [{ email: "c@stadt.example", role: "viewer", workspace: "west" }, "not_found"],
  ])("refuses %j with %s", async (input, code) => {
    await expect(
      addUser(ctx, { displayName: "X", workspace: "nord", ...input }, SYSTEM_ACTOR),
    ).rejects.toMatchObject({ code });
  });

  it("gives a role in a second workspace and changes a role", async () => {
    await setRole(
      ctx,
      { email: "anna.schmidt@stadt.example", workspace: "sued", role: "viewer" },
      SYSTEM_ACTOR,
    );
    await setRole(
      ctx,
      { email: "anna.schmidt@stadt.example", workspace: "nord", role: "admin" },
      SYSTEM_ACTOR,
    );
    const all = (await listUsers(ctx)).filter((m) => m.email.startsWith("anna"));
    expect(all.map((m) => [m.workspace, m.role])).toEqual([
      ["nord", "admin"],
      ["sued", "viewer"],
    ]);
  });

  it("resets a password: the old one stops working", async () => {
    const email = "anna.schmidt@stadt.example";
    const before = await storedHash(email);
    const fresh = await resetPassword(ctx, email, SYSTEM_ACTOR);
    const after = await storedHash(email);
    expect(after).not.toBe(before);
    expect(await verifyPassword(after, fresh)).toBe(true);
    await expect(resetPassword(ctx, "niemand@stadt.example", SYSTEM_ACTOR)).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("makes the first administrator of an older installation its installation administrator (migration 0008)", async () => {
    // As the first start before migration 0008 left it: an admin without the flag, and the
    // audit event of its creation.
    await insertUser(t.db.orm, {
      email: "erster@alt.example",
      displayName: "Administration",
      passwordHash: "x",
    });
    await insertUser(t.db.orm, {
      email: "zweiter@alt.example",
      displayName: "B",
      passwordHash: "x",
    });
    await t.db.orm.insert(auditEvent).values({
      at: new Date(),
      actor: "system",
      action: "create",
      entity: "user",
      entityKey: "erster@alt.example",
      after: { displayName: "Administration", role: "admin", firstStart: true },
    });
    const migration = readFileSync(
      resolve(
        import.meta.dirname,
        "../../src/storage/migrations/0008_installation_admin_and_role_requests.sql",
      ),
      "utf8",
    );
    const update = migration.split("--> statement-breakpoint").at(-1)!;
    expect(update).toMatch(/^\s*-- .*\nUPDATE "app_user"/);
    await t.db.orm.execute(sql.raw(update));
    const flags = await t.db.orm
      .select({ email: appUser.email, flag: appUser.installationAdmin })
      .from(appUser)
      .where(sql`${appUser.email} like '%@alt.example'`)
      .orderBy(appUser.email);
    expect(flags).toEqual([
      { email: "erster@alt.example", flag: true },
      { email: "zweiter@alt.example", flag: false },
    ]);
  });
});
