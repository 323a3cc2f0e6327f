/**
 * Which modules a role sees, and where it is at home. The roles of each module are written in
 * its entry in modules.ts (the one list); these functions read any such list, so the navigation
 * (Layout.tsx), the routes (App.tsx) and the tests ask the same question the same way.
 */
import type { Role } from "@core/access/roles.ts";

/** What the questions below need of a module. */
export interface RoleScoped {
  readonly path: string;
  /** The roles that see the module in the navigation and may open it. */
  readonly roles: readonly Role[];
  /** The roles for which it is the start page: where they land and where "/" leads them. */
  readonly homeOf?: readonly Role[];
}

/** Whether a member with this role may open the module. */
export function isOpenTo(module: RoleScoped, role: Role): boolean {
  return module.roles.includes(role);
}

/** The modules a role sees, in the order of the list. */
export function modulesFor<M extends RoleScoped>(modules: readonly M[], role: Role): M[] {
  return modules.filter((m) => isOpenTo(m, role));
}

/**
 * The start page of a role: the module that names it its home, if the role may open it;
 * otherwise the first module it sees; "/" only for a role that sees none.
 */
export function homeOf(modules: readonly RoleScoped[], role: Role): string {
  const home = modules.find((m) => m.homeOf?.includes(role) === true && isOpenTo(m, role));
  return (home ?? modules.find((m) => isOpenTo(m, role)))?.path ?? "/";
}

/** The roles that may open the module, in the order of the roles' list (for the notice). */
export function rolesOf(module: RoleScoped, all: readonly Role[]): Role[] {
  return all.filter((r) => isOpenTo(module, r));
}
