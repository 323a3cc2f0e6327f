/**
 * Atomicity against a hard stop: a real `sopla import` child process is killed (SIGKILL) while
 * it writes, and the database afterwards holds exactly what it held before: no half import.
 * Runs on PGlite (`npm test`) and on a PostgreSQL server (`npm run test:pg`).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/storage/db.ts";
import { snapshotData } from "../support/snapshot.ts";
import { longMapping, testCityCatalogue } from "../support/test-city.ts";
import { openTestDatabaseEnv } from "../support/test-db.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const AREAS = 1000;
const YEARS = 150;
const code = (i: number) => `Z${String(i).padStart(4, "0")}`;

let env: { env: Record<string, string>; close(): Promise<void> };
let dir: string;

/** Runs `sopla` and resolves with its exit code and output; `killWhen` may kill it early. */
function sopla(
  args: string[],
  killWhen?: (stderr: string) => boolean,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, "bin/sopla.mjs"), ...args], {
      env: { ...process.env, ...env.env, SOPLA_DEMO: "off" },
    });
    let stdout = "";
    let stderr = "";
    let killing = false;
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      if (!killing && killWhen?.(stderr)) {
        killing = true;
        // Let the transaction get well into the COPY before pulling the plug.
        setTimeout(() => child.kill("SIGKILL"), 300);
      }
    });
    child.on("error", fail);
    child.on("close", (code, signal) => done({ code, signal, stdout, stderr }));
  });
}

async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(
    env.env["DATABASE_URL"]
      ? { databaseUrl: env.env["DATABASE_URL"] }
      : { dataDir: join(env.env["SOPLA_DATA_DIR"]!, "pgdata") },
  );
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  env = await openTestDatabaseEnv();
  dir = mkdtempSync(join(tmpdir(), "sopla-crash-"));
  writeFileSync(
    join(dir, "catalogue.json"),
    JSON.stringify(
      testCityCatalogue({
        slug: "crash",
        cityCode: "C",
        districtCode: code,
        districts: AREAS,
        variables: ["a", "b"],
      }),
    ),
  );
  writeFileSync(join(dir, "mapping.json"), JSON.stringify(longMapping()));
  writeFileSync(
    join(dir, "baseline.csv"),
    "gebiet;merkmal;jahr;wert\nZ0000;a;2020;10\nZ0001;a;2020;20\n",
  );
  const lines = ["gebiet;merkmal;jahr;wert"];
  for (let i = 0; i < AREAS; i++) {
    for (const v of ["a", "b"]) {
      for (let y = 1850; y < 1850 + YEARS; y++) lines.push(`${code(i)};${v};${y};${(i + y) % 997}`);
    }
  }
  writeFileSync(join(dir, "big.csv"), `${lines.join("\n")}\n`);

  const cat = await sopla(["catalogue", "apply", "--file", join(dir, "catalogue.json")]);
  expect(cat.code, cat.stderr).toBe(0);
  const base = await sopla([
    "import",
    "--file",
    join(dir, "baseline.csv"),
    "--mapping",
    join(dir, "mapping.json"),
  ]);
  expect(base.code, base.stderr).toBe(0);
});

afterAll(async () => env.close());

describe("an import killed while writing", () => {
  it("leaves the database exactly as it was, and the next run imports everything", async () => {
    const before = await withDatabase(snapshotData);
    const args = ["import", "--file", join(dir, "big.csv"), "--mapping", join(dir, "mapping.json")];

    const killed = await sopla(args, (stderr) => stderr.includes("Schreibe"));
    expect(killed.signal).toBe("SIGKILL");
    expect(killed.stderr).toMatch(/Schreibe 300\.000 Werte/);
    expect(killed.stdout).not.toMatch(/übernommen/);

    expect(await withDatabase(snapshotData)).toEqual(before);

    const again = await sopla(args);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/übernommen/);
    const after = await withDatabase(snapshotData);
    expect(Number(after["observation"]!.split(":")[0])).toBe(
      Number(before["observation"]!.split(":")[0]) + AREAS * 2 * YEARS,
    );
  });
});
