/**
 * The module recipe (docs/adding-a-module.md) holds: a module keeps one name in every layer, and
 * its routes are reached only through the one list in src/server/routes/index.ts.
 */
import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { MODULE_ROUTES } from "../../src/server/routes/index.ts";

const SRC = resolve(import.meta.dirname, "../../src");
const ROUTES = join(SRC, "server/routes");
/** Contracts every module shares: the error envelope, field labels, validation messages. */
const SHARED_CONTRACTS = new Set(["common", "field-labels", "validation-messages"]);

const routeFiles = readdirSync(ROUTES).filter((f) => f.endsWith(".routes.ts"));
const routeModules = new Set(routeFiles.map((f) => f.replace(/\.routes\.ts$/, "").split("-")[0]));
const contracts = readdirSync(join(SRC, "contracts"))
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
  .map((f) => f.replace(/\.ts$/, ""))
  .filter((name) => !SHARED_CONTRACTS.has(name));
const serviceFolders = readdirSync(join(SRC, "services")).filter((f) =>
  statSync(join(SRC, "services", f)).isDirectory(),
);

/** A route file of module M is M.routes.ts or M-<part>.routes.ts. */
const hasRoutes = (module: string) =>
  routeFiles.some((f) => f === `${module}.routes.ts` || f.startsWith(`${module}-`));

describe("module layout", () => {
  it("registers every route file's routes through the one list", async () => {
    const listed = new Set<unknown>(MODULE_ROUTES);
    for (const file of routeFiles) {
      const exports = (await import(join(ROUTES, file))) as Record<string, unknown>;
      const registers = Object.entries(exports).filter(
        ([name, value]) => /^register\w+Routes$/.test(name) && typeof value === "function",
      );
      expect(registers.length, `${file} exports a register…Routes function`).toBeGreaterThan(0);
      for (const [name, fn] of registers) {
        expect(listed.has(fn), `${name} (${file}) is in MODULE_ROUTES`).toBe(true);
      }
    }
  });

  it("serves every module's contracts from routes of the same name", () => {
    for (const name of contracts) {
      expect(
        hasRoutes(name),
        `src/contracts/${name}.ts has src/server/routes/${name}*.routes.ts`,
      ).toBe(true);
    }
  });

  it("names every service folder after a module that has contracts or routes", () => {
    for (const folder of serviceFolders) {
      const known = contracts.includes(folder) || hasRoutes(folder) || routeModules.has(folder);
      expect(known, `src/services/${folder}/ is a module with contracts or routes`).toBe(true);
    }
  });
});
