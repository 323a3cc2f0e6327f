/**
 * How a command reaches the database: opened here from the environment, or, for the
 * operations of operations.ts, the running server that holds the embedded one (control.ts).
 */
import { cliActor } from "../services/audit.ts";
import { createServiceContext, type ServiceContext } from "../services/context.ts";
import { openDatabase, type Database } from "../storage/db.ts";
import { pgliteDir, type Config } from "./config.ts";
import { askServer, controlSocketPath } from "./control.ts";
import {
  runOperation,
  type OperationInput,
  type OperationName,
  type OperationOutput,
  type Progress,
} from "./operations.ts";
import { VERSION } from "./version.ts";

/** How the lock file of the embedded database names this process: the command line. */
const HOLDER = ["sopla", ...process.argv.slice(2)].join(" ").slice(0, 200);

/** Opens the database of `config` with the service context on it. */
export async function open(config: Config): Promise<{ db: Database; ctx: ServiceContext }> {
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: pgliteDir(config),
    holder: HOLDER,
  });
  const ctx = createServiceContext(db, { limits: { maxImportBytes: config.maxImportBytes } });
  return { db, ctx };
}

/** Runs `fn` on the database opened here, and closes it. */
export async function withContext<T>(
  config: Config,
  fn: (ctx: ServiceContext) => Promise<T>,
): Promise<T> {
  const { db, ctx } = await open(config);
  try {
    return await fn(ctx);
  } finally {
    await db.close();
  }
}

/**
 * Runs an operation of operations.ts: inside the running server when one holds the embedded
 * database (it answers on its control socket), else on the database opened here.
 */
export async function operate<N extends OperationName>(
  config: Config,
  command: N,
  input: OperationInput<N>,
  onProgress: (p: Progress) => void = () => undefined,
): Promise<OperationOutput<N>> {
  const actor = cliActor();
  if (config.databaseUrl === undefined) {
    const answer = await askServer(controlSocketPath(config.dataDir), {
      command,
      input,
      version: VERSION,
      user: actor.label.replace(/^cli:/, ""),
      onProgress,
    });
    if (answer) {
      console.error("(Ausgeführt vom laufenden Sopla-Server.)");
      return answer.result;
    }
  }
  return withContext(config, (ctx) => runOperation(command, input, ctx, actor, onProgress));
}
