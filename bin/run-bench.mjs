#!/usr/bin/env node
// Runs the benchmarks: every bench/*.bench.ts, one after the other, each in its own Node process
// with tsx's loader and this process's environment (DATABASE_URL adds the PostgreSQL runs).
// Output is forwarded as it comes. Exits non-zero when a bench fails or does not end with a
// RESULT line.
//   npm run bench                 all benchmarks
//   npm run bench -- import       only those whose file name contains "import"
//
// Each bench gets its own temporary folder (SOPLA_BENCH_TMP) and a prefix for the names of its
// PostgreSQL databases (SOPLA_BENCH_RUN). A bench removes what it created; whatever is left
// after it ends (a crash, Ctrl-C) is removed here.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const benchDir = join(root, "bench");
const filter = process.argv[2];

const files = readdirSync(benchDir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => filter === undefined || f.includes(filter))
  .sort();

if (files.length === 0) {
  console.error(`No benchmark matches "${filter ?? ""}" in bench/.`);
  process.exit(2);
}

// The benchmarks talk only to this machine.
const databaseUrl = process.env.DATABASE_URL || undefined;
if (databaseUrl && !["127.0.0.1", "localhost"].includes(new URL(databaseUrl).hostname)) {
  console.error("Benchmarks talk only to 127.0.0.1: DATABASE_URL must point there.");
  process.exit(2);
}

const runId = randomBytes(4).toString("hex");
const tmp = mkdtempSync(join(tmpdir(), "sopla-bench-run-"));

/** Removes the bench's leftovers: its temporary folder and databases of this run. */
async function cleanUp() {
  for (const entry of readdirSync(tmp)) rmSync(join(tmp, entry), { recursive: true, force: true });
  if (!databaseUrl) return;
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
    const { rows } = await client.query(
      "SELECT datname FROM pg_database WHERE starts_with(datname, $1)",
      [`sopla_bench_${runId}_`],
    );
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      console.error(`removed left-over database ${datname}`);
    }
  } catch (error) {
    console.error(`could not check for left-over databases: ${error.message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

// On Ctrl-C or SIGTERM: stop the running bench at once (it may be inside a long synchronous
// PGlite call and not see the signal for a while), remove its leftovers, start no other bench.
let current = null;
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    interrupted = true;
    current?.kill("SIGKILL");
  });
}

/** Runs one bench; resolves with its exit code and the last non-empty line of its stdout. */
function run(file) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(benchDir, file)], {
      cwd: root,
      env: { ...process.env, SOPLA_BENCH_TMP: tmp, SOPLA_BENCH_RUN: runId },
      stdio: ["ignore", "pipe", "inherit"],
    });
    current = child;
    let tail = "";
    child.stdout.on("data", (chunk) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString("utf8")).slice(-4096);
    });
    child.on("error", (error) => {
      console.error(error);
      resolve({ code: 1, last: "" });
    });
    child.on("close", (code, signal) => {
      current = null;
      const last = tail.trimEnd().split("\n").pop() ?? "";
      resolve({ code: code ?? (signal ? 1 : 0), last });
    });
  });
}

const failed = [];
try {
  for (const file of files) {
    const started = Date.now();
    console.error(`\n=== ${file}`);
    const { code, last } = await run(file);
    await cleanUp();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (interrupted) {
      console.error(`=== interrupted during ${file}`);
      process.exitCode = 130;
      break;
    }
    if (code !== 0) {
      failed.push(file);
      console.error(`=== ${file} failed (exit code ${code}, ${seconds} s)`);
    } else if (!last.startsWith("RESULT ")) {
      failed.push(file);
      console.error(`=== ${file} did not end with a RESULT line (${seconds} s)`);
    } else {
      console.error(`=== ${file} done in ${seconds} s`);
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

if (failed.length > 0) {
  console.error(`\nFailed: ${failed.join(", ")}`);
  process.exitCode = 1;
}
