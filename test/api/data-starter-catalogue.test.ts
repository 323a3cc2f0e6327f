/**
 * The starter catalogue over HTTP: a planner takes three standard indicators over into an
 * empty workspace and finds them, with their variables, where every indicator is listed; a
 * second pick of one of them, an unknown code and a viewer are refused without a write.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  StarterCatalogueDto,
  StarterPicksDto,
} from "../../src/contracts/data-starter-catalogue.ts";
import { buildApp } from "../../src/server/app.ts";
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { applyCatalogue, parseCatalogue } from "../../src/services/data/apply-catalogue.ts";
import { injectAs, signIn } from "../support/sign-in.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

let t: TestDatabase;
let ctx: ServiceContext;
let app: FastifyInstance;
let planner: ReturnType<typeof injectAs>;
let admin: ReturnType<typeof injectAs>;
let viewer: ReturnType<typeof injectAs>;

const PICKS = ["sgb2_rate", "old_age_ratio", "youth_welfare_rate"];

beforeAll(async () => {
  t = await openTestDatabase();
  ctx = createServiceContext(t.db);
  await applyCatalogue(
    ctx,
    parseCatalogue({ workspace: { slug: "leerstadt", name: "Leerstadt" } }),
    SYSTEM_ACTOR,
  );
  app = await buildApp({ ctx, version: "test" });
  planner = injectAs(app, await signIn(ctx, "planner", "leerstadt"));
  admin = injectAs(app, await signIn(ctx, "admin", "leerstadt"));
  viewer = injectAs(app, await signIn(ctx, "viewer", "leerstadt"));
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const codesOf = async (url: string) =>
  (await planner({ method: "GET", url }))
    .json<{ code: string }[]>()
    .map((x) => x.code)
    .sort();

/** Everything a pick could change: the catalogue and the audit log. */
async function state() {
  const audit = await planner({ method: "GET", url: "/api/audit?limit=500" });
  return {
    variables: await codesOf("/api/variables"),
    indicators: await codesOf("/api/indicators"),
    audit: audit.body,
  };
}

describe("the starter catalogue", () => {
  it("lists the library with what each indicator would create", async () => {
    const res = await admin({ method: "GET", url: "/api/starter-catalogue" });
    expect(res.statusCode).toBe(200);
    const lib = res.json<StarterCatalogueDto>();
    expect(lib.indicators.length).toBeGreaterThanOrEqual(30);
    const sgb2 = lib.indicators.find((i) => i.code === "sgb2_rate")!;
    expect(sgb2).toMatchObject({ name: "SGB-II-Quote", present: false });
    expect(sgb2.newVariables.map((v) => v.code)).toEqual([
      "sgb2_recipients",
      "pop_under_18",
      "pop_18_64",
    ]);
    expect(sgb2.source).toContain("Bundesagentur für Arbeit");
  });

  it("takes three indicators over into an empty workspace, with their variables", async () => {
    expect(await codesOf("/api/indicators")).toEqual([]);
    const res = await planner({
      method: "POST",
      url: "/api/starter-catalogue/picks",
      payload: { indicators: PICKS },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json<StarterPicksDto>();
    expect([...body.indicators].sort()).toEqual([...PICKS].sort());
    const expectedVariables = [
      "pop_18_64",
      "pop_20_64",
      "pop_65_plus",
      "pop_under_18",
      "sgb2_recipients",
      "youth_welfare_cases",
    ];
    expect([...body.variables].sort()).toEqual(expectedVariables);

    expect(await codesOf("/api/indicators")).toEqual([...PICKS].sort());
    expect(await codesOf("/api/variables")).toEqual(expectedVariables);
    const sheet = await planner({ method: "GET", url: "/api/indicators/sgb2_rate" });
    expect(sheet.json()).toMatchObject({
      name: "SGB-II-Quote",
      numerator: ["sgb2_recipients"],
      denominator: ["pop_under_18", "pop_18_64"],
    });

    const audit = await planner({ method: "GET", url: "/api/audit?entity=indicator&limit=50" });
    const keys = audit.json<{ items: { entityKey: string; action: string }[] }>().items;
    for (const code of PICKS) {
      expect(keys).toContainEqual(expect.objectContaining({ entityKey: code, action: "create" }));
    }

    const lib = (
      await planner({ method: "GET", url: "/api/starter-catalogue" })
    ).json<StarterCatalogueDto>();
    const shown = lib.indicators.find((i) => i.code === "old_age_ratio")!;
    expect(shown.present).toBe(true);
    // share_65_plus reads pop_65_plus and population; only population is still missing.
    const next = lib.indicators.find((i) => i.code === "share_65_plus")!;
    expect(next.newVariables.map((v) => v.code)).toEqual(["population"]);
  });

  it("refuses an indicator the workspace already has, naming it, and writes nothing", async () => {
    const before = await state();
    const res = await planner({
      method: "POST",
      url: "/api/starter-catalogue/picks",
      payload: { indicators: ["share_65_plus", "old_age_ratio"] },
    });
    expect(res.statusCode).toBe(409);
    const message = res.json<{ error: { message: string } }>().error.message;
    expect(message).toContain("„Altenquotient“ (old_age_ratio)");
    expect(message).toContain("schon");
    expect(await state()).toEqual(before);
  });

  it("refuses a code the library does not hold, naming it in German", async () => {
    const before = await state();
    const res = await planner({
      method: "POST",
      url: "/api/starter-catalogue/picks",
      payload: { indicators: ["share_65_plus", "gluecksindex"] },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json<{ error: { message: string } }>().error.message).toBe(
      "Den Indikator „gluecksindex“ gibt es im Startkatalog nicht.",
    );
    expect(await state()).toEqual(before);
  });

  it("refuses an empty pick with the field's German name", async () => {
    const res = await planner({
      method: "POST",
      url: "/api/starter-catalogue/picks",
      payload: { indicators: [] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toContain("Indikatoren");
  });

  it("refuses a viewer, for the list and the pick", async () => {
    const before = await state();
    const list = await viewer({ method: "GET", url: "/api/starter-catalogue" });
    expect(list.statusCode).toBe(403);
    const pick = await viewer({
      method: "POST",
      url: "/api/starter-catalogue/picks",
      payload: { indicators: ["share_65_plus"] },
    });
    expect(pick.statusCode).toBe(403);
    expect(pick.json<{ error: { message: string } }>().error.message).toContain("Lesezugriff");
    expect(await state()).toEqual(before);
  });
});
