/**
 * Which part of a workspace's audit log a role sees (ADR 0007). Events about accommodation
 * records name a household, a facility and a day, so they are record content: only the roles
 * that read records see them. Administrators see every other event; the accommodation staff
 * see only the accommodation events.
 */
import type { Role } from "./roles.ts";

/** Audit entities whose events carry accommodation record content. */
export const RECORD_AUDIT_ENTITIES: readonly string[] = ["stay", "household", "person"];

/** Audit entities of the accommodation, records and facilities. */
export const ACCOMMODATION_AUDIT_ENTITIES: readonly string[] = [
  ...RECORD_AUDIT_ENTITIES,
  "facility",
];

/** A filter on the entity of audit events: everything, only some, or all but some. */
export type AuditScope =
  | { readonly kind: "all" }
  | { readonly kind: "only"; readonly entities: readonly string[] }
  | { readonly kind: "except"; readonly entities: readonly string[] };

/** The audit events a role may read, or null when it may read none. */
export function auditScopeOf(role: Role): AuditScope | null {
  switch (role) {
    case "planner":
      return { kind: "all" };
    case "admin":
      return { kind: "except", entities: RECORD_AUDIT_ENTITIES };
    case "occupancy":
      return { kind: "only", entities: ACCOMMODATION_AUDIT_ENTITIES };
    case "contributor":
    case "viewer":
      return null;
  }
}

/** Whether an event of this entity lies within the scope. */
export function isInAuditScope(scope: AuditScope, entity: string): boolean {
  switch (scope.kind) {
    case "all":
      return true;
    case "only":
      return scope.entities.includes(entity);
    case "except":
      return !scope.entities.includes(entity);
  }
}
