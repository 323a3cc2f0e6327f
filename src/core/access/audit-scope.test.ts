import { describe, expect, it } from "vitest";
import { auditScopeOf, isInAuditScope } from "./audit-scope.ts";
import { ROLES, type Role } from "./roles.ts";

const sees = (role: Role, entity: string): boolean => {
  const scope = auditScopeOf(role);
  return scope !== null && isInAuditScope(scope, entity);
};

describe("audit scope", () => {
  it("shows stay, household and person events only to the roles that read records", () => {
    for (const entity of ["stay", "household", "person"]) {
      expect(ROLES.filter((r) => sees(r, entity))).toEqual(["planner", "occupancy"]);
    }
  });

  it("shows administrators every other event, the accommodation staff only accommodation ones", () => {
    for (const entity of ["user", "membership", "session", "variable", "role_request"]) {
      expect(
        ROLES.filter((r) => sees(r, entity)),
        entity,
      ).toEqual(["admin", "planner"]);
    }
    expect(ROLES.filter((r) => sees(r, "facility"))).toEqual(["admin", "planner", "occupancy"]);
  });

  it("gives contributors and viewers no audit log", () => {
    expect(auditScopeOf("contributor")).toBeNull();
    expect(auditScopeOf("viewer")).toBeNull();
  });
});
