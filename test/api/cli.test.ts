/**
 * The `sopla` command as a shell user runs it: a real child process, a real database, the
 * exit code and what it prints.
 */
import { spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabaseEnv } from "../support/test-db.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const DEMO = join(ROOT, "demo/flensburg");
let env: { env: Record<string, string>; close(): Promise<void> };

function sopla(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, "bin/sopla.mjs"), ...args], {
    env: { ...process.env, ...env.env, SOPLA_DEMO: "off" },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(async () => {
  env = await openTestDatabaseEnv();
});
afterAll(async () => env.close());

describe("sopla CLI", () => {
  it("prints its help in German and exits 0", () => {
    const r = sopla("--help");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Befehle:/);
    expect(r.out).toMatch(/import/);
  });

  it("prints the same help after a command", () => {
    const r = sopla("report", "render", "--help");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/report render/);
  });

  it("exits 2 on an unknown command or option and says why in German", () => {
    expect(sopla("frobnicate").code).toBe(2);
    const unknown = sopla("import", "--nope");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^Unbekannte Option „--nope“\.\nHilfe: sopla --help/);
    const empty = sopla("report", "render", "--period");
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/^Die Option „--period“ braucht einen Wert\./);
    const extra = sopla("catalogue", "apply", "--file", "x.json", "y.json");
    expect(extra.code).toBe(2);
    expect(extra.err).toMatch(/^Unerwartetes Argument „y\.json“\./);
  });

  it("applies a catalogue, imports areas, and reports a bad table with line and column", () => {
    const cat = sopla("catalogue", "apply", "--file", join(DEMO, "catalogue.json"));
    expect(cat.code, cat.err).toBe(0);
    expect(cat.out).toMatch(/34 Merkmale, 16 Indikatoren/);
    const areas = sopla(
      "import",
      "--file",
      join(DEMO, "data/flensburg_stadtteile.geojson"),
      "--mapping",
      join(DEMO, "mappings/areas-districts.json"),
    );
    expect(areas.code, areas.err).toBe(0);
    expect(areas.out).toMatch(/übernommen/);

    const bad = sopla(
      "import",
      "--file",
      join(DEMO, "data/tables/tab_8_alter_ab_65.csv"),
      "--mapping",
      join(DEMO, "mappings/tab08-65-plus.json"),
    );
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/abgelehnt/);
    expect(bad.out).toMatch(/Zeile 5, Spalte „2011“/);
    expect(bad.out).toMatch(/1\.3066/);
  });

  it("checks a file in a dry run, then commits it, and prints JSON on request", () => {
    const args = [
      "import",
      "--file",
      join(DEMO, "data/tables/tab_1_einwohner_in_stadtteilen_2011_bis_2021.csv"),
      "--mapping",
      join(DEMO, "mappings/tab01-population.json"),
    ];
    const dry = sopla(...args, "--dry-run");
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toMatch(/Probelauf/);
    const real = sopla(...args, "--json");
    expect(real.code, real.err).toBe(0);
    const report = JSON.parse(real.out) as { status: string; summary: { new: number } };
    expect(report.status).toBe("committed");
    expect(report.summary.new).toBe(13 * 6);
  });

  it("creates the first administrator on the first start and prints its one-time password", async () => {
    const port = 39000 + Math.floor(Math.random() * 1000);
    const child = spawn(process.execPath, [join(ROOT, "bin/sopla.mjs"), "serve"], {
      env: { ...process.env, ...env.env, SOPLA_DEMO: "off", PORT: String(port) },
    });
    try {
      let out = "";
      await new Promise<void>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`no start: ${out}`)), 60_000);
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          if (out.includes("Sopla läuft")) {
            clearTimeout(timer);
            done();
          }
        });
        child.on("exit", () => fail(new Error(`exited: ${out}`)));
      });
      const otp = /Einmalpasswort[^:]*: (\S+)/.exec(out)?.[1];
      expect(out).toMatch(/Erstes Administrationskonto: admin@sopla\.localhost/);
      expect(otp).toBeDefined();
      const res = await fetch(`http://127.0.0.1:${port}/api/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "admin@sopla.localhost", password: otp }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        mustChangePassword: boolean;
        memberships: { role: string }[];
      };
      expect(body.mustChangePassword).toBe(true);
      expect(body.memberships.map((m) => m.role)).toEqual(["admin"]);
    } finally {
      // The next commands open the same data folder: only after the server has let it go.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((done) => child.once("exit", done));
        child.kill("SIGTERM");
        await exited;
      }
    }
  });

  it("manages accounts: add with a one-time password, list, set a role, reset the password", () => {
    const add = sopla(
      "user",
      "add",
      "--email",
      "Jan.Meyer@Stadt.example",
      "--name",
      "Jan Meyer",
      "--role",
      "planner",
      "--workspace",
      "flensburg",
    );
    expect(add.code, add.err).toBe(0);
    const otp = add.out.trim().split("\n").at(-1)!;
    expect(otp).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
    expect(
      sopla("user", "set-role", "--email", "jan.meyer@stadt.example", "--role", "viewer").code,
    ).toBe(0);
    const list = sopla("user", "list");
    expect(list.out).toMatch(
      /flensburg\tjan\.meyer@stadt\.example\tJan Meyer\tviewer \(Lesen \(Politik\)\)\tEinmalpasswort/,
    );
    const reset = sopla("user", "reset-password", "--email", "jan.meyer@stadt.example");
    expect(reset.code).toBe(0);
    expect(reset.out.trim().split("\n").at(-1)).not.toBe(otp);
    const dup = sopla(
      "user",
      "add",
      "--email",
      "jan.meyer@stadt.example",
      "--name",
      "X",
      "--role",
      "viewer",
    );
    expect(dup.code).toBe(1);
    expect(dup.err).toMatch(/schon ein Konto/);
    expect(
      sopla("user", "add", "--email", "x@y.example", "--name", "X", "--role", "chef").err,
    ).toMatch(/Unbekannte Rolle/);
    expect(sopla("user", "add", "--email", "x@y.example").code).toBe(2);
  });

  it("makes an account an installation administrator, deactivates and activates it", () => {
    const email = "jan.meyer@stadt.example";
    const line = () =>
      sopla("user", "list")
        .out.split("\n")
        .find((l) => l.includes(email))!;
    expect(sopla("user", "installation-admin", "--email", email).code).toBe(0);
    const off = sopla("user", "disable", "--email", email);
    expect(off.code, off.err).toBe(0);
    expect(off.out).toMatch(/gesperrt/);
    expect(line()).toMatch(/Installationsverwaltung, .*gesperrt/);
    expect(sopla("user", "installation-admin", "--email", email, "--remove").code).toBe(0);
    expect(sopla("user", "enable", "--email", email).code).toBe(0);
    expect(line()).not.toMatch(/Installationsverwaltung|gesperrt/);
    expect(sopla("user", "disable", "--email", "niemand@stadt.example").code).toBe(1);
  });

  it("with the demo on, also creates the first administrator and prints its one-time password", async () => {
    const own = await openTestDatabaseEnv();
    const port = 40000 + Math.floor(Math.random() * 1000);
    const childEnv: Record<string, string | undefined> = {
      ...process.env,
      ...own.env,
      PORT: String(port),
    };
    delete childEnv["SOPLA_DEMO"];
    const child = spawn(process.execPath, [join(ROOT, "bin/sopla.mjs"), "serve"], {
      env: childEnv,
    });
    const exited = new Promise<void>((done) => child.on("exit", () => done()));
    try {
      let out = "";
      await new Promise<void>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`no start: ${out}`)), 240_000);
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          if (out.includes("Sopla läuft")) {
            clearTimeout(timer);
            done();
          }
        });
        child.on("exit", () => fail(new Error(`exited: ${out}`)));
      });
      expect(out).toMatch(/Demodaten geladen/);
      expect(out).toMatch(/Erstes Administrationskonto: admin@sopla\.localhost/);
      const otp = /Einmalpasswort[^:]*: (\S+)/.exec(out)?.[1];
      const logIn = (email: string, password: string | undefined) =>
        fetch(`http://127.0.0.1:${port}/api/session`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email, password }),
        });
      const admin = await logIn("admin@sopla.localhost", otp);
      expect(admin.status).toBe(200);
      expect(((await admin.json()) as { mustChangePassword: boolean }).mustChangePassword).toBe(
        true,
      );
      // The demo administrator, whose password is published, cannot take it over.
      const demo = await logIn("verwaltung@demo.sopla.example", "Demo-Verwaltung-2026");
      expect(demo.status).toBe(200);
      const { csrfToken } = (await demo.json()) as { csrfToken: string };
      const cookie = (demo.headers.get("set-cookie") ?? "").split(";")[0]!;
      const reset = await fetch(
        `http://127.0.0.1:${port}/api/users/admin@sopla.localhost/password-reset`,
        { method: "POST", headers: { cookie, "x-csrf-token": csrfToken } },
      );
      expect(reset.status).toBe(403);
    } finally {
      child.kill("SIGTERM");
      await exited;
      await own.close();
    }
  }, 300_000);

  it("names a missing file and an invalid mapping clearly", () => {
    const missing = sopla("import", "--file", "/nonexistent.csv", "--mapping", "/nonexistent.json");
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/nicht gefunden/);
    const dir = mkdtempSync(join(tmpdir(), "sopla-map-"));
    writeFileSync(join(dir, "m.json"), "{ not json");
    writeFileSync(join(dir, "f.csv"), "a;b\n1;2\n");
    const bad = sopla("import", "--file", join(dir, "f.csv"), "--mapping", join(dir, "m.json"));
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/kein gültiges JSON/);
  });

  it("applies the retention period to accommodation records and says what it deleted", () => {
    const demo = sopla("demo");
    expect(demo.code, demo.err).toBe(0);
    const purge = sopla("accommodation", "purge", "--workspace", "flensburg");
    expect(purge.code, purge.err).toBe(0);
    // The demo's history begins in November 2023, so only its first weeks are past 36 months.
    expect(purge.out).toMatch(
      /^Aufbewahrungsfrist angewandt \(Auszug vor dem \d\d\.\d\d\.\d{4}\): \d+ Personen?, \d+ Aufenthalte?, \d+ Haushalte? gelöscht; \d+ Monatsstatistik(en)? gesichert\.\n$/,
    );
    // A second run finds nothing more to delete.
    expect(sopla("accommodation", "purge").out).toMatch(
      /: 0 Personen, 0 Aufenthalte, 0 Haushalte gelöscht/,
    );
    expect(sopla("accommodation", "erase").code).toBe(2);
  });
});
