/**
 * The indicator editor over HTTP: creating and changing sheets with every problem named at its
 * field, the live preview (with the atlas's disclosure control), the formula history written
 * by every path that changes a sheet, publication states, variable metadata, and who may do it.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.ts";
import { applyCatalogue, parseCatalogue } from "../../src/services/data/apply-catalogue.ts";
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { runImport } from "../../src/services/data/run-import.ts";
import { resolveWorkspace } from "../../src/services/workspaces.ts";
import { signIn, type AuthHeaders } from "../support/sign-in.ts";
import { longMapping, testCityCatalogue } from "../support/test-city.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

let t: TestDatabase;
let ctx: ServiceContext;
let app: FastifyInstance;
const as: Partial<Record<"planner" | "admin" | "viewer" | "contributor", AuthHeaders>> = {};
const WS = "editstadt";
/** An answer read loosely (as JSON.parse gives it): the assertions check its shape. */
type Json = ReturnType<typeof JSON.parse>;
/** A sheet body without its code, as PUT takes it. */
const withoutCode = ({ code: _c, ...rest }: Record<string, unknown>) => rest;
const q = `workspace=${WS}`;

const baseCatalogue = () => ({
  ...testCityCatalogue({
    slug: WS,
    cityCode: "S",
    districtCode: (i) => `T${i}`,
    districts: 4,
    variables: ["pop", "recipients", "children"],
  }),
  indicators: [
    {
      code: "rate",
      name: "Empfängerquote",
      theme: "Soziale Lage",
      numerator: ["recipients"],
      denominator: ["pop"],
      factor: 100,
      unit: "%",
      decimals: 1,
      polarity: "lower_is_better",
      definition: "Empfänger je 100 Einwohner.",
    },
  ],
});

// District T0 has 1 recipient (below the minimum of 3): its value must stay withheld.
const CSV = [
  "gebiet;merkmal;jahr;wert",
  ...[
    ["T0", 120, 1, 30],
    ["T1", 200, 40, 50],
    ["T2", 180, 30, 45],
    ["T3", 150, 25, 35],
  ].flatMap(([a, pop, rec, ch]) => [
    `${a};pop;2023;${pop}`,
    `${a};recipients;2023;${rec}`,
    `${a};children;2023;${ch}`,
  ]),
].join("\n");

beforeAll(async () => {
  t = await openTestDatabase();
  ctx = createServiceContext(t.db);
  await applyCatalogue(ctx, parseCatalogue(baseCatalogue()), SYSTEM_ACTOR);
  const report = await runImport(ctx, {
    actor: SYSTEM_ACTOR,
    workspace: await resolveWorkspace(ctx, WS),
    fileName: "werte.csv",
    bytes: Buffer.from(CSV + "\n"),
    mapping: longMapping(),
    dryRun: false,
  });
  expect(report.status).toBe("committed");
  for (const role of ["planner", "admin", "viewer", "contributor"] as const) {
    as[role] = await signIn(ctx, role, WS);
  }
  app = await buildApp({ ctx, version: "test" });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
});

async function call(
  role: keyof typeof as,
  method: "GET" | "POST" | "PUT",
  url: string,
  body?: unknown,
) {
  const res = await app.inject({
    method,
    url: `${url}${url.includes("?") ? "&" : "?"}${q}`,
    headers: {
      ...as[role]!,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  return { status: res.statusCode, json: res.json<Json>(), body: res.body };
}

const sheet = (over: Record<string, unknown> = {}) => ({
  code: "child_share",
  name: "Kinderanteil",
  theme: "Bevölkerung",
  numerator: ["children"],
  denominator: ["pop"],
  factor: 100,
  unit: "%",
  decimals: 1,
  polarity: "neutral",
  sheet: { definition: "Kinder je 100 Einwohner.", source: "Melderegister" },
  ...over,
});

interface Issue {
  path: string;
  field: string;
  message: string;
}
const issuesOf = (json: Json): Issue[] => json.error?.details?.issues ?? [];

describe("creating an indicator", () => {
  it("names every problem at its field, in German, and saves nothing", async () => {
    const res = await call("planner", "POST", "/api/indicators", {
      ...sheet({ code: "rate" }),
      numerator: ["children", "nope"],
      denominator: ["unbekannt"],
    });
    expect(res.status).toBe(400);
    const issues = issuesOf(res.json);
    expect(issues.map((i) => i.path)).toEqual(["code", "numerator.1", "denominator.0"]);
    expect(issues[0]!.message).toMatch(/^Kürzel: „rate“ hat schon ein Indikator/);
    expect(issues[1]!.message).toBe("Zähler: das Merkmal „nope“ gibt es nicht");
    expect(issues[2]!.message).toBe("Nenner: das Merkmal „unbekannt“ gibt es nicht");
    expect((await call("planner", "GET", "/api/indicators")).json).toHaveLength(1);
  });

  it("refuses a denominator equal to the numerator, a factor ≤ 0 and decimals out of range", async () => {
    const same = await call("planner", "POST", "/api/indicators", {
      ...sheet(),
      denominator: ["children"],
    });
    expect(same.status).toBe(400);
    expect(issuesOf(same.json)[0]).toMatchObject({ path: "denominator", field: "Nenner" });
    expect(issuesOf(same.json)[0]!.message).toMatch(/^Nenner: ist derselbe wie der Zähler/);

    const bad = await call("planner", "POST", "/api/indicators", {
      ...sheet(),
      factor: 0,
      decimals: 7,
      name: "",
      sheet: { definition: "" },
    });
    expect(bad.status).toBe(400);
    const byPath = new Map(issuesOf(bad.json).map((i) => [i.path, i.message]));
    expect(byPath.get("factor")).toMatch(/^Faktor: /);
    expect(byPath.get("decimals")).toMatch(/^Nachkommastellen: /);
    expect(byPath.get("name")).toMatch(/^Name: /);
    expect(byPath.get("sheet.definition")).toMatch(/^Definition: /);
  });

  it("saves the sheet and returns it with the formula warnings", async () => {
    const res = await call("planner", "POST", "/api/indicators", {
      ...sheet(),
      factor: 10,
      publication: "draft",
    });
    expect(res.status, res.body).toBe(201);
    expect(res.json.indicator).toMatchObject({
      code: "child_share",
      numerator: ["children"],
      denominator: ["pop"],
      factor: 10,
      publication: "draft",
      sheet: { formula: "children / pop × 10", source: "Melderegister", history: [] },
    });
    expect(res.json.warnings).toEqual([
      expect.stringMatching(/Einheit ist „%“, der Faktor aber 10/),
    ]);
    // A draft exists for planners only.
    expect((await call("viewer", "GET", "/api/indicators/child_share")).status).toBe(404);
    const audit = await call("planner", "GET", "/api/audit?entity=indicator&key=child_share");
    expect(audit.json.items[0]).toMatchObject({ action: "create", entity: "indicator" });
  });
});

describe("the live preview", () => {
  it("gives the values the saved indicator would, after the atlas's disclosure control", async () => {
    const preview = await call("planner", "POST", "/api/indicators/preview", {
      numerator: ["recipients"],
      denominator: ["pop"],
      factor: 100,
      unit: "%",
      decimals: 1,
    });
    expect(preview.status, preview.body).toBe(200);
    expect(preview.json.formula).toBe("recipients / pop × 100");
    expect(preview.json.values.period).toBe("2023");
    expect(preview.json.values.disclosure).toEqual({ minCount: 3, applied: true });
    const small = preview.json.values.values.find((v: { area: string }) => v.area === "T0");
    expect(small).toMatchObject({ status: "suppressed", value: null, numerator: null });
    // The stored indicator with the same formula, as the atlas shows it (disclosure on).
    const atlas = await call("planner", "GET", "/api/indicators/rate/values?level=district");
    expect(preview.json.values.values).toEqual(atlas.json.values);
    // The withheld count cannot be recovered as the city minus the other districts: a
    // second district or the city is withheld too (secondary suppression).
    const withheld = preview.json.values.values.filter(
      (v: { status: string }) => v.status !== "known",
    );
    const city = preview.json.values.reference;
    expect(withheld.length >= 2 || city === null || city.status !== "known").toBe(true);
  });

  it("answers with warnings, a note when there is nothing to show, and field problems", async () => {
    const mixed = await call("planner", "POST", "/api/indicators/preview", {
      numerator: ["children"],
      denominator: ["pop"],
      factor: 1,
      unit: "%",
    });
    expect(mixed.json.warnings).toEqual([expect.stringMatching(/Faktor aber 1/)]);
    const none = await call("planner", "POST", "/api/indicators/preview?period=1999", {
      numerator: ["children"],
    });
    expect(none.status).toBe(200);
    expect(none.json.values).toBeNull();
    expect(none.json.note).toMatch(/Zeitraum „1999“/);
    const bad = await call("planner", "POST", "/api/indicators/preview", { numerator: ["x"] });
    expect(bad.status).toBe(400);
    expect(issuesOf(bad.json)[0]).toMatchObject({ path: "numerator.0", field: "Zähler" });
  });

  it("is for planners and administrators only", async () => {
    const body = { numerator: ["recipients"], denominator: ["pop"], factor: 100, unit: "%" };
    expect((await call("viewer", "POST", "/api/indicators/preview", body)).status).toBe(403);
    expect((await call("contributor", "POST", "/api/indicators/preview", body)).status).toBe(403);
    const admin = await call("admin", "POST", "/api/indicators/preview", body);
    expect(admin.status).toBe(200);
    expect(admin.json.values.disclosure.applied).toBe(true);
  });
});

describe("changing a sheet and its formula history", () => {
  it("versions every change of the sheet, with who and the formula before and after", async () => {
    const res = await call("planner", "PUT", "/api/indicators/rate", {
      ...sheet(),
      code: undefined,
      name: "Empfängerquote",
      theme: "Soziale Lage",
      numerator: ["recipients"],
      denominator: ["pop", "children"],
      factor: 100,
    });
    expect(res.status, res.body).toBe(200);
    expect(res.json.indicator.sheet.formula).toBe("recipients / (pop + children) × 100");
    const history = await call("planner", "GET", "/api/indicators/rate/history");
    expect(history.status).toBe(200);
    expect(history.json.versions).toHaveLength(1);
    expect(history.json.versions[0]).toMatchObject({
      formulaBefore: "recipients / pop × 100",
      formulaAfter: "recipients / (pop + children) × 100",
      actor: expect.stringMatching(/^planner\./),
    });
    expect(history.json.versions[0].changed).toContain("Nenner");
    expect(history.json.versions[0].before.denominator).toEqual(["pop"]);
    // The sheet shows it too; who changed it only to those who edit sheets.
    const forViewer = await call("viewer", "GET", "/api/indicators/rate");
    expect(forViewer.json.sheet.history[0]).toMatchObject({
      formulaBefore: "recipients / pop × 100",
      actor: null,
    });
    const audit = await call("planner", "GET", "/api/audit?entity=indicator&key=rate");
    expect(audit.json.items[0]).toMatchObject({ action: "update" });
  });

  it("saving the same sheet again adds no version", async () => {
    const current = (await call("planner", "GET", "/api/indicators/rate")).json;
    const res = await call("planner", "PUT", "/api/indicators/rate", {
      name: current.name,
      theme: current.theme,
      numerator: current.numerator,
      denominator: current.denominator,
      factor: current.factor,
      unit: current.unit,
      decimals: current.decimals,
      polarity: current.polarity,
      sheet: {
        definition: current.sheet.definition,
        interpretation: current.sheet.interpretation,
        limits: current.sheet.limits,
        source: current.sheet.source,
      },
    });
    expect(res.status, res.body).toBe(200);
    expect(
      (await call("planner", "GET", "/api/indicators/rate/history")).json.versions,
    ).toHaveLength(1);
  });

  it("the catalogue file records a version when it changes an existing indicator", async () => {
    const cat = baseCatalogue();
    await applyCatalogue(ctx, parseCatalogue(cat), SYSTEM_ACTOR);
    const history = (await call("planner", "GET", "/api/indicators/rate/history")).json;
    expect(history.versions).toHaveLength(2);
    expect(history.versions[0]).toMatchObject({
      actor: "system",
      formulaBefore: "recipients / (pop + children) × 100",
      formulaAfter: "recipients / pop × 100",
    });
    // Applying it again changes nothing and records nothing.
    await applyCatalogue(ctx, parseCatalogue(cat), SYSTEM_ACTOR);
    expect(
      (await call("planner", "GET", "/api/indicators/rate/history")).json.versions,
    ).toHaveLength(2);
  });

  it("an unknown indicator is 404, a body problem 400 naming the field", async () => {
    const body = withoutCode(sheet());
    expect((await call("planner", "PUT", "/api/indicators/nope", body)).status).toBe(404);
    const bad = await call("planner", "PUT", "/api/indicators/rate", { ...body, numerator: [] });
    expect(bad.status).toBe(400);
    expect(issuesOf(bad.json)[0]!.message).toMatch(/^Zähler: /);
  });
});

describe("publication states", () => {
  it("planners set them; administrators edit sheets but not the publication state", async () => {
    const pub = await call("planner", "PUT", "/api/indicators/child_share/publication", {
      publication: "internal",
    });
    expect(pub.status).toBe(200);
    expect((await call("viewer", "GET", "/api/indicators/child_share")).status).toBe(200);
    const body = withoutCode(sheet());
    const asAdmin = await call("admin", "PUT", "/api/indicators/child_share", {
      ...body,
      name: "Anteil der Kinder",
    });
    expect(asAdmin.status, asAdmin.body).toBe(200);
    expect(asAdmin.json.indicator.name).toBe("Anteil der Kinder");
    const publish = await call("admin", "PUT", "/api/indicators/child_share", {
      ...body,
      publication: "public",
    });
    expect(publish.status).toBe(403);
    expect(publish.json.error.message).toMatch(/Sozialplanung/);
    expect(
      (
        await call("admin", "PUT", "/api/indicators/child_share/publication", {
          publication: "public",
        })
      ).status,
    ).toBe(403);
  });
});

describe("variables", () => {
  const meta = {
    name: "Kinder unter 18",
    description: "Einwohner unter 18 Jahren mit Hauptwohnsitz",
    unit: "Personen",
    measure: "stock",
    aggregation: "sum",
    source: "Melderegister",
  };

  it("changes metadata, audited, without a warning when measure and aggregation stay", async () => {
    const res = await call("planner", "PUT", "/api/variables/children", meta);
    expect(res.status, res.body).toBe(200);
    expect(res.json.variable).toMatchObject({ code: "children", name: "Kinder unter 18" });
    expect(res.json.warnings).toEqual([]);
    const audit = await call("planner", "GET", "/api/audit?entity=variable&key=children");
    expect(audit.json.items[0]).toMatchObject({ action: "update" });
    expect(audit.json.items[0].after.name).toBe("Kinder unter 18");
  });

  it("says it when measure or aggregation of a variable with values changes", async () => {
    const res = await call("admin", "PUT", "/api/variables/children", {
      ...meta,
      measure: "flow",
      aggregation: "none",
    });
    expect(res.status).toBe(200);
    expect(res.json.warnings).toHaveLength(2);
    expect(res.json.warnings[0]).toMatch(/Art der Zahl geändert .* schon 4 Werte/);
    expect(res.json.warnings[1]).toMatch(/^Summierung geändert/);
    expect(res.json.variable).toMatchObject({ measure: "flow", aggregation: "none" });
  });

  it("names bad fields and refuses other roles", async () => {
    const bad = await call("planner", "PUT", "/api/variables/children", {
      ...meta,
      measure: "viel",
      unit: "",
    });
    expect(bad.status).toBe(400);
    const fields = issuesOf(bad.json).map((i) => i.field);
    expect(fields).toEqual(expect.arrayContaining(["Art der Zahl", "Einheit"]));
    expect((await call("viewer", "PUT", "/api/variables/children", meta)).status).toBe(403);
    expect((await call("planner", "PUT", "/api/variables/nope", meta)).status).toBe(404);
  });
});

describe("roles", () => {
  it("viewers and contributors may not create, change or read the history", async () => {
    for (const role of ["viewer", "contributor"] as const) {
      expect((await call(role, "POST", "/api/indicators", sheet({ code: "x1" }))).status).toBe(403);
      const body = withoutCode(sheet());
      expect((await call(role, "PUT", "/api/indicators/rate", body)).status).toBe(403);
      expect((await call(role, "GET", "/api/indicators/rate/history")).status).toBe(403);
    }
  });

  it("an administrator creates an indicator (internal) but cannot make it a draft", async () => {
    const draft = await call("admin", "POST", "/api/indicators", {
      ...sheet({ code: "admin_draft" }),
      publication: "draft",
    });
    expect(draft.status).toBe(403);
    const ok = await call("admin", "POST", "/api/indicators", sheet({ code: "admin_ok" }));
    expect(ok.status, ok.body).toBe(201);
    expect(ok.json.indicator.publication).toBe("internal");
  });
});
