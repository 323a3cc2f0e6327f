/**
 * The control channel in one process: the server's socket and the command's client, the
 * account operations and the backup through it, and what it refuses. (The same as separate
 * processes beside a real `sopla serve`: test/cli/one-process.test.ts.)
 */
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  askServer,
  controlSocketPath,
  openControlChannel,
  ServerError,
  type ControlChannel,
} from "../../src/cli/control.ts";
import { applyCatalogue, parseCatalogue } from "../../src/services/data/apply-catalogue.ts";
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { listUsers } from "../../src/services/access/users.ts";
import { auditEvent } from "../../src/storage/schema.ts";
import { testCityCatalogue } from "../support/test-city.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

const dir = mkdtempSync(join(tmpdir(), "sopla-control-"));
const path = controlSocketPath(dir);
let t: TestDatabase;
let ctx: ServiceContext;
let channel: ControlChannel;
const errors: unknown[] = [];

const ask = <N extends Parameters<typeof askServer>[1]["command"]>(
  command: N,
  input: Parameters<typeof askServer<N>>[1]["input"],
  version = "test",
) => askServer(path, { command, input, version, user: "anna" });

/** A socket file as a killed server leaves it: there, but nobody accepts on it. */
async function leftSocket(file: string): Promise<void> {
  const s = createServer().listen(file);
  await new Promise((r) => s.once("listening", r));
  // Node removes the file of a socket it closes; a killed process cannot.
  renameSync(file, `${file}.kept`);
  await new Promise((r) => s.close(r));
  renameSync(`${file}.kept`, file);
}

beforeAll(async () => {
  t = await openTestDatabase();
  ctx = createServiceContext(t.db);
  await applyCatalogue(
    ctx,
    parseCatalogue(
      testCityCatalogue({
        slug: "ctl",
        cityCode: "C",
        districtCode: (i) => `D${i}`,
        districts: 2,
        variables: ["a"],
      }),
    ),
    SYSTEM_ACTOR,
  );
  // The socket file of a killed server is replaced.
  await leftSocket(path);
  channel = await openControlChannel({
    path,
    ctx,
    version: "test",
    onError: (e) => errors.push(e),
  });
});
afterAll(async () => {
  await channel.close();
  await t.close();
});

describe("the control channel", () => {
  it("listens on a socket only its user can open", () => {
    expect(statSync(path).isSocket()).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it("adds, lists and changes accounts in the server's database, audited as the shell user", async () => {
    const added = await ask("user.add", {
      email: "Anna@Stadt.example",
      displayName: "Anna",
      role: "planner",
      workspace: undefined,
    });
    expect(added?.result).toMatchObject({ email: "anna@stadt.example", workspace: "ctl" });
    expect(added?.result.oneTimePassword).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
    expect((await listUsers(ctx)).map((u) => u.email)).toContain("anna@stadt.example");
    await ask("user.set-role", { email: "anna@stadt.example", role: "viewer", workspace: "ctl" });
    const list = await ask("user.list", { workspace: "ctl" });
    expect(list?.result).toEqual([expect.objectContaining({ role: "viewer" })]);
    const reset = await ask("user.reset-password", { email: "anna@stadt.example" });
    expect(reset?.result.oneTimePassword).not.toBe(added?.result.oneTimePassword);
    const audit = await ctx.db.orm.select().from(auditEvent);
    const anna = audit.filter((a) => a.entityKey === "anna@stadt.example");
    expect(anna.map((a) => a.action)).toEqual(["create", "update", "password_reset"]);
    expect(new Set(anna.map((a) => a.actor))).toEqual(new Set(["cli:anna"]));
  });

  it("passes a service's refusal on with its code and message", async () => {
    const refused = await ask("user.add", {
      email: "anna@stadt.example",
      displayName: "A",
      role: "viewer",
      workspace: undefined,
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ServerError);
    expect((refused as ServerError).code).toBe("conflict");
  });

  it("writes a backup at the path named, with progress per table", async () => {
    const file = join(dir, "b.sopla.gz");
    const tables: string[] = [];
    const r = await askServer(path, {
      command: "backup",
      input: { file, workspace: undefined, appVersion: "test" },
      version: "test",
      user: "anna",
      onProgress: (p) => tables.push(p.table),
    });
    expect(r?.result.file).toBe(file);
    expect(tables).toContain("app_user");
    expect(gunzipSync(readFileSync(file)).toString()).toContain("anna@stadt.example");
    const relative = await ask("backup", {
      file: "b.sopla.gz",
      workspace: undefined,
      appVersion: "test",
    }).catch((e: unknown) => e);
    expect((relative as ServerError).code).toBe("invalid_input");
  });

  it("refuses a command of another Sopla version", async () => {
    const refused = await ask("workspaces", {}, "9.9.9").catch((e: unknown) => e);
    expect((refused as ServerError).code).toBe("version_mismatch");
    expect((refused as ServerError).message).toMatch(/Server mit der neuen Version neu starten/);
    expect(errors).toEqual([]);
  });

  it("closes while a connection stays silent (it is dropped, not waited for)", async () => {
    const other = await openControlChannel({
      path: join(dir, "other.sock"),
      ctx,
      version: "test",
      onError: (e) => errors.push(e),
    });
    const silent = createConnection(other.path);
    await new Promise((r) => silent.once("connect", r));
    const ended = new Promise((r) => silent.once("close", r));
    await other.close();
    await ended;
    expect(existsSync(other.path)).toBe(false);
  });

  it("tells a command that no server listens (no socket, or one left by a killed server)", async () => {
    const none = { command: "workspaces", input: {}, version: "test", user: "x" } as const;
    expect(await askServer(join(dir, "none.sock"), none)).toBeUndefined();
    const left = join(dir, "left.sock");
    await leftSocket(left);
    expect(statSync(left).isSocket()).toBe(true);
    expect(await askServer(left, none)).toBeUndefined();
    rmSync(left);
  });
});
