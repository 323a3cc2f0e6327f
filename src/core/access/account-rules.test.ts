import { describe, expect, it } from "vitest";
import {
  decideAccountAction,
  type AccountAction,
  type ManagedAccount,
  type Manager,
} from "./account-rules.ts";
import type { Role } from "./roles.ts";

const WS = 1;
const OTHER_WS = 2;
const operator: Manager = { level: "operator", userId: null };
const installation: Manager = { level: "installation", userId: 100 };
const adminA: Manager = { level: "workspace", userId: 10 };
const adminB: Manager = { level: "workspace", userId: 11 };

const account = (role: Role, more: Partial<ManagedAccount> = {}): ManagedAccount => ({
  userId: 50,
  installationAdmin: false,
  memberships: [{ workspaceId: WS, role }],
  passwordIssuedBy: null,
  ...more,
});
const decide = (m: Manager, target: ManagedAccount | null, action: AccountAction) =>
  decideAccountAction(m, WS, target, action);

describe("account rules", () => {
  it("lets the operator do anything at once", () => {
    const actions: AccountAction[] = [
      { kind: "create", role: "planner" },
      { kind: "set_role", role: "admin" },
      { kind: "reset_password" },
      { kind: "confirm", role: "planner", requestedBy: 10 },
    ];
    for (const action of actions) {
      expect(decide(operator, account("admin", { installationAdmin: true }), action).kind).toBe(
        "allow",
      );
    }
  });

  it("makes a workspace administrator's grant of a guarded role a request for another admin", () => {
    for (const role of ["planner", "occupancy", "admin"] as const) {
      expect(decide(adminA, null, { kind: "create", role })).toEqual({
        kind: "request",
        confirmBy: "admin",
      });
      expect(decide(adminA, account("viewer"), { kind: "set_role", role })).toEqual({
        kind: "request",
        confirmBy: "admin",
      });
    }
    for (const role of ["viewer", "contributor"] as const) {
      expect(decide(adminA, null, { kind: "create", role }).kind).toBe("allow");
      expect(decide(adminA, account("planner"), { kind: "set_role", role }).kind).toBe("allow");
    }
    // Keeping a role one already has grants nothing.
    expect(decide(adminA, account("planner"), { kind: "set_role", role: "planner" }).kind).toBe(
      "allow",
    );
  });

  it("refuses every change of one's own account through the web app", () => {
    const self = account("admin", { userId: 10 });
    for (const action of [
      { kind: "set_role", role: "planner" },
      { kind: "set_role", role: "viewer" },
      { kind: "reset_password" },
      { kind: "set_active" },
    ] as const) {
      expect(decide(adminA, self, action)).toEqual({ kind: "refuse", reason: "own_account" });
    }
    expect(
      decide(installation, account("admin", { userId: 100, installationAdmin: true }), {
        kind: "set_role",
        role: "planner",
      }),
    ).toEqual({ kind: "refuse", reason: "own_account" });
  });

  it("leaves accounts of several workspaces and installation administrators to the installation", () => {
    const shared = account("viewer", {
      memberships: [
        { workspaceId: WS, role: "viewer" },
        { workspaceId: OTHER_WS, role: "planner" },
      ],
    });
    for (const action of [
      { kind: "set_role", role: "contributor" },
      { kind: "reset_password" },
      { kind: "set_active" },
    ] as const) {
      expect(decide(adminA, shared, action)).toEqual({
        kind: "refuse",
        reason: "other_workspace",
      });
      expect(decide(installation, shared, action).kind).toBe("allow");
      const root = account("admin", { installationAdmin: true });
      expect(decide(adminA, root, action)).toEqual({
        kind: "refuse",
        reason: "installation_account",
      });
      expect(decide(installation, root, action)).toEqual({
        kind: "refuse",
        reason: "installation_account",
      });
    }
  });

  it("lets a workspace administrator reset only passwords of accounts that neither read records nor administer", () => {
    for (const role of ["viewer", "contributor"] as const) {
      expect(decide(adminA, account(role), { kind: "reset_password" }).kind).toBe("allow");
    }
    for (const role of ["planner", "occupancy", "admin"] as const) {
      expect(decide(adminA, account(role), { kind: "reset_password" })).toEqual({
        kind: "refuse",
        reason: "guarded_account",
      });
      expect(decide(installation, account(role), { kind: "reset_password" }).kind).toBe("allow");
    }
  });

  it("answers a role for an address of another workspace always with a request for the installation", () => {
    const elsewhere = account("planner", {
      memberships: [{ workspaceId: OTHER_WS, role: "planner" }],
    });
    const root = account("admin", {
      memberships: [{ workspaceId: OTHER_WS, role: "admin" }],
      installationAdmin: true,
    });
    for (const target of [elsewhere, root]) {
      for (const role of ["viewer", "planner"] as const) {
        expect(decide(adminA, target, { kind: "join", role })).toEqual({
          kind: "request",
          confirmBy: "installation",
        });
      }
    }
    expect(decide(installation, elsewhere, { kind: "join", role: "viewer" }).kind).toBe("allow");
  });

  it("confirms a request only by another administrator, and not by the one who issued the password", () => {
    const created = account("viewer", { passwordIssuedBy: 10 });
    const confirm = { kind: "confirm", role: "planner", requestedBy: 10 } as const;
    expect(decide(adminA, created, confirm)).toEqual({ kind: "refuse", reason: "own_request" });
    // The requester issued the password: the confirming administrator hands out a new one.
    expect(decide(adminB, created, confirm)).toEqual({ kind: "allow", reissuePassword: true });
    expect(decide(installation, created, confirm)).toEqual({
      kind: "allow",
      reissuePassword: true,
    });
    const issuedByB = account("viewer", { passwordIssuedBy: 11 });
    expect(decide(adminB, issuedByB, confirm)).toEqual({
      kind: "refuse",
      reason: "issued_password",
    });
    expect(decide(adminB, account("viewer"), confirm)).toEqual({
      kind: "allow",
      reissuePassword: false,
    });
    // The account itself never confirms its own role.
    expect(decide(adminB, account("admin", { userId: 11 }), confirm)).toEqual({
      kind: "refuse",
      reason: "own_account",
    });
  });
});
