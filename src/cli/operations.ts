/**
 * The command-line operations a running `sopla serve` carries out for the shell (through the
 * control channel, control.ts) while it holds the embedded database: accounts, the list of
 * workspaces and the backup. Each states its input and output as zod schemas, because both
 * cross a process boundary, and runs the same service call in either process.
 */
import { isAbsolute } from "node:path";
import { z } from "zod";
import { backupToFile } from "../services/backup.ts";
import { AppError } from "../services/app-error.ts";
import type { ServiceContext } from "../services/context.ts";
import type { Actor } from "../services/audit.ts";
import {
  addUser,
  listUsers,
  resetPassword,
  ROLES,
  setAccountActive,
  setInstallationAdministrator,
  setRole,
} from "../services/access/users.ts";
import { getWorkspaces } from "../services/workspaces.ts";

/** A step of a long operation, shown on stderr as it happens (the backup's tables). */
export const progressSchema = z.object({ table: z.string(), rows: z.number().int() });
export type Progress = z.infer<typeof progressSchema>;

interface Operation<I extends z.ZodType, O extends z.ZodType> {
  readonly input: I;
  readonly output: O;
  run(
    ctx: ServiceContext,
    input: z.infer<I>,
    actor: Actor,
    onProgress: (p: Progress) => void,
  ): Promise<z.infer<O>>;
}

function operation<I extends z.ZodType, O extends z.ZodType>(op: Operation<I, O>): Operation<I, O> {
  return op;
}

const optionalSlug = z.string().optional();

export const OPERATIONS = {
  "user.add": operation({
    input: z.object({
      email: z.string(),
      displayName: z.string(),
      role: z.string(),
      workspace: optionalSlug,
    }),
    output: z.object({
      email: z.string(),
      displayName: z.string(),
      workspace: z.string(),
      role: z.enum(ROLES),
      oneTimePassword: z.string(),
    }),
    run: (ctx, input, actor) => addUser(ctx, input, actor),
  }),
  "user.list": operation({
    input: z.object({ workspace: optionalSlug }),
    output: z.array(
      z.object({
        email: z.string(),
        displayName: z.string(),
        workspace: z.string(),
        role: z.enum(ROLES),
        mustChangePassword: z.boolean(),
        disabled: z.boolean(),
        installationAdmin: z.boolean(),
        pendingRole: z.enum(ROLES).nullable(),
      }),
    ),
    run: (ctx, input) => listUsers(ctx, input.workspace),
  }),
  "user.set-role": operation({
    input: z.object({ email: z.string(), role: z.string(), workspace: optionalSlug }),
    output: z.null(),
    run: async (ctx, input, actor) => {
      await setRole(ctx, input, actor);
      return null;
    },
  }),
  "user.reset-password": operation({
    input: z.object({ email: z.string() }),
    output: z.object({ oneTimePassword: z.string() }),
    run: async (ctx, input, actor) => ({
      oneTimePassword: await resetPassword(ctx, input.email, actor),
    }),
  }),
  "user.set-active": operation({
    input: z.object({ email: z.string(), active: z.boolean() }),
    output: z.null(),
    run: async (ctx, input, actor) => {
      await setAccountActive(ctx, input.email, input.active, actor);
      return null;
    },
  }),
  "user.installation-admin": operation({
    input: z.object({ email: z.string(), on: z.boolean() }),
    output: z.null(),
    run: async (ctx, input, actor) => {
      await setInstallationAdministrator(ctx, input.email, input.on, actor);
      return null;
    },
  }),
  workspaces: operation({
    input: z.object({}),
    output: z.array(z.object({ slug: z.string(), name: z.string() })),
    run: async (ctx) => (await getWorkspaces(ctx)).map((w) => ({ slug: w.slug, name: w.name })),
  }),
  backup: operation({
    input: z.object({
      /** An absolute path: the server's working folder is not the shell's. */
      file: z.string().refine(isAbsolute, "ein absoluter Pfad"),
      workspace: optionalSlug,
      appVersion: z.string(),
    }),
    output: z.object({
      file: z.string(),
      tables: z.number().int(),
      rows: z.number().int(),
      bytes: z.number().int(),
    }),
    run: async (ctx, input, _actor, onProgress) => {
      const summary = await backupToFile(ctx, {
        file: input.file,
        workspace: input.workspace,
        appVersion: input.appVersion,
        onTable: (table, rows) => onProgress({ table, rows }),
      });
      return {
        file: summary.file,
        tables: summary.tables,
        rows: summary.rows,
        bytes: summary.bytes,
      };
    },
  }),
};

export type OperationName = keyof typeof OPERATIONS;
export type OperationInput<N extends OperationName> = z.infer<(typeof OPERATIONS)[N]["input"]>;
export type OperationOutput<N extends OperationName> = z.infer<(typeof OPERATIONS)[N]["output"]>;

export function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(OPERATIONS, name);
}

/** Runs the operation `name` on `ctx` with `rawInput`, checked against its schema first. */
export async function runOperation<N extends OperationName>(
  name: N,
  rawInput: unknown,
  ctx: ServiceContext,
  actor: Actor,
  onProgress: (p: Progress) => void,
): Promise<OperationOutput<N>> {
  const op = OPERATIONS[name];
  const parsed = op.input.safeParse(rawInput);
  if (!parsed.success) {
    throw new AppError("invalid_input", `Ungültige Angaben für „${name}“.`, parsed.error.issues);
  }
  // The union of all operations' parameter types is too wide for TypeScript to call one of them
  // with the parsed input; the schema of exactly this operation has just checked it.
  const run = op.run as (
    ctx: ServiceContext,
    input: unknown,
    actor: Actor,
    onProgress: (p: Progress) => void,
  ) => Promise<OperationOutput<N>>;
  return run(ctx, parsed.data, actor, onProgress);
}
