/**
 * `sopla` as separate processes, the way an operator runs them: a command that runs to its end,
 * and `sopla serve` in the background, with its output, its PID and a way to stop or kill it.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");
export const SOPLA = join(ROOT, "bin/sopla.mjs");

export interface Run {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

/** Runs one command to its end. */
export function sopla(env: Record<string, string>, ...args: string[]): Run {
  const r = spawnSync(process.execPath, [SOPLA, ...args], {
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A TCP port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address !== null
          ? done(address.port)
          : fail(new Error("no port")),
      );
    });
  });
}

export interface Server {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly url: string;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves when the process has ended, with its exit code (null after a signal). */
  readonly exited: Promise<number | null>;
  /** SIGTERM, as Ctrl+C or a service manager would stop it; resolves when it has ended. */
  stop(): Promise<number | null>;
}

/** Starts `sopla serve` and resolves once it says it is running. */
export async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, [SOPLA, "serve"], {
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`no start within 180 s: ${out}`)), 180_000);
    const check = () => {
      if (out.includes("Sopla läuft")) {
        clearTimeout(timer);
        done();
      }
    };
    child.stdout.on("data", check);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`exited with ${code}: ${out}`));
    });
  });
  return {
    child,
    pid: child.pid!,
    url: `http://127.0.0.1:${port}`,
    output: () => out,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}
