/**
 * The lock of an embedded database folder. PGlite runs PostgreSQL inside one process and keeps
 * its own buffers: a second process on the same folder works on a copy of its own, and whatever
 * it or the first one writes last overwrites the other's acknowledged writes. So the folder is
 * taken with a lock file beside it, which names the holder (PID, command, start), is removed on
 * exit and is taken over when its holder is gone (a crash or `kill -9` leaves it behind).
 *
 * A holder counts as gone when its process no longer exists, or, on Linux, when the process
 * with that PID is another one (the PID was reused): the lock records the boot and the
 * process's start time from /proc, and both must match. A lock written on another machine
 * (a shared network folder) is never taken over: that machine's processes cannot be checked.
 */
import { randomBytes } from "node:crypto";
import { linkSync, readFileSync, statSync, unlinkSync, writeFileSync, type Stats } from "node:fs";
import { hostname } from "node:os";
import { z } from "zod";

export interface LockHolder {
  readonly pid: number;
  /** What the process is, for people: "sopla serve". */
  readonly command: string;
  /** When the lock was taken (ISO 8601). */
  readonly startedAt: string;
  readonly host: string;
  /** Linux: the boot id, so a lock from before a reboot is recognised as stale. */
  readonly boot?: string | undefined;
  /** Linux: the process's start in clock ticks after boot (/proc/PID/stat), against PID reuse. */
  readonly processStart?: string | undefined;
}

/** What the staleness check needs to know about this machine; real values by default. */
export interface ProcessProbe {
  readonly host: string;
  readonly boot: string | undefined;
  /** Whether a process with this PID exists (also when it belongs to another user). */
  isAlive(pid: number): boolean;
  /** The process's start time as recorded in `LockHolder.processStart`; undefined if unknown. */
  processStart(pid: number): string | undefined;
}

export class FolderLockedError extends Error {
  constructor(
    readonly lockFile: string,
    /** Null when the lock file cannot be read (being written or damaged). */
    readonly holder: LockHolder | null,
  ) {
    super(
      holder
        ? `Die eingebettete Datenbank ist schon geöffnet: PID ${holder.pid} („${holder.command}“, seit ${holder.startedAt}${holder.host === hostname() ? "" : ` auf ${holder.host}`}). Sperrdatei: ${lockFile}`
        : `Die eingebettete Datenbank ist schon geöffnet (Sperrdatei ${lockFile}).`,
    );
    this.name = "FolderLockedError";
  }
}

export interface FolderLock {
  readonly file: string;
  readonly holder: LockHolder;
  /** Removes the lock file if it is still this process's. Safe to call twice. */
  release(): void;
}

/**
 * Whether the process named in a lock is gone, so the lock may be taken over. Pure: the
 * machine is asked through `probe`.
 */
export function isStale(holder: LockHolder, probe: ProcessProbe): boolean {
  if (holder.host !== probe.host) return false;
  if (holder.boot !== undefined && probe.boot !== undefined && holder.boot !== probe.boot) {
    return true;
  }
  if (!probe.isAlive(holder.pid)) return true;
  if (holder.processStart === undefined) return false;
  const now = probe.processStart(holder.pid);
  return now !== undefined && now !== holder.processStart;
}

/** Reads a lock file; null when there is none, undefined when it is not a lock (damaged). */
export function readLock(file: string): LockHolder | null | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    if (errorCode(e) === "ENOENT") return null;
    throw e;
  }
  return parseHolder(text);
}

/** Whether a live process holds the lock file, and who; null when it is free or stale. */
export function currentHolder(
  file: string,
  probe: ProcessProbe = systemProbe(),
): LockHolder | null {
  const holder = readLock(file);
  if (!holder) return null;
  return isStale(holder, probe) ? null : holder;
}

/**
 * Takes the lock file for this process, or throws FolderLockedError naming the live holder.
 * A stale lock is taken over; two processes taking over at once are ordered by a second,
 * short-lived file (`<file>.takeover`), so only one of them wins.
 */
export function lockFolder(
  file: string,
  command: string,
  probe: ProcessProbe = systemProbe(),
): FolderLock {
  const holder: LockHolder = {
    pid: process.pid,
    command,
    startedAt: new Date().toISOString(),
    host: probe.host,
    boot: probe.boot,
    processStart: probe.processStart(process.pid),
  };
  const text = `${JSON.stringify(holder)}\n`;
  const takeover = `${file}.takeover`;
  for (let attempt = 0; attempt < 50; attempt++) {
    if (createExclusive(file, text)) return heldLock(file, holder, text);
    const found = readRaw(file);
    if (found === null) continue;
    const existing = parseHolder(found);
    const stale = existing === undefined ? olderThan(file, 10_000) : isStale(existing, probe);
    if (!stale) throw new FolderLockedError(file, existing ?? null);
    if (!createExclusive(takeover, text)) {
      // Another process is taking over right now, or died doing so long ago.
      if (olderThan(takeover, 30_000)) removeFile(takeover);
      sleep(20 + attempt * 5);
      continue;
    }
    try {
      // Only the holder of the takeover file removes a stale lock, and only the one it judged.
      if (readRaw(file) === found) removeFile(file);
    } finally {
      removeFile(takeover);
    }
  }
  throw new FolderLockedError(file, readLock(file) ?? null);
}

function heldLock(file: string, holder: LockHolder, text: string): FolderLock {
  let held = true;
  const release = (): void => {
    if (!held) return;
    held = false;
    process.off("exit", release);
    if (readRaw(file) === text) removeFile(file);
  };
  // A process that ends without closing the database (an uncaught error, process.exit) still
  // frees the folder; only a hard kill leaves the lock behind for the next start to take over.
  process.on("exit", release);
  return { file, holder, release };
}

/** Creates `file` with `text` only if it does not exist, atomically (no half-written lock). */
function createExclusive(file: string, text: string): boolean {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(tmp, text, { mode: 0o644 });
  try {
    linkSync(tmp, file);
    return true;
  } catch (e) {
    const code = errorCode(e);
    if (code === "EEXIST") return false;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS") throw e;
    // A file system without hard links: exclusive create, with a moment a reader sees it empty.
    try {
      writeFileSync(file, text, { flag: "wx", mode: 0o644 });
      return true;
    } catch (e2) {
      if (errorCode(e2) === "EEXIST") return false;
      throw e2;
    }
  } finally {
    removeFile(tmp);
  }
}

const holderSchema = z.object({
  pid: z.number().int().positive(),
  command: z.string(),
  startedAt: z.string(),
  host: z.string(),
  boot: z.string().optional(),
  processStart: z.string().optional(),
});

function parseHolder(text: string): LockHolder | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = holderSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

function readRaw(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    if (errorCode(e) === "ENOENT") return null;
    throw e;
  }
}

function olderThan(file: string, ms: number): boolean {
  let stat: Stats;
  try {
    stat = statSync(file);
  } catch {
    return false;
  }
  return Date.now() - stat.mtimeMs > ms;
}

function removeFile(file: string): void {
  try {
    unlinkSync(file);
  } catch (e) {
    if (errorCode(e) !== "ENOENT") throw e;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function errorCode(e: unknown): string | undefined {
  return typeof e === "object" && e !== null && "code" in e ? String(e.code) : undefined;
}

/** This machine, asked through process.kill(pid, 0) and, on Linux, /proc. */
export function systemProbe(): ProcessProbe {
  return {
    host: hostname(),
    boot: readTrimmed("/proc/sys/kernel/random/boot_id"),
    isAlive: (pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch (e) {
        // EPERM: the process exists but belongs to another user.
        return errorCode(e) === "EPERM";
      }
    },
    processStart: (pid) => {
      const stat = readTrimmed(`/proc/${pid}/stat`);
      if (stat === undefined) return undefined;
      // "pid (comm) state ppid …": comm may hold spaces and parentheses; field 22 is starttime.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return fields[19];
    },
  };
}

function readTrimmed(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    return undefined;
  }
}
