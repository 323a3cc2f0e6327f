import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "@core/access/roles.ts";
import { homeOf, isOpenTo, modulesFor, rolesOf, type RoleScoped } from "./module-access.ts";
import { MODULES } from "./modules.ts";

const LIST: readonly RoleScoped[] = [
  { path: "/", roles: ["planner", "viewer"], homeOf: ["planner", "viewer"] },
  { path: "/a", roles: ["planner", "occupancy", "viewer"] },
  { path: "/b", roles: ["occupancy", "planner"], homeOf: ["occupancy"] },
  { path: "/c", roles: ["admin"], homeOf: ["contributor"] },
];

describe("the role filter", () => {
  it.each<[Role, string[]]>([
    ["planner", ["/", "/a", "/b"]],
    ["viewer", ["/", "/a"]],
    ["occupancy", ["/a", "/b"]],
    ["admin", ["/c"]],
    ["contributor", []],
  ])("shows %s the modules that name it, in the list's order", (role, paths) => {
    expect(modulesFor(LIST, role).map((m) => m.path)).toEqual(paths);
  });

  it.each<[Role, string]>([
    ["planner", "/"],
    ["occupancy", "/b"],
    // No home named: the first module the role sees.
    ["admin", "/c"],
    // A home the role may not open is no home; with nothing to see, "/".
    ["contributor", "/"],
  ])("leads %s home to %s", (role, path) => {
    expect(homeOf(LIST, role)).toBe(path);
  });

  it("names the roles of a module in the order of all roles", () => {
    expect(rolesOf(LIST[2]!, ROLES)).toEqual(["planner", "occupancy"]);
    expect(isOpenTo(LIST[3]!, "admin")).toBe(true);
    expect(isOpenTo(LIST[3]!, "contributor")).toBe(false);
  });
});

/** What each role sees in the app's navigation: the product's decision, written by hand. */
const NAVIGATION: Record<Role, string[]> = {
  planner: [
    "/",
    "/atlas",
    "/gebiete",
    "/indikatoren",
    "/daten",
    "/analysen",
    "/berichte",
    "/unterkuenfte",
    "/ziele",
    "/netzwerk",
    "/planungen",
  ],
  contributor: [
    "/",
    "/atlas",
    "/gebiete",
    "/indikatoren",
    "/daten",
    "/berichte",
    "/unterkuenfte",
    "/ziele",
    "/netzwerk",
  ],
  viewer: ["/", "/atlas", "/gebiete", "/indikatoren", "/berichte", "/unterkuenfte", "/ziele"],
  occupancy: ["/atlas", "/gebiete", "/indikatoren", "/berichte", "/unterkuenfte"],
  admin: [
    "/atlas",
    "/gebiete",
    "/indikatoren",
    "/daten",
    "/berichte",
    "/unterkuenfte",
    "/verwaltung",
  ],
};

const HOME: Record<Role, string> = {
  planner: "/",
  contributor: "/",
  viewer: "/",
  occupancy: "/unterkuenfte",
  admin: "/verwaltung",
};

describe("the app's modules by role", () => {
  it.each(ROLES)("shows %s exactly its modules", (role) => {
    expect(modulesFor(MODULES, role).map((m) => m.path)).toEqual(NAVIGATION[role]);
  });

  it.each(ROLES)("gives %s one start page it may open", (role) => {
    expect(MODULES.filter((m) => m.homeOf?.includes(role)).length).toBe(1);
    expect(homeOf(MODULES, role)).toBe(HOME[role]);
    expect(NAVIGATION[role]).toContain(HOME[role]);
  });

  it("opens the overview only to the roles at home there, so '/' never leads to itself", () => {
    const overview = MODULES.find((m) => m.path === "/")!;
    for (const role of ROLES) expect(isOpenTo(overview, role)).toBe(HOME[role] === "/");
  });

  it("gives every module at least one role", () => {
    for (const m of MODULES) expect(m.roles.length, m.path).toBeGreaterThan(0);
  });
});
