/**
 * The roles a member holds in a workspace (README, "Who may do what"), and the two groups of
 * them the access rules single out.
 */
export const ROLES = ["admin", "planner", "contributor", "occupancy", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** The roles that read pseudonymous accommodation records: the accommodation staff and planners. */
export const RECORD_ROLES: readonly Role[] = ["occupancy", "planner"];

/**
 * The roles a workspace administrator may grant only with a second administrator's
 * confirmation (ADR 0007): those that read records, and the admin role, whose holders confirm
 * such grants.
 */
export const GUARDED_ROLES: readonly Role[] = ["admin", "occupancy", "planner"];

export function isRecordRole(role: Role): boolean {
  return RECORD_ROLES.includes(role);
}

export function isGuardedRole(role: Role): boolean {
  return GUARDED_ROLES.includes(role);
}
