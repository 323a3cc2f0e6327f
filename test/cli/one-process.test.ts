/**
 * One process per embedded data folder, as an operator meets it: `sopla serve` runs in the
 * background on a PGlite folder, and other `sopla` commands are started beside it. A second
 * server is refused; account commands and the backup run inside the server (its control
 * socket), so what they write is what the server sees; commands that would open the folder a
 * second time are refused with what to do instead; after `kill -9` the next process takes the
 * folder over. Before the lock, each of these lost acknowledged writes (review of 2026-12-07).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, sopla, SOPLA, startServer, type Server } from "../support/sopla-process.ts";

const DEMO = resolve(import.meta.dirname, "../../demo/flensburg");
const dir = mkdtempSync(join(tmpdir(), "sopla-one-"));
const env = { SOPLA_DATA_DIR: dir, DATABASE_URL: "", SOPLA_DEMO: "off" };
const lockFile = join(dir, "pgdata.lock");
const socket = join(dir, "control.sock");
let server: Server;

const login = (s: Server, email: string, password: string) =>
  fetch(`${s.url}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });

beforeAll(async () => {
  const cat = sopla(env, "catalogue", "apply", "--file", join(DEMO, "catalogue.json"));
  expect(cat.code, cat.err).toBe(0);
  server = await startServer(env);
}, 240_000);

afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("sopla beside a running server on the embedded database", () => {
  let otp = "";

  it("refuses a second server on the same folder, naming the first, which keeps running", async () => {
    const second = spawnSync(process.execPath, [SOPLA, "serve"], {
      env: { ...process.env, ...env, PORT: String(await freePort()) },
      encoding: "utf8",
      // Before the lock, the second server started and ran: it is stopped here, and fails.
      timeout: 30_000,
    });
    expect(second.status, second.stdout).toBe(1);
    expect(second.stderr).toContain(
      `Die eingebettete Datenbank in ${dir} ist schon vom laufenden Sopla-Server (PID ${server.pid}, „sopla serve“, gestartet am `,
    );
    expect(second.stderr).toMatch(/Ein zweiter Prozess darf sie nicht öffnen/);
    expect(second.stderr).toMatch(/mit PostgreSQL \(DATABASE_URL\)/);
    expect(JSON.parse(readFileSync(lockFile, "utf8"))).toMatchObject({
      pid: server.pid,
      command: "sopla serve",
    });
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it("adds an account through the server, which lets it log in at once", async () => {
    const add = sopla(
      env,
      "user",
      "add",
      "--email",
      "anna@stadt.example",
      "--name",
      "Anna Schmidt",
      "--role",
      "planner",
      "--workspace",
      "flensburg",
    );
    expect(add.code, add.err).toBe(0);
    expect(add.out).toMatch(/^Konto angelegt: anna@stadt\.example \(Anna Schmidt\), Rolle planner/);
    otp = add.out.trim().split("\n").at(-1)!;
    const res = await login(server, "anna@stadt.example", otp);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ mustChangePassword: true });
    expect(add.err).toMatch(/Ausgeführt vom laufenden Sopla-Server/);

    const list = sopla(env, "user", "list");
    expect(list.code, list.err).toBe(0);
    expect(list.out).toMatch(/flensburg\tanna@stadt\.example\tAnna Schmidt\tplanner/);
    const dup = sopla(
      env,
      "user",
      "add",
      "--email",
      "anna@stadt.example",
      "--name",
      "A",
      "--role",
      "viewer",
    );
    expect(dup.code).toBe(1);
    expect(dup.err).toMatch(/^Fehler \[conflict\]/);
    // Only the server's own user (and root) may send it commands.
    expect(statSync(socket).mode & 0o777).toBe(0o600);
  });

  it("writes a backup through the server, holding what the server has written", () => {
    const file = join(dir, "live.sopla.gz");
    const backup = sopla(env, "backup", file);
    expect(backup.code, backup.err).toBe(0);
    expect(backup.out).toMatch(/^Sicherung geschrieben: .*live\.sopla\.gz \(ganze Installation\)/);
    // Only the server's own snapshot is consistent: a second PGlite on the folder is not.
    expect(backup.err).toMatch(/Ausgeführt vom laufenden Sopla-Server/);
    expect(backup.err).toMatch(/app_user: 2 Zeilen/);
    expect(gunzipSync(readFileSync(file)).toString()).toContain('"email":"anna@stadt.example"');
  });

  it("refuses the commands that would open the folder a second time, saying what to do", () => {
    const imp = sopla(
      env,
      "import",
      "--file",
      join(DEMO, "data/flensburg_stadtteile.geojson"),
      "--mapping",
      join(DEMO, "mappings/areas-districts.json"),
    );
    expect(imp.code).toBe(1);
    expect(imp.err).toMatch(/ist schon vom laufenden Sopla-Server \(PID \d+/);
    expect(imp.err).toMatch(/über die Weboberfläche importieren \(Daten → Import\)/);
    expect(imp.out).not.toMatch(/übernommen/);
    for (const args of [["migrate"], ["demo"], ["restore", join(dir, "live.sopla.gz")]]) {
      const r = sopla(env, ...args);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.err).toMatch(/Ein zweiter Prozess darf sie nicht öffnen/);
    }
  });

  it("takes the folder over after the server was killed, and keeps what it had written", async () => {
    server.child.kill("SIGKILL");
    await server.exited;
    // The killed server could not clean up: its lock and socket are still there.
    expect(JSON.parse(readFileSync(lockFile, "utf8"))).toMatchObject({ pid: server.pid });
    expect(existsSync(socket)).toBe(true);

    server = await startServer(env);
    expect(JSON.parse(readFileSync(lockFile, "utf8"))).toMatchObject({ pid: server.pid });
    expect((await login(server, "anna@stadt.example", otp)).status).toBe(200);

    // Stopped as a service manager would: lock and socket go with it.
    expect(await server.stop()).toBe(0);
    expect(existsSync(lockFile)).toBe(false);
    expect(existsSync(socket)).toBe(false);
    const list = sopla(env, "user", "list");
    expect(list.code, list.err).toBe(0);
    expect(list.err).not.toMatch(/Ausgeführt vom laufenden/);
    expect(list.out).toMatch(/anna@stadt\.example/);

    // A command takes over the lock of a killed server, too.
    server = await startServer(env);
    server.child.kill("SIGKILL");
    await server.exited;
    const again = sopla(env, "user", "list");
    expect(again.code, again.err).toBe(0);
    expect(existsSync(lockFile)).toBe(false);
  });

  it("finishes a backup whose output nobody reads any more (`sopla backup f | head -1`)", async () => {
    const file = join(dir, "head.sopla.gz");
    const child = spawn(process.execPath, [SOPLA, "backup", file], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    // The reader goes away before the command has printed anything.
    child.stdout.destroy();
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((done) => child.on("close", done));
    expect(err).not.toMatch(/EPIPE/);
    expect(code, err).toBe(0);
    expect(gunzipSync(readFileSync(file)).toString()).toContain('"trailer":true');
  });
});
