/**
 * Who may call which route. Every route declares its rule next to its definition, in
 * `config.access`; a route without one is refused when the server starts, so no route can
 * be open by accident. The rule is checked before the request body is validated, so a caller
 * without access learns nothing about a route's inputs.
 *
 * - `PUBLIC`: anyone, without login (health, login, the open-data and OGC endpoints);
 * - `LOGGED_IN`: any logged-in user (their own session, their password);
 * - `INSTALLATION_ADMINS`: installation administrators (all workspaces), read from the database;
 * - `members(...roles)`: a member of the request's workspace (`?workspace=`; may be omitted
 *   when the user belongs to one workspace only) holding one of the roles. A member of
 *   workspace A asking for workspace B is refused exactly as for a workspace that does not
 *   exist, so workspace names are not revealed either.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Audience } from "../core/publication/publication.ts";
import { AppError } from "../services/app-error.ts";
import type { Actor } from "../services/audit.ts";
import type { ServiceContext } from "../services/context.ts";
import { requireInstallationAdmin } from "../services/installation-workspaces.ts";
import { resolveWorkspaceCached, type Workspace } from "../services/workspaces.ts";
import { ROLES, type Role } from "../core/access/roles.ts";

export type Access =
  | { readonly kind: "public" }
  | { readonly kind: "login" }
  | { readonly kind: "installation" }
  | { readonly kind: "members"; readonly roles: readonly Role[] };

export const PUBLIC: Access = { kind: "public" };
export const LOGGED_IN: Access = { kind: "login" };
/** Installation administrators only (ADR 0007), whatever their roles in workspaces. */
export const INSTALLATION_ADMINS: Access = { kind: "installation" };
export const members = (...roles: Role[]): Access => ({ kind: "members", roles });

/** Everyone who belongs to the workspace: reads internal (and public) items. */
export const ANY_MEMBER = members(...ROLES);
/** Those who deliver and check data: raw observations, imports. */
export const DATA_STAFF = members("planner", "contributor");
/**
 * Those who bring files in: the data staff, and the administrators who set a workspace up
 * (its boundaries and first tables). Raw observations stay with the data staff.
 */
export const IMPORTERS = members("planner", "contributor", "admin");

/** A route as the access table lists it (for the route × role test and the docs). */
export interface RouteRule {
  readonly method: string;
  readonly url: string;
  readonly access: Access;
}

declare module "fastify" {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    /** The workspace and role a `members` route was admitted for. */
    membership: { readonly workspace: Workspace; readonly role: Role } | null;
  }
  interface FastifyInstance {
    /** Every registered route with its access rule. */
    routeRules: RouteRule[];
  }
}

/** Routes added by plugins (the OpenAPI viewer) that are public by nature. */
const PLUGIN_PUBLIC_PREFIXES = ["/api/docs"];

const ROLE_LABEL: Record<Role, string> = {
  admin: "Administration",
  planner: "Sozialplanung",
  contributor: "Fachdienst",
  occupancy: "Unterkunftsverwaltung",
  viewer: "Lesezugriff",
};

export function roleLabel(role: Role): string {
  return ROLE_LABEL[role];
}

export function installAccessControl(app: FastifyInstance, ctx: ServiceContext): void {
  app.decorate("routeRules", []);
  app.decorateRequest("membership", null);

  app.addHook("onRoute", (route) => {
    let access = route.config?.access;
    if (!access && PLUGIN_PUBLIC_PREFIXES.some((p) => route.url.startsWith(p))) {
      access = PUBLIC;
      route.config = { ...route.config, access };
    }
    if (!access) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule`);
    }
    for (const method of [route.method].flat()) {
      app.routeRules.push({ method, url: route.url, access });
    }
  });

  app.addHook("preValidation", async (request) => {
    const access = request.routeOptions.config.access;
    if (!access || access.kind === "public") return;
    if (!request.user) {
      throw new AppError("not_authenticated", "Bitte zuerst anmelden.");
    }
    if (access.kind === "login") return;
    if (request.user.mustChangePassword) {
      throw new AppError(
        "password_change_required",
        "Bitte zuerst das Einmalpasswort durch ein eigenes Passwort ersetzen (POST /api/session/password).",
      );
    }
    if (access.kind === "installation") {
      await requireInstallationAdmin(ctx, request.user.userId);
      return;
    }
    request.membership = await admit(ctx, request, access.roles);
  });
}

async function admit(
  ctx: ServiceContext,
  request: FastifyRequest,
  roles: readonly Role[],
): Promise<{ workspace: Workspace; role: Role }> {
  const user = request.user!;
  const raw = (request.query as Record<string, unknown> | undefined)?.["workspace"];
  if (raw !== undefined && typeof raw !== "string") {
    throw new AppError("invalid_input", "Bitte genau einen Arbeitsbereich angeben.");
  }
  const slug = raw === undefined || raw === "" ? undefined : raw;
  let membership;
  if (slug === undefined) {
    if (user.memberships.length > 1) {
      const slugs = user.memberships.map((m) => m.workspace);
      throw new AppError(
        "workspace_required",
        `Bitte einen Arbeitsbereich wählen: ${slugs.join(", ")}.`,
        { workspaces: slugs },
      );
    }
    membership = user.memberships[0];
  } else {
    membership = user.memberships.find((m) => m.workspace === slug);
  }
  if (!membership) {
    throw new AppError(
      "forbidden",
      slug === undefined
        ? "Ihr Konto gehört zu keinem Arbeitsbereich."
        : `Kein Zugriff auf den Arbeitsbereich „${slug}“.`,
    );
  }
  if (!roles.includes(membership.role)) {
    throw new AppError(
      "forbidden",
      `Ihre Rolle „${roleLabel(membership.role)}“ erlaubt das nicht.`,
      { role: membership.role, allowed: roles },
    );
  }
  const workspace = await resolveWorkspaceCached(ctx, membership.workspace);
  return { workspace, role: membership.role };
}

/** The workspace and role a `members` route was admitted for. */
export function membershipOf(request: FastifyRequest): { workspace: Workspace; role: Role } {
  if (!request.membership) throw new Error("route without a members rule asked for a workspace");
  return request.membership;
}

/** Refuses unless the caller's role is one of `roles` — for a permission inside a route. */
export function requireRole(request: FastifyRequest, roles: readonly Role[], what: string): void {
  const { role } = membershipOf(request);
  if (!roles.includes(role)) {
    throw new AppError("forbidden", `${what} ist der Rolle „${roleLabel(role)}“ nicht erlaubt.`, {
      role,
      allowed: roles,
    });
  }
}

/** Which publication states the caller sees: planners see drafts, other members internal items. */
export function audienceOf(request: FastifyRequest): Audience {
  return membershipOf(request).role === "planner" ? "planning" : "internal";
}

/** The logged-in user as the audit log names them. */
export function actorOf(request: FastifyRequest): Actor {
  const user = request.user;
  return user ? { userId: user.userId, label: user.email } : { userId: null, label: "anonym" };
}
