/**
 * The dependency rule is enforced, not only written down: `npm run check` runs dependency-cruiser
 * with `.dependency-cruiser.cjs` over src and web/src. Here the same command runs over a small
 * tree that breaks each rule on purpose, and must fail naming every broken rule — so a rule that
 * stopped matching (a renamed folder, a wrong pattern) fails this test instead of passing quietly.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const DEPCRUISE = join(ROOT, "node_modules/dependency-cruiser/bin/dependency-cruise.mjs");

/** A file per layer; each broken rule is one import that the real tree must never contain. */
const TREE: Record<string, string> = {
  "src/core/value.ts": `export type Value = number;\n`,
  "src/core/leaks.ts": `import { rows } from "../storage/rows.repo.ts";\nimport { readFileSync } from "node:fs";\nexport const n = rows.length + readFileSync.length;\n`,
  "src/storage/rows.repo.ts": `export const rows: number[] = [];\n`,
  "src/contracts/shape.ts": `import { rows } from "../storage/rows.repo.ts";\nexport const shape = rows;\n`,
  "src/contracts/documents/mapping.ts": `import { shape } from "../shape.ts";\nexport const mapping = shape;\n`,
  "src/contracts/documents/plain.ts": `import type { Value } from "../../core/value.ts";\nexport type Plain = Value;\n`,
  "src/imports/read.ts": `import type { Plain } from "../contracts/documents/plain.ts";\nimport { shape } from "../contracts/shape.ts";\nexport const read = (p: Plain) => shape.length + p;\n`,
  "src/services/a.ts": `import type { B } from "./b.ts";\nexport interface A { b?: B }\n`,
  "src/services/b.ts": `import type { A } from "./a.ts";\nexport interface B { a?: A }\n`,
  "src/server/route.ts": `import { rows } from "../storage/rows.repo.ts";\nexport const route = rows;\n`,
  "web/src/page.ts": `import type { A } from "../../src/services/a.ts";\nimport type { Value } from "@core/value.ts";\nexport type P = A | Value;\n`,
  "web/src/ok.ts": `import type { Value } from "@core/value.ts";\nexport type Q = Value;\n`,
  "web/src/features/a/A.ts": `import { b } from "../b/B.ts";\nimport { own } from "./own.ts";\nexport const a = b + own;\n`,
  "web/src/features/a/own.ts": `export const own = 1;\n`,
  "web/src/features/b/B.ts": `export const b = 1;\n`,
  "web/src/lib/format.ts": `import { b } from "../features/b/B.ts";\nexport const f = b;\n`,
};

let dir = "";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "sopla-layers-"));
  cpSync(join(ROOT, ".dependency-cruiser.cjs"), join(dir, ".dependency-cruiser.cjs"));
  cpSync(join(ROOT, "tsconfig.json"), join(dir, "tsconfig.json"));
  for (const [path, text] of Object.entries(TREE)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function cruise(...paths: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [DEPCRUISE, ...paths, "--config", ".dependency-cruiser.cjs", "--output-type", "err"],
      { cwd: dir },
    );
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, out: e.stdout };
  }
}

describe("the dependency rule", () => {
  it("fails on a deliberate violation of each layer, naming the rule and the import", async () => {
    const { code, out } = await cruise("src", "web/src");
    expect(code).not.toBe(0);
    expect(out).toContain("core-is-the-ground: src/core/leaks.ts → src/storage/rows.repo.ts");
    expect(out).toContain("core-without-node: src/core/leaks.ts → fs");
    expect(out).toContain(
      "contracts-need-only-core: src/contracts/shape.ts → src/storage/rows.repo.ts",
    );
    // A document schema stands alone; the imports read documents, not the API's shapes.
    expect(out).toContain(
      "documents-stand-alone: src/contracts/documents/mapping.ts → src/contracts/shape.ts",
    );
    expect(out).toContain("pure-pipelines: src/imports/read.ts → src/contracts/shape.ts");
    expect(out).not.toContain("src/imports/read.ts → src/contracts/documents/plain.ts");
    expect(out).toContain(
      "outer-layers-use-services: src/server/route.ts → src/storage/rows.repo.ts",
    );
    expect(out).toContain("web-through-contracts-and-core: web/src/page.ts → src/services/a.ts");
    expect(out).toContain("web-features-apart: web/src/features/a/A.ts → web/src/features/b/B.ts");
    expect(out).not.toContain("web/src/features/a/own.ts");
    expect(out).toContain(
      "web-lib-and-ui-below-features: web/src/lib/format.ts → web/src/features/b/B.ts",
    );
    // A cycle of type-only imports counts too.
    expect(out).toMatch(/no-cycles: src\/services\/(a|b)\.ts → \s*src\/services\/(a|b)\.ts/);
    // The web's aliases resolve, so an aliased import into the core is allowed and checked.
    expect(out).not.toContain("resolvable");
    expect(out).not.toContain("web/src/ok.ts");
  });

  it("passes a tree that keeps the rule", async () => {
    const { code, out } = await cruise("src/core/value.ts", "src/storage", "web/src/ok.ts");
    expect(out).toContain("no dependency violations");
    expect(code).toBe(0);
  });
});
