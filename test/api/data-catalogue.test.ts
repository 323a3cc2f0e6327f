/**
 * The whole catalogue as one file: what a workspace holds is exported in the format of
 * `sopla catalogue apply`, applies to an empty workspace and comes back the same; a bad file is
 * refused whole, naming every bad field in German; a file of another workspace is refused.
 */
import { readFile } from "node:fs/promises";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { catalogueJsonSchema, catalogueSchema } from "../../src/contracts/documents/catalogue.ts";
import { buildApp } from "../../src/server/app.ts";
import { SYSTEM_ACTOR } from "../../src/services/audit.ts";
import { applyCatalogue, parseCatalogue } from "../../src/services/data/apply-catalogue.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { injectAs, signIn } from "../support/sign-in.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

let t: TestDatabase;
let ctx: ServiceContext;
let app: FastifyInstance;
let flensburg: ReturnType<typeof injectAs>;
let norderstedt: ReturnType<typeof injectAs>;

const DEMO = new URL("../../demo/flensburg/catalogue.json", import.meta.url);

beforeAll(async () => {
  t = await openTestDatabase();
  ctx = createServiceContext(t.db);
  const demo = parseCatalogue(JSON.parse(await readFile(DEMO, "utf8")));
  await applyCatalogue(ctx, demo, SYSTEM_ACTOR);
  await applyCatalogue(
    ctx,
    parseCatalogue({ workspace: { slug: "norderstedt", name: "Norderstedt" } }),
    SYSTEM_ACTOR,
  );
  app = await buildApp({ ctx, version: "test" });
  flensburg = injectAs(app, await signIn(ctx, "planner", demo.workspace.slug));
  norderstedt = injectAs(app, await signIn(ctx, "admin", "norderstedt"));
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe("the catalogue as one file", () => {
  it("exports what the workspace holds; applied elsewhere, it comes back the same", async () => {
    const res = await flensburg({ method: "GET", url: "/api/catalogue?download=true" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="katalog-.+\.json"$/);
    const exported = res.json<z.input<typeof catalogueSchema>>();
    expect(catalogueSchema.safeParse(exported).success).toBe(true);
    const demo = parseCatalogue(JSON.parse(await readFile(DEMO, "utf8")));
    expect(exported.variables?.map((v) => v.code).sort()).toEqual(
      demo.variables.map((v) => v.code).sort(),
    );
    expect(exported.indicators?.length).toBe(demo.indicators.length);
    expect(exported.areaSystems?.[0]?.areas?.length).toBe(demo.areaSystems[0]!.areas.length);

    // Into the empty workspace, as its own catalogue.
    const moved = { ...exported, workspace: { ...exported.workspace, slug: "norderstedt" } };
    const applied = await norderstedt({ method: "POST", url: "/api/catalogue", payload: moved });
    expect(applied.statusCode).toBe(200);
    expect(applied.json()).toMatchObject({
      workspace: "norderstedt",
      variables: demo.variables.length,
      indicators: demo.indicators.length,
    });
    const back = (await norderstedt({ method: "GET", url: "/api/catalogue" })).json();
    expect(back).toEqual(moved);
  });

  it("refuses a file of another workspace, and a bad file whole, naming every field", async () => {
    const before = (await norderstedt({ method: "GET", url: "/api/catalogue" })).json<{
      variables: unknown[];
    }>();
    const other = await norderstedt({
      method: "POST",
      url: "/api/catalogue",
      payload: { workspace: { slug: "flensburg-x", name: "X" } },
    });
    expect(other.statusCode).toBe(400);
    expect(other.json<{ error: { message: string } }>().error.message).toBe(
      "Arbeitsbereich: der Katalog gehört zu „flensburg-x“, nicht zu „norderstedt“.",
    );
    const bad = await norderstedt({
      method: "POST",
      url: "/api/catalogue",
      payload: {
        workspace: { slug: "norderstedt", name: "Norderstedt", municipalityKey: "0106" },
        variables: [
          { code: "neu", name: "Neu", unit: "Personen", measure: "stock", aggregation: "sum" },
          { code: "kaputt", name: "", unit: "Personen", measure: "bestand", aggregation: "sum" },
        ],
      },
    });
    expect(bad.statusCode).toBe(400);
    const message = bad.json<{ error: { message: string } }>().error.message;
    expect(message).toMatch(/^Der Katalog ist ungültig: /);
    expect(message).toContain("Gemeinde");
    expect(message).toContain("Name");
    const after = (await norderstedt({ method: "GET", url: "/api/catalogue" })).json<{
      variables: unknown[];
    }>();
    expect(after.variables).toHaveLength(before.variables.length);
  });
});

describe("the JSON Schema of the catalogue", () => {
  it("is the one in docs/catalogue.schema.json", async () => {
    const committed = JSON.parse(
      await readFile(new URL("../../docs/catalogue.schema.json", import.meta.url), "utf8"),
    ) as unknown;
    expect(committed).toEqual(catalogueJsonSchema());
  });
});

describe("an indicator with a doubtful formula", () => {
  it("carries its warnings on the sheet", async () => {
    const applied = await norderstedt({
      method: "POST",
      url: "/api/catalogue",
      payload: {
        workspace: { slug: "norderstedt", name: "Norderstedt" },
        variables: [
          {
            code: "wohnungen",
            name: "Wohnungen",
            unit: "Wohnungen",
            measure: "stock",
            aggregation: "sum",
          },
          {
            code: "umzuege",
            name: "Umzüge",
            unit: "Personen",
            measure: "flow",
            aggregation: "sum",
          },
        ],
        indicators: [
          {
            code: "wohnungen_je_umzug",
            name: "Wohnungen je Umzug",
            theme: "Wohnen",
            numerator: ["wohnungen"],
            denominator: ["umzuege"],
            factor: 1,
            unit: "%",
            polarity: "neutral",
            definition: "Wohnungen je Umzug.",
          },
        ],
      },
    });
    expect(applied.statusCode).toBe(200);
    const sheet = await norderstedt({ method: "GET", url: "/api/indicators/wohnungen_je_umzug" });
    expect(sheet.json<{ sheet: { warnings: string[] } }>().sheet.warnings).toEqual([
      "Ein Bestand („Wohnungen“) wird durch Ereignisse im Zeitraum („Umzüge“) geteilt; gemeint ist meist umgekehrt ein Ereignis je Bestand.",
      "Die Einheit ist „%“, der Faktor aber 1: ein Anteil in Prozent braucht den Faktor 100.",
    ]);
    const demo = await flensburg({ method: "GET", url: "/api/indicators" });
    expect(
      demo.json<{ sheet: { warnings: string[] } }[]>().flatMap((i) => i.sheet.warnings),
    ).toEqual([]);
  });
});
