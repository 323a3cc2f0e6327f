/**
 * Messages a planner understands, for every body the API accepts: the test reads every POST,
 * PUT and PATCH body schema from the OpenAPI document, checks that each field has a German
 * label (a new field without one fails here), and sends each field empty, too large, of the
 * wrong type and hostile (script tags, NUL, very long text). Every refusal names the field by
 * its German label and says in plain German what is wrong — no validator text ("Zu groß:
 * erwartet, dass number <=100000 ist"), no JSON key, no echo of the hostile input.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../src/cli/demo.ts";
import { fieldLabel, labelOfKey } from "../../src/contracts/field-labels.ts";
import { buildApp } from "../../src/server/app.ts";
import { createServiceContext } from "../../src/services/context.ts";
import { ROLES } from "../../src/core/access/roles.ts";
import { signIn, type AuthHeaders } from "../support/sign-in.ts";
import { setInstallationAdministrator } from "../../src/services/access/users.ts";
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

interface JsonSchema {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly maximum?: number;
  readonly exclusiveMaximum?: number;
  readonly maxLength?: number;
  readonly maxItems?: number;
  readonly minLength?: number;
}

interface OpenApi {
  readonly paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { in: string; name: string }[];
        requestBody?: { content?: Record<string, { schema: JsonSchema }> };
      }
    >
  >;
  readonly components: { readonly schemas: Record<string, JsonSchema> };
}

/** One field of a body: its path ("[]" for any element of a list) and its schema. */
interface Field {
  readonly path: readonly string[];
  readonly schema: JsonSchema;
}
interface Operation {
  readonly method: "POST" | "PUT" | "PATCH";
  readonly url: string;
  readonly fields: readonly Field[];
}

interface Issue {
  readonly where: string;
  readonly path: string;
  readonly field: string;
  readonly message: string;
}

let t: TestDatabase;
let app: FastifyInstance;
let doc: OpenApi;
let operations: Operation[];
const callers: AuthHeaders[] = [];

function resolve(s: JsonSchema | undefined): JsonSchema | undefined {
  if (s?.$ref) return doc.components.schemas[s.$ref.split("/").pop()!];
  return s;
}

/** The alternatives of a schema that are not `null`. */
function variants(s: JsonSchema | undefined): JsonSchema[] {
  const r = resolve(s);
  if (!r) return [];
  const alts = r.anyOf ?? r.oneOf;
  if (alts) return alts.flatMap(variants).filter((v) => v.type !== "null");
  if (r.allOf) return r.allOf.flatMap(variants);
  return [r];
}

function collect(s: JsonSchema | undefined, path: string[], out: Field[]): void {
  for (const v of variants(s)) {
    if (v.properties) {
      for (const [key, child] of Object.entries(v.properties)) {
        const p = [...path, key];
        if (!out.some((f) => f.path.join(".") === p.join("."))) {
          out.push({ path: p, schema: variants(child)[0] ?? {} });
        }
        collect(child, p, out);
      }
    }
    if (v.items) collect(v.items, [...path, "[]"], out);
  }
}

/** `value` placed at `path` in an otherwise empty body (lists get one element). */
function bodyWith(path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const inner = bodyWith(rest, value);
  return head === "[]" ? [inner] : { [head!]: inner };
}

const jsonPath = (path: readonly string[]) => path.map((p) => (p === "[]" ? "0" : p)).join(".");
const typeOf = (s: JsonSchema) =>
  (Array.isArray(s.type) ? s.type[0] : s.type) as string | undefined;

/** A value of another type than the schema's (`skip` when the schema names no type). */
const WRONG_TYPE: Readonly<Record<string, unknown>> = {
  string: 12345,
  number: "viele",
  integer: "viele",
  boolean: "ja",
  array: "eine Liste",
  object: "ein Text",
};
function wrongTypeFor(s: JsonSchema): unknown {
  if (s.enum || s.const !== undefined) return 12345;
  const type = typeOf(s);
  return type !== undefined && type in WRONG_TYPE ? WRONG_TYPE[type] : Symbol.for("skip");
}

/** A value beyond the schema's limit, or `undefined` when the schema sets none. */
function tooLargeFor(s: JsonSchema): unknown {
  const type = typeOf(s);
  if ((type === "number" || type === "integer") && s.maximum !== undefined) {
    return type === "integer" ? s.maximum + 1 : s.maximum * 2 + 1;
  }
  if ((type === "number" || type === "integer") && s.exclusiveMaximum !== undefined) {
    return s.exclusiveMaximum;
  }
  if (type === "string" && s.maxLength !== undefined && !s.enum) return "x".repeat(s.maxLength + 1);
  // (Lists longer than that exceed the body limit first: 413, "Der Inhalt ist zu groß.")
  if (type === "array" && s.maxItems !== undefined && s.maxItems < 10_000) {
    return new Array(s.maxItems + 1).fill("x");
  }
  return undefined;
}

const HOSTILE = [
  "<script>alert('x')</script>",
  "Haus\u0000am See",
  `${"<b>".repeat(10)}${"x".repeat(100_000)}`,
];

/** Validator wording that must never reach a planner. */
const RAW =
  /expected|received|invalid|required|number|string|boolean|array|object|<=|>=|Zu groß|Zu klein|Ungültig|erwartet|erhalten|undefined|NaN/i;

function checkIssues(res: { statusCode: number; body: string }, context: string): Issue[] {
  expect(res.statusCode, context).toBeLessThan(500);
  if (res.statusCode !== 400) return [];
  const body = JSON.parse(res.body) as {
    error: { code: string; message: string; details?: { issues?: Issue[] } };
  };
  if (body.error.code !== "invalid_request") return [];
  const issues = body.error.details?.issues ?? [];
  expect(issues.length, `${context}: ${res.body.slice(0, 300)}`).toBeGreaterThan(0);
  for (const issue of issues) {
    const where = `${context} → ${issue.path}: ${issue.message}`;
    // The field by its German label: never a quoted JSON key.
    expect(issue.field, where).not.toMatch(/„/);
    expect(issue.message.startsWith(`${issue.field}: `), where).toBe(true);
    expect(issue.message.slice(issue.field.length), where).not.toMatch(RAW);
    expect(issue.message, where).not.toMatch(/<script|\u0000/);
    expect(issue.message.length, where).toBeLessThan(400);
  }
  expect(body.error.message).not.toMatch(/<script|\u0000/);
  expect(body.error.message.length).toBeLessThan(2_000);
  return issues;
}

beforeAll(async () => {
  t = await openTestDatabase();
  const ctx = createServiceContext(t.db);
  await seedDemo(ctx);
  for (const role of ROLES) callers.push(await signIn(ctx, role, "flensburg"));
  app = await buildApp({ ctx, version: "messages" });
  // The routes of the installation level admit only an installation administrator.
  const installation = await signIn(ctx, "viewer", "flensburg");
  const own = await app.inject({ url: "/api/session", headers: installation });
  await setInstallationAdministrator(ctx, own.json<{ email: string }>().email, true, SYSTEM_ACTOR);
  callers.push(installation);
  doc = (await app.inject({ url: "/api/docs/json" })).json<OpenApi>();
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).flatMap(([method, op]) => {
      const schema = op.requestBody?.content?.["application/json"]?.schema;
      if (!["post", "put", "patch"].includes(method) || !schema) return [];
      const fields: Field[] = [];
      collect(schema, [], fields);
      const workspace = (op.parameters ?? []).some(
        (p) => p.in === "query" && p.name === "workspace",
      );
      const url =
        path
          .replace("{email}", "anna%40test.sopla.example")
          .replace("{id}", "1")
          .replace("{month}", "2026-10")
          .replace("{year}", "2026")
          .replace(/\{\w+\}/g, "pruef-wert") + (workspace ? "?workspace=flensburg" : "");
      return [{ method: method.toUpperCase() as Operation["method"], url, fields }];
    }),
  );
}, 300_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
});

/** Sends `body` as the first caller the route admits (401/403 mean: not this caller). */
async function send(op: Operation, body: unknown) {
  let last = { statusCode: 0, body: "" };
  for (const caller of [undefined, ...callers]) {
    const res = await app.inject({
      method: op.method,
      url: op.url,
      headers: { ...caller, "content-type": "application/json" },
      payload: JSON.stringify(body),
    });
    last = { statusCode: res.statusCode, body: res.body };
    if (res.statusCode !== 401 && res.statusCode !== 403) return last;
  }
  return last;
}

describe("validation messages", () => {
  it("finds every body schema of the API", () => {
    expect(operations.length).toBeGreaterThanOrEqual(20);
    expect(operations.flatMap((o) => o.fields).length).toBeGreaterThan(150);
  });

  it("has a German label for every field of every body", () => {
    const missing = new Set<string>();
    for (const op of operations) {
      for (const f of op.fields) {
        const keys = f.path.filter((p) => p !== "[]");
        if (labelOfKey(keys.at(-1)!, keys.at(-2) ?? null) === null) {
          missing.add(`${op.method} ${op.url}: ${f.path.join(".")}`);
        }
        expect(fieldLabel(f.path.map((p) => (p === "[]" ? 0 : p)))).not.toMatch(/„/);
      }
    }
    expect([...missing]).toEqual([]);
  });

  it("an empty body: each missing field is named, in German", async () => {
    for (const op of operations) {
      const issues = checkIssues(await send(op, {}), `${op.method} ${op.url} {}`);
      for (const issue of issues) {
        if (issue.where === "body" && !issue.path.includes(".")) {
          expect(issue.message).toMatch(/: (Angabe fehlt|braucht|darf nicht leer)/);
        }
      }
    }
  });

  it("empty, too large, wrong type and hostile values: every message names its field", async () => {
    let refusals = 0;
    let tooLarge = 0;
    for (const op of operations) {
      for (const f of op.fields) {
        const label = fieldLabel(f.path.map((p) => (p === "[]" ? 0 : p)));
        const at = jsonPath(f.path);
        // The field itself, the object or list it sits in, or — in a union of kinds — the
        // kind that decides which fields an element has (a field of no kind is not checked).
        const isKindAbove = (i: Issue) =>
          /\.(type|kind)$/.test(i.path) && at.startsWith(i.path.replace(/(type|kind)$/, ""));
        const ancestorOrSelf = (i: Issue) =>
          at === i.path || at.startsWith(`${i.path}.`) || isKindAbove(i);
        const context = `${op.method} ${op.url} ${at}`;

        const wrong = wrongTypeFor(f.schema);
        if (typeof wrong !== "symbol") {
          const res = await send(op, bodyWith(f.path, wrong));
          const issues = checkIssues(res, `${context} falsch`);
          const own = issues.filter(ancestorOrSelf);
          expect(
            own.length,
            `${context}: wrong type not refused: ${res.body.slice(0, 500)}`,
          ).toBeGreaterThan(0);
          if (own.some((i) => i.path === at)) {
            expect(own.find((i) => i.path === at)!.field).toBe(label);
          }
          refusals += own.length;
        }

        const large = tooLargeFor(f.schema);
        if (large !== undefined) {
          const issues = checkIssues(await send(op, bodyWith(f.path, large)), `${context} groß`);
          const own = issues.filter((i) => i.path === at);
          const kindFirst = own.length === 0 && issues.some(isKindAbove);
          if (!kindFirst) {
            const pattern = new RegExp(
              `^${label.replace(/[()]/g, "\\$&")}: (höchstens|muss kleiner)`,
            );
            expect(
              own.some((i) => pattern.test(i.message)),
              `${context}: too large not refused: ${JSON.stringify(own)}`,
            ).toBe(true);
            tooLarge++;
          }
        }

        if (typeOf(f.schema) === "string") {
          checkIssues(await send(op, bodyWith(f.path, "")), `${context} leer`);
          for (const hostile of HOSTILE) {
            checkIssues(await send(op, bodyWith(f.path, hostile)), `${context} feindlich`);
          }
        } else {
          checkIssues(await send(op, bodyWith(f.path, null)), `${context} null`);
        }
      }
    }
    expect(refusals).toBeGreaterThan(100);
    expect(tooLarge).toBeGreaterThan(10);
  }, 600_000);

  it("answers the example of a planner: places too large", async () => {
    const op = operations.find((o) =>
      o.url.startsWith("/api/accommodation/facilities/pruef-wert/capacity"),
    )!;
    const res = await send(op, { from: "2021-01-01", places: 250_000, units: 3 });
    expect(res.statusCode).toBe(400);
    const body = JSON.parse(res.body) as {
      error: { message: string; details: { issues: Issue[] } };
    };
    expect(body.error.details.issues.map((i) => i.message)).toEqual(["Plätze: höchstens 100.000"]);
    expect(body.error.message).toBe("Bitte prüfen: Plätze: höchstens 100.000.");
  });

  it("an empty login says what is missing", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/session",
      payload: { email: "", password: "" },
    });
    expect(res.statusCode).toBe(400);
    const messages = res.json<{ error: { details: { issues: Issue[] } } }>().error.details.issues;
    expect(messages.map((i) => i.message).sort()).toEqual([
      "E-Mail-Adresse: darf nicht leer sein",
      "Passwort: darf nicht leer sein",
    ]);
  });
});
