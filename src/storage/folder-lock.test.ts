import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  FolderLockedError,
  isStale,
  lockFolder,
  readLock,
  type LockHolder,
  type ProcessProbe,
} from "./folder-lock.ts";

const holder: LockHolder = {
  pid: 4242,
  command: "sopla serve",
  startedAt: "2026-12-07T09:00:00.000Z",
  host: "planung-01",
  boot: "boot-a",
  processStart: "1000",
};

function probe(
  over: Partial<ProcessProbe> & { alive?: boolean; start?: string | undefined },
): ProcessProbe {
  return {
    host: over.host ?? "planung-01",
    boot: "boot" in over ? over.boot : "boot-a",
    isAlive: over.isAlive ?? (() => over.alive ?? true),
    processStart: over.processStart ?? (() => over.start),
  };
}

describe("a lock's holder is gone", () => {
  it.each<[string, LockHolder, ProcessProbe, boolean]>([
    ["the process runs, started when the lock says", holder, probe({ start: "1000" }), false],
    ["no such process", holder, probe({ alive: false }), true],
    ["the PID now belongs to another process", holder, probe({ start: "2000" }), true],
    ["the machine was restarted since", holder, probe({ boot: "boot-b", start: "1000" }), true],
    ["the start time cannot be read here", holder, probe({ start: undefined }), false],
    [
      "no start time recorded (not Linux): a live PID counts",
      { ...holder, boot: undefined, processStart: undefined },
      probe({ boot: undefined, start: "2000" }),
      false,
    ],
    [
      "written on another machine: never taken over",
      holder,
      probe({ host: "b", alive: false }),
      false,
    ],
  ])("%s", (_case, h, p, stale) => {
    expect(isStale(h, p)).toBe(stale);
  });
});

describe("the lock file", () => {
  const dir = () => mkdtempSync(join(tmpdir(), "sopla-lock-"));

  it("is taken once: a second opener, even in this process, learns who holds it", () => {
    const file = join(dir(), "pgdata.lock");
    const lock = lockFolder(file, "sopla serve");
    expect(readLock(file)).toMatchObject({ pid: process.pid, command: "sopla serve" });
    let refused: unknown;
    try {
      lockFolder(file, "sopla user add");
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(FolderLockedError);
    expect((refused as FolderLockedError).holder).toMatchObject({ pid: process.pid });
    lock.release();
    expect(existsSync(file)).toBe(false);
    lockFolder(file, "sopla user add").release();
  });

  it("is taken over from a holder that is gone, and the new holder is written", () => {
    const file = join(dir(), "pgdata.lock");
    writeFileSync(file, JSON.stringify({ ...holder, host: "here" }));
    const lock = lockFolder(file, "sopla serve", probe({ host: "here", alive: false }));
    expect(readLock(file)).toMatchObject({ pid: process.pid, command: "sopla serve" });
    lock.release();
  });

  it("is refused while a damaged lock is fresh (being written), taken over when old", () => {
    const file = join(dir(), "pgdata.lock");
    writeFileSync(file, "");
    expect(() => lockFolder(file, "sopla serve")).toThrow(FolderLockedError);
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    lockFolder(file, "sopla serve").release();
  });

  it("release leaves a lock alone that is no longer this process's", () => {
    const file = join(dir(), "pgdata.lock");
    const lock = lockFolder(file, "sopla serve");
    writeFileSync(file, JSON.stringify({ ...holder, pid: 1 }));
    lock.release();
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ pid: 1 });
  });
});

describe("processes racing for a stale lock", () => {
  it("let exactly one of them take it over", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "sopla-lock-race-")), "pgdata.lock");
    const gone = spawnSync("true").pid;
    writeFileSync(file, JSON.stringify({ ...holder, pid: gone, host: hostname() }));
    // All try at the same moment; the winner holds the lock until every racer has tried.
    const start = Date.now() + 4000;
    const script = `
      const { lockFolder } = await import(${JSON.stringify(join(import.meta.dirname, "folder-lock.ts"))});
      while (Date.now() < ${start}) await new Promise((r) => setTimeout(r, 5));
      try {
        const lock = lockFolder(${JSON.stringify(file)}, "racer");
        console.log("got");
        setTimeout(() => lock.release(), ${start} + 8000 - Date.now());
      } catch (e) {
        console.log(e.name === "FolderLockedError" && e.holder?.command === "racer" ? "busy" : String(e));
      }`;
    const racers = Array.from(
      { length: 4 },
      () =>
        new Promise<string>((done) => {
          const child = spawn(process.execPath, [
            "--import",
            "tsx",
            "--input-type=module",
            "-e",
            script,
          ]);
          let out = "";
          child.stdout.on("data", (d: Buffer) => (out += d.toString()));
          child.stderr.on("data", (d: Buffer) => (out += d.toString()));
          child.on("close", () => done(out.trim()));
        }),
    );
    expect((await Promise.all(racers)).sort()).toEqual(["busy", "busy", "busy", "got"]);
    expect(existsSync(file)).toBe(false);
  }, 60_000);
});
