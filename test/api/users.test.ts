/** Accounts on both engines: creation with a one-time password, roles, password reset. */
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyCatalogue, parseCatalogue } from "../../src/services/apply-catalogue.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { verifyPassword } from "../../src/services/passwords.ts";
import {
  addUser,
  ensureFirstAdmin,
  listUsers,
  resetPassword,
  setRole,
} from "../../src/services/users.ts";
import { appUser } from "../../src/storage/schema.ts";
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
});
