/**
 * A logged-in member for benchmarks of internal endpoints: an account with its own password
 * (the one-time password replaced, as a person would) and the headers a browser sends.
 */
import { randomBytes } from "node:crypto";
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import type { ServiceContext } from "../../src/services/context.ts";
import { changePassword, login } from "../../src/services/access/sessions.ts";
import { addUser } from "../../src/services/access/users.ts";
import type { Role } from "../../src/core/access/roles.ts";

export function plannerHeaders(
  ctx: ServiceContext,
  workspace: string,
): Promise<Record<string, string>> {
  return memberHeaders(ctx, workspace, "planner");
}

export async function memberHeaders(
  ctx: ServiceContext,
  workspace: string,
  role: Role,
): Promise<Record<string, string>> {
  const email = `bench.${randomBytes(4).toString("hex")}@bench.sopla.example`;
  const account = await addUser(
    ctx,
    { email, displayName: "Benchmark", workspace, role },
    SYSTEM_ACTOR,
  );
  const first = await login(ctx, {
    email,
    password: account.oneTimePassword,
    clientAddress: "bench",
  });
  const password = `Bench-${randomBytes(8).toString("hex")}`;
  await changePassword(ctx, first.user, {
    currentPassword: account.oneTimePassword,
    newPassword: password,
  });
  const { token } = await login(ctx, { email, password, clientAddress: "bench" });
  return { cookie: `sopla_session=${token}` };
}
