/**
 * A server killed outright (`kill -9`) while it prints a report leaves no Chromium behind.
 * `sopla serve` runs as a child process on the demo; a planner publishes the social report,
 * which prints it in the server's Chromium; during a second publish the server is killed.
 *
 * Chromium ends by itself when it next reads from its dead parent — seconds later, or never
 * while it hangs (the review of 2026-12-07 found 1–3 browser processes left after each of 9
 * such kills). The browser is frozen (SIGSTOP) before the kill, as a hung one would be, so the
 * test does not depend on how soon it would notice: the server's watchdog must end it.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startServer, type Server } from "../support/sopla-process.ts";
import { canRun } from "../support/tools.ts";

interface Proc {
  readonly pid: number;
  readonly comm: string;
  readonly state: string;
  readonly ppid: number;
  readonly pgrp: number;
}

/** Every process on this machine, from /proc (Linux). */
function processes(): Proc[] {
  const all: Proc[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, "utf8");
    } catch {
      continue; // ended meanwhile
    }
    const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const [state = "", ppid = "0", pgrp = "0"] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    all.push({ pid: Number(name), comm, state, ppid: Number(ppid), pgrp: Number(pgrp) });
  }
  return all;
}

/** The live processes of a process group (a zombie has ended; only its parent has to reap it). */
const liveMembers = (group: number) =>
  processes().filter((p) => p.pgrp === group && p.state !== "Z");

async function waitFor<T>(what: string, probe: () => T | undefined, ms: number): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const dir = mkdtempSync(join(tmpdir(), "sopla-chromium-"));
let server: Server | undefined;
let group: number | undefined;

afterAll(async () => {
  if (group !== undefined) {
    try {
      process.kill(-group, "SIGKILL");
    } catch {
      // gone, as it should be
    }
  }
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!canRun("chromium") || !existsSync("/proc/self/stat"))(
  "a server killed while it prints a report",
  () => {
    it("leaves no Chromium running", async () => {
      server = await startServer({ SOPLA_DATA_DIR: dir, DATABASE_URL: "", SOPLA_DEMO: "on" });
      const session = await fetch(`${server.url}/api/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          email: "planung@demo.sopla.example",
          password: "Demo-Planung-2026",
        }),
      });
      expect(session.status).toBe(200);
      const { csrfToken } = (await session.json()) as { csrfToken: string };
      const cookie = session.headers.get("set-cookie")!.split(";")[0]!;
      const publish = () =>
        fetch(`${server!.url}/api/reports/sozialbericht-2021/versions`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
          body: JSON.stringify({ state: "internal" }),
        });

      expect((await publish()).status).toBe(201);
      const pid = server.pid;
      const browser = await waitFor(
        "the server's Chromium",
        () => processes().find((p) => p.ppid === pid && p.comm === "chromium"),
        10_000,
      );
      group = browser.pgrp;
      expect(liveMembers(group).length).toBeGreaterThan(1);

      // The second publish prints in the same browser; the kill comes in the middle of it.
      const second = publish().catch(() => null);
      await new Promise((r) => setTimeout(r, 1500));
      process.kill(-group, "SIGSTOP");
      server.child.kill("SIGKILL");
      await server.exited;
      await second;

      const g = group;
      await waitFor(
        "the browser to end",
        () => (liveMembers(g).length === 0 ? true : undefined),
        10_000,
      ).catch(() => undefined);
      expect(liveMembers(g).map((p) => `${p.pid} ${p.comm}`)).toEqual([]);
      // The watchdog has done its work and ended too.
      const watchdogs = processes().filter((p) => {
        try {
          const cmdline = readFileSync(`/proc/${p.pid}/cmdline`, "utf8");
          return p.state !== "Z" && cmdline.includes(`sopla-chromium-watchdog\0${g}\0`);
        } catch {
          return false;
        }
      });
      expect(watchdogs).toEqual([]);
    }, 300_000);
  },
);
