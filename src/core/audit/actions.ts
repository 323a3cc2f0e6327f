/**
 * The vocabulary of the audit log (ADR 0007): what an event records a change of. The storage
 * schema keeps it as the column's enum; contracts and services read it from here.
 */
export const AUDIT_ACTIONS = [
  "create",
  "update",
  "delete",
  "import",
  "import_rejected",
  "publish",
  "login",
  "login_failed",
  "logout",
  "password_change",
  "password_reset",
  "restore",
  /** Someone read personal records (accommodation stays). */
  "read",
  /** A month's statistic closed, a WoBerichtsG file marked delivered. */
  "close",
  /** A closed month or a delivered file opened again for changes, with a reason. */
  "reopen",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an audit event records a change of: one name per kind of entity. */
export const AUDIT_ENTITIES = [
  "user",
  "membership",
  "role_request",
  /** An invitation link to a one-time password (single use, expires). */
  "invitation",
  /** A workspace's logo (PNG or SVG). */
  "workspace_logo",
  "session",
  "workspace",
  "area",
  "area_system",
  "variable",
  "indicator",
  "import_run",
  "crosswalk",
  "saved_name",
  "observation",
  "value_review",
  "index_definition",
  "index_run",
  "report",
  "report_template",
  "facility",
  "occupancy_month",
  "federal_delivery",
  "stay",
  "household",
  "person",
  "theme",
  "goal",
  "goal_indicator",
  "measure",
  "performance_measure",
  "curve_story",
  "budget_line",
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];
