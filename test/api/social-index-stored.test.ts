/**
 * The social index from the stored demo data (Flensburg's 13 districts): dynamics computed
 * from the stored series as the change over `dynamicsYears`, checked against the values the
 * map endpoint serves for both years; and the same over HTTP for a planner.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../src/cli/demo.ts";
import { buildApp } from "../../src/server/app.ts";
import { parseIndexDefinition } from "../../src/contracts/documents/index-definition.ts";
import { createServiceContext, type ServiceContext } from "../../src/services/context.ts";
import { computeIndicatorValueSet } from "../../src/services/indicators/indicator-values.ts";
import { computeStoredIndex } from "../../src/services/social-index/social-index.ts";
import { resolveWorkspace } from "../../src/services/workspaces.ts";
import { signIn } from "../support/sign-in.ts";
import { openTestDatabase, type TestDatabase } from "../support/test-db.ts";

let t: TestDatabase;
let ctx: ServiceContext;

beforeAll(async () => {
  t = await openTestDatabase();
  ctx = createServiceContext(t.db);
  await seedDemo(ctx);
});
afterAll(async () => {
  await t.close();
});

describe("social index from stored values", () => {
  it("computes dynamics as the change over the span from the stored series", async () => {
    const ws = await resolveWorkspace(ctx, "flensburg");
    const definition = parseIndexDefinition({
      code: "flensburg-test",
      name: "Test",
      status: [{ code: "sgb2_rate" }, { code: "child_sgb2_rate" }],
      dynamics: [{ code: "sgb2_change", of: "sgb2_rate" }],
      dynamicsYears: 2,
      exclusions: { minPopulation: 0 },
    });
    if (!definition.ok) throw new Error(definition.error.join("\n"));
    const run = await computeStoredIndex(ctx, ws, definition.value, {
      level: "district",
      period: "2021",
      populationIndicator: "population",
      audience: "planning",
    });
    if (!run.ok) throw new Error(run.error.join("\n"));
    const r = run.value.result;
    expect(r.areas).toHaveLength(13);
    expect(r.included).toBe(13);
    const read = (period: string) =>
      computeIndicatorValueSet(ctx, ws, "sgb2_rate", {
        level: "district",
        period,
        disclosure: false,
        audience: "planning",
      });
    const [now, then] = await Promise.all([read("2021"), read("2019")]);
    const neustadt = r.areas.find((a) => a.code === "STGT02")!;
    const v2021 = now.values.find((v) => v.area === "STGT02")!.value!;
    const v2019 = then.values.find((v) => v.area === "STGT02")!.value!;
    expect(neustadt.values["sgb2_change"]).toBeCloseTo(v2021 - v2019, 10);
    expect(neustadt.population).toBeGreaterThan(1000);
    // Every district has a class in both dimensions, and the classes add up.
    const total = (c: Readonly<Record<string, number>>) =>
      Object.values(c).reduce((a, b) => a + b, 0);
    expect(total(r.counts.status)).toBe(13);
    expect(total(r.counts.dynamics)).toBe(13);
  });

  it("says clearly when the span reaches before the data", async () => {
    const ws = await resolveWorkspace(ctx, "flensburg");
    const definition = parseIndexDefinition({
      code: "x",
      name: "Test",
      status: [{ code: "sgb2_rate" }, { code: "child_sgb2_rate" }],
      dynamics: [{ code: "sgb2_change", of: "sgb2_rate" }],
      dynamicsYears: 30,
      exclusions: { minPopulation: 0 },
    });
    if (!definition.ok) throw new Error(definition.error.join("\n"));
    // The period 30 years back does not exist in the workspace: said as such (404 over HTTP).
    await expect(
      computeStoredIndex(ctx, ws, definition.value, {
        level: "district",
        period: "2021",
        populationIndicator: "population",
        audience: "planning",
      }),
    ).rejects.toThrow("Zeitraum „1991“ wurde nicht gefunden.");
  });
});

describe("POST /api/analyses/social-index", () => {
  it("computes the index for a planner, and names every problem of a bad definition", async () => {
    const app = await buildApp({ ctx, version: "test" });
    try {
      const auth = await signIn(ctx, "planner");
      const definition = {
        code: "flensburg-test",
        name: "Test",
        status: [{ code: "sgb2_rate" }, { code: "child_sgb2_rate" }],
        dynamics: [{ code: "sgb2_change", of: "sgb2_rate" }],
        exclusions: { minPopulation: 0 },
      };
      const ok = await app.inject({
        method: "POST",
        url: "/api/analyses/social-index",
        headers: auth,
        payload: { definition, level: "district", period: "2021" },
      });
      expect(ok.statusCode, ok.body).toBe(200);
      const body = ok.json<{ included: number; areas: { code: string; group: string }[] }>();
      expect(body.included).toBe(13);
      expect(body.areas.find((a) => a.code === "STGT02")?.group).toMatch(/^[1-4](\+|\+\/-|-)$/);

      const bad = await app.inject({
        method: "POST",
        url: "/api/analyses/social-index",
        headers: auth,
        payload: {
          definition: {
            ...definition,
            statusClasses: [
              { key: "a", label: "A", upTo: 1 },
              { key: "b", label: "B", upTo: 0.5 },
            ],
          },
        },
      });
      expect(bad.statusCode).toBe(400);
      const error = bad.json<{ error: { message: string; details: { problems: string[] } } }>();
      expect(error.error.message).toBe("Die Indexdefinition ist fehlerhaft.");
      expect(error.error.details.problems).toContain(
        "Statusklassen: die letzte Klasse („B“) hat keine Obergrenze.",
      );

      const empty = await app.inject({
        method: "POST",
        url: "/api/analyses/social-index",
        headers: auth,
        payload: { definition: { ...definition, status: [] } },
      });
      expect(empty.statusCode).toBe(400);
    } finally {
      await app.close();
    }
  });
});

describe("POST /api/analyses/typology", () => {
  it("groups the districts into types with a profile against the city", async () => {
    const app = await buildApp({ ctx, version: "test" });
    try {
      const auth = await signIn(ctx, "planner");
      const ask = (payload: Record<string, unknown>) =>
        app.inject({ method: "POST", url: "/api/analyses/typology", headers: auth, payload });
      const res = await ask({
        indicators: ["sgb2_rate", "share_under_18", "share_65_plus"],
        level: "district",
        period: "2021",
        k: 3,
      });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<{
        k: number;
        silhouettes: { k: number; width: number }[];
        types: { type: number; areas: number; profile: { indicator: string; city: number }[] }[];
        areas: { code: string; type: number | null }[];
      }>();
      expect(body.k).toBe(3);
      expect(body.types.reduce((n, t) => n + t.areas, 0)).toBe(13);
      expect(body.areas.every((a) => a.type !== null && a.type >= 1 && a.type <= 3)).toBe(true);
      expect(body.silhouettes.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
      expect(body.types[0]!.profile.map((p) => p.indicator)).toEqual([
        "sgb2_rate",
        "share_under_18",
        "share_65_plus",
      ]);
      // The same request gives the same types (fixed seed); Ward is an option.
      expect(
        (
          await ask({
            indicators: ["sgb2_rate", "share_under_18", "share_65_plus"],
            level: "district",
            period: "2021",
            k: 3,
          })
        ).json(),
      ).toEqual(body);
      const ward = await ask({
        indicators: ["sgb2_rate", "share_under_18"],
        method: "ward",
        level: "district",
        period: "2021",
      });
      expect(ward.statusCode).toBe(200);
      // One indicator is not a typology.
      const one = await ask({ indicators: ["sgb2_rate"] });
      expect(one.statusCode).toBe(400);
    } finally {
      await app.close();
    }
  });
});

describe("GET /api/analyses/alerts", () => {
  it("names values far outside the city's level and trend turns, each in German", async () => {
    const app = await buildApp({ ctx, version: "test" });
    try {
      const auth = await signIn(ctx, "planner");
      const res = await app.inject({
        method: "GET",
        url: "/api/analyses/alerts?level=district&period=2021",
        headers: auth,
      });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<{
        level: string;
        period: string;
        alerts: { kind: string; indicator: string; area: string; message: string }[];
      }>();
      expect(body).toMatchObject({ level: "district", period: "2021" });
      // Neustadt's SGB II rate (24.9 % of several thousand people against the city's 14.2 %).
      const neustadt = body.alerts.find(
        (a) => a.kind === "outlier" && a.indicator === "sgb2_rate" && a.area === "STGT02",
      );
      expect(neustadt?.message).toBe(
        "SGB-II-Quote in Neustadt: 24,9 % gegenüber 14,2 % in der Stadt – deutlich höher, als der Zufall bei dieser Gebietsgröße erklärt.",
      );
      for (const a of body.alerts.filter((x) => x.kind === "trend_turn")) {
        expect(a.message).toMatch(/(steigt|fällt) wieder \(\d{4}–\d{4}: [+−-]?\d/);
      }
      const viewer = await signIn(ctx, "viewer");
      const refused = await app.inject({
        method: "GET",
        url: "/api/analyses/alerts",
        headers: viewer,
      });
      expect(refused.statusCode).toBe(403);
    } finally {
      await app.close();
    }
  });
});
