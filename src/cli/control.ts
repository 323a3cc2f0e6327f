/**
 * The control channel of `sopla serve` on the embedded database: a Unix domain socket in the
 * data folder (`control.sock`, mode 0600, so only the server's own user and root can connect),
 * through which the `sopla` commands of operations.ts run inside the server while it holds the
 * database, instead of opening the folder a second time (ADR 0008).
 *
 * The protocol is one JSON line each way, then progress lines: the command sends
 * `{"version","command","input","user"}`; the server answers with any number of
 * `{"progress":{…}}` lines and ends with `{"result":…}` or `{"error":{"code","message",
 * "details"}}`, then closes. A command of another Sopla version is refused, so an upgrade
 * never runs new code against an old server.
 */
import { chmodSync, lstatSync, unlinkSync } from "node:fs";
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { join } from "node:path";
import { z } from "zod";
import { AppError } from "../services/app-error.ts";
import type { Actor } from "../services/audit.ts";
import type { ServiceContext } from "../services/context.ts";
import {
  isOperationName,
  OPERATIONS,
  progressSchema,
  runOperation,
  type OperationInput,
  type OperationName,
  type OperationOutput,
  type Progress,
} from "./operations.ts";

/** A socket path longer than this does not fit sockaddr_un on every system (104 on macOS). */
const MAX_SOCKET_PATH_BYTES = 103;
const MAX_REQUEST_BYTES = 1024 * 1024;
const REQUEST_TIMEOUT_MS = 10_000;

/** Where the server of a data folder listens. */
export function controlSocketPath(dataDir: string): string {
  return join(dataDir, "control.sock");
}

const requestSchema = z.object({
  version: z.string(),
  command: z.string(),
  input: z.unknown(),
  user: z.string(),
});

const errorSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
type Answer =
  | { readonly progress: Progress }
  | { readonly error: z.infer<typeof errorSchema> }
  | { readonly result: unknown };

/** An error the server reported for a command: its code and German message. */
export class ServerError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
    this.name = "ServerError";
  }
}

export interface ControlChannel {
  readonly path: string;
  /** Stops accepting commands and waits for those running; removes the socket. */
  close(): Promise<void>;
}

/**
 * Listens on `path` for commands. The caller must hold the data folder's lock: a socket file
 * left there by a killed server is removed first.
 */
export async function openControlChannel(options: {
  readonly path: string;
  readonly ctx: ServiceContext;
  readonly version: string;
  /** Told about failures that are not the command's own (AppError goes to the command). */
  readonly onError: (e: unknown) => void;
}): Promise<ControlChannel> {
  const { path } = options;
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH_BYTES) {
    throw new Error(
      `Der Pfad ${path} ist zu lang für einen Unix-Socket (höchstens ${MAX_SOCKET_PATH_BYTES} Byte).`,
    );
  }
  removeStaleSocket(path);
  // Connections that have not sent their command yet; closing the channel drops them.
  const waiting = new Set<Socket>();
  const server = createServer((socket) => {
    waiting.add(socket);
    socket.once("close", () => waiting.delete(socket));
    serveConnection(socket, options, () => waiting.delete(socket));
  });
  // Created with mode 0600 from the start (no moment in which others could connect); the
  // bind happens inside listen(), synchronously.
  const umask = process.umask(0o177);
  let bound: Promise<void>;
  try {
    bound = listen(server, path);
  } finally {
    process.umask(umask);
  }
  await bound;
  chmodSync(path, 0o600);
  return {
    path,
    close: async () => {
      const closed = new Promise<void>((done) => server.close(() => done()));
      for (const socket of waiting) socket.destroy();
      await closed;
      removeStaleSocket(path);
    },
  };
}

function listen(server: Server, path: string): Promise<void> {
  return new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(path, () => {
      server.off("error", fail);
      done();
    });
  });
}

function removeStaleSocket(path: string): void {
  try {
    if (!lstatSync(path).isSocket()) {
      throw new Error(`${path} ist kein Socket; bitte prüfen und entfernen.`);
    }
    unlinkSync(path);
  } catch (e) {
    if (!(e instanceof Error && "code" in e && e.code === "ENOENT")) throw e;
  }
}

function serveConnection(
  socket: Socket,
  options: { readonly ctx: ServiceContext; readonly version: string; onError(e: unknown): void },
  onStart: () => void,
): void {
  let buffer = "";
  let started = false;
  socket.setEncoding("utf8");
  // A command sends its line at once; a connection that stays silent is dropped.
  socket.setTimeout(REQUEST_TIMEOUT_MS, () => {
    if (!started) socket.destroy();
  });
  // A command that went away early: its writes fail, and nothing is left to tell.
  socket.on("error", () => undefined);
  const send = (answer: Answer): void => {
    if (!socket.destroyed) socket.write(`${JSON.stringify(answer)}\n`);
  };
  const fail = (code: string, message: string, details?: unknown): void => {
    send({ error: { code, message, details } });
    socket.end();
  };
  socket.on("data", (chunk: string) => {
    if (started) return;
    buffer += chunk;
    const end = buffer.indexOf("\n");
    if (end < 0) {
      if (buffer.length > MAX_REQUEST_BYTES) fail("invalid_input", "Anfrage zu groß.");
      return;
    }
    started = true;
    socket.setTimeout(0);
    onStart();
    void run(buffer.slice(0, end));
  });

  async function run(line: string): Promise<void> {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      return fail("invalid_input", "Die Anfrage ist kein JSON.");
    }
    const request = requestSchema.safeParse(json);
    if (!request.success) return fail("invalid_input", "Die Anfrage ist unvollständig.");
    const { version, command, input, user } = request.data;
    if (version !== options.version) {
      return fail(
        "version_mismatch",
        `Der laufende Server ist Sopla ${options.version}, dieser Befehl Sopla ${version}. Den Server mit der neuen Version neu starten und den Befehl wiederholen.`,
      );
    }
    if (!isOperationName(command)) {
      return fail("invalid_input", `Der Server kennt den Befehl „${command}“ nicht.`);
    }
    // The shell user who ran the command, for the audit log; the socket admits only the
    // server's own user and root, who could open the database themselves.
    const actor: Actor = {
      userId: null,
      label: `cli:${/^[\w.@-]{1,64}$/.test(user) ? user : "unbekannt"}`,
    };
    try {
      const result = await runOperation(command, input, options.ctx, actor, (p) =>
        send({ progress: p }),
      );
      send({ result });
      socket.end();
    } catch (e) {
      if (e instanceof AppError) return fail(e.code, e.message, e.details);
      options.onError(e);
      fail("internal", e instanceof Error ? e.message : String(e));
    }
  }
}

/**
 * Runs an operation in the server listening on `path`. Resolves with its result, or with
 * undefined when no server listens there (no socket, or one left by a killed server); rejects
 * with ServerError when the server refused the command.
 */
export function askServer<N extends OperationName>(
  path: string,
  request: {
    readonly command: N;
    readonly input: OperationInput<N>;
    readonly version: string;
    readonly user: string;
    readonly onProgress?: ((p: Progress) => void) | undefined;
  },
): Promise<{ result: OperationOutput<N> } | undefined> {
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH_BYTES) return Promise.resolve(undefined);
  return new Promise((done, fail) => {
    const socket = createConnection(path);
    let connected = false;
    let settled = false;
    let buffer = "";
    const finish = (f: () => void): void => {
      if (settled) return;
      settled = true;
      socket.destroy();
      f();
    };
    socket.setEncoding("utf8");
    socket.on("connect", () => {
      connected = true;
      socket.write(
        `${JSON.stringify({ version: request.version, command: request.command, input: request.input, user: request.user })}\n`,
      );
    });
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf("\n"); end >= 0; end = buffer.indexOf("\n")) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 1);
        const answer = parseAnswer(line);
        if (answer === undefined) {
          return finish(() => fail(new Error("Der Server antwortete unverständlich.")));
        }
        if ("progress" in answer) request.onProgress?.(answer.progress);
        else if ("error" in answer) {
          const { code, message, details } = answer.error;
          return finish(() => fail(new ServerError(code, message, details)));
        } else {
          const output = OPERATIONS[request.command].output.safeParse(answer.result);
          return finish(() =>
            output.success
              ? done({ result: output.data as OperationOutput<N> })
              : fail(new Error("Der Server antwortete unverständlich.")),
          );
        }
      }
    });
    socket.on("error", (e: NodeJS.ErrnoException) => {
      if (!connected && (e.code === "ENOENT" || e.code === "ECONNREFUSED")) {
        return finish(() => done(undefined));
      }
      if (!connected && e.code === "EACCES") {
        return finish(() =>
          fail(
            new Error(
              `Der laufende Server gehört einem anderen Benutzer (${path}): den Befehl als dessen Benutzer ausführen.`,
            ),
          ),
        );
      }
      finish(() => fail(e));
    });
    socket.on("close", () =>
      finish(() =>
        fail(
          new Error(
            "Die Verbindung zum laufenden Server brach ab, bevor er antwortete. Ob der Befehl ausgeführt wurde, ist offen: bitte nachsehen, bevor er wiederholt wird.",
          ),
        ),
      ),
    );
  });
}

function parseAnswer(line: string): Answer | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  if ("progress" in value) {
    const p = progressSchema.safeParse(value.progress);
    return p.success ? { progress: p.data } : undefined;
  }
  if ("error" in value) {
    const e = errorSchema.safeParse(value.error);
    return e.success ? { error: e.data } : undefined;
  }
  return "result" in value ? { result: value.result } : undefined;
}
